//! Opening a backup in memory, checking it, and writing it out as a new vault.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use rusqlite::{Connection, OptionalExtension, MAIN_DB};
use zeroize::Zeroizing;

use super::{Manifest, FORMAT, MAX_WORK_FACTOR};
use crate::error::{BackupProblem, Error, Result};
use crate::store::audit;
use crate::vault::{self, schema, staged_name, Vault};

/// What opens a backup.
pub enum Unlocker {
    /// The passphrase it was made with.
    Passphrase(SecretString),
    /// Identities (the recovery key, or any age identity it was encrypted to).
    Identities(Vec<Box<dyn age::Identity + Send + Sync>>),
}

impl std::fmt::Debug for Unlocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unlocker::Passphrase(_) => f.write_str("Unlocker::Passphrase(..)"),
            Unlocker::Identities(i) => write!(f, "Unlocker::Identities({} identities)", i.len()),
        }
    }
}

/// A restored vault.
#[derive(Debug)]
pub struct Restored {
    /// The new vault, unlocked.
    pub vault: Vault,
    /// What the backup's manifest said.
    pub manifest: Manifest,
    /// Where the vault that was there before now is, if one was replaced. It is kept until
    /// the therapist removes it.
    pub previous: Option<PathBuf>,
}

/// Decrypts and checks a backup without writing anything, and says what it holds.
///
/// # Errors
/// [`Error::BackupWrongKey`], [`Error::BackupUnusable`], [`Error::BackupTooNew`].
pub fn inspect(file: &Path, unlocker: &Unlocker) -> Result<Manifest> {
    let (_conn, manifest) = open(file, unlocker)?;
    Ok(manifest)
}

/// Restores the backup `file` into a new vault at `target`, protected by `passphrase`.
///
/// The backup is decrypted and checked in memory first; nothing is written until it has
/// passed. If `target` already holds a vault, the restore is refused unless `replace`, and
/// even then the old vault is moved aside (`<target>.before-restore-<time>`), not deleted.
///
/// # Errors
/// [`Error::VaultExists`] without `replace`; [`Error::WeakPassphrase`]; every error of
/// [`inspect`]. On any error, no file outside a temporary folder has changed, and that folder
/// is removed.
pub fn restore(
    file: &Path,
    unlocker: &Unlocker,
    target: &Path,
    passphrase: &SecretString,
    replace: bool,
) -> Result<Restored> {
    restore_with(file, unlocker, target, passphrase, replace, || Ok(()))
}

/// [`restore`], calling `before_writing` once the backup is decrypted and checked and before
/// anything is written: the app closes the open vault there. The backup is already in memory
/// by then, so whatever `before_writing` does to the file (an automatic backup's rotation)
/// cannot pull it away.
///
/// # Errors
/// As [`restore`], and whatever `before_writing` returns (nothing is written then).
#[tracing::instrument(skip(unlocker, passphrase, before_writing), err)]
pub fn restore_with(
    file: &Path,
    unlocker: &Unlocker,
    target: &Path,
    passphrase: &SecretString,
    replace: bool,
    before_writing: impl FnOnce() -> Result<()>,
) -> Result<Restored> {
    vault::passphrase::require_acceptable(passphrase)?;
    let occupied = vault::exists(target) || target.join(vault::DB_FILE).exists();
    if occupied && !replace {
        return Err(Error::VaultExists(target.to_path_buf()));
    }
    if !occupied
        && target.is_dir()
        && fs::read_dir(target)
            .map_err(Error::io("read the folder"))?
            .next()
            .is_some()
    {
        return Err(Error::invalid(
            "vault",
            format!(
                "{} already holds other files. Choose a new or empty folder for the restored vault.",
                target.display()
            ),
        ));
    }
    let (plain, manifest) = open(file, unlocker)?;
    before_writing()?;
    vault::discard_unfinished(target)?;

    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let staging = staged_name(target, "restoring", &stamp)?;
    let built = (|| {
        let mut restored = Vault::create_from_plain(&staging, passphrase, &plain)?;
        restored
            .conn_mut()
            .execute("DELETE FROM backup_manifest", [])?;
        audit::append(
            restored.conn(),
            "vault.restored",
            "vault",
            &format!("backup of {}", manifest.created_at),
        )?;
        restored.close_keeping_key()
    })();
    drop(plain);
    let key = match built {
        Ok(key) => key,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let previous = swap_in(target, &staging, &stamp, occupied)?;
    let vault = Vault::open_with_key(target, key)?;
    Ok(Restored {
        vault,
        manifest,
        previous,
    })
}

/// Puts the complete vault in `staging` in place of `target`, each step a rename that
/// [`vault::recover`] can finish or roll back if the process is killed between two: marked
/// complete (`restored`), the old vault moved aside (`before-restore`, kept), then in place.
/// The old vault's new name, if there was one.
fn swap_in(target: &Path, staging: &Path, stamp: &str, occupied: bool) -> Result<Option<PathBuf>> {
    let complete = staged_name(target, "restored", stamp)?;
    if let Err(e) = fs::rename(staging, &complete) {
        let _ = fs::remove_dir_all(staging);
        return Err(Error::file("mark the restored vault complete", &complete)(
            e,
        ));
    }
    let previous = if occupied {
        let aside = staged_name(target, "before-restore", stamp)?;
        fs::rename(target, &aside).map_err(Error::file("move the old vault aside to", &aside))?;
        Some(aside)
    } else {
        None
    };
    if target.is_dir() {
        // An empty folder was named: the restored vault takes its place.
        fs::remove_dir(target).map_err(Error::file("prepare the vault folder", target))?;
    }
    if let Err(e) = fs::rename(&complete, target) {
        if let Some(aside) = &previous {
            let _ = fs::rename(aside, target);
        }
        let _ = fs::remove_dir_all(&complete);
        return Err(Error::file("put the restored vault in place", target)(e));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        vault::key::sync_dir(parent)?;
    }
    Ok(previous)
}

/// Decrypts the backup into memory and checks it: age authentication, SQLite integrity,
/// manifest, schema version (an older one is migrated, in memory).
fn open(file: &Path, unlocker: &Unlocker) -> Result<(Connection, Manifest)> {
    let unusable = |problem| Error::BackupUnusable { problem };
    let sealed = fs::read(file).map_err(Error::file("read the backup file", file))?;
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(&sealed[..]))
        .map_err(|e| match e {
            age::DecryptError::InvalidMac => unusable(BackupProblem::Damaged),
            _ if looks_like_age(&sealed) => unusable(BackupProblem::Damaged),
            _ => unusable(BackupProblem::NotAge),
        })?;
    let scrypt_identity;
    let identities: Vec<&dyn age::Identity> = match unlocker {
        Unlocker::Passphrase(passphrase) => {
            if !decryptor.is_scrypt() {
                return Err(Error::BackupWrongKey);
            }
            let mut identity = age::scrypt::Identity::new(SecretString::from(
                passphrase.expose_secret().to_owned(),
            ));
            identity.set_max_work_factor(MAX_WORK_FACTOR);
            scrypt_identity = identity;
            vec![&scrypt_identity as &dyn age::Identity]
        }
        Unlocker::Identities(list) => list
            .iter()
            .map(|i| i.as_ref() as &dyn age::Identity)
            .collect(),
    };
    let mut reader = decryptor
        .decrypt(identities.into_iter())
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => Error::BackupWrongKey,
            _ => unusable(BackupProblem::Damaged),
        })?;
    // The plaintext is never longer than the file, so this never reallocates (which would
    // leave an unwiped copy behind).
    let mut image = Zeroizing::new(Vec::with_capacity(sealed.len() + 64));
    reader
        .read_to_end(&mut image)
        .map_err(|_| unusable(BackupProblem::Damaged))?;
    drop(reader);

    if !image.starts_with(b"SQLite format 3\0") {
        return Err(unusable(BackupProblem::NotAttune));
    }
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact(MAIN_DB, &image[..], image.len(), false)
        .map_err(|_| unusable(BackupProblem::Inconsistent))?;
    drop(image);
    if !structurally_sound(&conn).unwrap_or(false) {
        return Err(unusable(BackupProblem::Inconsistent));
    }
    let manifest = read_manifest(&conn)
        .map_err(|_| unusable(BackupProblem::NotAttune))?
        .filter(|m| m.format == FORMAT)
        .ok_or(unusable(BackupProblem::NotAttune))?;
    let found = schema::version(&conn)?;
    if found > schema::CURRENT_VERSION {
        return Err(Error::BackupTooNew {
            found,
            supported: schema::CURRENT_VERSION,
        });
    }
    schema::migrate(&mut conn, file)?;
    Ok((conn, manifest))
}

/// SQLite's own check of every table's and index's pages and records (`quick_check`), table by
/// table, leaving out what FTS5 would add for the search index: rereading every token list to
/// verify it against itself, which took two thirds of the check's time on ten years of notes
/// (README, "Measurements"). That is safe to leave out because age has already authenticated
/// every byte (a damaged or altered backup never reaches this point), the index's own tables
/// are checked like any other, and the worst a wrong token list could do is miss a search
/// result, which rebuilding the index mends; the records themselves are all checked.
fn structurally_sound(conn: &Connection) -> rusqlite::Result<bool> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' \
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let verdict: String = conn.query_row(
            &format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\"")),
            [],
            |r| r.get(0),
        )?;
        if verdict != "ok" {
            return Ok(false);
        }
    }
    Ok(true)
}

fn looks_like_age(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/")
        || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

fn read_manifest(conn: &Connection) -> rusqlite::Result<Option<Manifest>> {
    conn.query_row(
        "SELECT format, app_version, schema_version, created_at, counts \
         FROM backup_manifest WHERE id = 1",
        [],
        |r| {
            Ok(Manifest {
                format: r.get(0)?,
                app_version: r.get(1)?,
                schema_version: r.get(2)?,
                created_at: r.get(3)?,
                counts: r.get(4)?,
            })
        },
    )
    .optional()
}
