//! The numbered tree (mục, khoản, điểm) built from the body paragraphs.

use super::lines::{split_label, Lead, Paragraph};
use super::table::Grid;
use super::{lines, ImportNote};
use crate::model::{numbering, Block, BulletMarker, Column, LevelStyle, Section};

/// A table of the source as the plan's table block; tasks and targets are read
/// from it later, where it stands ([`super::tasks`]).
pub(super) fn grid_block(g: &Grid) -> Block {
    Block::Table {
        columns: g
            .columns
            .iter()
            .map(|c| Column {
                title: c.clone(),
                width_mm: None,
            })
            .collect(),
        rows: g.rows.clone(),
    }
}

fn style_of(lead: Lead) -> Option<LevelStyle> {
    match lead {
        Lead::Part => Some(LevelStyle::Part),
        Lead::Roman => Some(LevelStyle::Roman),
        Lead::Arabic => Some(LevelStyle::Arabic),
        Lead::Decimal => Some(LevelStyle::Decimal),
        Lead::Letter => Some(LevelStyle::Letter),
        _ => None,
    }
}

/// Builds the section tree from the body paragraphs. The numbering scheme is the
/// styles in the order the document nests them; labels are recomputed by the
/// model, so a skipped or repeated number in the source is noted.
pub(super) fn build_tree(
    body: &[Paragraph],
    grids: &[Grid],
    scheme: &mut Vec<LevelStyle>,
    notes: &mut Vec<ImportNote>,
) -> Vec<Section> {
    scheme.clear();
    let mut root: Vec<Section> = Vec::new();
    // Path of indices from the root to the open section.
    let mut path: Vec<usize> = Vec::new();
    let mut expected: Vec<usize> = Vec::new();
    for p in body {
        let (lead, label, rest) = split_label(&p.text);
        let style = style_of(lead).filter(|_| p.table.is_none());
        if let Some(style) = style {
            let depth = match scheme.iter().position(|s| *s == style) {
                Some(d) if d <= path.len() => d,
                _ => {
                    let d = path.len();
                    if d < scheme.len() {
                        notes.push(ImportNote {
                            severity: crate::diag::Severity::Warning,
                            code: "numbering_level",
                            line: p.line,
                            page: p.page,
                            message: format!(
                                "«{label}» nằm ở cấp đã đánh số kiểu khác; số thứ tự sẽ được tính lại"
                            ),
                            ..Default::default()
                        });
                        d
                    } else {
                        scheme.push(style);
                        d
                    }
                }
            };
            path.truncate(depth);
            expected.truncate(depth + 1);
            // Numbering checks: the source's number against the position.
            let ordinal = label_ordinal(style, label);
            let next = expected.get(depth).copied().unwrap_or(0) + 1;
            if let Some(o) = ordinal {
                if o != next {
                    notes.push(ImportNote {
                        severity: crate::diag::Severity::Warning,
                        code: "numbering_gap",
                        line: p.line,
                        page: p.page,
                        message: format!(
                            "«{label}» không liền sau mục trước; số thứ tự sẽ được tính lại"
                        ),
                        ..Default::default()
                    });
                }
            }
            if expected.len() <= depth {
                expected.resize(depth + 1, 0);
            }
            expected[depth] = next;
            let siblings = children_at(&mut root, &path);
            siblings.push(Section {
                heading: rest.trim().to_owned(),
                numbered: true,
                ..Default::default()
            });
            let i = siblings.len() - 1;
            path.push(i);
            continue;
        }
        let block_text = rest.trim().to_owned();
        let siblings_path = path.clone();
        let target = if siblings_path.is_empty() {
            // Text before any heading: an unnumbered section keeps it in place.
            if root.is_empty() {
                root.push(Section {
                    heading: String::new(),
                    numbered: false,
                    ..Default::default()
                });
            }
            let last = root.len() - 1;
            path.push(last);
            let s = section_at(&mut root, &path);
            path.pop();
            s
        } else {
            section_at(&mut root, &siblings_path)
        };
        match p.table.and_then(|i| grids.get(i)) {
            Some(g) => target.blocks.push(grid_block(g)),
            None => push_text(target, lead, &block_text),
        }
    }
    root
}

fn label_ordinal(style: LevelStyle, label: &str) -> Option<usize> {
    let l = label.trim_end_matches(['.', ')']);
    match style {
        LevelStyle::Roman => lines::roman_value(l),
        LevelStyle::Part => lines::roman_value(l.split_whitespace().last()?),
        LevelStyle::Arabic => l.parse().ok(),
        LevelStyle::Decimal => l.rsplit('.').next()?.parse().ok(),
        LevelStyle::Letter => numbering::POINT_LETTERS
            .iter()
            .position(|x| *x == l)
            .map(|i| i + 1),
        _ => None,
    }
}

fn children_at<'a>(root: &'a mut Vec<Section>, path: &[usize]) -> &'a mut Vec<Section> {
    let mut v = root;
    for i in path {
        v = &mut v[*i].children;
    }
    v
}

fn section_at<'a>(root: &'a mut [Section], path: &[usize]) -> &'a mut Section {
    let (first, rest) = path.split_first().expect("a non-empty path");
    let mut s = &mut root[*first];
    for i in rest {
        s = &mut s.children[*i];
    }
    s
}

/// Adds a paragraph or a bullet item to a section, after its children's blocks
/// when it has children (text after sub-points belongs to the last sub-point).
pub(super) fn push_text(section: &mut Section, lead: Lead, text: &str) {
    let marker = match lead {
        Lead::Dash => Some(BulletMarker::Dash),
        Lead::Plus => Some(BulletMarker::Plus),
        _ => None,
    };
    match marker {
        Some(m) => match section.blocks.last_mut() {
            Some(Block::Bullets { items, marker }) if *marker == m => items.push(text.to_owned()),
            _ => section.blocks.push(Block::Bullets {
                items: vec![text.to_owned()],
                marker: m,
            }),
        },
        None => section.blocks.push(Block::Paragraph {
            text: text.to_owned(),
        }),
    }
}
