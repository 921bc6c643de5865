//! Backup and restore of a vault of at least 200 MB, each as a ratio of its time to the `age`
//! command line's time for the same number of bytes, measured in the same run on the same disk.
//!
//! `cargo bench --bench backup` (or `make bench`). Size: `ATTUNE_BENCH_MB` (default 200).
//! A plain harness rather than criterion: each run takes about a second, and five runs with
//! their median say more here than criterion's hundreds of samples would cost.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use attune::backup::{self, Protection, Snapshot};
use attune::vault::Vault;
use common::{open_raw, secret, PASSPHRASE};

const RUNS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(mut f: impl FnMut(usize)) -> Duration {
    median(
        (0..RUNS)
            .map(|i| {
                let start = Instant::now();
                f(i);
                start.elapsed()
            })
            .collect(),
    )
}

fn age(args: &[&dyn AsRef<std::ffi::OsStr>]) {
    let status = Command::new("age")
        .args(args.iter().map(|a| a.as_ref()))
        .status()
        .expect("age is installed (make deps)");
    assert!(status.success());
}

/// Fills the vault with `mb` megabytes of note-sized rows, through plain rusqlite with the key.
fn fill(dir: &Path, mb: usize) {
    let conn = open_raw(dir, PASSPHRASE);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE bench_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    )
    .unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let words = [
        "calm", "partner", "session", "breath", "trust", "return", "felt", "heard",
    ];
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO bench_notes (body) VALUES (?1)")
            .unwrap();
        let mut written = 0;
        while written < mb << 20 {
            let mut body = String::with_capacity(4096);
            while body.len() < 3800 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                body.push_str(words[(state % 8) as usize]);
                body.push_str(&format!(" {} ", state % 100_000));
            }
            written += body.len();
            insert.execute([&body]).unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run quickly then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let mb: usize = std::env::var("ATTUNE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 2 } else { 200 });
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    Vault::create(&dir, &secret(PASSPHRASE)).unwrap();
    let start = Instant::now();
    fill(&dir, mb);
    let db_bytes = std::fs::metadata(dir.join("vault.db")).unwrap().len();
    println!(
        "vault: {:.0} MB on disk, generated in {:.1} s",
        db_bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );

    let key = tmp.path().join("recovery.txt");
    assert!(Command::new("age-keygen")
        .arg("-o")
        .arg(&key)
        .output()
        .unwrap()
        .status
        .success());
    let recipient = String::from_utf8(
        Command::new("age-keygen")
            .arg("-y")
            .arg(&key)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let to = Protection::Recipients(vec![backup::parse_recipient(&recipient).unwrap()]);
    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();

    // Where the time goes: the snapshot alone (pages decrypted by SQLCipher, copied).
    let take = time(|_| {
        drop(Snapshot::take(&mut vault).unwrap());
    });
    // Ours: snapshot + encrypt + fsync, to X25519 (as automatic backups are).
    let ours_backup = time(|i| {
        let mut snapshot = Snapshot::take(&mut vault).unwrap();
        let out = tmp.path().join(format!("ours-{i}.age"));
        snapshot
            .write_file(&out, &to, false, &mut |_, _| {})
            .unwrap();
    });
    let plain_len = {
        // The same bytes, for the age tool: our backup decrypted (bench data only).
        let plain = tmp.path().join("plain.sqlite");
        age(&[
            &"-d",
            &"-i",
            &key,
            &"-o",
            &plain,
            &tmp.path().join("ours-0.age"),
        ]);
        std::fs::metadata(&plain).unwrap().len()
    };
    let plain = tmp.path().join("plain.sqlite");
    let age_encrypt = time(|i| {
        let out = tmp.path().join(format!("theirs-{i}.age"));
        age(&[&"-r", &recipient.trim(), &"-o", &out, &plain]);
        std::fs::File::open(&out).unwrap().sync_all().unwrap();
    });
    let age_decrypt = time(|i| {
        let out = tmp.path().join(format!("decrypted-{i}.sqlite"));
        age(&[
            &"-d",
            &"-i",
            &key,
            &"-o",
            &out,
            &tmp.path().join(format!("ours-{i}.age")),
        ]);
        std::fs::File::open(&out).unwrap().sync_all().unwrap();
    });
    let unlocker = backup::read_identity_file(&key).unwrap();
    let ours_restore = time(|i| {
        let target = tmp.path().join(format!("restored-{i}"));
        let restored = backup::restore(
            &tmp.path().join(format!("ours-{i}.age")),
            &unlocker,
            &target,
            &secret(PASSPHRASE),
            false,
        )
        .unwrap();
        restored.vault.lock().unwrap();
    });
    // The fixed cost inside restore of protecting the new data key with the passphrase
    // (scrypt, work factor 18): deliberate, and independent of the vault's size.
    let scrypt = time(|_| {
        let snapshot_free = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
        snapshot_free.lock().unwrap();
    });

    let ratio = |ours: Duration, theirs: Duration| ours.as_secs_f64() / theirs.as_secs_f64();
    println!(
        "plaintext image: {:.0} MB; median of {RUNS} runs each",
        plain_len as f64 / 1e6
    );
    println!(
        "backup : attune {:>6.3} s | age -e {:>6.3} s | ratio {:.2}",
        ours_backup.as_secs_f64(),
        age_encrypt.as_secs_f64(),
        ratio(ours_backup, age_encrypt)
    );
    println!(
        "  of which taking the snapshot: {:.3} s",
        take.as_secs_f64()
    );
    println!(
        "restore: attune {:>6.3} s | age -d {:>6.3} s | ratio {:.2} ({:.2} without the one passphrase derivation, {:.3} s)",
        ours_restore.as_secs_f64(),
        age_decrypt.as_secs_f64(),
        ratio(ours_restore, age_decrypt),
        ratio(ours_restore.saturating_sub(scrypt), age_decrypt),
        scrypt.as_secs_f64(),
    );
    vault.lock().unwrap();
}
