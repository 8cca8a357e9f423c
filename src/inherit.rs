//! Inheritance (kế thừa): a child plan derived from its parent, and checked to be no
//! weaker than it.
//!
//! Tiers are never hard-coded as a hierarchy: a tier is a word plans use (xã,
//! phường, thị trấn, đặc khu, huyện, quận, thị xã, tỉnh, thành phố), and the words
//! plans name together in one breath (`các xã, phường, thị trấn`) are one level, so
//! they match each other. `các địa phương` names every local level.

use crate::lint::{Finding, Severity};
use crate::model::{Comparator, Decision, DocumentRef, Plan, Target, Task};
use crate::text::fold;

/// Tier words (cấp) by level, folded; words of one level match each other.
const LEVELS: [&[&str]; 3] = [
    TIER_WORDS.split_at(4).0,
    TIER_WORDS.split_at(4).1.split_at(3).0,
    TIER_WORDS.split_at(7).1,
];

/// Every tier word, folded: the one list the importer reads scopes and agency
/// names with.
pub const TIER_WORDS: [&str; 9] = [
    "xa",
    "phuong",
    "thi tran",
    "dac khu",
    "huyen",
    "quan",
    "thi xa",
    "tinh",
    "thanh pho",
];

/// The tier words as written, in the order of [`TIER_WORDS`] (for messages).
pub const TIER_NAMES: [&str; 9] = [
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "huyện",
    "quận",
    "thị xã",
    "tỉnh",
    "thành phố",
];

/// The message for a word that is no tier, naming the tiers.
pub fn not_a_tier(tier: &str) -> String {
    format!(
        "«{tier}» không phải cấp hành chính ({})",
        TIER_NAMES.join(", ")
    )
}

/// The level of a tier word (`xã` → 0), folded input.
fn level_of(word: &str) -> Option<usize> {
    LEVELS.iter().position(|l| l.contains(&word))
}

/// The level of a tier word as typed (`Phường` → Some(0)); None for a word that is
/// no tier.
pub fn level(tier: &str) -> Option<usize> {
    level_of(&fold(tier))
}

/// `Tân An` from `Ủy ban nhân dân xã Tân An` and `xã`.
pub fn place_of(agency: &str, tier: &str) -> String {
    let f = fold(agency);
    let key = format!(" {} ", fold(tier));
    match f.find(&key) {
        Some(i) => {
            let n = f[..i + key.len()].chars().count();
            agency.chars().skip(n).collect::<String>().trim().to_owned()
        }
        None => String::new(),
    }
}

/// The tier words a unit phrase names as a group: `Ủy ban nhân dân các xã, phường,
/// thị trấn` → [xa, phuong, thi tran]; `UBND các quận, huyện` → [quan, huyen].
pub fn named_tiers(unit: &str) -> Vec<String> {
    let f = fold(unit);
    let mut out = Vec::new();
    // `các <tier>, <tier> …` after `các`, or `cấp <tier>`.
    for (i, _) in f.match_indices("cac ").chain(f.match_indices("cap ")) {
        let mut rest = &f[i + 4..];
        loop {
            rest = rest.trim_start_matches([' ', ',']);
            let found = LEVELS
                .iter()
                .flat_map(|l| l.iter())
                .filter(|t| {
                    rest.starts_with(*t)
                        && rest[t.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
                .max_by_key(|t| t.len());
            match found {
                Some(t) => {
                    out.push((*t).to_owned());
                    rest = &rest[t.len()..];
                    if let Some(r) = rest.strip_prefix(" va ") {
                        rest = r;
                    }
                }
                None => break,
            }
        }
    }
    out
}

/// Whether a unit phrase concerns the child's tier: it names the tier or a tier of
/// its level, or names every locality (`các địa phương`).
pub fn concerns(unit: &str, tier: &str) -> bool {
    let t = fold(tier);
    let Some(level) = level_of(&t) else {
        return false;
    };
    let f = fold(unit);
    if f.contains("cac dia phuong") {
        return true;
    }
    named_tiers(unit)
        .iter()
        .any(|n| *n == t || level_of(n) == Some(level))
}

/// A target's scope concerns the tier when it names no tier or names this one.
fn target_concerns(t: &Target, tier: &str) -> bool {
    let named = named_tiers(&t.scope);
    named.is_empty() || concerns(&t.scope, tier)
}

fn task_concerns(t: &Task, tier: &str) -> bool {
    concerns(&t.lead, tier) || t.partners.iter().any(|p| concerns(p, tier))
}

/// The reference to the parent for the child's legal basis sentence.
pub fn reference_to(parent: &Plan) -> DocumentRef {
    DocumentRef {
        kind: parent.kind,
        number: parent.number,
        symbol: parent.symbol.clone(),
        date: parent.date,
        agency: parent.agency.name.clone(),
        title: parent.title.clone(),
    }
}

/// The child's draft: the skeleton with the parent's targets for this tier
/// (adopted, linked), those for another tier only (offered as not applicable), the
/// parent's tasks that name this tier (the child in charge), the legal basis
/// sentence and the recipients. `unit`: the child's agency, place and signer; its
/// period and parent come from `parent`.
pub fn derive(
    parent: &Plan,
    unit: &crate::template::Fill<'_>,
    template: &crate::template::Template,
) -> Plan {
    let agency = unit.agency.clone();
    let place = unit.place.as_str();
    let tier = agency.tier.clone();
    let mut child = template.instantiate(&crate::template::Fill {
        year: parent.period.years().0,
        period: Some(parent.period.clone()),
        parent: Some(parent),
        ..unit.clone()
    });
    child.title = child_title(parent, &agency, place);
    child.intro = format!(
        "{} ban hành Kế hoạch {}, cụ thể như sau:",
        agency.name,
        lower_first(&child.title)
    );
    let mut parent = parent.clone();
    parent.assign_ids();
    child.targets = parent
        .targets
        .iter()
        .map(|t| {
            let adopted = target_concerns(t, &tier);
            Target {
                id: String::new(),
                parent_target: Some(t.id.clone()),
                decision: Some(if adopted {
                    Decision::Adopted
                } else {
                    Decision::NotApplicable
                }),
                reason: if adopted {
                    String::new()
                } else {
                    format!("Chỉ tiêu dành cho {}", t.scope)
                },
                ..t.clone()
            }
        })
        .collect();
    child.tasks = parent
        .tasks
        .iter()
        .filter(|t| task_concerns(t, &tier))
        .map(|t| Task {
            id: String::new(),
            group: t.group.clone(),
            text: t.text.clone(),
            lead: agency.name.clone(),
            partners: vec![],
            deadline: t.deadline.clone(),
            budget: String::new(),
            // The product the parent expects is what the unit delivers too.
            product: t.product.clone(),
            details: vec![],
            parent_task: Some(t.id.clone()),
        })
        .collect();
    // The parent agency first, then the template's own, `Lưu: VT` last.
    let (archive, others): (Vec<String>, Vec<String>) = child
        .recipients
        .iter()
        .cloned()
        .partition(|r| crate::model::is_archive_recipient(r));
    let mut recipients = vec![parent.agency.name.clone()];
    for r in others {
        if !recipients.contains(&r) {
            recipients.push(r);
        }
    }
    recipients.push(
        archive
            .into_iter()
            .next()
            .unwrap_or_else(|| "Lưu: VT".into()),
    );
    child.recipients = recipients;
    child.assign_ids();
    crate::template::place_items(&mut child);
    child
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `Chuyển đổi số thành phố Hải Phòng năm 2024` → `Chuyển đổi số quận Hải An năm
/// 2024`: the parent's unit in its title replaced by the child's; otherwise the
/// child's unit added (`… trên địa bàn xã Tân An`).
fn child_title(parent: &Plan, agency: &crate::model::Agency, place: &str) -> String {
    let parent_unit = parent.agency.unit();
    let child_unit = format!("{} {place}", agency.tier).trim().to_owned();
    if !parent_unit.is_empty() && parent.title.contains(&parent_unit) {
        parent.title.replacen(&parent_unit, &child_unit, 1)
    } else if child_unit.is_empty() {
        parent.title.clone()
    } else {
        format!("{} trên địa bàn {child_unit}", parent.title)
    }
}

/// Tolerance for `≈` targets, in the target's unit (percentage points by default).
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    pub approx_tolerance: f64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            approx_tolerance: 1.0,
        }
    }
}

/// Is the child's value weaker than the parent's, for the parent's direction?
pub fn weaker(cmp: Comparator, parent: f64, child: f64, tolerance: f64) -> bool {
    match cmp {
        Comparator::Ge | Comparator::Gt => child < parent,
        Comparator::Le | Comparator::Lt => child > parent,
        Comparator::Eq => (child - parent).abs() > f64::EPSILON,
        Comparator::Approx => (child - parent).abs() > tolerance,
    }
}

fn finding(severity: Severity, rule: &'static str, path: String, message: String) -> Finding {
    Finding::new(severity, rule, message).at(path)
}

/// A child's deadline whose last day is after the parent's (`what`: chỉ tiêu,
/// nhiệm vụ; `path`: the child item).
fn later_deadline(
    what: &str,
    text: &str,
    path: &str,
    parent: &Option<crate::model::Deadline>,
    child: &Option<crate::model::Deadline>,
    out: &mut Vec<Finding>,
) {
    let last = |d: &Option<crate::model::Deadline>| d.as_ref().and_then(|d| d.last_day());
    let label =
        |d: &Option<crate::model::Deadline>| d.as_ref().map(|d| d.label()).unwrap_or_default();
    if let (Some(pd), Some(cd)) = (last(parent), last(child)) {
        if cd > pd {
            let mut short: String = text.chars().take(70).collect();
            if text.chars().count() > 70 {
                short.push('…');
            }
            out.push(finding(
                Severity::Error,
                "later_deadline",
                format!("{path}.deadline"),
                format!(
                    "thời hạn của {what} «{short}» ({}) muộn hơn kế hoạch cấp trên ({})",
                    label(child),
                    label(parent)
                ),
            ));
        }
    }
}

/// The child checked against its parent: weaker targets, later deadlines, parent
/// targets and tasks for this tier left out, links to what the parent no longer has.
pub fn check(child: &Plan, parent: &Plan, opts: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut parent = parent.clone();
    parent.assign_ids();
    let tier = child.agency.tier.clone();
    let short = |s: &str| -> String {
        let mut t: String = s.chars().take(70).collect();
        if s.chars().count() > 70 {
            t.push('…');
        }
        t
    };
    for (i, t) in child.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        let Some(pid) = &t.parent_target else {
            continue;
        };
        let Some(p) = parent.targets.iter().find(|p| &p.id == pid) else {
            out.push(finding(
                Severity::Error,
                "parent_link",
                format!("{path}.parent_target"),
                format!(
                    "chỉ tiêu «{}» gắn với chỉ tiêu {pid} của kế hoạch cấp trên, nhưng kế hoạch cấp trên không còn chỉ tiêu này",
                    short(&t.text)
                ),
            ));
            continue;
        };
        if t.decision == Some(Decision::NotApplicable) {
            if t.reason.trim().is_empty() {
                out.push(finding(
                    Severity::Error,
                    "not_applicable",
                    format!("{path}.reason"),
                    format!(
                        "chỉ tiêu «{}» không áp dụng nhưng chưa nêu lý do",
                        short(&t.text)
                    ),
                ));
            }
            continue;
        }
        if let (Some(pc), Some(pv)) = (p.comparator, p.value) {
            match t.value {
                Some(cv) if weaker(pc, pv, cv, opts.approx_tolerance) => {
                    let unit = if p.unit == crate::model::Unit::Percent {
                        "%"
                    } else {
                        ""
                    };
                    out.push(finding(
                        Severity::Error,
                        "weaker_target",
                        format!("{path}.value"),
                        format!(
                            "chỉ tiêu «{}» thấp hơn kế hoạch cấp trên: {}{cv}{unit} so với {}{pv}{unit}",
                            short(&t.text),
                            t.comparator.unwrap_or(pc).symbol(),
                            pc.symbol()
                        ),
                    ));
                }
                None => out.push(finding(
                    Severity::Error,
                    "weaker_target",
                    format!("{path}.value"),
                    format!(
                        "chỉ tiêu «{}» chưa có giá trị (cấp trên: {}{pv})",
                        short(&t.text),
                        pc.symbol()
                    ),
                )),
                _ => {}
            }
            if let Some(cc) = t.comparator {
                let loosened = matches!(
                    (pc, cc),
                    (Comparator::Gt, Comparator::Ge)
                        | (Comparator::Lt, Comparator::Le)
                        | (Comparator::Eq, _)
                ) && cc != pc
                    || matches!(
                        (pc, cc),
                        (
                            Comparator::Ge | Comparator::Gt,
                            Comparator::Le | Comparator::Lt
                        ) | (
                            Comparator::Le | Comparator::Lt,
                            Comparator::Ge | Comparator::Gt
                        )
                    );
                if loosened {
                    out.push(finding(
                        Severity::Error,
                        "weaker_target",
                        format!("{path}.comparator"),
                        format!(
                            "chỉ tiêu «{}» đổi so sánh {} của cấp trên thành {}",
                            short(&t.text),
                            pc.symbol(),
                            cc.symbol()
                        ),
                    ));
                }
            }
        }
        later_deadline(
            "chỉ tiêu",
            &t.text,
            &path,
            &p.deadline,
            &t.deadline,
            &mut out,
        );
        if t.unit != p.unit {
            out.push(finding(
                Severity::Error,
                "unit",
                format!("{path}.unit"),
                format!(
                    "chỉ tiêu «{}» đổi đơn vị so với kế hoạch cấp trên",
                    short(&t.text)
                ),
            ));
        }
    }
    // Parent targets for this tier with no child target.
    for p in &parent.targets {
        if !target_concerns(p, &tier) {
            continue;
        }
        if !child
            .targets
            .iter()
            .any(|t| t.parent_target.as_deref() == Some(p.id.as_str()))
        {
            out.push(finding(
                Severity::Error,
                "missing_target",
                "targets".into(),
                format!(
                    "chưa có chỉ tiêu thực hiện chỉ tiêu {} của cấp trên «{}» (hoặc đánh dấu không áp dụng, có lý do)",
                    p.id,
                    short(&p.text)
                ),
            ));
        }
    }
    // Tasks.
    for (i, t) in child.tasks.iter().enumerate() {
        let Some(pid) = &t.parent_task else { continue };
        match parent.tasks.iter().find(|p| &p.id == pid) {
            None => out.push(finding(
                Severity::Error,
                "parent_link",
                format!("tasks[{i}].parent_task"),
                format!(
                    "nhiệm vụ «{}» gắn với nhiệm vụ {pid} của kế hoạch cấp trên, nhưng kế hoạch cấp trên không còn nhiệm vụ này",
                    short(&t.text)
                ),
            )),
            Some(p) => later_deadline(
                "nhiệm vụ",
                &t.text,
                &format!("tasks[{i}]"),
                &p.deadline,
                &t.deadline,
                &mut out,
            ),
        }
    }
    for p in &parent.tasks {
        if task_concerns(p, &tier)
            && !child
                .tasks
                .iter()
                .any(|t| t.parent_task.as_deref() == Some(p.id.as_str()))
        {
            out.push(finding(
                Severity::Error,
                "missing_task",
                "tasks".into(),
                format!(
                    "chưa có nhiệm vụ thực hiện nhiệm vụ {} của cấp trên «{}»",
                    p.id,
                    short(&p.text)
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_names_fold_to_the_tier_words() {
        let folded: Vec<String> = TIER_NAMES.iter().map(|n| fold(n)).collect();
        assert_eq!(folded, TIER_WORDS);
    }

    #[test]
    fn tiers_named_together_match_each_other() {
        assert!(concerns("Ủy ban nhân dân các xã, phường, thị trấn", "xã"));
        assert!(concerns(
            "Ủy ban nhân dân các xã, phường, thị trấn",
            "đặc khu"
        ));
        assert!(concerns("UBND các quận, huyện", "huyện"));
        assert!(concerns("Ủy ban nhân dân các quận, huyện", "thị xã"));
        assert!(!concerns("Ủy ban nhân dân các quận, huyện", "xã"));
        assert!(!concerns(
            "Ủy ban nhân dân các xã, phường, thị trấn",
            "quận"
        ));
        assert!(concerns("các địa phương", "phường"));
        assert!(!concerns("Sở Thông tin và Truyền thông", "xã"));
        assert!(concerns("cấp xã", "phường"));
        assert_eq!(
            named_tiers("Ủy ban nhân dân các xã, phường, thị trấn; doanh nghiệp"),
            ["xa", "phuong", "thi tran"]
        );
    }

    #[test]
    fn direction_aware_weakness() {
        assert!(weaker(Comparator::Ge, 80.0, 75.0, 1.0));
        assert!(!weaker(Comparator::Ge, 80.0, 85.0, 1.0));
        assert!(weaker(Comparator::Le, 5.0, 6.0, 1.0));
        assert!(!weaker(Comparator::Lt, 5.0, 4.0, 1.0));
        assert!(weaker(Comparator::Eq, 100.0, 99.0, 1.0));
        assert!(!weaker(Comparator::Approx, 10.0, 10.5, 1.0));
        assert!(weaker(Comparator::Approx, 10.0, 12.0, 1.0));
    }
}

/// What the child did with the parent's targets (tóm tắt kế thừa).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub adopted: usize,
    pub tightened: usize,
    pub not_applicable: usize,
    pub new: usize,
    /// Parent tasks picked up by a child task.
    pub tasks_picked_up: usize,
}

/// Counts of the child's decisions; a target without a link to the parent is new.
pub fn summary(child: &Plan) -> Summary {
    let mut s = Summary::default();
    for t in &child.targets {
        match (t.parent_target.is_some(), t.decision) {
            (_, Some(Decision::Tightened)) => s.tightened += 1,
            (_, Some(Decision::NotApplicable)) => s.not_applicable += 1,
            (true, _) => s.adopted += 1,
            (false, _) => s.new += 1,
        }
    }
    let mut picked: Vec<&str> = child
        .tasks
        .iter()
        .filter_map(|t| t.parent_task.as_deref())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    s.tasks_picked_up = picked.len();
    s
}

/// The traceability appendix (Phụ lục: Đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch
/// cấp trên): one landscape table row per parent target and task, with what this
/// plan decided, its value, deadline and reason.
pub fn trace_appendix(child: &Plan, parent: &Plan) -> crate::model::Appendix {
    use crate::model::{Appendix, Block, Column, Orientation};
    let mut parent = parent.clone();
    parent.assign_ids();
    let value = |t: &Target| match (t.comparator, t.value) {
        (Some(c), Some(v)) => {
            let unit = match t.unit {
                crate::model::Unit::Percent => "%".to_owned(),
                _ => format!(" {}", t.unit_label),
            };
            format!(
                "{}{}{}",
                c.symbol(),
                crate::model::format_number(v),
                unit.trim_end()
            )
        }
        _ => String::new(),
    };
    let deadline =
        |d: &Option<crate::model::Deadline>| d.as_ref().map(|d| d.label()).unwrap_or_default();
    let mut rows = Vec::new();
    let mut n = 0;
    for p in &parent.targets {
        n += 1;
        let c = child
            .targets
            .iter()
            .find(|t| t.parent_target.as_deref() == Some(p.id.as_str()));
        let decision = match c.and_then(|c| c.decision) {
            Some(Decision::Adopted) => "Giữ nguyên",
            Some(Decision::Tightened) => "Nâng cao",
            Some(Decision::NotApplicable) => "Không áp dụng",
            Some(Decision::New) | None if c.is_some() => "Giữ nguyên",
            _ => "Chưa thực hiện",
        };
        rows.push(vec![
            n.to_string(),
            format!("Chỉ tiêu: {}", p.text),
            value(p),
            deadline(&p.deadline),
            decision.to_owned(),
            c.map(value).unwrap_or_default(),
            c.map(|c| deadline(&c.deadline)).unwrap_or_default(),
            c.map(|c| c.reason.clone()).unwrap_or_default(),
        ]);
    }
    for p in &parent.tasks {
        let mine: Vec<&Task> = child
            .tasks
            .iter()
            .filter(|t| t.parent_task.as_deref() == Some(p.id.as_str()))
            .collect();
        if mine.is_empty() && !task_concerns(p, &child.agency.tier) {
            continue; // a task for other units: nothing to trace
        }
        n += 1;
        rows.push(vec![
            n.to_string(),
            format!("Nhiệm vụ: {}", p.text),
            String::new(),
            deadline(&p.deadline),
            if mine.is_empty() {
                "Chưa thực hiện"
            } else {
                "Thực hiện"
            }
            .to_owned(),
            mine.iter()
                .map(|t| t.lead.clone())
                .collect::<Vec<_>>()
                .join("; "),
            mine.first()
                .map(|t| deadline(&t.deadline))
                .unwrap_or_default(),
            String::new(),
        ]);
    }
    let col = |title: &str, w: Option<f64>| Column {
        title: title.into(),
        width_mm: w,
    };
    Appendix {
        title: "Đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch cấp trên".into(),
        orientation: Orientation::Landscape,
        blocks: vec![Block::Table {
            columns: vec![
                col("TT", Some(10.0)),
                col("Chỉ tiêu, nhiệm vụ của kế hoạch cấp trên", None),
                col("Cấp trên", Some(20.0)),
                col("Thời hạn cấp trên", Some(28.0)),
                col("Quyết định", Some(24.0)),
                col("Kế hoạch này", Some(34.0)),
                col("Thời hạn", Some(28.0)),
                col("Lý do", Some(36.0)),
            ],
            rows,
        }],
    }
}

/// A difference between two versions of the parent plan (thay đổi của kế hoạch cấp
/// trên), with the child's items it affects.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum ParentChange {
    /// A target the new version adds.
    TargetAdded {
        new_id: String,
        text: String,
    },
    /// A target the new version no longer has; `affected` are the child's targets
    /// (indices) linked to it.
    TargetRemoved {
        old_id: String,
        text: String,
        affected: Vec<usize>,
    },
    /// A target whose value, direction or deadline changed (matched by its text).
    TargetChanged {
        old_id: String,
        new_id: String,
        text: String,
        before: String,
        after: String,
        affected: Vec<usize>,
    },
    TaskAdded {
        new_id: String,
        text: String,
    },
    TaskRemoved {
        old_id: String,
        text: String,
        affected: Vec<usize>,
    },
}

/// Words of a text, folded, for matching items across versions.
fn word_set(s: &str) -> std::collections::BTreeSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

/// Similarity of two texts: shared words over all words (Jaccard), numbers left out
/// so that a target whose value changed still matches itself.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (word_set(a), word_set(b));
    let all = a.union(&b).count();
    if all == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / all as f64
}

/// Pairs each old item with its best new match (similarity ≥ 0.6), greedily by
/// similarity; returns (old index, new index) pairs.
fn match_items(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate() {
        for (j, b) in new.iter().enumerate() {
            let s = similarity(a, b);
            if s >= 0.6 {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_old, mut used_new) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in scored {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn commitment(t: &Target) -> String {
    let value = match (t.comparator, t.value) {
        (Some(c), Some(v)) => format!("{}{}", c.symbol(), crate::model::format_number(v)),
        _ => String::new(),
    };
    let deadline = t.deadline.as_ref().map(|d| d.label()).unwrap_or_default();
    format!("{value} {deadline}").trim().to_owned()
}

/// What changed from `old` to `new` (two versions of the parent), and which of the
/// child's targets and tasks each change affects.
pub fn parent_changes(old: &Plan, new: &Plan, child: &Plan) -> Vec<ParentChange> {
    let (mut old, mut new) = (old.clone(), new.clone());
    old.assign_ids();
    new.assign_ids();
    let linked_targets = |id: &str| -> Vec<usize> {
        child
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.parent_target.as_deref() == Some(id))
            .map(|(i, _)| i)
            .collect()
    };
    let mut out = Vec::new();
    let ot: Vec<&str> = old.targets.iter().map(|t| t.text.as_str()).collect();
    let nt: Vec<&str> = new.targets.iter().map(|t| t.text.as_str()).collect();
    let pairs = match_items(&ot, &nt);
    for (i, t) in old.targets.iter().enumerate() {
        match pairs.iter().find(|(a, _)| *a == i) {
            None => out.push(ParentChange::TargetRemoved {
                old_id: t.id.clone(),
                text: t.text.clone(),
                affected: linked_targets(&t.id),
            }),
            Some((_, j)) => {
                let n = &new.targets[*j];
                let (before, after) = (commitment(t), commitment(n));
                if before != after || t.unit != n.unit {
                    out.push(ParentChange::TargetChanged {
                        old_id: t.id.clone(),
                        new_id: n.id.clone(),
                        text: n.text.clone(),
                        before,
                        after,
                        affected: linked_targets(&t.id),
                    });
                }
            }
        }
    }
    for (j, n) in new.targets.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == j) {
            out.push(ParentChange::TargetAdded {
                new_id: n.id.clone(),
                text: n.text.clone(),
            });
        }
    }
    let ok: Vec<&str> = old.tasks.iter().map(|t| t.text.as_str()).collect();
    let nk: Vec<&str> = new.tasks.iter().map(|t| t.text.as_str()).collect();
    let pairs = match_items(&ok, &nk);
    for (i, t) in old.tasks.iter().enumerate() {
        if !pairs.iter().any(|(a, _)| *a == i) {
            out.push(ParentChange::TaskRemoved {
                old_id: t.id.clone(),
                text: t.text.clone(),
                affected: child
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.parent_task.as_deref() == Some(t.id.as_str()))
                    .map(|(k, _)| k)
                    .collect(),
            });
        }
    }
    for (j, n) in new.tasks.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == j) && task_concerns(n, &child.agency.tier) {
            out.push(ParentChange::TaskAdded {
                new_id: n.id.clone(),
                text: n.text.clone(),
            });
        }
    }
    out
}

/// Applies the accepted changes to the child: links moved to the new version's ids
/// for every matched item, changed values taken over by adopted targets, added
/// targets and tasks taken in, removed ones marked not applicable (targets) or
/// unlinked (tasks). Rejected changes leave the child as it was, except that links
/// to matched items always follow the new ids.
pub fn apply_changes(
    child: &mut Plan,
    old: &Plan,
    new: &Plan,
    changes: &[ParentChange],
    accepted: &[bool],
) {
    let (mut old, mut new) = (old.clone(), new.clone());
    old.assign_ids();
    new.assign_ids();
    // Follow matched ids first.
    let ot: Vec<&str> = old.targets.iter().map(|t| t.text.as_str()).collect();
    let nt: Vec<&str> = new.targets.iter().map(|t| t.text.as_str()).collect();
    let target_map: Vec<(String, String)> = match_items(&ot, &nt)
        .into_iter()
        .map(|(i, j)| (old.targets[i].id.clone(), new.targets[j].id.clone()))
        .collect();
    let ok: Vec<&str> = old.tasks.iter().map(|t| t.text.as_str()).collect();
    let nk: Vec<&str> = new.tasks.iter().map(|t| t.text.as_str()).collect();
    let task_map: Vec<(String, String)> = match_items(&ok, &nk)
        .into_iter()
        .map(|(i, j)| (old.tasks[i].id.clone(), new.tasks[j].id.clone()))
        .collect();
    for t in &mut child.targets {
        if let Some(p) = &t.parent_target {
            if let Some((_, n)) = target_map.iter().find(|(o, _)| o == p) {
                t.parent_target = Some(n.clone());
            }
        }
    }
    for t in &mut child.tasks {
        if let Some(p) = &t.parent_task {
            if let Some((_, n)) = task_map.iter().find(|(o, _)| o == p) {
                t.parent_task = Some(n.clone());
            }
        }
    }
    for (c, ok) in changes.iter().zip(accepted) {
        if !ok {
            continue;
        }
        match c {
            ParentChange::TargetAdded { new_id, .. } => {
                if let Some(n) = new.targets.iter().find(|t| &t.id == new_id) {
                    let adopted = target_concerns(n, &child.agency.tier);
                    child.targets.push(Target {
                        id: String::new(),
                        parent_target: Some(new_id.clone()),
                        decision: Some(if adopted {
                            Decision::Adopted
                        } else {
                            Decision::NotApplicable
                        }),
                        reason: if adopted {
                            String::new()
                        } else {
                            format!("Chỉ tiêu dành cho {}", n.scope)
                        },
                        ..n.clone()
                    });
                }
            }
            ParentChange::TargetRemoved { affected, .. } => {
                for i in affected {
                    if let Some(t) = child.targets.get_mut(*i) {
                        t.parent_target = None;
                        t.decision = Some(Decision::New);
                    }
                }
            }
            ParentChange::TargetChanged {
                new_id, affected, ..
            } => {
                if let Some(n) = new.targets.iter().find(|t| &t.id == new_id) {
                    for i in affected {
                        if let Some(t) = child.targets.get_mut(*i) {
                            // An adopted target follows the parent; a tightened one
                            // keeps its own value unless it is now weaker.
                            let weaker_now = match (n.comparator, n.value, t.value) {
                                (Some(c), Some(pv), Some(cv)) => weaker(c, pv, cv, 0.0),
                                _ => false,
                            };
                            if t.decision != Some(Decision::Tightened) || weaker_now {
                                t.comparator = n.comparator;
                                t.value = n.value;
                                t.unit = n.unit;
                                t.decision = Some(Decision::Adopted);
                            }
                            let later = match (
                                n.deadline.as_ref().and_then(|d| d.last_day()),
                                t.deadline.as_ref().and_then(|d| d.last_day()),
                            ) {
                                (Some(p), Some(c)) => c > p,
                                _ => true,
                            };
                            if later {
                                t.deadline = n.deadline.clone();
                            }
                        }
                    }
                }
            }
            ParentChange::TaskAdded { new_id, .. } => {
                if let Some(n) = new.tasks.iter().find(|t| &t.id == new_id) {
                    child.tasks.push(Task {
                        id: String::new(),
                        group: n.group.clone(),
                        text: n.text.clone(),
                        lead: child.agency.name.clone(),
                        partners: vec![],
                        deadline: n.deadline.clone(),
                        budget: String::new(),
                        product: n.product.clone(),
                        details: vec![],
                        parent_task: Some(new_id.clone()),
                    });
                }
            }
            ParentChange::TaskRemoved { affected, .. } => {
                for i in affected {
                    if let Some(t) = child.tasks.get_mut(*i) {
                        t.parent_task = None;
                    }
                }
            }
        }
    }
    child.assign_ids();
}

impl ParentChange {
    /// The change as the officer reads it, with the child's items it affects.
    pub fn describe(&self, _child: &Plan) -> String {
        let names = |idx: &[usize], targets: bool| -> String {
            if idx.is_empty() {
                return String::new();
            }
            let list: Vec<String> = idx
                .iter()
                .map(|i| {
                    if targets {
                        format!("targets[{i}]")
                    } else {
                        format!("tasks[{i}]")
                    }
                })
                .collect();
            format!(" (ảnh hưởng: {})", list.join(", "))
        };
        match self {
            ParentChange::TargetAdded { text, .. } => format!("chỉ tiêu mới: «{text}»"),
            ParentChange::TargetRemoved { text, affected, .. } => {
                format!("chỉ tiêu bị bỏ: «{text}»{}", names(affected, true))
            }
            ParentChange::TargetChanged {
                text,
                before,
                after,
                affected,
                ..
            } => format!(
                "chỉ tiêu thay đổi: «{text}»: {before} → {after}{}",
                names(affected, true)
            ),
            ParentChange::TaskAdded { text, .. } => format!("nhiệm vụ mới cho cấp này: «{text}»"),
            ParentChange::TaskRemoved { text, affected, .. } => {
                format!("nhiệm vụ bị bỏ: «{text}»{}", names(affected, false))
            }
        }
    }
}
