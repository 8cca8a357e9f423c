//! Where the program keeps the officer's data (thư mục dữ liệu) and its log (nhật
//! ký), by the platform's conventions: on Windows the data roams with the user's
//! profile (`%APPDATA%\kehoach`, what a domain PC backs up and carries to another
//! PC) and the log stays on the machine (`%LOCALAPPDATA%\kehoach\logs`); on Linux
//! both are under `~/.local/share/kehoach`.

use std::io::Write;
use std::path::PathBuf;

/// The folder of the default database and its backups.
pub fn data_dir() -> PathBuf {
    match directories::BaseDirs::new() {
        Some(d) => d.data_dir().join("kehoach"),
        None => PathBuf::from("."),
    }
}

/// The folder of the log.
pub fn log_dir() -> PathBuf {
    match directories::BaseDirs::new() {
        Some(d) => d.data_local_dir().join("kehoach").join("logs"),
        None => PathBuf::from("."),
    }
}

/// A log grows to this size, then the older half of its life is kept as
/// `NAME.1` (one file of history: the log is for the unit's IT, not an archive).
const LOG_LIMIT: u64 = 1 << 20;

/// Appends a line, with the time, to the log `name` in [`log_dir`]. What the
/// officer cannot see (a start that failed before a window, a panic in a window
/// program with no console) is written here for whoever helps them. Failing to
/// log is not an error of the program's: it is ignored.
pub fn log(name: &str, line: &str) {
    let dir = log_dir();
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_LIMIT) {
        let _ = std::fs::rename(&path, dir.join(format!("{name}.1")));
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        // CRLF on Windows, so that Notepad of Windows 10 before 1809 shows lines.
        let eol = if cfg!(windows) { "\r\n" } else { "\n" };
        let line = line.replace('\n', " ");
        let _ = write!(f, "{now} {line}{eol}");
    }
}
