//! Rules: pure functions over model values. Each check has a name and returns, when it fails,
//! a reason the therapist can read. Their case tables live beside them and in `tests/`.

pub mod agenda;
pub mod attention;
pub mod clients;
pub mod clock;
pub mod expiry;
pub mod gates;
pub mod identifiers;
pub mod notes;
pub mod plans;
pub mod practice;
pub mod releases;
pub mod safety;
pub mod schedule;
pub mod sessions;
pub mod vitals;
