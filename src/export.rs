//! Export: a plan in, the document out together with its ND30 findings (as a
//! compiler returns its output with its warnings). Export goes on with warnings and
//! with errors alike: a partial draft still prints, and the caller shows what is wrong.

use crate::layout::{self, Profile};
use crate::lint::{self, Finding};
use crate::model::Plan;
use crate::world::World;
use crate::{docx, pdf, Result};

/// The formats a plan is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    /// The extension of its files (`docx`, `pdf`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The kind of file as the save dialog names it.
    pub fn kind_name(self) -> &'static str {
        match self {
            Format::Docx => "Tài liệu Word",
            Format::Pdf => "Tài liệu PDF",
        }
    }

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

/// Lays out `plan` and writes it in `format` (the one path from a plan to paper).
pub fn write(plan: &Plan, profile: &Profile, world: &dyn World, format: Format) -> Result<Vec<u8>> {
    write_laid_out(&layout::layout(plan, profile, world)?, world, format)
}

/// Writes a laid-out document in `format`.
pub fn write_laid_out(
    doc: &layout::Document,
    world: &dyn World,
    format: Format,
) -> Result<Vec<u8>> {
    match format {
        Format::Docx => docx::write(doc, world),
        Format::Pdf => pdf::write(doc, world),
    }
}

/// Lays out and writes `plan` in `format`, with the lint's findings. A plan that
/// implements a parent prints through [`crate::app::document`], which adds the
/// traceability appendix and the check against the parent.
pub fn export(plan: &Plan, profile: &Profile, world: &dyn World, format: Format) -> Result<Export> {
    let findings = lint::check(plan, profile, world.fonts());
    let bytes = write(plan, profile, world, format)?;
    Ok(Export { bytes, findings })
}
