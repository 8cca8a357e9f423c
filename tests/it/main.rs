//! The engine's integration tests, one binary with a module per area: linking the
//! engine (and its dependencies) once instead of once per file is what keeps a fresh
//! clone's test run short. Run one area with `cargo test --test it store::`.

mod common;

mod app;
mod architecture;
mod cli;
mod docx;
mod durability;
mod format;
mod hostile;
mod import;
mod import_documents;
mod import_fuzz;
mod inherit;
mod layouts;
mod lint;
mod model;
mod ocr;
mod ocr_set;
mod paper;
mod pdf;
mod pdf_props;
mod reader_fuzz;
mod report;
mod shared_folder;
mod store;
mod templates;
mod truth;
