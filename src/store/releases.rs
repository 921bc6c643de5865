//! Recipients, releases of information and the accounting of disclosures. Releases are never
//! deleted: a revocation is dated and kept, as a disclosure record is.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::sessions::{instant, parse_instant};
use super::{audit, enum_text, new_id, not_found, text_enum};
use crate::error::{Error, Result};
use crate::model::{Covered, Disclosure, Recipient, Release, ReleaseState};
use crate::rules::releases;
use crate::vault::Vault;

fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = r.get(i)?;
    text.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("not a date: {text:?}").into(),
        )
    })
}

fn covers_text(covers: &[Covered]) -> String {
    covers.iter().map(enum_text).collect::<Vec<_>>().join(",")
}

fn covers_from(text: String) -> rusqlite::Result<Vec<Covered>> {
    text.split(',')
        .filter(|t| !t.is_empty())
        .map(|t| text_enum(t.to_owned()))
        .collect()
}

/// Every recipient, by name.
pub fn recipients(vault: &Vault) -> Result<Vec<Recipient>> {
    read_recipients(vault.conn())
}

pub(crate) fn read_recipients(conn: &Connection) -> Result<Vec<Recipient>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role, organisation, state, contact FROM recipients ORDER BY name, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Recipient {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get::<_, Option<String>>(2)?.map(text_enum).transpose()?,
            organisation: r.get(3)?,
            state: r.get(4)?,
            contact: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One recipient.
///
/// # Errors
/// [`Error::Invalid`] when there is none with this id.
pub fn recipient(vault: &Vault, id: &str) -> Result<Recipient> {
    read_recipients(vault.conn())?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| not_found("recipient", id))
}

/// The first problem of a recipient as typed: its field and a sentence.
pub fn recipient_problem(r: &Recipient) -> Option<(&'static str, String)> {
    if r.name.trim().is_empty() {
        Some((
            "name",
            "Name the person or service records may go to.".to_owned(),
        ))
    } else if r.role.is_none() {
        Some((
            "role",
            "Choose whether this is a prescriber, a collaborating therapist or someone else."
                .to_owned(),
        ))
    } else if r.state.is_empty() {
        None
    } else {
        crate::rules::identifiers::state_problem(&r.state).map(|m| ("state", m))
    }
}

/// Adds or updates a recipient.
///
/// # Errors
/// [`Error::Invalid`] with the field and a sentence when a part is missing or wrong.
#[tracing::instrument(skip_all, err)]
pub fn save_recipient(vault: &mut Vault, recipient: &Recipient) -> Result<Recipient> {
    let mut r = recipient.clone();
    r.name = r.name.trim().to_owned();
    r.state = r.state.trim().to_uppercase();
    if let Some((field, message)) = recipient_problem(&r) {
        return Err(Error::invalid(field, message));
    }
    if r.id.is_empty() {
        r.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    write_recipient(&tx, &r)?;
    audit::append(
        &tx,
        "recipient.saved",
        &format!("recipient:{}", r.id),
        "name,role,organisation,state,contact",
    )?;
    tx.commit()?;
    Ok(r)
}

pub(crate) fn write_recipient(tx: &Connection, r: &Recipient) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO recipients (id, name, role, organisation, state, contact) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            r.id,
            r.name,
            r.role.map(|x| enum_text(&x)),
            r.organisation,
            r.state,
            r.contact
        ],
    )?;
    Ok(())
}

const RELEASE_COLUMNS: &str =
    "id, person_id, recipient_id, covers, purpose, valid_from, valid_until, revoked_on";

fn release_from(r: &Row<'_>) -> rusqlite::Result<Release> {
    Ok(Release {
        id: r.get(0)?,
        person_id: r.get(1)?,
        recipient_id: r.get(2)?,
        covers: covers_from(r.get(3)?)?,
        purpose: r.get(4)?,
        valid_from: date_at(r, 5)?,
        valid_until: date_at(r, 6)?,
        revoked_on: r
            .get::<_, Option<String>>(7)?
            .map(|t| t.parse())
            .transpose()
            .map_err(|e: chrono::ParseError| {
                rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, e.into())
            })?,
    })
}

/// A person's releases, oldest first; `None`: everyone's.
pub(crate) fn read_releases(conn: &Connection, person_id: Option<&str>) -> Result<Vec<Release>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RELEASE_COLUMNS} FROM releases WHERE ?1 IS NULL OR person_id = ?1 \
         ORDER BY valid_from, id"
    ))?;
    let rows = stmt.query_map([person_id], release_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's releases, oldest first.
pub fn releases_of(vault: &Vault, person_id: &str) -> Result<Vec<Release>> {
    read_releases(vault.conn(), Some(person_id))
}

/// The first problem of a release as recorded, as a field and a sentence.
pub fn release_problem(r: &Release) -> Option<(&'static str, String)> {
    if r.covers.is_empty() {
        Some((
            "covers",
            "Choose what the release covers: session reports, diagnoses, measures or the treatment plan.".to_owned(),
        ))
    } else if r.valid_until < r.valid_from {
        Some((
            "valid_until",
            format!(
                "A release cannot end ({}) before it starts ({}).",
                r.valid_until, r.valid_from
            ),
        ))
    } else if r.revoked_on.is_some_and(|d| d < r.valid_from) {
        Some((
            "revoked_on",
            "A release cannot be revoked before it was signed.".to_owned(),
        ))
    } else {
        None
    }
}

/// Records a signed release.
///
/// # Errors
/// [`Error::Invalid`] for a missing person or recipient, nothing covered, or an end before
/// its start.
#[tracing::instrument(skip_all, err)]
pub fn add_release(vault: &mut Vault, release: &Release) -> Result<Release> {
    let mut r = release.clone();
    r.covers.sort();
    r.covers.dedup();
    r.purpose = r.purpose.trim().to_owned();
    r.revoked_on = None;
    if let Some((field, message)) = release_problem(&r) {
        return Err(Error::invalid(field, message));
    }
    if r.id.is_empty() {
        r.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    require(&tx, "persons", "person", &r.person_id)?;
    require(&tx, "recipients", "recipient", &r.recipient_id)?;
    write_release(&tx, &r)?;
    audit::append(
        &tx,
        "release.added",
        &format!("person:{}", r.person_id),
        "recipient_id,covers,purpose,valid_from,valid_until",
    )?;
    tx.commit()?;
    Ok(r)
}

fn require(conn: &Connection, table: &str, what: &str, id: &str) -> Result<()> {
    conn.query_row(
        &format!("SELECT 1 FROM {table} WHERE id = ?1"),
        [id],
        |_| Ok(()),
    )
    .optional()?
    .ok_or_else(|| not_found(what, id))
}

/// Records that the client revoked a release on `on`; the release is kept.
///
/// # Errors
/// [`Error::Invalid`] when there is no such release, it is already revoked, or `on` is before
/// it was signed.
#[tracing::instrument(skip_all, err)]
pub fn revoke_release(vault: &mut Vault, id: &str, on: NaiveDate) -> Result<Release> {
    let tx = vault.conn_mut().transaction()?;
    let mut r = tx
        .query_row(
            &format!("SELECT {RELEASE_COLUMNS} FROM releases WHERE id = ?1"),
            [id],
            release_from,
        )
        .optional()?
        .ok_or_else(|| not_found("release", id))?;
    if let Some(when) = r.revoked_on {
        return Err(Error::invalid(
            "revoked_on",
            format!("This release was already revoked on {when}."),
        ));
    }
    r.revoked_on = Some(on);
    if let Some((field, message)) = release_problem(&r) {
        return Err(Error::invalid(field, message));
    }
    write_release(&tx, &r)?;
    audit::append(
        &tx,
        "release.revoked",
        &format!("person:{}", r.person_id),
        "revoked_on",
    )?;
    tx.commit()?;
    Ok(r)
}

pub(crate) fn write_release(tx: &Connection, r: &Release) -> Result<()> {
    tx.execute(
        &format!("INSERT OR REPLACE INTO releases ({RELEASE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            r.id,
            r.person_id,
            r.recipient_id,
            covers_text(&r.covers),
            r.purpose,
            r.valid_from.to_string(),
            r.valid_until.to_string(),
            r.revoked_on.map(|d| d.to_string())
        ],
    )?;
    Ok(())
}

/// A person's disclosures, newest first; `None`: everyone's, oldest first.
pub(crate) fn read_disclosures(
    conn: &Connection,
    person_id: Option<&str>,
) -> Result<Vec<Disclosure>> {
    let order = if person_id.is_some() { "DESC" } else { "ASC" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, person_id, recipient_id, release_id, disclosed_at, what, purpose, session_id \
         FROM disclosures WHERE ?1 IS NULL OR person_id = ?1 ORDER BY disclosed_at {order}, id"
    ))?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Disclosure {
            id: r.get(0)?,
            person_id: r.get(1)?,
            recipient_id: r.get(2)?,
            release_id: r.get(3)?,
            disclosed_at: parse_instant(&r.get::<_, String>(4)?)?,
            what: r.get(5)?,
            purpose: r.get(6)?,
            session_id: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's accounting of disclosures, newest first.
pub fn disclosures_of(vault: &Vault, person_id: &str) -> Result<Vec<Disclosure>> {
    read_disclosures(vault.conn(), Some(person_id))
}

pub(crate) fn write_disclosure(tx: &Connection, d: &Disclosure) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO disclosures (id, person_id, recipient_id, release_id, disclosed_at, what, purpose, session_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            d.id,
            d.person_id,
            d.recipient_id,
            d.release_id,
            instant(d.disclosed_at),
            d.what,
            d.purpose,
            d.session_id
        ],
    )?;
    Ok(())
}

/// A release as the chart lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReleaseRow {
    /// The release.
    pub release: Release,
    /// To whom, by name.
    pub recipient_name: String,
    /// Prescriber, collaborating therapist or other.
    pub recipient_role: String,
    /// Where it stands today.
    pub state: ReleaseState,
}

/// A disclosure as the chart lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DisclosureRow {
    /// The disclosure.
    pub disclosure: Disclosure,
    /// To whom, by name.
    pub recipient_name: String,
}

/// One person's releases (with their state today) and accounting of disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonReleases {
    /// Newest first.
    pub releases: Vec<ReleaseRow>,
    /// Newest first.
    pub disclosures: Vec<DisclosureRow>,
}

/// What the chart shows of one person's releases and disclosures on `today`.
pub fn person_releases(vault: &Vault, person_id: &str, today: NaiveDate) -> Result<PersonReleases> {
    let conn = vault.conn();
    let recipients = read_recipients(conn)?;
    let name = |id: &str| {
        recipients
            .iter()
            .find(|r| r.id == id)
            .map(|r| {
                (
                    r.name.clone(),
                    r.role.map(|x| x.label()).unwrap_or("").to_owned(),
                )
            })
            .unwrap_or_default()
    };
    let mut rows: Vec<ReleaseRow> = read_releases(conn, Some(person_id))?
        .into_iter()
        .map(|release| {
            let (recipient_name, recipient_role) = name(&release.recipient_id);
            ReleaseRow {
                state: releases::state(&release, today),
                release,
                recipient_name,
                recipient_role,
            }
        })
        .collect();
    rows.reverse();
    let disclosures = read_disclosures(conn, Some(person_id))?
        .into_iter()
        .map(|disclosure| DisclosureRow {
            recipient_name: name(&disclosure.recipient_id).0,
            disclosure,
        })
        .collect();
    Ok(PersonReleases {
        releases: rows,
        disclosures,
    })
}

/// Records `disclosures` and hands `bytes` to `deliver` (which writes her file) in one
/// transaction: if the file cannot be written, no disclosure is recorded.
///
/// # Errors
/// Whatever `deliver` or the database reports; nothing is recorded then.
pub(crate) fn disclose(
    vault: &mut Vault,
    disclosures: &[Disclosure],
    deliver: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let tx = vault.conn_mut().transaction()?;
    for d in disclosures {
        write_disclosure(&tx, d)?;
        audit::append(
            &tx,
            "disclosure.recorded",
            &format!("person:{}", d.person_id),
            "recipient_id,release_id,what,session_id",
        )?;
    }
    deliver()?;
    tx.commit()?;
    Ok(())
}
