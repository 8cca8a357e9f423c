//! Use-cases of templates and the shared folder (thư mục dùng chung).

use super::Session;
use crate::store::{SharedFile, TemplateConflict, TemplateInfo};
use crate::sync::{self, DirFolder, SyncOptions, SyncReport};
use crate::template::{self, Template};
use crate::{Error, Result};

impl Session {
    /// The shared folder from the settings.
    pub fn shared_folder(&self) -> Result<DirFolder> {
        match self.settings()?.shared_folder.trim() {
            "" => Err(Error::Invalid(
                "chưa chọn thư mục dùng chung (Mẫu và thư mục dùng chung → Thư mục)".into(),
            )),
            f => Ok(DirFolder::new(f)),
        }
    }

    /// Syncs with the shared folder of the settings.
    pub fn sync(&mut self) -> Result<SyncReport> {
        let folder = self.shared_folder()?;
        sync::sync(self.store_mut(), &folder, &SyncOptions::default())
    }

    /// Syncs with a folder given for this once (the CLI's `templates sync DIR`).
    pub fn sync_with(&mut self, dir: &std::path::Path) -> Result<SyncReport> {
        sync::sync(
            self.store_mut(),
            &DirFolder::new(dir),
            &SyncOptions::default(),
        )
    }

    /// The templates to choose from, those suiting this unit's tier first marked.
    pub fn templates(&self) -> Result<Vec<TemplateInfo>> {
        let tier = self.settings()?.agency.tier;
        self.store().template_catalog(Some(&tier))
    }

    pub fn template_json(&self, id: &str) -> Result<String> {
        Ok(self.store().template(id)?.to_json())
    }

    /// Saves an edited template (JSON text), checked like a file from the folder,
    /// as a local edit no sync overwrites without asking.
    pub fn save_template_json(&mut self, json: &str) -> Result<TemplateInfo> {
        let t = Template::from_json(json, "mẫu đang sửa")?;
        self.store_mut().save_local_template(&t)
    }

    pub fn delete_template(&mut self, id: &str) -> Result<()> {
        self.store_mut().delete_template(id)
    }

    /// Saves plan `id`'s skeleton as a local template named `name`.
    pub fn save_as_template(&mut self, id: i64, name: &str) -> Result<TemplateInfo> {
        let plan = self.store().get(id)?;
        let t = Template::from_plan(&plan, &template::id_from_name(name), name, 1)?;
        self.store_mut().save_local_template(&t)
    }

    pub fn template_conflicts(&self) -> Result<Vec<TemplateConflict>> {
        self.store().template_conflicts()
    }

    /// The officer's choice in a conflict: keep the local edit or take the folder's.
    pub fn resolve_template_conflict(&mut self, id: &str, keep_local: bool) -> Result<()> {
        self.store_mut().resolve_template_conflict(id, keep_local)
    }

    /// Publishes template `id` to the shared folder (temporary file, then rename).
    pub fn publish_template(&mut self, id: &str) -> Result<String> {
        let folder = self.shared_folder()?;
        sync::publish(self.store_mut(), id, &folder)
    }

    /// The parent plans found in the shared folder at the last sync.
    pub fn shared_parents(&self) -> Result<Vec<SharedFile>> {
        self.store().shared_parents()
    }
}
