//! Encrypted backups that outlive the app.
//!
//! A backup is an [age](https://age-encryption.org/v1) file whose plaintext is a plain SQLite
//! database: a consistent snapshot of the vault plus a one-row `backup_manifest` table. The
//! vault's pages are streamed from SQLCipher into the age encryptor, so no plaintext byte is
//! ever written to disk, and anyone holding the passphrase (or the recovery key) can run
//! `age -d backup.age > practice.sqlite; sqlite3 practice.sqlite` without Attune.
//!
//! Restoring decrypts the backup while its pages go into a new vault under a new data key, in a
//! folder beside the old one; the new vault is opened and put in place only once every check
//! (age authentication, SQLite's structure, manifest, schema version) has passed, and the old
//! one is kept.

pub mod automatic;
mod restore;
pub mod rotation;
mod snapshot;

use std::path::Path;

use age::secrecy::SecretString;
use serde::Serialize;
use ts_rs::TS;

pub use self::restore::{inspect, restore, restore_with, Copied, Restored, Unlocker};
pub use self::snapshot::{seal, Sealed, Staged};
use crate::error::{Error, Result};

/// The `format` written in every manifest; a restore refuses any other.
pub const FORMAT: &str = "attune-backup-1";

/// age's scrypt work factor for passphrase-protected backups (2^18, about a second here),
/// the same as the key file.
const WORK_FACTOR: u8 = 18;
/// The most work a backup may ask of us when opened: more is a denial of service.
const MAX_WORK_FACTOR: u8 = 22;

/// What a backup's manifest says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The Attune version that made it.
    pub app_version: String,
    /// The vault's schema version at the time.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// When, as an RFC 3339 UTC instant.
    pub created_at: String,
    /// Rows per table, as `table=rows` pairs separated by commas.
    pub counts: String,
}

/// Who can open a backup.
pub enum Protection {
    /// Whoever knows this passphrase (age scrypt). age allows a passphrase only on its own.
    Passphrase(SecretString),
    /// Whoever holds the identity of any of these recipients (`age1…`).
    Recipients(Vec<age::x25519::Recipient>),
}

impl std::fmt::Debug for Protection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Protection::Passphrase(_) => f.write_str("Protection::Passphrase(..)"),
            Protection::Recipients(r) => {
                write!(f, "Protection::Recipients({} recipients)", r.len())
            }
        }
    }
}

/// Reads an age recipient (`age1…`).
///
/// # Errors
/// [`Error::Invalid`] with a sentence when it is not one.
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient> {
    text.trim().parse().map_err(|_| {
        Error::invalid(
            "recipient",
            "That is not an age recipient: a recipient starts with age1 and is 62 characters long.",
        )
    })
}

/// What the therapist typed to open a backup: a recovery key (`AGE-SECRET-KEY-1…`) or the
/// passphrase the backup was made with.
pub fn unlocker_from_text(text: SecretString) -> Result<Unlocker> {
    use age::secrecy::ExposeSecret;
    let trimmed = text.expose_secret().trim();
    if trimmed.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-1") {
        let line = zeroize::Zeroizing::new(format!("{}\n", trimmed.to_ascii_uppercase()));
        let identities = age::IdentityFile::from_buffer(line.as_bytes())
            .and_then(|f| f.into_identities().map_err(std::io::Error::other))
            .map_err(|_| {
                Error::invalid(
                    "key",
                    "That recovery key is not complete: check it letter by letter.",
                )
            })?;
        return Ok(Unlocker::Identities(identities));
    }
    Ok(Unlocker::Passphrase(text))
}

/// What a restore in the app reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    /// When the restored backup was taken, RFC 3339 UTC.
    pub backup_taken_at: String,
    /// Where the vault that was replaced is kept, if there was one.
    pub previous_dir: Option<String>,
}

/// Reads an age identity file (one or more `AGE-SECRET-KEY-1…` lines, comments allowed).
///
/// # Errors
/// [`Error::Io`] if it cannot be read; [`Error::Invalid`] if it holds no identity.
pub fn read_identity_file(path: &Path) -> Result<Unlocker> {
    let text = std::fs::read(path).map_err(Error::file("read the identity file", path))?;
    let text = zeroize::Zeroizing::new(text);
    let not_identity = || {
        Error::invalid(
            "identity",
            "That file does not hold an age identity (a line starting with AGE-SECRET-KEY-1).",
        )
    };
    let file = age::IdentityFile::from_buffer(&text[..]).map_err(|_| not_identity())?;
    let identities = file.into_identities().map_err(|_| not_identity())?;
    if identities.is_empty() {
        return Err(not_identity());
    }
    Ok(Unlocker::Identities(identities))
}
