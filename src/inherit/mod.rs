//! Inheritance (kế thừa): a child plan derived from its parent ([`derive`]), checked
//! to be no weaker than it ([`check`]), the traceability appendix and summary
//! ([`trace`]), and a newer version of the parent followed ([`update`]). The tiers
//! these rely on are the model's vocabulary ([`crate::model::tier`]).

mod check;
mod decide;
mod derive;
mod trace;
mod update;

pub use check::{check, weaker, CheckOptions};
pub use decide::decide;
pub use derive::{candidates, derive, derive_with, Candidate, Choice};
pub use trace::{decisions, summary, trace_appendix, Summary};
pub use update::{apply_changes, parent_changes, ParentChange};
