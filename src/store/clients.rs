//! Persons, relationship units and their per-person records. Every change is checked by
//! `rules::clients`, written with its audit entry (field names, never values) and keeps the
//! search index in step, in one transaction.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::{audit, enum_text, first_problem, new_id, not_found, search, text_enum};
use crate::error::{Error, Result};
use crate::icd10;
use crate::model::{Clearance, Consent, Diagnosis, DvScreen, Partner, Person, Screening, Unit};
use crate::rules::clients::{person_problems, unit_problems};
use crate::rules::safety;
use crate::vault::Vault;

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

const PERSON_COLUMNS: &str = "id, legal_name, preferred_name, pronouns, date_of_birth, address, \
    phone, email, state_of_residence, emergency_contact, insurance_payer, insurance_member_id";

fn person_from(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        legal_name: r.get(1)?,
        preferred_name: r.get(2)?,
        pronouns: r.get(3)?,
        date_of_birth: date(r.get(4)?),
        address: r.get(5)?,
        phone: r.get(6)?,
        email: r.get(7)?,
        state_of_residence: r.get(8)?,
        emergency_contact: r.get(9)?,
        insurance_payer: r.get(10)?,
        insurance_member_id: r.get(11)?,
    })
}

/// [`Person::display_name`] in SQL, for a query that names the persons table `p`.
pub(crate) const DISPLAY_NAME: &str =
    "CASE WHEN trim(p.preferred_name) <> '' THEN p.preferred_name ELSE p.legal_name END";

/// The name to show for a person, if there is one with this id.
pub(crate) fn display_name_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            &format!("SELECT {DISPLAY_NAME} FROM persons p WHERE p.id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every person, by legal name.
pub fn persons(vault: &Vault) -> Result<Vec<Person>> {
    let mut stmt = vault.conn().prepare(&format!(
        "SELECT {PERSON_COLUMNS} FROM persons ORDER BY legal_name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], person_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One person.
pub fn person(vault: &Vault, id: &str) -> Result<Person> {
    read_person(vault.conn(), id)?.ok_or_else(|| not_found("person", id))
}

pub(crate) fn read_person(conn: &Connection, id: &str) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PERSON_COLUMNS} FROM persons WHERE id = ?1"),
            [id],
            person_from,
        )
        .optional()?)
}

/// Saves a person: a new one when `id` is empty (the saved copy carries its new id), else an
/// update of that person.
///
/// # Errors
/// [`Error::Invalid`] naming the first field that is wrong; nothing is saved then.
#[tracing::instrument(skip_all, err)]
pub fn save_person(vault: &mut Vault, person: &Person, today: NaiveDate) -> Result<Person> {
    first_problem(person_problems(person, today))?;
    let mut p = person.clone();
    p.state_of_residence = p.state_of_residence.trim().to_ascii_uppercase();
    p.legal_name = p.legal_name.trim().to_owned();
    let tx = vault.conn_mut().transaction()?;
    let before = if p.id.is_empty() {
        p.id = new_id();
        None
    } else {
        Some(read_person(&tx, &p.id)?.ok_or_else(|| not_found("person", &person.id))?)
    };
    write_person(&tx, &p)?;
    match before {
        None => audit::append(&tx, "person.created", &format!("person:{}", p.id), "")?,
        Some(before) => {
            let changed = changed_person_fields(&before, &p);
            if changed.is_empty() {
                return Ok(p);
            }
            audit::append(
                &tx,
                "person.updated",
                &format!("person:{}", p.id),
                &changed.join(","),
            )?;
        }
    }
    search::index_person(&tx, &p.id)?;
    tx.commit()?;
    Ok(p)
}

pub(crate) fn write_person(tx: &Connection, p: &Person) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO persons ({PERSON_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
             ON CONFLICT (id) DO UPDATE SET legal_name = excluded.legal_name, \
             preferred_name = excluded.preferred_name, pronouns = excluded.pronouns, \
             date_of_birth = excluded.date_of_birth, address = excluded.address, \
             phone = excluded.phone, email = excluded.email, \
             state_of_residence = excluded.state_of_residence, \
             emergency_contact = excluded.emergency_contact, \
             insurance_payer = excluded.insurance_payer, \
             insurance_member_id = excluded.insurance_member_id"
        ),
        params![
            p.id,
            p.legal_name,
            p.preferred_name,
            p.pronouns,
            p.date_of_birth.map(|d| d.to_string()),
            p.address,
            p.phone,
            p.email,
            p.state_of_residence,
            p.emergency_contact,
            p.insurance_payer,
            p.insurance_member_id
        ],
    )?;
    Ok(())
}

fn changed_person_fields(a: &Person, b: &Person) -> Vec<&'static str> {
    let pairs: [(&'static str, bool); 11] = [
        ("legal_name", a.legal_name != b.legal_name),
        ("preferred_name", a.preferred_name != b.preferred_name),
        ("pronouns", a.pronouns != b.pronouns),
        ("date_of_birth", a.date_of_birth != b.date_of_birth),
        ("address", a.address != b.address),
        ("phone", a.phone != b.phone),
        ("email", a.email != b.email),
        (
            "state_of_residence",
            a.state_of_residence != b.state_of_residence,
        ),
        (
            "emergency_contact",
            a.emergency_contact != b.emergency_contact,
        ),
        ("insurance_payer", a.insurance_payer != b.insurance_payer),
        (
            "insurance_member_id",
            a.insurance_member_id != b.insurance_member_id,
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(f, _)| f)
        .collect()
}

fn unit_from(conn: &Connection, r: &Row<'_>) -> rusqlite::Result<Unit> {
    let id: String = r.get(0)?;
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, attachment_notes FROM memberships WHERE unit_id = ?1 ORDER BY position",
    )?;
    let partners = stmt
        .query_map([&id], |m| {
            Ok(Partner {
                person_id: m.get(0)?,
                attachment_notes: m.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Unit {
        id,
        name: r.get(1)?,
        structure: text_enum(r.get(2)?)?,
        status: text_enum(r.get(3)?)?,
        start_date: date(r.get(4)?),
        goals: r.get(5)?,
        partners,
    })
}

const UNIT_COLUMNS: &str = "id, name, structure, status, start_date, goals";

/// Every relationship unit, by name.
pub fn units(vault: &Vault) -> Result<Vec<Unit>> {
    let conn = vault.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT {UNIT_COLUMNS} FROM units ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], |r| unit_from(conn, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One unit.
pub fn unit(vault: &Vault, id: &str) -> Result<Unit> {
    let conn = vault.conn();
    conn.query_row(
        &format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"),
        [id],
        |r| unit_from(conn, r),
    )
    .optional()?
    .ok_or_else(|| not_found("relationship", id))
}

/// The units a person is a partner in.
pub fn units_of(vault: &Vault, person_id: &str) -> Result<Vec<Unit>> {
    let conn = vault.conn();
    let mut stmt = conn.prepare(&format!(
        "SELECT {UNIT_COLUMNS} FROM units WHERE id IN \
         (SELECT unit_id FROM memberships WHERE person_id = ?1) ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([person_id], |r| unit_from(conn, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves a relationship unit with its partners (two or more, each an existing person): a new
/// one when `id` is empty.
///
/// # Errors
/// [`Error::Invalid`] for a missing name, fewer than two partners, a partner listed twice or
/// one who is not in the vault.
#[tracing::instrument(skip_all, err)]
pub fn save_unit(vault: &mut Vault, unit: &Unit) -> Result<Unit> {
    first_problem(unit_problems(unit))?;
    let mut u = unit.clone();
    u.name = u.name.trim().to_owned();
    let tx = vault.conn_mut().transaction()?;
    let action = if u.id.is_empty() {
        u.id = new_id();
        "unit.created"
    } else {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM units WHERE id = ?1)",
            [&u.id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(not_found("relationship", &u.id));
        }
        "unit.updated"
    };
    for partner in &u.partners {
        if read_person(&tx, &partner.person_id)?.is_none() {
            return Err(Error::invalid(
                "partners",
                format!(
                    "The partner {} is not a person in this vault.",
                    partner.person_id
                ),
            ));
        }
    }
    write_unit(&tx, &u)?;
    audit::append(
        &tx,
        action,
        &format!("unit:{}", u.id),
        "name,structure,status,start_date,goals,partners",
    )?;
    search::index_unit(&tx, &u.id)?;
    tx.commit()?;
    Ok(u)
}

pub(crate) fn write_unit(tx: &Connection, u: &Unit) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO units ({UNIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, structure = excluded.structure, \
             status = excluded.status, start_date = excluded.start_date, goals = excluded.goals"
        ),
        params![
            u.id,
            u.name,
            enum_text(&u.structure),
            enum_text(&u.status),
            u.start_date.map(|d| d.to_string()),
            u.goals
        ],
    )?;
    tx.execute("DELETE FROM memberships WHERE unit_id = ?1", [&u.id])?;
    for (position, partner) in u.partners.iter().enumerate() {
        tx.execute(
            "INSERT INTO memberships (unit_id, person_id, position, attachment_notes) VALUES (?1, ?2, ?3, ?4)",
            params![u.id, partner.person_id, position as i64, partner.attachment_notes],
        )?;
    }
    Ok(())
}

/// A person's diagnoses, primary first.
pub fn diagnoses(vault: &Vault, person_id: &str) -> Result<Vec<Diagnosis>> {
    read_diagnoses(vault.conn(), person_id)
}

pub(crate) fn read_diagnoses(conn: &Connection, person_id: &str) -> Result<Vec<Diagnosis>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, code, diagnosed_on, is_primary FROM diagnoses \
         WHERE person_id = ?1 ORDER BY is_primary DESC, diagnosed_on, code",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Diagnosis {
            id: r.get(0)?,
            person_id: r.get(1)?,
            code: r.get(2)?,
            diagnosed_on: date(r.get(3)?).unwrap_or_default(),
            primary: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a diagnosis. A new primary diagnosis makes the earlier primary one secondary.
///
/// # Errors
/// [`Error::Invalid`] when the code is not a billable code of the shipped ICD-10-CM table.
#[tracing::instrument(skip_all, err)]
pub fn add_diagnosis(vault: &mut Vault, diagnosis: &Diagnosis) -> Result<Diagnosis> {
    let code = icd10::lookup(&diagnosis.code).ok_or_else(|| {
        Error::invalid(
            "code",
            format!(
                "{} is not an ICD-10-CM code of this edition's mental health chapter.",
                diagnosis.code.trim()
            ),
        )
    })?;
    if !code.billable {
        return Err(Error::invalid(
            "code",
            format!(
                "{} is a category heading; choose one of the specific codes under it.",
                code.code
            ),
        ));
    }
    let mut d = diagnosis.clone();
    d.code = code.code.to_owned();
    if d.id.is_empty() {
        d.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    require_person(&tx, &d.person_id)?;
    if d.primary {
        tx.execute(
            "UPDATE diagnoses SET is_primary = 0 WHERE person_id = ?1",
            [&d.person_id],
        )?;
    }
    write_diagnosis(&tx, &d)?;
    audit::append(
        &tx,
        "diagnosis.added",
        &format!("person:{}", d.person_id),
        "code,primary",
    )?;
    search::index_person(&tx, &d.person_id)?;
    tx.commit()?;
    Ok(d)
}

pub(crate) fn write_diagnosis(tx: &Connection, d: &Diagnosis) -> Result<()> {
    tx.execute(
        "INSERT INTO diagnoses (id, person_id, code, diagnosed_on, is_primary) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![d.id, d.person_id, d.code, d.diagnosed_on.to_string(), d.primary],
    )?;
    Ok(())
}

fn require_person(tx: &Transaction<'_>, id: &str) -> Result<()> {
    read_person(tx, id)?
        .map(|_| ())
        .ok_or_else(|| not_found("person", id))
}

/// A person's screenings, oldest first.
pub fn screenings(vault: &Vault, person_id: &str) -> Result<Vec<Screening>> {
    read_screenings(vault.conn(), person_id)
}

pub(crate) fn read_screenings(conn: &Connection, person_id: &str) -> Result<Vec<Screening>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, taken_on, present, notes FROM screenings WHERE person_id = ?1 ORDER BY taken_on, id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        let present: String = r.get(3)?;
        Ok(Screening {
            id: r.get(0)?,
            person_id: r.get(1)?,
            taken_on: date(r.get(2)?).unwrap_or_default(),
            present: present
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a screening.
///
/// # Errors
/// [`Error::Invalid`] for an exclusion code the screening does not ask about.
#[tracing::instrument(skip_all, err)]
pub fn add_screening(vault: &mut Vault, screening: &Screening) -> Result<Screening> {
    for code in &screening.present {
        if safety::exclusion(code).is_none() {
            return Err(Error::invalid(
                "present",
                format!("{code} is not a screening question."),
            ));
        }
    }
    let mut s = screening.clone();
    if s.id.is_empty() {
        s.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    require_person(&tx, &s.person_id)?;
    write_screening(&tx, &s)?;
    audit::append(
        &tx,
        "screening.added",
        &format!("person:{}", s.person_id),
        "taken_on,present",
    )?;
    tx.commit()?;
    Ok(s)
}

pub(crate) fn write_screening(tx: &Connection, s: &Screening) -> Result<()> {
    tx.execute(
        "INSERT INTO screenings (id, person_id, taken_on, present, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.id, s.person_id, s.taken_on.to_string(), s.present.join(","), s.notes],
    )?;
    Ok(())
}

/// A person's medical clearances, oldest first.
pub fn clearances(vault: &Vault, person_id: &str) -> Result<Vec<Clearance>> {
    read_clearances(vault.conn(), person_id)
}

pub(crate) fn read_clearances(conn: &Connection, person_id: &str) -> Result<Vec<Clearance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, prescriber, organisation, cleared_on, valid_until, setting \
         FROM clearances WHERE person_id = ?1 ORDER BY cleared_on, id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Clearance {
            id: r.get(0)?,
            person_id: r.get(1)?,
            prescriber: r.get(2)?,
            organisation: r.get(3)?,
            cleared_on: date(r.get(4)?).unwrap_or_default(),
            valid_until: date(r.get(5)?).unwrap_or_default(),
            setting: text_enum(r.get(6)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a medical clearance.
///
/// # Errors
/// [`Error::Invalid`] without a prescriber, or when it ends before it starts.
#[tracing::instrument(skip_all, err)]
pub fn add_clearance(vault: &mut Vault, clearance: &Clearance) -> Result<Clearance> {
    if clearance.prescriber.trim().is_empty() {
        return Err(Error::invalid(
            "prescriber",
            "Name the prescriber who gave the clearance.",
        ));
    }
    if clearance.valid_until < clearance.cleared_on {
        return Err(Error::invalid(
            "valid_until",
            format!(
                "A clearance cannot end ({}) before it starts ({}).",
                clearance.valid_until, clearance.cleared_on
            ),
        ));
    }
    let mut c = clearance.clone();
    if c.id.is_empty() {
        c.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    require_person(&tx, &c.person_id)?;
    write_clearance(&tx, &c)?;
    audit::append(
        &tx,
        "clearance.added",
        &format!("person:{}", c.person_id),
        "cleared_on,valid_until,setting",
    )?;
    tx.commit()?;
    Ok(c)
}

pub(crate) fn write_clearance(tx: &Connection, c: &Clearance) -> Result<()> {
    tx.execute(
        "INSERT INTO clearances (id, person_id, prescriber, organisation, cleared_on, valid_until, setting) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            c.id,
            c.person_id,
            c.prescriber,
            c.organisation,
            c.cleared_on.to_string(),
            c.valid_until.to_string(),
            enum_text(&c.setting)
        ],
    )?;
    Ok(())
}

/// A person's consents, oldest first.
pub fn consents(vault: &Vault, person_id: &str) -> Result<Vec<Consent>> {
    read_consents(vault.conn(), person_id)
}

pub(crate) fn read_consents(conn: &Connection, person_id: &str) -> Result<Vec<Consent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, kind, signed_on, expires_on, release_to FROM consents \
         WHERE person_id = ?1 ORDER BY signed_on, id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Consent {
            id: r.get(0)?,
            person_id: r.get(1)?,
            kind: text_enum(r.get(2)?)?,
            signed_on: date(r.get(3)?).unwrap_or_default(),
            expires_on: date(r.get(4)?),
            release_to: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a signed consent.
///
/// # Errors
/// [`Error::Invalid`] for a release of information that names no one, or an end before the
/// signature.
#[tracing::instrument(skip_all, err)]
pub fn add_consent(vault: &mut Vault, consent: &Consent) -> Result<Consent> {
    if consent.kind == crate::model::ConsentKind::ReleaseOfInformation
        && consent.release_to.trim().is_empty()
    {
        return Err(Error::invalid(
            "release_to",
            "Name the therapist or prescriber the information may be released to.",
        ));
    }
    if consent.expires_on.is_some_and(|e| e < consent.signed_on) {
        return Err(Error::invalid(
            "expires_on",
            "A consent cannot end before it was signed.",
        ));
    }
    let mut c = consent.clone();
    if c.id.is_empty() {
        c.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    require_person(&tx, &c.person_id)?;
    write_consent(&tx, &c)?;
    audit::append(
        &tx,
        "consent.added",
        &format!("person:{}", c.person_id),
        "kind,signed_on,expires_on",
    )?;
    tx.commit()?;
    Ok(c)
}

pub(crate) fn write_consent(tx: &Connection, c: &Consent) -> Result<()> {
    tx.execute(
        "INSERT INTO consents (id, person_id, kind, signed_on, expires_on, release_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.id,
            c.person_id,
            enum_text(&c.kind),
            c.signed_on.to_string(),
            c.expires_on.map(|d| d.to_string()),
            c.release_to
        ],
    )?;
    Ok(())
}

/// A unit's domestic-violence screens, oldest first.
pub fn dv_screens(vault: &Vault, unit_id: &str) -> Result<Vec<DvScreen>> {
    read_dv_screens(vault.conn(), unit_id)
}

pub(crate) fn read_dv_screens(conn: &Connection, unit_id: &str) -> Result<Vec<DvScreen>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, unit_id, screened_on, result FROM dv_screens WHERE unit_id = ?1 ORDER BY screened_on, id",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        Ok(DvScreen {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            screened_on: date(r.get(2)?).unwrap_or_default(),
            result: text_enum(r.get(3)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a domestic-violence screen of a unit.
#[tracing::instrument(skip_all, err)]
pub fn add_dv_screen(vault: &mut Vault, screen: &DvScreen) -> Result<DvScreen> {
    let mut s = screen.clone();
    if s.id.is_empty() {
        s.id = new_id();
    }
    let tx = vault.conn_mut().transaction()?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM units WHERE id = ?1)",
        [&s.unit_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(not_found("relationship", &s.unit_id));
    }
    write_dv_screen(&tx, &s)?;
    audit::append(
        &tx,
        "dv_screen.added",
        &format!("unit:{}", s.unit_id),
        "screened_on,result",
    )?;
    tx.commit()?;
    Ok(s)
}

pub(crate) fn write_dv_screen(tx: &Connection, s: &DvScreen) -> Result<()> {
    tx.execute(
        "INSERT INTO dv_screens (id, unit_id, screened_on, result) VALUES (?1, ?2, ?3, ?4)",
        params![
            s.id,
            s.unit_id,
            s.screened_on.to_string(),
            enum_text(&s.result)
        ],
    )?;
    Ok(())
}

/// One partner's column on a unit's chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PartnerChart {
    /// The person.
    pub person: Person,
    /// Their attachment notes in this unit.
    pub attachment_notes: String,
    /// Diagnoses, primary first.
    pub diagnoses: Vec<Diagnosis>,
    /// The latest screening's verdict.
    pub screening: safety::ScreeningState,
    /// Medical clearance today.
    pub clearance: safety::ClearanceState,
    /// Signed consents.
    pub consents: Vec<Consent>,
    /// What needs attention, in plain words.
    pub alerts: Vec<safety::Alert>,
}

/// A relationship unit's chart: the partners side by side, however many there are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct UnitChart {
    /// The unit.
    pub unit: Unit,
    /// One column per partner, in the unit's order.
    pub partners: Vec<PartnerChart>,
    /// The latest domestic-violence screen, if any.
    pub dv_screen: Option<DvScreen>,
    /// What needs attention for the unit as a whole, in plain words.
    pub alerts: Vec<safety::Alert>,
}

/// The chart of a unit as of `today`.
pub fn unit_chart(vault: &Vault, id: &str, today: NaiveDate) -> Result<UnitChart> {
    let unit = unit(vault, id)?;
    let conn = vault.conn();
    let mut partners = Vec::with_capacity(unit.partners.len());
    for partner in &unit.partners {
        let person = person(vault, &partner.person_id)?;
        let screenings = read_screenings(conn, &person.id)?;
        let clearances = read_clearances(conn, &person.id)?;
        let consents = read_consents(conn, &person.id)?;
        let mut alerts = safety::person_alerts(
            person.display_name(),
            &screenings,
            &clearances,
            &consents,
            today,
        );
        let phq9 = super::measures::phq9_of(conn, &person.id)?;
        if let Some(alert) = crate::measures::self_harm(&phq9) {
            // First: it comes before every other question about this person.
            alerts.insert(
                0,
                safety::Alert {
                    rule: "phq9_item9",
                    message: alert.message(person.display_name()),
                    blocking: true,
                },
            );
        }
        partners.push(PartnerChart {
            diagnoses: read_diagnoses(conn, &person.id)?,
            screening: safety::screening_state(&screenings),
            clearance: safety::clearance_state(&clearances, today),
            consents,
            alerts,
            attachment_notes: partner.attachment_notes.clone(),
            person,
        });
    }
    let dv_screens = read_dv_screens(conn, id)?;
    let alerts = safety::unit_alerts(&unit.name, &dv_screens);
    let dv_screen = dv_screens.into_iter().max_by_key(|s| s.screened_on);
    Ok(UnitChart {
        unit,
        partners,
        dv_screen,
        alerts,
    })
}
