//! Use-cases of the plan's second half: a report per period, its results (typed or
//! from a CSV), its evaluation, its document, the file a unit sends to its parent,
//! and the parent's roll-up of its units' reports.

use super::{document, Document, Session};
use crate::diag::Diagnostic;
use crate::folder::DirFolder;
use crate::model::{Plan, Target, Task};
use crate::report::evaluate::{evaluate_target, evaluate_task, Evaluation, TaskEvaluation};
use crate::report::rollup::{self, Consolidated};
use crate::report::{
    document::report_document, results, Report, ReportFile, ReportedTarget, ReportedTask,
    ReportingPeriod,
};
use crate::store::ReportSummary;
use crate::{fsutil, Error, Result};
use std::path::Path;
use std::time::Duration;

/// A report as the app and `report show` present it: every target and task of the
/// plan with its result and evaluation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReportView {
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub report: Report,
    pub targets: Vec<(Target, Evaluation)>,
    pub tasks: Vec<(Task, TaskEvaluation)>,
    /// The tasks for the time ahead while the officer has written none: those of
    /// the plan not yet done.
    pub next_default: Vec<String>,
    /// Each target's latest result in an earlier period: where this one starts.
    pub earlier: Vec<crate::report::EarlierResult>,
}

/// What a roll-up wrote, with what it found in the folder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RolledUp {
    pub table: Consolidated,
    pub diagnostics: Vec<Diagnostic>,
}

impl Session {
    /// A new report on plan `plan_id` for the period `code` (`2026-H1` …), in the
    /// report template `template` (the one suiting the period when `None`).
    pub fn new_report(&mut self, plan_id: i64, code: &str, template: Option<&str>) -> Result<i64> {
        let plan = self.plan(plan_id)?;
        let period = ReportingPeriod::parse(code).map_err(Error::Invalid)?;
        if !period.overlaps(&plan.period) {
            return Err(Error::Invalid(format!(
                "kỳ báo cáo {} ({}) không thuộc thời kỳ của kế hoạch ({})",
                period.label,
                period.code,
                plan.period.label()
            )));
        }
        let template = crate::report::template::choose(template, &period.kind)?;
        let mut report = Report::new(&plan, period, &template.id);
        report.carry_over(&self.plan_reports(plan_id, None)?);
        self.store.add_report(plan_id, &report)
    }

    /// The reports on plan `plan_id`, but report `except`.
    fn plan_reports(&self, plan_id: i64, except: Option<i64>) -> Result<Vec<Report>> {
        self.store
            .reports(Some(plan_id))?
            .into_iter()
            .filter(|r| Some(r.id) != except)
            .map(|r| self.store.report(r.id).map(|(_, report)| report))
            .collect()
    }

    /// The report templates (mẫu báo cáo).
    pub fn report_templates(&self) -> Vec<crate::report::template::ReportTemplate> {
        crate::report::template::builtin()
    }

    pub fn reports(&self, plan_id: Option<i64>) -> Result<Vec<ReportSummary>> {
        self.store.reports(plan_id)
    }

    /// Report `id`, the plan it is on, with every evaluation.
    pub fn report_view(&self, id: i64) -> Result<ReportView> {
        let (plan_id, report) = self.store.report(id)?;
        let mut plan = self.plan(plan_id)?;
        plan.assign_ids();
        let tolerance = self.settings()?.check_tolerance;
        let targets = plan
            .targets
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    evaluate_target(t, report.target(&t.id), tolerance),
                )
            })
            .collect();
        let tasks = plan
            .tasks
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    evaluate_task(t, report.task(&t.id), report.period.to),
                )
            })
            .collect();
        let earlier = report.earlier_results(&self.plan_reports(plan_id, Some(id))?);
        Ok(ReportView {
            id,
            plan_id,
            plan_title: plan.title.clone(),
            next_default: report.unfinished(&plan),
            earlier,
            report,
            targets,
            tasks,
        })
    }

    /// Saves the report as edited (the app sends JSON, read like a file).
    pub fn save_report_json(&mut self, id: i64, json: &str) -> Result<ReportView> {
        let report: Report = crate::format::from_json_typed(json, "báo cáo")?;
        let (_, before) = self.store.report(id)?;
        if report.period != before.period {
            return Err(Error::Invalid(
                "không đổi được kỳ của một báo cáo: hãy lập báo cáo mới cho kỳ khác".into(),
            ));
        }
        self.store.save_report(id, &report)?;
        self.report_view(id)
    }

    /// Takes the results of a CSV file into report `id`: all of them, or none with
    /// every problem at its line and column.
    pub fn set_results(&mut self, id: i64, csv: &Path) -> Result<ReportView> {
        let (plan_id, report) = self.store.report(id)?;
        let plan = self.plan(plan_id)?;
        let file = csv.display().to_string();
        let bytes = fsutil::read_limited(csv, 16 << 20)?;
        // Excel saves «CSV UTF-8», «Unicode Text» (UTF-16) or plain «CSV» in the
        // PC's code page (Windows-1258 on a Vietnamese Windows): all are read.
        let (text, _) = crate::text::decode_windows(&bytes, true).map_err(|line| {
            Error::Invalid(format!("{file}: dòng {line}: không đọc được bảng mã"))
        })?;
        let updated = results::apply_csv(&report, &plan, &text, &file)?;
        self.store.save_report(id, &updated)?;
        self.report_view(id)
    }

    /// The report's document (Báo cáo), with the lint's diagnostics.
    pub fn report_document(&self, id: i64) -> Result<Document> {
        let (plan_id, report) = self.store.report(id)?;
        let plan = self.plan(plan_id)?;
        let settings = self.settings()?;
        let doc = report_document(&plan, &report, settings.check_tolerance);
        Ok(document(
            &doc,
            None,
            &self.profile()?,
            &settings.check_options(),
            self.world(),
        ))
    }

    /// The report's pages as the PDF has them, for the preview.
    pub fn report_preview(&self, id: i64) -> Result<Vec<crate::pdf::PreviewPage>> {
        self.report_document(id)?
            .preview(&self.profile()?, self.world())
    }

    /// The report as a PDF for printing, under a new name in `dir` each time.
    pub fn print_report(&mut self, id: i64, dir: &Path) -> Result<std::path::PathBuf> {
        let out = self.report_document(id)?.write(
            crate::export::Format::Pdf,
            &self.profile()?,
            self.world(),
            super::Finality::Draft,
        )?;
        let path =
            fsutil::write_for_viewer(dir, &format!("kehoach-bao-cao-{id}"), "pdf", &out.bytes)?;
        self.paths.wrote(&path);
        Ok(path)
    }

    /// The file name the save dialog suggests for report `id` (`ext`: docx, pdf,
    /// xlsx, json).
    pub fn report_file_name(&self, id: i64, ext: &str) -> Result<String> {
        let view = self.report_view(id)?;
        let title = format!("Bao cao {} {}", view.plan_title, view.report.period.label);
        Ok(fsutil::windows_file_name(&title, ext, "bao-cao"))
    }

    /// The roll-up of the reports on plan `parent_id` in the shared folder of the
    /// settings.
    pub fn rollup_shared(&self, parent_id: i64, period: Option<&str>) -> Result<Consolidated> {
        let folder = self.settings()?.shared_folder;
        if folder.trim().is_empty() {
            return Err(Error::Invalid(
                "chưa chọn thư mục dùng chung (Mẫu và thư mục dùng chung → Thư mục)".into(),
            ));
        }
        self.rollup(parent_id, Path::new(&folder), period)
    }

    /// [`Session::export_rollup`] from the shared folder of the settings.
    pub fn export_rollup_shared(&mut self, parent_id: i64, path: &Path) -> Result<RolledUp> {
        let folder = std::path::PathBuf::from(self.settings()?.shared_folder);
        self.export_rollup(parent_id, &folder, None, path)
    }

    /// The file a unit sends its parent: self-contained, each target evaluated.
    pub fn report_file(&self, id: i64) -> Result<ReportFile> {
        let view = self.report_view(id)?;
        let plan = self.plan(view.plan_id)?;
        Ok(ReportFile {
            report_format: crate::report::REPORT_FORMAT,
            agency: plan.agency.clone(),
            plan: plan.reference(),
            parent: plan.parent.clone(),
            period: view.report.period.clone(),
            targets: view
                .targets
                .iter()
                .map(|(t, e)| ReportedTarget {
                    id: t.id.clone(),
                    parent_target: t.parent_target.clone(),
                    text: t.text.clone(),
                    planned: e.planned.clone(),
                    value: view.report.target(&t.id).and_then(|r| r.value),
                    verdict: e.verdict,
                    rate: e.rate,
                })
                .collect(),
            tasks: view
                .tasks
                .iter()
                .map(|(t, e)| ReportedTask {
                    id: t.id.clone(),
                    parent_task: t.parent_task.clone(),
                    text: t.text.clone(),
                    status: e.status,
                    overdue: e.overdue,
                })
                .collect(),
        })
    }

    /// Writes report `id` to `path`: `.docx`, `.pdf` (the document), `.xlsx` (its
    /// figures) or `.json` (the file for the parent's roll-up).
    pub fn export_report(&mut self, id: i64, path: &Path) -> Result<Vec<Diagnostic>> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let (bytes, diagnostics) = match ext.as_str() {
            "json" => {
                let file = self.report_file(id)?;
                let json = serde_json::to_string_pretty(&file)
                    .map_err(|e| Error::Invalid(e.to_string()))?;
                (json.into_bytes(), vec![])
            }
            "xlsx" => {
                let file = self.report_file(id)?;
                let table = single_unit(&file);
                let today = self.world().today();
                (crate::report::xlsx::rollup_xlsx(&table, today)?, vec![])
            }
            _ => {
                let format = super::format_of(path).map_err(|_| Error::UnsupportedFormat {
                    file: path.display().to_string(),
                    extension: ext.clone(),
                    purpose: "xuất báo cáo được: .docx, .pdf, .xlsx, .json".into(),
                })?;
                let out = self.report_document(id)?.write(
                    format,
                    &self.profile()?,
                    self.world(),
                    super::Finality::Draft,
                )?;
                (out.bytes, out.diagnostics)
            }
        };
        fsutil::write_atomic(path, &bytes)?;
        self.exported(path)?;
        Ok(diagnostics)
    }

    /// The roll-up of the reports on plan `parent_id` found in `dir` (the shared
    /// folder): the plans derived from it here are the units expected.
    pub fn rollup(&self, parent_id: i64, dir: &Path, period: Option<&str>) -> Result<Consolidated> {
        let parent = self.plan(parent_id)?;
        let period = period
            .map(|c| ReportingPeriod::parse(c).map_err(Error::Invalid))
            .transpose()?;
        let mut expected = Vec::new();
        for child in self.store.children(parent_id)? {
            expected.push(self.plan(child)?.agency.name);
        }
        let folder = DirFolder::new(dir);
        if !dir.is_dir() {
            return Err(Error::Io {
                file: dir.display().to_string(),
                reason: "không tìm thấy thư mục".into(),
            });
        }
        rollup::rollup(
            &parent,
            &folder,
            period.as_ref(),
            &expected,
            Duration::from_secs(5),
            self.store.now(),
        )
    }

    /// Writes the roll-up to `path`: `.xlsx`, or `.docx` / `.pdf` as the appendix
    /// of the parent's own report for the period (its stored report when it has
    /// one, else a report with the consolidated table alone).
    pub fn export_rollup(
        &mut self,
        parent_id: i64,
        dir: &Path,
        period: Option<&str>,
        path: &Path,
    ) -> Result<RolledUp> {
        let table = self.rollup(parent_id, dir, period)?;
        let mut diagnostics = table.problems.clone();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let bytes = if ext == "xlsx" {
            crate::report::xlsx::rollup_xlsx(&table, self.world().today())?
        } else {
            let format = super::format_of(path)?;
            let doc = self.parent_report(parent_id, &table)?;
            let out = doc.write(
                format,
                &self.profile()?,
                self.world(),
                super::Finality::Draft,
            )?;
            diagnostics.extend(out.diagnostics);
            out.bytes
        };
        fsutil::write_atomic(path, &bytes)?;
        self.exported(path)?;
        Ok(RolledUp { table, diagnostics })
    }

    /// The parent's report for the roll-up's period with the table as its appendix.
    fn parent_report(&self, parent_id: i64, table: &Consolidated) -> Result<Document> {
        let plan = self.plan(parent_id)?;
        let period = table.period.clone().ok_or_else(|| {
            Error::Invalid("thư mục chưa có báo cáo nào của các đơn vị về kế hoạch này".into())
        })?;
        let own = self.store.reports(Some(parent_id))?.into_iter().find(|r| {
            r.period_from == period.from.to_string() && r.period_to == period.to.to_string()
        });
        let report = match own {
            Some(r) => self.store.report(r.id)?.1,
            None => {
                let template = crate::report::template::choose(None, &period.kind)?;
                Report::new(&plan, period, &template.id)
            }
        };
        let settings = self.settings()?;
        let mut doc: Plan = report_document(&plan, &report, settings.check_tolerance);
        doc.appendices.push(rollup::appendix(table));
        Ok(document(
            &doc,
            None,
            &self.profile()?,
            &settings.check_options(),
            self.world(),
        ))
    }
}

/// One unit's report as a consolidated table (its XLSX).
fn single_unit(file: &ReportFile) -> Consolidated {
    use crate::report::rollup::{Cell, Row};
    let rows = file
        .targets
        .iter()
        .map(|t| {
            let cell = Cell {
                value: t.value,
                achieved: t.value.map(crate::model::format_number).unwrap_or_default(),
                verdict: t.verdict,
            };
            let reported = usize::from(!matches!(
                t.verdict,
                crate::report::Verdict::NoData | crate::report::Verdict::Unassessed
            ));
            Row {
                target: t.id.clone(),
                text: t.text.clone(),
                planned: t.planned.clone(),
                reached: usize::from(t.verdict.reached()),
                reported,
                cells: vec![Some(cell)],
            }
        })
        .collect();
    Consolidated {
        parent: file.plan.clone(),
        period: Some(file.period.clone()),
        units: vec![file.agency.name.clone()],
        rows,
        silent: vec![],
        problems: vec![],
        pending: vec![],
        reports: 1,
    }
}
