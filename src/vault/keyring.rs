//! "Remember on this device": the data key kept in the operating system's keyring, so the
//! therapist can unlock without typing the passphrase. Opt-in, because anyone who can log in
//! to her computer account can then open the vault.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use super::key::DataKey;
use crate::error::{Error, Result};

/// The keyring service name under which Attune stores vault keys.
pub const SERVICE: &str = "attune";

/// Where remembered data keys live. Two implementations: [`OsKeyring`] for the app and the
/// command line, [`MemoryKeyring`] for tests of the code around it.
pub trait KeyStore: Send + Sync {
    /// Stores the key for the vault known as `account` (its folder), replacing any other.
    fn save(&self, account: &str, key: &DataKey) -> Result<()>;
    /// The remembered key, if there is one.
    fn find(&self, account: &str) -> Result<Option<DataKey>>;
    /// Removes the remembered key; not an error if there was none.
    fn forget(&self, account: &str) -> Result<()>;
}

/// The OS keyring: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain on macOS,
/// Credential Manager on Windows.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeyring;

impl OsKeyring {
    fn entry(account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, account).map_err(map_keyring_error)
    }
}

fn map_keyring_error(error: keyring::Error) -> Error {
    match error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            Error::KeyringUnavailable
        }
        other => Error::Io {
            action: "use the keyring",
            // keyring's messages name the failure, never the secret.
            source: std::io::Error::other(other.to_string()),
        },
    }
}

impl KeyStore for OsKeyring {
    fn save(&self, account: &str, key: &DataKey) -> Result<()> {
        Self::entry(account)?
            .set_secret(key.as_bytes())
            .map_err(map_keyring_error)
    }

    fn find(&self, account: &str) -> Result<Option<DataKey>> {
        match Self::entry(account)?.get_secret() {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                Ok(DataKey::from_bytes(&bytes))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn forget(&self, account: &str) -> Result<()> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }
}

/// A keyring held in this process's memory, for tests.
#[derive(Default)]
pub struct MemoryKeyring {
    keys: Mutex<HashMap<String, DataKey>>,
}

impl std::fmt::Debug for MemoryKeyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryKeyring(redacted)")
    }
}

impl MemoryKeyring {
    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, DataKey>> {
        // A panic elsewhere cannot leave a map of keys half-updated: keep using it.
        self.keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl KeyStore for MemoryKeyring {
    fn save(&self, account: &str, key: &DataKey) -> Result<()> {
        self.keys().insert(account.to_owned(), key.duplicate());
        Ok(())
    }

    fn find(&self, account: &str) -> Result<Option<DataKey>> {
        Ok(self.keys().get(account).map(DataKey::duplicate))
    }

    fn forget(&self, account: &str) -> Result<()> {
        self.keys().remove(account);
        Ok(())
    }
}
