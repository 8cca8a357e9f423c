//! The report commands (báo cáo): adapters over the application layer's reports.

use crate::commands::Exported;
use crate::commands::SaveAgain;
use crate::dialogs::ask_save;
use crate::App;
use kehoach::app::ReportView;
use kehoach::report::rollup::Consolidated;
use kehoach::report::template::ReportTemplate;
use kehoach::store::ReportSummary;
use kehoach::{pdf, Error};
use tauri::{AppHandle, State};

type Result<T> = std::result::Result<T, Error>;

/// What the save dialog offers for each kind of report file.
fn kind_of(ext: &str) -> &'static str {
    match ext {
        "pdf" => "Tài liệu PDF",
        "xlsx" => "Bảng tính Excel",
        "json" => "Tệp báo cáo gửi cấp trên (JSON)",
        _ => "Tài liệu Word",
    }
}

#[tauri::command]
pub fn list_reports(app: State<App>, plan_id: i64) -> Result<Vec<ReportSummary>> {
    app.session().reports(Some(plan_id))
}

/// A new report on plan `plan_id` for the period `period` (`2026-H1` …).
#[tauri::command]
pub fn new_report(
    app: State<App>,
    plan_id: i64,
    period: String,
    template: Option<String>,
) -> Result<i64> {
    app.session()
        .new_report(plan_id, &period, template.as_deref())
}

/// The report templates, with the periods each suits.
#[tauri::command]
pub fn report_templates(app: State<App>) -> Vec<ReportTemplate> {
    app.session().report_templates()
}

#[tauri::command]
pub fn get_report(app: State<App>, id: i64) -> Result<ReportView> {
    app.session().report_view(id)
}

/// Saves the report as edited; returns it evaluated again.
#[tauri::command]
pub fn save_report(app: State<App>, id: i64, report: serde_json::Value) -> Result<ReportView> {
    app.session().save_report_json(id, &report.to_string())
}

#[tauri::command]
pub async fn report_preview(app: State<'_, App>, id: i64) -> Result<Vec<pdf::PreviewPage>> {
    app.session().report_preview(id)
}

/// Prints the report through the system's PDF viewer (`no_viewer` when none).
#[tauri::command]
pub async fn print_report(app: State<'_, App>, id: i64) -> Result<()> {
    let path = app.session().print_report(id, &std::env::temp_dir())?;
    app.print(&path)
}

/// Exports report `id` as `ext` (docx, pdf, xlsx, json) where the officer chooses.
#[tauri::command]
pub async fn export_report<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
    id: i64,
    ext: String,
    again: Option<SaveAgain>,
) -> Result<Option<Exported>> {
    // One lock at a time: two guards in one statement would wait on each other.
    let name = app.session().report_file_name(id, &ext)?;
    let dir = app.session().last_export_dir()?;
    let (name, dir) = SaveAgain::or(again, name, dir);
    let Some(path) = ask_save(&handle, kind_of(&ext), &ext, &name, dir.as_deref()) else {
        return Ok(None);
    };
    let diagnostics = app.session().export_report(id, &path)?;
    Ok(Some(Exported::of(path, diagnostics)))
}

/// The roll-up of the units' reports on plan `id` in the shared folder.
#[tauri::command]
pub async fn rollup(app: State<'_, App>, id: i64, period: Option<String>) -> Result<Consolidated> {
    app.session().rollup_shared(id, period.as_deref())
}

/// Exports the roll-up as `ext` (xlsx, docx, pdf) where the officer chooses.
#[tauri::command]
pub async fn export_rollup<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
    id: i64,
    ext: String,
    again: Option<SaveAgain>,
) -> Result<Option<Exported>> {
    let dir = app.session().last_export_dir()?;
    let (name, dir) = SaveAgain::or(again, format!("Tong hop bao cao.{ext}"), dir);
    let Some(path) = ask_save(&handle, kind_of(&ext), &ext, &name, dir.as_deref()) else {
        return Ok(None);
    };
    let diagnostics = app.session().export_rollup_shared(id, &path)?.diagnostics;
    Ok(Some(Exported::of(path, diagnostics)))
}
