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

/// Rewrites a person's entry: legal and preferred names, pronouns, diagnoses (code and words).
/// Removes a record's row from the index, found by rowid through `search_rows`.
fn forget(conn: &Connection, kind: &str, id: &str) -> Result<()> {
    let row: Option<i64> = conn
        .prepare_cached("SELECT row FROM search_rows WHERE kind = ?1 AND ref = ?2")?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()?;
    if let Some(row) = row {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([row])?;
        conn.prepare_cached("DELETE FROM search_rows WHERE kind = ?1 AND ref = ?2")?
            .execute(params![kind, id])?;
    }
    Ok(())
}

/// Adds a record's row to the index (what it is called, and the rest) and remembers where.
fn remember(conn: &Connection, kind: &str, id: &str, label: &str, body: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_index (label, body) VALUES (?1, ?2)")?
        .execute([label, body])?;
    conn.prepare_cached("INSERT OR REPLACE INTO search_rows (kind, ref, row) VALUES (?1, ?2, ?3)")?
        .execute(params![kind, id, conn.last_insert_rowid()])?;
    Ok(())
}

pub(crate) fn index_person(conn: &Connection, id: &str) -> Result<()> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT legal_name, preferred_name FROM persons WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    forget(conn, "person", id)?;
    let Some((legal, preferred)) = row else {
        return Ok(());
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
    remember(conn, "person", id, &format!("{legal} {preferred}"), &body)?;
    // A unit's entry carries its partners' names.
    let mut units = conn.prepare_cached("SELECT unit_id FROM memberships WHERE person_id = ?1")?;
    let unit_ids: Vec<String> = units
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for unit in unit_ids {
        index_unit(conn, &unit)?;
    }
    Ok(())
}

/// Rewrites a unit's entry: its name, goals and partners' names.
pub(crate) fn index_unit(conn: &Connection, id: &str) -> Result<()> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT name, goals FROM units WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    forget(conn, "unit", id)?;
    let Some((name, goals)) = row else {
        return Ok(());
    };
    let mut label = name;
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
    remember(conn, "unit", id, &label, &goals)?;
    Ok(())
}

/// Rewrites a session's entry: its note's text, addenda and the reflections on it.
pub(crate) fn index_session(conn: &Connection, id: &str) -> Result<()> {
    forget(conn, "session", id)?;
    let mut body = String::new();
    let fields: Option<String> = conn
        .query_row(
            "SELECT fields FROM notes WHERE session_id = ?1",
            [id],
            |r| r.get(0),
        )
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
    if body.trim().is_empty() {
        return Ok(());
    }
    remember(conn, "session", id, "", &body)?;
    Ok(())
}

/// The FTS5 query for what she typed: every word must match, each as a prefix, in `column`
/// when one is named. Quotes keep her words from being read as FTS5 syntax.
fn fts_query(text: &str, column: Option<&str>) -> Option<String> {
    let filter = column.map(|c| format!("{c} : ")).unwrap_or_default();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("{filter}\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// Records matching `text` (prefix search, diacritics folded): first the clients and
/// relationships whose names match, then whatever else matches (notes, addenda, reflections,
/// diagnoses, goals), each part best first.
pub fn search(vault: &Vault, text: &str, limit: usize) -> Result<Vec<Hit>> {
    let (Some(names), Some(anything)) = (fts_query(text, Some("label")), fts_query(text, None))
    else {
        return Ok(Vec::new());
    };
    let mut hits = matching(vault, &names, limit)?;
    if hits.len() < limit {
        for hit in matching(vault, &anything, limit + hits.len())? {
            if hits.len() < limit && !hits.contains(&hit) {
                hits.push(hit);
            }
        }
    }
    Ok(hits)
}

/// The first `limit` records matching the FTS5 `query`, best first.
fn matching(vault: &Vault, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let mut stmt = vault.conn().prepare_cached(
        "SELECT r.kind, r.ref, COALESCE(u.name, p.legal_name, su.name, sp.legal_name, ''), ss.scheduled_at \
         FROM search_index s JOIN search_rows r ON r.row = s.rowid \
         LEFT JOIN units u ON r.kind = 'unit' AND u.id = r.ref \
         LEFT JOIN persons p ON r.kind = 'person' AND p.id = r.ref \
         LEFT JOIN sessions ss ON r.kind = 'session' AND ss.id = r.ref \
         LEFT JOIN units su ON su.id = ss.unit_id \
         LEFT JOIN persons sp ON sp.id = ss.person_id \
         WHERE search_index MATCH ?1 ORDER BY s.rank, r.kind DESC LIMIT ?2",
    )?;
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
        assert_eq!(fts_query("zoe", None), Some("\"zoe\"*".to_owned()));
        assert_eq!(
            fts_query("Rivera–Chen", None),
            Some("\"Rivera\"* AND \"Chen\"*".to_owned())
        );
        assert_eq!(
            fts_query("NOT OR \"*", None),
            Some("\"NOT\"* AND \"OR\"*".to_owned())
        );
        assert_eq!(
            fts_query("zo ri", Some("label")),
            Some("label : \"zo\"* AND label : \"ri\"*".to_owned()),
            "a names-first pass filters each word to the label column"
        );
        assert_eq!(fts_query("  -- ", None), None);
    }
}
