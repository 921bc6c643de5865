//! The note of a session: autosaved as typed, signed once complete, then locked; corrections
//! are dated addenda.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::*;
use crate::error::{Error, Result};
use crate::model::{Addendum, Note, SessionStatus};
use crate::rules::notes;
use crate::store::{audit, new_id, search};
use crate::vault::Vault;

/// The longest text a note field, an addendum or a reflection may hold.
pub const MAX_TEXT: usize = 100_000;

pub(crate) fn read_note(conn: &Connection, session_id: &str) -> Result<Option<Note>> {
    Ok(conn
        .query_row(
            "SELECT session_id, fields, updated_at, signed_at FROM notes WHERE session_id = ?1",
            [session_id],
            |r| {
                Ok(Note {
                    session_id: r.get(0)?,
                    fields: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                    updated_at: instant_at(r, 2)?,
                    signed_at: r
                        .get::<_, Option<String>>(3)?
                        .map(|t| parse_instant(&t))
                        .transpose()?,
                })
            },
        )
        .optional()?)
}

/// A session's note, if one was begun.
pub fn note(vault: &Vault, session_id: &str) -> Result<Option<Note>> {
    read_note(vault.conn(), session_id)
}

pub(crate) fn write_note(tx: &Connection, n: &Note) -> Result<()> {
    tx.execute(
        "INSERT INTO notes (session_id, fields, updated_at, signed_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (session_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at, \
         signed_at = excluded.signed_at",
        params![
            n.session_id,
            serde_json::to_string(&n.fields).unwrap_or_default(),
            instant(n.updated_at),
            n.signed_at.map(instant)
        ],
    )?;
    Ok(())
}

/// How often autosave writes an audit entry for the same note.
const NOTE_AUDIT_EVERY_SECONDS: i64 = 60;

/// Saves the note's fields as typed (autosave calls this every moment she pauses). Each save is
/// durable before it returns; the audit log gets one "edited" entry per minute of typing.
///
/// # Errors
/// [`Error::Invalid`] when the note is signed (write an addendum), or for a field the session's
/// template does not have.
#[tracing::instrument(skip(vault, fields), err)]
pub fn save_note(
    vault: &mut Vault,
    session_id: &str,
    fields: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Note> {
    let tx = vault.conn_mut().transaction()?;
    let s = read_session(&tx, session_id)?;
    if note_is_signed(&tx, session_id)? {
        return Err(Error::invalid(
            "note",
            "This note is signed and can no longer change. Add a dated addendum instead.",
        ));
    }
    let allowed = notes::keys(&s);
    if let Some(unknown) = fields.keys().find(|k| !allowed.contains(k)) {
        return Err(Error::invalid(
            "note",
            format!("This note has no field \"{unknown}\"."),
        ));
    }
    if fields.values().any(|t| t.len() > MAX_TEXT) {
        return Err(Error::invalid(
            "note",
            "A field of a note holds at most 100,000 characters.",
        ));
    }
    let note = Note {
        session_id: session_id.to_owned(),
        fields: fields.clone(),
        updated_at: now,
        signed_at: None,
    };
    write_note(&tx, &note)?;
    search::index_session(&tx, session_id)?;
    let audited: Option<String> = tx.query_row(
        "SELECT audited_at FROM notes WHERE session_id = ?1",
        [session_id],
        |r| r.get(0),
    )?;
    let due = audited
        .and_then(|t| parse_instant(&t).ok())
        .is_none_or(|t| (now - t).num_seconds() >= NOTE_AUDIT_EVERY_SECONDS);
    if due {
        audit::append(
            &tx,
            "note.edited",
            &format!("session:{session_id}"),
            "fields",
        )?;
        tx.execute(
            "UPDATE notes SET audited_at = ?1 WHERE session_id = ?2",
            params![instant(now), session_id],
        )?;
    }
    tx.commit()?;
    Ok(note)
}

/// The names to show for partners.
pub(super) fn names(conn: &Connection, ids: &[String]) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for id in ids {
        let name = crate::store::clients::display_name_of(conn, id)?;
        out.insert(id.clone(), name.unwrap_or_else(|| "?".to_owned()));
    }
    Ok(out)
}

/// Signs the note: from now on it never changes. The session must have ended (or been called
/// off), and every required field be filled.
///
/// # Errors
/// [`Error::Invalid`] naming the missing fields, or when the session is still on.
#[tracing::instrument(skip(vault), err)]
pub fn sign_note(vault: &mut Vault, session_id: &str, now: DateTime<Utc>) -> Result<Note> {
    let tx = vault.conn_mut().transaction()?;
    let s = read_session(&tx, session_id)?;
    if matches!(
        s.status,
        SessionStatus::Scheduled | SessionStatus::InProgress
    ) {
        return Err(Error::invalid(
            "note",
            "End the session before signing its note.",
        ));
    }
    let Some(mut note) = read_note(&tx, session_id)? else {
        return Err(Error::invalid("note", "Write the note before signing it."));
    };
    if note.signed_at.is_some() {
        return Err(Error::invalid("note", "This note is already signed."));
    }
    let who = names(&tx, &s.attendees)?;
    let missing = notes::missing(&s, &note.fields, &|p| {
        who.get(p).cloned().unwrap_or_default()
    });
    if !missing.is_empty() {
        return Err(Error::invalid(
            "note",
            format!("Fill in before signing: {}.", missing.join(", ")),
        ));
    }
    note.signed_at = Some(now);
    write_note(&tx, &note)?;
    audit::append(
        &tx,
        "note.signed",
        &format!("session:{session_id}"),
        "signed_at",
    )?;
    tx.commit()?;
    Ok(note)
}

pub(crate) fn write_addendum(tx: &Connection, a: &Addendum) -> Result<()> {
    tx.execute(
        "INSERT INTO addenda (id, session_id, written_at, text) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
        params![a.id, a.session_id, instant(a.written_at), a.text],
    )?;
    Ok(())
}

/// Adds a dated addendum to a signed note.
///
/// # Errors
/// [`Error::Invalid`] when the note is not signed (edit it instead) or the text is empty.
#[tracing::instrument(skip(vault, text), err)]
pub fn add_addendum(
    vault: &mut Vault,
    session_id: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Addendum> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("text", "Write the addendum."));
    }
    if text.len() > MAX_TEXT {
        return Err(Error::invalid(
            "text",
            "An addendum holds at most 100,000 characters.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    if !note_is_signed(&tx, session_id)? {
        return Err(Error::invalid(
            "text",
            "The note is not signed yet: change it directly.",
        ));
    }
    let a = Addendum {
        id: new_id(),
        session_id: session_id.to_owned(),
        written_at: now,
        text: text.to_owned(),
    };
    write_addendum(&tx, &a)?;
    search::index_session(&tx, session_id)?;
    audit::append(
        &tx,
        "note.addendum",
        &format!("session:{session_id}"),
        "text",
    )?;
    tx.commit()?;
    Ok(a)
}

pub(super) fn read_addenda(conn: &Connection, session_id: &str) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, written_at, text FROM addenda WHERE session_id = ?1 ORDER BY written_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Addendum {
                id: r.get(0)?,
                session_id: r.get(1)?,
                written_at: instant_at(r, 2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A note's addenda, oldest first.
pub fn addenda(vault: &Vault, session_id: &str) -> Result<Vec<Addendum>> {
    read_addenda(vault.conn(), session_id)
}
