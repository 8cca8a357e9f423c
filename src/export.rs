//! Export: a plan in, the document out together with its ND30 findings (as a
//! compiler returns its output with its warnings). Export goes on with warnings and
//! with errors alike: a partial draft still prints, and the caller shows what is wrong.

use crate::layout::{self, Profile};
use crate::lint::{self, Finding};
use crate::model::Plan;
use crate::world::World;
use crate::{docx, pdf, Result};

/// The formats a plan is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// An exported document and what the lint found in the plan.
#[derive(Debug, Clone)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub findings: Vec<Finding>,
}

/// Lays out and writes `plan` in `format`.
pub fn export(plan: &Plan, profile: &Profile, world: &dyn World, format: Format) -> Result<Export> {
    let findings = lint::check(plan, profile, world.fonts());
    let doc = layout::layout(plan, profile, world)?;
    let bytes = match format {
        Format::Docx => docx::write(&doc, world)?,
        Format::Pdf => pdf::write(&doc, world)?,
    };
    Ok(Export { bytes, findings })
}
