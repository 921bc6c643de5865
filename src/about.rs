//! What Attune says about itself: its version, where her vault is, how it is encrypted, and its
//! licence. Shown under Help › About and by `attune --version`.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

/// Attune's own facts, for the About box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct About {
    /// This build's version ("0.1.0").
    pub version: String,
    /// The vault folder this window opens.
    pub vault_dir: String,
    /// The encryption in words.
    pub encryption: String,
    /// The licence, as an SPDX expression.
    pub licence: String,
}

/// This build's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The facts for a window that opens the vault in `vault_dir`.
pub fn about(vault_dir: &Path) -> About {
    About {
        version: VERSION.to_owned(),
        vault_dir: vault_dir.display().to_string(),
        encryption: "SQLCipher 4 (AES-256), its key wrapped by your passphrase through Argon2id; backups in the age format".to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_version_the_folder_and_the_licence() {
        let a = about(Path::new("/home/her/.local/share/attune"));
        assert_eq!(
            a.version,
            env!("CARGO_PKG_VERSION"),
            "the version is the build's own"
        );
        assert_eq!(
            a.vault_dir, "/home/her/.local/share/attune",
            "she sees where her records are"
        );
        assert_eq!(
            a.licence, "AGPL-3.0-or-later",
            "the licence the workspace declares"
        );
    }
}
