//! The application layer (tầng ứng dụng): the product's use-cases, written once,
//! used by every shell. A [`Session`] holds the store and the world; each method is
//! one thing an officer does (create a plan, derive it from its parent, check it,
//! export, print, preview, follow a newer parent, change the settings, sync the
//! shared folder …). The CLI (`src/main.rs`) and the Tauri commands
//! (`src-tauri/src/main.rs`) are adapters of a few lines each over these methods:
//! they parse arguments, run dialogs, print or emit; they decide nothing.
//!
//! The paper of a plan is computed in one place, [`document`]: export, print, the
//! preview and the CLI all take it from there, so what prints is what was checked.

mod diff;
mod document;
mod fields;
mod history;
mod inheritance;
mod paths;
mod reports;
mod scan;
mod shared;
mod vocabulary;

pub use diff::{compare, Change};
pub use document::{document, Checked, Document, Finality, Written};
pub use fields::{read_field, FieldReading};
pub use history::Step;
pub use inheritance::{DeriveFrom, ParentUpdate};
pub use paths::{Purpose, TrustedPaths};
pub use reports::{ReportView, RolledUp};
pub use scan::read_corrected_scan;
pub use vocabulary::{reporting_periods, vocabulary, Choice, Vocabulary};

use crate::diag::Diagnostic;
use crate::export::Format;
use crate::import::{self, Imported};
use crate::layout::Profile;
use crate::model::{Plan, Status};
use crate::settings::Settings;
use crate::store::{ListFilter, PlanSummary, RevisionInfo, Saved, Store};
use crate::world::{SystemWorld, World};
use crate::{format, fsutil, pdf, Error, Result};
use std::path::{Path, PathBuf};

/// A session of work on one database: the store, the world (fonts, today), and the
/// files chosen in the program's dialogs or written by it.
pub struct Session {
    store: Store,
    world: Box<dyn World + Send + Sync>,
    /// A format profile given for this session only (the CLI's `--profile`); the
    /// settings' otherwise.
    profile: Option<Profile>,
    pub paths: TrustedPaths,
    /// Undo and redo of the plans edited in this session.
    history: history::History,
}

/// A plan with what the list and `plans show` say about it.
/// What an export to a file wrote: the document's diagnostics, and whether the
/// paper is marked «DỰ THẢO».
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub diagnostics: Vec<Diagnostic>,
    /// What the plan did with its parent's targets and tasks, when it has one.
    pub summary: Option<crate::inherit::Summary>,
    pub draft: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanInfo {
    pub summary: PlanSummary,
    pub plan: Plan,
    /// The stored plan it implements, if any.
    pub parent: Option<PlanSummary>,
}

impl Session {
    /// A session over the store at `path` (the default database when `None`),
    /// with the system's fonts and date.
    pub fn open(path: Option<&Path>) -> Result<Session> {
        let store = Store::open(&crate::store::resolve_path(path))?;
        Ok(Session::new(store, Box::new(SystemWorld::new())))
    }

    pub fn new(store: Store, world: Box<dyn World + Send + Sync>) -> Session {
        Session {
            store,
            world,
            profile: None,
            paths: TrustedPaths::default(),
            history: history::History::default(),
        }
    }

    /// Prints with `profile` instead of the settings' (the CLI's `--profile`).
    pub fn with_profile(mut self, profile: Option<Profile>) -> Session {
        self.profile = profile;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn world(&self) -> &dyn World {
        self.world.as_ref()
    }

    // ----- settings -----

    pub fn settings(&self) -> Result<Settings> {
        self.store.settings()
    }

    /// Saves the settings whole when they break no rule (each problem on its field);
    /// the drafts whose placeholders wait for the profile take its values (a new
    /// revision each, so it can be undone).
    pub fn set_settings(&mut self, settings: &Settings) -> Result<()> {
        self.store.set_settings(settings)?;
        self.follow_profile()
    }

    /// Saves the agency profile asked for at the first start: refused, each
    /// missing field named, until it has the name, tier and place of the unit.
    pub fn set_profile(&mut self, settings: &Settings) -> Result<()> {
        let missing = settings.clone().normalised().profile_problems();
        if !missing.is_empty() {
            return Err(Error::InvalidSettings(missing));
        }
        self.set_settings(settings)
    }

    /// Fills, in every draft, the placeholders and empty agency fields the profile
    /// now has values for.
    pub fn follow_profile(&mut self) -> Result<()> {
        let settings = self.settings()?;
        let drafts = self
            .store
            .search("", &Session::filter(None, Some(Status::Draft), false))?;
        for d in drafts {
            let mut plan = self.store.get(d.id)?;
            let parent = self.parent_of(d.id)?.map(|(_, p)| p);
            let fill = crate::template::Fill {
                parent: parent.as_ref(),
                ..settings.fill(plan.period.years().0)
            };
            if crate::template::follow_profile(&mut plan, &fill) {
                self.store.save(d.id, &plan)?;
            }
        }
        Ok(())
    }

    /// Chooses `dir` as the shared folder (thư mục dùng chung), the other settings
    /// kept; its path as stored.
    pub fn set_shared_folder(&mut self, dir: &Path) -> Result<String> {
        let mut settings = self.settings()?;
        settings.shared_folder = dir.display().to_string();
        self.set_settings(&settings)?;
        Ok(self.settings()?.shared_folder)
    }

    /// The format profile plans print with in this session.
    pub fn profile(&self) -> Result<Profile> {
        match &self.profile {
            Some(p) => Ok(p.clone()),
            None => Ok(self.settings()?.profile),
        }
    }

    // ----- plans -----

    pub fn list(&self, query: &str, filter: &ListFilter) -> Result<Vec<PlanSummary>> {
        self.store.search(query, filter)
    }

    pub fn plan(&self, id: i64) -> Result<Plan> {
        self.store.get(id)
    }

    /// The plan with its list entry and its parent's.
    pub fn info(&self, id: i64) -> Result<PlanInfo> {
        let summary = self.store.summary(id)?;
        let parent = match summary.parent_id {
            Some(p) => Some(self.store.summary(p)?),
            None => None,
        };
        Ok(PlanInfo {
            plan: self.store.get(id)?,
            summary,
            parent,
        })
    }

    /// Saves the plan as edited (the editor sends JSON: read like a file, NFC). A
    /// target whose sentence changed has its fields set from the sentence, so what
    /// prints and what is checked stay one; the state before is a step to undo.
    pub fn save_json(&mut self, id: i64, json: &str) -> Result<Saved> {
        let mut plan = format::from_json_str(json, "trình soạn thảo")?;
        let before = self.store.get(id)?;
        for (i, t) in plan.targets.iter_mut().enumerate() {
            let old = before
                .targets
                .iter()
                .find(|o| !t.id.is_empty() && o.id == t.id)
                .or_else(|| before.targets.get(i));
            if old.is_none_or(|o| o.text != t.text) {
                t.follow_sentence();
            }
        }
        let saved = self.store.save_typing(id, &plan)?;
        if saved.revision.is_some() {
            self.history.edited(id, before);
        }
        Ok(saved)
    }

    /// Moves plan `id`'s deadlines that fall outside its period into it (each in
    /// its own form), saved as a revision that can be undone; how many moved.
    pub fn move_deadlines(&mut self, id: i64) -> Result<usize> {
        let before = self.store.get(id)?;
        let mut plan = before.clone();
        let moved = plan.move_deadlines_into_period();
        if moved > 0 && self.store.save(id, &plan)?.revision.is_some() {
            self.history.edited(id, before);
        }
        Ok(moved)
    }

    /// Two states of plan `id` compared (revision ids; `None` for the current one):
    /// what changed, field by field, section by section, target by target.
    pub fn compare_revisions(
        &self,
        id: i64,
        older: i64,
        newer: Option<i64>,
    ) -> Result<Vec<Change>> {
        let a = self.store.revision(id, older)?;
        let b = match newer {
            Some(r) => self.store.revision(id, r)?,
            None => self.store.get(id)?,
        };
        Ok(compare(&a, &b))
    }

    /// Stores a plan (read from a file, or reviewed on the import screen).
    pub fn add(&mut self, plan: &Plan) -> Result<i64> {
        self.store.add(plan)
    }

    /// A new plan from template `template_id` (the general one when `None`), filled
    /// with the agency profile and signer from the settings, for `year` (next year
    /// when `None`).
    pub fn create(&mut self, template_id: Option<&str>, year: Option<i32>) -> Result<i64> {
        let year = year.unwrap_or_else(|| chrono::Datelike::year(&self.world.today()) + 1);
        let fill = self.settings()?.fill(year);
        let t = self
            .store
            .template(template_id.unwrap_or(crate::template::DEFAULT_ID))?;
        self.store.add(&t.instantiate(&fill))
    }

    pub fn duplicate(&mut self, id: i64) -> Result<i64> {
        self.store.duplicate(id)
    }

    pub fn trash(&mut self, id: i64) -> Result<()> {
        self.store.trash(id)
    }

    pub fn untrash(&mut self, id: i64) -> Result<()> {
        self.store.untrash(id)
    }

    /// Deletes a plan in the trash for good; plans derived from it stay, unlinked.
    pub fn purge(&mut self, id: i64) -> Result<()> {
        self.history.forget(id);
        self.store.purge(id)
    }

    pub fn revisions(&self, id: i64) -> Result<Vec<RevisionInfo>> {
        self.store.revisions(id)
    }

    pub fn restore_revision(&mut self, id: i64, revision: i64) -> Result<Saved> {
        let before = self.store.get(id)?;
        let saved = self.store.restore(id, revision)?;
        if saved.revision.is_some() {
            self.history.edited(id, before);
        }
        Ok(saved)
    }

    /// Plans of `status` (for the CLI's and the UI's filters).
    pub fn filter(year: Option<i32>, status: Option<Status>, trash: bool) -> ListFilter {
        ListFilter {
            year,
            status,
            trash,
            limit: None,
        }
    }

    // ----- import -----

    /// Reads a parent plan from a document for review; nothing is stored.
    pub fn import_file(&self, path: &Path) -> Result<Imported> {
        import::import_file(path)
    }

    /// Reads a document and stores the plan read from it.
    pub fn import_and_add(&mut self, path: &Path) -> Result<(i64, Imported)> {
        let imported = import::import_file(path)?;
        let id = self.store.add(&imported.plan)?;
        Ok((id, imported))
    }

    // ----- the paper -----

    /// The document of `plan` (the editor's current state, or the stored plan when
    /// `None`), with the parent stored plan `id` implements.
    pub fn document(&self, id: i64, plan: Option<&Plan>) -> Result<Document> {
        let stored;
        let plan = match plan {
            Some(p) => p,
            None => {
                stored = self.store.get(id)?;
                &stored
            }
        };
        let parent = self.parent_of(id)?.map(|(_, p)| p);
        let settings = self.settings()?;
        // Placeholders left for the profile or the parent take their values now.
        let mut plan = plan.clone();
        let fill = crate::template::Fill {
            parent: parent.as_ref(),
            ..settings.fill(plan.period.years().0)
        };
        crate::template::fill_placeholders(&mut plan, &fill);
        Ok(document(
            &plan,
            parent.as_ref(),
            &self.profile()?,
            &settings.check_options(),
            self.world(),
        ))
    }

    /// Every diagnostic about the plan as it is in the editor.
    pub fn check(&self, id: i64, plan: &Plan) -> Result<Vec<Diagnostic>> {
        Ok(self.document(id, Some(plan))?.diagnostics)
    }

    /// The diagnostics, the inheritance summary and each target's decision of the
    /// plan as it is in the editor.
    pub fn checked(&self, id: i64, plan: &Plan) -> Result<Checked> {
        let d = self.document(id, Some(plan))?;
        Ok(Checked {
            diagnostics: d.diagnostics,
            summary: d.summary,
            decisions: d.decisions,
        })
    }

    /// Plan `id` as DOCX or PDF bytes, with its document's diagnostics: marked
    /// «DỰ THẢO» while it has errors unless `finality` says otherwise.
    pub fn export(&self, id: i64, format: Format, finality: Finality) -> Result<Written> {
        self.document(id, None)?
            .write(format, &self.profile()?, self.world(), finality)
    }

    /// Exports plan `id` to `path` (format by its extension), written atomically;
    /// remembered as a file the program wrote (so it may be opened).
    pub fn export_to(&mut self, id: i64, path: &Path, finality: Finality) -> Result<Exported> {
        let format = format_of(path)?;
        let out = self.export(id, format, finality)?;
        fsutil::write_atomic(path, &out.bytes)?;
        self.exported(path)?;
        Ok(Exported {
            diagnostics: out.diagnostics,
            summary: out.summary,
            draft: out.draft,
        })
    }

    /// `path` was written by an export: it may be opened, and the save dialog opens
    /// in its folder next time.
    pub(crate) fn exported(&mut self, path: &Path) -> Result<()> {
        self.paths.wrote(path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.store
                .set_setting(LAST_EXPORT_DIR, &dir.display().to_string())?;
        }
        Ok(())
    }

    /// The folder of the last export, where the save dialog opens.
    pub fn last_export_dir(&self) -> Result<Option<PathBuf>> {
        Ok(self
            .store
            .setting(LAST_EXPORT_DIR)?
            .map(PathBuf::from)
            .filter(|d| d.is_dir()))
    }

    /// The file name the save dialog suggests for plan `id` in `format`: its title,
    /// without the characters Windows forbids in a name, at most 120 characters.
    pub fn file_name(&self, id: i64, format: Format) -> Result<String> {
        let title = self.store.get(id)?.title;
        Ok(fsutil::windows_file_name(
            &title,
            format.extension(),
            "ke-hoach",
        ))
    }

    /// Plan `id` as a PDF for printing, in `dir` (the temporary folder), under a new
    /// name each time: a viewer may still hold the last one open.
    pub fn print(&mut self, id: i64, dir: &Path) -> Result<PathBuf> {
        let out = self.export(id, Format::Pdf, Finality::Draft)?;
        let path = fsutil::write_for_viewer(dir, &format!("kehoach-in-{id}"), "pdf", &out.bytes)?;
        self.paths.wrote(&path);
        Ok(path)
    }

    /// The pages of the plan as it is in the editor, as the PDF has them.
    pub fn preview(&self, id: i64, plan: &Plan) -> Result<Vec<pdf::PreviewPage>> {
        self.document(id, Some(plan))?
            .preview(&self.profile()?, self.world())
    }

    /// On the first start of a new installation, the sample plan, so the officer
    /// sees what a plan looks like.
    pub fn seed_on_first_start(&mut self) -> Result<()> {
        if self.store.setting("seeded")?.is_none() {
            if self.store.count()? == 0 {
                self.store.add(&crate::sample::sample_plan())?;
            }
            self.store.set_setting("seeded", "1")?;
        }
        Ok(())
    }

    // ----- backups -----

    pub fn backup_to(&self, path: &Path) -> Result<()> {
        self.store.backup_to(path)
    }

    /// Replaces the data with a backup; returns where the replaced data was kept.
    pub fn restore_backup(&mut self, path: &Path) -> Result<Option<PathBuf>> {
        self.store.restore_from_backup(path)
    }
}

/// The settings key of the last export's folder.
const LAST_EXPORT_DIR: &str = "export.last_dir";

/// The export format a file name asks for.
pub fn format_of(path: &Path) -> Result<Format> {
    Format::of_path(path).ok_or_else(|| Error::UnsupportedFormat {
        file: path.display().to_string(),
        extension: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
        purpose: "xuất được: .docx, .pdf".into(),
    })
}
