//! The file dialogs, run on the Rust side: a path the page may use is one the
//! officer chose here (Tauri's advice: trust the page no further than you must).
//!
//! End-to-end tests cannot click a native dialog. In debug builds only, with
//! `KEHOACH_E2E_DIALOG` naming a file, each dialog takes the first line of that file
//! as the officer's answer (an empty line: cancelled) instead of opening, and notes
//! what it asked (`open pdf,docx,txt`) in the file `<that file>.asked`.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// What a dialog asks for.
pub enum Ask<'a> {
    /// Where to save a file of this kind (`name`, extensions), suggesting a name.
    Save {
        name: &'a str,
        extensions: &'a [&'a str],
        suggested: &'a str,
        /// Where the dialog opens (the last export's folder).
        directory: Option<&'a std::path::Path>,
    },
    /// A file of this kind to open.
    Open {
        name: &'a str,
        extensions: &'a [&'a str],
    },
    /// A folder.
    Folder,
}

/// A parent plan to import (Nhập kế hoạch).
/// Scanned pages as pictures are read by OCR, so the dialog offers them too.
pub const PLAN_DOCUMENT: Ask<'static> = Ask::Open {
    name: "Kế hoạch (PDF, Word, văn bản hoặc ảnh quét)",
    extensions: &["pdf", "docx", "txt", "png", "jpg", "jpeg", "tif", "tiff"],
};

/// A newer version of a plan's parent (our JSON too: a parent another unit sent).
pub const PARENT_DOCUMENT: Ask<'static> = Ask::Open {
    name: "Kế hoạch cấp trên (PDF, Word, văn bản, JSON hoặc ảnh quét)",
    extensions: &[
        "pdf", "docx", "txt", "json", "png", "jpg", "jpeg", "tif", "tiff",
    ],
};

/// A backup to restore.
pub const BACKUP: Ask<'static> = Ask::Open {
    name: "Bản sao lưu Kế hoạch",
    extensions: &["db", "bak"],
};

/// Where to save a file of kind `name` with extension `ext`, suggesting `suggested`
/// in `directory`.
pub fn ask_save<R: tauri::Runtime>(
    app: &AppHandle<R>,
    name: &str,
    ext: &str,
    suggested: &str,
    directory: Option<&std::path::Path>,
) -> Option<PathBuf> {
    let extensions = [ext];
    ask(
        app,
        Ask::Save {
            name,
            extensions: &extensions,
            suggested,
            directory,
        },
    )
}

/// The officer's answer; `None` when cancelled.
pub fn ask<R: tauri::Runtime>(app: &AppHandle<R>, what: Ask<'_>) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer(&what) {
        return answer;
    }
    let d = app.dialog().file();
    let chosen = match what {
        Ask::Save {
            name,
            extensions,
            suggested,
            directory,
        } => {
            let d = d.add_filter(name, extensions).set_file_name(suggested);
            match directory {
                Some(dir) => d.set_directory(dir),
                None => d,
            }
            .blocking_save_file()
        }
        Ask::Open { name, extensions } => d.add_filter(name, extensions).blocking_pick_file(),
        Ask::Folder => d.blocking_pick_folder(),
    };
    chosen.and_then(|p| p.into_path().ok())
}

/// The next scripted answer (debug builds, `KEHOACH_E2E_DIALOG` set).
fn scripted_answer(what: &Ask<'_>) -> Option<Option<PathBuf>> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let file = std::env::var_os("KEHOACH_E2E_DIALOG")?;
    let asked = match what {
        Ask::Save {
            extensions,
            directory,
            ..
        } => match directory {
            Some(dir) => format!("save {} in {}", extensions.join(","), dir.display()),
            None => format!("save {}", extensions.join(",")),
        },
        Ask::Open { extensions, .. } => format!("open {}", extensions.join(",")),
        Ask::Folder => "folder".to_owned(),
    };
    let mut log = file.clone();
    log.push(".asked");
    let before = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::write(&log, format!("{before}{asked}\n"));
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some((!first.is_empty()).then(|| PathBuf::from(first)))
}
