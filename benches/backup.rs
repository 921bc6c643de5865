//! Backup and restore of the whole decade (`demo::scale::whole_decade`, about 250 MB), each as a
//! ratio of its time to the `age` command line's time for the same bytes, measured in the same
//! run on the same disk.
//!
//! `cargo bench --bench backup` (or `make bench`); `cargo test --benches` runs it once on a
//! practice of 200 sessions. A plain harness rather than criterion: each run takes seconds,
//! and five runs with their median and slowest say more here than hundreds of samples would.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use attune::backup::{self, Protection, Staged};
use attune::demo::scale;
use attune::vault::Vault;
use common::{new_vault, secret, PASSPHRASE};

const RUNS: usize = 5;

/// The median of `RUNS` runs, and the slowest (with five runs, the 95th percentile is the
/// slowest run): the median is compared, the slowest shows the spread.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    slowest: Duration,
}

fn time(mut f: impl FnMut(usize)) -> Timing {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect();
    times.sort();
    Timing {
        median: times[times.len() / 2],
        slowest: times[times.len() - 1],
    }
}

fn age(args: &[&dyn AsRef<std::ffi::OsStr>]) {
    let status = Command::new("age")
        .args(args.iter().map(|a| a.as_ref()))
        .status()
        .expect("age is installed (make deps)");
    assert!(status.success());
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run quickly then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (tmp, dir, mut vault) = new_vault();
    let now = "2026-11-25T19:00:00Z".parse().unwrap();
    let start = Instant::now();
    if quick {
        scale::with_prose(&mut vault, now, 200).unwrap();
    } else {
        scale::whole_decade(&mut vault, now).unwrap();
    }
    // Checkpointed, as a vault is after a quiet moment: the backup reads the database alone.
    vault.lock().unwrap();
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

    // Where the time goes: the pages read and encrypted, nothing written.
    let take = time(|_| {
        backup::seal(&mut vault, std::io::sink(), &to, false, &mut |_, _| {}).unwrap();
    });
    // Ours: pages read and encrypted, written, flushed and put in place, to X25519 (as
    // automatic backups are).
    let ours_backup = time(|i| {
        let out = tmp.path().join(format!("ours-{i}.age"));
        Staged::write(&mut vault, &out, &to, false, &mut |_, _| {})
            .and_then(Staged::commit)
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
    // The fixed cost of protecting the new data key with the passphrase (scrypt, work factor
    // 18): deliberate, independent of the vault's size, and run beside the copy in a restore.
    let scrypt = time(|_| {
        let snapshot_free = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
        snapshot_free.lock().unwrap();
    });

    // For a profile of one step: the files stay where ATTUNE_BENCH_KEEP says.
    if let Some(keep) = std::env::var_os("ATTUNE_BENCH_KEEP") {
        let keep = std::path::PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for name in ["ours-0.age", "recovery.txt"] {
            std::fs::copy(tmp.path().join(name), keep.join(name)).unwrap();
        }
    }
    let ratio = |ours: Duration, theirs: Duration| ours.as_secs_f64() / theirs.as_secs_f64();
    let show = |t: Timing| {
        format!(
            "{:>6.3} s (slowest {:.3})",
            t.median.as_secs_f64(),
            t.slowest.as_secs_f64()
        )
    };
    println!(
        "plaintext image: {:.0} MB; median of {RUNS} runs each",
        plain_len as f64 / 1e6
    );
    println!(
        "backup : attune {} | age -e {} | ratio {:.2}",
        show(ours_backup),
        show(age_encrypt),
        ratio(ours_backup.median, age_encrypt.median)
    );
    println!(
        "  of which reading and encrypting, nothing written: {}",
        show(take)
    );
    println!(
        "restore: attune {} | age -d {} | ratio {:.2}",
        show(ours_restore),
        show(age_decrypt),
        ratio(ours_restore.median, age_decrypt.median),
    );
    println!(
        "  the passphrase's derivation, run beside the copy: {}",
        show(scrypt)
    );
    vault.lock().unwrap();
}
