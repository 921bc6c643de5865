//! The one full-text index: names, goals and diagnoses, session notes, addenda and
//! reflections. The store calls `index_*` inside the transaction of every change, so the index
//! never lags. The index holds no copy of the text (contentless); `search_rows` says which
//! record each of its rows is.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::icd10;
use crate::store::practice;
use crate::vault::Vault;
use crate::zone::Zone;

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Hit {
    /// `person`, `unit` or `session` (its note, addenda or reflections matched).
    pub kind: String,
    /// Its id.
    pub id: String,
    /// What to show.
    pub label: String,
}

/// Removes a record's row from the index (and its name's), found by rowid through `search_rows`.
fn forget(conn: &Connection, kind: &str, id: &str) -> Result<()> {
    let row: Option<i64> = conn
        .prepare_cached("SELECT row FROM search_rows WHERE kind = ?1 AND ref = ?2")?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?;
    if let Some(row) = row {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([row])?;
        conn.prepare_cached("DELETE FROM name_index WHERE rowid = ?1")?
            .execute([row])?;
        conn.prepare_cached("DELETE FROM search_rows WHERE kind = ?1 AND ref = ?2")?
            .execute(params![kind, id])?;
    }
    Ok(())
}

/// Adds a record's row to the index (what it is called, and the rest), its name to the names'
/// index under the same rowid, and remembers where.
fn remember(conn: &Connection, kind: &str, id: &str, label: &str, body: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_index (label, body) VALUES (?1, ?2)")?
        .execute([label, body])?;
    let row = conn.last_insert_rowid();
    if !label.trim().is_empty() {
        conn.prepare_cached("INSERT INTO name_index (rowid, label) VALUES (?1, ?2)")?
            .execute(params![row, label])?;
    }
    conn.prepare_cached("INSERT OR REPLACE INTO search_rows (kind, ref, row) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, id, row])?;
    Ok(())
}

/// Refills an empty index from the records (after a migration that changed its layout), in one
/// transaction: persons and relationships, then sessions oldest first, so that "most recently
/// written first" starts as "latest session first".
pub(crate) fn rebuild_if_empty(conn: &mut Connection) -> Result<()> {
    const EMPTY: &str = "SELECT NOT EXISTS (SELECT 1 FROM search_rows) \
        AND (EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM units))";
    // Read first: every unlock passes here, and only a rebuild needs the write lock (another
    // window or command may be writing).
    if !conn.query_row(EMPTY, [], |r| r.get::<_, bool>(0))? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Asked again under the lock: another process may have rebuilt it meanwhile.
    if !tx.query_row(EMPTY, [], |r| r.get::<_, bool>(0))? {
        return Ok(());
    }
    let ids = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = tx.prepare(sql)?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    };
    for id in ids("SELECT id FROM persons ORDER BY rowid")? {
        index_person(&tx, &id)?;
    }
    for id in ids("SELECT id FROM units WHERE id NOT IN (SELECT unit_id FROM memberships)")? {
        index_unit(&tx, &id)?;
    }
    for id in ids("SELECT id FROM sessions ORDER BY scheduled_at, id")? {
        index_session(&tx, &id)?;
    }
    tx.commit()?;
    Ok(())
}

/// What the index holds for a person: legal and preferred names (the label), diagnoses (code
/// and words).
fn person_text(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT legal_name, preferred_name FROM persons WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((legal, preferred)) = row else {
        return Ok(None);
    };
    let mut body = String::new();
    let mut stmt = conn.prepare_cached("SELECT code FROM diagnoses WHERE person_id = ?1")?;
    for code in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        let code = code?;
        body.push(' ');
        body.push_str(&code);
        if let Some(entry) = icd10::lookup(&code) {
            body.push(' ');
            body.push_str(entry.description);
        }
    }
    Ok(Some((format!("{legal} {preferred}"), body)))
}

/// What the index holds for a relationship: its name and partners' names (the label), goals.
fn unit_text(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT name, goals FROM units WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((mut label, goals)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT p.legal_name, p.preferred_name FROM memberships m JOIN persons p ON p.id = m.person_id \
         WHERE m.unit_id = ?1",
    )?;
    for names in stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (legal, preferred) = names?;
        label.push_str(&format!(" {legal} {preferred}"));
    }
    Ok(Some((label, goals)))
}

/// What the index holds for a session: its note's text, addenda and the reflections on it (no
/// label); nothing when none is written.
fn session_text(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    let mut body = String::new();
    let fields: Option<String> = conn
        .prepare_cached("SELECT fields FROM notes WHERE session_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(fields) = fields {
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&fields).unwrap_or_default();
        for text in map.values() {
            body.push_str(text);
            body.push('\n');
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT text FROM addenda WHERE session_id = ?1 \
         UNION ALL SELECT emerged || ' ' || emotions || ' ' || body || ' ' || commitments || ' ' || questions \
         FROM reflections WHERE dosing_session_id = ?1",
    )?;
    for text in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        body.push_str(&text?);
        body.push('\n');
    }
    Ok((!body.trim().is_empty()).then(|| (String::new(), body)))
}

/// The text of a record of `kind`.
fn text_of(conn: &Connection, kind: &str, id: &str) -> Result<Option<(String, String)>> {
    match kind {
        "person" => person_text(conn, id),
        "unit" => unit_text(conn, id),
        _ => session_text(conn, id),
    }
}

fn reindex(conn: &Connection, kind: &str, id: &str) -> Result<()> {
    forget(conn, kind, id)?;
    if let Some((label, body)) = text_of(conn, kind, id)? {
        remember(conn, kind, id, &label, &body)?;
    }
    Ok(())
}

/// Rewrites a person's entry, and the entries of the relationships that carry their name.
pub(crate) fn index_person(conn: &Connection, id: &str) -> Result<()> {
    reindex(conn, "person", id)?;
    let mut units = conn.prepare_cached("SELECT unit_id FROM memberships WHERE person_id = ?1")?;
    let unit_ids: Vec<String> = units
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for unit in unit_ids {
        index_unit(conn, &unit)?;
    }
    Ok(())
}

/// Rewrites a relationship's entry.
pub(crate) fn index_unit(conn: &Connection, id: &str) -> Result<()> {
    reindex(conn, "unit", id)
}

/// Rewrites a session's entry.
pub(crate) fn index_session(conn: &Connection, id: &str) -> Result<()> {
    reindex(conn, "session", id)
}

/// One row of the index as it stands: its rowid, the record, and the text indexed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The row's rowid: higher is written later.
    pub row: i64,
    /// `person`, `unit` or `session`.
    pub kind: String,
    /// The record's id.
    pub id: String,
    /// What it is called (names), searched first.
    pub label: String,
    /// The rest of its text.
    pub body: String,
}

/// Every row of the index with its text, oldest first: what an independent reference search
/// (tests, benches) needs, since the index itself keeps no copy.
pub fn entries(vault: &Vault) -> Result<Vec<Entry>> {
    let conn = vault.conn();
    let mut stmt = conn.prepare("SELECT row, kind, ref FROM search_rows ORDER BY row")?;
    let rows: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (row, kind, id) in rows {
        let (label, body) = text_of(conn, &kind, &id)?.unwrap_or_default();
        out.push(Entry {
            row,
            kind,
            id,
            label,
            body,
        });
    }
    Ok(out)
}

/// Words shorter than this are not searched: a one-letter prefix stands for a good part of the
/// language, and its lists took most of a second to merge over ten years of notes. The window
/// says so ("type two letters or more").
pub const MIN_WORD: usize = 2;

/// The FTS5 query for what she typed: every word of [`MIN_WORD`] letters or more must match, each
/// as a prefix. Quotes keep her words from being read as FTS5 syntax.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_WORD)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// Records matching `text` (prefix search, diacritics folded): first the clients and
/// relationships whose names match, then whatever else matches (notes, addenda, reflections,
/// diagnoses, goals), each part most recently written first. That order lets the index stop at
/// the first `limit` matches instead of ranking every one (README, "Measurements").
pub fn search(vault: &Vault, text: &str, limit: usize) -> Result<Vec<Hit>> {
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut hits = matching(vault, NAMES, &query, limit)?;
    if hits.len() < limit {
        for hit in matching(vault, ANYTHING, &query, limit + hits.len())? {
            if hits.len() < limit && !hits.contains(&hit) {
                hits.push(hit);
            }
        }
    }
    Ok(hits)
}

/// The newest matches of a query in the names' index, then in the whole index; the inner
/// query alone touches the index, so FTS5 walks its lists from the newest row and stops.
const NAMES: &str =
    "SELECT rowid AS row FROM name_index WHERE name_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2";
const ANYTHING: &str = "SELECT rowid AS row FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2";

/// The first `limit` records of `found` (one of [`NAMES`], [`ANYTHING`]), newest first, named.
fn matching(vault: &Vault, found: &str, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let mut stmt = vault.conn().prepare_cached(&format!(
        "SELECT r.kind, r.ref, COALESCE(u.name, p.legal_name, su.name, sp.legal_name, ''), ss.scheduled_at \
         FROM ({found}) s JOIN search_rows r ON r.row = s.row \
         LEFT JOIN units u ON r.kind = 'unit' AND u.id = r.ref \
         LEFT JOIN persons p ON r.kind = 'person' AND p.id = r.ref \
         LEFT JOIN sessions ss ON r.kind = 'session' AND ss.id = r.ref \
         LEFT JOIN units su ON su.id = ss.unit_id \
         LEFT JOIN persons sp ON sp.id = ss.person_id \
         ORDER BY s.row DESC"
    ))?;
    let zone = Zone::of(&practice::settings(vault)?);
    let rows = stmt.query_map(params![query, limit as i64], |r| {
        let mut label: String = r.get(2)?;
        // A session is named by its relationship (or person) and its day in the practice's zone.
        if let Some(at) = r.get::<_, Option<String>>(3)? {
            if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&at) {
                label = format!("{label}, session of {}", zone.date_of(at.to_utc()));
            }
        }
        Ok(Hit {
            kind: r.get(0)?,
            id: r.get(1)?,
            label,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn her_words_become_prefix_terms_and_never_syntax() {
        assert_eq!(fts_query("zoe"), Some("\"zoe\"*".to_owned()));
        assert_eq!(
            fts_query("Rivera–Chen"),
            Some("\"Rivera\"* AND \"Chen\"*".to_owned())
        );
        assert_eq!(
            fts_query("NOT OR \"*"),
            Some("\"NOT\"* AND \"OR\"*".to_owned())
        );
        assert_eq!(fts_query("  -- "), None);
    }

    #[test]
    fn words_of_one_letter_wait_for_the_next() {
        assert_eq!(
            fts_query("a child w"),
            Some("\"child\"*".to_owned()),
            "'a' is nearly every note, and 'w' is a word still being typed"
        );
        assert_eq!(
            fts_query("a"),
            None,
            "nothing to search yet: the window asks for more"
        );
        assert_eq!(
            fts_query("Þó"),
            Some("\"Þó\"*".to_owned()),
            "letters, not bytes"
        );
    }
}
