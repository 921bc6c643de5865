//! What a killed restore or passphrase change left behind, found on the next start and
//! finished or rolled back, each in one sentence for her.
//!
//! A restore builds the new vault in `<vault>.restoring-<time>`, renames it to
//! `<vault>.restored-<time>` once it is complete, moves the old vault aside to
//! `<vault>.before-restore-<time>`, then renames the restored one into place. Killed anywhere,
//! the folders say how far it got: a `restored` folder with no vault in place is finished; a
//! `restoring` one (never complete) is removed. A passphrase change writes `key.age.new` and
//! renames it over `key.age`: a leftover was never in force, so the old passphrase opens the
//! vault, and the leftover is removed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{exists, key, STAGED_KEY_FILE};
use crate::error::{Error, Result};

/// A leftover younger than this may belong to a restore or change still running in another
/// window: it is left for a later start (or the next run of the same command replaces it).
pub const SETTLED_AFTER: Duration = Duration::from_secs(60);

/// The name a restore gives its folder of `stage` ("restoring", "restored") at `stamp`.
pub(crate) fn staged_name(target: &Path, stage: &str, stamp: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::invalid("vault", "Name a folder for the restored vault."))?;
    let mut name = name.to_os_string();
    name.push(format!(".{stage}-{stamp}"));
    Ok(target.with_file_name(name))
}

/// Finishes or rolls back whatever a killed restore or passphrase change left for the vault
/// in `dir`; one sentence per thing done (none when there was nothing to do).
///
/// # Errors
/// [`Error::File`] when a folder cannot be read, moved or removed.
pub fn recover(dir: &Path) -> Result<Vec<String>> {
    let mut said = Vec::new();
    for (stage, folder) in leftovers(dir)? {
        if let Some(line) = settle(dir, &stage, &folder)? {
            said.push(line);
        }
    }
    let staged = dir.join(STAGED_KEY_FILE);
    if staged.is_file() && settled(&staged) {
        fs::remove_file(&staged).map_err(Error::file("remove", &staged))?;
        said.push("A passphrase change was interrupted before it took effect: the passphrase you had still opens the vault.".to_owned());
    }
    Ok(said)
}

/// Removes what earlier, killed restores of `target` left (never a complete restore while no
/// vault is in place: [`recover`] puts that one in place). Called by a restore as it starts: it
/// is the one restoring `target` now.
pub(crate) fn discard_unfinished(target: &Path) -> Result<()> {
    for (stage, folder) in leftovers(target)? {
        if stage == "restoring" || exists(target) {
            fs::remove_dir_all(&folder).map_err(Error::file("remove", &folder))?;
        }
    }
    Ok(())
}

/// The restore folders beside `dir`, oldest first: (stage, folder).
fn leftovers(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Ok(Vec::new());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(Vec::new());
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        for stage in ["restoring", "restored"] {
            if rest.starts_with(&format!("{stage}-")) {
                found.push((stage.to_owned(), entry.path()));
            }
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

fn settled(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age >= SETTLED_AFTER)
}

fn settle(dir: &Path, stage: &str, folder: &Path) -> Result<Option<String>> {
    let in_place = exists(dir);
    match stage {
        // Complete, and the old vault already moved aside: finish what was asked.
        "restored" if !in_place => {
            if dir.is_dir() {
                fs::remove_dir(dir).map_err(Error::file("prepare the vault folder", dir))?;
            }
            fs::rename(folder, dir).map_err(Error::file("put the restored vault in place", dir))?;
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                key::sync_dir(parent)?;
            }
            Ok(Some(format!(
                "A restore was interrupted just before it finished; Attune finished it: the restored vault is in {} (the vault it replaced, if any, is kept beside it as {}.before-restore-…).",
                dir.display(),
                dir.file_name().unwrap_or_default().to_string_lossy()
            )))
        }
        _ if !settled(folder) => Ok(None),
        "restored" => {
            fs::remove_dir_all(folder).map_err(Error::file("remove", folder))?;
            Ok(Some(format!(
                "A restore was interrupted before it replaced your vault: your vault in {} is as it was; restore again to replace it.",
                dir.display()
            )))
        }
        _ => {
            fs::remove_dir_all(folder).map_err(Error::file("remove", folder))?;
            Ok(Some("A restore was interrupted while it was being prepared: its unfinished copy was removed, and nothing else was changed.".to_owned()))
        }
    }
}
