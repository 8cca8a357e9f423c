//! Use-cases of inheritance: deriving this unit's plan from a stored parent (or one
//! found in the shared folder), the parent link, the summary, and following a newer
//! version of the parent.

use super::Session;
use crate::inherit::{self, Choice, ParentChange, Summary};
use crate::model::{tier, Plan};
use crate::template::Fill;
use crate::{format, Error, Result};
use std::path::Path;

/// Where the parent of a new plan is.
#[derive(Debug, Clone, Copy)]
pub enum DeriveFrom<'a> {
    /// A stored plan.
    Stored(i64),
    /// A parent plan found in the shared folder (by file name): stored first, so
    /// the child stays linked when the share is away.
    Shared(&'a str),
}

/// A newer version of a plan's parent, read from a document: what changed and
/// which of the plan's items each change affects. Nothing is stored yet.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ParentUpdate {
    pub new_parent: Plan,
    pub changes: Vec<ParentChange>,
    pub descriptions: Vec<String>,
}

impl Session {
    /// The stored plan `id` implements, with its id.
    pub fn parent_of(&self, id: i64) -> Result<Option<(i64, Plan)>> {
        match self.store().parent_id(id)? {
            Some(p) => Ok(Some((p, self.store().get(p)?))),
            None => Ok(None),
        }
    }

    /// Links plan `id` to the stored plan it implements (or unlinks it).
    pub fn set_parent(&mut self, id: i64, parent_id: Option<i64>) -> Result<()> {
        self.store_mut().set_parent(id, parent_id)
    }

    /// This unit's draft derived from its parent in the skeleton of template
    /// `template_id` (the general one when `None`), for `unit` (the settings'
    /// agency profile and signer when `None`), for `period` (the parent's when
    /// `None`), stored and linked to the parent. Without an agency profile it
    /// refuses with `profile_missing`, so the app opens the profile.
    pub fn derive(
        &mut self,
        from: DeriveFrom<'_>,
        template_id: Option<&str>,
        unit: Option<Fill<'static>>,
        period: Option<crate::model::Period>,
    ) -> Result<i64> {
        self.derive_chosen(from, template_id, unit, period, &Choice::default())
    }

    /// The parent's targets and tasks a derive would offer the unit of the
    /// settings (or `tier`): those that concern its tier pre-selected, with why.
    pub fn derive_candidates(
        &self,
        from: DeriveFrom<'_>,
        tier: Option<&str>,
    ) -> Result<Vec<inherit::Candidate>> {
        let parent = match from {
            DeriveFrom::Stored(id) => self.store().get(id)?,
            DeriveFrom::Shared(name) => self.store().shared_parent(name)?,
        };
        let tier = match tier {
            Some(t) => t.to_owned(),
            None => self.settings()?.agency.tier,
        };
        Ok(inherit::candidates(&parent, &tier))
    }

    /// [`Session::derive`] taking from the parent what `choice` names.
    pub fn derive_chosen(
        &mut self,
        from: DeriveFrom<'_>,
        template_id: Option<&str>,
        unit: Option<Fill<'static>>,
        period: Option<crate::model::Period>,
        choice: &Choice,
    ) -> Result<i64> {
        if unit.is_none() {
            let missing = self.settings()?.profile_missing();
            if !missing.is_empty() {
                return Err(Error::ProfileMissing(missing));
            }
        }
        let (parent_id, parent) = match from {
            DeriveFrom::Stored(id) => (id, self.store().get(id)?),
            DeriveFrom::Shared(name) => {
                let parent = self.store().shared_parent(name)?;
                (self.store_mut().add(&parent)?, parent)
            }
        };
        let mut fill = match unit {
            Some(u) => u,
            None => self.settings()?.fill(parent.period.years().0),
        };
        if let Some(p) = period {
            fill.year = p.years().0;
            fill.period = Some(p);
        }
        if fill.year == 0 {
            fill.year = parent.period.years().0;
        }
        if tier::level(&fill.agency.tier).is_none() {
            return Err(Error::Invalid(format!(
                "cấp của đơn vị: {} (Thiết lập → Cấp)",
                tier::not_a_tier(&fill.agency.tier)
            )));
        }
        let template = self
            .store()
            .template(template_id.unwrap_or(crate::template::DEFAULT_ID))?;
        let child = inherit::derive_with(&parent, &fill, &template, choice);
        self.store_mut().add_derived(&child, parent_id)
    }

    /// What plan `id` (the editor's state when given) did with its parent's targets
    /// and tasks, computed from both as they print (none without a parent).
    pub fn summary(&self, id: i64, plan: Option<&Plan>) -> Result<Option<Summary>> {
        if self.store().parent_id(id)?.is_none() {
            return Ok(None);
        }
        Ok(self.document(id, plan)?.summary)
    }

    /// Reads a newer version of plan `id`'s parent from a document and lists the
    /// changes with the items they affect.
    pub fn parent_update_preview(&self, id: i64, path: &Path) -> Result<ParentUpdate> {
        let (_, old) = self.parent_of(id)?.ok_or_else(no_parent)?;
        let child = self.store().get(id)?;
        let new_parent = crate::import::import_file(path)?.plan;
        let changes = inherit::parent_changes(&old, &new_parent, &child);
        let descriptions = changes.iter().map(|c| c.describe(&child)).collect();
        Ok(ParentUpdate {
            new_parent,
            changes,
            descriptions,
        })
    }

    /// Applies the accepted changes: the new version is stored as a plan, the
    /// child follows it (a new revision, so the update can be undone) and is linked
    /// to the new version.
    pub fn parent_update_apply(
        &mut self,
        id: i64,
        new_parent_json: &str,
        accepted: &[bool],
    ) -> Result<()> {
        let new_parent = format::from_json_str(new_parent_json, "kế hoạch cấp trên mới")?;
        let (_, old) = self.parent_of(id)?.ok_or_else(no_parent)?;
        let mut child = self.store().get(id)?;
        let changes = inherit::parent_changes(&old, &new_parent, &child);
        inherit::apply_changes(&mut child, &old, &new_parent, &changes, accepted);
        child.parent = Some(new_parent.reference());
        let new_id = self.store_mut().add(&new_parent)?;
        self.store_mut().save(id, &child)?;
        self.store_mut().set_parent(id, Some(new_id))
    }
}

fn no_parent() -> Error {
    Error::Invalid("kế hoạch này không được lập từ một kế hoạch cấp trên trong chương trình".into())
}
