//! "The document of a plan": the plan as it prints (with its traceability appendix
//! when it implements a parent) and every diagnostic about it (the ND30 lint and the
//! check against the parent). Export, print, preview and the CLI all take the paper
//! from here, so the officer prints what was checked.

use crate::diag::Diagnostic;
use crate::export::Format;
use crate::inherit::{self, CheckOptions, Summary};
use crate::layout::{self, Profile};
use crate::model::{Decision, Plan};
use crate::world::World;
use crate::{lint, pdf, Result};

/// A plan ready to print, with what is wrong with it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The plan as it prints: for a plan that implements a parent, with the
    /// traceability appendix (phụ lục đối chiếu) after its own.
    pub plan: Plan,
    /// The lint's findings on the printed plan, then the check against the parent.
    pub diagnostics: Vec<Diagnostic>,
    /// What the plan did with its parent's targets and tasks, when it has one.
    pub summary: Option<Summary>,
    /// The computed decision of each of the plan's targets (empty without a parent).
    pub decisions: Vec<Decision>,
}

/// What the editor shows beside the plan after each change: every diagnostic, the
/// summary and each target's computed decision, all recomputed from the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<Summary>,
    pub decisions: Vec<Decision>,
}

/// The document of `plan`, which implements `parent` when one is given.
pub fn document(
    plan: &Plan,
    parent: Option<&Plan>,
    profile: &Profile,
    check: &CheckOptions,
    world: &dyn World,
) -> Document {
    let mut printed = plan.clone();
    if let Some(parent) = parent {
        printed
            .appendices
            .push(inherit::trace_appendix(plan, parent, check));
    }
    let mut diagnostics = lint::check(&printed, profile, world.fonts());
    // What the paper would print as placeholders is judged too (a plan the layout
    // cannot lay out has its numbering error from the lint already).
    if let Ok(laid_out) = layout::layout(&printed, profile, world) {
        let blanks = lint::blanks(&laid_out, &diagnostics);
        diagnostics.extend(blanks);
    }
    if let Some(parent) = parent {
        diagnostics.extend(inherit::check(plan, parent, check));
    }
    Document {
        plan: printed,
        diagnostics,
        summary: parent.map(|p| inherit::summary(plan, p, check)),
        decisions: parent
            .map(|p| inherit::decisions(plan, p, check))
            .unwrap_or_default(),
    }
}

/// A document written in a format, with the document's diagnostics.
#[derive(Debug, Clone)]
pub struct Written {
    pub bytes: Vec<u8>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the plan did with its parent's targets and tasks, when it has one.
    pub summary: Option<Summary>,
    /// The paper is marked «DỰ THẢO»: made while the check finds errors.
    pub draft: bool,
}

/// Which paper to make of a document the check finds errors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Finality {
    /// Marked «DỰ THẢO» while errors remain (a paper without errors is never
    /// marked).
    #[default]
    Draft,
    /// Unmarked even with errors: the officer has seen them and confirmed
    /// (the CLI's `--final`).
    Final,
}

impl Document {
    /// The document as DOCX or PDF bytes: marked as a draft while it has errors,
    /// unless `finality` is [`Finality::Final`].
    pub fn write(
        &self,
        format: Format,
        profile: &Profile,
        world: &dyn World,
        finality: Finality,
    ) -> Result<Written> {
        let draft = finality == Finality::Draft && self.has_errors();
        let doc = self.laid_out(profile, world, draft)?;
        Ok(Written {
            bytes: crate::export::write_laid_out(&doc, world, format)?,
            diagnostics: self.diagnostics.clone(),
            summary: self.summary.clone(),
            draft,
        })
    }

    /// The pages as the PDF has them, for the preview (marked as a draft while
    /// the document has errors, as its export is).
    pub fn preview(&self, profile: &Profile, world: &dyn World) -> Result<Vec<pdf::PreviewPage>> {
        let doc = self.laid_out(profile, world, self.has_errors())?;
        Ok(pdf::preview(&doc, world.fonts()))
    }

    /// The plan laid out, marked «DỰ THẢO» when `draft`: what the paper and the
    /// preview both show.
    fn laid_out(
        &self,
        profile: &Profile,
        world: &dyn World,
        draft: bool,
    ) -> Result<layout::Document> {
        let mut doc = layout::layout(&self.plan, profile, world)?;
        if draft {
            doc.mark_draft();
        }
        Ok(doc)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        lint::has_errors(&self.diagnostics)
    }
}
