//! Mutation fuzzing on stable Rust, over what she can hand Attune from outside: documents to
//! import and backups to restore. From a valid seed (the demo's export, a backup), each case
//! flips bits, cuts the file short, swaps a value's type, repeats a key, nests deeply or puts in
//! a huge number, then imports or restores it. Whatever the input: no panic, no hang, and a
//! refusal leaves the vault (or the restore's target) exactly as it was.
//!
//! The seed is fixed (`ATTUNE_FUZZ_SEED` to explore anew) and the time is bounded
//! (`ATTUNE_FUZZ_SECONDS`, 40 by default, shared by the two). Every input in `tests/fuzz-corpus`
//! is replayed first; a failing input is written to `target/fuzz-failures/`, to be added there.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attune::backup::{self, Protection, Unlocker};
use attune::document;
use attune::vault::Vault;
use chrono::NaiveDate;
use common::*;
use serde_json::Value;

/// One case may take this long before it counts as a hang.
const HANG: Duration = Duration::from_secs(20);

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn budget() -> Duration {
    let seconds = std::env::var("ATTUNE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    Duration::from_secs(seconds)
}

fn seed() -> u64 {
    std::env::var("ATTUNE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026_1206)
}

/// Byte-level damage: bits flipped, the end cut off, bytes put in or a run repeated.
fn mutate_bytes(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
        }
        1 => out.truncate(rng.below(out.len())),
        2 => {
            let at = rng.below(out.len());
            let junk: Vec<u8> = (0..=rng.below(16)).map(|_| rng.next() as u8).collect();
            out.splice(at..at, junk);
        }
        _ => {
            let from = rng.below(out.len());
            let to = (from + rng.below(256)).min(out.len());
            let run = out[from..to].to_vec();
            let at = rng.below(out.len());
            out.splice(at..at, run);
        }
    }
    out
}

/// Every value in the document, by its JSON pointer.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// Structure-aware damage: a value of another type, a huge number, deep nesting, or a key
/// written twice; otherwise bytes.
fn mutate_document(rng: &mut Rng, seed: &Value) -> Vec<u8> {
    let mut doc = seed.clone();
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    let target = all[rng.below(all.len())].clone();
    let swaps = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(1.5e300),
        serde_json::json!(""),
        serde_json::json!("2026-02-30"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!("x".repeat(200_000)),
    ];
    let text = match rng.below(5) {
        0 | 1 => {
            if let Some(v) = doc.pointer_mut(&target) {
                *v = swaps[rng.below(swaps.len())].clone();
            }
            serde_json::to_string(&doc).unwrap()
        }
        2 => {
            let huge = [
                "1e400",
                "-99999999999999999999999999",
                "18446744073709551616",
                "-0",
            ];
            let text = serde_json::to_string(&doc).unwrap();
            let digits: Vec<usize> = text.match_indices(": 1").map(|(i, _)| i + 2).collect();
            match digits.get(rng.below(digits.len())) {
                Some(&i) => format!(
                    "{}{}{}",
                    &text[..i],
                    huge[rng.below(huge.len())],
                    &text[i + 1..]
                ),
                None => text,
            }
        }
        3 => {
            let depth = 1 + rng.below(5_000);
            if let Some(v) = doc.pointer_mut(&target) {
                *v = Value::Null;
            }
            let text = serde_json::to_string(&doc).unwrap();
            text.replacen(
                "null",
                &format!("{}null{}", "[".repeat(depth), "]".repeat(depth)),
                1,
            )
        }
        _ => {
            let text = serde_json::to_string(&doc).unwrap();
            let objects: Vec<usize> = text.match_indices("{\"id\":").map(|(i, _)| i + 1).collect();
            match objects.get(rng.below(objects.len())) {
                Some(&i) => format!("{}\"id\":\"twice\",{}", &text[..i], &text[i..]),
                None => text,
            }
        }
    };
    if rng.below(4) == 0 {
        mutate_bytes(rng, text.as_bytes())
    } else {
        text.into_bytes()
    }
}

fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

/// The vault's records as text (the export without its time).
fn fingerprint(vault: &Vault) -> String {
    let mut doc = document::export(vault).unwrap();
    doc.exported_at.clear();
    document::to_json(&doc)
}

fn keep(kind: &str, n: usize, input: &[u8]) -> PathBuf {
    let dir = repo().join("target").join("fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{kind}-{n}.bin"));
    std::fs::write(&path, input).unwrap();
    path
}

fn corpus(kind: &str) -> Vec<Vec<u8>> {
    let dir = repo().join("tests").join("fuzz-corpus").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// Imports `input`; what went wrong, if anything did.
fn import_case(vault: &mut Vault, before: &mut String, input: &[u8]) -> Option<String> {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        document::parse(input).and_then(|doc| document::import(vault, &doc, today()))
    }));
    if started.elapsed() > HANG {
        return Some(format!("took {:?}", started.elapsed()));
    }
    match result {
        Err(_) => Some("panicked".to_owned()),
        Ok(Ok(_)) => {
            // A mutation can still be a valid document: the vault then holds what it says.
            *before = fingerprint(vault);
            None
        }
        Ok(Err(e)) if e.to_string().is_empty() => Some("refused without a sentence".to_owned()),
        Ok(Err(_)) if fingerprint(vault) != *before => {
            Some("refused, but the vault changed".to_owned())
        }
        Ok(Err(_)) => None,
    }
}

#[test]
fn mutated_documents_never_panic_hang_or_change_the_vault_when_refused() {
    let (_tmp, _dir, mut vault) = new_vault();
    attune::demo::populate(&mut vault, today()).unwrap();
    let seed_doc = serde_json::to_value(document::export(&vault).unwrap()).unwrap();
    let mut before = fingerprint(&vault);
    let mut failures = Vec::new();
    let replayed = corpus("import");
    for (n, input) in replayed.iter().enumerate() {
        if let Some(why) = import_case(&mut vault, &mut before, input) {
            failures.push(format!("corpus input {n}: {why}"));
        }
    }
    let mut rng = Rng(seed());
    let deadline = Instant::now() + budget() * 2 / 3;
    let mut cases = 0;
    while Instant::now() < deadline {
        let input = mutate_document(&mut rng, &seed_doc);
        cases += 1;
        if let Some(why) = import_case(&mut vault, &mut before, &input) {
            failures.push(format!(
                "{why}: kept as {}",
                keep("import", cases, &input).display()
            ));
        }
    }
    println!(
        "import: {} corpus inputs, {cases} mutated documents, {} failures",
        replayed.len(),
        failures.len()
    );
    assert!(cases > 20, "the fuzzer ran ({cases} cases)");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Restores `input` into a new folder; what went wrong, if anything did.
fn restore_case(tmp: &Path, unlocker: &Unlocker, n: usize, input: &[u8]) -> Option<String> {
    let file = tmp.join("case.age");
    std::fs::write(&file, input).unwrap();
    let target = tmp.join(format!("restored-{n}"));
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        attune::backup::restore(&file, unlocker, &target, &secret(PASSPHRASE), false)
    }));
    if started.elapsed() > HANG {
        return Some(format!("took {:?}", started.elapsed()));
    }
    let leftovers = std::fs::read_dir(tmp).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .contains(&format!("restored-{n}."))
    });
    match result {
        Err(_) => Some("panicked".to_owned()),
        Ok(Ok(r)) => {
            r.vault.lock().unwrap();
            None
        }
        Ok(Err(_)) if target.exists() || leftovers => {
            Some("refused, but left files behind".to_owned())
        }
        Ok(Err(_)) => None,
    }
}

#[test]
fn mutated_backups_never_panic_hang_or_leave_files_when_refused() {
    let (tmp, _dir, mut vault) = new_vault();
    attune::store::clients::save_person(&mut vault, &person("Backed Up"), today()).unwrap();
    let identity = age::x25519::Identity::generate();
    let sealed = backup::seal(
        &mut vault,
        Vec::new(),
        &Protection::Recipients(vec![identity.to_public()]),
        false,
        &mut |_, _| {},
    )
    .unwrap()
    .out;
    let unlocker = Unlocker::Identities(vec![Box::new(identity)]);
    let mut failures = Vec::new();
    let replayed = corpus("restore");
    for (n, input) in replayed.iter().enumerate() {
        if let Some(why) = restore_case(tmp.path(), &unlocker, n, input) {
            failures.push(format!("corpus input {n}: {why}"));
        }
    }
    let mut rng = Rng(seed() ^ 0xbac0);
    let deadline = Instant::now() + budget() / 3;
    let mut cases = 0;
    while Instant::now() < deadline {
        let input = mutate_bytes(&mut rng, &sealed);
        cases += 1;
        if let Some(why) = restore_case(tmp.path(), &unlocker, replayed.len() + cases, &input) {
            failures.push(format!(
                "{why}: kept as {}",
                keep("restore", cases, &input).display()
            ));
        }
    }
    println!(
        "restore: {} corpus inputs, {cases} mutated backups, {} failures",
        replayed.len(),
        failures.len()
    );
    assert!(cases > 20, "the fuzzer ran ({cases} cases)");
    assert!(failures.is_empty(), "{failures:#?}");
}
