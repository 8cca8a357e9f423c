//! Tasks (nhiệm vụ) written as points or list items with `Thời gian hoàn thành`,
//! `Đơn vị chủ trì`, `Đơn vị phối hợp` lines, and targets (chỉ tiêu) in the
//! objectives parts: the tree's text turned into the plan's structured items.

use super::lines::{split_label, Lead};
use super::table::{Grid, Reading};
use super::{split_top_level, targets, ImportNote};
use crate::model::{Block, BulletMarker, Plan, Section, Target, Task, TaskLayout};
use crate::text::fold;

const DEADLINE: &str = "thoi gian hoan thanh";
const LEAD: &str = "don vi chu tri";
const PARTNERS: &str = "don vi phoi hop";

/// Which task field a line opens, and the value after `:` (or `,`).
fn task_field(item: &str) -> Option<(&'static str, String)> {
    let f = fold(item);
    for key in [DEADLINE, LEAD, PARTNERS] {
        if f.starts_with(key) {
            let n = key.chars().count();
            let rest: String = item.chars().skip(n).collect();
            let rest = rest.trim_start_matches([':', ',', ' ']).trim();
            return Some((key, rest.to_owned()));
        }
    }
    None
}

/// A point whose own lines name its unit in charge or deadline (`a) …` then
/// `- Đơn vị chủ trì: …`): the point is a task.
fn is_task_section(s: &Section) -> bool {
    s.children.is_empty()
        && s.blocks.iter().any(|b| match b {
            Block::Bullets { items, marker } => {
                *marker == BulletMarker::Dash && items.iter().any(|i| task_field(i).is_some())
            }
            Block::Paragraph { text } => task_field(text).is_some(),
            _ => false,
        })
}

/// Tasks written as `- text` items each followed by `+ Đơn vị chủ trì: …` lines
/// (our own list layout): they become tasks of the section's group, listed where
/// the first of them was.
fn list_tasks(s: &mut Section, tasks: &mut Vec<Task>, groups: &mut Groups) {
    let has_fields = |b: &Block| match b {
        Block::Bullets { items, marker } => {
            *marker == BulletMarker::Plus && items.iter().any(|i| task_field(i).is_some())
        }
        _ => false,
    };
    if !s.blocks.windows(2).any(|w| {
        matches!(
            &w[0],
            Block::Bullets {
                marker: BulletMarker::Dash,
                ..
            }
        ) && has_fields(&w[1])
    }) {
        return;
    }
    let group = groups.unique(&s.heading);
    let mut out: Vec<Block> = Vec::new();
    let mut placed = false;
    let mut blocks = std::mem::take(&mut s.blocks).into_iter().peekable();
    while let Some(b) = blocks.next() {
        let fields_next = blocks.peek().is_some_and(has_fields);
        match b {
            Block::Bullets {
                mut items,
                marker: BulletMarker::Dash,
            } if fields_next => {
                let text = items.pop().unwrap_or_default();
                if !items.is_empty() {
                    out.push(Block::Bullets {
                        items,
                        marker: BulletMarker::Dash,
                    });
                }
                let Some(fields) = blocks.next() else { break };
                let section = Section {
                    heading: text,
                    blocks: vec![match fields {
                        Block::Bullets { items, .. } => Block::Bullets {
                            items,
                            marker: BulletMarker::Dash,
                        },
                        other => other,
                    }],
                    ..Default::default()
                };
                tasks.push(task_of(section, &group));
                if !placed {
                    out.push(Block::Tasks {
                        group: Some(group.clone()),
                        layout: TaskLayout::List,
                    });
                    placed = true;
                }
            }
            other => out.push(other),
        }
    }
    s.blocks = out;
}

/// Group names given out so far: two places of the plan never share a group, or
/// each would print the other's items too.
#[derive(Default)]
struct Groups(Vec<String>);

impl Groups {
    fn unique(&mut self, base: &str) -> String {
        let mut group = base.to_owned();
        let mut n = 2;
        while self.0.contains(&group) {
            group = format!("{base} ({n})");
            n += 1;
        }
        self.0.push(group.clone());
        group
    }
}

/// Reads the task tables among `blocks` (of a section or an appendix): each becomes
/// the plan's tasks, one block per group where the table stood (named by its group
/// rows, else by `heading`); other tables stay (target tables are read with the
/// targets).
fn read_tables(
    blocks: &mut Vec<Block>,
    heading: &str,
    tasks: &mut Vec<Task>,
    task_groups: &mut Groups,
    notes: &mut Vec<ImportNote>,
) {
    if !blocks.iter().any(|b| matches!(b, Block::Table { .. })) {
        return;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for b in std::mem::take(blocks) {
        let Block::Table { columns, rows } = &b else {
            out.push(b);
            continue;
        };
        let grid = Grid {
            columns: columns.iter().map(|c| c.title.clone()).collect(),
            rows: rows.clone(),
        };
        let name = |g: &str| if g.is_empty() { heading } else { g }.to_owned();
        match grid.read() {
            Reading::Tasks(groups) => {
                let n: usize = groups.iter().map(|(_, t)| t.len()).sum();
                notes.push(ImportNote {
                    severity: crate::diag::Severity::Note,
                    code: "table_tasks",
                    message: format!(
                        "bảng «{}» được đọc thành {n} nhiệm vụ ({} nhóm): cần xem lại",
                        short(&grid.columns.join(" | ")),
                        groups.len()
                    ),
                    ..Default::default()
                });
                for (g, ts) in groups {
                    let group = task_groups.unique(&name(&g));
                    tasks.extend(ts.into_iter().map(|t| Task {
                        group: group.clone(),
                        ..t
                    }));
                    out.push(Block::Tasks {
                        group: Some(group),
                        layout: TaskLayout::Table,
                    });
                }
            }
            Reading::Targets(_) | Reading::Data => out.push(b),
        }
    }
    *blocks = out;
}

pub(super) fn extract_tasks(plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let mut tasks = Vec::new();
    let mut groups = Groups::default();
    fn walk(
        sections: &mut [Section],
        tasks: &mut Vec<Task>,
        groups: &mut Groups,
        notes: &mut Vec<ImportNote>,
    ) {
        for s in sections.iter_mut() {
            read_tables(&mut s.blocks, &s.heading, tasks, groups, notes);
            list_tasks(s, tasks, groups);
            let n_task = s.children.iter().filter(|c| is_task_section(c)).count();
            if n_task > 0 && n_task == s.children.len() {
                let group = groups.unique(&s.heading);
                for c in std::mem::take(&mut s.children) {
                    tasks.push(task_of(c, &group));
                }
                s.blocks.push(Block::Tasks {
                    group: Some(group),
                    layout: TaskLayout::Points,
                });
            } else {
                if n_task > 0 {
                    notes.push(ImportNote {
                        severity: crate::diag::Severity::Warning,
                        code: "mixed_tasks",
                        line: 0,
                        page: 0,
                        message: format!(
                            "mục «{}» có cả nhiệm vụ và nội dung khác: giữ nguyên dạng văn bản",
                            short(&s.heading)
                        ),
                        ..Default::default()
                    });
                }
                walk(&mut s.children, tasks, groups, notes);
            }
        }
    }
    walk(&mut plan.sections, &mut tasks, &mut groups, notes);
    for a in plan.appendices.iter_mut() {
        let title = a.title.clone();
        read_tables(&mut a.blocks, &title, &mut tasks, &mut groups, notes);
    }
    plan.tasks = tasks;
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn task_of(s: Section, group: &str) -> Task {
    let mut task = Task {
        group: group.to_owned(),
        text: s.heading.trim_end_matches('.').trim().to_owned(),
        ..Default::default()
    };
    let mut current: Option<&'static str> = None;
    let mut lead_parts: Vec<String> = Vec::new();
    let value = |v: &str| v.trim().trim_end_matches(['.', ';']).trim().to_owned();
    let items: Vec<(bool, String)> = s
        .blocks
        .into_iter()
        .flat_map(|b| match b {
            Block::Bullets { items, marker } => items
                .into_iter()
                .map(|i| (marker == BulletMarker::Plus, i))
                .collect::<Vec<_>>(),
            Block::Paragraph { text } => vec![(false, text)],
            _ => vec![],
        })
        .collect();
    // A list of units ending in `;` goes on in the next paragraph (a line break the
    // author or a converter made inside the list).
    let mut open_list = false;
    for (plus, item) in items {
        let continues = open_list && !plus && split_label(&item).0 == Lead::Text;
        open_list = item.trim_end().ends_with(';');
        if continues && current == Some(PARTNERS) {
            task.partners.extend(
                split_top_level(&item, ';')
                    .into_iter()
                    .map(value)
                    .filter(|p| !p.is_empty()),
            );
        } else if continues && current == Some(LEAD) {
            lead_parts.push(value(&item));
        } else if let Some((key, v)) = task_field(&item) {
            current = Some(key);
            match key {
                DEADLINE => task.deadline = Some(crate::model::Deadline::parse(&v)),
                LEAD => {
                    if !v.is_empty() {
                        lead_parts.push(value(&v));
                    }
                }
                _ => {
                    task.partners = split_top_level(&v, ';')
                        .into_iter()
                        .map(value)
                        .filter(|p| !p.is_empty())
                        .collect()
                }
            }
        } else if plus && current == Some(LEAD) {
            lead_parts.push(value(&item));
        } else if plus && current == Some(PARTNERS) {
            task.partners.push(value(&item));
        } else {
            current = None;
            task.details.push(item);
        }
    }
    task.lead = lead_parts.join("; ");
    task
}

fn is_objectives(heading: &str) -> bool {
    let f = fold(heading);
    f.contains("muc tieu") || f.contains("chi tieu") || f.contains("muc dich")
}

pub(super) fn extract_targets(plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let period_end = plan.period.years().1;
    let mut targets = Vec::new();
    let mut groups = Groups::default();
    struct Walk<'a> {
        period_end: i32,
        targets: &'a mut Vec<Target>,
        groups: &'a mut Groups,
        notes: &'a mut Vec<ImportNote>,
    }
    impl Walk<'_> {
        /// The blocks of a section (or appendix) in order: target tables anywhere,
        /// lists and paragraphs with commitments in the objectives parts.
        fn blocks(&mut self, blocks: &mut Vec<Block>, group_base: &str, objectives: bool) {
            let mut out = Vec::with_capacity(blocks.len());
            for b in std::mem::take(blocks) {
                let items: Vec<String> = match &b {
                    Block::Table { .. } => {
                        self.table(b, group_base, &mut out);
                        continue;
                    }
                    Block::Bullets { items, .. } if objectives => items.clone(),
                    Block::Paragraph { text } if objectives => vec![text.clone()],
                    _ => {
                        out.push(b);
                        continue;
                    }
                };
                if !items.iter().any(|i| !targets::commitments(i).is_empty()) {
                    out.push(b);
                    continue;
                }
                let group = self.groups.unique(group_base);
                for item in &items {
                    let found = targets::commitments(item);
                    let deadline =
                        targets::deadline_in(item).or(Some(crate::model::Deadline::EndOfYear {
                            year: self.period_end,
                        }));
                    if found.is_empty() {
                        self.targets.push(Target {
                            group: group.clone(),
                            text: item.clone(),
                            deadline: deadline.clone(),
                            ..Default::default()
                        });
                    }
                    for c in found {
                        self.targets.push(Target {
                            group: group.clone(),
                            text: c.text,
                            comparator: Some(c.comparator),
                            value: Some(c.value),
                            unit: c.unit,
                            unit_label: c.unit_label,
                            deadline: deadline.clone(),
                            scope: c.scope,
                            ..Default::default()
                        });
                    }
                }
                out.push(Block::Targets { group: Some(group) });
            }
            *blocks = out;
        }

        /// A target table becomes one Targets block per group; other tables stay.
        fn table(&mut self, b: Block, heading: &str, out: &mut Vec<Block>) {
            let Block::Table { columns, rows } = &b else {
                return out.push(b);
            };
            let grid = Grid {
                columns: columns.iter().map(|c| c.title.clone()).collect(),
                rows: rows.clone(),
            };
            let Reading::Targets(groups) = grid.read() else {
                return out.push(b);
            };
            let n: usize = groups.iter().map(|(_, t)| t.len()).sum();
            self.notes.push(ImportNote {
                severity: crate::diag::Severity::Note,
                code: "table_targets",
                message: format!(
                    "bảng «{}» được đọc thành {n} chỉ tiêu: cần xem lại",
                    short(&grid.columns.join(" | "))
                ),
                ..Default::default()
            });
            for (g, ts) in groups {
                let group = self
                    .groups
                    .unique(if g.is_empty() { heading } else { g.as_str() });
                let end = self.period_end;
                self.targets.extend(ts.into_iter().map(|t| {
                    Target {
                        group: group.clone(),
                        deadline: t
                            .deadline
                            .clone()
                            .or(Some(crate::model::Deadline::EndOfYear { year: end })),
                        ..t
                    }
                }));
                out.push(Block::Targets { group: Some(group) });
            }
        }

        fn sections(&mut self, sections: &mut [Section], inside: bool, part_heading: &str) {
            for s in sections.iter_mut() {
                let here = inside || is_objectives(&s.heading);
                let group_base = if inside || part_heading.is_empty() {
                    s.heading.clone()
                } else {
                    part_heading.to_owned()
                };
                self.blocks(&mut s.blocks, &group_base, here);
                let heading = if here && !inside {
                    s.heading.clone()
                } else {
                    part_heading.to_owned()
                };
                self.sections(&mut s.children, here, &heading);
            }
        }
    }
    let mut w = Walk {
        period_end,
        targets: &mut targets,
        groups: &mut groups,
        notes,
    };
    w.sections(&mut plan.sections, false, "");
    for a in plan.appendices.iter_mut() {
        let title = a.title.clone();
        w.blocks(&mut a.blocks, &title, false);
    }
    plan.targets = targets;
}
