//! The Tauri shell: each command is a thin adapter over the kehoach engine.
//! Errors reach the UI as the engine's `{code, message}`; every store write emits
//! `store-changed` so that no screen goes stale.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use kehoach::export::{export, Format};
use kehoach::import::{self, Imported};
use kehoach::inherit;
use kehoach::layout::profile::{ProfileRange, RANGES};
use kehoach::layout::{self, Profile};
use kehoach::lint::{self, Finding};
use kehoach::model::{Agency, Deadline, Status};
use kehoach::store::{
    ListFilter, PlanSummary, RevisionInfo, SharedFile, Store, StoreEvent, TemplateConflict,
    TemplateInfo,
};
use kehoach::sync::{self, DirFolder, SyncOptions, SyncReport};
use kehoach::template::{self, Template};
use kehoach::world::SystemWorld;
use kehoach::world::World;
use kehoach::{format, fsutil, pdf, sample, Error, Plan};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;
use tauri::{Emitter, Manager, State};

type Result<T> = std::result::Result<T, Error>;

struct App {
    store: Mutex<Store>,
    world: SystemWorld,
}

impl App {
    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave the store half-written (every
        // write is a transaction), so a poisoned lock is safe to reuse.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn profile(&self) -> Result<Profile> {
        match self.store().setting("format_profile")? {
            Some(json) => format::from_json_typed(&json, "thiết lập thể thức"),
            None => Ok(Profile::default()),
        }
    }
}

/// Plans matching a query and filters (diacritics optional), newest first.
#[tauri::command]
fn list_plans(
    app: State<App>,
    query: String,
    year: Option<i32>,
    status: Option<String>,
    trash: bool,
) -> Result<Vec<PlanSummary>> {
    let filter = ListFilter {
        year,
        status: status.map(|s| {
            if s == "final" {
                Status::Final
            } else {
                Status::Draft
            }
        }),
        trash,
        limit: None,
    };
    app.store().search(&query, &filter)
}

#[tauri::command]
fn get_plan(app: State<App>, id: i64) -> Result<Plan> {
    app.store().get(id)
}

/// Saves the plan sent by the editor; the JSON goes through the same reader as a
/// file (NFC, JSON paths in errors).
#[tauri::command]
fn save_plan(app: State<App>, id: i64, plan: serde_json::Value) -> Result<Option<i64>> {
    let plan = format::from_json_str(&plan.to_string(), "trình soạn thảo")?;
    Ok(app.store().save(id, &plan)?.revision)
}

impl App {
    /// The agency profile from the settings.
    fn agency(&self) -> Result<Agency> {
        let store = self.store();
        let get = |k: &str| store.setting(k).map(|v| v.unwrap_or_default());
        Ok(Agency {
            name: get("agency.name")?,
            supervising: get("agency.supervising")?,
            tier: get("agency.tier")?,
        })
    }

    /// What fills a template for this installation: agency, place, signer.
    fn fill(&self, year: i32) -> Result<template::Fill<'static>> {
        let agency = self.agency()?;
        let store = self.store();
        let get = |k: &str| store.setting(k).map(|v| v.unwrap_or_default());
        let mut place = get("agency.place")?;
        if place.is_empty() {
            place = kehoach::model::tier::place_of(&agency.name, &agency.tier);
        }
        Ok(template::Fill {
            agency,
            place,
            year,
            signer_position: get("signer.position")?,
            signer_name: get("signer.name")?,
            ..Default::default()
        })
    }

    /// The shared folder from the settings.
    fn shared_folder(&self) -> Result<DirFolder> {
        match self.store().setting("shared.folder")? {
            Some(f) if !f.trim().is_empty() => Ok(DirFolder::new(f.trim())),
            _ => Err(Error::Invalid(
                "chưa chọn thư mục dùng chung (Mẫu và thư mục dùng chung → Thư mục)".into(),
            )),
        }
    }
}

/// A new plan from template `template_id` (the general one when none), with the
/// agency profile from the settings, for `year` (next year when none).
#[tauri::command]
fn create_plan(app: State<App>, template_id: Option<String>, year: Option<i32>) -> Result<i64> {
    let year =
        year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()) + 1);
    let fill = app.fill(year)?;
    let mut store = app.store();
    let t = store.template(template_id.as_deref().unwrap_or(template::DEFAULT_ID))?;
    store.add(&t.instantiate(&fill))
}

/// The templates to choose from (built-in, from the shared folder, made here).
#[tauri::command]
fn list_templates(app: State<App>) -> Result<Vec<TemplateInfo>> {
    let tier = app.agency()?.tier;
    app.store().template_catalog(Some(&tier))
}

/// Syncs with the shared folder. It runs on its own connection to the database, so
/// a slow share never holds up the editor; the store events still reach the UI.
#[tauri::command]
async fn sync_shared_folder(app: State<'_, App>, handle: tauri::AppHandle) -> Result<SyncReport> {
    let folder = app.shared_folder()?;
    let path = app.store().file().to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = Store::open(std::path::Path::new(&path))?;
        store.subscribe(move |e: &StoreEvent| {
            let _ = handle.emit("store-changed", e);
        });
        sync::sync(&mut store, &folder, &SyncOptions::default())
    })
    .await
    .map_err(|e| Error::Invalid(format!("đồng bộ bị gián đoạn: {e}")))?
}

#[tauri::command]
fn template_conflicts(app: State<App>) -> Result<Vec<TemplateConflict>> {
    app.store().template_conflicts()
}

/// The officer's choice in a conflict: keep the local edit or take the folder's.
#[tauri::command]
fn resolve_template_conflict(app: State<App>, id: String, keep_local: bool) -> Result<()> {
    app.store().resolve_template_conflict(&id, keep_local)
}

/// Publishes template `id` to the shared folder (temporary file, then rename).
#[tauri::command]
async fn publish_template(app: State<'_, App>, id: String) -> Result<String> {
    let folder = app.shared_folder()?;
    sync::publish(&mut app.store(), &id, &folder)
}

/// The template's JSON text, to edit.
#[tauri::command]
fn get_template_json(app: State<App>, id: String) -> Result<String> {
    Ok(app.store().template(&id)?.to_json())
}

/// Saves an edited template (JSON text): checked like a file from the folder, stored
/// as a local edit that no sync overwrites without asking.
#[tauri::command]
fn save_template_json(app: State<App>, json: String) -> Result<TemplateInfo> {
    let t = Template::from_json(&json, "mẫu đang sửa")?;
    app.store().save_local_template(&t)
}

#[tauri::command]
fn delete_template(app: State<App>, id: String) -> Result<()> {
    app.store().delete_template(&id)
}

/// Saves plan `id`'s skeleton as a local template named `name`.
#[tauri::command]
fn save_as_template(app: State<App>, id: i64, name: String) -> Result<TemplateInfo> {
    let mut store = app.store();
    let plan = store.get(id)?;
    let t = Template::from_plan(&plan, &template::id_from_name(&name), &name, 1)?;
    store.save_local_template(&t)
}

/// The parent plans found in the shared folder at the last sync.
#[tauri::command]
fn shared_parents(app: State<App>) -> Result<Vec<SharedFile>> {
    app.store().shared_parents()
}

#[tauri::command]
fn duplicate_plan(app: State<App>, id: i64) -> Result<i64> {
    app.store().duplicate(id)
}

#[tauri::command]
fn trash_plan(app: State<App>, id: i64) -> Result<()> {
    app.store().trash(id)
}

#[tauri::command]
fn untrash_plan(app: State<App>, id: i64) -> Result<()> {
    app.store().untrash(id)
}

#[tauri::command]
fn list_revisions(app: State<App>, id: i64) -> Result<Vec<RevisionInfo>> {
    app.store().revisions(id)
}

#[tauri::command]
fn restore_revision(app: State<App>, id: i64, revision: i64) -> Result<Option<i64>> {
    Ok(app.store().restore(id, revision)?.revision)
}

impl App {
    /// The tolerance for `≈` targets from the settings (default 1, in the target's unit).
    fn check_options(&self) -> Result<inherit::CheckOptions> {
        let mut opts = inherit::CheckOptions::default();
        if let Some(t) = self.store().setting("inherit.tolerance")? {
            if let Ok(v) = t.trim().replace(',', ".").parse::<f64>() {
                opts.approx_tolerance = v.max(0.0);
            }
        }
        Ok(opts)
    }

    /// The stored parent of plan `id`, when it was derived in the app.
    fn parent_of(&self, id: i64) -> Result<Option<Plan>> {
        let store = self.store();
        match store.setting(&format!("parent_of.{id}"))? {
            Some(p) => match p.parse::<i64>() {
                Ok(pid) => store.get(pid).map(Some),
                Err(_) => Ok(None),
            },
            None => Ok(None),
        }
    }
}

/// ND30 findings for the plan as it is in the editor, and, for a plan derived from
/// a stored parent, the findings of the check against it.
#[tauri::command]
fn check_plan(app: State<App>, plan: serde_json::Value, id: Option<i64>) -> Result<Vec<Finding>> {
    let plan = format::from_json_str(&plan.to_string(), "trình soạn thảo")?;
    let mut findings = lint::check(&plan, &app.profile()?, app.world.fonts());
    if let Some(parent) = id.map(|id| app.parent_of(id)).transpose()?.flatten() {
        findings.extend(inherit::check(&plan, &parent, &app.check_options()?));
    }
    Ok(findings)
}

/// "Lập kế hoạch từ kế hoạch cấp trên": the draft of this unit's plan (agency from
/// the settings) derived from stored plan `parent_id` in the skeleton of template
/// `template_id`, linked to it for the checks.
#[tauri::command]
fn derive_plan(app: State<App>, parent_id: i64, template_id: Option<String>) -> Result<i64> {
    let parent = app.store().get(parent_id)?;
    derive_from(&app, parent_id, &parent, template_id)
}

/// The same from a parent plan found in the shared folder: the parent is stored
/// first, so the child stays linked to it when the share is away.
#[tauri::command]
fn derive_from_shared(app: State<App>, name: String, template_id: Option<String>) -> Result<i64> {
    let parent = app.store().shared_parent(&name)?;
    let parent_id = app.store().add(&parent)?;
    derive_from(&app, parent_id, &parent, template_id)
}

fn derive_from(
    app: &App,
    parent_id: i64,
    parent: &Plan,
    template_id: Option<String>,
) -> Result<i64> {
    let fill = app.fill(parent.period.years().0)?;
    if kehoach::model::tier::level(&fill.agency.tier).is_none() {
        return Err(Error::Invalid(format!(
            "Thiết lập: cấp của đơn vị: {}",
            kehoach::model::tier::not_a_tier(&fill.agency.tier)
        )));
    }
    let mut store = app.store();
    let t = store.template(template_id.as_deref().unwrap_or(template::DEFAULT_ID))?;
    let child = inherit::derive(parent, &fill, &t);
    let id = store.add(&child)?;
    store.set_setting(&format!("parent_of.{id}"), &parent_id.to_string())?;
    Ok(id)
}

/// A newer version of plan `id`'s parent, read from a document: what changed and
/// which of the plan's items each change affects. Nothing is stored yet.
#[derive(serde::Serialize)]
struct ParentUpdate {
    new_parent: Plan,
    changes: Vec<inherit::ParentChange>,
    descriptions: Vec<String>,
}

#[tauri::command]
async fn parent_update_preview(
    app: State<'_, App>,
    id: i64,
    path: PathBuf,
) -> Result<ParentUpdate> {
    let old = app.parent_of(id)?.ok_or_else(|| {
        Error::Invalid(
            "kế hoạch này không được lập từ một kế hoạch cấp trên trong chương trình".into(),
        )
    })?;
    let child = app.store().get(id)?;
    let new_parent = import::import_file(&path)?.plan;
    let changes = inherit::parent_changes(&old, &new_parent, &child);
    let descriptions = changes.iter().map(|c| c.describe(&child)).collect();
    Ok(ParentUpdate {
        new_parent,
        changes,
        descriptions,
    })
}

/// Applies the accepted changes: the new version is stored as a plan, the child
/// follows it and is saved (a new revision, so the update can be undone).
#[tauri::command]
fn parent_update_apply(
    app: State<App>,
    id: i64,
    new_parent: serde_json::Value,
    accepted: Vec<bool>,
) -> Result<()> {
    let new_parent = format::from_json_str(&new_parent.to_string(), "kế hoạch cấp trên mới")?;
    let old = app
        .parent_of(id)?
        .ok_or_else(|| Error::Invalid("kế hoạch này không có kế hoạch cấp trên".into()))?;
    let mut store = app.store();
    let mut child = store.get(id)?;
    let changes = inherit::parent_changes(&old, &new_parent, &child);
    inherit::apply_changes(&mut child, &old, &new_parent, &changes, &accepted);
    child.parent = Some(new_parent.reference());
    let new_id = store.add(&new_parent)?;
    store.save(id, &child)?;
    store.set_setting(&format!("parent_of.{id}"), &new_id.to_string())
}

/// What the plan did with its parent's targets, for the summary line.
#[tauri::command]
fn inheritance_summary(app: State<App>, id: i64) -> Result<Option<inherit::Summary>> {
    if app.parent_of(id)?.is_none() {
        return Ok(None);
    }
    Ok(Some(inherit::summary(&app.store().get(id)?)))
}

/// Exports plan `id` to `path`, DOCX or PDF by the extension, and returns the
/// findings to show.
#[tauri::command]
async fn export_plan(app: State<'_, App>, id: i64, path: PathBuf) -> Result<Vec<Finding>> {
    let format = Format::of_path(&path).ok_or_else(|| Error::UnsupportedFormat {
        file: path.display().to_string(),
        extension: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
        purpose: "xuất được: .docx, .pdf".into(),
    })?;
    let mut plan = app.store().get(id)?;
    // A plan derived in the app carries its traceability appendix (đối chiếu), and
    // the check against its parent is shown with the export's findings.
    let parent = app.parent_of(id)?;
    if let Some(parent) = &parent {
        plan.appendices.push(inherit::trace_appendix(&plan, parent));
    }
    let mut out = export(&plan, &app.profile()?, &app.world, format)?;
    if let Some(parent) = &parent {
        out.findings
            .extend(inherit::check(&plan, parent, &app.check_options()?));
    }
    fsutil::write_atomic(&path, &out.bytes)?;
    Ok(out.findings)
}

/// Reads a plan document (`.txt` extracted from a PDF, or `.docx`) for the review
/// screen: the structured plan and what the importer had to guess. Nothing is
/// stored until the officer confirms.
#[tauri::command]
async fn import_preview(path: PathBuf) -> Result<Imported> {
    import::import_file(&path)
}

/// Stores the plan as reviewed (and maybe corrected) on the import screen.
#[tauri::command]
fn import_save(app: State<App>, plan: serde_json::Value) -> Result<i64> {
    let plan = format::from_json_str(&plan.to_string(), "nhập kế hoạch")?;
    app.store().add(&plan)
}

/// The pages of the plan as it is in the editor, for the preview.
#[tauri::command]
async fn preview(app: State<'_, App>, plan: serde_json::Value) -> Result<Vec<pdf::PreviewPage>> {
    let plan = format::from_json_str(&plan.to_string(), "trình soạn thảo")?;
    let doc = layout::layout(&plan, &app.profile()?, &app.world)?;
    Ok(pdf::preview(&doc, app.world.fonts()))
}

/// Prints plan `id`: its PDF in the temporary folder, opened in the system's PDF
/// viewer, whose print dialog the officer knows.
#[tauri::command]
async fn print_plan(app: State<'_, App>, id: i64) -> Result<()> {
    let plan = app.store().get(id)?;
    let out = export(&plan, &app.profile()?, &app.world, Format::Pdf)?;
    let stem = format!("kehoach-in-{id}");
    let path = fsutil::write_for_viewer(&std::env::temp_dir(), &stem, "pdf", &out.bytes)?;
    open_file(path)
}

/// A deadline as typed, parsed, with the label the plan will print.
#[derive(serde::Serialize)]
struct ParsedDeadline {
    deadline: Deadline,
    label: String,
}

/// A deadline typed as plans write it, as the structured value and its label.
#[tauri::command]
fn parse_deadline(text: String) -> ParsedDeadline {
    let deadline = Deadline::parse(&text);
    let label = deadline.label();
    ParsedDeadline { deadline, label }
}

/// The printed labels of deadlines (empty for none), so the UI never re-implements
/// the ND30 date rules.
#[tauri::command]
fn deadline_labels(deadlines: Vec<Option<Deadline>>) -> Vec<String> {
    deadlines
        .iter()
        .map(|d| d.as_ref().map(Deadline::label).unwrap_or_default())
        .collect()
}

/// One line of the outline: where a section is and its computed label.
#[derive(serde::Serialize)]
struct OutlineEntry {
    path: String,
    depth: usize,
    label: String,
}

/// The computed labels of the section tree (`I.`, `1.`, `a)` ...).
#[tauri::command]
fn outline(plan: serde_json::Value) -> Result<Vec<OutlineEntry>> {
    let plan = format::from_json_str(&plan.to_string(), "trình soạn thảo")?;
    let entries = plan.labeled_sections()?;
    Ok(entries
        .into_iter()
        .map(|l| OutlineEntry {
            path: l.path,
            depth: l.depth,
            label: l.label,
        })
        .collect())
}

/// Opens an exported file in the user's word processor.
#[tauri::command]
fn open_file(path: PathBuf) -> Result<()> {
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|e| Error::Io {
        file: path.display().to_string(),
        reason: format!("không mở được tệp: {e}"),
    })
}

#[tauri::command]
fn get_setting(app: State<App>, key: String) -> Result<Option<String>> {
    app.store().setting(&key)
}

#[tauri::command]
fn set_setting(app: State<App>, key: String, value: String) -> Result<()> {
    app.store().set_setting(&key, &value)
}

/// The format profile in use (the decree's defaults until the officer changes it).
#[tauri::command]
fn get_profile(app: State<App>) -> Result<Profile> {
    app.profile()
}

/// Every adjustable profile value with the range ND30 allows.
#[tauri::command]
fn profile_ranges() -> &'static [ProfileRange] {
    RANGES
}

/// Stores the format profile; a value outside the decree's ranges is refused with
/// the reason.
#[tauri::command]
fn set_profile(app: State<App>, profile: serde_json::Value) -> Result<()> {
    let json = profile.to_string();
    let parsed: Profile = format::from_json_typed(&json, "thiết lập thể thức")?;
    let problems = parsed.problems();
    if !problems.is_empty() {
        let reasons: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(Error::Invalid(reasons.join("; ")));
    }
    app.store().set_setting("format_profile", &json)
}

/// The database file in use (shown in the settings).
#[tauri::command]
fn database_path(app: State<App>) -> String {
    app.store().file().to_owned()
}

#[tauri::command]
fn backup_now(app: State<App>, path: PathBuf) -> Result<()> {
    app.store().backup_to(&path)
}

/// Replaces the data with a backup; returns where the replaced data was kept.
#[tauri::command]
fn restore_backup(app: State<App>, path: PathBuf) -> Result<Option<String>> {
    let safety = app.store().restore_from_backup(&path)?;
    Ok(safety.map(|p| p.display().to_string()))
}

/// When the process started, for the startup time the UI reports.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called by the UI once the plan list is on screen: logs the cold-start time, and
/// with `KEHOACH_EXIT_WHEN_READY` set (the startup benchmark) exits right away.
#[tauri::command]
fn ui_ready(handle: tauri::AppHandle) -> u128 {
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
    eprintln!("kehoach: cửa sổ sẵn sàng sau {ms} ms");
    if std::env::var_os("KEHOACH_EXIT_WHEN_READY").is_some() {
        handle.exit(0);
    }
    ms
}

fn open_store(handle: &tauri::AppHandle) -> Result<Store> {
    let path = kehoach::store::resolve_path(None);
    let mut store = Store::open(&path)?;
    if store.setting("seeded")?.is_none() {
        // First start: the sample plan, so the officer sees what a plan looks like.
        if store.count()? == 0 {
            store.add(&sample::sample_plan())?;
        }
        store.set_setting("seeded", "1")?;
    }
    let h = handle.clone();
    store.subscribe(move |e: &StoreEvent| {
        let _ = h.emit("store-changed", e);
    });
    Ok(store)
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let store = open_store(app.handle()).map_err(|e| e.to_string())?;
            app.manage(App {
                store: Mutex::new(store),
                world: SystemWorld::new(),
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            list_plans,
            get_plan,
            save_plan,
            create_plan,
            duplicate_plan,
            trash_plan,
            untrash_plan,
            list_revisions,
            restore_revision,
            check_plan,
            parse_deadline,
            deadline_labels,
            outline,
            export_plan,
            preview,
            print_plan,
            import_preview,
            import_save,
            derive_plan,
            derive_from_shared,
            list_templates,
            sync_shared_folder,
            template_conflicts,
            resolve_template_conflict,
            publish_template,
            delete_template,
            get_template_json,
            save_template_json,
            save_as_template,
            shared_parents,
            inheritance_summary,
            parent_update_preview,
            parent_update_apply,
            open_file,
            get_setting,
            set_setting,
            database_path,
            get_profile,
            profile_ranges,
            set_profile,
            backup_now,
            restore_backup,
            ui_ready,
        ])
        .run(tauri::generate_context!())
        .expect("Không khởi động được ứng dụng Kế hoạch");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_labelled_by_the_engine() {
        let parsed = parse_deadline("thang 2 nam 2027".into());
        // ND30: months 1 and 2 take a leading zero.
        assert_eq!(parsed.label, "tháng 02 năm 2027");
        let json = serde_json::to_value(&parsed).unwrap();
        assert_eq!(json["deadline"]["kind"], "month");
        let labels = deadline_labels(vec![None, Some(parsed.deadline)]);
        assert_eq!(labels, ["", "tháng 02 năm 2027"]);
    }

    #[test]
    fn an_import_reaches_the_ui_as_plan_and_notes_or_a_coded_error() {
        let dir = std::env::temp_dir().join(format!("kehoach-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let txt = dir.join("kh.txt");
        std::fs::write(&txt, "KẾ HOẠCH\nChuyển đổi số xã Tân An năm 2026\nI. MỤC TIÊU\n- Tối thiểu 80% hồ sơ trực tuyến.\n").unwrap();
        let imported = tauri::async_runtime::block_on(import_preview(txt)).unwrap();
        let json = serde_json::to_value(&imported).unwrap();
        assert_eq!(json["plan"]["targets"][0]["comparator"], ">=");
        assert!(json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["message"].as_str().unwrap().contains("./.")));
        let err = tauri::async_runtime::block_on(import_preview(dir.join("kh.odt"))).unwrap_err();
        assert_eq!(
            serde_json::to_value(&err).unwrap()["code"],
            "unsupported_format"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_bad_plan_from_the_editor_is_a_coded_error_with_its_json_path() {
        let mut plan = serde_json::to_value(sample::sample_plan()).unwrap();
        plan["targets"][0]["value"] = "nhiều".into();
        let err = outline(plan).err().expect("invalid value must be refused");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "invalid_plan_file");
        let message = json["message"].as_str().unwrap();
        assert!(message.contains("targets[0].value"), "{message}");
    }
}
