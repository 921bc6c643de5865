//! The canary: a word that exists only in her clients' records, followed through the whole
//! command-line workflow (check, export, backup, superbill, record, estimate, plan, passphrase
//! change, restore). Afterwards no file in the vault folder, the temporary folder or the home
//! folder holds it, as UTF-8 or UTF-16, except the files she exported; and inside those, a
//! PDF's streams decompressed (qpdf) hold no word of another partner's.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use attune::model::{DosingMode, Reflection};
use attune::store::{clients, sessions};
use chrono::Utc;
use common::*;

/// In Alex's own reflection: hers to see in her record.
const ALEX_CANARY: &str = "Quillfeather7Canary";
/// In Jordan's own reflection: never in Alex's record.
const JORDAN_CANARY: &str = "Marrowbright9Canary";

fn needles(word: &str) -> Vec<Vec<u8>> {
    let le: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = word.encode_utf16().flat_map(u16::to_be_bytes).collect();
    vec![word.as_bytes().to_vec(), le, be]
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn holds(path: &Path, word: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    needles(word)
        .iter()
        .any(|n| bytes.windows(n.len()).any(|w| w == &n[..]))
}

#[test]
fn no_canary_outside_the_files_she_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let (home, temp, out, dir) = (
        tmp.path().join("home"),
        tmp.path().join("tmp"),
        tmp.path().join("exported"),
        tmp.path().join("home/attune"),
    );
    for d in [&home, &temp, &out] {
        std::fs::create_dir_all(d).unwrap();
    }
    let mut vault = attune::vault::Vault::create(&dir, &secret(PASSPHRASE)).unwrap();
    let today = attune::demo::today(Utc::now());
    attune::demo::populate(&mut vault, today).unwrap();
    let persons = clients::persons(&vault).unwrap();
    let id = |name: &str| {
        persons
            .iter()
            .find(|p| p.legal_name == name)
            .unwrap()
            .id
            .clone()
    };
    let (alex, jordan) = (id("Alexandra Rivera"), id("Jordan Chen"));
    let unit = clients::units_of(&vault, &alex).unwrap().remove(0).id;
    let dosing = sessions::sessions_of_unit(&vault, &unit)
        .unwrap()
        .into_iter()
        .find(|s| s.mode == Some(DosingMode::DyadicPsychedelic))
        .unwrap()
        .id;
    for (who, word) in [(&alex, ALEX_CANARY), (&jordan, JORDAN_CANARY)] {
        sessions::save_reflection(
            &mut vault,
            &Reflection {
                id: String::new(),
                person_id: who.clone(),
                dosing_session_id: dosing.clone(),
                integration_session_id: None,
                written_on: today,
                emerged: format!("What emerged: {word}"),
                emotions: String::new(),
                body: String::new(),
                commitments: String::new(),
                questions: String::new(),
            },
        )
        .unwrap();
    }
    vault.lock().unwrap();

    let run = |args: &[&str], new: Option<&str>, pass: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_attune"));
        c.arg("--vault")
            .arg(&dir)
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("TMPDIR", &temp)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("ATTUNE_PASSPHRASE", pass)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        if let Some(new) = new {
            c.env("ATTUNE_NEW_PASSPHRASE", new);
        }
        let o = c.output().unwrap();
        assert!(
            o.status.success(),
            "attune {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    run(&["check"], None, PASSPHRASE);
    run(&["export", "--out", &o("export.json")], None, PASSPHRASE);
    run(&["backup", "--out", &o("backup.age")], None, PASSPHRASE);
    run(
        &["record", "--person", &alex, "--out", &o("record-alex.pdf")],
        None,
        PASSPHRASE,
    );
    run(
        &[
            "superbill",
            "--person",
            &alex,
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
            "--out",
            &o("superbill-alex.pdf"),
        ],
        None,
        PASSPHRASE,
    );
    run(
        &["estimate", "--unit", &unit, "--out", &o("estimate.pdf")],
        None,
        PASSPHRASE,
    );
    run(
        &["plan", "--unit", &unit, "--out", &o("plan.pdf")],
        None,
        PASSPHRASE,
    );
    run(&["passwd"], Some(OTHER_PASSPHRASE), PASSPHRASE);
    run(
        &["restore", &o("backup.age"), "--replace"],
        None,
        PASSPHRASE,
    );

    let mut scanned = Vec::new();
    files(tmp.path(), &mut scanned);
    let exported: Vec<&PathBuf> = scanned
        .iter()
        .filter(|p| p.starts_with(&out) && p.extension().is_none_or(|e| e != "age"))
        .collect();
    assert!(
        exported.iter().any(|p| holds(p, ALEX_CANARY)),
        "the canary is in what she exported (so the scan can find it)"
    );
    for path in scanned.iter().filter(|p| !exported.contains(p)) {
        for word in [ALEX_CANARY, JORDAN_CANARY] {
            assert!(
                !holds(path, word),
                "{word} in {}, which she did not export",
                path.display()
            );
        }
    }
    assert!(
        scanned.len() > 8,
        "the scan saw the vault, the backup, the restored vault: {scanned:?}"
    );

    // Inside the PDFs, streams decompressed: Alex's record holds her words, never Jordan's.
    // (The text is drawn in glyph ids, so the words are also read back with pdftotext.)
    for pdf in [
        "record-alex.pdf",
        "superbill-alex.pdf",
        "estimate.pdf",
        "plan.pdf",
    ] {
        let plain = out.join(format!("{pdf}.qdf"));
        let qpdf = Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(out.join(pdf))
            .arg(&plain)
            .status()
            .expect("qpdf is installed (scripts/deps.sh)");
        assert!(qpdf.success(), "{pdf} decompresses");
        assert!(
            !holds(&plain, JORDAN_CANARY),
            "{pdf}: none of Jordan's own words in any stream"
        );
        assert!(
            !pdftotext(&out.join(pdf)).contains(JORDAN_CANARY),
            "{pdf}: none of Jordan's own words in its text"
        );
    }
    let text = pdftotext(&out.join("record-alex.pdf"));
    assert!(
        text.split_whitespace().any(|w| w.contains(ALEX_CANARY)),
        "her own reflection is in her record"
    );
}
