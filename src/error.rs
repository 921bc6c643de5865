//! The core's error type. Every message is a sentence the therapist can act on; none ever
//! carries a passphrase, a key, or a word of a client's record.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// Shorthand for results of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in words for the therapist.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase does not decrypt the vault's key file.
    #[error("The passphrase is not right for this vault.")]
    WrongPassphrase,

    /// The folder holds no vault (or only part of one).
    #[error("There is no Attune vault in {0}. Create one, or choose the folder that holds yours.")]
    VaultMissing(PathBuf),

    /// `init` was pointed at a folder that already holds a vault.
    #[error("A vault already exists in {0}. Attune never overwrites a vault.")]
    VaultExists(PathBuf),

    /// The vault's files exist but cannot be read as a vault.
    #[error("The vault in {path} is damaged and cannot be opened ({detail}). Nothing was changed; restore it from a backup.")]
    VaultCorrupt {
        /// The vault folder.
        path: PathBuf,
        /// Which part is damaged, without any secret or client data.
        detail: String,
    },

    /// The database was written by a newer Attune; opening it could damage it.
    #[error("This vault was written by a newer version of Attune (schema {found}; this version knows up to {supported}). Update Attune to open it; the vault was not touched.")]
    VaultTooNew {
        /// Schema version found in the database.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },

    /// A new passphrase does not meet the minimum.
    #[error("{0}")]
    WeakPassphrase(String),

    /// An operation needs an unlocked vault.
    #[error("The vault is locked. Unlock it to continue.")]
    Locked,

    /// A value the therapist entered is not acceptable.
    #[error("{message}")]
    Invalid {
        /// The form field, as named in the model (`npi`, `license_state`, ...).
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },

    /// A value that is probably a slip of the keyboard: she confirms it, or corrects it.
    #[error("{message}")]
    NeedsConfirmation {
        /// The form field the value was typed into.
        field: String,
        /// What looks wrong, and that confirming records it as it is.
        message: String,
    },

    /// No OS keyring is reachable (no Secret Service on Linux, for instance).
    #[error("This computer has no keyring Attune can use, so it cannot remember the vault here; you will be asked for your passphrase each time.")]
    KeyringUnavailable,

    /// Neither the passphrase nor the identities given open a backup.
    #[error(
        "The passphrase or recovery key given does not open this backup. Nothing was restored."
    )]
    BackupWrongKey,

    /// A file that cannot be restored, and why.
    #[error("{problem} Nothing was restored, and no vault was changed.")]
    BackupUnusable {
        /// What is wrong with it.
        problem: BackupProblem,
    },

    /// A backup from a newer Attune.
    #[error("This backup was made by a newer version of Attune (schema {found}; this version knows up to {supported}). Update Attune to restore it.")]
    BackupTooNew {
        /// Schema version found in the backup.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },

    /// A file operation failed.
    #[error("Attune could not {action}: {source}.")]
    Io {
        /// What Attune was doing, as a verb phrase ("write the key file").
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// The database refused an operation. SQLite's messages name tables and columns, never
    /// values, because every statement binds its values as parameters.
    #[error("The vault's database reported a problem: {0}.")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// Wraps an I/O error with what Attune was doing at the time.
    pub fn io(action: &'static str) -> impl FnOnce(std::io::Error) -> Error {
        move |source| Error::Io { action, source }
    }

    /// An [`Error::Invalid`] for one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The closed code the user interface acts on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::VaultMissing(_) => ErrorCode::VaultMissing,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultCorrupt { .. } => ErrorCode::VaultCorrupt,
            Error::VaultTooNew { .. } => ErrorCode::VaultTooNew,
            Error::WeakPassphrase(_) => ErrorCode::WeakPassphrase,
            Error::Locked => ErrorCode::Locked,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NeedsConfirmation { .. } => ErrorCode::Confirm,
            Error::KeyringUnavailable => ErrorCode::KeyringUnavailable,
            Error::BackupWrongKey => ErrorCode::WrongPassphrase,
            Error::BackupUnusable { .. } => ErrorCode::BackupUnusable,
            Error::BackupTooNew { .. } => ErrorCode::VaultTooNew,
            Error::Io { .. } | Error::Database(_) => ErrorCode::Internal,
        }
    }
}

/// Why a backup file cannot be restored. Each is a sentence for the therapist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BackupProblem {
    /// Not an age file at all.
    #[error("This file is not an Attune backup: it is not an age-encrypted file.")]
    NotAge,
    /// Its contents fail authentication: cut short, or changed after it was made.
    #[error("This backup file is damaged: it was cut short or changed after it was made, so its contents cannot be trusted.")]
    Damaged,
    /// A sound age file whose contents are not an Attune vault.
    #[error("This file is encrypted with age, but what it holds is not an Attune backup.")]
    NotAttune,
    /// The database inside is inconsistent.
    #[error("The database inside this backup is damaged (its integrity check failed).")]
    Inconsistent,
}

/// The kinds of error the user interface tells apart. Closed: add one only when the UI acts
/// on it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Ask for the passphrase again.
    WrongPassphrase,
    /// Offer to create a vault.
    VaultMissing,
    /// Offer to unlock instead.
    VaultExists,
    /// Point to restoring a backup.
    VaultCorrupt,
    /// Point to updating Attune.
    VaultTooNew,
    /// Show next to the passphrase field.
    WeakPassphrase,
    /// Go back to the unlock screen.
    Locked,
    /// Show next to the named field.
    Invalid,
    /// Ask her to confirm the named field's value, then send it again confirmed.
    Confirm,
    /// Turn "remember on this device" off.
    KeyringUnavailable,
    /// Offer to choose another backup file.
    BackupUnusable,
    /// Anything else: show the message.
    Internal,
}

/// An error as it crosses to the user interface: a code to act on and a sentence to show.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorReport {
    /// What kind of error.
    pub code: ErrorCode,
    /// The sentence for the therapist.
    pub message: String,
    /// The form field at fault, for [`ErrorCode::Invalid`] and [`ErrorCode::Confirm`].
    pub field: Option<String>,
}

impl From<Error> for ErrorReport {
    fn from(error: Error) -> Self {
        let field = match &error {
            Error::Invalid { field, .. } | Error::NeedsConfirmation { field, .. } => {
                Some(field.clone())
            }
            _ => None,
        };
        ErrorReport {
            code: error.code(),
            message: error.to_string(),
            field,
        }
    }
}
