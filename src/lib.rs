//! kehoach: the engine behind the desktop app and the `kehoach` CLI.
//!
//! The engine reads as a pipeline, one module per stage:
//! `import` (text, DOCX) and `format` (JSON) → `model` → `inherit` (derive, check against the parent) → `store` → `lint` → `layout` → `docx` | `pdf`.
//! Both writers consume the one layout model. `world` is the boundary through which
//! the engine gets the clock and the fonts, so that output is deterministic in tests.

pub mod app;
pub mod desktop;
pub mod diag;
pub mod docx;
pub mod error;
pub mod export;
pub mod folder;
pub mod fonts;
pub mod format;
pub mod fsutil;
pub mod import;
pub mod inherit;
pub mod layout;
pub mod lint;
pub mod model;
pub mod package;
pub mod pdf;
pub mod places;
pub mod report;
pub mod sample;
pub mod settings;
pub mod spell;
pub mod store;
pub mod sync;
pub mod template;
pub mod text;
pub mod world;

pub use error::{Error, Result};
pub use model::Plan;
pub use store::Store;
