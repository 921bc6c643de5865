//! Numbered SQL migrations, applied in order, each with its version bump in one transaction.
//! The version lives in `PRAGMA user_version`. Migrations are append-only: never edit one
//! that has shipped, add the next number.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_backups.sql"),
    include_str!("migrations/0003_clients.sql"),
    include_str!("migrations/0004_sessions.sql"),
    include_str!("migrations/0005_billing.sql"),
    include_str!("migrations/0006_practice_logo.sql"),
    include_str!("migrations/0007_measures.sql"),
    include_str!("migrations/0008_billing_rules.sql"),
    include_str!("migrations/0009_search_rows.sql"),
    include_str!("migrations/0010_display.sql"),
    include_str!("migrations/0011_releases.sql"),
    include_str!("migrations/0012_estimates.sql"),
    include_str!("migrations/0013_treatment_plans.sql"),
    include_str!("migrations/0014_search_contentless.sql"),
    include_str!("migrations/0015_search_prefixes.sql"),
    include_str!("migrations/0016_schedule_and_called_off.sql"),
];

/// The schema version this build writes and understands.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Reads the schema version without writing anything.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Refuses a database from a newer Attune before anything writes to it.
pub fn refuse_newer(conn: &Connection) -> Result<i64> {
    let found = version(conn)?;
    if found > CURRENT_VERSION {
        return Err(Error::VaultTooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    Ok(found)
}

/// Brings the schema up to [`CURRENT_VERSION`]. A failed migration rolls back whole, so the
/// vault stays at the last version that applied completely.
pub fn migrate(conn: &mut Connection, vault_dir: &Path) -> Result<()> {
    let found = refuse_newer(conn)?;
    let start = usize::try_from(found).map_err(|_| Error::VaultCorrupt {
        path: vault_dir.to_path_buf(),
        detail: format!("its schema version {found} is impossible"),
    })?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(start) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        tracing::info!(version = index + 1, "applied migration");
    }
    // A migration that changes the index's layout empties it (it holds no copy of the text, so
    // SQL cannot refill it); the records refill it here, also after a start killed meanwhile.
    crate::store::search::rebuild_if_empty(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;
    use rusqlite::Connection;

    /// A vault indexed before the index became contentless keeps every entry, found by the
    /// same words and joined to the same record.
    #[test]
    fn the_contentless_index_keeps_what_the_old_one_held() {
        let conn = Connection::open_in_memory().unwrap();
        let contentless = MIGRATIONS
            .iter()
            .position(|m| m.contains("contentless_delete"))
            .expect("the migration that makes the index contentless");
        for sql in &MIGRATIONS[..contentless] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO search_index (kind, ref, body) VALUES ('person', 'p1', 'Zoë Ñúñez'), \
               ('session', 's1', 'somatic grounding before the dose'); \
             INSERT INTO search_rows (kind, ref, row) SELECT kind, ref, rowid FROM search_index;",
        )
        .unwrap();
        conn.execute_batch(MIGRATIONS[contentless]).unwrap();
        let found = |words: &str| -> Vec<(String, String)> {
            let mut stmt = conn
                .prepare(
                    "SELECT r.kind, r.ref FROM search_index s JOIN search_rows r ON r.row = s.rowid \
                     WHERE search_index MATCH ?1",
                )
                .unwrap();
            stmt.query_map([words], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert_eq!(
            found("zoe"),
            [("person".into(), "p1".into())],
            "diacritics still fold"
        );
        assert_eq!(
            found("somat*"),
            [("session".into(), "s1".into())],
            "prefixes still match"
        );
        conn.execute(
            "DELETE FROM search_index WHERE rowid = (SELECT row FROM search_rows WHERE ref = 's1')",
            [],
        )
        .expect("a contentless index with deletes forgets a row by rowid");
        assert!(found("somat*").is_empty(), "the forgotten row is gone");
    }
}
