//! The shared folder as a folder of files (thư mục dùng chung): the listing, the
//! reads and atomic writes, and the names that are someone's work in progress. The
//! sync of templates and parent plans and the roll-up of reports both read it.

use crate::Result;
use std::collections::HashSet;
use std::io;
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

/// One file of the folder as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime_ns: i64,
}

/// The shared folder as the sync sees it.
pub trait Folder {
    /// The folder as shown to the officer (its path).
    fn describe(&self) -> String;
    /// The regular files directly in the folder.
    fn list(&self) -> io::Result<Vec<Entry>>;
    /// The file's bytes when there are at most `limit` of them; an error of kind
    /// `FileTooLarge` otherwise, having read no more than `limit + 1` bytes
    /// whatever the listing said of its size.
    fn read(&self, name: &str, limit: u64) -> io::Result<Vec<u8>>;
    fn stat(&self, name: &str) -> io::Result<Entry>;
    /// Whether the folder itself is still there.
    fn is_available(&self) -> bool;
    /// Writes a file so that readers see the old content or the new, never half.
    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<()>;
}

/// A folder of the file system (a local path, a mapped drive, a UNC path).
#[derive(Debug, Clone)]
pub struct DirFolder {
    pub dir: PathBuf,
}

impl DirFolder {
    pub fn new(dir: impl Into<PathBuf>) -> DirFolder {
        DirFolder { dir: dir.into() }
    }
}

fn entry_of(name: String, m: &std::fs::Metadata) -> Entry {
    let mtime_ns = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    Entry {
        name,
        size: m.len(),
        mtime_ns,
    }
}

impl Folder for DirFolder {
    fn describe(&self) -> String {
        self.dir.display().to_string()
    }

    fn list(&self) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(&self.dir)? {
            let e = e?;
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            // A file removed between the listing and its metadata is simply not there.
            let Ok(m) = e.metadata() else { continue };
            if m.is_file() {
                out.push(entry_of(name, &m));
            }
        }
        Ok(out)
    }

    fn read(&self, name: &str, limit: u64) -> io::Result<Vec<u8>> {
        crate::fsutil::read_file_bounded(&self.dir.join(name), limit)
    }

    fn stat(&self, name: &str) -> io::Result<Entry> {
        let m = std::fs::metadata(self.dir.join(name))?;
        Ok(entry_of(name.to_owned(), &m))
    }

    fn is_available(&self) -> bool {
        self.dir.is_dir()
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<()> {
        crate::fsutil::write_atomic(&self.dir.join(name), bytes)
    }
}

/// The most the shared folder's readers read of a file of this name: a JSON
/// document's limit, or what the importer reads of its kind.
pub fn limit_of(name: &str) -> u64 {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => crate::format::MAX_JSON_FILE,
        ext => crate::import::limit_of(ext) as u64,
    }
}

/// What a file over [`limit_of`] is told: its size when known, and the limit.
pub fn too_large(name: &str, size: Option<u64>) -> String {
    crate::Error::FileTooLarge {
        file: name.to_owned(),
        size_mb: size.map(|s| s >> 20),
        limit_mb: limit_of(name) >> 20,
    }
    .to_string()
    .trim_start_matches(&format!("{name}: "))
    .to_owned()
}

/// Names that are someone's work in progress: temporary files, Office and
/// LibreOffice lock files, partial downloads, hidden files.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with('.')
        || lower.starts_with("~$")
        || lower.starts_with(".~lock.")
        || lower.ends_with('~')
        || [
            ".tmp",
            ".temp",
            ".part",
            ".crdownload",
            ".partial",
            ".lock",
            ".swp",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Whether a lock or temporary companion of `name` sits beside it (Word's `~$`,
/// LibreOffice's `.~lock.…#`, a copy's `.part` or `.tmp`).
pub fn has_lock(name: &str, names: &HashSet<&str>) -> bool {
    let word_lock = name
        .char_indices()
        .nth(2)
        .map(|(i, _)| format!("~${}", &name[i..]));
    let candidates = [
        format!("~${name}"),
        format!(".~lock.{name}#"),
        format!("{name}.lock"),
        format!("{name}.part"),
        format!("{name}.tmp"),
    ];
    candidates.iter().any(|c| names.contains(c.as_str()))
        || word_lock.is_some_and(|w| names.contains(w.as_str()))
}
