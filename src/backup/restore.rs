//! Opening a backup, checking it, and writing it out as a new vault: page by page while it is
//! decrypted, in a folder beside the vault, put in place only once every check has passed.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use age::secrecy::{ExposeSecret, SecretString};
use rusqlite::{Connection, OptionalExtension, MAIN_DB};
use zeroize::Zeroizing;

use super::{Manifest, FORMAT, MAX_WORK_FACTOR};
use crate::error::{BackupProblem, Error, Result};
use crate::store::audit;
use crate::vault::{self, schema, staged_name, Pages, Vault};

/// How much of the backup is decrypted and handed to the new vault at a time: a multiple of
/// every SQLite page size.
const CHUNK: usize = 1 << 20;
/// How many decrypted chunks may wait for the new vault.
const QUEUE: usize = 4;

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
    /// How the backup went into the new vault.
    pub copied: Copied,
}

/// How a backup was written into the new vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// Page by page while it was decrypted: a backup laid out as a vault's pages are (every
    /// backup Attune makes).
    PageByPage,
    /// Read whole, then row by row (`sqlcipher_export`): any other SQLite database.
    RowByRow,
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

/// [`restore`], calling `before_writing` once the backup is decrypted, checked and written
/// into a new vault beside `target`, and before anything at `target` is touched: the app
/// closes the open vault there. The backup has been read in full by then, so whatever
/// `before_writing` does to the file (an automatic backup's rotation) cannot pull it away.
///
/// # Errors
/// As [`restore`], and whatever `before_writing` returns (the new vault is removed then).
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
    let opening = begin(file, unlocker)?;
    vault::discard_unfinished(target)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let staging = staged_name(target, "restoring", &stamp)?;
    let built = build(opening, file, &staging, passphrase).and_then(|built| {
        before_writing()?;
        Ok(built)
    });
    let (key, manifest, copied) = match built {
        Ok(built) => built,
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
        copied,
    })
}

/// Writes the backup as a new vault in `staging` and returns its key, closed. A backup laid out
/// as a vault's pages are (every backup Attune makes) is written page by page while it is
/// decrypted and checked; any other SQLite database is read whole, checked, and copied row by
/// row.
fn build(
    opening: Opening,
    file: &Path,
    staging: &Path,
    passphrase: &SecretString,
) -> Result<(vault::key::DataKey, Manifest, Copied)> {
    let (mut restored, manifest, copied) = if vault::Pages::fit(&opening.first) {
        let (restored, manifest) = stream(opening, staging, passphrase)?;
        (restored, manifest, Copied::PageByPage)
    } else {
        let (plain, manifest) = opening.into_memory(file)?;
        let restored = Vault::create_from_plain(staging, passphrase, &plain)?;
        (restored, manifest, Copied::RowByRow)
    };
    restored
        .conn_mut()
        .execute("DELETE FROM backup_manifest", [])?;
    audit::append(
        restored.conn(),
        "vault.restored",
        "vault",
        &format!("backup of {}", manifest.created_at),
    )?;
    Ok((restored.close_keeping_key()?, manifest, copied))
}

/// Decrypts the rest of the backup on another thread, handing each chunk to the new vault as
/// it comes, then checks the whole image there while the new vault finishes writing. The new
/// vault is opened (and an older schema migrated) only once the check has passed.
fn stream(
    opening: Opening,
    staging: &Path,
    passphrase: &SecretString,
) -> Result<(Vault, Manifest)> {
    std::thread::scope(|scope| {
        let (pieces, received) = mpsc::sync_channel(QUEUE);
        let checking = scope.spawn(move || opening.decrypt_and_check(pieces));
        let mut manifest = None;
        let vault = Vault::create_from_pages(staging, passphrase, received.into_iter(), || {
            let checked = checking.join().unwrap_or_else(|_| {
                Err(Error::BackupUnusable {
                    problem: BackupProblem::Damaged,
                })
            })?;
            manifest = Some(checked);
            Ok(())
        })?;
        let manifest = manifest.expect("the vault opens only after the check passed");
        Ok((vault, manifest))
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
    begin(file, unlocker)?.into_memory(file)
}

fn unusable(problem: BackupProblem) -> Error {
    Error::BackupUnusable { problem }
}

/// A backup whose age header has been opened with the right key, and its first chunk
/// decrypted (enough to see how its pages are laid out).
struct Opening {
    reader: Box<dyn Read + Send>,
    first: Zeroizing<Vec<u8>>,
    /// An upper bound on the plaintext's length (the file's), so that the image is allocated
    /// once and never reallocated (which would leave an unwiped copy behind).
    capacity: usize,
}

/// Opens the age file with the unlocker and decrypts its first chunk.
fn begin(file: &Path, unlocker: &Unlocker) -> Result<Opening> {
    let opened = fs::File::open(file).map_err(Error::file("read the backup file", file))?;
    let capacity = opened
        .metadata()
        .map_err(Error::file("read the backup file", file))?
        .len() as usize
        + 64;
    let mut buffered = BufReader::with_capacity(CHUNK, opened);
    let looks_like_age = looks_like_age(
        buffered
            .fill_buf()
            .map_err(Error::file("read the backup file", file))?,
    );
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(buffered))
        .map_err(|e| match e {
            age::DecryptError::InvalidMac => unusable(BackupProblem::Damaged),
            _ if looks_like_age => unusable(BackupProblem::Damaged),
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
    let first = read_chunk(&mut reader)?;
    Ok(Opening {
        reader: Box::new(reader),
        first,
        capacity,
    })
}

/// Up to [`CHUNK`] bytes of plaintext; fewer only at the end. A failure to decrypt (a damaged,
/// altered or cut-short file) is [`BackupProblem::Damaged`].
fn read_chunk(reader: &mut dyn Read) -> Result<Zeroizing<Vec<u8>>> {
    let mut chunk = Zeroizing::new(Vec::with_capacity(CHUNK));
    reader
        .take(CHUNK as u64)
        .read_to_end(&mut chunk)
        .map_err(|_| unusable(BackupProblem::Damaged))?;
    Ok(chunk)
}

impl Opening {
    /// Decrypts the rest into memory, checks it, and migrates an older schema in memory.
    fn into_memory(self, file: &Path) -> Result<(Connection, Manifest)> {
        let Opening {
            mut reader,
            first,
            capacity,
        } = self;
        let mut image = Zeroizing::new(Vec::with_capacity(capacity.max(first.len())));
        image.extend_from_slice(&first);
        drop(first);
        reader
            .read_to_end(&mut image)
            .map_err(|_| unusable(BackupProblem::Damaged))?;
        let (mut conn, manifest) = check(&image)?;
        drop(image);
        schema::migrate(&mut conn, file)?;
        Ok((conn, manifest))
    }

    /// Decrypts the rest into SQLite's memory, the copy that is checked, handing each chunk to
    /// the new vault once SQLite has read it (a problem is sent in place of a chunk, and ends
    /// the stream); closes the stream; then checks the copy while the new vault commits. The
    /// size comes from the database's own header, so the image is held once, not twice.
    fn decrypt_and_check(
        self,
        pieces: mpsc::SyncSender<Result<Zeroizing<Vec<u8>>>>,
    ) -> Result<Manifest> {
        let Opening {
            reader,
            first,
            capacity,
        } = self;
        let size = Pages::size_in_header(&first).filter(|size| *size <= capacity);
        let mut tee = Tee {
            reader,
            chunk: first,
            at: 0,
            pieces: &pieces,
            problem: None,
        };
        let Some(size) = size else {
            return Err(tee.stop(BackupProblem::Inconsistent));
        };
        let mut conn = Connection::open_in_memory()?;
        if conn
            .deserialize_read_exact(MAIN_DB, &mut tee, size, false)
            .is_err()
        {
            let problem = tee.problem.unwrap_or(BackupProblem::Inconsistent);
            return Err(tee.stop(problem));
        }
        tee.finish()?;
        // The end of the stream: the new vault commits while the copy is checked here.
        drop(pieces);
        check_database(&conn)
    }
}

/// The plaintext as SQLite reads it, each chunk passed on to the new vault once read.
struct Tee<'a> {
    reader: Box<dyn Read + Send>,
    chunk: Zeroizing<Vec<u8>>,
    at: usize,
    pieces: &'a mpsc::SyncSender<Result<Zeroizing<Vec<u8>>>>,
    /// Why the plaintext stopped, when it did.
    problem: Option<BackupProblem>,
}

impl Tee<'_> {
    /// Passes the chunk just read on to the new vault and decrypts the next (whole pages only).
    fn pass_on(&mut self) -> std::io::Result<()> {
        let next = read_chunk(&mut self.reader).map_err(|_| self.fail(BackupProblem::Damaged))?;
        if next.len() % Pages::SIZE != 0 {
            return Err(self.fail(BackupProblem::Inconsistent));
        }
        let spent = std::mem::replace(&mut self.chunk, next);
        self.at = 0;
        if !spent.is_empty() && self.pieces.send(Ok(spent)).is_err() {
            // The new vault stopped taking pages; its own error says why.
            return Err(std::io::Error::other("the new vault stopped"));
        }
        Ok(())
    }

    fn fail(&mut self, problem: BackupProblem) -> std::io::Error {
        self.problem = Some(problem);
        std::io::Error::other("the backup's plaintext stopped")
    }

    /// Ends the stream with `problem`, so that the new vault stops too.
    fn stop(&mut self, problem: BackupProblem) -> Error {
        let _ = self.pieces.send(Err(unusable(problem)));
        unusable(problem)
    }

    /// After SQLite has read the whole database: passes on the last chunk and makes sure
    /// nothing follows it (a database longer than its header says is not one Attune wrote).
    fn finish(&mut self) -> Result<()> {
        if self.at != self.chunk.len() || self.pass_on().is_err() || !self.chunk.is_empty() {
            let problem = self.problem.unwrap_or(BackupProblem::Inconsistent);
            return Err(self.stop(problem));
        }
        Ok(())
    }
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.chunk.len() {
            self.pass_on()?;
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Checks a decrypted image held in memory (the route of any other SQLite database).
fn check(image: &[u8]) -> Result<(Connection, Manifest)> {
    if !image.starts_with(b"SQLite format 3\0") {
        return Err(unusable(BackupProblem::NotAttune));
    }
    let mut conn = Connection::open_in_memory()?;
    conn.deserialize_read_exact(MAIN_DB, image, image.len(), false)
        .map_err(|_| unusable(BackupProblem::Inconsistent))?;
    let manifest = check_database(&conn)?;
    Ok((conn, manifest))
}

/// Checks a backup's database: SQLite's structure, Attune's manifest, a schema this build knows.
fn check_database(conn: &Connection) -> Result<Manifest> {
    if !structurally_sound(conn).unwrap_or(false) {
        return Err(unusable(BackupProblem::Inconsistent));
    }
    let manifest = read_manifest(conn)
        .map_err(|_| unusable(BackupProblem::NotAttune))?
        .filter(|m| m.format == FORMAT)
        .ok_or(unusable(BackupProblem::NotAttune))?;
    let found = schema::version(conn)?;
    if found > schema::CURRENT_VERSION {
        return Err(Error::BackupTooNew {
            found,
            supported: schema::CURRENT_VERSION,
        });
    }
    Ok(manifest)
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
