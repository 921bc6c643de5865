//! Her recipients, each client's releases of information and the accounting of disclosures,
//! in the document (version 5 on). A disclosure the vault holds imports unchanged or is
//! refused; a revocation is never undone by an import.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::checks::{long_text, unique_ids};
use super::format::at;
use super::Document;
use crate::error::Result;
use crate::model::{Disclosure, Recipient, Release};
use crate::store::releases::{
    read_disclosures, read_recipients, read_releases, recipient_problem, release_problem,
    write_disclosure, write_recipient, write_release,
};
use crate::vault::Vault;

/// Recipients, releases and disclosures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Collaboration {
    /// Everyone records may go to.
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// Every release of information, revoked ones included.
    #[serde(default)]
    pub releases: Vec<Release>,
    /// The accounting of disclosures.
    #[serde(default)]
    pub disclosures: Vec<Disclosure>,
}

pub(super) fn export(conn: &Connection) -> Result<Collaboration> {
    Ok(Collaboration {
        recipients: read_recipients(conn)?,
        releases: read_releases(conn, None)?,
        disclosures: read_disclosures(conn, None)?,
    })
}

fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?)
}

/// Checks the part against itself, the rest of the document and the vault.
pub(super) fn check(doc: &Document, vault: &Vault) -> Result<()> {
    let c = &doc.collaboration;
    let conn = vault.conn();
    unique_ids(
        "collaboration.recipients",
        c.recipients.iter().map(|r| r.id.as_str()),
    )?;
    for (i, r) in c.recipients.iter().enumerate() {
        let here = format!("collaboration.recipients[{i}]");
        long_text(&here, &[("name", &r.name), ("contact", &r.contact)])?;
        if let Some((field, message)) = recipient_problem(r) {
            return Err(at(&format!("{here}.{field}"), message));
        }
    }
    let recipient = |id: &str| -> Result<bool> {
        Ok(c.recipients.iter().any(|r| r.id == id) || exists(conn, "recipients", id)?)
    };
    let person = |id: &str| -> Result<bool> {
        Ok(doc.persons.iter().any(|p| p.id == id) || exists(conn, "persons", id)?)
    };
    unique_ids(
        "collaboration.releases",
        c.releases.iter().map(|r| r.id.as_str()),
    )?;
    let vault_releases = read_releases(conn, None)?;
    for (i, r) in c.releases.iter().enumerate() {
        let here = format!("collaboration.releases[{i}]");
        long_text(&here, &[("purpose", &r.purpose)])?;
        if let Some((field, message)) = release_problem(r) {
            return Err(at(&format!("{here}.{field}"), message));
        }
        if !person(&r.person_id)? {
            return Err(at(
                &format!("{here}.person_id"),
                format!("no person has the id \"{}\".", r.person_id),
            ));
        }
        if !recipient(&r.recipient_id)? {
            return Err(at(
                &format!("{here}.recipient_id"),
                format!("no recipient has the id \"{}\".", r.recipient_id),
            ));
        }
        let here_revoked = vault_releases
            .iter()
            .find(|v| v.id == r.id)
            .and_then(|v| v.revoked_on);
        if here_revoked.is_some() && r.revoked_on != here_revoked {
            return Err(at(
                &format!("{here}.revoked_on"),
                "differs from the vault's: a revoked release stays revoked as it was recorded.",
            ));
        }
    }
    check_disclosures(doc, vault)
}

fn check_disclosures(doc: &Document, vault: &Vault) -> Result<()> {
    let c = &doc.collaboration;
    let conn = vault.conn();
    unique_ids(
        "collaboration.disclosures",
        c.disclosures.iter().map(|d| d.id.as_str()),
    )?;
    let vault_releases = read_releases(conn, None)?;
    let vault_disclosures = read_disclosures(conn, None)?;
    for (i, d) in c.disclosures.iter().enumerate() {
        let here = format!("collaboration.disclosures[{i}]");
        long_text(&here, &[("what", &d.what), ("purpose", &d.purpose)])?;
        let release = c
            .releases
            .iter()
            .chain(vault_releases.iter())
            .find(|r| r.id == d.release_id);
        let Some(release) = release else {
            return Err(at(
                &format!("{here}.release_id"),
                format!("no release has the id \"{}\".", d.release_id),
            ));
        };
        if release.person_id != d.person_id || release.recipient_id != d.recipient_id {
            return Err(at(
                &here,
                "was not made under that release: its person or recipient differs.",
            ));
        }
        if let Some(s) = &d.session_id {
            if !doc.sessions.iter().any(|x| &x.id == s) && !exists(conn, "sessions", s)? {
                return Err(at(
                    &format!("{here}.session_id"),
                    format!("no session has the id \"{s}\"."),
                ));
            }
        }
        if vault_disclosures.iter().any(|v| v.id == d.id && v != d) {
            return Err(at(
                &here,
                "differs from the vault's record of that disclosure; a disclosure is never altered.",
            ));
        }
    }
    Ok(())
}

pub(super) fn import(tx: &Connection, doc: &Document) -> Result<()> {
    let c = &doc.collaboration;
    for r in &c.recipients {
        write_recipient(tx, r)?;
    }
    for r in &c.releases {
        write_release(tx, r)?;
    }
    for d in &c.disclosures {
        write_disclosure(tx, d)?;
    }
    Ok(())
}
