//! Automatic backups: to a folder she picks, encrypted to her recovery key (the app does not
//! keep her passphrase), rotated, with a visible "last backup" state.

use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rotation::{self, Policy};
use super::{parse_recipient, Protection, Staged};
use crate::error::{Error, Result};
use crate::store::audit;
use crate::vault::Vault;

/// After this long without a backup, the state turns amber.
pub const STALE_AFTER_DAYS: i64 = 7;
/// An automatic backup is due once this long has passed since the last.
pub const DAILY: Duration = Duration::hours(24);
const PREFIX: &str = "attune-";
const SUFFIX: &str = ".age";
/// UTC, to the millisecond: two backups in one second (lock right after "Back up now") differ.
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Where and how automatic backups are made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// The folder (a USB drive, a synced folder); none: automatic backups are off.
    pub dir: Option<String>,
    /// How many to keep.
    pub policy: Policy,
}

/// What the therapist sees about her backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupState {
    /// The settings.
    pub settings: BackupSettings,
    /// Whether a recovery key is set up (automatic backups are encrypted to it).
    pub recovery_ready: bool,
    /// When the last backup was written, RFC 3339 UTC.
    pub last_backup_at: Option<String>,
    /// Never backed up, or not for [`STALE_AFTER_DAYS`] days: show it in amber.
    pub stale: bool,
    /// One sentence about the state, for the screen.
    pub summary: String,
}

/// One file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    /// Its file name.
    pub name: String,
    /// When it was taken (from its name), RFC 3339 UTC.
    pub taken_at: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The recovery key, shown once: the age identity that opens every automatic backup.
pub struct RecoveryKey(SecretString);

impl RecoveryKey {
    /// The `AGE-SECRET-KEY-1…` line to print or write down.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// The backup settings stored in the vault.
pub fn settings(vault: &Vault) -> Result<BackupSettings> {
    Ok(vault.conn().query_row(
        "SELECT backup_dir, keep_daily, keep_weekly, keep_monthly FROM settings WHERE id = 1",
        [],
        |r| {
            Ok(BackupSettings {
                dir: r.get(0)?,
                policy: Policy {
                    daily: r.get(1)?,
                    weekly: r.get(2)?,
                    monthly: r.get(3)?,
                },
            })
        },
    )?)
}

/// Saves the backup settings. The folder must exist and be writable.
///
/// # Errors
/// [`Error::Invalid`] naming the field.
pub fn save_settings(vault: &mut Vault, new: &BackupSettings) -> Result<()> {
    let dir = new.dir.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if let Some(dir) = dir {
        let path = Path::new(dir);
        if !path.is_absolute() || !path.is_dir() {
            return Err(Error::invalid(
                "dir",
                format!("{dir} is not a folder on this computer. Choose an existing folder."),
            ));
        }
    }
    let Policy {
        daily,
        weekly,
        monthly,
    } = new.policy;
    if !(1..=365).contains(&daily) || weekly > 520 || monthly > 600 {
        return Err(Error::invalid(
            "policy",
            "Keep between 1 and 365 daily backups, and at most 520 weekly and 600 monthly.",
        ));
    }
    update_settings(
        vault,
        "UPDATE settings SET backup_dir = ?1, keep_daily = ?2, keep_weekly = ?3, keep_monthly = ?4 \
         WHERE id = 1",
        rusqlite::params![dir, daily, weekly, monthly],
        ("backup.settings_changed", "backup_dir,keep"),
    )
}

/// One change to the settings row and its audit entry, in one transaction.
fn update_settings(
    vault: &mut Vault,
    sql: &str,
    params: impl rusqlite::Params,
    (action, detail): (&str, &str),
) -> Result<()> {
    let tx = vault.conn_mut().transaction()?;
    tx.execute(sql, params)?;
    audit::append(&tx, action, "settings", detail)?;
    tx.commit()?;
    Ok(())
}

/// Makes a new recovery key: its public half is stored, and automatic backups are encrypted
/// to it from now on; the secret half is returned to be shown once, and never stored.
pub fn set_up_recovery(vault: &mut Vault) -> Result<RecoveryKey> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    update_settings(
        vault,
        "UPDATE settings SET recovery_recipient = ?1 WHERE id = 1",
        [&recipient],
        ("backup.recovery_key_created", "recovery_recipient"),
    )?;
    Ok(RecoveryKey(identity.to_string()))
}

fn recovery_recipient(vault: &Vault) -> Result<Option<String>> {
    Ok(vault
        .conn()
        .query_row(
            "SELECT recovery_recipient FROM settings WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

fn last_backup(vault: &Vault) -> Result<Option<DateTime<Utc>>> {
    let text: Option<String> = vault.conn().query_row(
        "SELECT last_backup_at FROM settings WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    Ok(text
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// The state to show, as of `now`.
pub fn state(vault: &Vault, now: DateTime<Utc>) -> Result<BackupState> {
    let settings = settings(vault)?;
    let recovery_ready = recovery_recipient(vault)?.is_some();
    let last = last_backup(vault)?;
    let stale = last.is_none_or(|t| now - t > Duration::days(STALE_AFTER_DAYS));
    let summary = match (last, &settings.dir, recovery_ready) {
        (None, _, _) => "This vault has never been backed up.".to_owned(),
        (Some(t), _, _) => {
            let days = (now - t).num_days();
            let when = match days {
                0 => "today".to_owned(),
                1 => "yesterday".to_owned(),
                n => format!("{n} days ago"),
            };
            format!("Last backup {when}.")
        }
    } + match (&settings.dir, recovery_ready) {
        (None, _) => " Choose a backup folder to back up automatically.",
        (Some(_), false) => " Set up a recovery key to back up automatically.",
        (Some(_), true) => " Automatic backups are on.",
    };
    Ok(BackupState {
        settings,
        recovery_ready,
        last_backup_at: last.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        stale,
        summary,
    })
}

/// Whether an automatic backup should be made now: a folder and a recovery key are set, and
/// the last backup is a day old or there is none.
pub fn due(vault: &Vault, now: DateTime<Utc>) -> Result<bool> {
    let ready = settings(vault)?.dir.is_some() && recovery_recipient(vault)?.is_some();
    Ok(ready && last_backup(vault)?.is_none_or(|t| now - t >= DAILY))
}

/// An automatic backup sealed beside its file name: putting it in place and rotating the
/// folder need the vault no more, so the app lets the therapist go on working meanwhile.
pub struct Pending {
    staged: Staged,
    dir: PathBuf,
    policy: Policy,
    taken_at: DateTime<Utc>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("path", &self.staged.path())
            .finish_non_exhaustive()
    }
}

/// A backup written to the folder, to be recorded in the vault with [`record_written`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The new file.
    pub path: PathBuf,
    taken_at: DateTime<Utc>,
}

/// Seals an automatic backup beside its place in the folder, calling `progress(done, total)`
/// as it goes, or returns `None` when automatic backups are not set up (no folder or no
/// recovery key).
pub fn prepare(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Pending>> {
    let settings = settings(vault)?;
    let (Some(dir), Some(recipient)) = (settings.dir, recovery_recipient(vault)?) else {
        return Ok(None);
    };
    let dir = PathBuf::from(dir);
    let protection = Protection::Recipients(vec![parse_recipient(&recipient)?]);
    let path = dir.join(format!("{PREFIX}{}{SUFFIX}", now.format(STAMP)));
    let staged = Staged::write(vault, &path, &protection, false, progress)?;
    Ok(Some(Pending {
        staged,
        dir,
        policy: settings.policy,
        taken_at: now,
    }))
}

/// "Back up now": like [`prepare`], but says what is missing when automatic backups are not
/// set up.
///
/// # Errors
/// [`Error::Invalid`] naming what to set up first.
pub fn prepare_now(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Pending> {
    if settings(vault)?.dir.is_none() {
        return Err(Error::invalid("dir", "Choose a backup folder first."));
    }
    if recovery_recipient(vault)?.is_none() {
        return Err(Error::invalid(
            "recovery",
            "Set up a recovery key first: backups made by the app are encrypted to it.",
        ));
    }
    prepare(vault, now, progress)?
        .ok_or_else(|| Error::invalid("dir", "Choose a backup folder first."))
}

impl Pending {
    /// Puts the backup in place in the folder, then removes the automatic backups the policy
    /// no longer keeps.
    ///
    /// # Errors
    /// [`Error::Io`] if the folder cannot be written (nothing partial is left).
    pub fn write(self) -> Result<Written> {
        let path = self.staged.path().to_path_buf();
        self.staged.commit()?;
        rotate(&self.dir, self.policy)?;
        Ok(Written {
            path,
            taken_at: self.taken_at,
        })
    }
}

/// Records a written automatic backup as the vault's last backup.
pub fn record_written(vault: &mut Vault, written: &Written) -> Result<()> {
    record(vault, written.taken_at, "automatic")
}

/// Makes an automatic backup into the backup folder now, encrypted to the recovery key, then
/// removes the automatic backups the policy no longer keeps. Returns the new file, or `None`
/// when automatic backups are not set up.
///
/// # Errors
/// [`Error::Io`] if the folder cannot be written (the vault is unchanged).
#[tracing::instrument(skip_all, err)]
pub fn run(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<PathBuf>> {
    let Some(pending) = prepare(vault, now, progress)? else {
        return Ok(None);
    };
    let written = pending.write()?;
    record_written(vault, &written)?;
    Ok(Some(written.path))
}

/// "Back up now" in one call (the command line and tests; the app splits it so that the vault
/// is free while the file is written).
///
/// # Errors
/// As [`prepare_now`] and [`Pending::write`].
pub fn run_now(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PathBuf> {
    let written = prepare_now(vault, now, progress)?.write()?;
    record_written(vault, &written)?;
    Ok(written.path)
}

/// Records a backup made by hand (the command line, "Back up now") as the last backup.
pub fn record_manual(vault: &mut Vault, now: DateTime<Utc>) -> Result<()> {
    record(vault, now, "manual")
}

fn record(vault: &mut Vault, now: DateTime<Utc>, how: &str) -> Result<()> {
    let stamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    update_settings(
        vault,
        "UPDATE settings SET last_backup_at = ?1 WHERE id = 1",
        [&stamp],
        ("backup.written", how),
    )
}

/// The automatic backups in `dir`, newest first. Other files are ignored (and never removed).
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(Error::file("read the backup folder", dir))? {
        let entry = entry.map_err(Error::io("read the backup folder"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(taken) = taken_at(&name) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        files.push(BackupFile {
            name,
            taken_at: taken.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            bytes,
        });
    }
    files.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    Ok(files)
}

fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// Removes the automatic backups in `dir` that `policy` does not keep, and the unfinished file
/// of an automatic backup that was killed while it was written (settled for a minute, so never
/// one another window is writing now).
pub fn rotate(dir: &Path, policy: Policy) -> Result<Vec<String>> {
    for entry in fs::read_dir(dir)
        .map_err(Error::file("read the backup folder", dir))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let unfinished = name
            .strip_suffix(".partial")
            .is_some_and(|n| taken_at(n).is_some());
        let settled = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= crate::vault::SETTLED_AFTER);
        if unfinished && settled {
            fs::remove_file(entry.path()).map_err(Error::file("remove", &entry.path()))?;
            tracing::info!("removed the unfinished file of an interrupted automatic backup");
        }
    }
    let files = list(dir)?;
    let taken: Vec<DateTime<Utc>> = files.iter().filter_map(|f| taken_at(&f.name)).collect();
    let kept = rotation::keep(&taken, policy);
    let mut removed = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if !kept.contains(&i) {
            fs::remove_file(dir.join(&file.name)).map_err(Error::io("remove an old backup"))?;
            removed.push(file.name.clone());
        }
    }
    Ok(removed)
}
