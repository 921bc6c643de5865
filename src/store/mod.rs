//! Reading and writing the domain through an unlocked [`crate::vault::Vault`]: one module per
//! aggregate. Every change is written with its audit entry in the same transaction.

pub mod audit;
pub mod billing;
pub mod calendar;
pub mod clients;
pub mod dashboard;
pub mod measures;
pub mod plans;
pub mod practice;
pub mod releases;
pub mod reports;
pub mod search;
pub mod sessions;

use crate::error::{Error, Result};
use crate::model::FieldProblem;

/// Whose record: a relationship's, or one person's (individual work).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Owner {
    /// A relationship.
    Unit(String),
    /// One person.
    Person(String),
}

impl Owner {
    /// The relationship's or person's id.
    pub fn id(&self) -> &str {
        match self {
            Owner::Unit(id) | Owner::Person(id) => id,
        }
    }
}

/// A new random id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An enum stored as its snake-case name, read back.
pub(crate) fn text_enum<T: serde::de::DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}

/// An enum's snake-case name, as stored.
pub(crate) fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The first problem as an error, if any.
pub(crate) fn first_problem(problems: Vec<FieldProblem>) -> Result<()> {
    match problems.into_iter().next() {
        Some(p) => Err(Error::invalid(p.field, p.message)),
        None => Ok(()),
    }
}

/// The refusal for an id that names nothing here.
pub(crate) fn not_found(what: &str, id: &str) -> Error {
    Error::invalid(
        "id",
        format!("There is no {what} with the id {id} in this vault."),
    )
}
