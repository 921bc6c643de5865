//! The vault's data key and `key.age`, the file that holds it encrypted to the passphrase.
//!
//! The data key is 32 random bytes that SQLCipher uses directly (no key derivation on each
//! open). `key.age` is an armored age file (scrypt recipient) whose plaintext is the key in
//! lowercase hex, so that anyone holding the passphrase can run `age -d key.age` and open the
//! database with any SQLCipher 4 tool: the therapist is never locked in.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// scrypt work factor written to `key.age`: 2^18, about one second on a laptop, the same as
/// the `age` tool's default. Fixed rather than measured, because age's own measurement picks
/// a weak factor in unoptimised builds.
pub const WORK_FACTOR: u8 = 18;

/// Highest work factor accepted when reading; a forged file cannot make unlock take hours.
pub const MAX_WORK_FACTOR: u8 = 22;

/// The 256-bit key that opens `vault.db`. Zeroized when dropped; never printed, cloned or
/// serialized.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(redacted)")
    }
}

impl DataKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<DataKey> {
        let mut key = Zeroizing::new([0u8; 32]);
        getrandom::fill(key.as_mut()).map_err(|e| Error::Io {
            action: "read random bytes for a new key",
            source: std::io::Error::other(e.to_string()),
        })?;
        Ok(DataKey(key))
    }

    /// The key from its raw bytes (as kept in the OS keyring).
    pub fn from_bytes(bytes: &[u8]) -> Option<DataKey> {
        let mut key = Zeroizing::new([0u8; 32]);
        if bytes.len() != key.len() {
            return None;
        }
        key.copy_from_slice(bytes);
        Some(DataKey(key))
    }

    /// The raw bytes, for the OS keyring.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    /// An independent copy; each copy zeroizes itself on drop.
    pub fn duplicate(&self) -> DataKey {
        DataKey(self.0.clone())
    }

    fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(&self.0[..]))
    }

    fn from_hex(text: &str) -> Option<DataKey> {
        let mut key = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), key.as_mut()).ok()?;
        Some(DataKey(key))
    }

    /// The key as SQLCipher's raw-key literal `x'…'`, for binding to `ATTACH … KEY ?`.
    pub(crate) fn raw_literal(&self) -> Zeroizing<String> {
        let mut literal = Zeroizing::new(String::with_capacity(70));
        literal.push_str("x'");
        literal.push_str(&self.to_hex());
        literal.push('\'');
        literal
    }

    /// The `PRAGMA key` statement that opens the database with this raw key.
    pub(crate) fn key_pragma(&self) -> Zeroizing<String> {
        // `pragma_update` would quote the blob literal as a string; SQLCipher wants it bare.
        // Sized up front so that no reallocation leaves an unzeroized copy behind.
        let mut sql = Zeroizing::new(String::with_capacity(80));
        sql.push_str("PRAGMA key = \"x'");
        sql.push_str(&self.to_hex());
        sql.push_str("'\";");
        sql
    }
}

/// Encrypts the data key to the passphrase, as the text of an armored age file.
pub(crate) fn wrap(key: &DataKey, passphrase: &SecretString) -> Result<Vec<u8>> {
    let mut recipient =
        age::scrypt::Recipient::new(SecretString::from(passphrase.expose_secret().to_owned()));
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as _)).map_err(|e| {
            Error::Io {
                action: "encrypt the key file",
                source: std::io::Error::other(e.to_string()),
            }
        })?;
    let mut out = Vec::new();
    let armored = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
        .map_err(Error::io("encrypt the key file"))?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(Error::io("encrypt the key file"))?;
    writer
        .write_all(key.to_hex().as_bytes())
        .and_then(|()| writer.finish())
        .and_then(|armored| armored.finish())
        .map_err(Error::io("encrypt the key file"))?;
    Ok(out)
}

/// Decrypts `key.age` with the passphrase.
pub(crate) fn unwrap(vault_dir: &Path, bytes: &[u8], passphrase: &SecretString) -> Result<DataKey> {
    let corrupt = |detail: &str| Error::VaultCorrupt {
        path: vault_dir.to_path_buf(),
        detail: format!("the key file {detail}"),
    };
    let mut identity =
        age::scrypt::Identity::new(SecretString::from(passphrase.expose_secret().to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes))
        .map_err(|_| corrupt("is not an age file"))?;
    if !decryptor.is_scrypt() {
        return Err(corrupt("is not protected by a passphrase"));
    }
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => Error::WrongPassphrase,
            age::DecryptError::ExcessiveWork { .. } => {
                corrupt("asks for more work than Attune allows")
            }
            _ => corrupt("is damaged"),
        })?;
    let mut text = Zeroizing::new(String::new());
    reader
        .read_to_string(&mut text)
        .map_err(|_| corrupt("is damaged"))?;
    DataKey::from_hex(&text).ok_or_else(|| corrupt("does not hold a key"))
}

/// Reads `key.age` from the vault folder.
pub(crate) fn read_key_file(vault_dir: &Path, path: &Path) -> Result<Vec<u8>> {
    match fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(Error::VaultMissing(vault_dir.to_path_buf()))
        }
        Err(e) => Err(Error::io("read the key file")(e)),
    }
}

/// Writes `bytes` to `path` durably: the file is written and flushed to disk before this
/// returns, with owner-only permissions. The caller renames it into place.
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(Error::io("create the new key file"))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(Error::io("write the new key file"))
}

/// Flushes a folder's entries (a rename inside it) to disk.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("flush the vault folder to disk"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_key_unwraps_with_the_passphrase_only() {
        let key = DataKey::generate().unwrap();
        let pass = SecretString::from("correct horse battery".to_owned());
        let file = wrap(&key, &pass).unwrap();
        assert!(
            file.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            "key.age is armored so it survives copy and paste"
        );
        let back = unwrap(Path::new("v"), &file, &pass).unwrap();
        assert_eq!(back.as_bytes(), key.as_bytes(), "round trip keeps the key");
        let wrong = SecretString::from("incorrect horse battery".to_owned());
        assert!(matches!(
            unwrap(Path::new("v"), &file, &wrong),
            Err(Error::WrongPassphrase)
        ));
    }

    #[test]
    fn debug_never_shows_key_bytes() {
        let key = DataKey::from_bytes(&[0xab; 32]).unwrap();
        assert!(
            !format!("{key:?}").contains("ab"),
            "Debug must redact the key"
        );
    }
}
