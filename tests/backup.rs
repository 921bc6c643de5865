//! Backups: the standard `age` tool opens ours and we restore what it encrypts; every bad
//! input is refused with a sentence and leaves the disk as it was; no plaintext ever lands on
//! disk; automatic backups rotate.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use attune::backup::automatic::{self, BackupSettings};
use attune::backup::rotation::Policy;
use attune::backup::{self, Protection, Staged, Unlocker};
use attune::model::PracticeProfile;
use attune::store::practice;
use attune::vault::Vault;
use attune::{BackupProblem, Error};
use chrono::{Duration, TimeZone, Utc};
use common::*;

const CANARY: &str = "Zoë-backup-canary-7f3a";

/// A vault whose practice profile holds the canary.
fn vault_with_canary() -> (tempfile::TempDir, PathBuf, Vault) {
    let (tmp, dir, mut vault) = new_vault();
    let profile = PracticeProfile {
        provider_name: "Dana Whitfield".to_owned(),
        address_line2: CANARY.to_owned(),
        ..PracticeProfile::default()
    };
    practice::save_profile(&mut vault, &profile).unwrap();
    (tmp, dir, vault)
}

fn passphrase_backup(vault: &mut Vault, out: &Path, armor: bool) {
    Staged::write(
        vault,
        out,
        &Protection::Passphrase(secret(PASSPHRASE)),
        armor,
        &mut |_, _| {},
    )
    .and_then(Staged::commit)
    .unwrap();
}

/// `age-keygen -o FILE`; returns the recipient.
fn age_keygen(file: &Path) -> String {
    let out = Command::new("age-keygen")
        .arg("-o")
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "age-keygen failed");
    let out = Command::new("age-keygen")
        .arg("-y")
        .arg(file)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// `age -r RECIPIENT -o OUT PLAIN`: the age tool encrypts a file we did not make.
fn age_encrypt(recipient: &str, plain: &Path, out: &Path) {
    run(Command::new("age")
        .arg("-r")
        .arg(recipient)
        .arg("-o")
        .arg(out)
        .arg(plain));
}

/// `age -d -i IDENTITY -o OUT SEALED`: the age tool decrypts one of our backups.
fn age_decrypt(identity: &Path, sealed: &Path, out: &Path) {
    run(Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg("-o")
        .arg(out)
        .arg(sealed));
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the tool is installed (make deps)");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sqlite3(db: &Path, sql: &str) -> String {
    run(Command::new("sqlite3").arg(db).arg(sql))
        .trim()
        .to_owned()
}

/// Automatic backups into `<tmp>/usb` with the default rotation and a new recovery key.
fn automatic_backups_into_usb(tmp: &Path, vault: &mut Vault) -> automatic::RecoveryKey {
    let folder = tmp.join("usb");
    fs::create_dir(&folder).unwrap();
    automatic::save_settings(
        vault,
        &BackupSettings {
            dir: Some(folder.to_string_lossy().into_owned()),
            policy: Policy::default(),
        },
    )
    .unwrap();
    automatic::set_up_recovery(vault).unwrap()
}

fn identity(file: &Path) -> Unlocker {
    backup::read_identity_file(file).unwrap()
}

#[test]
fn the_age_tool_decrypts_our_backups_to_a_plain_sqlite_database() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let key = tmp.path().join("me.txt");
    let recipient = age_keygen(&key);
    for armor in [false, true] {
        // Passphrase, typed at age's prompt on a pseudo-terminal.
        let file = tmp.path().join(format!("pass-{armor}.age"));
        passphrase_backup(&mut vault, &file, armor);
        let head = fs::read(&file).unwrap();
        assert_eq!(
            head.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            armor,
            "--armor decides the form"
        );
        let plain = tmp.path().join(format!("pass-{armor}.sqlite"));
        age_decrypt_with_passphrase(&file, PASSPHRASE, &plain);
        assert_eq!(sqlite3(&plain, "PRAGMA integrity_check"), "ok");
        assert_eq!(
            sqlite3(&plain, "SELECT address_line2 FROM practice"),
            CANARY,
            "the backup holds the vault's data, readable by plain sqlite3"
        );
        assert_eq!(
            sqlite3(&plain, "SELECT format, schema_version FROM backup_manifest"),
            format!("attune-backup-1|{}", attune::vault::schema::CURRENT_VERSION)
        );
        fs::remove_file(&plain).unwrap();

        // X25519 recipient, opened with the identity file.
        let file = tmp.path().join(format!("x25519-{armor}.age"));
        let to = Protection::Recipients(vec![backup::parse_recipient(&recipient).unwrap()]);
        Staged::write(&mut vault, &file, &to, armor, &mut |_, _| {})
            .and_then(Staged::commit)
            .unwrap();
        let plain = tmp.path().join(format!("x25519-{armor}.sqlite"));
        age_decrypt(&key, &file, &plain);
        assert_eq!(
            sqlite3(&plain, "SELECT provider_name FROM practice"),
            "Dana Whitfield"
        );
        fs::remove_file(&plain).unwrap();
    }
    let counts = manifest_rows(&vault);
    assert_eq!(
        counts, 0,
        "taking a snapshot leaves no manifest row in the vault itself"
    );
}

/// Rows of the vault's own `backup_manifest` table, as `check` counts them.
fn manifest_rows(vault: &Vault) -> i64 {
    vault
        .check()
        .unwrap()
        .row_counts
        .iter()
        .find(|c| c.table == "backup_manifest")
        .map(|c| c.rows)
        .unwrap()
}

#[test]
fn we_restore_what_the_age_tool_encrypted_armored_and_binary() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    // Export a plain SQLite database (our backup, decrypted by age), then let age encrypt it.
    let ours = tmp.path().join("ours.age");
    passphrase_backup(&mut vault, &ours, false);
    let plain = tmp.path().join("exported.sqlite");
    age_decrypt_with_passphrase(&ours, PASSPHRASE, &plain);
    let key = tmp.path().join("recovery.txt");
    let recipient = age_keygen(&key);
    for armor in [false, true] {
        let theirs = tmp.path().join(format!("theirs-{armor}.age"));
        let mut cmd = Command::new("age");
        cmd.arg("-r").arg(&recipient).arg("-o").arg(&theirs);
        if armor {
            cmd.arg("-a");
        }
        run(cmd.arg(&plain));
        let target = tmp.path().join(format!("restored-{armor}"));
        let restored = backup::restore(
            &theirs,
            &identity(&key),
            &target,
            &secret(OTHER_PASSPHRASE),
            false,
        )
        .unwrap();
        assert_eq!(
            practice::profile(&restored.vault).unwrap().address_line2,
            CANARY
        );
        assert!(restored.previous.is_none());
        restored.vault.lock().unwrap();
        // The restored vault has a new key and the new passphrase, and is healthy.
        let reopened = Vault::unlock(&target, &secret(OTHER_PASSPHRASE)).unwrap();
        let report = reopened.check().unwrap();
        assert!(
            report.is_healthy(),
            "restored vault fails its check: {report:?}"
        );
        assert!(
            report.audit.intact,
            "the audit chain continues across a restore"
        );
        assert!(matches!(
            Vault::unlock(&target, &secret(PASSPHRASE)),
            Err(Error::WrongPassphrase)
        ));
        assert_ne!(
            data_key_hex(&target, OTHER_PASSPHRASE),
            data_key_hex(&_dir, PASSPHRASE),
            "a restored vault gets a new data key"
        );
    }
}

#[test]
fn restore_round_trip_with_the_passphrase() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let file = tmp.path().join("b.age");
    passphrase_backup(&mut vault, &file, true);
    let unlocker = Unlocker::Passphrase(secret(PASSPHRASE));
    let manifest = backup::inspect(&file, &unlocker).unwrap();
    assert!(manifest.counts.contains("practice=1"), "{manifest:?}");
    let target = tmp.path().join("restored");
    let restored = backup::restore(&file, &unlocker, &target, &secret(PASSPHRASE), false).unwrap();
    assert_eq!(restored.manifest, manifest);
    assert_eq!(
        practice::profile(&restored.vault).unwrap(),
        practice::profile(&vault).unwrap(),
        "the profile comes back exactly"
    );
}

/// Everything under `root`, by path, with a hash: proof that nothing changed.
fn tree(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push((path.clone(), "dir".to_owned()));
            out.extend(tree(&path));
        } else {
            let bytes = fs::read(&path).unwrap();
            out.push((path, format!("{:x}", sha2::Sha256::digest(&bytes))));
        }
    }
    out.sort();
    out
}
use sha2::Digest;

#[test]
fn every_bad_backup_is_refused_with_a_sentence_and_nothing_changes() {
    let (tmp, dir, mut vault) = vault_with_canary();
    let good = tmp.path().join("good.age");
    passphrase_backup(&mut vault, &good, false);
    let good_bytes = fs::read(&good).unwrap();
    let key = tmp.path().join("other.txt");
    let recipient = age_keygen(&key);

    // Files that are age but hold the wrong thing, made with the real age tool.
    let text = tmp.path().join("note.txt");
    fs::write(&text, "just a note").unwrap();
    let age_text = tmp.path().join("text.age");
    age_encrypt(&recipient, &text, &age_text);
    let foreign_db = tmp.path().join("foreign.sqlite");
    sqlite3(&foreign_db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    let age_foreign = tmp.path().join("foreign.age");
    age_encrypt(&recipient, &foreign_db, &age_foreign);
    // A backup from a newer Attune: ours, with its schema version raised, re-encrypted.
    let newer_db = tmp.path().join("newer.sqlite");
    age_decrypt_with_passphrase(&good, PASSPHRASE, &newer_db);
    sqlite3(&newer_db, "PRAGMA user_version = 99");
    let age_newer = tmp.path().join("newer.age");
    age_encrypt(&recipient, &newer_db, &age_newer);

    type Check = fn(&Error) -> bool;
    // Ours with one table's first page made unreadable (its page type), re-encrypted: age
    // accepts it, SQLite's check must not. The search index's own table too, since the check
    // leaves out only FTS5's rereading of its token lists.
    let damaged = |table: &str| {
        let db = tmp.path().join(format!("damaged-{table}.sqlite"));
        age_decrypt_with_passphrase(&good, PASSPHRASE, &db);
        let root: u64 = sqlite3(
            &db,
            &format!("SELECT rootpage FROM sqlite_schema WHERE name = '{table}'"),
        )
        .parse()
        .unwrap();
        let page_size: u64 = sqlite3(&db, "PRAGMA page_size").parse().unwrap();
        let mut bytes = fs::read(&db).unwrap();
        bytes[((root - 1) * page_size) as usize] = 0x01;
        fs::write(&db, bytes).unwrap();
        let sealed = tmp.path().join(format!("damaged-{table}.age"));
        age_encrypt(&recipient, &db, &sealed);
        sealed
    };
    let inconsistent: Check = |e| {
        matches!(
            e,
            Error::BackupUnusable {
                problem: BackupProblem::Inconsistent
            }
        )
    };

    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let flip = |at: usize| {
        let mut b = good_bytes.clone();
        b[at] ^= 0x01;
        b
    };
    let len = good_bytes.len();
    let pass = || Unlocker::Passphrase(secret(PASSPHRASE));
    let cases: Vec<(&str, PathBuf, Unlocker, Check)> = vec![
        (
            "wrong passphrase",
            good.clone(),
            Unlocker::Passphrase(secret(OTHER_PASSPHRASE)),
            |e| matches!(e, Error::BackupWrongKey),
        ),
        (
            "identity instead of passphrase",
            good.clone(),
            identity(&key),
            |e| matches!(e, Error::BackupWrongKey),
        ),
        (
            "truncated in the middle",
            write("half.age", &good_bytes[..len / 2]),
            pass(),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::Damaged
                    }
                )
            },
        ),
        (
            "truncated by one byte",
            write("short.age", &good_bytes[..len - 1]),
            pass(),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::Damaged
                    }
                )
            },
        ),
        (
            "flipped byte in the header",
            write("flip-head.age", &flip(40)),
            pass(),
            |e| matches!(e, Error::BackupUnusable { .. } | Error::BackupWrongKey),
        ),
        (
            "flipped byte in the payload",
            write("flip-mid.age", &flip(len / 2)),
            pass(),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::Damaged
                    }
                )
            },
        ),
        (
            "flipped last byte",
            write("flip-end.age", &flip(len - 1)),
            pass(),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::Damaged
                    }
                )
            },
        ),
        (
            "not age at all",
            write("random.age", &[0x42u8; 4096]),
            pass(),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::NotAge
                    }
                )
            },
        ),
        ("a plain SQLite file", foreign_db.clone(), pass(), |e| {
            matches!(
                e,
                Error::BackupUnusable {
                    problem: BackupProblem::NotAge
                }
            )
        }),
        ("empty file", write("empty.age", b""), pass(), |e| {
            matches!(
                e,
                Error::BackupUnusable {
                    problem: BackupProblem::NotAge
                }
            )
        }),
        ("age file holding text", age_text, identity(&key), |e| {
            matches!(
                e,
                Error::BackupUnusable {
                    problem: BackupProblem::NotAttune
                }
            )
        }),
        (
            "age file holding another database",
            age_foreign,
            identity(&key),
            |e| {
                matches!(
                    e,
                    Error::BackupUnusable {
                        problem: BackupProblem::NotAttune
                    }
                )
            },
        ),
        (
            "a table's page damaged inside the database",
            damaged("audit_log"),
            identity(&key),
            inconsistent,
        ),
        (
            "the search index's table damaged inside the database",
            damaged("search_index_data"),
            identity(&key),
            inconsistent,
        ),
        (
            "backup from a newer Attune",
            age_newer,
            identity(&key),
            |e| matches!(e, Error::BackupTooNew { found: 99, .. }),
        ),
    ];

    // One vault in place (restoring over it, even with replace), one new folder.
    let before = tree(tmp.path());
    for (name, file, unlocker, expected) in cases {
        for (target, replace) in [(tmp.path().join("new-vault"), false), (dir.clone(), true)] {
            let err = backup::restore(&file, &unlocker, &target, &secret(PASSPHRASE), replace)
                .expect_err(name);
            assert!(expected(&err), "{name}: unexpected error {err:?}");
            let message = err.to_string();
            assert!(
                message.ends_with('.') && message.chars().next().unwrap().is_uppercase(),
                "{name}: not a sentence: {message}"
            );
            assert!(
                !message.contains(PASSPHRASE),
                "{name}: the message leaks the passphrase"
            );
            assert_eq!(
                tree(tmp.path()),
                before,
                "{name}: something on disk changed"
            );
        }
    }
}

#[test]
fn restoring_over_a_vault_needs_replace_and_keeps_the_old_one() {
    let (tmp, dir, mut vault) = vault_with_canary();
    let file = tmp.path().join("b.age");
    passphrase_backup(&mut vault, &file, false);
    practice::save_profile(
        &mut vault,
        &PracticeProfile {
            provider_name: "Changed after the backup".to_owned(),
            ..PracticeProfile::default()
        },
    )
    .unwrap();
    vault.lock().unwrap();
    let unlocker = Unlocker::Passphrase(secret(PASSPHRASE));
    let before = fingerprint(&dir);
    let refused = backup::restore(&file, &unlocker, &dir, &secret(PASSPHRASE), false);
    assert!(matches!(refused, Err(Error::VaultExists(_))), "{refused:?}");
    assert_eq!(
        fingerprint(&dir),
        before,
        "a refused restore changes nothing"
    );

    let restored = backup::restore(&file, &unlocker, &dir, &secret(PASSPHRASE), true).unwrap();
    assert_eq!(
        practice::profile(&restored.vault).unwrap().provider_name,
        "Dana Whitfield",
        "the vault is as it was at the backup"
    );
    let aside = restored.previous.clone().expect("the old vault is kept");
    assert_eq!(
        fingerprint(&aside),
        before,
        "the old vault is kept byte for byte"
    );
    let old = Vault::unlock(&aside, &secret(PASSPHRASE)).unwrap();
    assert_eq!(
        practice::profile(&old).unwrap().provider_name,
        "Changed after the backup"
    );
}

#[test]
fn no_plaintext_reaches_the_disk_during_backup_and_restore() {
    let (tmp, dir, mut vault) = vault_with_canary();
    // Put the canary in the WAL too, then write binary and armored backups, both kinds.
    let key = tmp.path().join("id.txt");
    let recipient = age_keygen(&key);
    passphrase_backup(&mut vault, &tmp.path().join("a.age"), false);
    passphrase_backup(&mut vault, &tmp.path().join("b.age"), true);
    let to = Protection::Recipients(vec![backup::parse_recipient(&recipient).unwrap()]);
    Staged::write(
        &mut vault,
        &tmp.path().join("c.age"),
        &to,
        false,
        &mut |_, _| {},
    )
    .and_then(Staged::commit)
    .unwrap();
    let restored = backup::restore(
        &tmp.path().join("a.age"),
        &Unlocker::Passphrase(secret(PASSPHRASE)),
        &tmp.path().join("restored"),
        &secret(PASSPHRASE),
        false,
    )
    .unwrap();
    assert_eq!(
        practice::profile(&restored.vault).unwrap().address_line2,
        CANARY
    );
    // Scan while both vaults are open (WAL and SHM present), then again after closing.
    fs::remove_file(&key).unwrap();
    assert_eq!(
        files_containing(tmp.path(), CANARY.as_bytes()),
        Vec::<PathBuf>::new()
    );
    restored.vault.lock().unwrap();
    vault.lock().unwrap();
    assert_eq!(
        files_containing(tmp.path(), CANARY.as_bytes()),
        Vec::<PathBuf>::new()
    );
    assert!(dir.join("vault.db").exists());
}

#[test]
fn automatic_backups_go_to_the_folder_encrypted_to_the_recovery_key_and_rotate() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let folder = tmp.path().join("usb");
    fs::create_dir(&folder).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();

    let state = automatic::state(&vault, now).unwrap();
    assert!(state.stale, "never backed up is stale");
    assert_eq!(
        state.summary,
        "This vault has never been backed up. Choose a backup folder to back up automatically."
    );
    assert!(
        !automatic::due(&vault, now).unwrap(),
        "nothing is due without a folder"
    );
    assert_eq!(
        automatic::run(&mut vault, now, &mut |_, _| {}).unwrap(),
        None
    );

    let bad = BackupSettings {
        dir: Some("relative/folder".to_owned()),
        policy: Policy::default(),
    };
    assert!(matches!(
        automatic::save_settings(&mut vault, &bad),
        Err(Error::Invalid { ref field, .. }) if field == "dir"
    ));
    let settings = BackupSettings {
        dir: Some(folder.to_string_lossy().into_owned()),
        policy: Policy {
            daily: 2,
            weekly: 0,
            monthly: 0,
        },
    };
    automatic::save_settings(&mut vault, &settings).unwrap();
    assert!(
        !automatic::due(&vault, now).unwrap(),
        "nothing is due without a recovery key"
    );
    let recovery = automatic::set_up_recovery(&mut vault).unwrap();
    assert!(recovery.expose().starts_with("AGE-SECRET-KEY-1"));
    assert!(automatic::due(&vault, now).unwrap());

    // A file of hers in the same folder is never touched.
    fs::write(folder.join("notes.txt"), "mine").unwrap();
    let mut reported = 0;
    let first = automatic::run(&mut vault, now, &mut |done, total| {
        assert!(done <= total);
        reported += 1;
    })
    .unwrap()
    .unwrap();
    assert!(reported > 0, "progress is reported");
    assert!(!automatic::due(&vault, now + Duration::hours(23)).unwrap());
    assert!(automatic::due(&vault, now + Duration::hours(24)).unwrap());
    let state = automatic::state(&vault, now + Duration::days(1)).unwrap();
    assert!(!state.stale);
    assert_eq!(
        state.summary,
        "Last backup yesterday. Automatic backups are on."
    );
    assert!(
        automatic::state(&vault, now + Duration::days(8))
            .unwrap()
            .stale
    );

    // The recovery key (written down, typed into a file) opens it with the age tool.
    let id = tmp.path().join("recovery.txt");
    fs::write(&id, format!("{}\n", recovery.expose())).unwrap();
    let plain = tmp.path().join("auto.sqlite");
    age_decrypt(&id, &first, &plain);
    assert_eq!(
        sqlite3(&plain, "SELECT address_line2 FROM practice"),
        CANARY
    );

    for day in 1..=3 {
        automatic::run(&mut vault, now + Duration::days(day), &mut |_, _| {}).unwrap();
    }
    let names: Vec<String> = automatic::list(&folder)
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names,
        [
            "attune-20261128T120000.000Z.age",
            "attune-20261127T120000.000Z.age"
        ],
        "two daily backups kept, newest first"
    );
    assert_eq!(
        fs::read_to_string(folder.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn the_recovery_key_as_typed_opens_an_automatic_backup() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let recovery = automatic_backups_into_usb(tmp.path(), &mut vault);
    let file = automatic::run_now(&mut vault, Utc::now(), &mut |_, _| {}).unwrap();

    // Typed by hand from paper: lower case, with blanks around it.
    let typed = format!("  {}\n", recovery.expose().to_lowercase());
    let unlocker = backup::unlocker_from_text(secret(&typed)).unwrap();
    assert!(matches!(unlocker, Unlocker::Identities(_)));
    let manifest = backup::inspect(&file, &unlocker).unwrap();
    assert!(manifest.counts.contains("practice=1"));

    let cut = &recovery.expose()[..recovery.expose().len() - 3];
    assert!(matches!(
        backup::unlocker_from_text(secret(cut)),
        Err(Error::Invalid { ref field, .. }) if field == "key"
    ));
    // Anything else is taken for a passphrase, which does not open a recovery-key backup.
    let pass = backup::unlocker_from_text(secret(PASSPHRASE)).unwrap();
    assert!(matches!(
        backup::inspect(&file, &pass),
        Err(Error::BackupWrongKey)
    ));
}

#[test]
fn back_up_now_says_what_is_missing() {
    let (_tmp, _dir, mut vault) = new_vault();
    let err = automatic::run_now(&mut vault, Utc::now(), &mut |_, _| {}).unwrap_err();
    assert_eq!(err.to_string(), "Choose a backup folder first.");
}

#[test]
fn a_restore_does_not_depend_on_the_file_once_it_is_checked() {
    // In the app, closing the vault makes an automatic backup whose rotation may remove the
    // very file being restored (two backups in one day): the restore has read it already.
    let (tmp, _dir, mut vault) = vault_with_canary();
    let file = tmp.path().join("b.age");
    passphrase_backup(&mut vault, &file, false);
    let restored = backup::restore_with(
        &file,
        &Unlocker::Passphrase(secret(PASSPHRASE)),
        &tmp.path().join("restored"),
        &secret(PASSPHRASE),
        false,
        || {
            fs::remove_file(&file).unwrap();
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(
        practice::profile(&restored.vault).unwrap().address_line2,
        CANARY
    );

    // And when the step before writing fails, nothing is written.
    passphrase_backup(&mut vault, &file, false);
    let target = tmp.path().join("never");
    let refused = backup::restore_with(
        &file,
        &Unlocker::Passphrase(secret(PASSPHRASE)),
        &target,
        &secret(PASSPHRASE),
        false,
        || Err(Error::Locked),
    );
    assert!(matches!(refused, Err(Error::Locked)));
    assert!(!target.exists());
}

#[test]
fn the_vault_is_free_while_an_automatic_backup_is_written() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let recovery = automatic_backups_into_usb(tmp.path(), &mut vault);
    let pending = automatic::prepare_now(&mut vault, Utc::now(), &mut |_, _| {}).unwrap();
    // She goes on working between the snapshot and the write.
    practice::save_profile(
        &mut vault,
        &PracticeProfile {
            provider_name: "Edited while backing up".into(),
            ..PracticeProfile::default()
        },
    )
    .unwrap();
    let written = pending.write().unwrap();
    automatic::record_written(&mut vault, &written).unwrap();
    assert!(!automatic::state(&vault, Utc::now()).unwrap().stale);

    let id = tmp.path().join("recovery.txt");
    fs::write(&id, format!("{}\n", recovery.expose())).unwrap();
    let plain = tmp.path().join("p.sqlite");
    age_decrypt(&id, &written.path, &plain);
    assert_eq!(
        sqlite3(&plain, "SELECT provider_name FROM practice"),
        "Dana Whitfield",
        "the backup is the snapshot as taken, consistent, not a mix"
    );
}

/// A vault of a few megabytes (two hundred sessions with notes), so that a backup's plaintext
/// runs to several of the chunks a restore decrypts and writes one after another.
fn larger_vault() -> (tempfile::TempDir, PathBuf, Vault) {
    let (tmp, dir, mut vault) = vault_with_canary();
    let now = "2026-11-25T19:00:00Z".parse().unwrap();
    attune::demo::scale::with_prose(&mut vault, now, 200).unwrap();
    (tmp, dir, vault)
}

/// The restore that streams pages must bring back exactly the rows the vault held, and a
/// backup damaged after its first chunk must leave nothing behind: no vault, no half-written
/// folder beside it.
#[test]
fn a_restore_in_many_chunks_is_exact_and_a_late_fault_leaves_nothing() {
    let (tmp, _dir, mut vault) = larger_vault();
    let key = tmp.path().join("recovery.txt");
    let recipient = age_keygen(&key);
    let to = Protection::Recipients(vec![backup::parse_recipient(&recipient).unwrap()]);
    let file = tmp.path().join("big.age");
    Staged::write(&mut vault, &file, &to, false, &mut |_, _| {})
        .and_then(Staged::commit)
        .unwrap();
    let plain = tmp.path().join("big.sqlite");
    age_decrypt(&key, &file, &plain);
    let head = fs::read(&plain).unwrap();
    assert!(
        head.len() > 3 << 20,
        "the plaintext ({} bytes) must span several 1 MiB chunks for this test to mean anything",
        head.len()
    );
    assert_eq!(
        (u16::from_be_bytes([head[16], head[17]]), head[20]),
        (4096, 80),
        "our backups keep SQLCipher's page layout (4 KB pages, 80 reserved bytes), which is \
         what lets a restore write them into the new vault page by page"
    );

    let target = tmp.path().join("restored");
    let restored =
        backup::restore(&file, &identity(&key), &target, &secret(PASSPHRASE), false).unwrap();
    assert_eq!(
        restored.copied,
        backup::Copied::PageByPage,
        "our own backup is written into the new vault page by page, as it is decrypted"
    );
    let counts = |v: &Vault| {
        v.check()
            .unwrap()
            .row_counts
            .into_iter()
            .filter(|c| c.table != "audit_log")
            .map(|c| (c.table, c.rows))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        counts(&restored.vault),
        counts(&vault),
        "every table comes back with every row (the audit log gains the restore's entry)"
    );
    assert!(restored.vault.check().unwrap().is_healthy());
    restored.vault.lock().unwrap();

    // Damaged past the first chunk: age refuses that chunk only once the earlier pages have
    // gone into the new vault. The new vault must go with them.
    let mut bytes = fs::read(&file).unwrap();
    let at = bytes.len() - (1 << 20);
    bytes[at] ^= 0x01;
    let damaged = tmp.path().join("damaged.age");
    fs::write(&damaged, bytes).unwrap();
    // And a page of the notes' table made unreadable late in the image (its page type),
    // re-encrypted: age accepts it, the check after the last page must not.
    let late_page: usize = sqlite3(
        &plain,
        "SELECT max(pageno) FROM dbstat WHERE name = 'notes' AND pagetype = 'leaf'",
    )
    .parse()
    .unwrap();
    assert!(
        (late_page - 1) * 4096 >= 1 << 20,
        "page {late_page} lies past the first chunk, so it reaches the check after pages \
         before it were written"
    );
    let mut late = head.clone();
    late[(late_page - 1) * 4096] = 0x01;
    let inconsistent_plain = tmp.path().join("inconsistent.sqlite");
    fs::write(&inconsistent_plain, late).unwrap();
    let inconsistent = tmp.path().join("inconsistent.age");
    age_encrypt(&recipient, &inconsistent_plain, &inconsistent);
    // And one page longer than its header says: the restore reads as many pages as the
    // database declares, and what follows them is not part of any database Attune wrote.
    let mut longer = head.clone();
    longer.extend_from_slice(&[0u8; 4096]);
    let longer_plain = tmp.path().join("longer.sqlite");
    fs::write(&longer_plain, longer).unwrap();
    let longer = tmp.path().join("longer.age");
    age_encrypt(&recipient, &longer_plain, &longer);
    for (name, bad, expected) in [
        ("damaged", &damaged, BackupProblem::Damaged),
        ("inconsistent", &inconsistent, BackupProblem::Inconsistent),
        ("longer", &longer, BackupProblem::Inconsistent),
    ] {
        let before = tree(tmp.path());
        let target = tmp.path().join(format!("never-{name}"));
        let refused = backup::restore(bad, &identity(&key), &target, &secret(PASSPHRASE), false);
        assert!(
            matches!(&refused, Err(Error::BackupUnusable { problem }) if *problem == expected),
            "{name}: {refused:?}"
        );
        assert_eq!(
            tree(tmp.path()),
            before,
            "{name}: a refused restore leaves no file and no folder behind"
        );
    }
}

/// A backup whose database was rebuilt outside Attune with another page size (say with the
/// sqlite3 tool) is still restored: row by row rather than page by page.
#[test]
fn a_backup_with_other_pages_is_restored_row_by_row() {
    let (tmp, _dir, mut vault) = vault_with_canary();
    let ours = tmp.path().join("ours.age");
    passphrase_backup(&mut vault, &ours, false);
    let plain = tmp.path().join("rebuilt.sqlite");
    age_decrypt_with_passphrase(&ours, PASSPHRASE, &plain);
    sqlite3(&plain, "PRAGMA page_size = 8192; VACUUM;");
    assert_eq!(sqlite3(&plain, "PRAGMA page_size"), "8192");
    let key = tmp.path().join("recovery.txt");
    let recipient = age_keygen(&key);
    let theirs = tmp.path().join("rebuilt.age");
    age_encrypt(&recipient, &plain, &theirs);
    let target = tmp.path().join("restored");
    let restored = backup::restore(
        &theirs,
        &identity(&key),
        &target,
        &secret(PASSPHRASE),
        false,
    )
    .unwrap();
    assert_eq!(
        restored.copied,
        backup::Copied::RowByRow,
        "8 KB pages cannot go into a vault of 4 KB pages as they are"
    );
    assert_eq!(
        practice::profile(&restored.vault).unwrap().address_line2,
        CANARY,
        "the rebuilt backup's records come back"
    );
    assert!(restored.vault.check().unwrap().is_healthy());
}
