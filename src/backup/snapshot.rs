//! Taking a consistent snapshot of the open vault, in memory, and sealing it into an age file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use rusqlite::{Connection, MAIN_DB};
use zeroize::Zeroizing;

use super::{Manifest, Protection, FORMAT, WORK_FACTOR};
use crate::error::{Error, Result};
use crate::vault::{self, schema, Vault};

/// How much is handed to the encryptor at a time (and how often progress is reported).
const CHUNK: usize = 1 << 20;

/// A plain SQLite image of the vault, with its manifest, held in memory that is wiped when
/// dropped. Taking one holds the vault briefly; sealing it does not need the vault at all.
pub struct Snapshot {
    image: Zeroizing<Vec<u8>>,
    manifest: Manifest,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("bytes", &self.image.len())
            .field("manifest", &self.manifest)
            .finish()
    }
}

impl Snapshot {
    /// Takes a snapshot of the vault as it is now.
    ///
    /// The manifest is written inside a write transaction, the database image is read through
    /// SQLCipher (which decrypts each page into memory) while that transaction holds every
    /// writer off, and the transaction is rolled back: the vault on disk does not change.
    #[tracing::instrument(skip_all, err)]
    pub fn take(vault: &mut Vault) -> Result<Snapshot> {
        let conn = vault.conn_mut();
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let taken = image_with_manifest(conn);
        let rolled_back = conn.execute_batch("ROLLBACK");
        let snapshot = taken?;
        rolled_back?;
        Ok(snapshot)
    }

    /// What the snapshot's manifest says.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The size of the plain database image in bytes.
    pub fn len(&self) -> usize {
        self.image.len()
    }

    /// Whether the image is empty (never, for a real vault).
    pub fn is_empty(&self) -> bool {
        self.image.is_empty()
    }

    /// Encrypts the snapshot into `out`, calling `progress(done, total)` as it goes, and
    /// returns `out` once the age stream is complete.
    ///
    /// # Errors
    /// [`Error::Io`] if writing fails; `out` then holds an incomplete file.
    pub fn seal<W: Write>(
        &self,
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
        let total = self.image.len() as u64;
        let mut done = 0u64;
        for chunk in self.image.chunks(CHUNK) {
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
        &self,
        path: &Path,
        protection: &Protection,
        armor: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        if path.exists() {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} already exists; Attune does not overwrite a file. Choose another name.",
                    path.display()
                ),
            ));
        }
        let partial = partial_path(path);
        let written = (|| {
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options
                .open(&partial)
                .map_err(Error::io("create the backup file"))?;
            let file = self.seal(std::io::BufWriter::new(file), protection, armor, progress)?;
            let file = file
                .into_inner()
                .map_err(|e| Error::io("write the backup")(e.into_error()))?;
            file.sync_all().map_err(Error::io("write the backup"))?;
            fs::rename(&partial, path).map_err(Error::io("put the backup in place"))?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                vault::key::sync_dir(dir)?;
            }
            Ok(())
        })();
        if written.is_err() {
            let _ = fs::remove_file(&partial);
        }
        written
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

fn image_with_manifest(conn: &mut Connection) -> Result<Snapshot> {
    let counts = vault::row_counts(conn)?
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
    let data = conn.serialize(MAIN_DB)?;
    // Sized exactly, so no reallocation leaves an unwiped copy behind. SQLCipher wipes the
    // buffer `data` when it is freed (cipher_memory_security).
    let mut image = Zeroizing::new(Vec::with_capacity(data.len()));
    image.extend_from_slice(&data);
    drop(data);
    // The vault runs in WAL mode; mark the copy as a rollback-journal database so that it
    // opens anywhere, in memory or from a read-only medium, without a -wal file.
    if image.len() >= 100 {
        image[18] = 1;
        image[19] = 1;
    }
    Ok(Snapshot { image, manifest })
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
