//! The books: every session's identified patient, codes, charge and payments, derived from
//! what is stored in one pass, for the ledger, a session's billing panel and superbills.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{read_choice, read_packages, read_purchases, read_schedule};
use crate::billing::codes::{self, Finding, Patient, Suggestion, Visit};
use crate::billing::fees::{self, Booked, Charge};
use crate::billing::Cents;
use crate::error::Result;
use crate::model::{BillingChoice, CodedLine, Diagnosis, Session, SessionStatus};
use crate::rules::clock;
use crate::store::sessions::{read_clock, read_sessions};
use crate::store::{clients::read_diagnoses, not_found};
use crate::vault::Vault;
use crate::zone::Zone;

/// One session as the books see it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub session: Session,
    pub date: NaiveDate,
    pub identified_patient: Option<String>,
    pub suggestion: Suggestion,
    pub lines: Vec<CodedLine>,
    pub choice: Option<BillingChoice>,
    pub charge: Charge,
    pub fees: Vec<Cents>,
    pub paid: Cents,
}

pub(crate) struct Books {
    pub entries: Vec<Entry>,
    pub names: HashMap<String, String>,
    pub unit_names: HashMap<String, String>,
    pub diagnoses: HashMap<String, Vec<Diagnosis>>,
}

fn names(conn: &Connection) -> Result<(HashMap<String, String>, HashMap<String, String>)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, {} FROM persons p",
        crate::store::clients::DISPLAY_NAME
    ))?;
    let persons = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached("SELECT id, name FROM units")?;
    let units = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((persons, units))
}

fn partners(conn: &Connection) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = conn
        .prepare_cached("SELECT unit_id, person_id FROM memberships ORDER BY unit_id, position")?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (unit, person) = row?;
        out.entry(unit).or_default().push(person);
    }
    Ok(out)
}

fn paid_per_session(conn: &Connection) -> Result<HashMap<String, Cents>> {
    let mut stmt = conn.prepare_cached(
        "SELECT session_id, sum(cents) FROM payment_applications GROUP BY session_id",
    )?;
    let paid = stmt
        .query_map([], |r| Ok((r.get(0)?, Cents(r.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(paid)
}

/// Diagnoses made by `date`, primary first.
fn codes_on(diagnoses: &[Diagnosis], date: NaiveDate) -> Vec<&str> {
    let mut made: Vec<&Diagnosis> = diagnoses
        .iter()
        .filter(|d| d.diagnosed_on <= date)
        .collect();
    made.sort_by_key(|d| (!d.primary, d.diagnosed_on));
    made.into_iter().map(|d| d.code.as_str()).collect()
}

impl Books {
    /// The books of the sessions of `person` and their relationships, or of everyone.
    pub fn load(conn: &Connection, person: Option<&str>) -> Result<Books> {
        let schedule = read_schedule(conn)?;
        let zone = Zone::of(&crate::store::practice::read_settings(conn)?);
        let (names, unit_names) = names(conn)?;
        let partners = partners(conn)?;
        let sessions = match person {
            Some(p) => read_sessions(
                conn,
                "status <> 'cancelled' AND (person_id = ?1 OR unit_id IN (SELECT unit_id FROM memberships WHERE person_id = ?1))",
                &[&p],
            )?,
            None => read_sessions(conn, "status <> 'cancelled'", &[])?,
        };
        let mut diagnoses: HashMap<String, Vec<Diagnosis>> = HashMap::new();
        for s in &sessions {
            let people = s.person_id.iter().chain(
                s.unit_id
                    .iter()
                    .flat_map(|u| partners.get(u).into_iter().flatten()),
            );
            for p in people {
                if !diagnoses.contains_key(p) {
                    diagnoses.insert(p.clone(), read_diagnoses(conn, p)?);
                }
            }
        }
        let dates: Vec<NaiveDate> = sessions
            .iter()
            .map(|s| zone.date_of(s.scheduled_at))
            .collect();
        let booked: Vec<Booked<'_>> = sessions
            .iter()
            .zip(&dates)
            .map(|(s, date)| Booked {
                session_id: &s.id,
                unit_id: s.unit_id.as_deref(),
                person_id: s.person_id.as_deref(),
                kind: s.kind,
                date: *date,
                status: s.status,
            })
            .collect();
        let shares = fees::package_shares(&read_purchases(conn)?, &read_packages(conn)?, &booked);
        let paid = paid_per_session(conn)?;
        let no_dx = Vec::new();

        // Suggest per identified patient and date, so "one conjoint code a day" sees the day.
        let mut entries = Vec::with_capacity(sessions.len());
        let mut visits: BTreeMap<(String, NaiveDate), Vec<usize>> = BTreeMap::new();
        let mut minutes = Vec::with_capacity(sessions.len());
        for (i, (s, date)) in sessions.iter().zip(&dates).enumerate() {
            let choice = read_choice(conn, &s.id)?;
            let held = s.status == SessionStatus::Completed;
            let state = if held {
                clock::state(&read_clock(conn, &s.id)?, s.scheduled_at)
            } else {
                clock::state(&[], s.scheduled_at)
            };
            minutes.push((
                state.therapy_minutes(),
                u32::try_from(state.elapsed_seconds / 60).unwrap_or(0),
            ));
            let ip = match (&s.person_id, &s.unit_id) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(unit)) => choice
                    .as_ref()
                    .and_then(|c| c.identified_patient.clone())
                    .or_else(|| {
                        let has_dx = |p: &&String| {
                            !codes_on(diagnoses.get(*p).unwrap_or(&no_dx), *date).is_empty()
                        };
                        s.attendees
                            .iter()
                            .find(has_dx)
                            .or_else(|| partners.get(unit).and_then(|ps| ps.iter().find(has_dx)))
                            .cloned()
                    }),
                (None, None) => None,
            };
            if let Some(ip) = &ip {
                visits.entry((ip.clone(), *date)).or_default().push(i);
            }
            entries.push(Entry {
                session: s.clone(),
                date: *date,
                identified_patient: ip,
                suggestion: Suggestion {
                    session_id: s.id.clone(),
                    lines: Vec::new(),
                    findings: Vec::new(),
                },
                lines: Vec::new(),
                choice,
                charge: Charge {
                    amount: Cents::ZERO,
                    source: fees::ChargeSource::NoFee,
                },
                fees: Vec::new(),
                paid: paid.get(&s.id).copied().unwrap_or_default(),
            });
        }
        for ((ip, date), indexes) in &visits {
            let dx = diagnoses.get(ip).unwrap_or(&no_dx);
            let patient = Patient {
                id: ip,
                name: names.get(ip).map_or("the client", String::as_str),
                diagnoses: codes_on(dx, *date),
            };
            let day: Vec<Visit<'_>> = indexes
                .iter()
                .map(|&i| {
                    let e = &entries[i];
                    Visit {
                        session_id: &e.session.id,
                        kind: e.session.kind,
                        setting: e.session.setting,
                        date: *date,
                        individual: e.session.person_id.is_some(),
                        present: e.session.attendees.iter().map(String::as_str).collect(),
                        minutes: minutes[i].0,
                        elapsed_minutes: minutes[i].1,
                        held: e.session.status == SessionStatus::Completed,
                        interactive_complexity: e
                            .choice
                            .as_ref()
                            .is_some_and(|c| c.interactive_complexity),
                    }
                })
                .collect();
            let suggestions = codes::suggest(&day, &patient, schedule.offer_0820t);
            for (&i, suggestion) in indexes.iter().zip(suggestions) {
                entries[i].suggestion = suggestion;
            }
        }
        for (i, e) in entries.iter_mut().enumerate() {
            if e.identified_patient.is_none() {
                let who = e
                    .session
                    .unit_id
                    .as_ref()
                    .and_then(|u| unit_names.get(u))
                    .map_or("this relationship", String::as_str);
                e.suggestion.findings.push(Finding {
                    rule: codes::NO_DIAGNOSIS.code,
                    text: format!("Nobody in {who} has a diagnosis: receipts, not superbills."),
                });
            }
            e.lines = match e.choice.as_ref().and_then(|c| c.lines.clone()) {
                Some(mine) => mine
                    .into_iter()
                    .map(|mut l| {
                        let why = e.choice.as_ref().map_or("", |c| c.why.as_str());
                        l.reason = format!("{}: chosen by the therapist ({why})", l.code);
                        l
                    })
                    .collect(),
                None => e.suggestion.lines.clone(),
            };
            e.charge = if e.session.status == SessionStatus::Completed {
                let (therapy, _) = minutes[i];
                let nominal =
                    fees::nominal_code(e.session.kind, e.session.attendees.len(), therapy);
                fees::charge(
                    &schedule,
                    e.session.kind,
                    &e.lines,
                    nominal,
                    shares.get(&e.session.id),
                )
            } else {
                Charge {
                    amount: Cents::ZERO,
                    source: fees::ChargeSource::NoFee,
                }
            };
            e.fees = fees::line_fees(&schedule, &e.charge, &e.lines);
        }
        Ok(Books {
            entries,
            names,
            unit_names,
            diagnoses,
        })
    }

    /// Who a session is for, in words.
    pub fn owner_name(&self, s: &Session) -> String {
        match (&s.unit_id, &s.person_id) {
            (Some(u), _) => self.unit_names.get(u).cloned().unwrap_or_default(),
            (_, Some(p)) => self.names.get(p).cloned().unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// A session's billing, as its panel shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionBilling {
    /// Whose superbill it goes on.
    pub identified_patient: Option<String>,
    /// That person's name.
    pub identified_patient_name: String,
    /// The session's people who could be the identified patient: id and name.
    pub candidates: Vec<(String, String)>,
    /// What the rules suggest, with the findings.
    pub suggestion: Suggestion,
    /// Her change, if any.
    pub choice: Option<BillingChoice>,
    /// The lines that will be billed (hers, or the suggestion).
    pub lines: Vec<CodedLine>,
    /// The charge and where it comes from.
    pub charge: Charge,
    /// Paid towards it.
    pub paid: Cents,
}

/// The billing panel of one session.
///
/// # Errors
/// [`crate::Error::Invalid`] for an unknown session.
#[tracing::instrument(skip(vault), err)]
pub fn session_billing(vault: &Vault, session_id: &str) -> Result<SessionBilling> {
    let conn = vault.conn();
    let session = crate::store::sessions::read_session(conn, session_id)?;
    let anyone = session
        .person_id
        .clone()
        .or_else(|| session.attendees.first().cloned());
    let books = Books::load(conn, anyone.as_deref())?;
    let e = books
        .entries
        .into_iter()
        .find(|e| e.session.id == session_id)
        .ok_or_else(|| not_found("session", session_id))?;
    let people = crate::store::sessions::members(conn, &session)?;
    let name = |id: &str| books.names.get(id).cloned().unwrap_or_default();
    Ok(SessionBilling {
        identified_patient_name: e
            .identified_patient
            .as_deref()
            .map(name)
            .unwrap_or_default(),
        identified_patient: e.identified_patient,
        candidates: people.iter().map(|p| (p.clone(), name(p))).collect(),
        suggestion: e.suggestion,
        choice: e.choice,
        lines: e.lines,
        charge: e.charge,
        paid: e.paid,
    })
}

/// A held session's money.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LedgerRow {
    /// Which session.
    pub session_id: String,
    /// Date of service, in the practice's zone.
    pub date: NaiveDate,
    /// The relationship or person, in words.
    pub who: String,
    /// The relationship, for a joint session.
    pub unit_id: Option<String>,
    /// The person, for an individual session.
    pub person_id: Option<String>,
    /// The codes billed ("90847 0820T"), empty when none.
    pub codes: String,
    /// The charge.
    pub charge: Charge,
    /// Paid.
    pub paid: Cents,
    /// Still owed.
    pub balance: Cents,
}

/// What a relationship or a person owes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Balance {
    /// The relationship's or person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Whether it is a relationship.
    pub is_unit: bool,
    /// All charged.
    pub charged: Cents,
    /// All paid towards sessions.
    pub paid: Cents,
    /// Payments not yet applied to a session (a credit).
    pub credit: Cents,
    /// Charged less paid less credit.
    pub balance: Cents,
}

/// The practice's books: held sessions with their money, and balances.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Ledger {
    /// Held sessions, newest first.
    pub rows: Vec<LedgerRow>,
    /// Per relationship and person, those with anything charged or a credit.
    pub balances: Vec<Balance>,
}

/// The ledger.
#[tracing::instrument(skip(vault), err)]
pub fn ledger(vault: &Vault) -> Result<Ledger> {
    let conn = vault.conn();
    let books = Books::load(conn, None)?;
    let mut rows: Vec<LedgerRow> = books
        .entries
        .iter()
        .filter(|e| e.session.status == SessionStatus::Completed)
        .map(|e| LedgerRow {
            session_id: e.session.id.clone(),
            date: e.date,
            who: books.owner_name(&e.session),
            unit_id: e.session.unit_id.clone(),
            person_id: e.session.person_id.clone(),
            codes: e
                .lines
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            charge: e.charge.clone(),
            paid: e.paid,
            balance: e.charge.amount - e.paid,
        })
        .collect();
    rows.reverse();
    let mut balances: BTreeMap<(bool, String), Balance> = BTreeMap::new();
    for r in &rows {
        let (is_unit, id) = match (&r.unit_id, &r.person_id) {
            (Some(u), _) => (true, u.clone()),
            (_, Some(p)) => (false, p.clone()),
            _ => continue,
        };
        let b = balances
            .entry((is_unit, id.clone()))
            .or_insert_with(|| Balance {
                name: r.who.clone(),
                id,
                is_unit,
                charged: Cents::ZERO,
                paid: Cents::ZERO,
                credit: Cents::ZERO,
                balance: Cents::ZERO,
            });
        b.charged += r.charge.amount;
        b.paid += r.paid;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT p.person_id, sum(p.cents) - coalesce((SELECT sum(a.cents) FROM payment_applications a \
         JOIN payments q ON q.id = a.payment_id WHERE q.person_id = p.person_id), 0) \
         FROM payments p GROUP BY p.person_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, Cents(r.get(1)?))))? {
        let (person, credit) = row?;
        if credit.is_positive() {
            let name = books.names.get(&person).cloned().unwrap_or_default();
            let b = balances
                .entry((false, person.clone()))
                .or_insert_with(|| Balance {
                    id: person,
                    name,
                    is_unit: false,
                    charged: Cents::ZERO,
                    paid: Cents::ZERO,
                    credit: Cents::ZERO,
                    balance: Cents::ZERO,
                });
            b.credit = credit;
        }
    }
    let mut balances: Vec<Balance> = balances
        .into_values()
        .map(|mut b| {
            b.balance = b.charged - b.paid - b.credit;
            b
        })
        .collect();
    balances.sort_by(|a, b| b.balance.cmp(&a.balance).then(a.name.cmp(&b.name)));
    Ok(Ledger { rows, balances })
}
