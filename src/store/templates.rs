//! Templates in the store: those taken from the shared folder or made here, the
//! conflicts waiting for a choice, and what the last sync saw of each shared file.
//! The built-in templates are merged in when listing (they live in the program).

use super::{db_err, Store, StoreEvent};
use crate::error::{Error, Result};
use crate::template::{self, Template};
use rusqlite::{params, OptionalExtension, TransactionBehavior};

/// A stored template without its body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredTemplate {
    pub id: String,
    pub version: u32,
    pub name: String,
    pub hash: String,
    /// `folder` or `local`.
    pub source: String,
    /// Edited here since it was last taken from or published to the folder.
    pub modified: bool,
    /// Hash of the folder version it is based on.
    pub base_hash: Option<String>,
    pub file: Option<String>,
    pub updated_at: String,
}

/// A template as the app lists it (mẫu có thể dùng).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub tiers: Vec<String>,
    pub version: u32,
    pub author: String,
    /// `builtin`, `folder` or `local`.
    pub origin: String,
    pub modified: bool,
    /// A folder version differing from the local edit waits for a choice.
    pub conflict: bool,
    /// Suits the officer's tier ([`Template::suits`]); pickers list these first.
    pub suits: bool,
}

impl TemplateInfo {
    fn of(t: &Template, origin: &str, modified: bool, conflict: bool, tier: Option<&str>) -> Self {
        TemplateInfo {
            id: t.id.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
            kind: t.kind.name().to_owned(),
            tiers: t.tiers.clone(),
            version: t.version,
            author: t.author.clone(),
            origin: origin.to_owned(),
            modified,
            conflict,
            suits: tier.is_none_or(|tier| t.suits(tier)),
        }
    }
}

/// A folder version of a template that differs from the local edit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TemplateConflict {
    pub id: String,
    pub name: String,
    pub file: String,
    pub local_version: u32,
    pub folder_version: u32,
    pub folder_hash: String,
    pub folder_body: String,
    pub detected_at: String,
}

/// What the last sync saw of one file of the shared folder.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct SharedFile {
    pub name: String,
    pub size: i64,
    pub mtime_ns: i64,
    /// `template`, `parent` or `invalid`.
    pub kind: String,
    pub hash: String,
    pub template_id: Option<String>,
    pub template_version: Option<u32>,
    pub template_hash: Option<String>,
    pub title: String,
    pub agency: String,
    /// Where in an invalid file the problem is (JSON path or line), when known.
    pub problem_path: String,
    /// Why an invalid file was refused.
    pub message: String,
    /// The parent plan (JSON) for `parent` files; not loaded by listings.
    #[serde(skip)]
    pub body: Option<String>,
}

/// A full template row to write.
#[derive(Debug, Clone)]
pub struct TemplateRow {
    pub template: Template,
    pub body: String,
    pub hash: String,
    pub source: &'static str,
    pub modified: bool,
    pub base_hash: Option<String>,
    pub file: Option<String>,
}

/// Everything one sync changes, written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct SyncChanges {
    /// The folder the file records belong to (`shared.synced_folder`).
    pub folder: String,
    /// The records are of another folder: all are replaced.
    pub reset_files: bool,
    pub upsert_templates: Vec<TemplateRow>,
    pub delete_templates: Vec<String>,
    /// Local edits whose folder file is gone: they stay, as local templates.
    pub detach_templates: Vec<String>,
    /// Edited templates that equal the folder's version again, or a template whose
    /// file was renamed: (id, folder hash, file).
    pub mark_clean: Vec<(String, String, String)>,
    pub conflicts: Vec<TemplateConflict>,
    pub clear_conflicts: Vec<String>,
    pub file_upserts: Vec<SharedFile>,
    pub file_deletes: Vec<String>,
}

impl SyncChanges {
    /// Whether applying would change nothing.
    pub fn is_empty(&self) -> bool {
        !self.reset_files
            && self.upsert_templates.is_empty()
            && self.delete_templates.is_empty()
            && self.detach_templates.is_empty()
            && self.mark_clean.is_empty()
            && self.conflicts.is_empty()
            && self.clear_conflicts.is_empty()
            && self.file_upserts.is_empty()
            && self.file_deletes.is_empty()
    }

    /// Whether the templates change (not only the file records).
    pub fn touches_templates(&self) -> bool {
        !(self.upsert_templates.is_empty()
            && self.delete_templates.is_empty()
            && self.detach_templates.is_empty()
            && self.mark_clean.is_empty()
            && self.conflicts.is_empty()
            && self.clear_conflicts.is_empty())
    }
}

const STORED_COLUMNS: &str =
    "id, version, name, hash, source, modified, base_hash, file, updated_at";

fn stored_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredTemplate> {
    Ok(StoredTemplate {
        id: r.get(0)?,
        version: r.get(1)?,
        name: r.get(2)?,
        hash: r.get(3)?,
        source: r.get(4)?,
        modified: r.get::<_, i64>(5)? != 0,
        base_hash: r.get(6)?,
        file: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

const FILE_COLUMNS: &str = "name, size, mtime_ns, kind, hash, template_id, template_version, template_hash, title, agency, problem_path, message";

fn file_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SharedFile> {
    Ok(SharedFile {
        name: r.get(0)?,
        size: r.get(1)?,
        mtime_ns: r.get(2)?,
        kind: r.get(3)?,
        hash: r.get(4)?,
        template_id: r.get(5)?,
        template_version: r.get(6)?,
        template_hash: r.get(7)?,
        title: r.get(8)?,
        agency: r.get(9)?,
        problem_path: r.get(10)?,
        message: r.get(11)?,
        body: None,
    })
}

fn upsert_template(
    tx: &rusqlite::Transaction<'_>,
    row: &TemplateRow,
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO templates (id, version, name, body, hash, source, modified, base_hash, file, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name,
           body = excluded.body, hash = excluded.hash, source = excluded.source,
           modified = excluded.modified, base_hash = excluded.base_hash, file = excluded.file,
           updated_at = excluded.updated_at",
        params![
            row.template.id,
            row.template.version,
            row.template.name,
            row.body,
            row.hash,
            row.source,
            row.modified as i64,
            row.base_hash,
            row.file,
            now
        ],
    )?;
    Ok(())
}

impl Store {
    /// The templates stored here (from the folder or made here), without bodies.
    pub fn stored_templates(&self) -> Result<Vec<StoredTemplate>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {STORED_COLUMNS} FROM templates ORDER BY name, id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], stored_row).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// The stored template `id`, if any.
    pub fn stored_template(&self, id: &str) -> Result<Option<Template>> {
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM templates WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        body.map(|b| Template::from_json(&b, &format!("{}#mẫu {id}", self.file)))
            .transpose()
    }

    /// The template `id`: a stored one, or a built-in one when none is stored with
    /// the same or a higher version.
    pub fn template(&self, id: &str) -> Result<Template> {
        let stored = self.stored_template(id)?;
        match (stored, template::builtin().iter().find(|b| b.id == id)) {
            (Some(s), Some(b)) if template::builtin_wins(b, s.version) => Ok(b.clone()),
            (Some(s), _) => Ok(s),
            (None, Some(b)) => Ok(b.clone()),
            (None, None) => Err(Error::Invalid(format!(
                "không tìm thấy mẫu kế hoạch «{id}»"
            ))),
        }
    }

    /// Every template the officer can choose from, one per id as
    /// [`Store::template`] picks it: the built-in ones in their order (a stored
    /// newer version in its place), then the others by name. `tier`: the officer's,
    /// for [`TemplateInfo::suits`] (all suit when `None`).
    pub fn template_catalog(&self, tier: Option<&str>) -> Result<Vec<TemplateInfo>> {
        let conflicts: Vec<String> = self
            .template_conflicts()?
            .into_iter()
            .map(|c| c.id)
            .collect();
        let stored_info = |s: &StoredTemplate| -> Result<TemplateInfo> {
            let t = self
                .stored_template(&s.id)?
                .ok_or_else(|| Error::Invalid(format!("không tìm thấy mẫu «{}»", s.id)))?;
            let conflict = conflicts.contains(&s.id);
            Ok(TemplateInfo::of(&t, &s.source, s.modified, conflict, tier))
        };
        let mut stored = self.stored_templates()?;
        let mut out = Vec::new();
        for b in template::builtin() {
            match stored.iter().position(|s| s.id == b.id) {
                Some(i) if !template::builtin_wins(b, stored[i].version) => {
                    out.push(stored_info(&stored.remove(i))?)
                }
                Some(i) => {
                    stored.remove(i);
                    out.push(TemplateInfo::of(b, "builtin", false, false, tier))
                }
                None => out.push(TemplateInfo::of(b, "builtin", false, false, tier)),
            }
        }
        for s in &stored {
            out.push(stored_info(s)?);
        }
        Ok(out)
    }

    /// Stores a template made or edited here. An edit of a template from the folder
    /// is marked modified (a later sync will not overwrite it silently) and gets the
    /// next version, so publishing it supersedes the folder's.
    pub fn save_local_template(&mut self, t: &Template) -> Result<TemplateInfo> {
        let existing = self.stored_templates()?.into_iter().find(|s| s.id == t.id);
        let mut t = t.clone();
        let builtin_version = template::builtin_by_id(&t.id).map_or(0, |b| b.version);
        let (source, base_hash, file, floor) = match &existing {
            Some(s) => (
                if s.source == "folder" {
                    "folder"
                } else {
                    "local"
                },
                s.base_hash.clone(),
                s.file.clone(),
                // The first edit after a sync raises the version once.
                if s.modified { s.version } else { s.version + 1 },
            ),
            None => ("local", None, None, builtin_version + 1),
        };
        t.version = t.version.max(floor);
        let body = t.to_json();
        let hash = t.hash();
        let now = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        upsert_template(
            &tx,
            &TemplateRow {
                template: t.clone(),
                body,
                hash,
                source,
                modified: true,
                base_hash,
                file,
            },
            &now,
        )
        .map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::TemplatesChanged);
        let conflict = self.template_conflicts()?.iter().any(|c| c.id == t.id);
        Ok(TemplateInfo::of(&t, source, true, conflict, None))
    }

    /// Deletes the stored template `id` (a built-in one of the same id shows again).
    pub fn delete_template(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM templates WHERE id = ?1", params![id])
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::Invalid(format!(
                "không tìm thấy mẫu «{id}» trong dữ liệu (mẫu có sẵn của chương trình không xóa được)"
            )));
        }
        self.emit(StoreEvent::TemplatesChanged);
        Ok(())
    }

    /// The conflicts waiting for the officer's choice.
    pub fn template_conflicts(&self) -> Result<Vec<TemplateConflict>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, t.name, c.file, t.version, c.version, c.hash, c.body, c.detected_at
                 FROM template_conflicts c JOIN templates t ON t.id = c.id ORDER BY t.name",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TemplateConflict {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    file: r.get(2)?,
                    local_version: r.get(3)?,
                    folder_version: r.get(4)?,
                    folder_hash: r.get(5)?,
                    folder_body: r.get(6)?,
                    detected_at: r.get(7)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// The officer's choice in a conflict: keep the local edit (it is now based on
    /// the folder's version, and publishing it will replace that), or take the
    /// folder's version (the local edit is dropped).
    pub fn resolve_template_conflict(&mut self, id: &str, keep_local: bool) -> Result<()> {
        let c = self
            .template_conflicts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::Invalid(format!("mẫu «{id}» không có xung đột cần chọn")))?;
        let now = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        if keep_local {
            // Above the folder's version, so that publishing supersedes it.
            let mut local: Template = Template::from_json(
                &tx.query_row(
                    "SELECT body FROM templates WHERE id = ?1",
                    params![id],
                    |r| r.get::<_, String>(0),
                )
                .map_err(|e| db_err(&self.file, e))?,
                &format!("{}#mẫu {id}", self.file),
            )?;
            local.version = local.version.max(c.folder_version + 1);
            tx.execute(
                "UPDATE templates SET base_hash = ?2, version = ?3, body = ?4, hash = ?5, updated_at = ?6 WHERE id = ?1",
                params![id, c.folder_hash, local.version, local.to_json(), local.hash(), now],
            )
            .map_err(|e| db_err(&self.file, e))?;
        } else {
            let folder = Template::from_json(&c.folder_body, &c.file)?;
            upsert_template(
                &tx,
                &TemplateRow {
                    body: c.folder_body.clone(),
                    hash: c.folder_hash.clone(),
                    source: "folder",
                    modified: false,
                    base_hash: Some(c.folder_hash.clone()),
                    file: Some(c.file.clone()),
                    template: folder,
                },
                &now,
            )
            .map_err(|e| db_err(&self.file, e))?;
        }
        tx.execute("DELETE FROM template_conflicts WHERE id = ?1", params![id])
            .map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::TemplatesChanged);
        Ok(())
    }

    /// Records that template `id` was published to the folder as `file`.
    pub fn mark_template_published(&mut self, id: &str, file: &str, hash: &str) -> Result<()> {
        let now = self.clock.timestamp();
        self.conn
            .execute(
                "UPDATE templates SET source = 'folder', modified = 0, base_hash = ?3, file = ?2, updated_at = ?4
                 WHERE id = ?1",
                params![id, file, hash, now],
            )
            .map_err(|e| self.err(e))?;
        self.emit(StoreEvent::TemplatesChanged);
        Ok(())
    }

    /// What the last sync saw of the shared folder's files (without parent bodies).
    pub fn shared_files(&self) -> Result<Vec<SharedFile>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FILE_COLUMNS} FROM shared_files ORDER BY name"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], file_row).map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// The parent plans found in the shared folder at the last sync.
    pub fn shared_parents(&self) -> Result<Vec<SharedFile>> {
        Ok(self
            .shared_files()?
            .into_iter()
            .filter(|f| f.kind == "parent")
            .collect())
    }

    /// The parent plan read from shared file `name` at the last sync (kept, so it
    /// can be used while the share is away).
    pub fn shared_parent(&self, name: &str) -> Result<crate::Plan> {
        let body: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT body FROM shared_files WHERE name = ?1 AND kind = 'parent'",
                params![name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        match body.flatten() {
            Some(b) => crate::format::from_json_str(&b, name),
            None => Err(Error::Invalid(format!(
                "«{name}» không phải kế hoạch cấp trên trong thư mục dùng chung"
            ))),
        }
    }

    /// Writes one sync's changes in one transaction: all or nothing.
    pub fn apply_sync(&mut self, c: &SyncChanges) -> Result<()> {
        if c.is_empty() {
            return Ok(());
        }
        let now = self.clock.timestamp();
        let file = self.file.clone();
        let e = |e: rusqlite::Error| db_err(&file, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        if c.reset_files {
            tx.execute("DELETE FROM shared_files", []).map_err(e)?;
        }
        for name in &c.file_deletes {
            tx.execute("DELETE FROM shared_files WHERE name = ?1", params![name])
                .map_err(e)?;
        }
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO shared_files (name, size, mtime_ns, kind, hash, template_id,
                       template_version, template_hash, title, agency, problem_path, message, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(e)?;
            for f in &c.file_upserts {
                stmt.execute(params![
                    f.name,
                    f.size,
                    f.mtime_ns,
                    f.kind,
                    f.hash,
                    f.template_id,
                    f.template_version,
                    f.template_hash,
                    f.title,
                    f.agency,
                    f.problem_path,
                    f.message,
                    f.body
                ])
                .map_err(e)?;
            }
        }
        for row in &c.upsert_templates {
            upsert_template(&tx, row, &now).map_err(e)?;
        }
        for id in &c.delete_templates {
            tx.execute("DELETE FROM templates WHERE id = ?1", params![id])
                .map_err(e)?;
        }
        for id in &c.detach_templates {
            tx.execute(
                "UPDATE templates SET source = 'local', base_hash = NULL, file = NULL WHERE id = ?1",
                params![id],
            )
            .map_err(e)?;
        }
        for (id, hash, file) in &c.mark_clean {
            tx.execute(
                "UPDATE templates SET modified = 0, base_hash = ?2, source = 'folder', file = ?3
                 WHERE id = ?1",
                params![id, hash, file],
            )
            .map_err(e)?;
        }
        for id in &c.clear_conflicts {
            tx.execute("DELETE FROM template_conflicts WHERE id = ?1", params![id])
                .map_err(e)?;
        }
        for k in &c.conflicts {
            tx.execute(
                "INSERT OR REPLACE INTO template_conflicts (id, file, version, hash, body, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![k.id, k.file, k.folder_version, k.folder_hash, k.folder_body, now],
            )
            .map_err(e)?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('shared.synced_folder', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![c.folder],
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        if c.touches_templates() {
            self.emit(StoreEvent::TemplatesChanged);
        }
        self.emit(StoreEvent::SharedFolderSynced);
        Ok(())
    }
}
