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

    /// The vault's files exist but cannot be read as a vault. The same sentence whichever
    /// command found it (`check`, `export`, the window).
    #[error("{}", damaged(path, detail))]
    VaultCorrupt {
        /// The vault folder (empty where the database layer found it; the caller fills it in).
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

    /// Another window or command is writing to the vault, and did not finish in time.
    #[error("Attune is busy with this vault in another window or command, and it did not finish within {seconds} seconds. Nothing was changed; try again when it is done.")]
    Busy {
        /// How long Attune waited.
        seconds: u64,
    },

    /// A file she named, or one Attune writes for her, could not be read or written.
    #[error("Attune could not {action} {}: {}.", path.display(), os_words(source))]
    File {
        /// What Attune was doing ("read the backup file").
        action: &'static str,
        /// Which file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
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
    Database(rusqlite::Error),
}

/// How long a command waits for another writer before it says Attune is busy.
pub const BUSY_WAIT_SECONDS: u64 = 10;

impl From<rusqlite::Error> for Error {
    /// A busy database and a damaged one are sentences of their own; the rest is SQLite's.
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, DatabaseBusy | DatabaseLocked) =>
            {
                Error::Busy {
                    seconds: BUSY_WAIT_SECONDS,
                }
            }
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, DatabaseCorrupt | NotADatabase) =>
            {
                Error::VaultCorrupt {
                    path: PathBuf::new(),
                    detail: DAMAGED_PAGES.to_owned(),
                }
            }
            _ => Error::Database(e),
        }
    }
}

/// The detail of a database whose pages do not read back.
pub const DAMAGED_PAGES: &str = "some of the database's pages are damaged";

fn damaged(path: &std::path::Path, detail: &str) -> String {
    let which = if path.as_os_str().is_empty() {
        "The vault".to_owned()
    } else {
        format!("The vault in {}", path.display())
    };
    format!("{which} is damaged and cannot be read ({detail}). Nothing was changed; restore it from a backup.")
}

/// The operating system's reason in words, without its error number.
fn os_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "there is no such file".to_owned(),
        ErrorKind::PermissionDenied => "permission was denied".to_owned(),
        ErrorKind::AlreadyExists => "a file of that name is already there".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        _ => e.to_string(),
    }
}

impl Error {
    /// Wraps an I/O error with what Attune was doing at the time.
    pub fn io(action: &'static str) -> impl FnOnce(std::io::Error) -> Error {
        move |source| Error::Io { action, source }
    }

    /// Wraps an I/O error on a named file with what Attune was doing to it.
    pub fn file(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::File {
            action,
            path,
            source,
        }
    }

    /// This error, naming the vault in `dir` where the database layer could not.
    pub fn in_vault(self, dir: &std::path::Path) -> Error {
        match self {
            Error::VaultCorrupt { path, detail } if path.as_os_str().is_empty() => {
                Error::VaultCorrupt {
                    path: dir.to_path_buf(),
                    detail,
                }
            }
            other => other,
        }
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
            Error::Busy { .. } | Error::File { .. } | Error::Io { .. } | Error::Database(_) => {
                ErrorCode::Internal
            }
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
