//! Faults, one test per finding of the fault trials: a restore or backup killed at an exact
//! system call (with `strace -e inject`), an empty database file, two writers at once, a damaged
//! page, a closed pipe, files that are not there, duplicate keys, leftovers of killed runs.
//! Each says what she reads, and proves nothing was lost.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use attune::store::clients;
use attune::vault::Vault;
use chrono::NaiveDate;
use common::*;

fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

fn attune() -> Command {
    let mut c = Command::new(attune_bin());
    c.env("ATTUNE_PASSPHRASE", PASSPHRASE).stdin(Stdio::null());
    c
}

/// Runs `attune --vault dir args` under strace, killed at the `when`-th call of `syscall`.
fn killed_at(dir: &Path, args: &[&str], syscall: &str, when: u32) -> Output {
    Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={syscall}"))
        .arg("-e")
        .arg(format!("inject={syscall}:signal=SIGKILL:when={when}"))
        .arg(attune_bin())
        .arg("--vault")
        .arg(dir)
        .args(args)
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .expect("strace is installed (scripts/deps.sh)")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The legal names in the vault, sorted.
fn names(dir: &Path) -> Vec<String> {
    let vault = Vault::unlock(dir, &secret(PASSPHRASE)).expect("the vault opens");
    let mut names: Vec<String> = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .map(|p| p.legal_name)
        .collect();
    vault.lock().unwrap();
    names.sort();
    names
}

fn add(dir: &Path, name: &str) {
    let mut vault = Vault::unlock(dir, &secret(PASSPHRASE)).unwrap();
    clients::save_person(&mut vault, &person(name), today()).unwrap();
    vault.lock().unwrap();
}

fn siblings(dir: &Path, containing: &str) -> Vec<String> {
    std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(containing))
        .collect()
}

/// Finding 1: `restore --replace` killed at each of its renames. The next start finishes or
/// rolls it back (saying so when it finished it), the vault holds the old or the restored
/// records and nothing else, and the same restore then succeeds.
#[test]
fn a_restore_killed_at_any_rename_leaves_a_vault_that_opens() {
    for when in 1..=4 {
        let (tmp, dir, vault) = new_vault();
        vault.lock().unwrap();
        add(&dir, "Backed Up");
        let backup = tmp.path().join("b.age");
        cli_ok(&dir, &["backup", "--out", backup.to_str().unwrap()]);
        add(&dir, "Added Later");
        let old = names(&dir);
        let killed = killed_at(
            &dir,
            &["restore", backup.to_str().unwrap(), "--replace"],
            "rename",
            when,
        );
        assert_eq!(
            killed.status.code(),
            None,
            "rename {when}: killed by the signal"
        );

        let check = cli(&dir, &["check"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "rename {when}: the next start finds a sound vault: {}",
            stderr(&check)
        );
        let now = names(&dir);
        assert!(
            now == old || now == ["Backed Up"],
            "rename {when}: the old records or the restored ones, never a mixture: {now:?}"
        );
        if now == ["Backed Up"] {
            assert!(
                stderr(&check).contains("Attune finished it"),
                "rename {when}: she is told the restore was finished: {}",
                stderr(&check)
            );
        }
        cli_ok(&dir, &["restore", backup.to_str().unwrap(), "--replace"]);
        assert_eq!(
            names(&dir),
            ["Backed Up"],
            "rename {when}: the restore runs again"
        );
        assert!(
            siblings(&dir, ".restor").is_empty(),
            "rename {when}: no unfinished copy is left: {:?}",
            siblings(&dir, ".restor")
        );
    }
}

/// Finding 2: a backup killed just before its file is put in place leaves `F.age.partial`;
/// the next backup to the same path succeeds (and the file opens with `age`).
#[test]
fn a_killed_backup_does_not_block_the_next_one() {
    let (tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    add(&dir, "Backed Up");
    let out = tmp.path().join("b.age");
    let killed = killed_at(
        &dir,
        &["backup", "--out", out.to_str().unwrap()],
        "rename",
        1,
    );
    assert_eq!(killed.status.code(), None, "killed by the signal");
    assert!(
        tmp.path().join("b.age.partial").exists() && !out.exists(),
        "the kill left the unfinished file and no backup"
    );
    let next = cli(&dir, &["backup", "--out", out.to_str().unwrap()]);
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        stderr(&next).contains("was interrupted; its unfinished file"),
        "she is told what happened: {}",
        stderr(&next)
    );
    assert!(
        !tmp.path().join("b.age.partial").exists(),
        "the leftover is gone"
    );
    let plain = tmp.path().join("plain.db");
    age_decrypt_with_passphrase(&out, PASSPHRASE, &plain);
    assert!(
        std::fs::metadata(&plain).unwrap().len() > 0,
        "the backup opens with age"
    );
}

/// Finding 3: a zero-length `vault.db` is refused as damaged (exit 4) and left as it is.
#[test]
fn an_empty_database_file_is_damage_not_a_new_vault() {
    let (_tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    add(&dir, "Someone");
    for f in ["vault.db-wal", "vault.db-shm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    std::fs::write(dir.join("vault.db"), b"").unwrap();
    let check = cli(&dir, &["check"]);
    assert_eq!(check.status.code(), Some(4), "damaged: {}", stderr(&check));
    assert!(
        stderr(&check).contains("vault.db is empty"),
        "{}",
        stderr(&check)
    );
    assert_eq!(
        std::fs::metadata(dir.join("vault.db")).unwrap().len(),
        0,
        "untouched: nothing was built in its place"
    );
}

fn document_adding(name: &str, id: &str) -> String {
    format!(
        r#"{{"format": "attune-export", "version": 6, "exported_at": "2026-11-25T10:00:00Z",
        "practice": {{"provider_name": "", "credentials": "", "npi": "", "ein": "", "license_number": "",
          "license_state": "", "taxonomy_code": "", "address_line1": "", "address_line2": "", "city": "",
          "state": "", "postal_code": "", "phone": ""}},
        "settings": {{"auto_lock_minutes": 10, "time_zone": "America/Phoenix", "licensed_states": ["AZ"]}},
        "persons": [{{"id": "{id}", "legal_name": "{name}", "preferred_name": "", "pronouns": "",
          "date_of_birth": "1990-02-28", "address": "", "phone": "", "email": "", "state_of_residence": "AZ",
          "emergency_contact": "", "insurance_payer": "", "insurance_member_id": ""}}],
        "units": [], "diagnoses": [], "screenings": [], "clearances": [], "consents": [], "dv_screens": []}}"#
    )
}

/// Finding 4: two imports at once, each adding the same person under another id: one adds
/// them, the other is refused in words (or waits its turn and is refused then). Never both.
#[test]
fn two_imports_of_the_same_new_person_never_both_add_them() {
    for round in 0..8 {
        let (tmp, dir, vault) = new_vault();
        vault.lock().unwrap();
        let files: Vec<_> = ["a", "b"]
            .iter()
            .map(|id| {
                let f = tmp.path().join(format!("{id}.json"));
                std::fs::write(&f, document_adding("Same Person", &format!("{id}-{round}")))
                    .unwrap();
                f
            })
            .collect();
        let running: Vec<_> = files
            .iter()
            .map(|f| {
                attune()
                    .arg("--vault")
                    .arg(&dir)
                    .arg("import")
                    .arg(f)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = running
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let ok = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(
            ok,
            1,
            "round {round}: exactly one import adds her: {:?}",
            outputs.iter().map(stderr).collect::<Vec<_>>()
        );
        let refused = outputs.iter().find(|o| !o.status.success()).unwrap();
        assert!(
            stderr(refused).contains("already in this vault under another id"),
            "round {round}: the other is told why: {}",
            stderr(refused)
        );
        assert_eq!(
            names(&dir),
            ["Same Person"],
            "round {round}: one record of her"
        );
    }
}

/// Finding 5: a second writer waits for the first; when the first holds on past the wait, the
/// second says in words that Attune is busy, and changes nothing.
#[test]
fn a_second_writer_waits_and_then_says_attune_is_busy() {
    let (tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    let doc = tmp.path().join("one.json");
    std::fs::write(&doc, document_adding("Waited For", "w1")).unwrap();
    // Another writer holds the write lock until told to let go.
    let hold = || {
        let dir = dir.clone();
        let (ready, started) = std::sync::mpsc::channel();
        let (release, until) = std::sync::mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            let conn = open_raw(&dir, PASSPHRASE);
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            ready.send(()).unwrap();
            until.recv().ok();
            conn.execute_batch("COMMIT").unwrap();
        });
        started.recv().unwrap();
        (holder, release)
    };
    let (holder, release) = hold();
    let letting_go = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(2));
        release.send(()).ok();
    });
    let waited = cli(&dir, &["import", doc.to_str().unwrap()]);
    letting_go.join().unwrap();
    holder.join().unwrap();
    assert_eq!(
        waited.status.code(),
        Some(0),
        "it waited its turn: {}",
        stderr(&waited)
    );

    // Held for as long as the import runs: it must give up after its wait, however slowly
    // this machine starts it.
    let doc2 = tmp.path().join("two.json");
    std::fs::write(&doc2, document_adding("Never Added", "w2")).unwrap();
    let (holder, release) = hold();
    let started = std::time::Instant::now();
    let busy = cli(&dir, &["import", doc2.to_str().unwrap()]);
    let waited_for = started.elapsed();
    release.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(busy.status.code(), Some(1), "{}", stderr(&busy));
    assert!(
        waited_for >= Duration::from_secs(attune::error::BUSY_WAIT_SECONDS),
        "it waited its full {} s before giving up: {waited_for:?}",
        attune::error::BUSY_WAIT_SECONDS
    );
    assert!(
        stderr(&busy).contains("Attune is busy with this vault in another window or command"),
        "in words, not 'database is locked': {}",
        stderr(&busy)
    );
    assert_eq!(names(&dir), ["Waited For"], "nothing of the refused import");
}

/// Finding 6: a damaged page gets the same sentence and exit code from every command.
#[test]
fn a_damaged_page_reads_the_same_from_every_command() {
    let (_tmp, dir, mut vault) = new_vault();
    for i in 0..300 {
        clients::save_person(&mut vault, &person(&format!("Person {i}")), today()).unwrap();
    }
    vault.lock().unwrap();
    let db = dir.join("vault.db");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 40_000, "several pages");
    // One block in each page after the first few: whatever a command reads, it meets damage.
    for page in (4..bytes.len() / 4096).map(|p| p * 4096) {
        for b in &mut bytes[page + 100..page + 164] {
            *b ^= 0x5a;
        }
    }
    std::fs::write(&db, &bytes).unwrap();
    let said: Vec<(Option<i32>, String)> = [&["check"][..], &["export"][..]]
        .iter()
        .map(|args| {
            let o = cli(&dir, args);
            (o.status.code(), stderr(&o))
        })
        .collect();
    assert_eq!(said[0], said[1], "check and export say the same");
    assert_eq!(said[0].0, Some(4), "damaged: exit 4");
    assert!(
        said[0].1.contains("is damaged and cannot be read") && !said[0].1.contains("malformed"),
        "a sentence, not SQLite's words: {}",
        said[0].1
    );
}

/// Finding 7: `attune export | head -c1` ends quietly (no panic, no abort), and the process
/// can leave no core dump.
#[test]
fn a_closed_pipe_ends_quietly_and_no_core_dump_is_possible() {
    let (_tmp, dir, mut vault) = new_vault();
    for i in 0..200 {
        clients::save_person(&mut vault, &person(&format!("Person {i}")), today()).unwrap();
    }
    vault.lock().unwrap();
    let mut child = attune()
        .arg("--vault")
        .arg(&dir)
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (dropped above): the rest of the export meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a quiet exit: {}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));

    // While it waits for its passphrase, its core-size limit is zero.
    let fifo = dir.parent().unwrap().join("pass.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let mut waiting = Command::new(attune_bin())
        .arg("--vault")
        .arg(&dir)
        .arg("--passphrase-file")
        .arg(&fifo)
        .arg("check")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", waiting.id())).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    assert_eq!(
        core.split_whitespace().skip(4).take(2).collect::<Vec<_>>(),
        ["0", "0"],
        "no core file, soft or hard: {core}"
    );
    std::fs::write(&fifo, format!("{PASSPHRASE}\n")).unwrap();
    assert!(waiting.wait().unwrap().success());
}

/// Finding 8: a missing backup or identity file is named; a document with a key twice is
/// refused, naming the key; leftovers of killed restores and passphrase changes are cleared on
/// the next start, saying so.
#[test]
fn the_smaller_findings_each_say_what_happened() {
    let (tmp, dir, vault) = new_vault();
    vault.lock().unwrap();
    let missing = cli(&dir, &["restore", "nowhere.age", "--replace"]);
    assert!(
        stderr(&missing).contains("nowhere.age") && !stderr(&missing).contains("os error"),
        "the file is named, in words: {}",
        stderr(&missing)
    );
    let backup = tmp.path().join("b.age");
    cli_ok(&dir, &["backup", "--out", backup.to_str().unwrap()]);
    let no_identity = cli(
        &dir,
        &[
            "restore",
            backup.to_str().unwrap(),
            "--identity",
            "no-key.txt",
            "--replace",
        ],
    );
    assert!(
        stderr(&no_identity).contains("no-key.txt"),
        "{}",
        stderr(&no_identity)
    );

    let twice = tmp.path().join("twice.json");
    let text = document_adding("Twice", "t1").replacen(
        "\"legal_name\": \"Twice\"",
        "\"legal_name\": \"Twice\", \"legal_name\": \"Other\"",
        1,
    );
    std::fs::write(&twice, text).unwrap();
    let refused = cli(&dir, &["import", twice.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("names the key \"legal_name\" twice"),
        "{}",
        stderr(&refused)
    );
    assert!(names(&dir).is_empty(), "nothing imported");

    let leftover = dir.with_file_name("vault.restoring-20260101T000000.000Z");
    std::fs::create_dir(&leftover).unwrap();
    std::fs::write(dir.join("key.age.new"), b"an unfinished key file").unwrap();
    for path in [&leftover, &dir.join("key.age.new")] {
        let old = std::fs::File::options()
            .write(true)
            .open(path)
            .or_else(|_| std::fs::File::open(path))
            .unwrap();
        old.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let check = cli(&dir, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("unfinished copy was removed")
            && stderr(&check).contains("the passphrase you had still opens the vault"),
        "both leftovers are cleared, each in a sentence: {}",
        stderr(&check)
    );
    assert!(!leftover.exists() && !dir.join("key.age.new").exists());
}

/// The window's store (this process, its vault open) and a command-line import write at the
/// same time: both finish, in turn; every record is there once, and the vault checks sound.
#[test]
fn the_window_and_the_command_line_write_in_turn() {
    let (tmp, dir, mut vault) = new_vault();
    let doc = tmp.path().join("many.json");
    let one: serde_json::Value =
        serde_json::from_str(&document_adding("Imported 0", "i0")).unwrap();
    let mut many = one.clone();
    many["persons"] = (0..60)
        .map(|i| {
            let mut p = one["persons"][0].clone();
            p["id"] = format!("imported-{i}").into();
            p["legal_name"] = format!("Imported {i}").into();
            p
        })
        .collect();
    std::fs::write(&doc, many.to_string()).unwrap();
    let importing = attune()
        .arg("--vault")
        .arg(&dir)
        .arg("import")
        .arg(&doc)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for i in 0..40 {
        clients::save_person(&mut vault, &person(&format!("Typed {i}")), today())
            .expect("the window's save waits its turn, never fails for the import");
    }
    let imported = importing.wait_with_output().unwrap();
    assert!(imported.status.success(), "{}", stderr(&imported));
    let persons = clients::persons(&vault).unwrap();
    let mut ids: Vec<&str> = persons.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((persons.len(), ids.len()), (100, 100), "each record once");
    let check = vault.check().unwrap();
    assert!(check.integrity_ok && check.audit.intact, "{check:?}");
}
