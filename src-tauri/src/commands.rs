//! The Tauri commands: each is an adapter of a few lines over the engine's
//! application layer ([`kehoach::app::Session`]). They parse what the page sends,
//! run the file dialogs on the Rust side, and return the engine's results or its
//! errors as `{code, message}`; they decide nothing.

use crate::dialogs::{ask, ask_save, Ask, BACKUP, PARENT_DOCUMENT, PLAN_DOCUMENT};
use crate::App;
use kehoach::app::{
    Change, Checked, DeriveFrom, FieldReading, Finality, ParentUpdate, Purpose, Step, Vocabulary,
};
use kehoach::diag::Diagnostic;
use kehoach::export::Format;
use kehoach::import::Imported;
use kehoach::inherit::{Candidate, Choice, Summary};
use kehoach::layout::profile::{ProfileRange, RANGES};
use kehoach::model::{Deadline, Period, Status, Target};
use kehoach::settings::Settings;
use kehoach::store::{PlanSummary, RevisionInfo, SharedFile, TemplateConflict, TemplateInfo};
use kehoach::sync::SyncReport;
use kehoach::{format, pdf, Error, Plan};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, State};

type Result<T> = std::result::Result<T, Error>;

/// The name and folder the save dialog offers again after a file was held open
/// by another program (the `file_in_use` error's `suggested` and `folder`). Only a
/// suggestion: what is written is still what the officer confirms in the dialog.
#[derive(serde::Deserialize)]
pub struct SaveAgain {
    suggested: String,
    folder: String,
}

impl SaveAgain {
    /// The name and folder to offer: these, else the usual ones.
    pub fn or(
        again: Option<SaveAgain>,
        name: String,
        dir: Option<PathBuf>,
    ) -> (String, Option<PathBuf>) {
        match again {
            Some(a) => {
                // A name, not a path: the page does not choose folders.
                let name = std::path::Path::new(&a.suggested)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or(name);
                let folder = PathBuf::from(a.folder);
                (name, folder.is_dir().then_some(folder).or(dir))
            }
            None => (name, dir),
        }
    }
}

/// The plan the editor sends, read as a file would be (NFC, JSON paths in errors).
fn editor_plan(plan: &serde_json::Value) -> Result<Plan> {
    format::from_json_str(&plan.to_string(), "trình soạn thảo")
}

#[tauri::command]
pub fn list_plans(
    app: State<App>,
    query: String,
    year: Option<i32>,
    status: Option<Status>,
    trash: bool,
) -> Result<Vec<PlanSummary>> {
    app.session()
        .list(&query, &kehoach::app::Session::filter(year, status, trash))
}

#[tauri::command]
pub fn get_plan(app: State<App>, id: i64) -> Result<Plan> {
    app.session().plan(id)
}

#[tauri::command]
pub fn save_plan(app: State<App>, id: i64, plan: serde_json::Value) -> Result<Option<i64>> {
    Ok(app.session().save_json(id, &plan.to_string())?.revision)
}

#[tauri::command]
pub fn create_plan(app: State<App>, template_id: Option<String>, year: Option<i32>) -> Result<i64> {
    app.session().create(template_id.as_deref(), year)
}

#[tauri::command]
pub fn duplicate_plan(app: State<App>, id: i64) -> Result<i64> {
    app.session().duplicate(id)
}

#[tauri::command]
pub fn trash_plan(app: State<App>, id: i64) -> Result<()> {
    app.session().trash(id)
}

#[tauri::command]
pub fn untrash_plan(app: State<App>, id: i64) -> Result<()> {
    app.session().untrash(id)
}

#[tauri::command]
pub fn list_revisions(app: State<App>, id: i64) -> Result<Vec<RevisionInfo>> {
    app.session().revisions(id)
}

#[tauri::command]
pub fn restore_revision(app: State<App>, id: i64, revision: i64) -> Result<Option<i64>> {
    Ok(app.session().restore_revision(id, revision)?.revision)
}

/// Every diagnostic about the plan as it is in the editor: ND30, and the check
/// against its parent.
#[tauri::command]
pub fn check_plan(app: State<App>, plan: serde_json::Value, id: i64) -> Result<Checked> {
    app.session().checked(id, &editor_plan(&plan)?)
}

/// The engine's lists (comparators, units, decisions, tiers, statuses).
#[tauri::command]
pub fn vocabulary() -> Vocabulary {
    kehoach::app::vocabulary()
}

/// The reporting periods of a year, as the period picker offers them.
#[tauri::command]
pub fn reporting_periods(year: i32) -> Vec<kehoach::app::Choice> {
    kehoach::app::reporting_periods(year)
}

/// A deadline as typed, parsed, with the label the plan will print.
#[derive(serde::Serialize)]
pub struct ParsedDeadline {
    deadline: Deadline,
    label: String,
}

#[tauri::command]
pub fn parse_deadline(text: String, year: Option<i32>) -> ParsedDeadline {
    let deadline = Deadline::parse_in(&text, year);
    let label = deadline.label();
    ParsedDeadline { deadline, label }
}

/// The printed labels of deadlines (empty for none), so the UI never re-implements
/// the ND30 date rules.
#[tauri::command]
pub fn deadline_labels(deadlines: Vec<Option<Deadline>>) -> Vec<String> {
    let label = |d: &Option<Deadline>| d.as_ref().map(Deadline::label).unwrap_or_default();
    deadlines.iter().map(label).collect()
}

/// One line of the outline: where a section is and its computed label.
#[derive(serde::Serialize)]
pub struct OutlineEntry {
    path: String,
    depth: usize,
    label: String,
}

#[tauri::command]
pub fn outline(plan: serde_json::Value) -> Result<Vec<OutlineEntry>> {
    let plan = editor_plan(&plan)?;
    let entry = |l: kehoach::model::LabeledSection<'_>| OutlineEntry {
        path: l.path,
        depth: l.depth,
        label: l.label,
    };
    Ok(plan.labeled_sections()?.into_iter().map(entry).collect())
}

/// Where an export went and what its document's diagnostics are.
#[derive(serde::Serialize)]
pub struct Exported {
    pub(crate) path: PathBuf,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The paper is marked «DỰ THẢO» (errors remain).
    pub(crate) draft: bool,
}

impl Exported {
    /// What an export of a plan wrote to `path`.
    pub(crate) fn written(path: PathBuf, out: kehoach::app::Exported) -> Exported {
        Exported {
            path,
            diagnostics: out.diagnostics,
            draft: out.draft,
        }
    }

    /// A document exported as the engine does by default: a DOCX or PDF with
    /// errors is marked «DỰ THẢO».
    pub(crate) fn of(path: PathBuf, diagnostics: Vec<Diagnostic>) -> Exported {
        let paper = kehoach::export::Format::of_path(&path).is_some();
        let draft = paper && kehoach::lint::has_errors(&diagnostics);
        Exported {
            path,
            diagnostics,
            draft,
        }
    }
}

/// Exports plan `id` as `format` (`docx`, `pdf`) where the officer chooses in the
/// save dialog; `None` when cancelled.
#[tauri::command]
pub async fn export_plan<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
    id: i64,
    format: Format,
    again: Option<SaveAgain>,
    finality: Option<Finality>,
) -> Result<Option<Exported>> {
    let name = app.session().file_name(id, format)?;
    let (name, dir) = SaveAgain::or(again, name, app.session().last_export_dir()?);
    let (kind, ext) = (format.kind_name(), format.extension());
    let Some(path) = ask_save(&handle, kind, ext, &name, dir.as_deref()) else {
        return Ok(None);
    };
    let out = app
        .session()
        .export_to(id, &path, finality.unwrap_or_default());
    Ok(Some(Exported::written(path, out?)))
}

/// The pages of the plan as it is in the editor, as the PDF has them.
#[tauri::command]
pub async fn preview(
    app: State<'_, App>,
    plan: serde_json::Value,
    id: i64,
) -> Result<Vec<pdf::PreviewPage>> {
    app.session().preview(id, &editor_plan(&plan)?)
}

/// Prints plan `id`: its PDF (the exported paper) in the temporary folder, opened in
/// the system's PDF viewer, whose print dialog the officer knows.
#[tauri::command]
pub async fn print_plan(app: State<'_, App>, id: i64) -> Result<()> {
    let path = app.session().print(id, &std::env::temp_dir())?;
    app.print(&path)
}

/// Opens a file the program wrote (an export) in the system's program for it.
#[tauri::command]
pub fn open_file(app: State<App>, path: PathBuf) -> Result<()> {
    app.open(&path)
}

/// Shows the folder of a file the program wrote («Mở thư mục»).
#[tauri::command]
pub fn open_folder(app: State<App>, path: PathBuf) -> Result<()> {
    app.show_folder(&path)
}

/// Back to the state of plan `id` before its last edit (Ctrl+Z).
#[tauri::command]
pub fn undo_plan(app: State<App>, id: i64) -> Result<Step> {
    app.session().undo(id)
}

/// Forward again (Ctrl+Y, Ctrl+Shift+Z).
#[tauri::command]
pub fn redo_plan(app: State<App>, id: i64) -> Result<Step> {
    app.session().redo(id)
}

/// Whether plan `id` has steps to undo and redo (the toolbar's buttons).
#[tauri::command]
pub fn history_state(app: State<App>, id: i64) -> Step {
    app.session().can_step(id)
}

/// What changed between revision `older` and `newer` (the current state when absent).
#[tauri::command]
pub fn compare_revisions(
    app: State<App>,
    id: i64,
    older: i64,
    newer: Option<i64>,
) -> Result<Vec<Change>> {
    app.session().compare_revisions(id, older, newer)
}

/// A form field as typed, read by the engine: its value, or why it is refused.
#[tauri::command]
pub fn read_field(name: String, text: String) -> FieldReading {
    kehoach::app::read_field(&name, &text)
}

/// A target whose sentence was edited, with its fields read from the sentence.
#[tauri::command]
pub fn follow_target_sentence(target: Target) -> Target {
    let mut target = target;
    target.follow_sentence();
    target
}

/// The target's sentence with its number made `value` (offered when the officer
/// changes the value field); `None` when the sentence states no number.
#[tauri::command]
pub fn target_sentence_with_value(target: Target, value: f64) -> Option<String> {
    target.sentence_with_value(value)
}

/// A document chosen in `kind`'s open dialog; the page is told it is being read,
/// so it shows progress while the engine reads it (choosing and reading are one
/// command, so the page never names the file).
fn read_chosen<R: tauri::Runtime>(handle: &AppHandle<R>, kind: Ask<'_>) -> Option<PathBuf> {
    let path = ask(handle, kind)?;
    let _ = handle.emit("document-reading", path.display().to_string());
    Some(path)
}

/// Reads a parent plan document chosen in the open dialog, for the review screen;
/// nothing is stored. `None` when cancelled.
#[tauri::command]
pub async fn import_preview<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
) -> Result<Option<(PathBuf, Imported)>> {
    let Some(path) = read_chosen(&handle, PLAN_DOCUMENT) else {
        return Ok(None);
    };
    let imported = app.read_document(&handle, &path)?;
    Ok(Some((path, imported)))
}

/// The scan review's corrected text, read again («Đọc lại»).
#[tauri::command]
pub fn read_corrected_scan(text: String, name: String) -> Result<Imported> {
    kehoach::app::read_corrected_scan(&text, &name)
}

/// Stops the reading under way (OCR of a scan) before its next page.
#[tauri::command]
pub fn cancel_reading(app: State<App>) {
    app.cancel_reading()
}

/// Stores the plan as reviewed (and maybe corrected) on the import screen.
#[tauri::command]
pub fn import_save(app: State<App>, plan: serde_json::Value) -> Result<i64> {
    let plan = format::from_json_str(&plan.to_string(), "nhập kế hoạch")?;
    app.session().add(&plan)
}

/// This unit's plan (agency from the settings) derived from stored plan
/// `parent_id` in the skeleton of template `template_id`, linked to it.
#[tauri::command]
pub fn derive_plan(
    app: State<App>,
    parent_id: i64,
    template_id: Option<String>,
    year: Option<i32>,
    choice: Option<Choice>,
) -> Result<i64> {
    let (from, period) = (DeriveFrom::Stored(parent_id), year.map(year_period));
    let choice = choice.unwrap_or_default();
    app.session()
        .derive_chosen(from, template_id.as_deref(), None, period, &choice)
}

/// The parent's targets and tasks offered when deriving (a stored parent, or one
/// in the shared folder by name): those for the unit's tier pre-selected, with why.
#[tauri::command]
pub fn derive_candidates(
    app: State<App>,
    parent_id: Option<i64>,
    name: Option<String>,
) -> Result<Vec<Candidate>> {
    let from = match (parent_id, name.as_deref()) {
        (Some(id), _) => DeriveFrom::Stored(id),
        (None, Some(name)) => DeriveFrom::Shared(name),
        (None, None) => return Err(Error::Invalid("chưa chọn kế hoạch cấp trên".into())),
    };
    app.session().derive_candidates(from, None)
}

fn year_period(year: i32) -> Period {
    Period::Year { year }
}

/// The same from a parent plan found in the shared folder.
#[tauri::command]
pub fn derive_from_shared(
    app: State<App>,
    name: String,
    template_id: Option<String>,
    year: Option<i32>,
    choice: Option<Choice>,
) -> Result<i64> {
    let (from, period) = (DeriveFrom::Shared(&name), year.map(year_period));
    let choice = choice.unwrap_or_default();
    app.session()
        .derive_chosen(from, template_id.as_deref(), None, period, &choice)
}

/// Moves the plan's deadlines outside its period into it; how many moved.
#[tauri::command]
pub fn move_deadlines(app: State<App>, id: i64) -> Result<usize> {
    app.session().move_deadlines(id)
}

#[tauri::command]
pub fn inheritance_summary(app: State<App>, id: i64) -> Result<Option<Summary>> {
    app.session().summary(id, None)
}

/// A newer version of plan `id`'s parent, from a document chosen in the dialog.
#[tauri::command]
pub async fn parent_update_preview<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
    id: i64,
) -> Result<Option<(PathBuf, ParentUpdate)>> {
    let Some(path) = read_chosen(&handle, PARENT_DOCUMENT) else {
        return Ok(None);
    };
    let update = app.session().parent_update_preview(id, &path)?;
    Ok(Some((path, update)))
}

#[tauri::command]
pub fn parent_update_apply(
    app: State<App>,
    id: i64,
    new_parent: serde_json::Value,
    accepted: Vec<bool>,
) -> Result<()> {
    app.session()
        .parent_update_apply(id, &new_parent.to_string(), &accepted)
}

#[tauri::command]
pub fn list_templates(app: State<App>) -> Result<Vec<TemplateInfo>> {
    app.session().templates()
}

/// Syncs with the shared folder on a connection of its own, so a slow share never
/// holds up the editor; the store events still reach the UI.
#[tauri::command]
pub async fn sync_shared_folder<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
) -> Result<SyncReport> {
    let mut session = app.second_session(&handle)?;
    tauri::async_runtime::spawn_blocking(move || session.sync())
        .await
        .map_err(|e| Error::Invalid(format!("đồng bộ bị gián đoạn: {e}")))?
}

/// Chooses the shared folder in the folder dialog and saves it in the settings.
#[tauri::command]
pub async fn choose_shared_folder<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
) -> Result<Option<String>> {
    let Some(dir) = ask(&handle, Ask::Folder) else {
        return Ok(None);
    };
    app.session().set_shared_folder(&dir).map(Some)
}

#[tauri::command]
pub fn template_conflicts(app: State<App>) -> Result<Vec<TemplateConflict>> {
    app.session().template_conflicts()
}

#[tauri::command]
pub fn resolve_template_conflict(app: State<App>, id: String, keep_local: bool) -> Result<()> {
    app.session().resolve_template_conflict(&id, keep_local)
}

#[tauri::command]
pub async fn publish_template(app: State<'_, App>, id: String) -> Result<String> {
    app.session().publish_template(&id)
}

#[tauri::command]
pub fn get_template_json(app: State<App>, id: String) -> Result<String> {
    app.session().template_json(&id)
}

#[tauri::command]
pub fn save_template_json(app: State<App>, json: String) -> Result<TemplateInfo> {
    app.session().save_template_json(&json)
}

#[tauri::command]
pub fn delete_template(app: State<App>, id: String) -> Result<()> {
    app.session().delete_template(&id)
}

#[tauri::command]
pub fn save_as_template(app: State<App>, id: i64, name: String) -> Result<TemplateInfo> {
    app.session().save_as_template(id, &name)
}

#[tauri::command]
pub fn shared_parents(app: State<App>) -> Result<Vec<SharedFile>> {
    app.session().shared_parents()
}

/// The settings, whole.
#[tauri::command]
pub fn get_settings(app: State<App>) -> Result<Settings> {
    app.session().settings()
}

/// Saves the settings whole (read like a file: a value of the wrong kind is named
/// by its JSON path); a rule broken is an error with a diagnostic per field.
#[tauri::command]
pub fn set_settings(app: State<App>, settings: serde_json::Value, first_start: bool) -> Result<()> {
    let settings: Settings = format::from_json_typed(&settings.to_string(), "thiết lập")?;
    let mut session = app.session();
    match first_start {
        true => session.set_profile(&settings),
        false => session.set_settings(&settings),
    }
}

/// Every adjustable profile value with the range ND30 allows.
#[tauri::command]
pub fn profile_ranges() -> &'static [ProfileRange] {
    RANGES
}

#[tauri::command]
pub fn database_path(app: State<App>) -> String {
    app.session().store().file().to_owned()
}

/// Backs up the database where the officer chooses; `None` when cancelled.
#[tauri::command]
pub async fn backup_now<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
) -> Result<Option<PathBuf>> {
    let (kind, name) = ("Bản sao lưu Kế hoạch", "kehoach-sao-luu.db");
    let Some(path) = ask_save(&handle, kind, "db", name, None) else {
        return Ok(None);
    };
    app.session().backup_to(&path)?;
    Ok(Some(path))
}

/// Chooses the backup to restore from; the page confirms with the officer, then
/// calls [`restore_backup`] with this path (and only this one).
#[tauri::command]
pub async fn choose_backup<R: tauri::Runtime>(
    handle: AppHandle<R>,
    app: State<'_, App>,
) -> Result<Option<PathBuf>> {
    let Some(path) = ask(&handle, BACKUP) else {
        return Ok(None);
    };
    app.session().paths.chose(Purpose::Restore, &path);
    Ok(Some(path))
}

/// Replaces the data with the chosen backup; returns where the replaced data was kept.
#[tauri::command]
pub fn restore_backup(app: State<App>, path: PathBuf) -> Result<Option<String>> {
    app.restore(&path)
}

/// Called by the UI once the plan list is on screen: logs the cold-start time, and
/// with `KEHOACH_EXIT_WHEN_READY` set (the startup benchmark) exits right away.
#[tauri::command]
pub fn ui_ready<R: tauri::Runtime>(handle: AppHandle<R>) -> u128 {
    let ms = crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    eprintln!("kehoach: cửa sổ sẵn sàng sau {ms} ms");
    if std::env::var_os("KEHOACH_EXIT_WHEN_READY").is_some() {
        handle.exit(0);
    }
    ms
}
