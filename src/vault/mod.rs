//! The encrypted vault: one folder holding `vault.db` (SQLCipher 4, opened with a raw 256-bit
//! data key) and `key.age` (that key, encrypted to the passphrase with age/scrypt).
//!
//! A [`Vault`] is an unlocked vault: it owns the database connection and the data key, and
//! every store function takes it. Locking drops both; the key is zeroized, and SQLCipher wipes
//! its own copies (its key material is always wiped and locked, whatever
//! `cipher_memory_security` says; that setting, off here, would also wipe and lock every page
//! SQLite caches, at a cost README "Memory" measures).

mod idle;
pub mod key;
pub mod keyring;
pub mod passphrase;
mod recover;
pub mod schema;

use std::fs;
use std::path::{Path, PathBuf};

pub use age::secrecy::{ExposeSecret, SecretString};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

pub use self::idle::IdleTimer;
use self::key::DataKey;
use self::keyring::KeyStore;
pub(crate) use self::recover::{discard_unfinished, staged_name};
pub use self::recover::{recover, SETTLED_AFTER};
use crate::error::{Error, Result};
use crate::model::VaultStatus;
use crate::store::audit;

/// The encrypted database's file name inside the vault folder.
pub const DB_FILE: &str = "vault.db";
/// The key file's name inside the vault folder.
pub const KEY_FILE: &str = "key.age";
/// A new key file is written here, then renamed over [`KEY_FILE`].
pub const STAGED_KEY_FILE: &str = "key.age.new";

/// The folder the app and the command line use when none is given: the platform's data
/// folder (`~/.local/share/attune` on Linux) and `attune/` in it.
pub fn default_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join("attune"))
        .ok_or_else(|| Error::Io {
            action: "find this computer's data folder",
            source: std::io::Error::other("no home folder is set"),
        })
}

/// Whether `dir` holds a vault (its key file), locked or not.
pub fn exists(dir: &Path) -> bool {
    dir.join(KEY_FILE).is_file()
}

/// What the first screen needs: whether there is a vault, whether `open` (the app's unlocked
/// vault, if any) is it, and whether its key is remembered. A keyring that cannot be reached
/// counts as "not remembered": the passphrase then opens the vault as usual.
pub fn status(dir: &Path, open: Option<&Vault>, store: &dyn KeyStore) -> VaultStatus {
    let exists = exists(dir);
    let remembered = exists
        && account(dir)
            .and_then(|account| store.find(&account))
            .is_ok_and(|key| key.is_some());
    VaultStatus {
        dir: dir.display().to_string(),
        exists,
        unlocked: open.is_some_and(|vault| vault.dir == dir),
        remembered,
        recovered: Vec::new(),
    }
}

/// An unlocked vault.
pub struct Vault {
    dir: PathBuf,
    conn: Connection,
    key: DataKey,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a new vault in `dir` (made if needed) and returns it unlocked.
    ///
    /// # Errors
    /// [`Error::WeakPassphrase`] under 12 characters; [`Error::VaultExists`] if `dir` already
    /// holds a vault (nothing is overwritten).
    #[tracing::instrument(skip(passphrase), err)]
    pub fn create(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        Self::build(dir, passphrase, |dir, key| {
            let mut conn = open_db(dir, key, true)?;
            schema::migrate(&mut conn, dir)?;
            audit::append(&conn, "vault.created", "vault", "")?;
            Ok(Vault {
                dir: dir.to_path_buf(),
                conn,
                key: key.duplicate(),
            })
        })
    }

    /// Creates a new vault in `dir` holding a copy of `plain`, an unencrypted database at the
    /// current schema (a restored backup, in memory), under a new data key.
    pub(crate) fn create_from_plain(
        dir: &Path,
        passphrase: &SecretString,
        plain: &Connection,
    ) -> Result<Vault> {
        Self::build(dir, passphrase, |dir, key| {
            let path = dir.join(DB_FILE);
            let path = path.to_str().ok_or_else(|| {
                Error::invalid("vault", "The vault folder's name must be valid text.")
            })?;
            let version = schema::version(plain)?;
            plain.execute(
                "ATTACH DATABASE ?1 AS restored KEY ?2",
                rusqlite::params![path, key.raw_literal().as_str()],
            )?;
            plain.execute_batch(&PageMac::CURRENT.pragma("restored"))?;
            // sqlcipher_export copies the schema and every row, but not `user_version`.
            let exported = plain
                .query_row("SELECT sqlcipher_export('restored')", [], |_| Ok(()))
                .and_then(|()| plain.pragma_update(Some("restored"), "user_version", version));
            plain.execute_batch("DETACH DATABASE restored")?;
            exported?;
            make_private(&dir.join(DB_FILE))?;
            Self::open_with_key(dir, key.duplicate())
        })
    }

    /// Creates a new vault in `dir` from the pages of a plain database laid out as a vault's
    /// are ([`Pages::fit`]), in order, as they come: each is encrypted under a new data key as
    /// it is written, which is what makes a restore about as fast as decrypting the backup.
    /// `checked` is called once every page has been handed over (or the pages stopped); only
    /// if it passes is the new vault opened, and so migrated from an older schema.
    ///
    /// # Errors
    /// The first problem among the pages, or `checked`'s verdict, or [`Error::Database`] if a
    /// page cannot be written; the folder's files are removed then.
    pub(crate) fn create_from_pages(
        dir: &Path,
        passphrase: &SecretString,
        pages: impl Iterator<Item = Result<zeroize::Zeroizing<Vec<u8>>>>,
        checked: impl FnOnce() -> Result<()>,
    ) -> Result<Vault> {
        Self::build(dir, passphrase, |dir, key| {
            let written = Pages::write(dir, key, pages);
            // Always asked, so that the checking thread is joined whatever happened here.
            let verdict = checked();
            written?;
            verdict?;
            Self::open_with_key(dir, key.duplicate())
        })
    }

    /// Makes the folder and a data key, lets `fill` make and open the database, and writes
    /// `key.age` last: until it exists the folder is not a vault. On failure, what was written
    /// is removed.
    fn build(
        dir: &Path,
        passphrase: &SecretString,
        fill: impl FnOnce(&Path, &DataKey) -> Result<Vault>,
    ) -> Result<Vault> {
        passphrase::require_acceptable(passphrase)?;
        if dir.join(KEY_FILE).exists() || dir.join(DB_FILE).exists() {
            return Err(Error::VaultExists(dir.to_path_buf()));
        }
        create_private_dir(dir)?;
        let key = DataKey::generate()?;
        // Protecting the key with the passphrase (a deliberate second of work) needs nothing
        // from the database, so it runs beside the filling: a restore waits for the longer of
        // the two, not for both.
        let created = std::thread::scope(|scope| {
            let wrapping = scope.spawn(|| key::wrap(&key, passphrase));
            let vault = fill(dir, &key);
            let wrapped = wrapping.join().map_err(|_| Error::Io {
                action: "protect the vault's key",
                source: std::io::Error::other("the key's protection stopped unexpectedly"),
            })?;
            let vault = vault?;
            StagedKeyFile::write(dir, &wrapped?)?.commit()?;
            Ok(vault)
        });
        if created.is_err() {
            for leftover in [DB_FILE, "vault.db-wal", "vault.db-shm", STAGED_KEY_FILE] {
                let _ = fs::remove_file(dir.join(leftover));
            }
        }
        created
    }

    /// Unlocks the vault in `dir` with the passphrase.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`]; [`Error::VaultMissing`]; [`Error::VaultCorrupt`];
    /// [`Error::VaultTooNew`] (the files are left exactly as they were).
    #[tracing::instrument(skip(passphrase), err)]
    pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        let wrapped = key::read_key_file(dir, &dir.join(KEY_FILE))?;
        let key = key::unwrap(dir, &wrapped, passphrase)?;
        Self::open_with_key(dir, key)
    }

    /// Unlocks with the key remembered in `store`, if there is one. A remembered key that no
    /// longer opens the vault is forgotten, and `None` returned, so the passphrase is asked.
    #[tracing::instrument(skip(store), err)]
    pub fn unlock_remembered(dir: &Path, store: &dyn KeyStore) -> Result<Option<Vault>> {
        if !exists(dir) {
            return Err(Error::VaultMissing(dir.to_path_buf()));
        }
        let account = account(dir)?;
        let Some(key) = store.find(&account)? else {
            return Ok(None);
        };
        match Self::open_with_key(dir, key) {
            Ok(vault) => Ok(Some(vault)),
            Err(Error::VaultCorrupt { .. }) => {
                store.forget(&account)?;
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    pub(crate) fn open_with_key(dir: &Path, key: DataKey) -> Result<Vault> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(Error::VaultCorrupt {
                path: dir.to_path_buf(),
                detail: format!("{DB_FILE} is missing"),
            });
        }
        // An empty file would open as a new, empty database and be built again silently: a
        // vault's database is never empty, so this one was cut short.
        if fs::metadata(&db).map_err(Error::file("read", &db))?.len() == 0 {
            return Err(Error::VaultCorrupt {
                path: dir.to_path_buf(),
                detail: format!("{DB_FILE} is empty"),
            });
        }
        let mut conn = open_db(dir, &key, false).map_err(|e| e.in_vault(dir))?;
        schema::migrate(&mut conn, dir).map_err(|e| e.in_vault(dir))?;
        Ok(Vault {
            dir: dir.to_path_buf(),
            conn,
            key,
        })
    }

    /// Locks the vault: closes the database and zeroizes the key.
    #[tracing::instrument]
    pub fn lock(self) -> Result<()> {
        let Vault { conn, key, .. } = self;
        drop(key);
        conn.close().map_err(|(_, e)| Error::Database(e))
    }

    /// Closes the database and hands back the key, to open the vault again elsewhere (after
    /// its folder has been moved).
    pub(crate) fn close_keeping_key(self) -> Result<DataKey> {
        let Vault { conn, key, .. } = self;
        conn.close().map_err(|(_, e)| Error::Database(e))?;
        Ok(key)
    }

    /// The vault folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database connection, for the store modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database connection for a write transaction, for the store modules.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Changes the passphrase: only `key.age` is rewritten, atomically, so the data key and the
    /// database are untouched and a crash leaves either the old or the new passphrase working.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`] if `current` is not the vault's passphrase;
    /// [`Error::WeakPassphrase`] if `new` is too short.
    #[tracing::instrument(skip_all, err)]
    pub fn change_passphrase(&self, current: &SecretString, new: &SecretString) -> Result<()> {
        self.stage_passphrase_change(current, new)?.commit()?;
        audit::append(&self.conn, "vault.passphrase_changed", "vault", "")
    }

    /// The first half of [`Vault::change_passphrase`]: the new key file written and flushed
    /// beside the old one, not yet in place. Dropping the result discards it.
    #[tracing::instrument(skip_all, err)]
    pub fn stage_passphrase_change(
        &self,
        current: &SecretString,
        new: &SecretString,
    ) -> Result<StagedKeyFile> {
        let on_disk = key::read_key_file(&self.dir, &self.dir.join(KEY_FILE))?;
        let found = key::unwrap(&self.dir, &on_disk, current)?;
        if found.as_bytes() != self.key.as_bytes() {
            return Err(Error::VaultCorrupt {
                path: self.dir.clone(),
                detail: "the key file does not belong to this database".to_owned(),
            });
        }
        passphrase::require_acceptable(new)?;
        StagedKeyFile::write(&self.dir, &key::wrap(&self.key, new)?)
    }

    /// Remembers the data key in `store`, so the vault unlocks on this device without the
    /// passphrase.
    #[tracing::instrument(skip(store), err)]
    pub fn remember(&self, store: &dyn KeyStore) -> Result<()> {
        store.save(&account(&self.dir)?, &self.key)?;
        audit::append(&self.conn, "vault.remembered_on_device", "vault", "")
    }

    /// Removes the remembered key from `store`.
    #[tracing::instrument(skip(store), err)]
    pub fn forget(&self, store: &dyn KeyStore) -> Result<()> {
        store.forget(&account(&self.dir)?)?;
        audit::append(&self.conn, "vault.forgotten_on_device", "vault", "")
    }

    /// Whether `store` holds a key for this vault.
    pub fn is_remembered(&self, store: &dyn KeyStore) -> Result<bool> {
        Ok(store.find(&account(&self.dir)?)?.is_some())
    }

    /// Checks the database page by page (`integrity_check`), every page's authentication code
    /// (`cipher_integrity_check`), and the audit log's hash chain; counts the rows of each
    /// table.
    #[tracing::instrument(err)]
    pub fn check(&self) -> Result<CheckReport> {
        self.check_pages().map_err(|e| e.in_vault(&self.dir))
    }

    fn check_pages(&self) -> Result<CheckReport> {
        let strings = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let integrity = strings("PRAGMA integrity_check")?;
        let cipher_problems = strings("PRAGMA cipher_integrity_check")?;
        let cipher_version = strings("PRAGMA cipher_version")?.join(" ");
        let row_counts = row_counts(&self.conn)?;
        Ok(CheckReport {
            schema_version: schema::version(&self.conn)?,
            supported_version: schema::CURRENT_VERSION,
            cipher_version,
            integrity_ok: integrity == ["ok"],
            integrity,
            cipher_problems,
            audit: audit::verify(&self.conn)?,
            row_counts,
        })
    }
}

/// Rows per table of the database behind `conn`.
pub(crate) fn row_counts(conn: &Connection) -> Result<Vec<TableCount>> {
    counts_of(
        conn,
        "SELECT name FROM sqlite_schema WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
}

/// Rows per table of her records: [`row_counts`] without the search indexes' virtual tables
/// and the tables FTS5 keeps for them (counting those read most of the index's pages, a tenth
/// of a backup's time at ten years, and they are rebuilt from the records anyway).
pub(crate) fn record_counts(conn: &Connection) -> Result<Vec<TableCount>> {
    counts_of(
        conn,
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
}

fn counts_of(conn: &Connection, tables: &str) -> Result<Vec<TableCount>> {
    let tables = conn
        .prepare(tables)?
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tables
        .into_iter()
        .map(|table| {
            let quoted = table.replace('"', "\"\"");
            let rows = conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                r.get(0)
            })?;
            Ok(TableCount { table, rows })
        })
        .collect()
}

/// A vault's pages as SQLCipher lays them out, and writing a plain database's pages into a
/// new vault through SQLite's `sqlite_dbpage` table (the pager encrypts each as it is written).
pub(crate) struct Pages;

impl Pages {
    /// SQLite's default page size, which every vault has.
    pub(crate) const SIZE: usize = 4096;
    /// The bytes SQLCipher keeps at the end of every page of every vault: room for a 16-byte
    /// IV and a 64-byte HMAC-SHA512 tag. SQLCipher sets it when the key is given, from its
    /// default, and choosing HMAC-SHA256 afterwards never shrinks it (SQLite keeps the larger
    /// reserve), so a SHA-256 vault uses 48 of the same 80 bytes and old and new vaults' pages
    /// have one layout. `tests/backup.rs` holds our backups to it.
    const RESERVE: u8 = 80;

    /// Whether a plain database that starts with `head` has a vault's page size and reserve
    /// (which a backup's plain pages keep), so that its pages can be written into a new vault
    /// as they are.
    pub(crate) fn fit(head: &[u8]) -> bool {
        head.len() >= 100
            && head.starts_with(b"SQLite format 3\0")
            && usize::from(u16::from_be_bytes([head[16], head[17]])) == Self::SIZE
            && head[20] == Self::RESERVE
    }

    /// The database's size as its header gives it (page count at offset 28, valid when the
    /// change counter at 24 matches the one at 92, as SQLite since 3.7.0 always writes it), for
    /// a database whose head [`Pages::fit`].
    pub(crate) fn size_in_header(head: &[u8]) -> Option<usize> {
        let word =
            |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        let pages = word(28);
        (Self::fit(head) && pages > 0 && word(24) == word(92)).then(|| pages as usize * Self::SIZE)
    }

    /// Writes `pages` (chunks of whole pages, in order from page 1) as the database of the new
    /// vault in `dir`, in one transaction, and flushes it.
    fn write(
        dir: &Path,
        key: &DataKey,
        pages: impl Iterator<Item = Result<zeroize::Zeroizing<Vec<u8>>>>,
    ) -> Result<()> {
        let conn = Connection::open_with_flags(
            dir.join(DB_FILE),
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        make_private(&dir.join(DB_FILE))?;
        conn.execute_batch(&key.key_pragma())?;
        conn.execute_batch(&PageMac::CURRENT.pragma("main"))?;
        // No journal: an unfinished new vault is never opened (its folder is removed, and
        // without `key.age` it is not a vault); the one commit flushes the file.
        conn.execute_batch(
            "PRAGMA cipher_memory_security = OFF;
             PRAGMA journal_mode = OFF;
             PRAGMA synchronous = FULL;
             BEGIN IMMEDIATE;",
        )?;
        let mut insert = conn.prepare("INSERT INTO sqlite_dbpage (pgno, data) VALUES (?1, ?2)")?;
        let mut pgno = 0i64;
        for chunk in pages {
            for page in chunk?.chunks(Self::SIZE) {
                pgno += 1;
                insert.execute(rusqlite::params![pgno, page])?;
            }
        }
        drop(insert);
        conn.execute_batch("COMMIT")?;
        conn.close().map_err(|(_, e)| Error::Database(e))
    }
}

/// The name under which a vault's key is remembered: its folder's full path.
fn account(dir: &Path) -> Result<String> {
    let path = fs::canonicalize(dir).map_err(Error::io("find the vault folder"))?;
    Ok(path.to_string_lossy().into_owned())
}

/// Owner-only permissions on a file.
fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(Error::io("make the database private"))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(Error::io("create the vault folder"))
}

/// How a vault's pages are authenticated (SQLCipher's `cipher_hmac_algorithm`).
///
/// New vaults use HMAC-SHA256: computing every page's HMAC was most of SQLCipher's cost, and
/// SHA-256 runs in the processor's SHA extensions where SHA-512 (SQLCipher's default) has none;
/// a full read of the ten-year vault took 1.9 s with SHA-512 and 1.0 s with SHA-256 (README,
/// "Measurements"). A 256-bit tag under a 256-bit key is far beyond what a page needs (SQLCipher
/// 3 used HMAC-SHA1). Vaults made before keep SHA-512 and open as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageMac {
    Sha256,
    /// SQLCipher 4's default, which vaults made before December 2026 use.
    Sha512,
}

impl PageMac {
    /// What a new vault uses.
    pub(crate) const CURRENT: PageMac = PageMac::Sha256;

    /// The pragma that selects it on a keyed connection, before the first read.
    fn pragma(self, schema: &str) -> String {
        let name = match self {
            PageMac::Sha256 => "HMAC_SHA256",
            PageMac::Sha512 => "HMAC_SHA512",
        };
        format!("PRAGMA {schema}.cipher_hmac_algorithm = {name};")
    }
}

/// How many times `PRAGMA key` is tried on a new connection.
const KEY_ATTEMPTS: u32 = 3;

/// Opens `vault.db` with the key and applies the connection settings, after refusing a newer
/// schema (so that nothing, not even a pragma, writes to a vault this build does not know).
fn open_db(dir: &Path, key: &DataKey, create: bool) -> Result<Connection> {
    let corrupt = |detail: &str| Error::VaultCorrupt {
        path: dir.to_path_buf(),
        detail: detail.to_owned(),
    };
    let unreadable =
        || corrupt("the data key does not open the database, or its pages are damaged");
    let conn = match connect(dir, key, create, PageMac::CURRENT)? {
        Some(conn) => conn,
        None if create => return Err(unreadable()),
        // An older vault, whose pages carry SHA-512 tags; a wrong key or damaged pages fail both.
        None => connect(dir, key, false, PageMac::Sha512)?.ok_or_else(unreadable)?,
    };
    schema::refuse_newer(&conn)?;
    conn.execute_batch(
        // Off, as SQLCipher's default: on, it locked and unlocked memory at every allocation,
        // making large reads and writes several times slower (README, "Memory").
        "PRAGMA cipher_memory_security = OFF;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;",
    )?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(corrupt("the database refused write-ahead logging"));
    }
    Ok(conn)
}

/// A keyed connection to `vault.db` whose pages are authenticated by `mac`, or `None` if its
/// first page does not authenticate so (another MAC, a wrong key, or damage).
fn connect(dir: &Path, key: &DataKey, create: bool, mac: PageMac) -> Result<Option<Connection>> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn =
        Connection::open_with_flags(dir.join(DB_FILE), flags).map_err(|_| Error::VaultCorrupt {
            path: dir.to_path_buf(),
            detail: "the database file cannot be opened".to_owned(),
        })?;
    // Every write transaction takes the write lock when it begins, so it waits its turn behind
    // another writer (the busy timeout) instead of failing when it first writes after reading.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    if create {
        // SQLite gives its WAL and shared-memory files the database file's mode.
        make_private(&dir.join(DB_FILE))?;
    }
    // SQLCipher logs a failed page authentication to stderr; the error we return says it.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // Another window or command may be writing: wait for it, then say so in words.
    conn.busy_timeout(std::time::Duration::from_secs(
        crate::error::BUSY_WAIT_SECONDS,
    ))?;
    // Rarely (twice in many CI runs, under parallel test load) SQLCipher refuses `PRAGMA key`
    // on a fresh connection with "An error occurred with PRAGMA key or rekey" before touching
    // the file; a second attempt succeeds. Nothing is written until the key is set, so trying
    // again is safe. The cause is not yet understood (see the closing note of stop 9).
    let mut attempt = 0;
    while let Err(e) = conn.execute_batch(&key.key_pragma()) {
        attempt += 1;
        if attempt == KEY_ATTEMPTS {
            return Err(e.into());
        }
        tracing::warn!(attempt, "SQLCipher refused the key pragma; trying again");
        std::thread::sleep(std::time::Duration::from_millis(20 * attempt as u64));
    }
    conn.execute_batch(&mac.pragma("main"))?;
    // SQLCipher checks the key on first read, so read now.
    let read = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    });
    Ok(read.ok().map(|_| conn))
}

/// A new `key.age`, written and flushed beside the current one. [`StagedKeyFile::commit`]
/// renames it into place; dropping it uncommitted removes it.
#[derive(Debug)]
pub struct StagedKeyFile {
    dir: PathBuf,
    committed: bool,
}

impl StagedKeyFile {
    fn write(dir: &Path, bytes: &[u8]) -> Result<StagedKeyFile> {
        let staged = dir.join(STAGED_KEY_FILE);
        // A leftover from an earlier crash holds a key file nobody committed: replace it.
        match fs::remove_file(&staged) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("remove an unfinished key file")(e)),
        }
        key::write_durably(&staged, bytes)?;
        Ok(StagedKeyFile {
            dir: dir.to_path_buf(),
            committed: false,
        })
    }

    /// Puts the new key file in place: rename over `key.age`, then flush the folder.
    pub fn commit(mut self) -> Result<()> {
        fs::rename(self.dir.join(STAGED_KEY_FILE), self.dir.join(KEY_FILE))
            .map_err(Error::io("put the new key file in place"))?;
        self.committed = true;
        key::sync_dir(&self.dir)
    }
}

impl Drop for StagedKeyFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(self.dir.join(STAGED_KEY_FILE));
        }
    }
}

/// The result of [`Vault::check`].
#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckReport {
    /// The database's schema version.
    pub schema_version: i64,
    /// The newest schema version this build knows.
    pub supported_version: i64,
    /// SQLCipher's version string.
    pub cipher_version: String,
    /// Whether `PRAGMA integrity_check` said "ok".
    pub integrity_ok: bool,
    /// What `PRAGMA integrity_check` said.
    pub integrity: Vec<String>,
    /// What `PRAGMA cipher_integrity_check` found wrong (nothing when all pages authenticate).
    pub cipher_problems: Vec<String>,
    /// The audit log's hash chain.
    pub audit: audit::ChainReport,
    /// Rows per table.
    pub row_counts: Vec<TableCount>,
}

impl CheckReport {
    /// Whether every check passed.
    pub fn is_healthy(&self) -> bool {
        self.integrity_ok && self.cipher_problems.is_empty() && self.audit.intact
    }
}

/// The number of rows in one table.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TableCount {
    /// Table name.
    pub table: String,
    /// Row count.
    #[ts(type = "number")]
    pub rows: i64,
}
