//! Integration reflections: per partner, on the dosing they integrate.

use rusqlite::{params, Connection};

use super::*;
use crate::error::{Error, Result};
use crate::model::{Reflection, SessionKind};
use crate::store::{audit, search};
use crate::vault::Vault;

pub(crate) fn write_reflection(tx: &Connection, r: &Reflection) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO reflections (id, person_id, dosing_session_id, integration_session_id, written_on, \
         emerged, emotions, body, commitments, questions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            r.id, r.person_id, r.dosing_session_id, r.integration_session_id, r.written_on.to_string(),
            r.emerged, r.emotions, r.body, r.commitments, r.questions
        ],
    )?;
    Ok(())
}

/// Saves a partner's reflection on a dosing (new when `id` is empty).
///
/// # Errors
/// [`Error::Invalid`] when the session is not a dosing the partner attended, or all is empty.
#[tracing::instrument(skip_all, err)]
pub fn save_reflection(vault: &mut Vault, reflection: &Reflection) -> Result<Reflection> {
    let mut r = reflection.clone();
    r.id = with_id(&r.id);
    let texts = [
        &r.emerged,
        &r.emotions,
        &r.body,
        &r.commitments,
        &r.questions,
    ];
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(Error::invalid(
            "emerged",
            "Write at least one part of the reflection.",
        ));
    }
    if texts.iter().any(|t| t.len() > MAX_TEXT) {
        return Err(Error::invalid(
            "emerged",
            "A part of a reflection holds at most 100,000 characters.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    let dosing = read_session(&tx, &r.dosing_session_id)?;
    if !matches!(
        dosing.kind,
        SessionKind::Dosing | SessionKind::AugmentedTherapy
    ) {
        return Err(Error::invalid(
            "dosing_session_id",
            "A reflection integrates a dosing session.",
        ));
    }
    if !dosing.attendees.contains(&r.person_id) {
        return Err(Error::invalid(
            "person_id",
            "That person did not attend this dosing.",
        ));
    }
    if let Some(i) = &r.integration_session_id {
        read_session(&tx, i)?;
    }
    write_reflection(&tx, &r)?;
    search::index_session(&tx, &r.dosing_session_id)?;
    audit::append(
        &tx,
        "reflection.saved",
        &format!("person:{}", r.person_id),
        "dosing_session_id,written_on",
    )?;
    tx.commit()?;
    Ok(r)
}

pub(super) fn read_reflections(
    conn: &Connection,
    condition: &str,
    arg: &str,
) -> Result<Vec<Reflection>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, person_id, dosing_session_id, integration_session_id, written_on, emerged, emotions, body, \
         commitments, questions FROM reflections WHERE {condition} ORDER BY written_on, id"
    ))?;
    let rows = stmt
        .query_map([arg], |r| {
            Ok(Reflection {
                id: r.get(0)?,
                person_id: r.get(1)?,
                dosing_session_id: r.get(2)?,
                integration_session_id: r.get(3)?,
                written_on: r
                    .get::<_, String>(4)?
                    .parse()
                    .map_err(|e: chrono::ParseError| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                emerged: r.get(5)?,
                emotions: r.get(6)?,
                body: r.get(7)?,
                commitments: r.get(8)?,
                questions: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The reflections on one dosing.
pub fn reflections_on(vault: &Vault, dosing_session_id: &str) -> Result<Vec<Reflection>> {
    read_reflections(vault.conn(), "dosing_session_id = ?1", dosing_session_id)
}
