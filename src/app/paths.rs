//! Which files a shell may touch on a page's word (Tauri's advice: trust the page no
//! further than you must). A path the page sends is used only when the officer chose
//! it, for that purpose, in a dialog the program ran itself, or when it is a file the
//! program wrote (an export, a print) and is asked to open it; anything else is
//! refused, so a bug in the page cannot open an `.exe` or overwrite a file.

use crate::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a chosen file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A parent plan to read (Nhập kế hoạch).
    Import,
    /// A newer version of a plan's parent.
    ParentUpdate,
    /// A backup to restore from.
    Restore,
}

/// The files chosen in the program's own dialogs and the files it wrote.
#[derive(Debug, Default)]
pub struct TrustedPaths {
    chosen: HashMap<Purpose, PathBuf>,
    written: HashSet<PathBuf>,
}

/// The extensions of what the program writes and may open for the officer.
const OPENABLE: &[&str] = &["pdf", "docx", "xlsx"];

fn refused(path: &Path, why: &str) -> Error {
    Error::PathNotAllowed {
        path: path.display().to_string(),
        reason: why.to_owned(),
    }
}

impl TrustedPaths {
    /// The officer chose `path` for `purpose` in the program's dialog.
    pub fn chose(&mut self, purpose: Purpose, path: &Path) {
        self.chosen.insert(purpose, path.to_owned());
    }

    /// `path` when it is the file chosen for `purpose` (once: a choice is used once).
    pub fn take(&mut self, purpose: Purpose, path: &Path) -> Result<PathBuf> {
        match self.chosen.get(&purpose) {
            Some(p) if p == path => Ok(self.chosen.remove(&purpose).unwrap_or_default()),
            _ => Err(refused(
                path,
                "tệp này không được chọn trong hộp thoại của chương trình",
            )),
        }
    }

    /// The program wrote `path` (an export, a print).
    pub fn wrote(&mut self, path: &Path) {
        self.written.insert(path.to_owned());
    }

    /// Whether the program may open `path` in another program: only a document it
    /// wrote itself.
    pub fn may_open(&self, path: &Path) -> Result<()> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !OPENABLE.contains(&ext.as_str()) {
            return Err(refused(path, "chỉ mở được tệp PDF, Word, Excel"));
        }
        if !self.written.contains(path) {
            return Err(refused(path, "tệp này không do chương trình xuất ra"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_and_written_files_pass() {
        let mut t = TrustedPaths::default();
        let exe = Path::new("C:/Windows/System32/calc.exe");
        assert_eq!(t.may_open(exe).unwrap_err().code(), "path_not_allowed");
        let pdf = Path::new("/tmp/kh.pdf");
        assert!(t.may_open(pdf).is_err());
        t.wrote(pdf);
        t.may_open(pdf).unwrap();
        assert!(t.take(Purpose::Restore, Path::new("/etc/passwd")).is_err());
        t.chose(Purpose::Restore, Path::new("/home/a/sao-luu.db"));
        assert!(t
            .take(Purpose::Import, Path::new("/home/a/sao-luu.db"))
            .is_err());
        t.take(Purpose::Restore, Path::new("/home/a/sao-luu.db"))
            .unwrap();
        // A choice is used once.
        assert!(t
            .take(Purpose::Restore, Path::new("/home/a/sao-luu.db"))
            .is_err());
    }
}
