//! The check against the parent (kiểm tra không thấp hơn cấp trên): every parent
//! target and task that concerns the child kept, none weaker, no deadline later.

use crate::lint::{Finding, Severity};
use crate::model::tier::{target_concerns, task_concerns};
use crate::model::{Comparator, Decision, Plan, Unit};

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

/// Whether the child's direction lets it do less than the parent's: `>` made `≥`,
/// `<` made `≤`, `=` made anything else, or the direction turned round.
pub(crate) fn loosened(parent: Comparator, child: Comparator) -> bool {
    use Comparator::*;
    (matches!((parent, child), (Gt, Ge) | (Lt, Le) | (Eq, _)) && child != parent)
        || matches!((parent, child), (Ge | Gt, Le | Lt) | (Le | Lt, Ge | Gt))
        || (parent != Approx && child == Approx)
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
    child_start: Option<chrono::NaiveDate>,
    out: &mut Vec<Finding>,
) {
    let last = |d: &Option<crate::model::Deadline>| d.as_ref().and_then(|d| d.last_day());
    let label =
        |d: &Option<crate::model::Deadline>| d.as_ref().map(|d| d.label()).unwrap_or_default();
    if let (Some(pd), Some(cd)) = (last(parent), last(child)) {
        // A parent's deadline before this plan's period has passed for it (a 2026
        // plan under a 2025 parent): moving it into the plan's own period, as the
        // lint offers, is not weakening it.
        let passed = child_start.is_some_and(|start| pd < start);
        if cd > pd && !passed {
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
        // What prints is judged: the sentence's measure, else the fields'.
        if let Some(pm) = p.printed_measure() {
            let (pc, pv) = (pm.comparator, pm.value);
            let cm = t.printed_measure();
            match &cm {
                Some(c) if weaker(pc, pv, c.value, opts.approx_tolerance) => {
                    out.push(finding(
                        Severity::Error,
                        "weaker_target",
                        format!("{path}.value"),
                        format!(
                            "chỉ tiêu «{}» thấp hơn kế hoạch cấp trên: {} so với {}",
                            short(&t.text),
                            c.symbolic(),
                            pm.symbolic()
                        ),
                    ));
                }
                None => out.push(finding(
                    Severity::Error,
                    "weaker_target",
                    format!("{path}.value"),
                    format!(
                        "chỉ tiêu «{}» chưa có giá trị (cấp trên: {})",
                        short(&t.text),
                        pm.symbolic()
                    ),
                )),
                _ => {}
            }
            // A lower value already says it is weaker; the direction is named when
            // the value alone would pass.
            let value_weaker = cm
                .as_ref()
                .is_none_or(|c| weaker(pc, pv, c.value, opts.approx_tolerance));
            if let Some(c) = cm.as_ref().filter(|c| !c.agrees(&pm) && !value_weaker) {
                let cc = c.comparator;
                if loosened(pc, cc) {
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
            if let Some(c) = &cm {
                if (c.unit == Unit::Percent) != (pm.unit == Unit::Percent) {
                    out.push(finding(
                        Severity::Error,
                        "unit",
                        format!("{path}.unit"),
                        format!(
                            "chỉ tiêu «{}» đổi đơn vị so với kế hoạch cấp trên ({} so với {})",
                            short(&t.text),
                            c.amount(),
                            pm.amount()
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
            child.period.days().0,
            &mut out,
        );
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
                child.period.days().0,
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
