//! Reading and writing the domain through an unlocked [`crate::vault::Vault`]: one module per
//! aggregate. Every change is written with its audit entry in the same transaction.

pub mod audit;
pub mod clients;
pub mod practice;
pub mod search;
