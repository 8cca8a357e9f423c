//! File writes that never leave half a file behind.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed
/// to disk, then renamed over the target. A reader (or a crash) sees either the old
/// file or the new one, never a mixture.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.display().to_string();
    if path.file_name().is_none() {
        return Err(Error::Invalid(format!("{name}: không phải đường dẫn tệp")));
    }
    let tmp = sibling_temp(path);
    let folder = || {
        path.parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    };
    // Nothing can be created in the folder: it is the folder that is read-only
    // (or not ours to write), not the file, which may not exist yet.
    let mut f = std::fs::File::create(&tmp).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Error::Io {
                file: name.clone(),
                reason: format!(
                    "không ghi được vào thư mục «{}»: thư mục chỉ cho phép đọc hoặc tài khoản này không có quyền ghi; hãy chọn thư mục khác",
                    folder()
                ),
            }
        }
        _ => Error::io(&name, e),
    })?;
    let written = f.write_all(bytes).and_then(|()| f.sync_all());
    drop(f);
    let result = written.and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|e| {
            // On Windows a file open in Word or a PDF viewer cannot be replaced:
            // a sharing violation, or "access denied" from a reader that shares
            // reading only. The file is as it was; say so, and offer a free name.
            let denied = e.kind() == std::io::ErrorKind::PermissionDenied;
            if (crate::error::held(&e) || (cfg!(windows) && denied)) && path.exists() {
                return std::io::Error::other(InUse);
            }
            e
        })?;
        // Make the rename itself durable (no-op where directories cannot be opened).
        #[cfg(unix)]
        if let Some(Ok(d)) = tmp.parent().map(std::fs::File::open) {
            let _ = d.sync_all();
        }
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        if e.get_ref().is_some_and(|inner| inner.is::<InUse>()) {
            return Err(Error::FileInUse {
                file: name,
                suggested: free_name(path),
                folder: folder(),
            });
        }
        return Err(Error::io(&name, e));
    }
    Ok(())
}

/// The target of a write is held open by another program.
#[derive(Debug)]
struct InUse;

impl std::fmt::Display for InUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("in use")
    }
}

impl std::error::Error for InUse {}

/// The first free name beside `path` as Windows names copies: `X (2).docx`,
/// `X (3).docx` … (just the file name).
pub fn free_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new(""));
    (2..1000)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| !dir.join(candidate).exists())
        .unwrap_or_else(|| format!("{stem} (mới){ext}"))
}

/// A file name made from a title that every Windows accepts: the characters
/// Windows forbids become `-`, control characters spaces, at most 120 characters,
/// no trailing dot or space, and never a device name (`CON`, `PRN`, `AUX`, `NUL`,
/// `COM1`–`COM9`, `LPT1`–`LPT9`, whatever the extension: «Con» is a Vietnamese
/// word, and a plan titled so could not be saved). `fallback` when nothing is left.
pub fn windows_file_name(title: &str, ext: &str, fallback: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(120)
        .collect();
    let stem = stem.trim().trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { fallback } else { stem };
    let upper = stem.to_ascii_uppercase();
    let device = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit()
            && upper.as_bytes()[3] != b'0');
    if device {
        format!("{stem}-.{ext}")
    } else {
        format!("{stem}.{ext}")
    }
}

/// A hidden temporary name in the same folder as `path` (same file system, so a
/// rename onto `path` is atomic).
pub fn sibling_temp(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{file_name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to a new file `{stem}-{n}.{ext}` in `dir`, for a viewer to open,
/// after removing the earlier ones. A viewer may still hold an earlier file open
/// (printing, fixing a typo, printing again), and on Windows an open file can be
/// neither replaced nor removed: it stays, and the new file takes the next number.
pub fn write_for_viewer(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    let prefix = format!("{stem}-");
    let suffix = format!(".{ext}");
    let mut next = 1u32;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let number = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(&suffix))
                .and_then(|n| n.parse::<u32>().ok());
            if let Some(n) = number {
                if std::fs::remove_file(entry.path()).is_err() {
                    next = next.max(n + 1);
                }
            }
        }
    }
    let path = dir.join(format!("{prefix}{next}{suffix}"));
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// Reads a whole file of at most `limit` bytes. The size the file system reports
/// refuses a larger file before it is read, but is not trusted: at most `limit`
/// bytes are ever read (a link to a device, a file still growing), and what is not
/// a regular file is refused. Memory stays bounded on any input.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    read_file_bounded(path, limit).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => Error::FileTooLarge {
            file: name.clone(),
            size_mb: std::fs::metadata(path)
                .ok()
                .map(|m| m.len())
                .filter(|len| *len > limit)
                .map(|len| len >> 20),
            limit_mb: limit >> 20,
        },
        _ if e.get_ref().is_some_and(|inner| inner.is::<NotAFile>()) => Error::Io {
            file: name.clone(),
            reason: "không phải một tệp (thư mục, thiết bị hoặc đường ống): không đọc".into(),
        },
        _ => Error::io(&name, e),
    })
}

/// The file at `path` read whole by [`read_bounded`], its reported size as the
/// hint; what is not a regular file is refused ([`NotAFile`]) before a byte is
/// read (a name linked to a device reports 0 bytes and never ends).
pub fn read_file_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            NotAFile,
        ));
    }
    read_bounded(file, limit, meta.len())
}

/// What [`read_file_bounded`] refuses: a directory, a device, a pipe.
#[derive(Debug)]
pub struct NotAFile;

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("không phải một tệp")
    }
}

impl std::error::Error for NotAFile {}

/// Reads `reader` to its end when that is at most `limit` bytes; an error of kind
/// `FileTooLarge` as soon as it is more (having read `limit + 1` bytes at most).
/// `size_hint` (the reported size) refuses early and sizes the buffer.
pub fn read_bounded(
    reader: impl std::io::Read,
    limit: u64,
    size_hint: u64,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let too_large = || std::io::Error::from(std::io::ErrorKind::FileTooLarge);
    if size_hint > limit {
        return Err(too_large());
    }
    let mut data = Vec::with_capacity(size_hint.min(limit) as usize);
    reader.take(limit + 1).read_to_end(&mut data)?;
    if data.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder nothing can be written in (sysfs refuses even the superuser):
    /// the message names the folder, not a read-only or open file.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_written_is_named_as_such() {
        let e = super::write_atomic(std::path::Path::new("/sys/ke-hoach.pdf"), b"%PDF")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("không ghi được vào thư mục «/sys»") && !e.contains("đang mở"),
            "{e}"
        );
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn files_for_the_viewer_replace_earlier_ones_and_step_past_held_ones() {
        let dir = tempfile::tempdir().unwrap();
        let names = || {
            let mut v: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let first = write_for_viewer(dir.path(), "kehoach-in-7", "pdf", b"one").unwrap();
        assert_eq!(first, dir.path().join("kehoach-in-7-1.pdf"));
        write_for_viewer(dir.path(), "kehoach-in-7", "pdf", b"two").unwrap();
        assert_eq!(names(), ["kehoach-in-7-1.pdf"]);
        assert_eq!(std::fs::read(&first).unwrap(), b"two");
        // A file that cannot be removed (here a folder; on Windows a PDF open in a
        // viewer) stays, and the new one takes the next number. Other plans' files
        // are left alone.
        std::fs::remove_file(&first).unwrap();
        std::fs::create_dir(dir.path().join("kehoach-in-7-3.pdf")).unwrap();
        std::fs::write(dir.path().join("kehoach-in-71-1.pdf"), b"other").unwrap();
        let next = write_for_viewer(dir.path(), "kehoach-in-7", "pdf", b"three").unwrap();
        assert_eq!(next, dir.path().join("kehoach-in-7-4.pdf"));
        assert_eq!(
            names(),
            [
                "kehoach-in-7-3.pdf",
                "kehoach-in-7-4.pdf",
                "kehoach-in-71-1.pdf"
            ]
        );
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = write_atomic(Path::new("/nonexistent-dir-kh/a.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir-kh/a.json"));
        assert!(err.to_string().contains("không tìm thấy"));
    }

    #[test]
    fn names_from_titles_are_names_windows_accepts() {
        assert_eq!(windows_file_name("Con", "docx", "x"), "Con-.docx");
        assert_eq!(windows_file_name("lpt1", "pdf", "x"), "lpt1-.pdf");
        assert_eq!(windows_file_name("COM0", "pdf", "x"), "COM0.pdf");
        assert_eq!(
            windows_file_name("Con đường số", "pdf", "x"),
            "Con đường số.pdf"
        );
        assert_eq!(
            windows_file_name("KH 12/KH-UBND: «A»?", "docx", "x"),
            "KH 12-KH-UBND- «A»-.docx"
        );
        assert_eq!(
            windows_file_name(" ... ", "docx", "ke-hoach"),
            "ke-hoach.docx"
        );
        assert_eq!(windows_file_name("Kế hoạch.", "docx", "x"), "Kế hoạch.docx");
    }

    /// Every name `windows_file_name` makes can be written on Windows, the
    /// device names among them. (Runs under Wine in CI.)
    #[cfg(windows)]
    #[test]
    fn device_names_made_safe_are_written_on_windows() {
        let dir = tempfile::tempdir().unwrap();
        for title in ["Con", "nul", "AUX", "com1", "LPT9", "Prn"] {
            let p = dir.path().join(windows_file_name(title, "docx", "x"));
            write_atomic(&p, b"ok").unwrap();
            assert_eq!(std::fs::read(&p).unwrap(), b"ok", "{}", p.display());
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 6);
    }

    #[test]
    fn a_copy_takes_the_first_free_number() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("Kế hoạch.docx");
        assert_eq!(free_name(&p), "Kế hoạch (2).docx");
        std::fs::write(dir.path().join("Kế hoạch (2).docx"), b"x").unwrap();
        assert_eq!(free_name(&p), "Kế hoạch (3).docx");
    }

    /// Word holds a document open without sharing it: exporting over it fails,
    /// the document is as it was, no temporary file is left, and a free name is
    /// offered. (Runs on Windows: under Wine in CI.)
    #[cfg(windows)]
    #[test]
    fn a_file_open_in_word_is_not_replaced_and_another_name_is_offered() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("Chuyển đổi số.docx");
        std::fs::write(&p, b"old").unwrap();
        for share in [0u32, 1 /* FILE_SHARE_READ: a PDF viewer */] {
            let held = std::fs::OpenOptions::new()
                .read(true)
                .share_mode(share)
                .open(&p)
                .unwrap();
            let err = write_atomic(&p, b"new").unwrap_err();
            assert_eq!(err.code(), "file_in_use", "share {share}: {err}");
            assert!(err.to_string().contains("Chuyển đổi số (2).docx"), "{err}");
            drop(held);
            assert_eq!(std::fs::read(&p).unwrap(), b"old");
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        }
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    /// Paths as Windows has them: drive letters, Vietnamese names, and beyond
    /// the 260 characters of MAX_PATH (std turns long paths into \\?\ ones).
    #[cfg(windows)]
    #[test]
    fn windows_paths_long_and_vietnamese_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_path_buf();
        while deep.as_os_str().len() < 300 {
            deep.push("Thư mục kế hoạch năm 2026");
        }
        std::fs::create_dir_all(&deep).unwrap();
        let p = deep.join("Kế hoạch chuyển đổi số xã Tân An.pdf");
        assert!(p.as_os_str().len() > 260);
        write_atomic(&p, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF");
        let drive = p.to_string_lossy().chars().nth(1);
        assert_eq!(drive, Some(':'), "{}", p.display());
    }
}
