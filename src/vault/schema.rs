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
    Ok(())
}
