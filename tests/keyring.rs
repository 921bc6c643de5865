//! "Remember on this device" against the real OS keyring: GNOME Keyring's Secret Service in a
//! private D-Bus session, started by the test itself. The outer tests re-run this test binary
//! inside that session (or with no session at all) and run one ignored inner test there.

mod common;

use std::process::Command;

use attune::vault::keyring::{OsKeyring, SERVICE};
use attune::vault::Vault;
use attune::Error;
use common::*;

/// Runs the ignored test `name` of this binary through `sh -c script` with `env`, and checks
/// that it ran and passed.
fn run_inner(name: &str, program: &str, args: &[&str], clear_bus: bool) {
    let exe = std::env::current_exe().unwrap();
    let home = tempfile::tempdir().unwrap();
    let runtime = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(program);
    cmd.args(args)
        .arg(&exe)
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", runtime.path());
    if clear_bus {
        cmd.env_remove("DBUS_SESSION_BUS_ADDRESS");
    }
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot start {program} (install dbus and gnome-keyring: make deps): {e}")
    });
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "inner test {name} failed:\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
}

#[test]
fn the_os_keyring_stores_finds_and_forgets_the_key() {
    run_inner(
        "inner_os_keyring_round_trip",
        "dbus-run-session",
        &[
            "--",
            "sh",
            "-c",
            r#"eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" && exec "$@""#,
            "sh",
        ],
        false,
    );
}

#[test]
fn a_computer_without_a_keyring_gets_a_clear_message() {
    run_inner("inner_no_keyring", "env", &[], true);
}

#[test]
#[ignore = "run inside a private D-Bus session by the_os_keyring_stores_finds_and_forgets_the_key"]
fn inner_os_keyring_round_trip() {
    let (_tmp, dir, vault) = new_vault();
    let account = std::fs::canonicalize(&dir)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    vault.remember(&OsKeyring).unwrap();
    assert!(vault.is_remembered(&OsKeyring).unwrap());
    vault.lock().unwrap();

    // Found by the keyring itself, not only through Attune's wrapper.
    let entry = keyring::Entry::new(SERVICE, &account).unwrap();
    assert_eq!(
        entry.get_secret().unwrap().len(),
        32,
        "a 256-bit key is stored"
    );

    let vault = Vault::unlock_remembered(&dir, &OsKeyring)
        .unwrap()
        .expect("the key in the OS keyring unlocks the vault");
    vault.forget(&OsKeyring).unwrap();
    assert!(
        matches!(
            keyring::Entry::new(SERVICE, &account).unwrap().get_secret(),
            Err(keyring::Error::NoEntry)
        ),
        "forgetting removes the key from the OS keyring"
    );
    vault.lock().unwrap();
    assert!(Vault::unlock_remembered(&dir, &OsKeyring)
        .unwrap()
        .is_none());
}

#[test]
#[ignore = "run with no D-Bus session by a_computer_without_a_keyring_gets_a_clear_message"]
fn inner_no_keyring() {
    let (_tmp, _dir, vault) = new_vault();
    let err = vault.remember(&OsKeyring).unwrap_err();
    assert!(matches!(err, Error::KeyringUnavailable), "got {err:?}");
    assert!(err.to_string().contains("no keyring"), "{err}");
    assert_eq!(
        attune::ErrorReport::from(err).code,
        attune::ErrorCode::KeyringUnavailable
    );
}
