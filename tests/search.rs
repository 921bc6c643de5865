//! Search as she types: what the prefix indexes and the names' index answer is exactly what the
//! same query answers on a plain FTS5 index of the same text (no prefix index, no names' table),
//! and it differs from a ranked (bm25) search in order only: both draw from the same matches,
//! and the window shows the newest of them. An index emptied by a migration (or a start killed
//! during one) is refilled from the records when the vault opens.

mod common;

use std::collections::BTreeSet;

use attune::demo::scale;
use attune::store::search::{self, Entry};
use attune::vault::Vault;
use common::{keystrokes, new_vault, open_raw, secret, PASSPHRASE};
use rusqlite::Connection;

const LIMIT: usize = 20;

/// The same text in a plain in-memory FTS5 table, under the same rowids.
fn reference(entries: &[Entry]) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE r USING fts5 (label, body, tokenize = 'unicode61 remove_diacritics 2');",
    )
    .unwrap();
    let mut insert = conn
        .prepare("INSERT INTO r (rowid, label, body) VALUES (?1, ?2, ?3)")
        .unwrap();
    for e in entries {
        insert
            .execute(rusqlite::params![e.row, e.label, e.body])
            .unwrap();
    }
    drop(insert);
    conn
}

fn words(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= search::MIN_WORD)
        .map(str::to_owned)
        .collect()
}

fn rows(conn: &Connection, query: &str, order: &str, limit: i64) -> Vec<i64> {
    conn.prepare(&format!(
        "SELECT rowid FROM r WHERE r MATCH ?1 ORDER BY {order} LIMIT ?2"
    ))
    .unwrap()
    .query_map(rusqlite::params![query, limit], |r| r.get(0))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The search's rule, stated plainly: names matching every word, newest first, then anything
/// matching every word, newest first, to `LIMIT`.
fn reference_search(conn: &Connection, typed: &str) -> Vec<i64> {
    let words = words(typed);
    if words.is_empty() {
        return Vec::new();
    }
    let names = words
        .iter()
        .map(|w| format!("label : \"{w}\"*"))
        .collect::<Vec<_>>();
    let anything = words
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>();
    let mut found = rows(conn, &names.join(" AND "), "rowid DESC", LIMIT as i64);
    for row in rows(conn, &anything.join(" AND "), "rowid DESC", -1) {
        if found.len() < LIMIT && !found.contains(&row) {
            found.push(row);
        }
    }
    found
}

fn practice() -> (tempfile::TempDir, std::path::PathBuf, Vault) {
    let (tmp, dir, mut vault) = new_vault();
    scale::with_prose(&mut vault, "2026-11-25T19:00:00Z".parse().unwrap(), 1_500).unwrap();
    (tmp, dir, vault)
}

#[test]
fn the_fast_path_answers_what_the_plain_index_answers_and_ranking_differs_in_order_only() {
    let (_tmp, _dir, vault) = practice();
    let entries = search::entries(&vault).unwrap();
    let plain = reference(&entries);
    let record = |row: i64| {
        let e = entries.iter().find(|e| e.row == row).unwrap();
        (e.kind.clone(), e.id.clone())
    };
    let mut searched = 0;
    let mut found = 0;
    for typed in keystrokes() {
        let fast: Vec<(String, String)> = search::search(&vault, &typed, LIMIT)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect();
        let expected: Vec<_> = reference_search(&plain, &typed)
            .into_iter()
            .map(record)
            .collect();
        assert_eq!(
            fast, expected,
            "{typed:?}: the prefix indexes and the names' index change nothing in what is found \
             or its order"
        );
        if words(&typed).is_empty() {
            assert!(
                fast.is_empty(),
                "{typed:?}: one-letter words wait for the next letter"
            );
            continue;
        }
        searched += 1;
        // Against bm25: the same pool of matches, another order. Every record shown is among
        // the ranked search's matches, and any match not shown is older than every note shown.
        let all = words(&typed)
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ");
        let ranked = rows(&plain, &all, "bm25(r)", -1);
        let shown = reference_search(&plain, &typed);
        assert!(
            shown.iter().all(|row| ranked.contains(row)),
            "{typed:?}: every record shown matches every word"
        );
        let names: Vec<String> = words(&typed)
            .iter()
            .map(|w| format!("label : \"{w}\"*"))
            .collect();
        let by_name = rows(&plain, &names.join(" AND "), "rowid DESC", -1);
        let oldest_note_shown = shown.iter().filter(|r| !by_name.contains(r)).min();
        for row in ranked.iter().filter(|r| !shown.contains(r)) {
            assert!(
                oldest_note_shown.map_or(shown.len() == LIMIT, |oldest| row < oldest)
                    || by_name.contains(row),
                "{typed:?}: {:?}, ranked but not shown, is older than every note shown (or \
                 names filled the list)",
                record(*row)
            );
        }
        if !fast.is_empty() {
            found += 1;
        }
    }
    assert!(
        searched > 150,
        "the query set was searched, not skipped: {searched}"
    );
    assert!(
        found > 120,
        "and most keystrokes find something: {found} of {searched}"
    );
}

/// Every record in the index with its text, in no particular order.
fn indexed(vault: &Vault) -> BTreeSet<(String, String, String, String)> {
    search::entries(vault)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.id, e.label, e.body))
        .collect()
}

#[test]
fn an_emptied_index_is_refilled_from_the_records_when_the_vault_opens() {
    let (_tmp, dir, vault) = practice();
    let before = indexed(&vault);
    assert!(
        before.len() > 1_000,
        "names and notes are indexed: {}",
        before.len()
    );
    drop(vault);
    // What migration 0015 leaves, or a start killed right after it.
    open_raw(&dir, PASSPHRASE)
        .execute_batch(
            "INSERT INTO search_index (search_index) VALUES ('delete-all');
             INSERT INTO name_index (name_index) VALUES ('delete-all');
             DELETE FROM search_rows;",
        )
        .unwrap();
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let after = indexed(&vault);
    assert_eq!(
        after, before,
        "every record is back in the index, with the same text"
    );
    assert!(
        !search::search(&vault, "somatic", LIMIT).unwrap().is_empty(),
        "and search finds notes again"
    );
}
