//! Evaluation by the target's direction (đánh giá mức độ hoàn thành): the one place
//! that decides met / not yet met / exceeded and the completion rate. The target's
//! level is the one that prints (its sentence's, else its fields'), so a report
//! judges against the paper the unit signed.
//!
//! | plan | met | exceeded | not met |
//! | --- | --- | --- | --- |
//! | `≥ v` | `= v` | `> v` | `< v` |
//! | `> v` | `> v` | — | `≤ v` |
//! | `≤ v` | `= v` | `< v` | `> v` |
//! | `< v` | `< v` | — | `≥ v` |
//! | `= v` | `= v` | — | anything else (`= 100%` at 98% is not met) |
//! | `≈ v` | within the tolerance | — | further |
//!
//! The rate is achieved ÷ planned for the targets that rise (≥, >, =, ≈), planned ÷
//! achieved for the caps (≤, <) when above the cap, 100% when within it.

use super::{TargetResult, TaskResult, TaskStatus};
use crate::model::{format_number, Comparator, Decision, Target, Task, Unit};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a target stands at the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Đạt.
    Met,
    /// Vượt.
    Exceeded,
    /// Chưa đạt.
    NotMet,
    /// Chưa có số liệu (no figure entered).
    NoData,
    /// Chưa đánh giá (a target without a number, not yet judged).
    Unassessed,
    /// Không áp dụng (a parent's target this unit does not take up).
    NotApplicable,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "Đạt",
            Verdict::Exceeded => "Vượt",
            Verdict::NotMet => "Chưa đạt",
            Verdict::NoData => "Chưa có số liệu",
            Verdict::Unassessed => "Chưa đánh giá",
            Verdict::NotApplicable => "Không áp dụng",
        }
    }

    /// Whether the target counts as reached (met or exceeded).
    pub fn reached(self) -> bool {
        matches!(self, Verdict::Met | Verdict::Exceeded)
    }
}

/// A target's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub verdict: Verdict,
    /// The completion rate in percent, when both figures exist.
    pub rate: Option<f64>,
    /// The plan's level as it prints: `≥80%`.
    pub planned: String,
    /// The achieved figure as plans write it: `85,5%`, `1.200 hộ`.
    pub achieved: String,
    /// The rate as printed: `96,5%`.
    pub rate_label: String,
}

/// A figure in the target's unit, with Vietnamese decimals: `85,5%`.
pub fn figure(v: f64, unit: Unit, unit_label: &str) -> String {
    let n = format_number((v * 100.0).round() / 100.0);
    match unit {
        Unit::Percent => format!("{n}%"),
        _ if unit_label.trim().is_empty() => n,
        _ => format!("{n} {}", unit_label.trim()),
    }
}

/// A rate in percent with one decimal: `96,5%`.
pub fn rate_label(rate: f64) -> String {
    format!("{}%", format_number((rate * 10.0).round() / 10.0))
}

/// Evaluates `target` with its `result` (none entered: no data); `tolerance` is the
/// check's for `≈` targets.
pub fn evaluate_target(
    target: &Target,
    result: Option<&TargetResult>,
    tolerance: f64,
) -> Evaluation {
    let measure = target.printed_measure();
    let planned = measure.as_ref().map(|m| m.symbolic()).unwrap_or_default();
    let unit = measure.as_ref().map_or(target.unit, |m| m.unit);
    let label = measure
        .as_ref()
        .map_or(target.unit_label.as_str(), |m| m.unit_label.as_str())
        .to_owned();
    let value = result.and_then(|r| r.value);
    let achieved = value.map(|v| figure(v, unit, &label)).unwrap_or_default();
    let done = |verdict: Verdict, rate: Option<f64>| Evaluation {
        verdict,
        rate,
        planned: planned.clone(),
        achieved: achieved.clone(),
        rate_label: rate.map(rate_label).unwrap_or_default(),
    };
    if target.decision == Some(Decision::NotApplicable) {
        return done(Verdict::NotApplicable, None);
    }
    let Some(m) = measure else {
        // A target without a number: the officer's judgement, if given.
        return match result.and_then(|r| r.met) {
            Some(true) => done(Verdict::Met, None),
            Some(false) => done(Verdict::NotMet, None),
            None => done(Verdict::Unassessed, None),
        };
    };
    let Some(a) = value else {
        return done(Verdict::NoData, None);
    };
    let v = m.value;
    let eps = 1e-9;
    let verdict = match m.comparator {
        Comparator::Ge if a > v + eps => Verdict::Exceeded,
        Comparator::Ge if a >= v - eps => Verdict::Met,
        Comparator::Gt if a > v + eps => Verdict::Met,
        Comparator::Le if a < v - eps => Verdict::Exceeded,
        Comparator::Le if a <= v + eps => Verdict::Met,
        Comparator::Lt if a < v - eps => Verdict::Met,
        Comparator::Eq if (a - v).abs() <= eps => Verdict::Met,
        Comparator::Approx if (a - v).abs() <= tolerance + eps => Verdict::Met,
        _ => Verdict::NotMet,
    };
    let rate = match m.comparator {
        Comparator::Le | Comparator::Lt if a <= v => Some(100.0),
        Comparator::Le | Comparator::Lt if a > 0.0 => Some(v / a * 100.0),
        _ if v != 0.0 => Some(a / v * 100.0),
        _ => None,
    };
    done(verdict, rate)
}

/// A task's evaluation: its status, and whether it is overdue at the period's end
/// (its deadline passed, not done).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskEvaluation {
    pub status: TaskStatus,
    pub overdue: bool,
    /// `Hoàn thành (ngày 05/3/2026)`, `Đang thực hiện, quá hạn`.
    pub label: String,
}

pub fn evaluate_task(
    task: &Task,
    result: Option<&TaskResult>,
    period_end: NaiveDate,
) -> TaskEvaluation {
    let status = result.map(|r| r.status).unwrap_or_default();
    let last = task.deadline.as_ref().and_then(|d| d.last_day());
    let overdue = status != TaskStatus::Done && last.is_some_and(|d| d < period_end);
    let mut label = status.label().to_owned();
    if let Some(d) = result
        .and_then(|r| r.done_on)
        .filter(|_| status == TaskStatus::Done)
    {
        label.push_str(&format!(" (ngày {})", crate::model::dates::short_date(d)));
        if last.is_some_and(|l| d > l) {
            label.push_str(", chậm so với thời hạn");
        }
    }
    if overdue {
        label.push_str(", quá hạn");
    }
    TaskEvaluation {
        status,
        overdue,
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deadline;

    fn target(cmp: Comparator, v: f64) -> Target {
        Target {
            text: "Chỉ tiêu".into(),
            comparator: Some(cmp),
            value: Some(v),
            ..Default::default()
        }
    }

    fn verdict(cmp: Comparator, plan: f64, achieved: f64) -> Verdict {
        let r = TargetResult {
            value: Some(achieved),
            ..Default::default()
        };
        evaluate_target(&target(cmp, plan), Some(&r), 1.0).verdict
    }

    #[test]
    fn every_comparator_met_not_met_exceeded() {
        use Comparator::*;
        use Verdict::*;
        let table = [
            (Ge, 80.0, 80.0, Met),
            (Ge, 80.0, 85.5, Exceeded),
            (Ge, 80.0, 79.9, NotMet),
            (Gt, 90.0, 90.5, Met),
            (Gt, 90.0, 90.0, NotMet),
            (Le, 5.0, 5.0, Met),
            (Le, 5.0, 3.0, Exceeded),
            (Le, 5.0, 6.0, NotMet),
            (Lt, 2.0, 1.5, Met),
            (Lt, 2.0, 2.0, NotMet),
            (Eq, 100.0, 100.0, Met),
            (Eq, 100.0, 98.0, NotMet),
            (Approx, 10.0, 10.8, Met),
            (Approx, 10.0, 12.0, NotMet),
        ];
        for (cmp, plan, achieved, want) in table {
            assert_eq!(
                verdict(cmp, plan, achieved),
                want,
                "{cmp:?} {plan} at {achieved}"
            );
        }
    }

    #[test]
    fn rates_and_figures_in_vietnamese() {
        let r = TargetResult {
            value: Some(77.2),
            ..Default::default()
        };
        let e = evaluate_target(&target(Comparator::Ge, 80.0), Some(&r), 1.0);
        assert_eq!(
            (e.achieved.as_str(), e.rate_label.as_str()),
            ("77,2%", "96,5%")
        );
        assert_eq!(e.planned, "≥80%");
        let cap = evaluate_target(
            &target(Comparator::Le, 5.0),
            Some(&TargetResult {
                value: Some(3.0),
                ..Default::default()
            }),
            1.0,
        );
        assert_eq!(
            (cap.verdict, cap.rate_label.as_str()),
            (Verdict::Exceeded, "100%")
        );
        let counted = Target {
            unit: Unit::Count,
            unit_label: "hộ".into(),
            ..target(Comparator::Ge, 1000.0)
        };
        let e = evaluate_target(
            &counted,
            Some(&TargetResult {
                value: Some(1200.0),
                ..Default::default()
            }),
            1.0,
        );
        assert_eq!(
            (e.achieved.as_str(), e.rate_label.as_str()),
            ("1.200 hộ", "120%")
        );
    }

    #[test]
    fn qualitative_missing_and_not_applicable() {
        let q = Target {
            text: "Nâng cao nhận thức về chuyển đổi số".into(),
            ..Default::default()
        };
        assert_eq!(evaluate_target(&q, None, 1.0).verdict, Verdict::Unassessed);
        let judged = TargetResult {
            met: Some(true),
            ..Default::default()
        };
        assert_eq!(
            evaluate_target(&q, Some(&judged), 1.0).verdict,
            Verdict::Met
        );
        assert_eq!(
            evaluate_target(&target(Comparator::Ge, 80.0), None, 1.0).verdict,
            Verdict::NoData
        );
        let na = Target {
            decision: Some(Decision::NotApplicable),
            ..target(Comparator::Ge, 80.0)
        };
        let r = TargetResult {
            value: Some(10.0),
            ..Default::default()
        };
        assert_eq!(
            evaluate_target(&na, Some(&r), 1.0).verdict,
            Verdict::NotApplicable
        );
        // The sentence is what counts: «trên 90%» with a stale field of 50.
        let stale = Target {
            text: "Tỷ lệ hài lòng đạt trên 90%".into(),
            ..target(Comparator::Gt, 50.0)
        };
        let r = TargetResult {
            value: Some(60.0),
            ..Default::default()
        };
        assert_eq!(
            evaluate_target(&stale, Some(&r), 1.0).verdict,
            Verdict::NotMet
        );
    }

    #[test]
    fn overdue_tasks() {
        let task = Task {
            text: "Số hóa hồ sơ".into(),
            deadline: Some(Deadline::Quarter {
                quarter: 1,
                year: 2026,
            }),
            ..Default::default()
        };
        let end = NaiveDate::from_ymd_opt(2026, 6, 14).unwrap();
        let in_progress = TaskResult {
            status: TaskStatus::InProgress,
            ..Default::default()
        };
        let e = evaluate_task(&task, Some(&in_progress), end);
        assert!(e.overdue);
        assert_eq!(e.label, "Đang thực hiện, quá hạn");
        let done = TaskResult {
            status: TaskStatus::Done,
            done_on: NaiveDate::from_ymd_opt(2026, 4, 2),
            ..Default::default()
        };
        let e = evaluate_task(&task, Some(&done), end);
        assert!(!e.overdue);
        assert_eq!(e.label, "Hoàn thành (ngày 02/4/2026), chậm so với thời hạn");
        assert!(!evaluate_task(&task, None, NaiveDate::from_ymd_opt(2026, 3, 14).unwrap()).overdue);
    }

    /// A deadline typed as received appendices write it falls due like any other.
    #[test]
    fn a_quarter_typed_with_a_slash_falls_due_at_its_end() {
        let task = Task {
            text: "Số hóa hồ sơ".into(),
            deadline: Some(Deadline::parse("Quý II/2026")),
            ..Default::default()
        };
        let at = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(!evaluate_task(&task, None, at(6, 30)).overdue);
        let e = evaluate_task(&task, None, at(7, 1));
        assert!(e.overdue);
        assert_eq!(e.label, "Chưa thực hiện, quá hạn");
    }
}
