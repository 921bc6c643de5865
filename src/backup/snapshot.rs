//! Sealing the open vault into an age file: its pages read through SQLCipher (which decrypts
//! and authenticates each one) on this thread while age encrypts them on another, so a backup
//! takes about as long as the slower of the two rather than both.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;

use age::secrecy::ExposeSecret;
use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{Manifest, Protection, FORMAT, WORK_FACTOR};
use crate::error::{Error, Result};
use crate::files;
use crate::vault::{self, schema, Vault};

/// How many bytes of pages travel to the encryptor at a time (and how often progress is
/// reported): a multiple of every SQLite page size.
const CHUNK: usize = 1 << 20;
/// How many chunks may wait for the encryptor: enough to keep the reader going while the
/// encryptor waits for the disk (a backup file is flushed every 32 MB as it is written), few
/// enough that little plaintext is in memory at once.
const QUEUE: usize = 16;

/// What the page reader hands the encryptor.
enum Piece {
    Pages(Zeroizing<Vec<u8>>),
    /// Every page was read: only now may the age stream be finished. A reader that stops
    /// early sends nothing more, and the encryptor then refuses to finish a file that would
    /// look complete.
    End,
}

/// A sealed backup: where it went, what its manifest says, and the size of the plain image.
#[derive(Debug)]
pub struct Sealed<W> {
    /// The writer, with the whole age stream written to it.
    pub out: W,
    /// What the backup's manifest says.
    pub manifest: Manifest,
    /// The size of the vault's plain image in bytes.
    pub bytes: u64,
}

/// Seals the vault as it is now into `out`, calling `progress(done, total)` as it goes.
///
/// The backup is a plain SQLite database: the vault's pages as SQLCipher decrypts them, with
/// a manifest row. The manifest is written inside a transaction that is rolled back once the
/// pages are read, so the pages carry it while the vault itself is left exactly as it was;
/// the transaction holds the write lock, so the pages are one consistent moment.
///
/// # Errors
/// [`Error::Io`] if writing fails (`out` then holds an incomplete age stream, which no age
/// reader accepts); [`Error::Busy`] if another window holds the vault past the wait.
#[tracing::instrument(skip_all, err)]
pub fn seal<W: Write + Send>(
    vault: &mut Vault,
    out: W,
    protection: &Protection,
    armor: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Sealed<W>> {
    let encryptor = encryptor(protection)?;
    let tx = vault.conn_mut().transaction()?;
    let manifest = write_manifest(&tx)?;
    let total = tx.query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64;
    let (sealed, read) = std::thread::scope(|scope| {
        let (pieces, received) = mpsc::sync_channel(QUEUE);
        let (spent, reusable) = mpsc::channel();
        let sealing = scope.spawn(move || encrypt(encryptor, out, armor, &received, &spent));
        let read = read_pages(&tx, &pieces, &reusable, total, progress);
        drop(pieces);
        let sealed = sealing.join().unwrap_or_else(|_| {
            Err(Error::io("write the backup")(std::io::Error::other(
                "the encryption stopped unexpectedly",
            )))
        });
        (sealed, read)
    });
    // Rolled back: the manifest row existed only for the pages just read.
    drop(tx);
    // The encryptor's error says why the reader stopped when the disk refused.
    let out = sealed?;
    let bytes = read?;
    Ok(Sealed {
        out,
        manifest,
        bytes,
    })
}

/// Reads every page of the database behind `conn`, in order, into chunks for the encryptor;
/// returns the number of bytes read.
fn read_pages(
    conn: &Connection,
    pieces: &mpsc::SyncSender<Piece>,
    reusable: &mpsc::Receiver<Zeroizing<Vec<u8>>>,
    total: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64> {
    let stopped =
        || Error::io("write the backup")(std::io::Error::other("the encryption stopped early"));
    let fresh = || Zeroizing::new(Vec::with_capacity(CHUNK));
    let mut stmt = conn.prepare("SELECT data FROM sqlite_dbpage")?;
    let mut rows = stmt.query([])?;
    let mut chunk = fresh();
    let mut done = 0u64;
    while let Some(row) = rows.next()? {
        let page = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
        if chunk.len() + page.len() > CHUNK {
            done += chunk.len() as u64;
            pieces.send(Piece::Pages(chunk)).map_err(|_| stopped())?;
            progress(done, total);
            chunk = reusable.try_recv().unwrap_or_else(|_| fresh());
            chunk.clear();
        }
        // Within capacity, so no reallocation leaves an unwiped copy of the plaintext.
        chunk.extend_from_slice(page);
        if done == 0 && chunk.len() == page.len() && chunk.len() >= 20 {
            // The vault runs in WAL mode; mark the copy as a rollback-journal database so
            // that it opens anywhere, in memory or from a read-only medium, without a -wal
            // file.
            chunk[18] = 1;
            chunk[19] = 1;
        }
    }
    done += chunk.len() as u64;
    pieces.send(Piece::Pages(chunk)).map_err(|_| stopped())?;
    pieces.send(Piece::End).map_err(|_| stopped())?;
    progress(done, total);
    Ok(done)
}

/// The encryptor's side: age's stream over what the reader sends, finished only at
/// [`Piece::End`]. Spent chunks go back to the reader to be filled again.
fn encrypt<W: Write>(
    encryptor: age::Encryptor,
    out: W,
    armor: bool,
    pieces: &mpsc::Receiver<Piece>,
    spent: &mpsc::Sender<Zeroizing<Vec<u8>>>,
) -> Result<W> {
    let format = if armor {
        age::armor::Format::AsciiArmor
    } else {
        age::armor::Format::Binary
    };
    let failed = Error::io("write the backup");
    let armored = age::armor::ArmoredWriter::wrap_output(out, format).map_err(failed)?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(Error::io("write the backup"))?;
    loop {
        match pieces.recv() {
            Ok(Piece::Pages(chunk)) => {
                writer
                    .write_all(&chunk)
                    .map_err(Error::io("write the backup"))?;
                let _ = spent.send(chunk);
            }
            Ok(Piece::End) => break,
            Err(_) => {
                return Err(Error::io("read the vault")(std::io::Error::other(
                    "the vault's pages stopped before the end",
                )))
            }
        }
    }
    writer
        .finish()
        .and_then(|armored| armored.finish())
        .map_err(Error::io("finish the backup file"))
}

/// A backup file written in full beside its name and flushed, while the vault was held;
/// [`Staged::commit`] puts it in place once the vault is free again. Dropped uncommitted, it is
/// removed.
#[derive(Debug)]
pub struct Staged {
    file: files::Staged,
    manifest: Manifest,
    bytes: u64,
}

impl Staged {
    /// Seals the vault into `<path>.partial`. An existing file at `path` is never replaced.
    ///
    /// # Errors
    /// [`Error::Invalid`] if `path` exists; [`Error::Io`] if writing fails (nothing is left
    /// behind).
    pub fn write(
        vault: &mut Vault,
        path: &Path,
        protection: &Protection,
        armor: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Staged> {
        let mut taken = None;
        let file = files::Staged::write(path, files::Existing::Refuse, |out| {
            let sealed = seal(vault, out, protection, armor, progress)?;
            taken = Some((sealed.manifest, sealed.bytes));
            Ok(sealed.out)
        })?;
        let (manifest, bytes) = taken.expect("a staged file was sealed");
        Ok(Staged {
            file,
            manifest,
            bytes,
        })
    }

    /// What the backup's manifest says.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The size of the vault's plain image in bytes.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Where the backup will be once committed.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Puts the backup in place.
    ///
    /// # Errors
    /// [`Error::Io`]; the staged file is then removed.
    pub fn commit(self) -> Result<()> {
        self.file.commit()
    }
}

/// Counts the rows of her records and writes the manifest.
fn write_manifest(conn: &Connection) -> Result<Manifest> {
    let counts = vault::record_counts(conn)?
        .into_iter()
        .filter(|c| c.table != "backup_manifest")
        .map(|c| format!("{}={}", c.table, c.rows))
        .collect::<Vec<_>>()
        .join(",");
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: schema::version(conn)?,
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        counts,
    };
    conn.execute(
        "INSERT OR REPLACE INTO backup_manifest \
         (id, format, app_version, schema_version, created_at, counts) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            manifest.format,
            manifest.app_version,
            manifest.schema_version,
            manifest.created_at,
            manifest.counts
        ],
    )?;
    Ok(manifest)
}

fn encryptor(protection: &Protection) -> Result<age::Encryptor> {
    let refused = |e: age::EncryptError| Error::Io {
        action: "prepare the backup's encryption",
        source: std::io::Error::other(e.to_string()),
    };
    match protection {
        Protection::Passphrase(passphrase) => {
            let mut recipient = age::scrypt::Recipient::new(age::secrecy::SecretString::from(
                passphrase.expose_secret().to_owned(),
            ));
            recipient.set_work_factor(WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&recipient as _)).map_err(refused)
        }
        Protection::Recipients(recipients) => {
            if recipients.is_empty() {
                return Err(Error::invalid(
                    "recipient",
                    "A backup needs a passphrase or at least one recipient.",
                ));
            }
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(refused)
        }
    }
}
