//! Where a plan's targets and tasks are printed (vị trí chỉ tiêu, nhiệm vụ trong bố
//! cục): a skeleton (a template, an imported structure) names the places with
//! `targets` and `tasks` blocks; every item must be printed in one of them. Part of
//! the model because deriving, templates and import all place items the same way.

use super::{Block, Plan, Section, TaskLayout};
use crate::text;

/// Makes sure every target and task of `plan` is printed somewhere: a group no
/// `targets`/`tasks` block shows gets a block beside the last one of its kind, or,
/// when the skeleton has none, one block for all in the section whose heading names
/// them (MỤC TIÊU, NHIỆM VỤ) or else the last section before TỔ CHỨC THỰC HIỆN.
pub fn place_items(plan: &mut Plan) {
    let target_groups: Vec<String> = unique(plan.targets.iter().map(|t| t.group.clone()));
    let task_groups: Vec<String> = unique(plan.tasks.iter().map(|t| t.group.clone()));
    place(plan, &target_groups, Kind::Targets);
    place(plan, &task_groups, Kind::Tasks);
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Targets,
    Tasks,
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The `group` of a targets or tasks block of `kind`, as `Some(group filter)`.
fn block_group(b: &Block, kind: Kind) -> Option<Option<&String>> {
    match (b, kind) {
        (Block::Targets { group }, Kind::Targets) => Some(group.as_ref()),
        (Block::Tasks { group, .. }, Kind::Tasks) => Some(group.as_ref()),
        _ => None,
    }
}

fn place(plan: &mut Plan, groups: &[String], kind: Kind) {
    if groups.is_empty() {
        return;
    }
    let mut shown: Vec<Option<String>> = Vec::new();
    let mut layout = TaskLayout::List;
    visit_blocks(&plan.sections, &mut |b| {
        if let Some(g) = block_group(b, kind) {
            shown.push(g.cloned());
            if let Block::Tasks { layout: l, .. } = b {
                layout = *l;
            }
        }
    });
    for a in &plan.appendices {
        for b in &a.blocks {
            if let Some(g) = block_group(b, kind) {
                shown.push(g.cloned());
            }
        }
    }
    if shown.contains(&None) {
        return;
    }
    let block = |group: Option<String>| match kind {
        Kind::Targets => Block::Targets { group },
        Kind::Tasks => Block::Tasks { group, layout },
    };
    if shown.is_empty() {
        let words: &[&str] = match kind {
            Kind::Targets => &["chi tieu", "muc tieu"],
            Kind::Tasks => &["nhiem vu", "noi dung"],
        };
        let named = plan.sections.iter().position(|s| {
            let h = text::fold(&s.heading);
            words.iter().any(|w| h.contains(w))
        });
        let at = named.or_else(|| {
            plan.sections
                .iter()
                .position(Section::is_implementation)
                .unwrap_or(plan.sections.len())
                .checked_sub(1)
        });
        let section = at.and_then(|i| plan.sections.get_mut(i));
        match section {
            Some(s) => s.blocks.push(block(None)),
            None => plan.sections.push(Section {
                heading: match kind {
                    Kind::Targets => "MỤC TIÊU".into(),
                    Kind::Tasks => "NHIỆM VỤ, GIẢI PHÁP".into(),
                },
                numbered: true,
                blocks: vec![block(None)],
                ..Default::default()
            }),
        }
        return;
    }
    let missing: Vec<&String> = groups
        .iter()
        .filter(|g| !shown.iter().any(|s| s.as_ref() == Some(*g)))
        .collect();
    if missing.is_empty() {
        return;
    }
    // Beside the last block of this kind.
    if let Some(blocks) = last_blocks_with(&mut plan.sections, kind) {
        let at = blocks
            .iter()
            .rposition(|b| block_group(b, kind).is_some())
            .map_or(blocks.len(), |i| i + 1);
        for (k, g) in missing.into_iter().enumerate() {
            blocks.insert(at + k, block(Some(g.clone())));
        }
    } else if let Some(a) = plan
        .appendices
        .iter_mut()
        .rev()
        .find(|a| a.blocks.iter().any(|b| block_group(b, kind).is_some()))
    {
        for g in missing {
            a.blocks.push(block(Some(g.clone())));
        }
    }
}

fn visit_blocks(sections: &[Section], f: &mut impl FnMut(&Block)) {
    for s in sections {
        s.blocks.iter().for_each(&mut *f);
        visit_blocks(&s.children, f);
    }
}

/// The block list of the last section (depth first) holding a block of `kind`.
fn last_blocks_with(sections: &mut [Section], kind: Kind) -> Option<&mut Vec<Block>> {
    for s in sections.iter_mut().rev() {
        if let Some(b) = last_blocks_with(&mut s.children, kind) {
            return Some(b);
        }
        if s.blocks.iter().any(|b| block_group(b, kind).is_some()) {
            return Some(&mut s.blocks);
        }
    }
    None
}
