//! Reporting periods (kỳ báo cáo) with the cut-off dates of the reporting regime
//! (Nghị định 09/2019/NĐ-CP: figures run from the 15th of the month before the
//! period to the 14th of its last month): a month `2026-07` is 15/6–14/7, a quarter
//! `2026-Q3` 15/6–14/9, six months `2026-H1` 15/12/2025–14/6/2026, a year `2026`
//! 15/12/2025–14/12/2026, or any range `2026-01-01..2026-06-14`.

use crate::model::{dates, numbering, Period};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A reporting period: its days and its wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingPeriod {
    /// `month`, `quarter`, `half`, `nine_months`, `year` or `range`.
    pub kind: String,
    #[serde(with = "crate::model::iso_date")]
    pub from: NaiveDate,
    #[serde(with = "crate::model::iso_date")]
    pub to: NaiveDate,
    /// As the report's title says it: `6 tháng đầu năm 2026`.
    pub label: String,
    /// The code it was asked with: `2026-H1`.
    pub code: String,
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The 15th of the month before `month` of `year` (the regime's first day).
fn start_of(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 1 {
        day(year - 1, 12, 15)
    } else {
        day(year, month - 1, 15)
    }
}

impl ReportingPeriod {
    /// Reads a period code; the message says which forms are understood.
    pub fn parse(code: &str) -> Result<ReportingPeriod, String> {
        let c = code.trim();
        let bad = || {
            format!(
                "kỳ báo cáo «{c}» không hiểu được: viết 2026 (năm), 2026-H1 hoặc 2026-H2 (6 tháng), 2026-9M (9 tháng), 2026-Q3 (quý), 2026-07 (tháng) hoặc 2026-01-01..2026-06-14"
            )
        };
        let year = |s: &str| s.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        let make = |kind: &str, from: Option<NaiveDate>, to: Option<NaiveDate>, label: String| {
            Ok(ReportingPeriod {
                kind: kind.into(),
                from: from.ok_or_else(bad)?,
                to: to.ok_or_else(bad)?,
                label,
                code: c.to_owned(),
            })
        };
        if let Some((a, b)) = c.split_once("..") {
            let from = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            let to = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            if to < from {
                return Err(format!("kỳ báo cáo «{c}»: ngày cuối trước ngày đầu"));
            }
            let label = format!(
                "từ ngày {} đến ngày {}",
                dates::short_date(from),
                dates::short_date(to)
            );
            return make("range", Some(from), Some(to), label);
        }
        let (y, rest) = match c.split_once('-') {
            Some((y, rest)) => (year(y).ok_or_else(bad)?, Some(rest.to_uppercase())),
            None => (year(c).ok_or_else(bad)?, None),
        };
        match rest.as_deref() {
            None => make("year", start_of(y, 1), day(y, 12, 14), format!("năm {y}")),
            Some("H1") => make(
                "half",
                start_of(y, 1),
                day(y, 6, 14),
                format!("6 tháng đầu năm {y}"),
            ),
            Some("H2") => make(
                "half",
                day(y, 6, 15),
                day(y, 12, 14),
                format!("6 tháng cuối năm {y}"),
            ),
            Some("9M") => make(
                "nine_months",
                start_of(y, 1),
                day(y, 9, 14),
                format!("9 tháng năm {y}"),
            ),
            Some(q) if q.len() == 2 && q.starts_with('Q') => {
                let n: u32 = q[1..].parse().map_err(|_| bad())?;
                if !(1..=4).contains(&n) {
                    return Err(bad());
                }
                make(
                    "quarter",
                    start_of(y, 3 * n - 2),
                    day(y, 3 * n, 14),
                    format!("quý {} năm {y}", numbering::roman(n as usize)),
                )
            }
            Some(m) => {
                let m: u32 = m.parse().map_err(|_| bad())?;
                if !(1..=12).contains(&m) {
                    return Err(bad());
                }
                make(
                    "month",
                    start_of(y, m),
                    day(y, m, 14),
                    format!("tháng {} năm {y}", dates::month(m)),
                )
            }
        }
    }

    /// The periods of `year` a report is usually made for, the regime's usual
    /// ones first (six months, the year, nine months), then quarters and months.
    pub fn choices(year: i32) -> Vec<ReportingPeriod> {
        let mut codes = vec![
            format!("{year}-H1"),
            format!("{year}"),
            format!("{year}-9M"),
            format!("{year}-H2"),
        ];
        codes.extend((1..=4).map(|q| format!("{year}-Q{q}")));
        codes.extend((1..=12).map(|m| format!("{year}-{m:02}")));
        codes
            .iter()
            .filter_map(|c| ReportingPeriod::parse(c).ok())
            .collect()
    }

    /// Whether the period reports on the plan's period: a month, quarter, half or
    /// year of one of the plan's years (its cut-off start in December before does
    /// not count), or a range sharing a day with it.
    pub fn overlaps(&self, plan: &Period) -> bool {
        if self.kind != "range" && !matches!(plan, Period::Range { .. }) {
            let (y1, y2) = plan.years();
            return (y1..=y2).contains(&self.year());
        }
        let (a, b) = match plan {
            Period::Range { from, to, .. } => (*from, *to),
            p => {
                let (y1, y2) = p.years();
                match (day(y1, 1, 1), day(y2, 12, 31)) {
                    (Some(a), Some(b)) => (a, b),
                    _ => return false,
                }
            }
        };
        self.from <= b && a <= self.to
    }

    /// The year the period reports on (its last day's).
    pub fn year(&self) -> i32 {
        self.to.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str) -> (String, String, String) {
        let r = ReportingPeriod::parse(code).unwrap();
        (r.from.to_string(), r.to.to_string(), r.label)
    }

    #[test]
    fn the_regimes_cut_off_dates() {
        assert_eq!(
            p("2026-H1"),
            (
                "2025-12-15".into(),
                "2026-06-14".into(),
                "6 tháng đầu năm 2026".into()
            )
        );
        assert_eq!(
            p("2026"),
            ("2025-12-15".into(), "2026-12-14".into(), "năm 2026".into())
        );
        assert_eq!(
            p("2026-Q3"),
            (
                "2026-06-15".into(),
                "2026-09-14".into(),
                "quý III năm 2026".into()
            )
        );
        assert_eq!(p("2026-Q1").0, "2025-12-15");
        assert_eq!(
            p("2026-07"),
            (
                "2026-06-15".into(),
                "2026-07-14".into(),
                "tháng 7 năm 2026".into()
            )
        );
        assert_eq!(p("2026-01").2, "tháng 01 năm 2026");
        assert_eq!(
            p("2026-01-01..2026-06-14"),
            (
                "2026-01-01".into(),
                "2026-06-14".into(),
                "từ ngày 01/01/2026 đến ngày 14/6/2026".into()
            )
        );
        for bad in [
            "2026-H3",
            "2026-Q5",
            "2026-13",
            "hai nghìn",
            "2026-06-14..2026-01-01",
        ] {
            assert!(ReportingPeriod::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn overlap_with_the_plans_period() {
        let h1 = ReportingPeriod::parse("2026-H1").unwrap();
        assert!(h1.overlaps(&Period::Year { year: 2026 }));
        assert!(!h1.overlaps(&Period::Year { year: 2024 }));
        assert!(
            !h1.overlaps(&Period::Year { year: 2025 }),
            "15/12/2025 is 2026's figures"
        );
        assert!(h1.overlaps(&Period::Years {
            from: 2022,
            to: 2026
        }));
    }
}
