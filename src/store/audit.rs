//! The append-only, hash-chained audit log: what changed and when, never the values.
//!
//! Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields, so
//! an entry edited or removed by anything but Attune breaks the chain from that point on.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;

/// The hash that precedes the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [prev_hash, &seq.to_string(), at, action, subject, detail] {
        // Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Appends an entry. `action` is a dotted verb (`practice.updated`), `subject` the kind and id
/// of what changed, `detail` which fields changed (names, never values). Call it inside the
/// transaction that makes the change, so both land or neither does.
pub(crate) fn append(conn: &Connection, action: &str, subject: &str, detail: &str) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let hash = entry_hash(&prev_hash, seq, &at, action, subject, detail);
    conn.execute(
        "INSERT INTO audit_log (seq, at, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, action, subject, detail, prev_hash, hash],
    )?;
    Ok(())
}

/// One audit entry, as shown to the therapist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    /// Position in the log, from 1.
    #[ts(type = "number")]
    pub seq: i64,
    /// When, as an RFC 3339 UTC instant.
    pub at: String,
    /// What happened (`practice.updated`).
    pub action: String,
    /// To what (`practice`).
    pub subject: String,
    /// Which fields, if any.
    pub detail: String,
}

/// The newest entries, newest first.
pub fn recent(vault: &crate::vault::Vault, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = vault.conn().prepare(
        "SELECT seq, at, action, subject, detail FROM audit_log ORDER BY seq DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            action: r.get(2)?,
            subject: r.get(3)?,
            detail: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the chain is whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainReport {
    /// Entries read.
    #[ts(type = "number")]
    pub entries: i64,
    /// True when every entry's hash matches its contents and its predecessor.
    pub intact: bool,
    /// The first entry that does not match, if any.
    #[ts(type = "number | null")]
    pub first_broken: Option<i64>,
}

/// Recomputes every hash from the first entry on.
pub(crate) fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut entries = 0;
    let mut first_broken = None;
    while let Some(row) = rows.next()? {
        entries += 1;
        let seq: i64 = row.get(0)?;
        let (at, action, subject, detail): (String, String, String, String) =
            (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
        let (prev_hash, hash): (String, String) = (row.get(5)?, row.get(6)?);
        let recomputed = entry_hash(&prev_hash, seq, &at, &action, &subject, &detail);
        if first_broken.is_none()
            && (seq != expected_seq || prev_hash != expected_prev || hash != recomputed)
        {
            first_broken = Some(seq);
        }
        expected_prev = hash;
        expected_seq = seq + 1;
    }
    Ok(ChainReport {
        entries,
        intact: first_broken.is_none(),
        first_broken,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../vault/migrations/0001_init.sql"))
            .unwrap();
        conn
    }

    #[test]
    fn appended_entries_form_an_intact_chain() {
        let conn = log();
        assert_eq!(verify(&conn).unwrap().entries, 0);
        for action in ["a.one", "a.two", "a.three"] {
            append(&conn, action, "practice", "npi").unwrap();
        }
        let report = verify(&conn).unwrap();
        assert_eq!(report.entries, 3);
        assert!(report.intact, "freshly appended entries chain");
    }

    #[test]
    fn the_log_refuses_updates_and_deletes() {
        let conn = log();
        append(&conn, "a.one", "practice", "").unwrap();
        let update = conn.execute("UPDATE audit_log SET action = 'x'", []);
        assert!(update.is_err(), "audit entries cannot be edited");
        let delete = conn.execute("DELETE FROM audit_log", []);
        assert!(delete.is_err(), "audit entries cannot be removed");
        assert_eq!(verify(&conn).unwrap().entries, 1);
    }

    #[test]
    fn tampering_behind_the_triggers_breaks_the_chain() {
        let conn = log();
        for action in ["a.one", "a.two", "a.three"] {
            append(&conn, action, "practice", "").unwrap();
        }
        // Someone with the key drops the guard and edits the middle entry.
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET detail = 'npi' WHERE seq = 2;",
        )
        .unwrap();
        let report = verify(&conn).unwrap();
        assert!(!report.intact, "an edited entry must be detected");
        assert_eq!(report.first_broken, Some(2));

        let conn = log();
        for action in ["a.one", "a.two", "a.three"] {
            append(&conn, action, "practice", "").unwrap();
        }
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;",
        )
        .unwrap();
        assert_eq!(
            verify(&conn).unwrap().first_broken,
            Some(3),
            "a removed entry must be detected at its successor"
        );
    }
}
