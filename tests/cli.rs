//! The `attune` command line: its commands, messages and exit codes.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn attune(dir: &Path, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    cmd.arg("--vault").arg(dir).args(args);
    cmd.env_remove("ATTUNE_PASSPHRASE")
        .env_remove("ATTUNE_NEW_PASSPHRASE");
    if let Some(p) = passphrase {
        cmd.env("ATTUNE_PASSPHRASE", p);
    }
    cmd.stdin(std::process::Stdio::null());
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn init(tmp: &Path) -> std::path::PathBuf {
    let dir = tmp.join("D");
    let out = attune(&dir, &["init"], Some(PASSPHRASE));
    assert_eq!(out.status.code(), Some(0), "init: {}", stderr(&out));
    dir
}

#[test]
fn init_then_check_with_the_right_and_a_wrong_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    assert!(stdout(&attune(&dir, &["check"], Some(PASSPHRASE))).contains("Integrity: ok"));

    let wrong = attune(&dir, &["check"], Some(OTHER_PASSPHRASE));
    assert_eq!(wrong.status.code(), Some(3), "a wrong passphrase exits 3");
    assert_eq!(
        stderr(&wrong),
        "attune: The passphrase is not right for this vault.\n",
        "one clear sentence, nothing from SQLCipher's logger"
    );
    assert!(stdout(&wrong).is_empty());

    let right = attune(&dir, &["check"], Some(PASSPHRASE));
    assert_eq!(right.status.code(), Some(0), "{}", stderr(&right));
    let report = stdout(&right);
    for expected in [
        &format!(
            "Schema version: {v} (this Attune knows up to {v})",
            v = attune::vault::schema::CURRENT_VERSION
        ),
        "Integrity: ok",
        "Encryption: every page authenticates",
        "Audit log: 1 entries, chain intact",
        "practice                 1",
    ] {
        assert!(
            report.contains(expected),
            "check prints {expected:?}:\n{report}"
        );
    }
}

#[test]
fn plain_sqlite3_cannot_list_the_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let out = Command::new("sqlite3")
        .arg(dir.join("vault.db"))
        .arg(".tables")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "sqlite3 D/vault.db .tables must fail"
    );
}

#[test]
fn passwd_changes_the_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    let out = cmd
        .arg("--vault")
        .arg(&dir)
        .arg("passwd")
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .env("ATTUNE_NEW_PASSPHRASE", OTHER_PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        attune(&dir, &["check"], Some(PASSPHRASE)).status.code(),
        Some(3)
    );
    assert_eq!(
        attune(&dir, &["check"], Some(OTHER_PASSPHRASE))
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn the_passphrase_can_come_from_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let file = tmp.path().join("pass.txt");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    let out = attune(
        &dir,
        &["--passphrase-file", file.to_str().unwrap(), "check"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "trailing newline is not part of it: {}",
        stderr(&out)
    );
}

#[test]
fn exit_codes_for_missing_damaged_and_usage() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = attune(&tmp.path().join("nowhere"), &["check"], Some(PASSPHRASE));
    assert_eq!(missing.status.code(), Some(4), "no vault exits 4");
    assert!(
        stderr(&missing).contains("There is no Attune vault in"),
        "{}",
        stderr(&missing)
    );

    let dir = init(tmp.path());
    let again = attune(&dir, &["init"], Some(PASSPHRASE));
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("never overwrites"),
        "{}",
        stderr(&again)
    );

    let short = attune(&tmp.path().join("E"), &["init"], Some("too short"));
    assert_eq!(short.status.code(), Some(1));
    assert!(
        stderr(&short).contains("at least 12 characters"),
        "{}",
        stderr(&short)
    );

    let usage = attune(&dir, &["frobnicate"], Some(PASSPHRASE));
    assert_eq!(
        usage.status.code(),
        Some(2),
        "unknown command is a usage error"
    );

    let no_pass = attune(&dir, &["check"], None);
    assert_eq!(
        no_pass.status.code(),
        Some(2),
        "no passphrase and no terminal"
    );
    assert!(
        stderr(&no_pass).contains("ATTUNE_PASSPHRASE"),
        "{}",
        stderr(&no_pass)
    );

    std::fs::write(dir.join("key.age"), "garbage").unwrap();
    let damaged = attune(&dir, &["check"], Some(PASSPHRASE));
    assert_eq!(damaged.status.code(), Some(4), "a damaged vault exits 4");
}

#[test]
fn the_default_vault_is_in_the_platform_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("init")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        home.path().join("data/attune/key.age").is_file(),
        "the CLI's default is $XDG_DATA_HOME/attune, where the app looks"
    );
}

#[test]
fn backup_restore_and_the_backup_folder_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let file = tmp.path().join("b.age");
    let file_arg = file.to_str().unwrap();

    let out = attune(
        &dir,
        &["backup", "--out", file_arg, "--armor"],
        Some(PASSPHRASE),
    );
    assert_eq!(out.status.code(), Some(0), "backup: {}", stderr(&out));
    assert!(stdout(&out).starts_with("Backed up "), "{}", stdout(&out));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let again = attune(&dir, &["backup", "--out", file_arg], Some(PASSPHRASE));
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing file is never overwritten"
    );
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    let target = tmp.path().join("restored");
    let wrong = attune(&target, &["restore", file_arg], Some(OTHER_PASSPHRASE));
    assert_eq!(wrong.status.code(), Some(3), "a wrong passphrase exits 3");
    assert!(!target.exists(), "a failed restore leaves nothing behind");
    let restored = attune(&target, &["restore", file_arg], Some(PASSPHRASE));
    assert_eq!(
        restored.status.code(),
        Some(0),
        "restore: {}",
        stderr(&restored)
    );
    let check = attune(&target, &["check"], Some(PASSPHRASE));
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let over = attune(&dir, &["restore", file_arg], Some(PASSPHRASE));
    assert_eq!(
        over.status.code(),
        Some(1),
        "restoring over a vault needs --replace"
    );
    assert!(
        stderr(&over).contains("already exists"),
        "{}",
        stderr(&over)
    );

    std::fs::write(tmp.path().join("junk.age"), b"not a backup").unwrap();
    let junk = attune(
        &target,
        &[
            "restore",
            tmp.path().join("junk.age").to_str().unwrap(),
            "--replace",
        ],
        Some(PASSPHRASE),
    );
    assert_eq!(junk.status.code(), Some(4), "an unusable backup exits 4");
    assert_eq!(
        stderr(&junk),
        "attune: This file is not an Attune backup: it is not an age-encrypted file. \
         Nothing was restored, and no vault was changed.\n"
    );

    // Automatic backups: a folder, a recovery key printed once, and the state.
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let listed = attune(
        &dir,
        &["backups", "--folder", folder.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert!(
        stdout(&listed).starts_with("Last backup today. Set up a recovery key"),
        "{}",
        stdout(&listed)
    );
    let key = attune(&dir, &["recovery-key"], Some(PASSPHRASE));
    assert_eq!(key.status.code(), Some(0), "{}", stderr(&key));
    let secret_line = stdout(&key)
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .map(str::to_owned)
        .expect("the recovery key is printed");
    let identity = tmp.path().join("recovery.txt");
    std::fs::write(&identity, format!("{secret_line}\n")).unwrap();
    let restored2 = tmp.path().join("restored2");
    let by_identity = attune(
        &restored2,
        &[
            "restore",
            file_arg,
            "--identity",
            identity.to_str().unwrap(),
        ],
        Some(PASSPHRASE),
    );
    assert_eq!(
        by_identity.status.code(),
        Some(3),
        "a passphrase backup does not open with the recovery key"
    );
}

#[test]
fn export_and_import_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path());
    let out = tmp.path().join("practice.json");
    let exported = attune(
        &dir,
        &["export", "--out", out.to_str().unwrap()],
        Some(PASSPHRASE),
    );
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    assert!(
        stderr(&exported).contains("not encrypted"),
        "she is told the file is plain"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"format\": \"attune-export\""));

    let other = tmp.path().join("E");
    assert_eq!(
        attune(&other, &["init"], Some(PASSPHRASE)).status.code(),
        Some(0)
    );
    let imported = attune(&other, &["import", out.to_str().unwrap()], Some(PASSPHRASE));
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    assert!(
        stdout(&imported).starts_with("Imported "),
        "{}",
        stdout(&imported)
    );

    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, text.replace("\"version\": 7", "\"version\": 8")).unwrap();
    let refused = attune(&other, &["import", bad.to_str().unwrap()], Some(PASSPHRASE));
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        stderr(&refused),
        "attune: version: version 8 is not one this Attune reads (it reads versions 1 to 7); update Attune.\n"
    );
    let stdout_export = attune(&other, &["export"], Some(PASSPHRASE));
    assert!(
        stdout(&stdout_export).starts_with('{'),
        "without --out the document goes to standard output"
    );
}
