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
    let dir = tmp.parent().map(Path::to_path_buf).unwrap_or_default();
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable (no-op where directories cannot be opened).
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(&name, e));
    }
    Ok(())
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

/// Reads a whole file of at most `limit` bytes; a larger one is refused before it
/// is read (bounded memory on any input).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(&name, e))?
        .len();
    if size > limit {
        return Err(Error::FileTooLarge {
            file: name,
            size_mb: size >> 20,
            limit_mb: limit >> 20,
        });
    }
    std::fs::read(path).map_err(|e| Error::io(&name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
