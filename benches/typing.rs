//! Search as she types, over the whole decade (`demo::scale::whole_decade`: names, 40,000 notes,
//! addenda and reflections): a fixed set of queries typed letter by letter from the second
//! letter on, each prefix searched for its first 20 results, as the window does (names first,
//! then newest first). Reported as median and p95 over every prefix, beside the baseline
//! measured in the same run: plain SQLite FTS5 (no encryption, one column, ranked by bm25) over
//! the same text, same words (those of two letters or more).
//!
//! `cargo bench --bench typing` (or `make bench`). A plain harness: the figure asked for is a
//! percentile over a fixed set of keystrokes, not a mean per call.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::time::{Duration, Instant};

use attune::demo::scale;
use attune::store::search;
use common::{keystrokes, new_vault, open_raw, PASSPHRASE};
use rusqlite::Connection;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

/// The same text in plain SQLite: one FTS5 table (with its content), no key.
fn plain_copy(vault_conn: &Connection, path: &std::path::Path) -> Connection {
    let plain = Connection::open(path).unwrap();
    plain
        .execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');",
        )
        .unwrap();
    let tx = plain.unchecked_transaction().unwrap();
    let mut stmt = vault_conn
        .prepare(
            "SELECT legal_name || ' ' || coalesce(preferred_name, '') FROM persons \
             UNION ALL SELECT name || ' ' || coalesce(goals, '') FROM units \
             UNION ALL SELECT coalesce((SELECT group_concat(value, ' ') FROM json_each(n.fields)), '') || ' ' || \
               coalesce((SELECT group_concat(text, ' ') FROM addenda a WHERE a.session_id = n.session_id), '') || ' ' || \
               coalesce((SELECT group_concat(emerged || ' ' || emotions || ' ' || body || ' ' || commitments || ' ' || questions, ' ') \
                 FROM reflections r WHERE r.dosing_session_id = n.session_id), '') FROM notes n",
        )
        .unwrap();
    let mut insert = tx.prepare("INSERT INTO t (body) VALUES (?1)").unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    for body in rows {
        insert.execute([body.unwrap()]).unwrap();
    }
    drop(insert);
    tx.commit().unwrap();
    plain
}

fn fts(typed: &str) -> String {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= search::MIN_WORD)
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn main() {
    let (tmp, dir, mut vault) = new_vault();
    let now = "2026-11-25T19:00:00Z".parse().unwrap();
    let started = Instant::now();
    scale::whole_decade(&mut vault, now).unwrap();
    eprintln!(
        "the whole decade generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let plain = plain_copy(&open_raw(&dir, PASSPHRASE), &tmp.path().join("plain.db"));
    // Keystrokes with a word of two letters or more: before that the window asks for more and
    // neither side searches.
    let typed: Vec<String> = keystrokes()
        .into_iter()
        .filter(|t| !fts(t).is_empty())
        .collect();

    // One warm-up pass each, so both read from the page cache, as she would after a minute.
    for t in &typed {
        search::search(&vault, t, 20).unwrap();
    }
    let mut ranked = plain
        .prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT 20")
        .unwrap();
    let mut plain_search = |t: &str| {
        ranked
            .query_map([fts(t)], |r| r.get::<_, i64>(0))
            .unwrap()
            .count()
    };
    for t in &typed {
        plain_search(t);
    }
    let mut attune_times = Vec::new();
    let mut plain_times = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for t in &typed {
        let start = Instant::now();
        let hits = search::search(&vault, t, 20).unwrap();
        let took = start.elapsed();
        assert!(!hits.is_empty(), "{t:?} finds something in ten years");
        if took > slowest.0 {
            slowest = (took, t.clone());
        }
        attune_times.push(took);
        let start = Instant::now();
        plain_search(t);
        plain_times.push(start.elapsed());
    }
    let (a50, a95) = summary(attune_times);
    let (p50, p95) = summary(plain_times);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| search as she types ({} keystrokes, first 20) | median | p95 |\n|---|---|---|",
        typed.len()
    );
    println!(
        "| Attune (SQLCipher; names first, newest first; prefix indexes) | {:.2} ms | {:.2} ms |",
        ms(a50),
        ms(a95)
    );
    println!(
        "| plain SQLite FTS5, bm25 | {:.2} ms | {:.2} ms |",
        ms(p50),
        ms(p95)
    );
    println!(
        "ratio at p95: {:.2}×; slowest keystroke {:?} at {:.2} ms; goal p95 < 5 ms",
        ms(a95) / ms(p95),
        slowest.1,
        ms(slowest.0)
    );
}
