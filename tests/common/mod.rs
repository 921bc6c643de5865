//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use attune::vault::{SecretString, Vault};
use sha2::{Digest, Sha256};

pub const PASSPHRASE: &str = "quiet otter maple lantern";
pub const OTHER_PASSPHRASE: &str = "copper kettle tundra violet";

pub fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// A new vault in a fresh temporary folder (kept alive by the returned guard).
pub fn new_vault() -> (tempfile::TempDir, PathBuf, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let vault = Vault::create(&dir, &secret(PASSPHRASE)).unwrap();
    (tmp, dir, vault)
}

/// SHA-256 of every file in `dir`, by name: a fingerprint to prove nothing changed.
pub fn fingerprint(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                hex::encode(Sha256::digest(&bytes)),
            )
        })
        .collect()
}

/// Every file under `dir` (recursively) whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if std::fs::read(&path)
            .unwrap()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            found.push(path);
        }
    }
    found
}

/// Decrypts `key.age` with the age library directly (not through Attune's code) and returns
/// the data key's hex, as a third party holding the passphrase would.
pub fn data_key_hex(dir: &Path, passphrase: &str) -> String {
    use std::io::Read;
    let bytes = std::fs::read(dir.join("key.age")).unwrap();
    let decryptor =
        age::Decryptor::new_buffered(age::armor::ArmoredReader::new(&bytes[..])).unwrap();
    let identity = age::scrypt::Identity::new(secret(passphrase));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap();
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    text
}

/// Opens `vault.db` with plain rusqlite, the raw key and the page authentication a new vault
/// has (HMAC-SHA256), outside Attune's vault code.
pub fn open_raw(dir: &Path, passphrase: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join("vault.db")).unwrap();
    let hex = data_key_hex(dir, passphrase);
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{hex}'\"; PRAGMA cipher_hmac_algorithm = HMAC_SHA256;"
    ))
    .unwrap();
    conn
}

/// A person with a name, a date of birth and a state, as most tests need.
pub fn person(name: &str) -> attune::model::Person {
    attune::model::Person {
        id: String::new(),
        legal_name: name.to_owned(),
        preferred_name: String::new(),
        pronouns: String::new(),
        date_of_birth: Some("1990-02-28".parse().unwrap()),
        address: String::new(),
        phone: String::new(),
        email: String::new(),
        state_of_residence: "AZ".to_owned(),
        emergency_contact: String::new(),
        insurance_payer: String::new(),
        insurance_member_id: String::new(),
    }
}

/// A complete practice profile, as superbills need it (the NPI's check digit is right).
pub fn practice_profile() -> attune::model::PracticeProfile {
    attune::model::PracticeProfile {
        provider_name: "Dana Whitfield".into(),
        credentials: "PhD, LMFT".into(),
        npi: "1558598797".into(),
        ein: "86-1234567".into(),
        license_number: "LMFT-14021".into(),
        license_state: "AZ".into(),
        taxonomy_code: "101YM0800X".into(),
        address_line1: "2200 E Camelback Rd".into(),
        address_line2: "Suite 210".into(),
        city: "Phoenix".into(),
        state: "AZ".into(),
        postal_code: "85016".into(),
        phone: "602-555-0142".into(),
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Decrypts `file` with the `age` command line, typing the passphrase at its prompt.
pub fn age_decrypt_with_passphrase(file: &Path, passphrase: &str, out: &Path) {
    let script = format!(
        "set timeout 30\n\
         spawn age -d -o {out} {file}\n\
         expect \"passphrase:\"\n\
         send -- \"{passphrase}\\r\"\n\
         expect eof\n\
         catch wait result\n\
         exit [lindex $result 3]\n",
        out = out.display(),
        file = file.display(),
    );
    let status = Command::new("expect")
        .arg("-c")
        .arg(script)
        .output()
        .expect("expect and age are installed (make deps)");
    assert!(
        status.status.success(),
        "age -d failed: {}{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The text of a PDF, as `pdftotext -layout` reads it (poppler-utils: an independent reader).
pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext reads the file as a PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `attune` command line under test: this build's, or the one `ATTUNE_CLI` names, so the
/// fault tests can be run against an older build to show each finding failing before its fix
/// (`scripts/faults-before-after.sh`).
pub fn attune_bin() -> std::path::PathBuf {
    std::env::var_os("ATTUNE_CLI")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_attune").into())
}

/// Runs the `attune` command line on the vault in `dir`, with the test passphrase.
pub fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(attune_bin())
        .arg("--vault")
        .arg(dir)
        .args(args)
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Runs `attune` and checks it succeeded; its standard output.
pub fn cli_ok(dir: &Path, args: &[&str]) -> String {
    let out = cli(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "attune {args:?} succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What she might type into search: names, techniques, feelings, clinical words; one to three
/// words (the search bench and the search tests share it).
pub const SEARCH_QUERIES: &[&str] = &[
    "somatic grounding",
    "boundaries",
    "dosing session",
    "zoe rivera",
    "Þórunn",
    "lighthouse",
    "abandonment fear",
    "integration",
    "psychoeducation attachment",
    "grief pregnancy loss",
    "repair conversation",
    "EMDR",
    "a child waiting",
    "tightness chest",
    "household labour",
];

/// Every prefix she types on the way to each of [`SEARCH_QUERIES`], from two letters on.
pub fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for query in SEARCH_QUERIES {
        let chars: Vec<char> = query.chars().collect();
        for n in 2..=chars.len() {
            let typed: String = chars[..n].iter().collect();
            if !typed.ends_with(' ') {
                out.push(typed);
            }
        }
    }
    out
}
