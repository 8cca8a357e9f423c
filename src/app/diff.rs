//! What changed between two states of a plan (so sánh hai phiên bản), as the
//! revision list shows it: header fields, sections (matched by heading, so one
//! deleted section is one change, not a shift of all that follow), targets and
//! tasks (matched by id, else by text).

use crate::model::{Block, Plan, Section, Target, Task};
use crate::text::fold;

/// One difference, in words.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// `changed`, `added` or `removed`.
    pub kind: &'static str,
    /// What it concerns, as the officer names it: `Trích yếu`, `Mục II.1 Phát triển
    /// chính quyền số`, `Chỉ tiêu 3`.
    pub place: String,
    /// The JSON path in the newer state (the older one for a removal).
    pub path: String,
    pub before: String,
    pub after: String,
}

/// The changes from `old` to `new`.
pub fn compare(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    fields(old, new, &mut out);
    sections(old, new, &mut out);
    items(
        &old.targets,
        &new.targets,
        "targets",
        "Chỉ tiêu",
        |t: &Target| t.id.clone(),
        |t: &Target| t.text.clone(),
        target_facts,
        &mut out,
    );
    items(
        &old.tasks,
        &new.tasks,
        "tasks",
        "Nhiệm vụ",
        |t: &Task| t.id.clone(),
        |t: &Task| t.text.clone(),
        task_facts,
        &mut out,
    );
    out
}

fn short(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 200 {
        let mut t: String = s.chars().take(200).collect();
        t.push('…');
        t
    } else {
        s.to_owned()
    }
}

fn changed(out: &mut Vec<Change>, place: &str, path: &str, before: &str, after: &str) {
    if before.trim() != after.trim() {
        out.push(Change {
            kind: "changed",
            place: place.to_owned(),
            path: path.to_owned(),
            before: short(before),
            after: short(after),
        });
    }
}

fn fields(old: &Plan, new: &Plan, out: &mut Vec<Change>) {
    let number = |p: &Plan| p.number.map(|n| n.to_string()).unwrap_or_default();
    let date = |p: &Plan| {
        p.date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let parent = |p: &Plan| p.parent.as_ref().map(|r| r.citation()).unwrap_or_default();
    let lines = |v: &[String]| v.join("\n");
    let sig = |p: &Plan| {
        let s = &p.signature;
        [
            s.collective.as_str(),
            s.authority.map(|a| a.prefix()).unwrap_or(""),
            s.authority_of.as_str(),
            s.position.as_str(),
            s.signer.as_str(),
        ]
        .iter()
        .filter(|x| !x.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
    };
    let pairs: [(&str, &str, String, String); 14] = [
        ("Trích yếu", "title", old.title.clone(), new.title.clone()),
        ("Số", "number", number(old), number(new)),
        ("Ký hiệu", "symbol", old.symbol.clone(), new.symbol.clone()),
        ("Ngày ban hành", "date", date(old), date(new)),
        ("Địa danh", "place", old.place.clone(), new.place.clone()),
        ("Thời kỳ", "period", old.period.label(), new.period.label()),
        (
            "Cơ quan ban hành",
            "agency.name",
            old.agency.name.clone(),
            new.agency.name.clone(),
        ),
        (
            "Cơ quan chủ quản",
            "agency.supervising",
            old.agency.supervising.clone(),
            new.agency.supervising.clone(),
        ),
        ("Văn bản cấp trên", "parent", parent(old), parent(new)),
        (
            "Căn cứ",
            "legal_bases",
            lines(&old.legal_bases),
            lines(&new.legal_bases),
        ),
        ("Câu dẫn", "intro", old.intro.clone(), new.intro.clone()),
        (
            "Câu kết thúc",
            "closing",
            old.closing.clone(),
            new.closing.clone(),
        ),
        (
            "Nơi nhận",
            "recipients",
            lines(&old.recipients),
            lines(&new.recipients),
        ),
        ("Chữ ký", "signature", sig(old), sig(new)),
    ];
    for (place, path, a, b) in pairs {
        changed(out, place, path, &a, &b);
    }
    changed(
        out,
        "Trạng thái",
        "status",
        old.status.label(),
        new.status.label(),
    );
}

/// Every section with its path, its label and heading, and its own text.
fn flatten(plan: &Plan) -> Vec<(String, String, String)> {
    let labels: Vec<(String, String)> = plan
        .labeled_sections()
        .map(|l| l.into_iter().map(|s| (s.path, s.label)).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    fn walk(
        secs: &[Section],
        base: &str,
        labels: &[(String, String)],
        out: &mut Vec<(String, String, String)>,
    ) {
        for (i, s) in secs.iter().enumerate() {
            let path = format!("{base}[{i}]");
            let label = labels
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, l)| l.as_str())
                .unwrap_or("");
            let name = format!("Mục {label} {}", s.heading.trim())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push((path.clone(), name, block_text(&s.blocks)));
            walk(&s.children, &format!("{path}.children"), labels, out);
        }
    }
    walk(&plan.sections, "sections", &labels, &mut out);
    out
}

fn block_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => text.clone(),
            Block::Bullets { items, marker } => items
                .iter()
                .map(|i| format!("{} {i}", marker.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Targets { group } => format!(
                "[chỉ tiêu{}]",
                group
                    .as_ref()
                    .map(|g| format!(" nhóm {g}"))
                    .unwrap_or_default()
            ),
            Block::Tasks { group, .. } => format!(
                "[nhiệm vụ{}]",
                group
                    .as_ref()
                    .map(|g| format!(" lĩnh vực {g}"))
                    .unwrap_or_default()
            ),
            Block::Table { columns, rows } => {
                format!("[bảng {} cột, {} dòng]", columns.len(), rows.len())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn heading_of(name: &str) -> String {
    // `Mục II.1 Phát triển …` → the heading words, without the label that moves
    // when a section before it goes.
    let words: Vec<&str> = name.split_whitespace().skip(2).collect();
    fold(&words.join(" "))
}

fn sections(old: &Plan, new: &Plan, out: &mut Vec<Change>) {
    let (a, b) = (flatten(old), flatten(new));
    let mut used = vec![false; b.len()];
    let mut matched: Vec<Option<usize>> = Vec::new();
    for (_, name, _) in &a {
        let key = heading_of(name);
        let j = b
            .iter()
            .enumerate()
            .position(|(j, (_, n, _))| !used[j] && heading_of(n) == key);
        if let Some(j) = j {
            used[j] = true;
        }
        matched.push(j);
    }
    // A section renamed in place: same path, neither matched by heading.
    for (i, (path, _, _)) in a.iter().enumerate() {
        if matched[i].is_none() {
            if let Some(j) = b.iter().position(|(p, _, _)| p == path) {
                if !used[j] {
                    used[j] = true;
                    matched[i] = Some(j);
                }
            }
        }
    }
    for (i, (path, name, text)) in a.iter().enumerate() {
        match matched[i] {
            None => out.push(Change {
                kind: "removed",
                place: name.clone(),
                path: path.clone(),
                before: short(text),
                after: String::new(),
            }),
            Some(j) => {
                let (bpath, bname, btext) = &b[j];
                if heading_of(name) != heading_of(bname) {
                    changed(out, bname, &format!("{bpath}.heading"), name, bname);
                }
                changed(out, bname, bpath, text, btext);
            }
        }
    }
    for (j, (path, name, text)) in b.iter().enumerate() {
        if !used[j] {
            out.push(Change {
                kind: "added",
                place: name.clone(),
                path: path.clone(),
                before: String::new(),
                after: short(text),
            });
        }
    }
}

fn target_facts(t: &Target) -> Vec<(&'static str, String)> {
    vec![
        ("nội dung", t.text.clone()),
        (
            "mức",
            t.printed_measure()
                .map(|m| m.symbolic())
                .unwrap_or_default(),
        ),
        (
            "thời hạn",
            t.deadline.as_ref().map(|d| d.label()).unwrap_or_default(),
        ),
        ("nhóm", t.group.clone()),
    ]
}

fn task_facts(t: &Task) -> Vec<(&'static str, String)> {
    vec![
        ("nội dung", t.text.clone()),
        ("chủ trì", t.lead.clone()),
        ("phối hợp", t.partners.join("; ")),
        (
            "thời hạn",
            t.deadline.as_ref().map(|d| d.label()).unwrap_or_default(),
        ),
        ("lĩnh vực", t.group.clone()),
    ]
}

#[allow(clippy::too_many_arguments)]
fn items<T>(
    old: &[T],
    new: &[T],
    path: &str,
    what: &str,
    id: impl Fn(&T) -> String,
    text: impl Fn(&T) -> String,
    facts: impl Fn(&T) -> Vec<(&'static str, String)>,
    out: &mut Vec<Change>,
) {
    let mut used = vec![false; new.len()];
    for (i, o) in old.iter().enumerate() {
        let oid = id(o);
        let j = new
            .iter()
            .enumerate()
            .position(|(j, n)| !used[j] && !oid.is_empty() && id(n) == oid)
            .or_else(|| {
                new.iter()
                    .enumerate()
                    .position(|(j, n)| !used[j] && fold(&text(n)) == fold(&text(o)))
            });
        match j {
            None => out.push(Change {
                kind: "removed",
                place: format!("{what} {}", i + 1),
                path: format!("{path}[{i}]"),
                before: short(&text(o)),
                after: String::new(),
            }),
            Some(j) => {
                used[j] = true;
                for ((name, a), (_, b)) in facts(o).into_iter().zip(facts(&new[j])) {
                    changed(
                        out,
                        &format!("{what} {} ({name})", j + 1),
                        &format!("{path}[{j}]"),
                        &a,
                        &b,
                    );
                }
            }
        }
    }
    for (j, n) in new.iter().enumerate() {
        if !used[j] {
            out.push(Change {
                kind: "added",
                place: format!("{what} {}", j + 1),
                path: format!("{path}[{j}]"),
                before: String::new(),
                after: short(&text(n)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_deleted_section_is_one_change() {
        let old = crate::sample::sample_plan();
        let mut new = old.clone();
        let gone = new.sections.remove(0);
        new.title = "Chuyển đổi số xã Tân An năm 2027".into();
        new.targets[1].text = new.targets[1].text.replace("85%", "90%");
        let changes = compare(&old, &new);
        let removed: Vec<&Change> = changes.iter().filter(|c| c.kind == "removed").collect();
        // The section and its two children.
        assert_eq!(removed.len(), 3, "{changes:#?}");
        assert!(removed[0].place.contains(&gone.heading), "{:?}", removed[0]);
        assert!(changes
            .iter()
            .any(|c| c.place == "Trích yếu" && c.after == "Chuyển đổi số xã Tân An năm 2027"));
        let target: Vec<&Change> = changes.iter().filter(|c| c.path == "targets[1]").collect();
        assert_eq!(target.len(), 2, "the sentence and its measure: {target:#?}");
        assert!(target[1].before == "≥85%" && target[1].after == "≥90%");
        // Nothing else: the sections after the deleted one only moved.
        assert_eq!(changes.len(), 3 + 1 + 2, "{changes:#?}");
    }
}
