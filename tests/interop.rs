//! The vault is standard: Debian's `age` tool opens `key.age` with the passphrase, and an
//! independent SQLCipher 4 (Python's `sqlcipher3`) opens `vault.db` with the key it holds.

mod common;

use std::path::PathBuf;
use std::process::Command;

use attune::model::PracticeProfile;
use attune::store::practice;
use common::*;

/// The Python with `sqlcipher3` installed: `ATTUNE_PYTHON`, or the repository's `.venv`.
fn python() -> PathBuf {
    let path = std::env::var_os("ATTUNE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv/bin/python"));
    assert!(
        path.exists(),
        "{} is missing: run `make deps` to create the venv with sqlcipher3",
        path.display()
    );
    path
}

#[test]
fn age_and_an_independent_sqlcipher_open_the_vault_without_attune() {
    let (tmp, dir, mut vault) = new_vault();
    let profile = PracticeProfile {
        provider_name: "Þórunn Ñúñez".to_owned(),
        ..PracticeProfile::default()
    };
    practice::save_profile(&mut vault, &profile).unwrap();
    vault.lock().unwrap();

    let key_out = tmp.path().join("key.txt");
    age_decrypt_with_passphrase(&dir.join("key.age"), PASSPHRASE, &key_out);
    let key_hex = std::fs::read_to_string(&key_out).unwrap();
    assert_eq!(key_hex.len(), 64, "key.age holds the 256-bit key as hex");

    let open = |args: &[&str]| {
        Command::new(python())
            .arg(repo().join("tests/interop/open_vault.py"))
            .arg(dir.join("vault.db"))
            .args(args)
            .output()
            .unwrap()
    };
    let with_key = open(&[&key_hex]);
    let said = String::from_utf8_lossy(&with_key.stdout);
    assert!(
        with_key.status.success(),
        "sqlcipher3 with the key: {said}{}",
        String::from_utf8_lossy(&with_key.stderr)
    );
    assert!(said.contains("provider=Þórunn Ñúñez"), "{said}");
    assert!(said.contains("cipher_problems=0"), "{said}");
    assert!(
        said.contains("cipher_version=4."),
        "SQLCipher 4 format: {said}"
    );

    let without_key = open(&[]);
    assert!(
        !without_key.status.success(),
        "without the key it must fail"
    );
    assert!(
        String::from_utf8_lossy(&without_key.stdout).contains("not a database"),
        "{}",
        String::from_utf8_lossy(&without_key.stdout)
    );
}
