//! The written record of the whole decade ([`super::scale::whole_decade`]): a signed note of
//! about 2 KB for every background session, an addendum on every fourth, each dosing partner's
//! reflection, a quarterly PHQ-9 and GAD-7 for everyone, and the full-text index over all of
//! it, written through the store's own indexing so search is measured on what she would have.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::prose::Words;
use crate::error::Result;
use crate::model::{Instrument, Measure};
use crate::store::measures::write_measure;
use crate::store::sessions::instant;
use crate::store::{new_id, search};

/// A background session as the generator wrote it.
struct Held {
    id: String,
    unit: String,
    kind: String,
    at: DateTime<Utc>,
}

/// Each unit's partners: (person id, given name), in position order.
fn partners(tx: &Connection) -> Result<BTreeMap<String, Vec<(String, String)>>> {
    let mut stmt = tx.prepare(
        "SELECT m.unit_id, p.id, p.legal_name FROM memberships m JOIN persons p ON p.id = m.person_id \
         ORDER BY m.unit_id, m.position",
    )?;
    let mut map: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (unit, person, name) = row?;
        let given = name.split(' ').next().unwrap_or_default().to_owned();
        map.entry(unit).or_default().push((person, given));
    }
    Ok(map)
}

fn held(tx: &Connection) -> Result<Vec<Held>> {
    let mut stmt = tx.prepare(
        "SELECT id, unit_id, kind, scheduled_at FROM sessions WHERE id LIKE 's-%' ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, unit, kind, at) = row?;
        let at = DateTime::parse_from_rfc3339(&at)
            .map(|t| t.to_utc())
            .unwrap_or_default();
        out.push(Held { id, unit, kind, at });
    }
    Ok(out)
}

/// Writes the decade's text and measures into the practice's open transaction.
pub(super) fn write(tx: &Connection, today: NaiveDate) -> Result<()> {
    let partners = partners(tx)?;
    let sessions = held(tx)?;
    let mut words = Words::new(0x2026_1206);
    let mut note = tx.prepare(
        "INSERT INTO notes (session_id, fields, updated_at, signed_at) VALUES (?1, ?2, ?3, ?3)",
    )?;
    let mut addendum = tx.prepare(
        "INSERT INTO addenda (id, session_id, written_at, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut reflection = tx.prepare(
        "INSERT INTO reflections (id, person_id, dosing_session_id, integration_session_id, written_on, \
         emerged, emotions, body, commitments, questions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let none = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        let pair = partners.get(&s.unit).unwrap_or(&none);
        let name = |p: usize| pair.get(p).map_or("", |(_, given)| given.as_str());
        let signed = instant(s.at + Duration::hours(2));
        note.execute(params![s.id, words.note(name(0), name(1)), signed])?;
        if i % 4 == 3 {
            let text = words.addendum(name(0), name(1));
            addendum.execute(params![
                new_id(),
                s.id,
                instant(s.at + Duration::days(1)),
                text
            ])?;
        }
        // A dosing's integration is the unit's next session (the generator puts it a day later).
        let next = sessions.get(i + 1).filter(|n| n.unit == s.unit);
        if let (true, Some(integration)) = (s.kind == "dosing", next) {
            for (p, (person, _)) in pair.iter().enumerate() {
                let [emerged, emotions, body, commitments, questions] =
                    words.reflection(name(p), name(1 - p.min(1)));
                reflection.execute(params![
                    new_id(),
                    person,
                    s.id,
                    integration.id,
                    integration.at.date_naive(),
                    emerged,
                    emotions,
                    body,
                    commitments,
                    questions
                ])?;
            }
        }
    }
    measure_history(tx, &partners, today)?;
    for s in &sessions {
        search::index_session(tx, &s.id)?;
    }
    let persons: Vec<String> = partners
        .values()
        .flatten()
        .map(|(p, _)| p.clone())
        .collect();
    for person in persons {
        search::index_person(tx, &person)?;
    }
    Ok(())
}

/// A PHQ-9 and a GAD-7 for every person each quarter of the decade, the last three months
/// ago (the seeded recent ones decide the dashboard). Item 9 is always "not at all".
fn measure_history(
    tx: &Connection,
    partners: &BTreeMap<String, Vec<(String, String)>>,
    today: NaiveDate,
) -> Result<()> {
    let mut words = Words::new(9);
    for (person, _) in partners.values().flatten() {
        for quarter in 1..=40i64 {
            let given_on = today - Duration::days(91 * quarter);
            for (instrument, items) in [(Instrument::Phq9, 9), (Instrument::Gad7, 7)] {
                let mut answers: Vec<Option<u8>> =
                    (0..items).map(|_| Some(words.below(3) as u8)).collect();
                if instrument == Instrument::Phq9 {
                    answers[8] = Some(0);
                }
                write_measure(
                    tx,
                    &Measure {
                        id: new_id(),
                        person_id: person.clone(),
                        unit_id: None,
                        instrument,
                        given_on,
                        session_id: None,
                        answers,
                        entered_in_error: None,
                    },
                )?;
            }
        }
    }
    Ok(())
}
