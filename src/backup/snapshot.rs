//! Taking a consistent snapshot of the open vault, in memory, and sealing it into an age file.

use std::io::Write;
use std::path::Path;

use age::secrecy::ExposeSecret;
use rusqlite::serialize::Data;
use rusqlite::{Connection, MAIN_DB};

use super::{Manifest, Protection, FORMAT, WORK_FACTOR};
use crate::error::{Error, Result};
use crate::files;
use crate::vault::{self, schema, Vault};

/// How much is handed to the encryptor at a time (and how often progress is reported).
const CHUNK: usize = 1 << 20;

/// A plain SQLite copy of the vault, with its manifest, held in memory (an in-memory SQLite
/// database, which SQLCipher wipes when it is freed). Taking one holds the vault only while
/// its pages are read; sealing it does not need the vault at all.
pub struct Snapshot {
    image: Connection,
    bytes: u64,
    manifest: Manifest,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("manifest", &self.manifest)
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Takes a snapshot of the vault as it is now.
    ///
    /// SQLite's serialize reads every page of the vault through SQLCipher (which decrypts and
    /// authenticates each one) inside one read transaction, so the copy is consistent. The
    /// copy becomes an in-memory database, where the manifest is written: the vault itself is
    /// not written to at all.
    #[tracing::instrument(skip_all, err)]
    pub fn take(vault: &mut Vault) -> Result<Snapshot> {
        let data = vault.conn_mut().serialize(MAIN_DB)?;
        let mut owned = match data {
            Data::Owned(owned) => owned,
            // Only an in-memory database is shared without a copy; a vault is a file.
            Data::Shared(shared) => {
                return Err(Error::Io {
                    action: "take a snapshot of the vault",
                    source: std::io::Error::other(format!(
                        "unexpected in-memory vault of {} bytes",
                        shared.len()
                    )),
                })
            }
        };
        // The vault runs in WAL mode; mark the copy as a rollback-journal database so that it
        // opens anywhere, in memory or from a read-only medium, without a -wal file.
        if owned.len() >= 100 {
            owned[18] = 1;
            owned[19] = 1;
        }
        let bytes = owned.len() as u64;
        let mut image = Connection::open_in_memory()?;
        image.deserialize(MAIN_DB, owned, false)?;
        let manifest = write_manifest(&image)?;
        Ok(Snapshot {
            image,
            bytes,
            manifest,
        })
    }

    /// What the snapshot's manifest says.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The size of the vault's plain image in bytes, as taken.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Encrypts the snapshot into `out`, calling `progress(done, total)` as it goes, and
    /// returns `out` once the age stream is complete.
    ///
    /// # Errors
    /// [`Error::Io`] if writing fails; `out` then holds an incomplete file.
    pub fn seal<W: Write>(
        &mut self,
        out: W,
        protection: &Protection,
        armor: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<W> {
        let encryptor = encryptor(protection)?;
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
        // Without a copy: the in-memory database's own buffer.
        let image = self.image.serialize(MAIN_DB)?;
        let total = image.len() as u64;
        let mut done = 0u64;
        for chunk in image.chunks(CHUNK) {
            writer
                .write_all(chunk)
                .map_err(Error::io("write the backup"))?;
            done += chunk.len() as u64;
            progress(done, total);
        }
        writer
            .finish()
            .and_then(|armored| armored.finish())
            .map_err(Error::io("finish the backup file"))
    }

    /// Seals the snapshot into a new file at `path`, durably: written beside it under a
    /// temporary name, flushed, then renamed into place. An existing file is never replaced.
    ///
    /// # Errors
    /// [`Error::Invalid`] if `path` exists; [`Error::Io`] if writing fails (nothing is left
    /// behind).
    pub fn write_file(
        &mut self,
        path: &Path,
        protection: &Protection,
        armor: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        files::write_durably(path, files::Existing::Refuse, |out| {
            self.seal(out, protection, armor, progress)
        })
    }
}

/// Counts the rows (in memory, so no page is decrypted twice) and writes the manifest.
fn write_manifest(image: &Connection) -> Result<Manifest> {
    let counts = vault::row_counts(image)?
        .into_iter()
        .filter(|c| c.table != "backup_manifest")
        .map(|c| format!("{}={}", c.table, c.rows))
        .collect::<Vec<_>>()
        .join(",");
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: schema::version(image)?,
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        counts,
    };
    image.execute(
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
