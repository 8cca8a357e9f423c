//! The local store: one SQLite file holding every plan, its revisions and the
//! installation's settings.
//!
//! - WAL mode, foreign keys on, `synchronous = FULL`: a save that returned is on disk,
//!   whatever happens to the process or the power afterwards.
//! - Ordered migrations (`migrations/*.sql`), each in its own transaction, the schema
//!   version in `PRAGMA user_version`; the file is backed up before a migration, and a
//!   database newer than the program is refused without being touched.
//! - Every write is one `BEGIN IMMEDIATE` transaction, so two processes on the same
//!   file serialise instead of failing or corrupting it.
//! - Every write notifies the subscribers, so screens never go stale.

use crate::error::{Error, Result};
use crate::format;
use crate::model::{Plan, Status};
use crate::settings::Settings;
use crate::text;
use crate::world::{Clock, SystemClock};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod reports;
mod templates;
pub use reports::ReportSummary;
pub use templates::{
    SharedFile, StoredTemplate, SyncChanges, TemplateConflict, TemplateInfo, TemplateRow,
};

/// Ordered migrations; the position + 1 is the schema version each one produces.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_templates.sql"),
    include_str!("migrations/0003_parent_link.sql"),
    include_str!("migrations/0004_reports.sql"),
];

/// Schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` marking a kehoach database ("KHCH").
const APPLICATION_ID: i64 = 0x4B48_4348;

/// Revisions always kept per plan, newest first; older ones are thinned to one a day.
pub const KEEP_LATEST_REVISIONS: i64 = 50;

/// How long the typing after one revision goes into the next one revision
/// ([`Store::save_typing`]): five minutes.
pub const TYPING_WINDOW_SECONDS: i64 = 300;

/// The newest revision of plan `id`, when typing saved `now` belongs in it: it is
/// the plan's current state, not its first revision, and the revision before it
/// was saved less than [`TYPING_WINDOW_SECONDS`] ago.
fn typing_revision(
    tx: &rusqlite::Transaction<'_>,
    id: i64,
    now: &str,
) -> rusqlite::Result<Option<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT r.id, r.saved_at, p.current_revision FROM revisions r JOIN plans p ON p.id = r.plan_id
         WHERE r.plan_id = ?1 ORDER BY r.id DESC LIMIT 2",
    )?;
    let newest: Vec<(i64, String, i64)> = stmt
        .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let [(newest, _, current), (_, before, _)] = newest.as_slice() else {
        return Ok(None);
    };
    let seconds = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
    let recent = match (seconds(before), seconds(now)) {
        (Some(before), Some(now)) => (now - before).num_seconds() < TYPING_WINDOW_SECONDS,
        _ => false,
    };
    Ok((recent && newest == current).then_some(*newest))
}

/// How long a write waits for another process holding the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// A plan as shown in lists.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanSummary {
    pub id: i64,
    pub title: String,
    pub agency: String,
    pub year_from: i32,
    pub year_to: i32,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    /// When the plan went to the trash; `None` for live plans.
    pub deleted_at: Option<String>,
    /// The stored plan this one was derived from (kế hoạch cấp trên), if any.
    pub parent_id: Option<i64>,
}

/// One stored revision of a plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RevisionInfo {
    pub id: i64,
    pub saved_at: String,
    /// Title of the plan in that revision, to help recognise it.
    pub title: String,
    /// Size of the snapshot in bytes.
    pub size: usize,
}

/// Which plans a listing shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only plans whose period covers this year.
    pub year: Option<i32>,
    /// Only plans with this status.
    pub status: Option<Status>,
    /// List the trash instead of the live plans.
    pub trash: bool,
    /// At most this many plans (a screenful); all when `None`.
    pub limit: Option<u32>,
}

/// What changed in the store (for screens that must not go stale).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum StoreEvent {
    PlanCreated {
        id: i64,
    },
    PlanSaved {
        id: i64,
        revision: i64,
    },
    PlanTrashed {
        id: i64,
    },
    PlanUntrashed {
        id: i64,
    },
    PlanPurged {
        id: i64,
    },
    /// The plan's link to its parent changed.
    PlanLinked {
        id: i64,
        parent_id: Option<i64>,
    },
    ReportSaved {
        id: i64,
        plan: i64,
    },
    SettingChanged {
        key: String,
    },
    /// Templates were added, changed or removed (a sync, an edit, a choice in a conflict).
    TemplatesChanged,
    /// The shared folder was synced (its list of files and parent plans changed).
    SharedFolderSynced,
    /// The whole database was replaced from a backup.
    Restored,
}

type Listener = Box<dyn Fn(&StoreEvent) + Send + Sync>;

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The new revision, or `None` when the plan was unchanged (nothing written).
    pub revision: Option<i64>,
    pub updated_at: String,
}

/// The plan store.
pub struct Store {
    conn: Connection,
    file: String,
    clock: Arc<dyn Clock>,
    listeners: Vec<Listener>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_clock(path, Arc::new(SystemClock))
    }

    /// Opens the database with a given clock (tests use a fixed one).
    pub fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        let file = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(&dir.display().to_string(), e))?;
        }
        let conn = Connection::open(path).map_err(|e| db_err(&file, e))?;
        let mut store = Store {
            conn,
            file,
            clock,
            listeners: Vec::new(),
        };
        store.prepare(Some(path))?;
        Ok(store)
    }

    /// An in-memory store (for tests and previews).
    pub fn open_in_memory() -> Result<Store> {
        let file = ":memory:".to_owned();
        let conn = Connection::open_in_memory().map_err(|e| db_err(&file, e))?;
        let mut store = Store {
            conn,
            file,
            clock: Arc::new(SystemClock),
            listeners: Vec::new(),
        };
        store.prepare(None)?;
        Ok(store)
    }

    /// The database file as given when opening.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Calls `f` after every successful write.
    pub fn subscribe(&mut self, f: impl Fn(&StoreEvent) + Send + Sync + 'static) {
        self.listeners.push(Box::new(f));
    }

    fn emit(&self, e: StoreEvent) {
        for l in &self.listeners {
            l(&e);
        }
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_err(&self.file, e)
    }

    fn prepare(&mut self, path: Option<&Path>) -> Result<()> {
        let file = self.file.clone();
        let c = &self.conn;
        c.busy_timeout(BUSY_TIMEOUT).map_err(|e| db_err(&file, e))?;
        // Read-only checks first: a file that is not ours, or is newer than us, is
        // refused before anything (even the journal mode) is written to it.
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    Error::NotOurDatabase {
                        file: file.clone(),
                        reason: "tệp không phải SQLite".into(),
                    }
                }
                e => db_err(&file, e),
            })?;
        let app_id: i64 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| db_err(&file, e))?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(Error::NotOurDatabase {
                file,
                reason: format!("mã ứng dụng {app_id:#x}"),
            });
        }
        if app_id == 0 && version != 0 {
            return Err(Error::NotOurDatabase {
                file,
                reason: "cơ sở dữ liệu SQLite của chương trình khác".into(),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::DatabaseTooNew {
                file,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if path.is_some() {
            c.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                .map_err(|e| db_err(&file, e))?;
        }
        c.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
            .map_err(|e| db_err(&file, e))?;
        if version > 0 && version < SCHEMA_VERSION {
            if let Some(p) = path {
                self.backup_before_migration(p, version)?;
            }
        }
        self.migrate()
    }

    fn backup_before_migration(&self, path: &Path, version: i64) -> Result<()> {
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let backup = path.with_extension(format!("v{version}-{stamp}.bak"));
        self.backup_to(&backup)
    }

    fn migrate(&mut self) -> Result<()> {
        let file = self.file.clone();
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| db_err(&file, e))?;
            // Re-read inside the write lock: another process may have migrated meanwhile.
            let version: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| db_err(&file, e))?;
            if version >= SCHEMA_VERSION {
                return Ok(());
            }
            let sql = MIGRATIONS[version as usize];
            tx.execute_batch(sql).map_err(|e| Error::Database {
                file: file.clone(),
                reason: format!("nâng cấp lên phiên bản {} thất bại: {e}", version + 1),
            })?;
            tx.execute_batch(&format!(
                "PRAGMA user_version = {}; PRAGMA application_id = {APPLICATION_ID};",
                version + 1
            ))
            .map_err(|e| db_err(&file, e))?;
            tx.commit().map_err(|e| db_err(&file, e))?;
        }
    }

    /// Writes a consistent copy of the whole database to `dest` (a backup).
    /// The copy is written beside `dest` and renamed over it, so an existing backup
    /// is replaced only by a complete one.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let dest_name = dest.display().to_string();
        let tmp = crate::fsutil::sibling_temp(dest);
        let _ = std::fs::remove_file(&tmp);
        let result = self
            .conn
            .execute("VACUUM INTO ?1", params![tmp.to_string_lossy()])
            .map_err(|e| Error::Database {
                file: dest_name.clone(),
                reason: format!("không sao lưu được: {e}"),
            })
            .and_then(|_| std::fs::rename(&tmp, dest).map_err(|e| Error::io(&dest_name, e)));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Replaces every plan and setting with those of the backup file `src`
    /// (khôi phục từ bản sao lưu). The backup is checked first (ours, not newer,
    /// intact); the current data is itself backed up beside the database before it
    /// is replaced, and the path of that safety copy is returned.
    pub fn restore_from_backup(&mut self, src: &Path) -> Result<Option<PathBuf>> {
        let src_name = src.display().to_string();
        if !src.is_file() {
            return Err(Error::io(
                &src_name,
                std::io::Error::new(std::io::ErrorKind::NotFound, "không tìm thấy tệp"),
            ));
        }
        // Opening the backup as a store checks application id, version and
        // integrity, without writing to it (read-only).
        let backup = Connection::open_with_flags(src, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| db_err(&src_name, e))?;
        check_backup(&backup, &src_name)?;
        drop(backup);
        let safety = if self.file == ":memory:" {
            None
        } else {
            let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
            let p = Path::new(&self.file).with_extension(format!("truoc-khoi-phuc-{stamp}.db"));
            self.backup_to(&p)?;
            Some(p)
        };
        // The backup API copies page by page under one write lock and commits at the
        // end: a failure leaves the current database as it was.
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                src,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| Error::Database {
                file: src_name.clone(),
                reason: format!("không khôi phục được: {e}"),
            })?;
        // A backup from an older version is brought up to date like any database.
        self.migrate()?;
        self.emit(StoreEvent::Restored);
        Ok(safety)
    }

    /// Stores a new plan and returns its id.
    pub fn add(&mut self, plan: &Plan) -> Result<i64> {
        Ok(self.add_all(std::slice::from_ref(plan))?[0])
    }

    /// Stores many new plans in one transaction (an import of a whole folder):
    /// either all are stored or none.
    pub fn add_all(&mut self, plans: &[Plan]) -> Result<Vec<i64>> {
        let now = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        let mut ids = Vec::with_capacity(plans.len());
        for plan in plans {
            ids.push(insert_plan(&tx, plan, &now).map_err(|e| db_err(&self.file, e))?);
        }
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        for &id in &ids {
            self.emit(StoreEvent::PlanCreated { id });
        }
        Ok(ids)
    }

    /// Saves a new state of plan `id`, keeping a revision. Saving an unchanged plan
    /// writes nothing.
    pub fn save(&mut self, id: i64, plan: &Plan) -> Result<Saved> {
        self.save_revision(id, plan, false)
    }

    /// Saves what the officer typed (the editor's autosave): within
    /// [`TYPING_WINDOW_SECONDS`] of the revision before the newest, the newest
    /// revision takes the new state instead of a new one being added, so minutes of
    /// typing make one revision, not one per pause (undo keeps every step of the
    /// session). The first revision, the plan as it was made, is never replaced.
    pub fn save_typing(&mut self, id: i64, plan: &Plan) -> Result<Saved> {
        self.save_revision(id, plan, true)
    }

    fn save_revision(&mut self, id: i64, plan: &Plan, typing: bool) -> Result<Saved> {
        let row = Row::of(plan);
        let now = self.clock.timestamp();
        let keep = KEEP_LATEST_REVISIONS;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        let current: Option<(String, String)> = tx
            .query_row(
                "SELECT r.body, p.updated_at FROM plans p JOIN revisions r ON r.id = p.current_revision
                 WHERE p.id = ?1 AND p.deleted_at IS NULL",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| db_err(&self.file, e))?;
        let Some((body, updated_at)) = current else {
            return Err(Error::PlanNotFound(id));
        };
        if body == row.body {
            return Ok(Saved {
                revision: None,
                updated_at,
            });
        }
        let merge_into = if typing {
            typing_revision(&tx, id, &now).map_err(|e| db_err(&self.file, e))?
        } else {
            None
        };
        let revision = match merge_into {
            Some(newest) => {
                tx.execute(
                    "UPDATE revisions SET saved_at = ?2, body = ?3 WHERE id = ?1",
                    params![newest, now, row.body],
                )
                .map_err(|e| db_err(&self.file, e))?;
                newest
            }
            None => {
                tx.execute(
                    "INSERT INTO revisions (plan_id, saved_at, body) VALUES (?1, ?2, ?3)",
                    params![id, now, row.body],
                )
                .map_err(|e| db_err(&self.file, e))?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "UPDATE plans SET title = ?2, agency = ?3, year_from = ?4, year_to = ?5, status = ?6,
                    search_text = ?7, current_revision = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                row.title,
                row.agency,
                row.year_from,
                row.year_to,
                row.status,
                row.search,
                revision,
                now
            ],
        )
        .map_err(|e| db_err(&self.file, e))?;
        // Thin: keep the newest revisions, and of older ones the last of each day.
        tx.execute(
            "DELETE FROM revisions WHERE plan_id = ?1
               AND id NOT IN (SELECT id FROM revisions WHERE plan_id = ?1 ORDER BY id DESC LIMIT ?2)
               AND id NOT IN (SELECT MAX(id) FROM revisions WHERE plan_id = ?1 GROUP BY substr(saved_at, 1, 10))",
            params![id, keep],
        )
        .map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::PlanSaved { id, revision });
        Ok(Saved {
            revision: Some(revision),
            updated_at: now,
        })
    }

    /// Opens plan `id` (also from the trash).
    pub fn get(&self, id: i64) -> Result<Plan> {
        let (body, created, updated): (String, String, String) = self
            .conn
            .query_row(
                "SELECT r.body, p.created_at, p.updated_at FROM plans p
                 JOIN revisions r ON r.id = p.current_revision WHERE p.id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(Error::PlanNotFound(id))?;
        let mut plan = format::from_json_str(&body, &format!("{}#{id}", self.file))?;
        plan.created = Some(created);
        plan.updated = Some(updated);
        Ok(plan)
    }

    /// The summary of one plan.
    pub fn summary(&self, id: i64) -> Result<PlanSummary> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM plans WHERE id = ?1"),
                params![id],
                summary_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(Error::PlanNotFound(id))
    }

    /// Lists plans, most recently updated first.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<PlanSummary>> {
        self.search("", filter)
    }

    /// Finds plans whose title, agency, place, period or number contain every word
    /// of `query`, with or without diacritics.
    pub fn search(&self, query: &str, filter: &ListFilter) -> Result<Vec<PlanSummary>> {
        let mut sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM plans WHERE deleted_at IS {} NULL",
            if filter.trash { "NOT" } else { "" }
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        for word in text::fold(query).split_whitespace() {
            args.push(format!("%{}%", escape_like(word)).into());
            sql.push_str(&format!(
                " AND search_text LIKE ?{} ESCAPE '\\'",
                args.len()
            ));
        }
        if let Some(y) = filter.year {
            args.push(i64::from(y).into());
            let n = args.len();
            sql.push_str(&format!(" AND year_from <= ?{n} AND year_to >= ?{n}"));
        }
        if let Some(s) = filter.status {
            args.push(s.as_str().to_owned().into());
            sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        sql.push_str(" ORDER BY updated_at DESC, id DESC");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), summary_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Copies plan `id` into a new draft: same content, no number, no date.
    pub fn duplicate(&mut self, id: i64) -> Result<i64> {
        let mut plan = self.get(id)?;
        plan.number = None;
        plan.date = None;
        plan.status = Status::Draft;
        plan.title = format!("{} (bản sao)", plan.title);
        plan.created = None;
        plan.updated = None;
        self.add(&plan)
    }

    /// Moves plan `id` to the trash (recoverable with [`Store::untrash`]).
    pub fn trash(&mut self, id: i64) -> Result<()> {
        let now = self.clock.timestamp();
        let n = self
            .conn
            .execute(
                "UPDATE plans SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, now],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::PlanNotFound(id));
        }
        self.emit(StoreEvent::PlanTrashed { id });
        Ok(())
    }

    /// Brings plan `id` back from the trash.
    pub fn untrash(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute(
                "UPDATE plans SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                params![id],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::PlanNotFound(id));
        }
        self.emit(StoreEvent::PlanUntrashed { id });
        Ok(())
    }

    /// Stores a plan derived from stored plan `parent_id`, linked to it, in one
    /// transaction.
    pub fn add_derived(&mut self, plan: &Plan, parent_id: i64) -> Result<i64> {
        let now = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        let id = insert_plan(&tx, plan, &now).map_err(|e| db_err(&self.file, e))?;
        link(&tx, id, Some(parent_id)).map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::PlanCreated { id });
        Ok(id)
    }

    /// Links plan `id` to the stored plan it implements (or unlinks it).
    pub fn set_parent(&mut self, id: i64, parent_id: Option<i64>) -> Result<()> {
        if parent_id == Some(id) {
            return Err(Error::Invalid(format!(
                "kế hoạch số {id} không thể là kế hoạch cấp trên của chính nó"
            )));
        }
        let n = link(&self.conn, id, parent_id).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Error::PlanNotFound(parent_id.unwrap_or_default())
            }
            e => self.err(e),
        })?;
        if n == 0 {
            return Err(Error::PlanNotFound(id));
        }
        self.emit(StoreEvent::PlanLinked { id, parent_id });
        Ok(())
    }

    /// The stored plan `id` was derived from, if any.
    pub fn parent_id(&self, id: i64) -> Result<Option<i64>> {
        Ok(self.summary(id)?.parent_id)
    }

    /// Deletes a plan that is in the trash for good, with its revisions. Plans
    /// derived from it stay, unlinked.
    pub fn purge(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute(
                "DELETE FROM plans WHERE id = ?1 AND deleted_at IS NOT NULL",
                params![id],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::PlanNotFound(id));
        }
        self.emit(StoreEvent::PlanPurged { id });
        Ok(())
    }

    /// Revisions of plan `id`, newest first.
    pub fn revisions(&self, id: i64) -> Result<Vec<RevisionInfo>> {
        self.summary(id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, saved_at, json_extract(body, '$.title'), length(CAST(body AS BLOB))
                 FROM revisions WHERE plan_id = ?1 ORDER BY id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok(RevisionInfo {
                    id: r.get(0)?,
                    saved_at: r.get(1)?,
                    title: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    size: r.get::<_, i64>(3)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// The plan as it was in revision `revision`.
    pub fn revision(&self, id: i64, revision: i64) -> Result<Plan> {
        let body: String = self
            .conn
            .query_row(
                "SELECT body FROM revisions WHERE id = ?2 AND plan_id = ?1",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(Error::RevisionNotFound { plan: id, revision })?;
        format::from_json_str(&body, &format!("{}#{id}@{revision}", self.file))
    }

    /// Makes revision `revision` the current state of plan `id` (itself a new
    /// revision, so the restore can be undone).
    pub fn restore(&mut self, id: i64, revision: i64) -> Result<Saved> {
        let plan = self.revision(id, revision)?;
        self.save(id, &plan)
    }

    /// Now, by the store's clock (the system's, or a test's): what the shared
    /// folder's readers compare files' times with.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The installation's settings (what was never set has its default).
    pub fn settings(&self) -> Result<Settings> {
        let get = |k: &str| self.setting(k).map(Option::unwrap_or_default);
        let mut s = Settings::default();
        s.agency.name = get("agency.name")?;
        s.agency.supervising = get("agency.supervising")?;
        s.agency.tier = get("agency.tier")?;
        s.agency.place = get("agency.place")?;
        s.signer.position = get("signer.position")?;
        s.signer.name = get("signer.name")?;
        // Stored as the plan format spells it (`KT`); an unknown word is no authority.
        s.signer.authority =
            serde_json::from_value(serde_json::Value::String(get("signer.authority")?)).ok();
        s.signer.authority_of = get("signer.authority_of")?;
        s.shared_folder = get("shared.folder")?;
        if let Some(t) = self.setting("inherit.tolerance")? {
            // Older versions stored what was typed (`1,5`).
            if let Ok(v) = t.trim().replace(',', ".").parse::<f64>() {
                s.check_tolerance = v;
            }
        }
        if let Some(json) = self.setting("format_profile")? {
            s.profile =
                format::from_json_typed(&json, &format!("{}: thiết lập thể thức", self.file))?;
        }
        Ok(s)
    }

    /// Saves the settings whole, in one transaction, when they break no rule; a
    /// rule broken is an error listing each problem on its field, and nothing is
    /// written.
    pub fn set_settings(&mut self, settings: &Settings) -> Result<()> {
        let s = settings.clone().normalised();
        let problems: Vec<_> = s
            .problems()
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .collect();
        if !problems.is_empty() {
            return Err(Error::InvalidSettings(problems));
        }
        let profile =
            serde_json::to_string(&s.profile).map_err(|e| Error::Invalid(e.to_string()))?;
        let rows = [
            ("agency.name", s.agency.name.clone()),
            ("agency.supervising", s.agency.supervising.clone()),
            ("agency.tier", s.agency.tier.clone()),
            ("agency.place", s.agency.place.clone()),
            ("signer.position", s.signer.position.clone()),
            ("signer.name", s.signer.name.clone()),
            (
                "signer.authority",
                // As the plan format spells it (`KT`), and read back so.
                serde_json::to_value(s.signer.authority)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            ),
            ("signer.authority_of", s.signer.authority_of.clone()),
            ("shared.folder", s.shared_folder.clone()),
            ("inherit.tolerance", s.check_tolerance.to_string()),
            ("format_profile", profile),
        ];
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        for (k, v) in rows {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![k, v],
            )
            .map_err(|e| db_err(&self.file, e))?;
        }
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::SettingChanged {
            key: "settings".to_owned(),
        });
        Ok(())
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Writes a setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, text::nfc(value)],
            )
            .map_err(|e| self.err(e))?;
        self.emit(StoreEvent::SettingChanged {
            key: key.to_owned(),
        });
        Ok(())
    }

    /// Number of live plans.
    pub fn count(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM plans WHERE deleted_at IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `Ok` when the file is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let msg: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if msg == "ok" {
            Ok(())
        } else {
            Err(Error::Database {
                file: self.file.clone(),
                reason: format!("kiểm tra toàn vẹn thất bại: {msg}"),
            })
        }
    }
}

/// Refuses a backup that is not a kehoach database, is newer than this program,
/// or is damaged.
fn check_backup(c: &Connection, file: &str) -> Result<()> {
    let not_ours = |reason: &str| Error::NotOurDatabase {
        file: file.to_owned(),
        reason: reason.to_owned(),
    };
    let app_id: i64 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                not_ours("tệp không phải SQLite")
            }
            e => db_err(file, e),
        })?;
    if app_id != APPLICATION_ID {
        return Err(not_ours("không phải bản sao lưu của chương trình Kế hoạch"));
    }
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| db_err(file, e))?;
    if version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            file: file.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let msg: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| db_err(file, e))?;
    if msg != "ok" {
        return Err(Error::Database {
            file: file.to_owned(),
            reason: format!("bản sao lưu bị hỏng: {msg}"),
        });
    }
    Ok(())
}

/// The default database location: in the platform's data folder
/// (`~/.local/share/kehoach/kehoach.db`, `%APPDATA%\kehoach\kehoach.db`).
pub fn default_path() -> PathBuf {
    crate::places::data_dir().join("kehoach.db")
}

/// The database path: an explicit one, else `KEHOACH_DB`, else the default.
pub fn resolve_path(explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("KEHOACH_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_path)
}

fn link(c: &Connection, id: i64, parent_id: Option<i64>) -> rusqlite::Result<usize> {
    c.execute(
        "UPDATE plans SET parent_id = ?2 WHERE id = ?1",
        params![id, parent_id],
    )
}

fn insert_plan(tx: &rusqlite::Transaction<'_>, plan: &Plan, now: &str) -> rusqlite::Result<i64> {
    let created = plan.created.as_deref().unwrap_or(now);
    let updated = plan.updated.as_deref().unwrap_or(now);
    let row = Row::of(plan);
    tx.execute(
        "INSERT INTO plans (title, agency, year_from, year_to, status, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![row.title, row.agency, row.year_from, row.year_to, row.status, row.search, created, updated],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO revisions (plan_id, saved_at, body) VALUES (?1, ?2, ?3)",
        params![id, updated, row.body],
    )?;
    let revision = tx.last_insert_rowid();
    tx.execute(
        "UPDATE plans SET current_revision = ?2 WHERE id = ?1",
        params![id, revision],
    )?;
    Ok(id)
}

const SUMMARY_COLUMNS: &str =
    "id, title, agency, year_from, year_to, status, created_at, updated_at, deleted_at, parent_id";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlanSummary> {
    Ok(PlanSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        agency: r.get(2)?,
        year_from: r.get(3)?,
        year_to: r.get(4)?,
        status: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        deleted_at: r.get(8)?,
        parent_id: r.get(9)?,
    })
}

/// The columns a plan is stored under.
struct Row {
    title: String,
    agency: String,
    year_from: i32,
    year_to: i32,
    status: &'static str,
    search: String,
    body: String,
}

impl Row {
    fn of(plan: &Plan) -> Row {
        let mut body_plan = plan.clone();
        body_plan.created = None;
        body_plan.updated = None;
        let body = text::nfc(&format::to_json_string(&body_plan));
        let (year_from, year_to) = plan.period.years();
        let mut search = format!(
            "{} | {} | {} | {} | {}",
            plan.title,
            plan.agency.name,
            plan.place,
            plan.period.label(),
            plan.symbol
        );
        if let Some(n) = plan.number {
            search.push_str(&format!(" | {n}/{}", plan.symbol));
        }
        for y in year_from..=year_to.min(year_from + 50) {
            search.push_str(&format!(" {y}"));
        }
        Row {
            title: text::nfc(&plan.title),
            agency: text::nfc(&plan.agency.name),
            year_from,
            year_to,
            status: plan.status.as_str(),
            search: text::fold(&search),
            body,
        }
    }
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Why SQLite could only read the database: the file itself, or (as often) the
/// folder it is in, where the journal beside it cannot be written.
fn read_only_reason(file: &Path) -> String {
    let file_read_only = std::fs::metadata(file).is_ok_and(|m| m.permissions().readonly());
    if file_read_only {
        "tệp chỉ cho phép đọc: hãy bỏ thuộc tính «Chỉ đọc» của tệp".to_owned()
    } else {
        "thư mục chứa tệp (hoặc ổ đĩa) chỉ cho phép đọc: chương trình cần ghi tệp nhật ký bên cạnh cơ sở dữ liệu; hãy cấp quyền ghi cho thư mục hoặc chọn thư mục khác".to_owned()
    }
}

fn db_err(file: &str, e: rusqlite::Error) -> Error {
    let reason = match &e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                "cơ sở dữ liệu đang được chương trình khác sử dụng; hãy thử lại".to_owned()
            }
            rusqlite::ErrorCode::CannotOpen => "không mở được tệp".to_owned(),
            rusqlite::ErrorCode::ReadOnly => read_only_reason(Path::new(file)),
            rusqlite::ErrorCode::DiskFull => "ổ đĩa đã đầy".to_owned(),
            rusqlite::ErrorCode::DatabaseCorrupt => "tệp bị hỏng".to_owned(),
            rusqlite::ErrorCode::NotADatabase => {
                return Error::NotOurDatabase {
                    file: file.to_owned(),
                    reason: "tệp không phải SQLite".into(),
                }
            }
            _ => e.to_string(),
        },
        _ => e.to_string(),
    };
    Error::Database {
        file: file.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    /// SQLite says "read only" for a read-only file and for a file in a folder
    /// where its journal cannot be written: the message names which.
    #[test]
    fn a_read_only_database_says_whether_the_file_or_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.db");
        std::fs::write(&file, b"").unwrap();
        assert!(super::read_only_reason(&file).starts_with("thư mục chứa tệp"));
        let mut perms = std::fs::metadata(&file).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&file, perms).unwrap();
        assert!(super::read_only_reason(&file).starts_with("tệp chỉ cho phép đọc"));
    }
}
