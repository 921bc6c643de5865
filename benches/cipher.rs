//! SQLCipher against plain SQLite: the same database (the whole decade, copied with
//! `sqlcipher_export`), the same statements, the same settings but the cipher's. A round is what
//! a minute of her work asks of the store: open a couple's chart (its sessions, clock events,
//! reflections and signed notes, and one note with its addenda), type four letters of a search,
//! and autosave a note of about 2 KB with its search entry, durably. Rounds are interleaved across
//! the copies so that whatever else the machine does falls on each alike; each connection keeps
//! SQLite's default page cache (2 MB), as the app's does, so most pages are read and decrypted
//! again.
//!
//! Copies: plain SQLite; SQLCipher as the app opens it (4096-byte pages, HMAC-SHA256,
//! `cipher_memory_security` off); the same with SQLCipher's default HMAC-SHA512 (every vault
//! made before December 2026); the same with 16 KB pages, to say what page size would buy; and
//! the app's copy with `cipher_memory_security` on (SQLCipher's default), measured last since
//! that setting holds for the whole process.
//!
//! `cargo bench --bench cipher` (or `make bench`); `cargo test --benches` runs a few rounds on a
//! small practice.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use attune::demo::scale;
use common::{data_key_hex, keystrokes, new_vault, open_raw, PASSPHRASE};
use rusqlite::{params, Connection};

/// One copy of the vault under test.
struct Copy {
    name: &'static str,
    conn: Connection,
    /// Time per round and per part (chart, search, save).
    times: [Vec<Duration>; 4],
}

/// How a copy is encrypted: page size and page HMAC.
#[derive(Clone, Copy)]
struct Cipher {
    page_size: u32,
    hmac: &'static str,
}

/// The settings the app gives its connection (src/vault/mod.rs), with the key when there is one.
fn open(path: &Path, key: Option<(&str, Cipher, bool)>) -> Connection {
    let conn = Connection::open(path).unwrap();
    if let Some((hex, cipher, memory_security)) = key {
        conn.execute_batch(&format!(
            "PRAGMA key = \"x'{hex}'\"; PRAGMA cipher_page_size = {}; \
             PRAGMA cipher_hmac_algorithm = {}; PRAGMA cipher_memory_security = {};",
            cipher.page_size,
            cipher.hmac,
            if memory_security { "ON" } else { "OFF" }
        ))
        .unwrap();
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
         PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;",
    )
    .unwrap();

    conn
}

/// `sqlcipher_export` of the vault into `path`: plain when `key` is empty.
fn export(vault: &Connection, path: &Path, key: &str, cipher: Cipher) {
    vault
        .execute(
            "ATTACH DATABASE ?1 AS copy KEY ?2",
            params![path.to_str().unwrap(), key],
        )
        .unwrap();
    if !key.is_empty() {
        vault
            .execute_batch(&format!(
                "PRAGMA copy.cipher_page_size = {}; PRAGMA copy.cipher_hmac_algorithm = {};",
                cipher.page_size, cipher.hmac
            ))
            .unwrap();
    }
    vault
        .query_row("SELECT sqlcipher_export('copy')", [], |_| Ok(()))
        .unwrap();
    vault.execute_batch("DETACH DATABASE copy").unwrap();
}

/// Every query the chart screen's timeline makes for `unit`, and one session's note.
fn chart(conn: &Connection, unit: &str) -> usize {
    let of_unit = "IN (SELECT id FROM sessions WHERE unit_id = ?1)";
    let mut rows = 0;
    for sql in [
        "SELECT id, unit_id, person_id, kind, scheduled_at, planned_minutes, setting, status, mode, \
         supporters, transport, override_reason FROM sessions WHERE unit_id = ?1 ORDER BY scheduled_at, id"
            .to_owned(),
        format!("SELECT id, session_id, kind, person_id, at FROM clock_events WHERE session_id {of_unit} ORDER BY at, rowid"),
        format!("SELECT id, emerged, emotions, body, commitments, questions FROM reflections WHERE dosing_session_id {of_unit}"),
        "SELECT id FROM sessions WHERE unit_id = ?1 AND note_signed_at IS NOT NULL".to_owned(),
        "SELECT n.fields, (SELECT group_concat(a.text) FROM addenda a WHERE a.session_id = n.session_id) \
         FROM notes n WHERE n.session_id = (SELECT max(id) FROM sessions WHERE unit_id = ?1)"
            .to_owned(),
    ] {
        let mut stmt = conn.prepare_cached(&sql).unwrap();
        rows += stmt
            .query_map([unit], |r| r.get::<_, rusqlite::types::Value>(0))
            .unwrap()
            .count();
    }
    rows
}

/// The window's search (store/search.rs): names first, then anything, newest first, named.
fn search(conn: &Connection, typed: &str) -> usize {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if words.is_empty() {
        return 0;
    }
    let query = words.join(" AND ");
    let mut found = 0;
    for index in ["name_index", "search_index"] {
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT r.kind, r.ref, COALESCE(u.name, p.legal_name, su.name, sp.legal_name, ''), ss.scheduled_at \
                 FROM (SELECT rowid AS row FROM {index} WHERE {index} MATCH ?1 ORDER BY rowid DESC LIMIT 20) s \
                 JOIN search_rows r ON r.row = s.row \
                 LEFT JOIN units u ON r.kind = 'unit' AND u.id = r.ref \
                 LEFT JOIN persons p ON r.kind = 'person' AND p.id = r.ref \
                 LEFT JOIN sessions ss ON r.kind = 'session' AND ss.id = r.ref \
                 LEFT JOIN units su ON su.id = ss.unit_id \
                 LEFT JOIN persons sp ON sp.id = ss.person_id ORDER BY s.row DESC"
            ))
            .unwrap();
        found += stmt.query_map([&query], |_| Ok(())).unwrap().count();
    }
    found
}

/// An autosave (store/sessions/signed_notes.rs, store/search.rs): the note, then its search
/// entry replaced by rowid, in one durable transaction.
fn save(conn: &mut Connection, session: &str, round: usize) {
    let body = format!(
        "Round {round}: {}",
        "she named the tightness in her chest and he stayed with it; ".repeat(32)
    );
    let fields = serde_json::json!({ "observations": body }).to_string();
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO notes (session_id, fields, updated_at, signed_at) VALUES (?1, ?2, ?3, NULL) \
         ON CONFLICT (session_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
        params![session, fields, "2026-11-25T19:00:00Z"],
    )
    .unwrap();
    let row: Option<i64> = tx
        .query_row(
            "SELECT row FROM search_rows WHERE kind = 'session' AND ref = ?1",
            [session],
            |r| r.get(0),
        )
        .ok();
    if let Some(row) = row {
        tx.execute("DELETE FROM search_index WHERE rowid = ?1", [row])
            .unwrap();
        tx.execute("DELETE FROM name_index WHERE rowid = ?1", [row])
            .unwrap();
    }
    tx.execute(
        "INSERT INTO search_index (label, body) VALUES ('', ?1)",
        [&body],
    )
    .unwrap();
    let row = tx.last_insert_rowid();
    tx.execute(
        "INSERT OR REPLACE INTO search_rows (kind, ref, row) VALUES ('session', ?1, ?2)",
        params![session, row],
    )
    .unwrap();
    tx.commit().unwrap();
}

fn percentile(times: &[Duration], p: f64) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Interleaved rounds over `copies`; the first ten warm the caches and are not counted.
fn run(copies: &mut [Copy], rounds: usize, units: &[String], session: &str) {
    let typed = keystrokes();
    for round in 0..rounds + 10 {
        for copy in copies.iter_mut() {
            let unit = &units[round % units.len()];
            let started = Instant::now();
            chart(&copy.conn, unit);
            let charted = Instant::now();
            for k in 0..4 {
                search(&copy.conn, &typed[(round * 4 + k) % typed.len()]);
            }
            let searched = Instant::now();
            save(&mut copy.conn, session, round);
            let saved = Instant::now();
            if round >= 10 {
                copy.times[0].push(saved - started);
                copy.times[1].push(charted - started);
                copy.times[2].push(searched - charted);
                copy.times[3].push(saved - searched);
            }
        }
    }
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let (tmp, dir, mut vault) = new_vault();
    let now = "2026-11-25T19:00:00Z".parse().unwrap();
    if quick {
        scale::with_prose(&mut vault, now, 300).unwrap();
    } else {
        scale::whole_decade(&mut vault, now).unwrap();
    }
    vault.lock().unwrap();
    let hex = data_key_hex(&dir, PASSPHRASE);
    let source = open_raw(&dir, PASSPHRASE);
    // open_raw leaves SQLCipher's default on, which is process-wide: off before anything is timed.
    source
        .execute_batch("PRAGMA cipher_memory_security = OFF;")
        .unwrap();
    let units: Vec<String> = source
        .prepare("SELECT id FROM units ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // A session without a note yet: the one autosave writes to in every copy.
    let session: String = source
        .query_row(
            "SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM notes) ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let key = format!("x'{hex}'");
    let app = Cipher {
        page_size: 4096,
        hmac: "HMAC_SHA256",
    };
    let mut copies = Vec::new();
    for (name, file, cipher) in [
        ("plain SQLite", "plain.db", None),
        ("SQLCipher as the app runs it", "app.db", Some(app)),
        (
            "SQLCipher, HMAC-SHA512",
            "sha512.db",
            Some(Cipher {
                hmac: "HMAC_SHA512",
                ..app
            }),
        ),
        (
            "SQLCipher, 16 KB pages",
            "page16k.db",
            Some(Cipher {
                page_size: 16384,
                ..app
            }),
        ),
    ] {
        let path = tmp.path().join(file);
        export(
            &source,
            &path,
            if cipher.is_some() { &key } else { "" },
            cipher.unwrap_or(app),
        );
        let conn = open(&path, cipher.map(|cipher| (hex.as_str(), cipher, false)));
        copies.push(Copy {
            name,
            conn,
            times: Default::default(),
        });
    }
    drop(source);
    let rounds = if quick { 5 } else { 300 };
    run(&mut copies, rounds, &units, &session);
    // `cipher_memory_security` is one setting for the whole process (SQLCipher's allocator), so
    // the safer setting is measured last, on the app's copy, against the plain rounds above.
    let mut secure = vec![Copy {
        name: "SQLCipher, memory security on",
        conn: open(&tmp.path().join("app.db"), Some((hex.as_str(), app, true))),
        times: Default::default(),
    }];
    run(&mut secure, rounds, &units, &session);
    copies.extend(secure);
    report(&copies, rounds);
}

fn report(copies: &[Copy], rounds: usize) {
    let base = &copies[0].times;
    println!(
        "{rounds} rounds each, interleaved; median and p95 in ms, ratio of medians to plain SQLite"
    );
    println!(
        "{:<32} {:>16} {:>16} {:>16} {:>16}",
        "copy", "round", "chart", "4 keystrokes", "autosave"
    );
    for copy in copies {
        let cells: Vec<String> = (0..4)
            .map(|part| {
                let median = percentile(&copy.times[part], 0.5);
                format!(
                    "{:.2}/{:.2} {:.2}x",
                    ms(median),
                    ms(percentile(&copy.times[part], 0.95)),
                    median.as_secs_f64() / percentile(&base[part], 0.5).as_secs_f64()
                )
            })
            .collect();
        println!(
            "{:<32} {:>16} {:>16} {:>16} {:>16}",
            copy.name, cells[0], cells[1], cells[2], cells[3]
        );
    }
}
