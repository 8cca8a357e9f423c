//! The engine's lists as the UI shows them (so the page never declares its own):
//! comparators, units, inheritance decisions, tiers, statuses, with their labels.

use crate::model::{tier, Comparator, Decision, Status, Unit};
use serde::Serialize;

/// A value of a list with its label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Choice {
    /// The value as the interchange format writes it.
    pub value: String,
    pub label: String,
}

/// Every list the UI offers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Vocabulary {
    pub comparators: Vec<Choice>,
    pub units: Vec<Choice>,
    pub decisions: Vec<Choice>,
    pub tiers: Vec<String>,
    pub statuses: Vec<Choice>,
    /// A target's evaluation in a report (đạt, vượt, chưa đạt …).
    pub verdicts: Vec<Choice>,
    /// A task's status in a report (hoàn thành, đang thực hiện …).
    pub task_statuses: Vec<Choice>,
}

fn value_of<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The lists.
pub fn vocabulary() -> Vocabulary {
    let comparators = [
        Comparator::Eq,
        Comparator::Ge,
        Comparator::Gt,
        Comparator::Le,
        Comparator::Lt,
        Comparator::Approx,
    ]
    .into_iter()
    .map(|c| Choice {
        value: value_of(c),
        label: c.symbol().to_owned(),
    })
    .collect();
    let units = [
        (Unit::Percent, "%"),
        (Unit::Count, "số lượng"),
        (Unit::Other, "khác"),
    ]
    .into_iter()
    .map(|(u, l)| Choice {
        value: value_of(u),
        label: l.to_owned(),
    })
    .collect();
    let decisions = [
        Decision::Adopted,
        Decision::Tightened,
        Decision::NotApplicable,
        Decision::New,
        Decision::Weakened,
    ]
    .into_iter()
    .map(|d| Choice {
        value: value_of(d),
        label: d.label().to_owned(),
    })
    .collect();
    let statuses = [Status::Draft, Status::Final]
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: s.label().to_owned(),
        })
        .collect();
    use crate::report::{TaskStatus, Verdict};
    let verdicts = [
        Verdict::Met,
        Verdict::Exceeded,
        Verdict::NotMet,
        Verdict::NoData,
        Verdict::Unassessed,
        Verdict::NotApplicable,
    ]
    .into_iter()
    .map(|v| Choice {
        value: value_of(v),
        label: v.label().to_owned(),
    })
    .collect();
    let task_statuses = [
        TaskStatus::Done,
        TaskStatus::InProgress,
        TaskStatus::NotStarted,
        TaskStatus::Stopped,
    ]
    .into_iter()
    .map(|s| Choice {
        value: value_of(s),
        label: s.label().to_owned(),
    })
    .collect();
    Vocabulary {
        comparators,
        units,
        decisions,
        tiers: tier::TIER_NAMES.iter().map(|t| (*t).to_owned()).collect(),
        statuses,
        verdicts,
        task_statuses,
    }
}

/// The reporting periods (kỳ báo cáo) of `year` as the period picker offers them:
/// the code and the label as a list shows it (`6 tháng đầu năm 2026`).
pub fn reporting_periods(year: i32) -> Vec<Choice> {
    crate::report::ReportingPeriod::choices(year)
        .into_iter()
        .map(|p| {
            let mut chars = p.label.chars();
            let label = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            Choice {
                value: p.code,
                label,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_period_picker_names_each_half_in_full() {
        let choices = super::reporting_periods(2026);
        let label = |code: &str| {
            choices
                .iter()
                .find(|c| c.value == code)
                .map(|c| c.label.clone())
        };
        assert_eq!(label("2026-H1").as_deref(), Some("6 tháng đầu năm 2026"));
        assert_eq!(label("2026-H2").as_deref(), Some("6 tháng cuối năm 2026"));
        assert_eq!(label("2026-Q4").as_deref(), Some("Quý IV năm 2026"));
        assert_eq!(label("2026-02").as_deref(), Some("Tháng 02 năm 2026"));
        assert_eq!(choices.len(), 20);
    }

    #[test]
    fn lists_carry_the_format_values_and_labels() {
        let v = super::vocabulary();
        assert_eq!(v.comparators[1].value, ">=");
        assert_eq!(v.comparators[1].label, "≥");
        assert_eq!(v.decisions[2].value, "not_applicable");
        assert_eq!(v.decisions[2].label, "Không áp dụng");
        assert_eq!(v.units[0].value, "percent");
        assert_eq!(v.tiers[0], "xã");
    }
}
