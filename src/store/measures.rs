//! Measures in the vault: recorded item by item, never rewritten (a mistake is marked entered
//! in error), read back per person with their scores for the plots, and exported as CSV.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, clients, enum_text, new_id, not_found, practice, text_enum};
use crate::error::{Error, Result};
use crate::measures::{self, ScaleScore, SelfHarm};
use crate::model::{Instrument, Measure, SessionStatus};
use crate::vault::Vault;
use crate::zone::Zone;

const COLUMNS: &str =
    "id, person_id, unit_id, instrument, given_on, session_id, answers, entered_in_error";

pub(crate) fn read_measures(
    conn: &Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Measure>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM measures WHERE {condition} ORDER BY given_on, id"
    ))?;
    let rows = stmt.query_map(args, |r| {
        let answers: String = r.get(6)?;
        Ok(Measure {
            id: r.get(0)?,
            person_id: r.get(1)?,
            unit_id: r.get(2)?,
            instrument: text_enum(r.get(3)?)?,
            given_on: r.get(4)?,
            session_id: r.get(5)?,
            answers: serde_json::from_str(&answers).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, e.into())
            })?,
            entered_in_error: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes a measure that [`measures::validate`] accepted.
pub(crate) fn write_measure(tx: &Connection, m: &Measure) -> Result<()> {
    let scored = measures::validate(m)?;
    tx.execute(
        &format!(
            "INSERT INTO measures ({COLUMNS}, self_harm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        ),
        params![
            m.id,
            m.person_id,
            m.unit_id,
            enum_text(&m.instrument),
            m.given_on,
            m.session_id,
            answers_json(&m.answers),
            m.entered_in_error,
            scored.self_harm.is_some(),
        ],
    )?;
    Ok(())
}

fn answers_json(answers: &[Option<u8>]) -> String {
    let items: Vec<String> = answers
        .iter()
        .map(|a| a.map_or_else(|| "null".to_owned(), |v| v.to_string()))
        .collect();
    format!("[{}]", items.join(","))
}

/// A person's PHQ-9s (the self-harm rule reads them), oldest first.
pub(crate) fn phq9_of(conn: &Connection, person_id: &str) -> Result<Vec<Measure>> {
    read_measures(
        conn,
        "person_id = ?1 AND instrument = 'phq9'",
        &[&person_id],
    )
}

/// Every measure in the vault (for the open document), by date.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Measure>> {
    read_measures(conn, "1", &[])
}

/// The measure with this id, if the vault has it.
pub(crate) fn by_id(conn: &Connection, id: &str) -> Result<Option<Measure>> {
    Ok(read_measures(conn, "id = ?1", &[&id])?.pop())
}

/// A person's measures, oldest first, including those entered in error.
pub fn measures_of(vault: &Vault, person_id: &str) -> Result<Vec<Measure>> {
    read_measures(vault.conn(), "person_id = ?1", &[&person_id])
}

/// Why a measure cannot be kept as it stands, against what the vault holds.
pub(crate) fn problems(conn: &Connection, m: &Measure, today: NaiveDate) -> Result<()> {
    measures::validate(m)?;
    let spec = measures::spec(m.instrument);
    if m.given_on > today {
        return Err(Error::invalid(
            "given_on",
            format!(
                "The {} is dated {}, after today: a measure records what was answered.",
                spec.short, m.given_on
            ),
        ));
    }
    let Some(name) = clients::display_name_of(conn, &m.person_id)? else {
        return Err(not_found("person", &m.person_id));
    };
    if let Some(unit) = &m.unit_id {
        let member: Option<bool> = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM memberships WHERE unit_id = ?1 AND person_id = ?2) \
                 FROM units WHERE id = ?1",
                params![unit, m.person_id],
                |r| r.get(0),
            )
            .ok();
        match member {
            None => return Err(not_found("relationship", unit)),
            Some(false) => {
                return Err(Error::invalid(
                    "unit_id",
                    format!("{name} is not a partner in that relationship."),
                ))
            }
            Some(true) => {}
        }
    }
    if let Some(session) = &m.session_id {
        let present: Option<bool> = conn
            .query_row(
                "SELECT person_id = ?2 OR EXISTS (SELECT 1 FROM session_attendees \
                 WHERE session_id = ?1 AND person_id = ?2) FROM sessions WHERE id = ?1",
                params![session, m.person_id],
                |r| r.get::<_, Option<bool>>(0).map(|b| b.unwrap_or(false)),
            )
            .ok();
        match present {
            None => return Err(not_found("session", session)),
            Some(false) => {
                return Err(Error::invalid(
                    "session_id",
                    format!("{name} was not in that session."),
                ))
            }
            Some(true) => {}
        }
    }
    Ok(())
}

/// Records a completed questionnaire.
///
/// # Errors
/// [`Error::Invalid`]: an item without an answer, a date after `today`, a relationship missing
/// (CSI-16, ECR-RS) or one the person is not in, a session they were not in.
#[tracing::instrument(skip_all, err)]
pub fn record_measure(vault: &mut Vault, measure: &Measure, today: NaiveDate) -> Result<Measure> {
    let mut m = measure.clone();
    if m.id.is_empty() {
        m.id = new_id();
    }
    m.entered_in_error = None;
    let tx = vault.conn_mut().transaction()?;
    problems(&tx, &m, today)?;
    write_measure(&tx, &m)?;
    audit::append(
        &tx,
        "measure.recorded",
        &format!("person:{}", m.person_id),
        &enum_text(&m.instrument),
    )?;
    tx.commit()?;
    Ok(m)
}

/// Marks a measure entered in error: it stays on file with the reason, and leaves the plots,
/// the scores and the alerts.
///
/// # Errors
/// [`Error::Invalid`] without a reason, or for a measure already marked.
#[tracing::instrument(skip(vault, reason), err)]
pub fn mark_entered_in_error(vault: &mut Vault, id: &str, reason: &str) -> Result<Measure> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "entered_in_error",
            "Say why it was entered in error; the reason is kept with it.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    let changed = tx.execute(
        "UPDATE measures SET entered_in_error = ?2 WHERE id = ?1 AND entered_in_error IS NULL",
        params![id, reason],
    )?;
    let m = read_measures(&tx, "id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| not_found("measure", id))?;
    if changed == 0 {
        return Err(Error::invalid(
            "entered_in_error",
            "This measure is already marked entered in error.",
        ));
    }
    audit::append(
        &tx,
        "measure.entered_in_error",
        &format!("person:{}", m.person_id),
        &enum_text(&m.instrument),
    )?;
    tx.commit()?;
    Ok(m)
}

/// One answered questionnaire on a plot.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Point {
    /// The measure.
    pub measure_id: String,
    /// When.
    pub given_on: NaiveDate,
    /// The session it was given in.
    pub session_id: Option<String>,
    /// Its scores, in the instrument's order.
    pub scores: Vec<ScaleScore>,
}

/// One instrument over time for one person (and, for the relational ones, one relationship).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Series {
    /// Which instrument.
    pub instrument: Instrument,
    /// The relationship it is about.
    pub unit_id: Option<String>,
    /// That relationship's name.
    pub relationship: Option<String>,
    /// Oldest first.
    pub points: Vec<Point>,
}

/// A person's measures, scored, with what the plots mark.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct History {
    /// Who.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Each instrument over time (entered-in-error measures left out).
    pub series: Vec<Series>,
    /// The days (in the practice's zone) of their dosing sessions, held or booked (with a
    /// relationship given, only that relationship's).
    pub dosings: Vec<NaiveDate>,
    /// The PHQ-9 item 9 alert, if raised.
    pub self_harm: Option<SelfHarm>,
    /// Its sentence, naming the person.
    pub alert: Option<String>,
    /// Every measure as recorded, newest first, including those entered in error.
    pub measures: Vec<Measure>,
}

/// A person's history; with `unit`, the relational series are only that relationship's.
pub fn history(vault: &Vault, person_id: &str, unit: Option<&str>) -> Result<History> {
    let conn = vault.conn();
    let name =
        clients::display_name_of(conn, person_id)?.ok_or_else(|| not_found("person", person_id))?;
    let all = read_measures(conn, "person_id = ?1", &[&person_id])?;
    let mut series: Vec<Series> = Vec::new();
    for m in all.iter().filter(|m| m.entered_in_error.is_none()) {
        if unit.is_some() && m.unit_id.is_some() && m.unit_id.as_deref() != unit {
            continue;
        }
        let scored = measures::score(m.instrument, &m.answers)?;
        let point = Point {
            measure_id: m.id.clone(),
            given_on: m.given_on,
            session_id: m.session_id.clone(),
            scores: scored.scales,
        };
        match series
            .iter_mut()
            .find(|s| s.instrument == m.instrument && s.unit_id == m.unit_id)
        {
            Some(s) => s.points.push(point),
            None => series.push(Series {
                instrument: m.instrument,
                unit_id: m.unit_id.clone(),
                relationship: match &m.unit_id {
                    Some(u) => conn
                        .query_row("SELECT name FROM units WHERE id = ?1", [u], |r| r.get(0))
                        .ok(),
                    None => None,
                },
                points: vec![point],
            }),
        }
    }
    series.sort_by(|a, b| (a.instrument, &a.relationship).cmp(&(b.instrument, &b.relationship)));
    let zone = Zone::of(&practice::read_settings(conn)?);
    let mut stmt = conn.prepare_cached(
        "SELECT s.scheduled_at FROM sessions s JOIN session_attendees a ON a.session_id = s.id \
         WHERE a.person_id = ?1 AND s.kind = 'dosing' AND s.status NOT IN (?2, ?3) \
           AND (?4 IS NULL OR s.unit_id = ?4) \
         ORDER BY s.scheduled_at",
    )?;
    let mut dosings: Vec<NaiveDate> = stmt
        .query_map(
            params![
                person_id,
                enum_text(&SessionStatus::Cancelled),
                enum_text(&SessionStatus::NoShow),
                unit
            ],
            |r| r.get::<_, chrono::DateTime<chrono::Utc>>(0),
        )?
        .map(|t| t.map(|t| zone.date_of(t)))
        .collect::<rusqlite::Result<_>>()?;
    dosings.dedup();
    let self_harm = measures::self_harm(&all);
    let alert = self_harm.as_ref().map(|s| s.message(&name));
    let mut newest_first = all;
    newest_first.reverse();
    Ok(History {
        person_id: person_id.to_owned(),
        name,
        series,
        dosings,
        self_harm,
        alert,
        measures: newest_first,
    })
}

/// Each partner's history for a relationship's chart, in the partners' order.
pub fn unit_histories(vault: &Vault, unit_id: &str) -> Result<Vec<History>> {
    let partners: Vec<String> = {
        let mut stmt = vault.conn().prepare_cached(
            "SELECT person_id FROM memberships WHERE unit_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([unit_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if partners.is_empty() {
        return Err(not_found("relationship", unit_id));
    }
    partners
        .iter()
        .map(|p| history(vault, p, Some(unit_id)))
        .collect()
}

/// A person's measure history as CSV: one row per score (the ECR-RS has two), with each
/// item's points, so a spreadsheet can recompute every total.
pub fn csv(vault: &Vault, person_id: &str) -> Result<String> {
    let history = history(vault, person_id, None)?;
    let most_items = measures::INSTRUMENTS
        .iter()
        .map(|s| s.items.len())
        .max()
        .unwrap_or(0);
    let mut out = String::from("date,measure,relationship,score,value,band");
    for n in 1..=most_items {
        out.push_str(&format!(",item_{n}"));
    }
    out.push_str(",entered_in_error\r\n");
    let units: std::collections::HashMap<String, String> = history
        .series
        .iter()
        .filter_map(|s| Some((s.unit_id.clone()?, s.relationship.clone()?)))
        .collect();
    for m in history.measures.iter().rev() {
        let spec = measures::spec(m.instrument);
        let scored = measures::score(m.instrument, &m.answers)?;
        let points: Vec<String> = spec
            .items
            .iter()
            .zip(&m.answers)
            .map(|(item, a)| {
                a.and_then(|a| item.choices.get(usize::from(a)))
                    .map_or(String::new(), |c| c.points.to_string())
            })
            .collect();
        let relationship = match &m.unit_id {
            Some(u) => units.get(u).cloned().unwrap_or_else(|| {
                vault
                    .conn()
                    .query_row("SELECT name FROM units WHERE id = ?1", [u], |r| r.get(0))
                    .unwrap_or_default()
            }),
            None => String::new(),
        };
        for s in &scored.scales {
            let scale = spec.scales.iter().find(|c| c.code == s.scale);
            let value = if s.value.fract() == 0.0 {
                format!("{}", s.value)
            } else {
                format!("{:.2}", s.value)
            };
            let mut row = vec![
                m.given_on.to_string(),
                spec.short.to_owned(),
                relationship.clone(),
                scale.map_or(s.scale, |c| c.name).to_owned(),
                value,
                s.band.map_or("", |b| b.label).to_owned(),
            ];
            row.extend(points.iter().cloned());
            row.extend((points.len()..most_items).map(|_| String::new()));
            row.push(m.entered_in_error.clone().unwrap_or_default());
            out.push_str(
                &row.iter()
                    .map(|f| csv_field(f))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            out.push_str("\r\n");
        }
    }
    Ok(out)
}

/// A CSV field, quoted when needed; text a spreadsheet would run as a formula is prefixed
/// with an apostrophe.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Writes [`csv`] to a file she chose (the only place measures leave the vault in clear).
///
/// # Errors
/// [`Error::Io`] when the file cannot be written; a file already there is kept unless
/// `existing` says to replace it.
pub fn save_csv(
    vault: &Vault,
    person_id: &str,
    path: &std::path::Path,
    existing: crate::files::Existing,
) -> Result<()> {
    use std::io::Write;
    let text = csv(vault, person_id)?;
    crate::files::write_durably(path, existing, |mut w| {
        w.write_all(text.as_bytes())
            .map_err(Error::io("write the measures file"))?;
        Ok(w)
    })
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Rivera–Chen"), "Rivera–Chen");
        assert_eq!(csv_field("Ng, Okafor"), "\"Ng, Okafor\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-3"), "'-3");
    }
}
