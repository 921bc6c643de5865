//! The vault: create, unlock, lock, change passphrase, and what must hold on disk.

mod common;

use attune::model::PracticeProfile;
use attune::store::{audit, practice};
use attune::vault::keyring::{KeyStore, MemoryKeyring};
use attune::vault::{self, Vault};
use attune::Error;
use common::*;

const CANARY: &str = "Zephyrine-Canary-7f3a";

fn profile_with(name: &str) -> PracticeProfile {
    PracticeProfile {
        provider_name: name.to_owned(),
        credentials: "PhD, LMFT".to_owned(),
        npi: "1558598797".to_owned(),
        ein: "86-1234567".to_owned(),
        license_number: "LMFT-12345".to_owned(),
        license_state: "az".to_owned(),
        taxonomy_code: "101YM0800X".to_owned(),
        address_line1: "12 Saguaro Lane".to_owned(),
        city: "Tucson".to_owned(),
        state: "AZ".to_owned(),
        postal_code: "85701".to_owned(),
        phone: "520-555-0142".to_owned(),
        ..PracticeProfile::default()
    }
}

#[test]
fn create_lock_unlock_keeps_the_profile() {
    let (_tmp, dir, mut vault) = new_vault();
    assert!(vault::exists(&dir), "a created folder is a vault");
    let saved = practice::save_profile(&mut vault, &profile_with("Dana Whitfield")).unwrap();
    assert_eq!(
        saved.license_state, "AZ",
        "state codes are stored upper-case"
    );
    vault.lock().unwrap();

    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    assert_eq!(
        practice::profile(&vault).unwrap(),
        saved,
        "the profile survives lock and unlock"
    );
}

#[test]
fn wrong_passphrase_is_a_distinct_error_and_changes_nothing() {
    let (_tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    let before = fingerprint(&dir);
    let err = Vault::unlock(&dir, &secret(OTHER_PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    assert_eq!(
        err.to_string(),
        "The passphrase is not right for this vault."
    );
    assert_eq!(
        fingerprint(&dir),
        before,
        "a failed unlock must not touch a file"
    );
}

#[test]
fn a_short_passphrase_is_refused_and_no_vault_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let err = Vault::create(&dir, &secret("short pass1")).unwrap_err();
    assert!(matches!(err, Error::WeakPassphrase(_)), "got {err:?}");
    assert!(err.to_string().contains("at least 12 characters"), "{err}");
    assert!(!vault::exists(&dir), "no vault after a refused passphrase");
}

#[test]
fn create_never_overwrites_a_vault() {
    let (_tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    let before = fingerprint(&dir);
    let err = Vault::create(&dir, &secret(OTHER_PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::VaultExists(_)), "got {err:?}");
    assert_eq!(fingerprint(&dir), before, "the existing vault is untouched");
}

#[test]
fn plain_sqlite_cannot_read_the_database() {
    let (_tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    let header = std::fs::read(dir.join("vault.db")).unwrap();
    assert_ne!(
        &header[..16],
        b"SQLite format 3\0",
        "the header is encrypted too"
    );
    let out = std::process::Command::new("sqlite3")
        .arg(dir.join("vault.db"))
        .arg(".tables")
        .output()
        .expect("the sqlite3 command line is installed (make deps)");
    assert!(
        !out.status.success(),
        "plain SQLite must fail to read vault.db"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a database"),
        "plain SQLite says: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_canary_in_the_profile_is_in_no_file_before_or_after_a_checkpoint() {
    let (tmp, dir, mut vault) = new_vault();
    let mut profile = profile_with(&format!("Dr {CANARY}"));
    profile.address_line2 = format!("Suite {CANARY}");
    practice::save_profile(&mut vault, &profile).unwrap();
    let wal = dir.join("vault.db-wal");
    assert!(
        std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false),
        "the write sits in the WAL before a checkpoint"
    );
    assert_eq!(
        files_containing(tmp.path(), CANARY.as_bytes()),
        Vec::<std::path::PathBuf>::new(),
        "no plaintext in vault.db, its WAL or SHM, or key.age before a checkpoint"
    );
    vault.lock().unwrap(); // closing the last connection checkpoints the WAL
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    assert_eq!(
        files_containing(tmp.path(), CANARY.as_bytes()),
        Vec::<std::path::PathBuf>::new(),
        "no plaintext after the checkpoint either"
    );
    // And the canary really is in there, for whoever holds the key.
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    assert!(practice::profile(&vault)
        .unwrap()
        .provider_name
        .contains(CANARY));
}

#[test]
fn reopening_is_idempotent() {
    let (_tmp, dir, vault) = new_vault();
    let first = vault.check().unwrap();
    vault.lock().unwrap();
    for _ in 0..2 {
        let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
        let again = vault.check().unwrap();
        assert!(again.is_healthy(), "{again:?}");
        assert_eq!(again.schema_version, first.schema_version);
        let counts = |r: &attune::vault::CheckReport| {
            r.row_counts
                .iter()
                .map(|c| (c.table.clone(), c.rows))
                .collect::<Vec<_>>()
        };
        assert_eq!(counts(&again), counts(&first), "opening again adds no rows");
        vault.lock().unwrap();
    }
}

#[test]
fn changing_the_passphrase_rewraps_the_same_data_key() {
    let (_tmp, dir, vault) = new_vault();
    let key_before = data_key_hex(&dir, PASSPHRASE);
    vault
        .change_passphrase(&secret(PASSPHRASE), &secret(OTHER_PASSPHRASE))
        .unwrap();
    vault.lock().unwrap();
    assert_eq!(
        data_key_hex(&dir, OTHER_PASSPHRASE),
        key_before,
        "only key.age changes; the database keeps its key"
    );
    assert!(matches!(
        Vault::unlock(&dir, &secret(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::unlock(&dir, &secret(OTHER_PASSPHRASE)).unwrap();
    assert!(
        !dir.join(vault::STAGED_KEY_FILE).exists(),
        "no leftover file"
    );
    let actions: Vec<String> = audit::recent(&vault, 10)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"vault.passphrase_changed".to_owned()));
}

#[test]
fn changing_the_passphrase_needs_the_current_one_and_a_long_new_one() {
    let (_tmp, dir, vault) = new_vault();
    let before = std::fs::read(dir.join("key.age")).unwrap();
    let err = vault
        .change_passphrase(
            &secret(OTHER_PASSPHRASE),
            &secret("another long passphrase"),
        )
        .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    let err = vault
        .change_passphrase(&secret(PASSPHRASE), &secret("too short"))
        .unwrap_err();
    assert!(matches!(err, Error::WeakPassphrase(_)), "got {err:?}");
    assert_eq!(std::fs::read(dir.join("key.age")).unwrap(), before);
    assert!(!dir.join(vault::STAGED_KEY_FILE).exists());
}

#[test]
fn a_crash_between_writing_and_renaming_key_age_leaves_the_old_passphrase_working() {
    let (_tmp, dir, vault) = new_vault();
    let staged = vault
        .stage_passphrase_change(&secret(PASSPHRASE), &secret(OTHER_PASSPHRASE))
        .unwrap();
    // The process dies here: the new key file is written and flushed, never renamed.
    std::mem::forget(staged);
    drop(vault);
    assert!(
        dir.join(vault::STAGED_KEY_FILE).exists(),
        "the crash left the new file"
    );

    assert!(matches!(
        Vault::unlock(&dir, &secret(OTHER_PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).expect("the old passphrase still works");
    // The next change replaces the leftover and completes.
    vault
        .change_passphrase(&secret(PASSPHRASE), &secret(OTHER_PASSPHRASE))
        .unwrap();
    vault.lock().unwrap();
    assert!(!dir.join(vault::STAGED_KEY_FILE).exists());
    Vault::unlock(&dir, &secret(OTHER_PASSPHRASE)).unwrap();
}

#[test]
fn a_vault_from_a_newer_attune_is_refused_and_untouched() {
    let (_tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    {
        let conn = open_raw(&dir, PASSPHRASE);
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = fingerprint(&dir);
    let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(err, Error::VaultTooNew { found: 99, .. }),
        "got {err:?}"
    );
    assert!(err.to_string().contains("newer version of Attune"), "{err}");
    assert_eq!(fingerprint(&dir), before, "a too-new vault is not touched");
}

#[test]
fn missing_and_damaged_vaults_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let err = Vault::unlock(tmp.path(), &secret(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(err, Error::VaultMissing(_)),
        "empty folder: {err:?}"
    );

    let (_t1, dir, vault) = new_vault();
    vault.lock().unwrap();
    std::fs::write(dir.join("key.age"), b"this is not an age file").unwrap();
    let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(err, Error::VaultCorrupt { .. }),
        "garbage key.age: {err:?}"
    );
    assert!(
        err.to_string().contains("restore it from a backup"),
        "{err}"
    );

    let (_t2, dir, vault) = new_vault();
    vault.lock().unwrap();
    let db = dir.join("vault.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&db, &bytes).unwrap();
    let verdict = Vault::unlock(&dir, &secret(PASSPHRASE)).and_then(|v| v.check());
    match verdict {
        Err(Error::VaultCorrupt { .. }) => {}
        Ok(report) => assert!(!report.is_healthy(), "a flipped byte must fail the check"),
        Err(other) => panic!("a flipped byte gave {other:?}"),
    }

    let (_t3, dir, vault) = new_vault();
    vault.lock().unwrap();
    std::fs::remove_file(dir.join("vault.db")).unwrap();
    let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
    assert!(
        matches!(err, Error::VaultCorrupt { .. }),
        "no vault.db: {err:?}"
    );
}

#[test]
fn a_remembered_key_unlocks_until_forgotten() {
    let store = MemoryKeyring::default();
    let (_tmp, dir, vault) = new_vault();
    assert!(!vault.is_remembered(&store).unwrap());
    vault.remember(&store).unwrap();
    assert!(vault.is_remembered(&store).unwrap());
    vault.lock().unwrap();

    let vault = Vault::unlock_remembered(&dir, &store)
        .unwrap()
        .expect("the remembered key opens the vault");
    vault.forget(&store).unwrap();
    vault.lock().unwrap();
    assert!(
        Vault::unlock_remembered(&dir, &store).unwrap().is_none(),
        "after forgetting, the passphrase is needed"
    );
}

#[test]
fn a_stale_remembered_key_is_dropped_and_the_passphrase_asked() {
    let store = MemoryKeyring::default();
    let (_t1, dir, vault) = new_vault();
    vault.lock().unwrap();
    let (_t2, _other_dir, other) = new_vault();
    // The keyring holds another vault's key under this vault's name.
    let account = std::fs::canonicalize(&dir).unwrap();
    let other_key = data_key_hex(other.dir(), PASSPHRASE);
    let key =
        attune::vault::key::DataKey::from_bytes(&hex::decode(other_key.trim()).unwrap()).unwrap();
    store.save(&account.to_string_lossy(), &key).unwrap();
    assert!(Vault::unlock_remembered(&dir, &store).unwrap().is_none());
    assert!(
        store.find(&account.to_string_lossy()).unwrap().is_none(),
        "the stale key is forgotten"
    );
}

#[test]
fn an_invalid_npi_is_refused_and_nothing_is_saved() {
    let (_tmp, _dir, mut vault) = new_vault();
    let mut profile = profile_with("Dana Whitfield");
    profile.npi = "1234567890".to_owned();
    let err = practice::save_profile(&mut vault, &profile).unwrap_err();
    match &err {
        Error::Invalid { field, .. } => assert_eq!(field, "npi"),
        other => panic!("expected an invalid NPI, got {other:?}"),
    }
    assert_eq!(
        practice::profile(&vault).unwrap(),
        PracticeProfile::default(),
        "a refused profile leaves the stored one as it was"
    );
}

#[test]
fn the_audit_log_names_fields_never_values() {
    let (_tmp, _dir, mut vault) = new_vault();
    practice::save_profile(&mut vault, &profile_with(CANARY)).unwrap();
    let entries = audit::recent(&vault, 10).unwrap();
    let latest = &entries[0];
    assert_eq!(latest.action, "practice.updated");
    assert!(latest.detail.contains("provider_name"), "{latest:?}");
    assert!(latest.detail.contains("npi"), "{latest:?}");
    for entry in &entries {
        assert!(!entry.detail.contains(CANARY), "no value in the audit log");
        assert!(
            !entry.detail.contains("1558598797"),
            "no value in the audit log"
        );
    }
    // Saving the same profile again changes nothing and logs nothing.
    practice::save_profile(&mut vault, &profile_with(CANARY)).unwrap();
    assert_eq!(audit::recent(&vault, 10).unwrap().len(), entries.len());
    assert!(vault.check().unwrap().audit.intact);
}

#[test]
fn settings_keep_auto_lock_within_bounds() {
    use attune::model::{Settings, Weekday};
    let (_tmp, _dir, mut vault) = new_vault();
    assert_eq!(
        practice::settings(&vault).unwrap().auto_lock_minutes,
        10,
        "default"
    );
    let chosen = Settings {
        auto_lock_minutes: 3,
        time_zone: " America/Phoenix ".to_owned(),
        licensed_states: vec!["wi".to_owned()],
        vitals: attune::model::VitalRanges {
            every_minutes: 10,
            ..Default::default()
        },
        date_style: attune::model::DateStyle::DayMonthYear,
        temperature: attune::model::Temperature::Celsius,
        schedule: attune::model::ScheduleSettings {
            working_days: vec![Weekday::Saturday, Weekday::Tuesday, Weekday::Saturday],
            observation_minutes: 180,
            integration_minutes: 75,
        },
    };
    practice::save_settings(&mut vault, &chosen).unwrap();
    let stored = practice::settings(&vault).unwrap();
    assert_eq!(
        stored.schedule.working_days,
        [Weekday::Tuesday, Weekday::Saturday],
        "her working days are kept in the week's order, each once"
    );
    assert_eq!(
        (
            stored.schedule.observation_minutes,
            stored.schedule.integration_minutes
        ),
        (180, 75),
        "the observation and the integration's length are kept as chosen"
    );
    assert_eq!(stored.auto_lock_minutes, 3);
    assert_eq!(stored.time_zone, "America/Phoenix", "trimmed");
    assert_eq!(stored.licensed_states, ["WI"], "upper-cased");
    assert_eq!(stored.vitals.every_minutes, 10);
    assert_eq!(
        (stored.date_style, stored.temperature),
        (
            attune::model::DateStyle::DayMonthYear,
            attune::model::Temperature::Celsius
        ),
        "how dates and temperatures are shown is kept as she chose"
    );
    for bad in [0, 241] {
        let err = practice::save_settings(
            &mut vault,
            &Settings {
                auto_lock_minutes: bad,
                ..stored.clone()
            },
        );
        assert!(matches!(err, Err(Error::Invalid { .. })), "{bad} minutes");
    }
    assert_eq!(practice::settings(&vault).unwrap(), stored);
}

/// A vault made before pages were authenticated with HMAC-SHA256 (SQLCipher 4's default,
/// HMAC-SHA512) must open as it is, go on working, and restore from its backups into a new,
/// SHA-256 vault.
#[test]
fn a_vault_with_sha512_pages_opens_and_restores_from_its_backups() {
    let (tmp, dir, mut vault) = new_vault();
    practice::save_profile(&mut vault, &profile_with(CANARY)).unwrap();
    vault.lock().unwrap();
    // Rewrite vault.db as SQLCipher's defaults would have written it, with the same key.
    let hex = data_key_hex(&dir, PASSPHRASE);
    let legacy = tmp.path().join("legacy.db");
    {
        let conn = open_raw(&dir, PASSPHRASE);
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch(&format!(
            "ATTACH DATABASE '{}' AS legacy KEY \"x'{hex}'\";
             PRAGMA legacy.cipher_hmac_algorithm = HMAC_SHA512;
             SELECT sqlcipher_export('legacy');
             PRAGMA legacy.user_version = {version};
             DETACH DATABASE legacy;",
            legacy.display()
        ))
        .unwrap();
    }
    for leftover in ["vault.db-wal", "vault.db-shm"] {
        let _ = std::fs::remove_file(dir.join(leftover));
    }
    std::fs::rename(&legacy, dir.join("vault.db")).unwrap();
    assert!(
        std::panic::catch_unwind(|| open_raw(&dir, PASSPHRASE)
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
                .get::<_, i64>(0))
            .unwrap())
        .is_err(),
        "the rewritten file really carries SHA-512 tags: SHA-256 does not read it"
    );

    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    assert_eq!(practice::profile(&vault).unwrap().provider_name, CANARY);
    practice::save_profile(&mut vault, &profile_with("Still writable")).unwrap();
    assert!(vault.check().unwrap().is_healthy());

    let file = tmp.path().join("legacy.age");
    attune::backup::Staged::write(
        &mut vault,
        &file,
        &attune::backup::Protection::Passphrase(secret(PASSPHRASE)),
        false,
        &mut |_, _| {},
    )
    .and_then(attune::backup::Staged::commit)
    .unwrap();
    let restored = attune::backup::restore(
        &file,
        &attune::backup::Unlocker::Passphrase(secret(PASSPHRASE)),
        &tmp.path().join("restored"),
        &secret(PASSPHRASE),
        false,
    )
    .unwrap();
    assert_eq!(
        practice::profile(&restored.vault).unwrap().provider_name,
        "Still writable"
    );
    assert_eq!(
        restored.copied,
        attune::backup::Copied::PageByPage,
        "a SHA-512 vault's pages have the same layout (the same 80 reserved bytes), so they go \
         into the new SHA-256 vault as they are, and SQLCipher tags them anew"
    );
    restored.vault.lock().unwrap();
    open_raw(&tmp.path().join("restored"), PASSPHRASE)
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("the restored vault is a new one, with SHA-256 pages");
}
