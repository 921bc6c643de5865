//! Attune's core: the encrypted vault, the domain model, the clinical and billing rules, and
//! everything else that matters. It knows nothing of Tauri or of any user interface; the
//! desktop shell (`src-tauri/`) and the `attune` command line are thin clients of this crate.
//!
//! Data flows down: [`vault`] owns the encrypted database and its key, [`store`] reads and
//! writes the domain through a [`vault::Vault`], [`rules`] are pure functions over [`model`]
//! values.
#![forbid(unsafe_code)]

pub mod about;
pub mod backup;
pub mod billing;
pub mod bindings;
pub mod calendar;
pub mod demo;
pub mod document;
pub mod error;
pub mod files;
pub mod icd10;
pub mod measures;
pub mod model;
pub mod pdf;
pub mod process;
pub mod report;
pub mod rules;
pub mod store;
pub mod typed;
pub mod vault;
pub mod zone;

pub use error::{BackupProblem, Error, ErrorCode, ErrorReport, Result};
