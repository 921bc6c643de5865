//! Writing a file the therapist asked for (a backup, an export) so that a crash, a full disk or
//! a pulled plug leaves either what was there before or the whole new file, never half of one.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What to do when the file is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: the command line never overwrites.
    Refuse,
    /// Replace it, once the new file is complete (a save dialog has already asked her).
    Replace,
}

/// Writes `path` through `write`, owner-readable only: into `<path>.partial`, flushed to disk,
/// then renamed over `path`. On any failure the partial file is removed and `path` is as it was.
/// A `<path>.partial` left by a write that was killed (nothing can remove it then) is removed
/// first: it was never a finished file.
///
/// # Errors
/// [`Error::Invalid`] (field `out`) when the file exists and `existing` is
/// [`Existing::Refuse`]; [`Error::Io`] when the disk refuses; or whatever `write` returns.
pub fn write_durably(
    path: &Path,
    existing: Existing,
    write: impl FnOnce(BufWriter<Flushing>) -> Result<BufWriter<Flushing>>,
) -> Result<()> {
    Staged::write(path, existing, write)?.commit()
}

/// A file written in full beside its name (`<path>.partial`) and flushed to disk, not yet in
/// place: [`Staged::commit`] renames it over `path`; dropping it uncommitted removes it. A backup
/// is staged while the vault is held and put in place once the vault is free again.
#[derive(Debug)]
pub struct Staged {
    partial: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Staged {
    /// Writes `<path>.partial` through `write` and flushes it, as [`write_durably`] does,
    /// without putting it in place.
    ///
    /// # Errors
    /// As [`write_durably`]; nothing is left behind.
    pub fn write(
        path: &Path,
        existing: Existing,
        write: impl FnOnce(BufWriter<Flushing>) -> Result<BufWriter<Flushing>>,
    ) -> Result<Staged> {
        if existing == Existing::Refuse && path.exists() {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} already exists; Attune does not overwrite a file. Choose another name.",
                    path.display()
                ),
            ));
        }
        let partial = partial_path(path);
        match fs::remove_file(&partial) {
            Ok(()) => tracing::info!("removed the unfinished file of an interrupted write"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::file("remove the unfinished file", &partial)(e)),
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(&partial)
            .map_err(Error::file("create", &partial))?;
        // From here on, dropping `staged` on an error removes the partial file.
        let staged = Staged {
            partial,
            path: path.to_path_buf(),
            committed: false,
        };
        let file = write(BufWriter::new(Flushing::new(file)))?
            .into_inner()
            .map_err(|e| Error::file("write", &staged.partial)(e.into_error()))?;
        file.file
            .sync_all()
            .map_err(Error::file("write", &staged.partial))?;
        Ok(staged)
    }

    /// Where the file will be once committed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the staged file over its path and flushes the folder.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file; the staged file is removed and `path` is as it was.
    pub fn commit(mut self) -> Result<()> {
        fs::rename(&self.partial, &self.path).map_err(Error::file("put in place", &self.path))?;
        self.committed = true;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::vault::key::sync_dir(dir)?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.partial);
        }
    }
}

/// A file being written that is flushed to disk after every [`Flushing::EVERY`] bytes, so
/// that the flush before its rename has little left to do: a large file (a backup of ten years)
/// otherwise waited for all of it at the end.
#[derive(Debug)]
pub struct Flushing {
    file: File,
    unflushed: usize,
}

impl Flushing {
    const EVERY: usize = 32 << 20;

    fn new(file: File) -> Flushing {
        Flushing { file, unflushed: 0 }
    }
}

impl std::io::Write for Flushing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unflushed += n;
        if self.unflushed >= Self::EVERY {
            self.file.sync_data()?;
            self.unflushed = 0;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Where the file for `path` is written until it is whole: `<path>.partial`.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        fs::write(&path, b"before").unwrap();
        let failed = write_durably(&path, Existing::Replace, |mut w| {
            w.write_all(b"half of it").unwrap();
            Err(Error::invalid("x", "the disk is full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"before");
        assert!(!partial_path(&path).exists());
    }

    #[test]
    fn a_staged_file_is_in_place_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.age");
        fs::write(&path, b"the previous backup").unwrap();
        let staged = Staged::write(&path, Existing::Replace, |mut w| {
            w.write_all(b"the new backup").unwrap();
            Ok(w)
        })
        .unwrap();
        assert_eq!(
            fs::read(&path).unwrap(),
            b"the previous backup",
            "until committed, the path keeps what it had"
        );
        drop(staged);
        assert!(
            !partial_path(&path).exists(),
            "a staged file dropped uncommitted is removed"
        );
        Staged::write(&path, Existing::Replace, |mut w| {
            w.write_all(b"the new backup").unwrap();
            Ok(w)
        })
        .and_then(Staged::commit)
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"the new backup");
        assert!(!partial_path(&path).exists());
    }

    #[test]
    fn a_partial_file_left_by_a_killed_write_does_not_block_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.age");
        fs::write(&path, b"the previous backup").unwrap();
        fs::write(partial_path(&path), b"half of a killed write").unwrap();
        write_durably(&path, Existing::Replace, |mut w| {
            w.write_all(b"the new backup").unwrap();
            Ok(w)
        })
        .expect("the leftover is removed, not reported as File exists");
        assert_eq!(fs::read(&path).unwrap(), b"the new backup");
        assert!(!partial_path(&path).exists(), "no leftover remains");
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no such folder").join("export.json");
        let failed = write_durably(&path, Existing::Replace, Ok).unwrap_err();
        assert!(
            failed.to_string().contains("no such folder"),
            "the sentence names the file, not only the OS error: {failed}"
        );
        assert!(!failed.to_string().contains("os error"), "{failed}");
    }

    #[test]
    fn refuse_keeps_an_existing_file_and_replace_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        fs::write(&path, b"before").unwrap();
        let refused = write_durably(&path, Existing::Refuse, |mut w| {
            w.write_all(b"after").unwrap();
            Ok(w)
        });
        assert!(refused.unwrap_err().to_string().contains("already exists"));
        assert_eq!(fs::read(&path).unwrap(), b"before");
        write_durably(&path, Existing::Replace, |mut w| {
            w.write_all(b"after").unwrap();
            Ok(w)
        })
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"after");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
