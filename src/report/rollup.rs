//! The roll-up for the parent unit (tổng hợp báo cáo của các đơn vị): the child
//! units' report files from the shared folder (the sync's rules: temporary and
//! locked files skipped, a file that does not parse is still arriving while it is
//! recent and malformed after, reported by name), matched to the parent plan and the
//! period, into one table: every parent target × every unit, each value with the
//! unit's evaluation, how many units met it, and which units have not reported.

use super::{ReportFile, ReportingPeriod, Verdict};
use crate::diag::Diagnostic;
use crate::folder::Folder;
use crate::model::{DocumentRef, Plan};
use crate::text::fold;
use std::collections::{HashMap, HashSet};

/// One unit's figure for one parent target.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Cell {
    pub value: Option<f64>,
    /// As printed: `85,5%`.
    pub achieved: String,
    pub verdict: Verdict,
}

/// A parent target across the units.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    pub target: String,
    pub text: String,
    /// The parent's level: `≥80%`.
    pub planned: String,
    /// One per unit, in [`Consolidated::units`]' order; `None`: not reported.
    pub cells: Vec<Option<Cell>>,
    /// Units that reported a figure or judgement for it.
    pub reported: usize,
    /// Units that met or exceeded it.
    pub reached: usize,
}

/// The consolidated table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Consolidated {
    pub parent: DocumentRef,
    pub period: Option<ReportingPeriod>,
    /// Every unit expected or reporting, in order of name.
    pub units: Vec<String>,
    pub rows: Vec<Row>,
    /// Units expected that sent no report for the period.
    pub silent: Vec<String>,
    /// Files that could not be used.
    pub problems: Vec<Diagnostic>,
    /// Files still being written, left for later.
    pub pending: Vec<String>,
    /// Report files read.
    pub reports: usize,
}

/// Whether `r` cites the plan `parent` (number and symbol, else title and agency).
fn cites(r: &DocumentRef, parent: &DocumentRef) -> bool {
    let agency = fold(&r.agency) == fold(&parent.agency) || r.agency.is_empty();
    match (r.number, parent.number) {
        (Some(a), Some(b)) => a == b && fold(&r.symbol) == fold(&parent.symbol) && agency,
        _ => fold(&r.title) == fold(&parent.title) && agency,
    }
}

/// A child plan in the folder implementing `parent`: its unit's name.
fn child_unit(value: &serde_json::Value, parent: &DocumentRef) -> Option<String> {
    let cited: DocumentRef = serde_json::from_value(value.get("parent")?.clone()).ok()?;
    if !cites(&cited, parent) {
        return None;
    }
    Some(
        value
            .get("agency")?
            .get("name")?
            .as_str()?
            .trim()
            .to_owned(),
    )
}

/// Reads the folder and consolidates the reports on `parent` for `period` (the
/// period most reports have when `None`); `expected` are the units that should
/// report (the parent's child plans known here), to which the child plans found in
/// the folder are added.
pub fn rollup(
    parent: &Plan,
    folder: &dyn Folder,
    period: Option<&ReportingPeriod>,
    expected: &[String],
    settle: std::time::Duration,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::Result<Consolidated> {
    let mut parent = parent.clone();
    parent.assign_ids();
    let reference = parent.reference();
    let entries = folder.list().map_err(|e| crate::Error::Io {
        file: folder.describe(),
        reason: e.to_string(),
    })?;
    let names: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let now_ns = now.timestamp_nanos_opt().unwrap_or(0);
    let mut units: Vec<String> = expected.iter().map(|u| u.trim().to_owned()).collect();
    let mut found: Vec<(i64, String, ReportFile)> = Vec::new();
    let mut problems = Vec::new();
    let mut pending = Vec::new();
    let mut sorted: Vec<&crate::folder::Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    // Every report file of the folder is in the result: read, waiting (being
    // written, locked, unreadable for a moment) or refused with the reason, so a
    // unit never silently drops out of the table.
    for e in sorted {
        if !e.name.to_lowercase().ends_with(".json") || crate::folder::is_temporary(&e.name) {
            continue;
        }
        if crate::folder::has_lock(&e.name, &names) {
            pending.push(e.name.clone());
            continue;
        }
        let bytes = match folder.read(&e.name, crate::folder::limit_of(&e.name)) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::FileTooLarge => {
                let message = crate::folder::too_large(&e.name, Some(e.size));
                problems.push(Diagnostic::error("file_too_large", message).in_file(&e.name));
                continue;
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => {
                let reason = crate::Error::io(&e.name, err).to_string();
                let reason = reason
                    .trim_start_matches(&format!("{}: ", e.name))
                    .to_owned();
                problems.push(
                    Diagnostic::error("unreadable_file", format!("không đọc được: {reason}"))
                        .in_file(&e.name),
                );
                continue;
            }
        };
        let recent = now_ns.saturating_sub(e.mtime_ns) < settle.as_nanos() as i64;
        let text = String::from_utf8_lossy(&bytes);
        let value = match crate::format::parse_value(&text, &e.name) {
            Ok(v) => v,
            Err(err) if recent => {
                let _ = err;
                pending.push(e.name.clone());
                continue;
            }
            Err(err) => {
                problems
                    .push(Diagnostic::error("malformed_file", err.to_string()).in_file(&e.name));
                continue;
            }
        };
        if value.get("report_format").is_some() {
            match crate::format::from_value::<ReportFile>(value, &e.name) {
                Ok(r) => {
                    if r.parent.as_ref().is_some_and(|p| cites(p, &reference)) {
                        found.push((e.mtime_ns, e.name.clone(), r));
                    }
                }
                Err(err) if recent => {
                    let _ = err;
                    pending.push(e.name.clone());
                }
                Err(err) => problems
                    .push(Diagnostic::error("malformed_file", err.to_string()).in_file(&e.name)),
            }
        } else if let Some(unit) = child_unit(&value, &reference) {
            units.push(unit);
        }
    }
    // The period: asked, or the one most reports have.
    let period = period.cloned().or_else(|| {
        let mut counts: HashMap<(chrono::NaiveDate, chrono::NaiveDate), (usize, ReportingPeriod)> =
            HashMap::new();
        for (_, _, r) in &found {
            counts
                .entry((r.period.from, r.period.to))
                .or_insert((0, r.period.clone()))
                .0 += 1;
        }
        counts
            .into_values()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.from.cmp(&a.1.from)))
            .map(|(_, p)| p)
    });
    // The newest report of each unit for the period.
    let mut by_unit: HashMap<String, (i64, ReportFile)> = HashMap::new();
    for (mtime, _, r) in found {
        if period
            .as_ref()
            .is_some_and(|p| p.from != r.period.from || p.to != r.period.to)
        {
            continue;
        }
        let unit = r.agency.name.trim().to_owned();
        units.push(unit.clone());
        if by_unit.get(&unit).is_none_or(|(m, _)| *m <= mtime) {
            by_unit.insert(unit, (mtime, r));
        }
    }
    let reports = by_unit.len();
    let mut seen = HashSet::new();
    units.retain(|u| !u.is_empty() && seen.insert(fold(u)));
    units.sort_by_key(|u| fold(u));
    let rows = parent
        .targets
        .iter()
        .map(|t| {
            let cells: Vec<Option<Cell>> = units
                .iter()
                .map(|u| {
                    let (_, r) = by_unit.get(u)?;
                    let rt = r
                        .targets
                        .iter()
                        .find(|x| x.parent_target.as_deref() == Some(t.id.as_str()))?;
                    Some(Cell {
                        value: rt.value,
                        achieved: rt
                            .value
                            .map(|v| {
                                let m = t.printed_measure();
                                super::evaluate::figure(
                                    v,
                                    m.as_ref().map_or(t.unit, |m| m.unit),
                                    m.as_ref().map_or("", |m| m.unit_label.as_str()),
                                )
                            })
                            .unwrap_or_default(),
                        verdict: rt.verdict,
                    })
                })
                .collect();
            let reported = cells
                .iter()
                .flatten()
                .filter(|c| !matches!(c.verdict, Verdict::NoData | Verdict::Unassessed))
                .count();
            let reached = cells
                .iter()
                .flatten()
                .filter(|c| c.verdict.reached())
                .count();
            Row {
                target: t.id.clone(),
                text: t.text.trim().to_owned(),
                planned: t
                    .printed_measure()
                    .map(|m| m.symbolic())
                    .unwrap_or_default(),
                cells,
                reported,
                reached,
            }
        })
        .collect();
    let silent = units
        .iter()
        .filter(|u| !by_unit.contains_key(*u))
        .cloned()
        .collect();
    Ok(Consolidated {
        parent: reference,
        period,
        units,
        rows,
        silent,
        problems,
        pending,
        reports,
    })
}

/// The consolidated table as an appendix of the parent's report: per target, the
/// units that reported and met it; per unit, its figures; the units silent.
pub fn appendix(c: &Consolidated) -> crate::model::Appendix {
    use crate::model::{Appendix, Block, Column, Orientation};
    let col = |t: &str, w: Option<f64>| Column {
        title: t.into(),
        width_mm: w,
    };
    let by_target = Block::Table {
        columns: vec![
            col("TT", Some(10.0)),
            col("Chỉ tiêu", None),
            col("Kế hoạch", Some(24.0)),
            col("Số đơn vị báo cáo", Some(30.0)),
            col("Số đơn vị đạt", Some(30.0)),
        ],
        rows: c
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.text.clone(),
                    r.planned.clone(),
                    format!("{}/{}", r.reported, c.units.len()),
                    format!("{}/{}", r.reached, c.units.len()),
                ]
            })
            .collect(),
    };
    let mut columns = vec![col("TT", Some(10.0)), col("Đơn vị", Some(50.0))];
    for (i, _) in c.rows.iter().enumerate() {
        columns.push(col(&format!("CT{}", i + 1), None));
    }
    let by_unit = Block::Table {
        columns,
        rows: c
            .units
            .iter()
            .enumerate()
            .map(|(k, u)| {
                let mut row = vec![(k + 1).to_string(), u.clone()];
                for r in &c.rows {
                    row.push(match &r.cells[k] {
                        Some(cell) if cell.achieved.is_empty() => cell.verdict.label().to_owned(),
                        Some(cell) => format!("{} ({})", cell.achieved, cell.verdict.label()),
                        None => "—".into(),
                    });
                }
                row
            })
            .collect(),
    };
    let silent = if c.silent.is_empty() {
        "Tất cả các đơn vị đã báo cáo.".to_owned()
    } else {
        format!(
            "Đơn vị chưa báo cáo ({}): {}.",
            c.silent.len(),
            c.silent.join(", ")
        )
    };
    Appendix {
        title: format!(
            "Tổng hợp kết quả thực hiện chỉ tiêu của các đơn vị{}",
            c.period
                .as_ref()
                .map(|p| format!(" {}", p.label))
                .unwrap_or_default()
        ),
        orientation: Orientation::Landscape,
        blocks: vec![
            by_target,
            Block::Paragraph {
                text: "Kết quả của từng đơn vị (CT: chỉ tiêu theo thứ tự ở bảng trên):".into(),
            },
            by_unit,
            Block::Paragraph { text: silent },
        ],
    }
}
