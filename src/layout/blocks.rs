//! The blocks of a section as they print: paragraphs, bullets, the targets and
//! tasks of a group (with a sub-heading per group when a block takes several, as
//! the reference plans print them), and tables.

use super::{placeholder, run, text_or, Align, LBlock, Para, Profile, Role, Run, Styler, Table};
use crate::model::{numbering, Block, Plan, Target, Task, TaskLayout};

/// Items in groups, in the order the groups first appear, those without a group
/// first; one unnamed group when `split` is off (the block names its group).
fn by_group<'a, T>(
    items: Vec<&'a T>,
    group_of: impl Fn(&T) -> &String,
    split: bool,
) -> Vec<(String, Vec<&'a T>)> {
    let mut groups: Vec<(String, Vec<&'a T>)> = vec![(String::new(), vec![])];
    for item in items {
        let name = if split {
            group_of(item).trim().to_owned()
        } else {
            String::new()
        };
        match groups.iter_mut().find(|(g, _)| *g == name) {
            Some((_, list)) => list.push(item),
            None => groups.push((name, vec![item])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    groups
}

/// A group's sub-heading: `a) Chính quyền số` (lettered) or the name in bold.
fn group_heading(s: &Styler<'_>, name: &str, letter: Option<&&str>) -> LBlock {
    let mut p = match letter {
        Some(l) => s.body(
            Role::Heading,
            vec![run(&format!("{l}) {name}"), false, false)],
        ),
        None => s.body(Role::Heading, vec![run(name, true, false)]),
    };
    p.keep_with_next = true;
    LBlock::Para(p)
}

/// The layout of block `b`, at JSON path `at` (where a placeholder it prints is
/// reported).
#[allow(clippy::too_many_arguments)] // the stage's context, passed as it is
pub(super) fn body_block(
    plan: &Plan,
    b: &Block,
    at: &str,
    fonts: &crate::fonts::FontSet,
    s: &Styler<'_>,
    profile: &Profile,
    width_mm: f32,
    out: &mut Vec<LBlock>,
) {
    match b {
        Block::Paragraph { text } => {
            out.push(LBlock::Para(s.body(
                Role::Body,
                vec![text_or(
                    text.trim(),
                    "Nội dung đoạn văn",
                    &format!("{at}.text"),
                    false,
                    false,
                )],
            )));
        }
        Block::Bullets { items, marker } => {
            for (i, it) in items.iter().enumerate() {
                out.push(LBlock::Para(s.body(
                    Role::Body,
                    vec![
                        run(&format!("{} ", marker.as_str()), false, false),
                        text_or(
                            it.trim(),
                            "Nội dung",
                            &format!("{at}.items[{i}]"),
                            false,
                            false,
                        ),
                    ],
                )));
            }
        }
        Block::Targets { group } => {
            let targets: Vec<&Target> = plan
                .targets
                .iter()
                .filter(|t| group.as_ref().is_none_or(|g| &t.group == g))
                // A parent target this unit does not take up is shown in the
                // traceability appendix, not in the plan's own list.
                .filter(|t| t.decision != Some(crate::model::Decision::NotApplicable))
                .collect();
            if targets.is_empty() {
                out.push(LBlock::Para(
                    s.body(Role::Body, vec![placeholder("Chưa có chỉ tiêu", at)]),
                ));
            }
            let groups = by_group(targets, |t| &t.group, group.is_none());
            for (k, (name, targets)) in groups.iter().enumerate() {
                if !name.is_empty() {
                    out.push(group_heading(s, name, numbering::POINT_LETTERS.get(k)));
                }
                for t in targets {
                    out.push(LBlock::Para(s.body(Role::Body, target_runs(t, plan))));
                }
            }
        }
        Block::Tasks { group, layout } => {
            let tasks: Vec<&Task> = plan
                .tasks
                .iter()
                .filter(|t| group.as_ref().is_none_or(|g| &t.group == g))
                .collect();
            let groups = by_group(tasks.clone(), |t| &t.group, group.is_none());
            match layout {
                TaskLayout::List | TaskLayout::Points => {
                    if tasks.is_empty() {
                        out.push(LBlock::Para(
                            s.body(Role::Body, vec![placeholder("Chưa có nhiệm vụ", at)]),
                        ));
                    }
                    let lettered = *layout == TaskLayout::Points;
                    for (g, (name, tasks)) in groups.iter().enumerate() {
                        // Tasks that are lettered points take a bold heading per
                        // group; dashed tasks a lettered one.
                        if !name.is_empty() {
                            let letter = numbering::POINT_LETTERS.get(g).filter(|_| !lettered);
                            out.push(group_heading(s, name, letter));
                        }
                        for (k, t) in tasks.iter().enumerate() {
                            let letter = numbering::POINT_LETTERS.get(k).filter(|_| lettered);
                            let mark = letter.map_or_else(|| "- ".into(), |l| format!("{l}) "));
                            task_paras(
                                out,
                                s,
                                t,
                                &item_path(&plan.tasks, t, "tasks"),
                                &mark,
                                lettered,
                            );
                        }
                    }
                }
                TaskLayout::Table => task_table(plan, &groups, profile, width_mm, out),
            }
        }
        Block::Table { columns, rows } => {
            // A fixed column is never narrower than its longest word (a date
            // «31/12/2026» never breaks as «31/12/202» / «6», in either writer).
            let longest = |i: usize| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .flat_map(|c| c.split_whitespace())
                    .map(|w| fonts.width_pt(w, false, false, profile.table_pt))
                    .chain(
                        columns[i]
                            .title
                            .split_whitespace()
                            .map(|w| fonts.width_pt(w, true, false, profile.table_pt)),
                    )
                    .fold(0.0f32, f32::max)
                    / super::PT_PER_MM
                    + 2.0 * super::CELL_MARGIN_MM
                    + 0.5
            };
            let widths: Vec<Option<f32>> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| c.width_mm.map(|w| (w as f32).max(longest(i))))
                .collect();
            let fixed: f32 = widths.iter().flatten().sum();
            let free = widths.iter().filter(|w| w.is_none()).count().max(1) as f32;
            let share = ((width_mm - fixed) / free).max(10.0);
            out.push(LBlock::Table(Table {
                columns_mm: widths.iter().map(|w| w.unwrap_or(share)).collect(),
                header: columns
                    .iter()
                    .map(|c| header_cell(profile, &c.title))
                    .collect(),
                rows: rows
                    .iter()
                    .map(|r| {
                        (0..columns.len())
                            .map(|i| {
                                cell(
                                    profile,
                                    r.get(i).map(String::as_str).unwrap_or(""),
                                    Align::Left,
                                )
                            })
                            .collect()
                    })
                    .collect(),
            }));
        }
    }
}

/// The paragraphs of one task (nhiệm vụ) written as a list item: its mark and text,
/// its details, then one line per field. A task under a lettered point (điểm a, b,
/// ...) writes its fields with "- ", deadline first, and leaves the deadline out
/// when its details state it, as the reference plans do; a task in a dashed list
/// writes them with "+ ", lead first, and always has a deadline line.
fn task_paras(
    out: &mut Vec<LBlock>,
    s: &Styler<'_>,
    t: &Task,
    at: &str,
    mark: &str,
    lettered: bool,
) {
    out.push(LBlock::Para(s.body(
        Role::Body,
        vec![
            run(mark, false, false),
            text_or(
                t.text.trim(),
                "Nội dung nhiệm vụ",
                &format!("{at}.text"),
                false,
                false,
            ),
        ],
    )));
    for d in &t.details {
        out.push(LBlock::Para(
            s.body(Role::Body, vec![run(d.trim(), false, false)]),
        ));
    }
    let deadline_required = !lettered || t.details.is_empty();
    let deadline = (
        "deadline",
        "Thời gian hoàn thành: ",
        t.deadline.as_ref().map(|d| d.label()).unwrap_or_default(),
        if deadline_required {
            "Thời gian hoàn thành"
        } else {
            ""
        },
    );
    let lead = (
        "lead",
        "Đơn vị chủ trì: ",
        t.lead.trim().to_owned(),
        "Đơn vị chủ trì",
    );
    let partners = ("partners", "Đơn vị phối hợp: ", t.partners.join("; "), "");
    let product = ("product", "Sản phẩm: ", t.product.trim().to_owned(), "");
    let (fields, field_mark) = if lettered {
        ([deadline, lead, partners, product], "- ")
    } else {
        ([lead, partners, deadline, product], "+ ")
    };
    // A field with nothing to say is left out unless the plan must state it, in
    // which case a placeholder asks for it.
    for (field, label, value, what) in fields {
        if value.is_empty() && what.is_empty() {
            continue;
        }
        out.push(LBlock::Para(s.body(
            Role::Body,
            vec![
                run(&format!("{field_mark}{label}"), false, false),
                text_or(
                    &sentence(&value),
                    what,
                    &format!("{at}.{field}"),
                    false,
                    false,
                ),
            ],
        )));
    }
}

/// A target as a bullet: its text, or a placeholder naming what is missing.
fn target_runs(t: &Target, plan: &Plan) -> Vec<Run> {
    vec![
        run("- ", false, false),
        text_or(
            &t.printed_text(&plan.period),
            "Nội dung chỉ tiêu",
            &format!("{}.text", item_path(&plan.targets, t, "targets")),
            false,
            false,
        ),
    ]
}

/// The JSON path of `item`, one of `list` (the plan's `targets` or `tasks`).
fn item_path<T>(list: &[T], item: &T, name: &str) -> String {
    match list.iter().position(|x| std::ptr::eq(x, item)) {
        Some(i) => format!("{name}[{i}]"),
        None => name.to_owned(),
    }
}

/// Ends a value with a full stop, as plans write `Đơn vị chủ trì: Sở Y tế.`
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', ';', ':']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

fn cell(profile: &Profile, text: &str, align: Align) -> Para {
    Para {
        runs: vec![run(text.trim(), false, false)],
        align,
        size_pt: profile.table_pt,
        first_line_mm: 0.0,
        indent_left_mm: 0.0,
        space_before_pt: 2.0,
        space_after_pt: 2.0,
        line_spacing: 1.0,
        keep_with_next: false,
        role: Role::TableCell,
    }
}

fn cell_or(profile: &Profile, text: &str, what: &str, at: &str, align: Align) -> Para {
    Para {
        runs: vec![text_or(text.trim(), what, at, false, false)],
        ..cell(profile, "", align)
    }
}

fn header_cell(profile: &Profile, text: &str) -> Para {
    Para {
        runs: vec![run(text, true, false)],
        role: Role::TableHeader,
        ..cell(profile, "", Align::Center)
    }
}

/// The tasks as one table with a row per task; a group takes a row of its own
/// (`I`, `II` … and its name in bold), as the parents' appendix tables do.
fn task_table(
    plan: &Plan,
    groups: &[(String, Vec<&Task>)],
    profile: &Profile,
    width_mm: f32,
    out: &mut Vec<LBlock>,
) {
    let tasks = || groups.iter().flat_map(|(_, list)| list.iter());
    // The product column only when a task states one (task tables from a parent's
    // appendix do; plans typed here mostly do not).
    let with_product = tasks().any(|t| !t.product.trim().is_empty());
    let fractions: &[f32] = if with_product {
        &[0.06, 0.34, 0.16, 0.18, 0.12, 0.14]
    } else {
        &[0.06, 0.42, 0.18, 0.20, 0.14]
    };
    let mut header = vec![
        "TT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian hoàn thành",
    ];
    if with_product {
        header.push("Sản phẩm");
    }
    let widths: Vec<f32> = fractions.iter().map(|f| f * width_mm).collect();
    let mut rows = Vec::new();
    let mut n = 0;
    let mut g = 0;
    for (name, list) in groups {
        if !name.is_empty() {
            g += 1;
            let mut row = vec![
                bold_cell(profile, &numbering::roman(g), Align::Center),
                bold_cell(profile, name, Align::Left),
            ];
            row.resize_with(header.len(), || bold_cell(profile, "", Align::Center));
            rows.push(row);
        }
        for t in list {
            let at = item_path(&plan.tasks, t, "tasks");
            n += 1;
            let mut row = vec![
                cell(profile, &n.to_string(), Align::Center),
                cell_or(
                    profile,
                    &t.text,
                    "Nội dung nhiệm vụ",
                    &format!("{at}.text"),
                    Align::Justify,
                ),
                cell_or(
                    profile,
                    &t.lead,
                    "Đơn vị chủ trì",
                    &format!("{at}.lead"),
                    Align::Center,
                ),
                cell(profile, &t.partners.join("; "), Align::Center),
                cell(
                    profile,
                    &t.deadline.as_ref().map(|d| d.label()).unwrap_or_default(),
                    Align::Center,
                ),
            ];
            if with_product {
                row.push(cell(profile, &t.product, Align::Center));
            }
            rows.push(row);
        }
    }
    out.push(LBlock::Table(Table {
        columns_mm: widths,
        header: header.iter().map(|h| header_cell(profile, h)).collect(),
        rows,
    }));
}

/// A group row's cell: bold, and kept with the first task of its group.
fn bold_cell(profile: &Profile, text: &str, align: Align) -> Para {
    Para {
        runs: vec![run(text.trim(), true, false)],
        keep_with_next: true,
        ..cell(profile, "", align)
    }
}
