//! The shared folder (thư mục dùng chung): templates and parent plans that units
//! share on a mapped drive or an SMB share that is slow and sometimes disappears.
//!
//! A sync reads the folder first and writes the store last, in one transaction:
//! - a file whose size and modification time are as the last sync saw them is not
//!   read again (an unchanged folder costs one listing);
//! - a file still being written (a temporary name, a lock file beside it, a size
//!   or time that changes while it is read, or a recent file that does not parse
//!   yet) is left for the next sync;
//! - a malformed file is reported with its place and reason, and skipped;
//! - a local edit of a template is never overwritten: a different folder version
//!   becomes a conflict the officer resolves;
//! - if the folder disappears at any point, nothing is written.
//!
//! The folder is reached through the [`Folder`] trait, so tests can make it vanish
//! in the middle of a sync.

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::store::{SharedFile, Store, StoredTemplate, SyncChanges, TemplateConflict, TemplateRow};
use crate::template::{content_hash, Template};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use std::time::Duration;

pub use crate::folder::{has_lock, is_temporary, DirFolder, Entry, Folder};

/// How close to the sync's start a modification time must be for the file to be
/// read again next time (network file systems keep times to 2 s).
const RACY_NS: i64 = 2_000_000_000;

/// How patient a sync is with files being written.
#[derive(Debug, Clone, Copy)]
pub struct SyncOptions {
    /// A file modified less than this long ago that does not parse is taken to be
    /// still arriving (a slow copy), not malformed.
    pub settle: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            settle: Duration::from_secs(5),
        }
    }
}

/// A file that could not be used, with the place (file, JSON path) and the reason:
/// the one diagnostic type, code `malformed_file`.
pub type Problem = Diagnostic;

fn problem(file: &str, path: &str, reason: impl Into<String>) -> Problem {
    Diagnostic::error("malformed_file", reason)
        .in_file(file)
        .at(path)
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SyncReport {
    pub folder: String,
    /// Templates taken in for the first time (names).
    pub added: Vec<String>,
    /// Templates replaced by a newer folder version.
    pub updated: Vec<String>,
    /// Templates removed because their file left the folder.
    pub removed: Vec<String>,
    /// Templates in the folder as they are here.
    pub unchanged: usize,
    /// Templates whose folder version differs from a local edit (ids).
    pub conflicts: Vec<String>,
    /// Malformed files, skipped.
    pub problems: Vec<Problem>,
    /// Files still being written, left for the next sync.
    pub pending: Vec<String>,
    /// Other things worth knowing (an older version in the folder, a local edit kept).
    pub notes: Vec<Diagnostic>,
    /// Parent plans in the folder.
    pub parents: usize,
    /// Files read (the others were unchanged since the last sync).
    pub files_read: usize,
}

impl SyncReport {
    /// One line for the status bar and the CLI.
    pub fn summary(&self) -> String {
        format!(
            "{}: thêm {} mẫu, cập nhật {}, xóa {}, không đổi {}; {} xung đột, {} tệp lỗi, {} tệp đang ghi; {} kế hoạch cấp trên",
            self.folder,
            self.added.len(),
            self.updated.len(),
            self.removed.len(),
            self.unchanged,
            self.conflicts.len(),
            self.problems.len(),
            self.pending.len(),
            self.parents
        )
    }
}

/// The file extensions a shared folder holds for us.
fn wanted(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".json", ".docx", ".pdf", ".txt"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// What one read file is.
enum Content {
    Template(Box<Template>),
    Parent {
        title: String,
        agency: String,
        body: String,
    },
}

/// Parses a file's bytes by its extension and content.
fn parse(name: &str, bytes: &[u8]) -> std::result::Result<Content, Box<Problem>> {
    let from_error = |e: Error| -> Box<Problem> {
        Box::new(match e {
            Error::Json { file, path, reason } => problem(&file, &path, reason),
            e => {
                // The engine's message names the file; the problem names it already.
                let text = e.to_string();
                let reason = text
                    .strip_prefix(&format!("{name}: "))
                    .map(str::to_owned)
                    .unwrap_or(text);
                Diagnostic {
                    code: e.code(),
                    ..problem(name, "", reason)
                }
            }
        })
    };
    if name.to_lowercase().ends_with(".json") {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Box::new(problem(
                name,
                "",
                format!(
                    "tệp không phải văn bản UTF-8 (byte thứ {})",
                    e.valid_up_to()
                ),
            ))
        })?;
        // Parsed once; the top-level keys say which document it is.
        let value = crate::format::parse_value(text, name).map_err(from_error)?;
        if value.get("template_format").is_some() {
            Template::from_value(value, name)
                .map(|t| Content::Template(Box::new(t)))
                .map_err(from_error)
        } else if value.get("schema_version").is_some() {
            let plan = crate::format::plan_from_value(value, name).map_err(from_error)?;
            Ok(parent_content(plan))
        } else {
            Err(Box::new(problem(name, "", "không phải mẫu kế hoạch (thiếu «template_format») cũng không phải kế hoạch (thiếu «schema_version»)")))
        }
    } else {
        crate::import::import_bytes(bytes, name)
            .map(|i| parent_content(i.plan))
            .map_err(from_error)
    }
}

fn parent_content(plan: crate::Plan) -> Content {
    Content::Parent {
        title: plan.title.clone(),
        agency: plan.agency.name.clone(),
        body: crate::format::to_json_string(&plan),
    }
}

/// A template the folder holds, read now or known from the last sync.
struct FolderTemplate {
    file: String,
    id: String,
    version: u32,
    hash: String,
    name: String,
    /// Present when the file was read in this sync.
    template: Option<Template>,
}

fn unavailable(folder: &dyn Folder, e: Option<io::Error>) -> Error {
    Error::Io {
        file: folder.describe(),
        reason: format!(
            "không truy cập được thư mục dùng chung{}; dữ liệu trên máy không thay đổi",
            e.map(|e| format!(" ({e})")).unwrap_or_default()
        ),
    }
}

/// Syncs the store with the folder: see the module documentation.
pub fn sync(store: &mut Store, folder: &dyn Folder, opts: &SyncOptions) -> Result<SyncReport> {
    match sync_pass(store, folder, opts, &[])? {
        Pass::Done(r) => Ok(r),
        // The records said "unchanged" but the store lacks the content (the
        // template was deleted here): read those files again, once.
        Pass::Reread(names) => match sync_pass(store, folder, opts, &names)? {
            Pass::Done(r) => Ok(r),
            Pass::Reread(names) => Err(Error::Invalid(format!(
                "{}: không đọc lại được các tệp {}",
                folder.describe(),
                names.join(", ")
            ))),
        },
    }
}

enum Pass {
    Done(SyncReport),
    Reread(Vec<String>),
}

fn sync_pass(
    store: &mut Store,
    folder: &dyn Folder,
    opts: &SyncOptions,
    force: &[String],
) -> Result<Pass> {
    let described = folder.describe();
    let mut report = SyncReport {
        folder: described.clone(),
        ..Default::default()
    };
    let entries = folder.list().map_err(|e| unavailable(folder, Some(e)))?;
    let same_folder = store.setting("shared.synced_folder")?.as_deref() == Some(&described);
    let cache: HashMap<String, SharedFile> = if same_folder {
        store
            .shared_files()?
            .into_iter()
            .map(|f| (f.name.clone(), f))
            .collect()
    } else {
        HashMap::new()
    };
    let stored: HashMap<String, StoredTemplate> = store
        .stored_templates()?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    let open_conflicts: HashMap<String, TemplateConflict> = store
        .template_conflicts()?
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    // A cached template file needs no reading when the store already holds what it
    // says (or a conflict with it is already recorded).
    let known = |f: &SharedFile| -> bool {
        if force.contains(&f.name) {
            return false;
        }
        let (Some(id), Some(hash)) = (&f.template_id, &f.template_hash) else {
            return true;
        };
        stored.get(id).is_some_and(|s| {
            &s.hash == hash
                || s.base_hash.as_ref() == Some(hash)
                || (!s.modified && f.template_version.is_some_and(|v| v < s.version))
                || open_conflicts
                    .get(id)
                    .is_some_and(|c| &c.folder_hash == hash)
        })
    };

    let names: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let now_ns = store.now().timestamp_nanos_opt().unwrap_or(0);
    let mut changes = SyncChanges {
        folder: described.clone(),
        reset_files: !same_folder,
        ..Default::default()
    };
    let mut templates: Vec<FolderTemplate> = Vec::new();
    let mut present: HashSet<String> = HashSet::new();
    // Files whose content this pass knows (read, or unchanged since read): only a
    // template whose file is neither listed unsettled nor being replaced may go.
    let mut settled: HashSet<String> = HashSet::new();
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for e in sorted {
        if !wanted(&e.name) || is_temporary(&e.name) {
            continue;
        }
        if has_lock(&e.name, &names) {
            report.pending.push(e.name.clone());
            continue;
        }
        if let Some(c) = cache
            .get(&e.name)
            .filter(|c| c.size == e.size as i64 && c.mtime_ns == e.mtime_ns && known(c))
        {
            present.insert(e.name.clone());
            if c.kind != "invalid" {
                settled.insert(e.name.clone());
            }
            match c.kind.as_str() {
                "template" => templates.push(FolderTemplate {
                    file: c.name.clone(),
                    id: c.template_id.clone().unwrap_or_default(),
                    version: c.template_version.unwrap_or(0),
                    hash: c.template_hash.clone().unwrap_or_default(),
                    name: c.title.clone(),
                    template: None,
                }),
                "parent" => report.parents += 1,
                _ => report
                    .problems
                    .push(problem(&c.name, &c.problem_path, c.message.clone())),
            }
            continue;
        }
        // Too large to be one of ours: said once, and not read again while the file
        // stays as it is (nor read at all: its size refuses it before a byte is).
        let bytes = match folder.read(&e.name, crate::folder::limit_of(&e.name)) {
            Ok(b) => b,
            Err(err) if err.kind() == io::ErrorKind::FileTooLarge => {
                let message = crate::folder::too_large(&e.name, Some(e.size));
                let row = SharedFile {
                    name: e.name.clone(),
                    size: e.size as i64,
                    mtime_ns: e.mtime_ns,
                    kind: "invalid".into(),
                    message: message.clone(),
                    ..Default::default()
                };
                report.problems.push(problem(&e.name, "", message));
                present.insert(e.name.clone());
                if cache.get(&e.name) != Some(&row) {
                    changes.file_upserts.push(row);
                }
                continue;
            }
            Err(err) => {
                if !folder.is_available() {
                    return Err(unavailable(folder, Some(err)));
                }
                if err.kind() == io::ErrorKind::NotFound {
                    // Removed since the listing: it is simply gone.
                    continue;
                }
                report.pending.push(e.name.clone());
                continue;
            }
        };
        report.files_read += 1;
        // Size or time moved while we read: someone is still writing it.
        match folder.stat(&e.name) {
            Ok(after)
                if after.size == e.size
                    && after.mtime_ns == e.mtime_ns
                    && after.size == bytes.len() as u64 => {}
            Ok(_) => {
                report.pending.push(e.name.clone());
                continue;
            }
            Err(err) => {
                if !folder.is_available() {
                    return Err(unavailable(folder, Some(err)));
                }
                continue;
            }
        }
        let hash = content_hash(&bytes);
        // A file modified within the timestamp granularity of now could change
        // again without its size or time changing: record no time, so that the next
        // sync reads it again (git's "racily clean" rule).
        let racy = now_ns.saturating_sub(e.mtime_ns) < RACY_NS;
        let mut row = SharedFile {
            name: e.name.clone(),
            size: e.size as i64,
            mtime_ns: if racy { -1 } else { e.mtime_ns },
            hash,
            ..Default::default()
        };
        let parsed = parse(&e.name, &bytes);
        if parsed.is_ok() {
            settled.insert(e.name.clone());
        }
        match parsed {
            Ok(Content::Template(t)) => {
                row.kind = "template".into();
                row.template_id = Some(t.id.clone());
                row.template_version = Some(t.version);
                let th = t.hash();
                row.template_hash = Some(th.clone());
                row.title = t.name.clone();
                templates.push(FolderTemplate {
                    file: e.name.clone(),
                    id: t.id.clone(),
                    version: t.version,
                    hash: th,
                    name: t.name.clone(),
                    template: Some(*t),
                });
            }
            Ok(Content::Parent {
                title,
                agency,
                body,
            }) => {
                row.kind = "parent".into();
                row.title = title;
                row.agency = agency;
                row.body = Some(body);
                report.parents += 1;
            }
            Err(p) => {
                let recent = now_ns.saturating_sub(e.mtime_ns) < opts.settle.as_nanos() as i64;
                if recent {
                    // Most likely a copy still arriving; look again next time.
                    report.pending.push(e.name.clone());
                    continue;
                }
                row.kind = "invalid".into();
                row.problem_path = p.path.clone();
                row.message = p.message.clone();
                report.problems.push(Problem {
                    file: e.name.clone(),
                    ..*p
                });
            }
        }
        present.insert(e.name.clone());
        // (A parent's row carries its body, which cached rows never do: it is written.)
        if cache.get(&e.name) != Some(&row) {
            changes.file_upserts.push(row);
        }
    }
    // The folder must still be there for the listing to mean anything: a share
    // that went away mid-sync must not look like a folder whose files were deleted.
    if !folder.is_available() {
        return Err(unavailable(folder, None));
    }
    if same_folder {
        let pending: HashSet<&String> = report.pending.iter().collect();
        changes.file_deletes = cache
            .keys()
            .filter(|n| !present.contains(*n) && !pending.contains(n))
            .cloned()
            .collect();
        changes.file_deletes.sort();
    }

    // One folder version per id: the highest version; the same version with two
    // contents is reported and the first file (by name) is used.
    let mut by_id: HashMap<String, FolderTemplate> = HashMap::new();
    for t in templates {
        match by_id.get(&t.id) {
            Some(other) if other.version > t.version => {}
            Some(other) if other.version == t.version => {
                if other.hash != t.hash {
                    report.notes.push(Diagnostic::warning(
                        "template_version_twice",
                        format!(
                            "mẫu «{}» phiên bản {} có hai nội dung khác nhau ({} và {}); dùng {}",
                            t.id, t.version, other.file, t.file, other.file
                        ),
                    ));
                }
            }
            _ => {
                by_id.insert(t.id.clone(), t);
            }
        }
    }
    let mut ids: Vec<&String> = by_id.keys().collect();
    ids.sort();
    let mut need_read: Vec<String> = Vec::new();
    for id in ids {
        let f = &by_id[id];
        // As the folder has it: not modified here, based on the folder's hash.
        let row = |t: &Template| TemplateRow {
            body: t.to_json(),
            hash: f.hash.clone(),
            source: "folder",
            modified: false,
            base_hash: Some(f.hash.clone()),
            file: Some(f.file.clone()),
            template: t.clone(),
        };
        match stored.get(id) {
            None => match &f.template {
                Some(t) => {
                    changes.upsert_templates.push(row(t));
                    report.added.push(f.name.clone());
                }
                None => need_read.push(f.file.clone()),
            },
            Some(s) if s.hash == f.hash => {
                report.unchanged += 1;
                if s.modified
                    || s.base_hash.as_ref() != Some(&f.hash)
                    || s.file.as_ref() != Some(&f.file)
                {
                    changes
                        .mark_clean
                        .push((id.clone(), f.hash.clone(), f.file.clone()));
                }
                if open_conflicts.contains_key(id) {
                    changes.clear_conflicts.push(id.clone());
                }
            }
            Some(s) if !s.modified => {
                if s.base_hash.as_ref() == Some(&f.hash) {
                    report.unchanged += 1;
                } else if f.version < s.version {
                    report.unchanged += 1;
                    report.notes.push(Diagnostic::note(
                        "older_in_folder",
                        format!(
                            "mẫu «{}» trong thư mục ({}) là phiên bản {}, cũ hơn phiên bản {} đang dùng: giữ phiên bản đang dùng",
                            f.name, f.file, f.version, s.version
                        ),
                    ));
                } else {
                    match &f.template {
                        Some(t) => {
                            changes.upsert_templates.push(row(t));
                            report.updated.push(f.name.clone());
                        }
                        None => need_read.push(f.file.clone()),
                    }
                }
            }
            Some(s) => {
                // Edited here. The folder version it was based on is no news; any
                // other is a conflict for the officer to resolve.
                if s.base_hash.as_ref() == Some(&f.hash) {
                    report.unchanged += 1;
                    if open_conflicts.contains_key(id) {
                        changes.clear_conflicts.push(id.clone());
                    }
                    continue;
                }
                report.conflicts.push(id.clone());
                if open_conflicts
                    .get(id)
                    .is_some_and(|c| c.folder_hash == f.hash)
                {
                    continue;
                }
                match &f.template {
                    Some(t) => changes.conflicts.push(TemplateConflict {
                        id: id.clone(),
                        name: s.name.clone(),
                        file: f.file.clone(),
                        local_version: s.version,
                        folder_version: t.version,
                        folder_hash: f.hash.clone(),
                        folder_body: t.to_json(),
                        detected_at: String::new(),
                    }),
                    None => need_read.push(f.file.clone()),
                }
            }
        }
    }
    if !need_read.is_empty() {
        return Ok(Pass::Reread(need_read));
    }
    for s in stored.values() {
        if s.source != "folder" || by_id.contains_key(&s.id) {
            continue;
        }
        // A template leaves only when its file has left a complete listing: a file
        // still listed but not read this time (being written, locked, unreadable for
        // a moment, broken) or being replaced through a temporary companion keeps
        // the stored version, reported as waiting.
        let waiting = match &s.file {
            Some(f) => {
                (names.contains(f.as_str()) && !settled.contains(f))
                    || names
                        .iter()
                        .any(|n| is_temporary(n) && is_companion_of(n, f))
                    || still_there(folder, f)
            }
            // Rows from before files were recorded: keep while anything is unsettled.
            None => !report.pending.is_empty() || !report.problems.is_empty(),
        };
        if waiting {
            let file = s.file.clone().unwrap_or_else(|| s.name.clone());
            if !report.pending.contains(&file) {
                report.pending.push(file);
            }
            continue;
        }
        if s.modified {
            changes.detach_templates.push(s.id.clone());
            report.notes.push(Diagnostic::note(
                "local_edit_kept",
                format!(
                    "mẫu «{}» không còn trong thư mục dùng chung; giữ bản đã sửa trên máy",
                    s.name
                ),
            ));
        } else {
            changes.delete_templates.push(s.id.clone());
            report.removed.push(s.name.clone());
        }
        if open_conflicts.contains_key(&s.id) {
            changes.clear_conflicts.push(s.id.clone());
        }
    }
    changes.delete_templates.sort();
    report.removed.sort();
    report.pending.sort();
    report.pending.dedup();
    store.apply_sync(&changes)?;
    Ok(Pass::Done(report))
}

/// Whether `file`, absent from the listing, is there after all, or a copy of it is
/// arriving: a listing is no snapshot (a file renamed while the folder is listed
/// can be missed under both names), so a removal is confirmed by looking again.
fn still_there(folder: &dyn Folder, file: &str) -> bool {
    if folder.stat(file).is_ok() {
        return true;
    }
    folder.list().map_or(true, |again| {
        again
            .iter()
            .any(|e| e.name == file || (is_temporary(&e.name) && is_companion_of(&e.name, file)))
    })
}

/// Whether temporary name `temp` is a copy of `file` in progress: `file.part`,
/// `file.tmp`, `~$file`, `.~lock.file#`, `.file.swp`, `file.crdownload` ….
fn is_companion_of(temp: &str, file: &str) -> bool {
    let (t, f) = (temp.to_lowercase(), file.to_lowercase());
    let stem = f.rsplit_once('.').map_or(f.as_str(), |(s, _)| s);
    t.contains(&f) || (stem.len() >= 3 && t.contains(stem))
}

/// Publishes template `id` to the folder as `<id>.json` (or the file it came
/// from), written under a temporary name and renamed, so readers never see half a
/// file. Refused when the folder holds a version this one is not based on (someone
/// else published meanwhile): sync and resolve first.
pub fn publish(store: &mut Store, id: &str, folder: &dyn Folder) -> Result<String> {
    let t = store.template(id)?;
    let stored = store.stored_templates()?.into_iter().find(|s| s.id == id);
    let file = stored
        .as_ref()
        .and_then(|s| s.file.clone())
        .unwrap_or_else(|| format!("{id}.json"));
    if !folder.is_available() {
        return Err(unavailable(folder, None));
    }
    match folder.read(&file, crate::folder::limit_of(&file)) {
        Ok(bytes) => {
            if let Ok(Content::Template(existing)) = parse(&file, &bytes) {
                let base = stored.as_ref().and_then(|s| s.base_hash.clone());
                let h = existing.hash();
                if h != t.hash() && Some(&h) != base.as_ref() {
                    return Err(Error::Invalid(format!(
                        "{}: thư mục dùng chung có phiên bản {} của mẫu «{}» do nơi khác xuất bản; hãy đồng bộ và chọn bản giữ lại trước khi xuất bản",
                        file, existing.version, t.name
                    )));
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&format!("{}/{file}", folder.describe()), e)),
    }
    let json = t.to_json();
    folder.write_atomic(&file, json.as_bytes())?;
    if stored.is_some() {
        store.mark_template_published(id, &file, &t.hash())?;
    }
    Ok(Path::new(&folder.describe())
        .join(&file)
        .display()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_and_locked_names() {
        assert!(is_temporary(".mau.json.123.tmp"));
        assert!(is_temporary("~$mau.docx"));
        assert!(is_temporary(".~lock.mau.docx#"));
        assert!(!is_temporary("mau.json"));
        let names: std::collections::HashSet<&str> =
            ["ke-hoach.docx", "~$-hoach.docx", "a.json", "a.json.part"].into();
        assert!(has_lock("ke-hoach.docx", &names));
        assert!(has_lock("a.json", &names));
        assert!(!has_lock("b.json", &names));
    }
}
