//! Billing: what a session is coded and what it costs, and the superbill a client sends to
//! their insurer. Pure functions over model values; [`crate::store::billing`] reads and
//! writes, [`crate::pdf`] prints.

pub mod check;
pub mod codes;
pub mod estimate;
pub mod fees;
mod money;
pub mod patient;
pub mod rules;
pub mod superbill;

pub use money::Cents;
