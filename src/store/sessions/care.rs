//! What is recorded for the partners during a dosing: doses, vitals, adverse events and the
//! discharge check.

use rusqlite::{params, Connection};

use super::*;
use crate::error::{Error, Result};
use crate::model::{AdverseEvent, DischargeCheck, Dose, Session, Vitals};
use crate::store::{audit, enum_text, new_id, text_enum};
use crate::vault::Vault;

pub(super) fn require_attendee(
    conn: &Connection,
    session_id: &str,
    person_id: &str,
) -> Result<Session> {
    let s = read_session(conn, session_id)?;
    refuse_if_signed(conn, session_id)?;
    if !s.attendees.iter().any(|a| a == person_id) {
        return Err(Error::invalid(
            "person_id",
            "That person does not attend this session.",
        ));
    }
    Ok(s)
}

pub(super) fn with_id(id: &str) -> String {
    if id.is_empty() {
        new_id()
    } else {
        id.to_owned()
    }
}

pub(crate) fn write_dose(tx: &Connection, d: &Dose) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO doses (id, session_id, person_id, medication, milligrams, route, lot, given_at, given_where) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            d.id, d.session_id, d.person_id, d.medication, d.milligrams, enum_text(&d.route), d.lot,
            instant(d.given_at), enum_text(&d.given_where)
        ],
    )?;
    Ok(())
}

/// Records a partner's dose.
///
/// # Errors
/// [`Error::Invalid`] for someone who does not dose in the session, or an impossible amount.
#[tracing::instrument(skip_all, err)]
pub fn add_dose(vault: &mut Vault, dose: &Dose) -> Result<Dose> {
    let mut d = dose.clone();
    d.id = with_id(&d.id);
    d.medication = d.medication.trim().to_owned();
    if d.medication.is_empty() {
        return Err(Error::invalid("medication", "Name the medication."));
    }
    if !(d.milligrams.is_finite() && d.milligrams > 0.0 && d.milligrams <= 2000.0) {
        return Err(Error::invalid(
            "milligrams",
            "A dose is more than 0 and at most 2000 mg.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    let s = require_attendee(&tx, &d.session_id, &d.person_id)?;
    if !s.dosing_partners.contains(&d.person_id) {
        return Err(Error::invalid(
            "person_id",
            "This partner does not dose in this session.",
        ));
    }
    write_dose(&tx, &d)?;
    audit::append(
        &tx,
        "dose.recorded",
        &format!("session:{}", d.session_id),
        "person_id,milligrams,route,lot,given_at",
    )?;
    tx.commit()?;
    Ok(d)
}

pub(super) fn read_doses(conn: &Connection, session_id: &str) -> Result<Vec<Dose>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, medication, milligrams, route, lot, given_at, given_where \
         FROM doses WHERE session_id = ?1 ORDER BY given_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Dose {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                medication: r.get(3)?,
                milligrams: r.get(4)?,
                route: text_enum(r.get(5)?)?,
                lot: r.get(6)?,
                given_at: instant_at(r, 7)?,
                given_where: text_enum(r.get(8)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_vitals(tx: &Connection, v: &Vitals) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO vitals (id, session_id, person_id, taken_at, systolic, diastolic, heart_rate, spo2, resp_rate, temperature_c) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            v.id, v.session_id, v.person_id, instant(v.taken_at), v.systolic, v.diastolic, v.heart_rate,
            v.spo2, v.resp_rate, v.temperature_c
        ],
    )?;
    Ok(())
}

/// The first reading outside what a body can show (a typing slip), as a sentence.
pub(crate) fn impossible_vitals(v: &Vitals) -> Option<(&'static str, &'static str)> {
    if !(40..=300).contains(&v.systolic) {
        Some(("systolic", "Systolic pressure is between 40 and 300."))
    } else if !(20..=200).contains(&v.diastolic) || v.diastolic >= v.systolic {
        Some((
            "diastolic",
            "Diastolic pressure is between 20 and 200, and below the systolic.",
        ))
    } else if !(20..=250).contains(&v.heart_rate) {
        Some(("heart_rate", "Heart rate is between 20 and 250."))
    } else if !(50..=100).contains(&v.spo2) {
        Some(("spo2", "Oxygen saturation is a percentage from 50 to 100."))
    } else if v.resp_rate.is_some_and(|r| !(4..=60).contains(&r)) {
        Some(("resp_rate", "Respiratory rate is between 4 and 60."))
    } else if v.temperature_c.is_some_and(|t| !(30.0..=44.0).contains(&t)) {
        Some(("temperature_c", "Temperature is between 30 and 44 °C."))
    } else {
        None
    }
}

/// Records a reading of a partner's vital signs.
///
/// # Errors
/// [`Error::Invalid`] for a reading no body shows, or someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_vitals(vault: &mut Vault, reading: &Vitals) -> Result<Vitals> {
    let mut v = reading.clone();
    v.id = with_id(&v.id);
    if let Some((field, message)) = impossible_vitals(&v) {
        return Err(Error::invalid(field, message));
    }
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &v.session_id, &v.person_id)?;
    write_vitals(&tx, &v)?;
    audit::append(
        &tx,
        "vitals.recorded",
        &format!("session:{}", v.session_id),
        "person_id,taken_at",
    )?;
    tx.commit()?;
    Ok(v)
}

pub(super) fn read_vitals(conn: &Connection, session_id: &str) -> Result<Vec<Vitals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, taken_at, systolic, diastolic, heart_rate, spo2, resp_rate, temperature_c \
         FROM vitals WHERE session_id = ?1 ORDER BY taken_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Vitals {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                taken_at: instant_at(r, 3)?,
                systolic: r.get(4)?,
                diastolic: r.get(5)?,
                heart_rate: r.get(6)?,
                spo2: r.get(7)?,
                resp_rate: r.get(8)?,
                temperature_c: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_adverse_event(tx: &Connection, a: &AdverseEvent) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO adverse_events (id, session_id, person_id, at, what, action) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, a.session_id, a.person_id, instant(a.at), a.what, a.action],
    )?;
    Ok(())
}

/// Records an adverse event and what was done.
///
/// # Errors
/// [`Error::Invalid`] without a description, or for someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_adverse_event(vault: &mut Vault, event: &AdverseEvent) -> Result<AdverseEvent> {
    let mut a = event.clone();
    a.id = with_id(&a.id);
    a.what = a.what.trim().to_owned();
    if a.what.is_empty() {
        return Err(Error::invalid("what", "Say what happened."));
    }
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &a.session_id, &a.person_id)?;
    write_adverse_event(&tx, &a)?;
    audit::append(
        &tx,
        "adverse_event.recorded",
        &format!("session:{}", a.session_id),
        "person_id,at,what,action",
    )?;
    tx.commit()?;
    Ok(a)
}

pub(super) fn read_adverse_events(
    conn: &Connection,
    session_id: &str,
) -> Result<Vec<AdverseEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, at, what, action FROM adverse_events WHERE session_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(AdverseEvent {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                at: instant_at(r, 3)?,
                what: r.get(4)?,
                action: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_discharge(tx: &Connection, d: &DischargeCheck) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO discharge_checks (id, session_id, person_id, at, oriented, steady, escort_present, escort) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![d.id, d.session_id, d.person_id, instant(d.at), d.oriented, d.steady, d.escort_present, d.escort],
    )?;
    Ok(())
}

/// Records a partner's discharge check.
///
/// # Errors
/// [`Error::Invalid`] for someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_discharge_check(vault: &mut Vault, check: &DischargeCheck) -> Result<DischargeCheck> {
    let mut d = check.clone();
    d.id = with_id(&d.id);
    d.escort = d.escort.trim().to_owned();
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &d.session_id, &d.person_id)?;
    write_discharge(&tx, &d)?;
    audit::append(
        &tx,
        "discharge.checked",
        &format!("session:{}", d.session_id),
        "person_id,oriented,steady,escort_present",
    )?;
    tx.commit()?;
    Ok(d)
}

pub(super) fn read_discharges(conn: &Connection, session_id: &str) -> Result<Vec<DischargeCheck>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, at, oriented, steady, escort_present, escort \
         FROM discharge_checks WHERE session_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(DischargeCheck {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                at: instant_at(r, 3)?,
                oriented: r.get(4)?,
                steady: r.get(5)?,
                escort_present: r.get(6)?,
                escort: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A session's doses.
pub fn doses(vault: &Vault, session_id: &str) -> Result<Vec<Dose>> {
    read_doses(vault.conn(), session_id)
}

/// A session's vitals readings.
pub fn vitals(vault: &Vault, session_id: &str) -> Result<Vec<Vitals>> {
    read_vitals(vault.conn(), session_id)
}

/// A session's adverse events.
pub fn adverse_events(vault: &Vault, session_id: &str) -> Result<Vec<AdverseEvent>> {
    read_adverse_events(vault.conn(), session_id)
}

/// A session's discharge checks.
pub fn discharge_checks(vault: &Vault, session_id: &str) -> Result<Vec<DischargeCheck>> {
    read_discharges(vault.conn(), session_id)
}
