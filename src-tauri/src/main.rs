//! The Tauri shell: the window, the file dialogs, the events. Each command is an
//! adapter over the engine's application layer ([`kehoach::app::Session`], shared
//! with the CLI); errors reach the UI as the engine's `{code, message}`; every store
//! write emits `store-changed` so that no screen goes stale. The page is trusted no
//! further than it must be: paths come from dialogs run here, and only files the
//! program wrote are opened.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(feature = "chromium-bridge")]
mod bridge;
mod commands;
mod dialogs;
mod reports;
mod startup;

use kehoach::app::{Purpose, Session};
use kehoach::store::{Store, StoreEvent};
use kehoach::world::SystemWorld;
use kehoach::Error;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;
use tauri::{Emitter, Manager};

/// The app's state: one session on the database.
pub struct App {
    session: Mutex<Session>,
    db: PathBuf,
    /// Set by the page's «Dừng» while a scan is read.
    cancel: std::sync::atomic::AtomicBool,
}

impl App {
    fn new(session: Session) -> App {
        let db = PathBuf::from(session.store().file());
        App {
            session: Mutex::new(session),
            db,
            cancel: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave the store half-written (every
        // write is a transaction), so a poisoned lock is safe to reuse.
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A session on a connection of its own (the background sync), whose store
    /// events reach the UI too.
    fn second_session<R: tauri::Runtime>(
        &self,
        handle: &tauri::AppHandle<R>,
    ) -> Result<Session, Error> {
        let mut store = Store::open(&self.db)?;
        let h = handle.clone();
        store.subscribe(move |e: &StoreEvent| {
            let _ = h.emit("store-changed", e);
        });
        Ok(Session::new(store, Box::new(SystemWorld::new())))
    }

    /// Opens `path` in the system's program, when the program wrote it; `no_viewer`
    /// when the computer has none (the page then prints from its own preview).
    fn open(&self, path: &Path) -> Result<(), Error> {
        self.session().paths.may_open(path)?;
        if std::env::var_os("KEHOACH_NO_VIEWER").is_some() && cfg!(debug_assertions) {
            // The end-to-end tests' PC without a PDF viewer.
            return Err(no_viewer(path, "không có trình xem nào".into()));
        }
        tauri_plugin_opener::open_path(path, None::<&str>)
            .map_err(|e| no_viewer(path, e.to_string()))
    }

    /// Prints `path` (a PDF the program wrote) with the PDF program's print verb
    /// where the PC has one (Windows: Acrobat Reader, Foxit), else opens it in
    /// the viewer, whose print dialog the officer knows.
    fn print(&self, path: &Path) -> Result<(), Error> {
        self.session().paths.may_open(path)?;
        // (The end-to-end tests' PC has no PDF program: straight to `open`.)
        let no_viewer = std::env::var_os("KEHOACH_NO_VIEWER").is_some() && cfg!(debug_assertions);
        if !no_viewer && kehoach::desktop::print_with_program(path).is_ok() {
            return Ok(());
        }
        self.open(path)
    }

    /// Shows the folder holding `path` (a file the program wrote), the file selected
    /// where the file manager can.
    fn show_folder(&self, path: &Path) -> Result<(), Error> {
        self.session().paths.may_open(path)?;
        let dir = path.parent().unwrap_or(path);
        tauri_plugin_opener::reveal_item_in_dir(path)
            .or_else(|_| tauri_plugin_opener::open_path(dir, None::<&str>))
            .map_err(|e| Error::Io {
                file: dir.display().to_string(),
                reason: format!("không mở được thư mục: {e}"),
            })
    }

    /// Reads a document chosen in the dialog, without holding the session (an OCR
    /// of many pages takes a while): each page read is a `document-progress` event
    /// `[done, total]`, and «Dừng» stops it before the next page.
    fn read_document<R: tauri::Runtime>(
        &self,
        handle: &tauri::AppHandle<R>,
        path: &Path,
    ) -> Result<kehoach::import::Imported, Error> {
        use std::sync::atomic::Ordering;
        self.cancel.store(false, Ordering::Relaxed);
        let page = |done: usize, total: usize| {
            let _ = handle.emit("document-progress", (done, total));
        };
        let progress = kehoach::import::Progress {
            page: &page,
            cancel: &self.cancel,
        };
        kehoach::import::import_file_with(path, &progress)
    }

    fn cancel_reading(&self) {
        self.cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Restores from `path`, when it is the backup the officer chose in the dialog.
    fn restore(&self, path: &Path) -> Result<Option<String>, Error> {
        let mut session = self.session();
        let path = session.paths.take(Purpose::Restore, path)?;
        Ok(session
            .restore_backup(&path)?
            .map(|p| p.display().to_string()))
    }
}

fn no_viewer(path: &Path, reason: String) -> Error {
    Error::NoViewer {
        file: path.display().to_string(),
        kind: path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default(),
        reason,
    }
}

/// When the process started, for the startup time the UI reports.
static STARTED: OnceLock<Instant> = OnceLock::new();

fn open_session<R: tauri::Runtime>(handle: &tauri::AppHandle<R>) -> Result<Session, Error> {
    let mut session = Session::open(None)?;
    session.seed_on_first_start()?;
    let h = handle.clone();
    session.store_mut().subscribe(move |e: &StoreEvent| {
        let _ = h.emit("store-changed", e);
    });
    Ok(session)
}

fn main() {
    STARTED.get_or_init(Instant::now);
    startup::log_panics();
    #[cfg(feature = "chromium-bridge")]
    if let Ok(address) = std::env::var("KEHOACH_BRIDGE") {
        if let Err(e) = bridge::serve(app(tauri::test::mock_builder()), &address) {
            eprintln!("kehoach: {e}");
            std::process::exit(1);
        }
        return;
    }
    if let Err(message) = startup::check_webview() {
        startup::cannot_start(&message);
        std::process::exit(2);
    }
    let result = app(tauri::Builder::default()).run(tauri::generate_context!());
    if let Err(e) = result {
        startup::cannot_start(&format!("không khởi động được ứng dụng Kế hoạch: {e}"));
        std::process::exit(1);
    }
}

/// The app on `builder`'s runtime: its plugins, its session, its commands (the
/// real window's runtime, or the mock one of the test bridge).
fn app<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    use commands::*;
    use reports::*;
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let session = open_session(app.handle()).map_err(|e| {
                startup::cannot_start(&e.to_string());
                e.to_string()
            })?;
            app.manage(App::new(session));
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
            vocabulary,
            reporting_periods,
            parse_deadline,
            deadline_labels,
            outline,
            export_plan,
            preview,
            print_plan,
            open_file,
            open_folder,
            cancel_reading,
            undo_plan,
            redo_plan,
            history_state,
            compare_revisions,
            read_field,
            follow_target_sentence,
            target_sentence_with_value,
            import_preview,
            read_corrected_scan,
            import_save,
            derive_plan,
            derive_from_shared,
            derive_candidates,
            move_deadlines,
            inheritance_summary,
            parent_update_preview,
            parent_update_apply,
            list_templates,
            sync_shared_folder,
            choose_shared_folder,
            template_conflicts,
            resolve_template_conflict,
            publish_template,
            get_template_json,
            save_template_json,
            delete_template,
            save_as_template,
            shared_parents,
            get_settings,
            set_settings,
            profile_ranges,
            database_path,
            backup_now,
            choose_backup,
            restore_backup,
            ui_ready,
            list_reports,
            new_report,
            report_templates,
            get_report,
            save_report,
            report_preview,
            print_report,
            export_report,
            rollup,
            export_rollup,
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("kh.db")).unwrap();
        let session = Session::new(store, Box::new(SystemWorld::new()));
        (dir, App::new(session))
    }

    #[test]
    fn a_path_the_page_sends_is_refused_unless_chosen_or_written_here() {
        let (dir, app) = app();
        // Open: only a document the program wrote.
        for p in [
            "C:\\Windows\\System32\\calc.exe",
            "/etc/passwd",
            "/tmp/la.pdf",
        ] {
            let e = app.open(Path::new(p)).unwrap_err();
            assert_eq!(e.code(), "path_not_allowed", "{p}");
        }
        // Restore: only the backup chosen in the dialog, and only once.
        let db = dir.path().join("kh.db");
        assert_eq!(app.restore(&db).unwrap_err().code(), "path_not_allowed");
        let backup = dir.path().join("sao-luu.db");
        app.session().backup_to(&backup).unwrap();
        app.session().paths.chose(Purpose::Restore, &backup);
        assert_eq!(
            app.restore(Path::new("/etc/passwd")).unwrap_err().code(),
            "path_not_allowed"
        );
        app.restore(&backup).unwrap();
        assert_eq!(app.restore(&backup).unwrap_err().code(), "path_not_allowed");
    }

    #[test]
    fn an_import_reaches_the_ui_as_plan_and_notes_or_a_coded_error() {
        let (dir, app) = app();
        let txt = dir.path().join("kh.txt");
        std::fs::write(&txt, "KẾ HOẠCH\nChuyển đổi số xã Tân An năm 2026\nI. MỤC TIÊU\n- Tối thiểu 80% hồ sơ trực tuyến.\n").unwrap();
        let imported = app.session().import_file(&txt).unwrap();
        let json = serde_json::to_value(&imported).unwrap();
        assert_eq!(json["plan"]["targets"][0]["comparator"], ">=");
        assert!(json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["message"].as_str().unwrap().contains("./.")));
        let err = app
            .session()
            .import_file(&dir.path().join("kh.odt"))
            .unwrap_err();
        assert_eq!(
            serde_json::to_value(&err).unwrap()["code"],
            "unsupported_format"
        );
    }

    #[test]
    fn deadlines_are_labelled_by_the_engine() {
        let parsed = commands::parse_deadline("thang 2 nam 2027".into(), None);
        let json = serde_json::to_value(&parsed).unwrap();
        // ND30: months 1 and 2 take a leading zero.
        assert_eq!(json["label"], "tháng 02 năm 2027");
        assert_eq!(json["deadline"]["kind"], "month");
        let d: kehoach::model::Deadline = serde_json::from_value(json["deadline"].clone()).unwrap();
        let labels = commands::deadline_labels(vec![None, Some(d)]);
        assert_eq!(labels, ["", "tháng 02 năm 2027"]);
    }

    #[test]
    fn a_bad_plan_from_the_editor_is_a_coded_error_with_its_json_path() {
        let mut plan = serde_json::to_value(kehoach::sample::sample_plan()).unwrap();
        plan["targets"][0]["value"] = "nhiều".into();
        let err = commands::outline(plan)
            .err()
            .expect("invalid value must be refused");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "invalid_plan_file");
        let message = json["message"].as_str().unwrap();
        assert!(message.contains("targets[0].value"), "{message}");
    }
}
