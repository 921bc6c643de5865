//! The books: every session's identified patient, codes, charge and payments, derived from
//! what is stored in one pass, for the ledger, a session's billing panel and superbills.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{read_choices, read_packages, read_purchases, read_schedule};
use crate::billing::codes::{self, Coded, Patient, Suggestion, Visit};
use crate::billing::fees::{self, Booked, Charge, MissedFee};
use crate::billing::patient::{diagnoses_on, identified_patient, People};
use crate::billing::rules::{self, Finding};
use crate::billing::Cents;
use crate::error::Result;
use crate::model::{
    BillingChoice, CancelledBy, ClockEvent, CodedLine, Diagnosis, FeeSchedule, Package,
    PackagePurchase, Session, SessionStatus,
};
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
    /// Every rule's word on the lines billed, and why a line is missing.
    pub findings: Vec<Finding>,
    /// The coding rules her own codes break.
    pub refused: Vec<Finding>,
    pub choice: Option<BillingChoice>,
    pub charge: Charge,
    pub fees: Vec<Cents>,
    pub paid: Cents,
    /// A package pays for it (so a no-show uses its place rather than costing a fee).
    pub in_package: bool,
}

pub(crate) struct Books {
    pub entries: Vec<Entry>,
    pub names: HashMap<String, String>,
    pub unit_names: HashMap<String, String>,
    pub diagnoses: HashMap<String, Vec<Diagnosis>>,
}

/// What the books are derived from, read in a few queries.
struct Stored {
    schedule: FeeSchedule,
    zone: Zone,
    names: HashMap<String, String>,
    unit_names: HashMap<String, String>,
    partners: HashMap<String, Vec<String>>,
    diagnoses: HashMap<String, Vec<Diagnosis>>,
    purchases: Vec<PackagePurchase>,
    packages: Vec<Package>,
    paid: HashMap<String, Cents>,
    choices: HashMap<String, BillingChoice>,
    clocks: HashMap<String, Vec<ClockEvent>>,
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

impl Stored {
    fn read(conn: &Connection, sessions: &[Session]) -> Result<Stored> {
        let (names, unit_names) = names(conn)?;
        let partners = partners(conn)?;
        let mut diagnoses: HashMap<String, Vec<Diagnosis>> = HashMap::new();
        let mut clocks = HashMap::new();
        for s in sessions {
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
            if s.status == SessionStatus::Completed {
                clocks.insert(s.id.clone(), read_clock(conn, &s.id)?);
            }
        }
        Ok(Stored {
            schedule: read_schedule(conn)?,
            zone: Zone::of(&crate::store::practice::read_settings(conn)?),
            names,
            unit_names,
            partners,
            diagnoses,
            purchases: read_purchases(conn)?,
            packages: read_packages(conn)?,
            paid: paid_per_session(conn)?,
            choices: read_choices(conn)?,
            clocks,
        })
    }
}

/// A held session's minutes, as billing counts them.
#[derive(Debug, Clone, Copy, Default)]
struct Timing {
    minutes: u32,
    monitored: u32,
    after: u32,
}

impl Books {
    /// The books of the sessions of `person` and their relationships, or of everyone.
    pub fn load(conn: &Connection, person: Option<&str>) -> Result<Books> {
        let sessions = match person {
            Some(p) => read_sessions(
                conn,
                "person_id = ?1 OR unit_id IN (SELECT unit_id FROM memberships WHERE person_id = ?1)",
                &[&p],
            )?,
            None => read_sessions(conn, "1 = 1", &[])?,
        };
        let stored = Stored::read(conn, &sessions)?;
        Ok(Books::derive(sessions, stored))
    }

    /// The books, decided from what was read: whose superbill, which codes, what charge.
    fn derive(sessions: Vec<Session>, stored: Stored) -> Books {
        let no_dx = Vec::new();
        let dx_of = |p: &str| stored.diagnoses.get(p).unwrap_or(&no_dx);
        let mut entries: Vec<Entry> = sessions
            .into_iter()
            .map(|s| {
                let date = stored.zone.date_of(s.scheduled_at);
                let choice = stored.choices.get(&s.id).cloned();
                let people = People {
                    person: s.person_id.as_deref(),
                    partners: s
                        .unit_id
                        .as_ref()
                        .and_then(|u| stored.partners.get(u))
                        .map_or(&[], Vec::as_slice),
                    attendees: &s.attendees,
                    chosen: choice
                        .as_ref()
                        .and_then(|c| c.identified_patient.as_deref()),
                };
                let ip = identified_patient(people, |p| !diagnoses_on(dx_of(p), date).is_empty())
                    .map(str::to_owned);
                Entry::new(s, date, ip, choice, &stored)
            })
            .collect();
        let timings: Vec<Timing> = entries
            .iter()
            .map(|e| timing(stored.clocks.get(&e.session.id), e.session.scheduled_at))
            .collect();
        let mut days: BTreeMap<(String, NaiveDate), Vec<usize>> = BTreeMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(ip) = &e.identified_patient {
                days.entry((ip.clone(), e.date)).or_default().push(i);
            }
        }
        for ((ip, date), indexes) in &days {
            let patient = Patient {
                id: ip,
                name: stored.names.get(ip).map_or("the client", String::as_str),
                diagnoses: diagnoses_on(dx_of(ip), *date),
            };
            let day: Vec<Visit<'_>> = indexes
                .iter()
                .map(|&i| entries[i].visit(timings[i]))
                .collect();
            let coded = codes::code_day(&day, &patient, stored.schedule.offer_0820t);
            drop(day);
            for (&i, coded) in indexes.iter().zip(coded) {
                entries[i].take(coded);
            }
        }
        let shares = shares(&entries, &stored);
        for (e, t) in entries.iter_mut().zip(&timings) {
            e.in_package = shares.contains_key(&e.session.id);
            e.price(&stored, shares.get(&e.session.id), t.minutes);
        }
        Books {
            entries,
            names: stored.names,
            unit_names: stored.unit_names,
            diagnoses: stored.diagnoses,
        }
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

impl Entry {
    fn new(
        session: Session,
        date: NaiveDate,
        identified_patient: Option<String>,
        choice: Option<BillingChoice>,
        stored: &Stored,
    ) -> Entry {
        let mut findings = Vec::new();
        if identified_patient.is_none() {
            let who = session
                .unit_id
                .as_ref()
                .and_then(|u| stored.unit_names.get(u))
                .map_or("this relationship", String::as_str);
            findings.push(rules::NO_DIAGNOSIS.says(format!(
                "Nobody in {who} has a diagnosis: receipts, not superbills."
            )));
        }
        Entry {
            paid: stored.paid.get(&session.id).copied().unwrap_or_default(),
            suggestion: Suggestion {
                session_id: session.id.clone(),
                lines: Vec::new(),
                findings: findings.clone(),
            },
            session,
            date,
            identified_patient,
            lines: Vec::new(),
            findings,
            refused: Vec::new(),
            choice,
            charge: Charge::none(),
            fees: Vec::new(),
            in_package: false,
        }
    }

    /// Whether it costs anything: held, or called off with a fee kept.
    pub fn charged(&self) -> bool {
        self.session.status == SessionStatus::Completed || self.charge.amount.is_positive()
    }

    fn visit(&self, t: Timing) -> Visit<'_> {
        let s = &self.session;
        let choice = self.choice.as_ref();
        Visit {
            session_id: &s.id,
            kind: s.kind,
            setting: s.setting,
            date: self.date,
            individual: s.person_id.is_some(),
            present: s.attendees.iter().map(String::as_str).collect(),
            minutes: t.minutes,
            monitored_minutes: t.monitored,
            after_monitoring_minutes: t.after,
            held: s.status == SessionStatus::Completed,
            interactive_complexity: choice.is_some_and(|c| c.interactive_complexity),
            chosen: choice.and_then(|c| c.lines.as_deref()),
        }
    }

    /// Takes the coding of this session; her own codes, when billed, say so.
    fn take(&mut self, coded: Coded) {
        let mine = self.choice.as_ref().filter(|c| c.lines.is_some());
        self.lines = match mine {
            Some(choice) if coded.refused.is_empty() => coded
                .lines
                .into_iter()
                .map(|mut l| {
                    l.reason = format!("{}: chosen by the therapist ({})", l.code, choice.why);
                    l
                })
                .collect(),
            _ => coded.lines,
        };
        self.suggestion = coded.suggestion;
        self.findings = coded.findings;
        self.refused = coded.refused;
    }

    fn price(&mut self, stored: &Stored, share: Option<&fees::Share>, minutes: u32) {
        if matches!(
            self.session.status,
            SessionStatus::Cancelled | SessionStatus::NoShow
        ) {
            self.charge =
                fees::missed_charge(self.session.status, self.session.called_off.as_ref());
            return;
        }
        if self.session.status != SessionStatus::Completed {
            return;
        }
        let s = &self.session;
        let nominal = codes::nominal_code(s.kind, s.attendees.len(), minutes);
        self.charge = fees::charge(&stored.schedule, s.kind, &self.lines, nominal, share);
        self.fees = fees::line_fees(&stored.schedule, &self.charge, &self.lines);
    }
}

fn shares(entries: &[Entry], stored: &Stored) -> BTreeMap<String, fees::Share> {
    let booked: Vec<Booked<'_>> = entries
        .iter()
        .map(|e| Booked {
            session_id: &e.session.id,
            unit_id: e.session.unit_id.as_deref(),
            person_id: e.session.person_id.as_deref(),
            kind: e.session.kind,
            date: e.date,
            status: e.session.status,
        })
        .collect();
    fees::package_shares(&stored.purchases, &stored.packages, &booked)
}

/// The minutes of a held session (none for one not held): psychotherapy, monitored, and
/// psychotherapy after the last discharge.
fn timing(events: Option<&Vec<ClockEvent>>, booked_at: DateTime<Utc>) -> Timing {
    let Some(events) = events else {
        return Timing::default();
    };
    let state = clock::state(events, booked_at);
    let monitoring = clock::monitoring(events, booked_at);
    Timing {
        minutes: state.therapy_minutes(),
        monitored: monitoring.monitored_minutes(),
        after: monitoring.after_minutes(),
    }
}

/// The fee calling `session_id` off as `status`, by `by`, told at `told`, would bring, and why.
///
/// # Errors
/// [`crate::Error::Invalid`] for an unknown session.
#[tracing::instrument(skip(vault), err)]
pub fn missed_fee(
    vault: &Vault,
    session_id: &str,
    status: SessionStatus,
    by: CancelledBy,
    told: DateTime<Utc>,
) -> Result<MissedFee> {
    let session = crate::store::sessions::read_session(vault.conn(), session_id)?;
    missed_fee_in(vault.conn(), &session, status, by, told)
}

pub(crate) fn missed_fee_in(
    conn: &Connection,
    session: &Session,
    status: SessionStatus,
    by: CancelledBy,
    told: DateTime<Utc>,
) -> Result<MissedFee> {
    let anyone = session
        .person_id
        .clone()
        .or_else(|| session.attendees.first().cloned());
    let books = Books::load(conn, anyone.as_deref())?;
    let in_package = books
        .entries
        .iter()
        .any(|e| e.session.id == session.id && e.in_package);
    let schedule = read_schedule(conn)?;
    Ok(fees::missed_fee(
        &schedule.missed,
        session,
        status,
        by,
        told,
        in_package,
    ))
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
    /// Every rule's word on those lines (warnings to acknowledge, notes), and why a line is
    /// missing.
    pub findings: Vec<Finding>,
    /// The coding rules her own codes break, when they are set aside for the suggestion.
    pub refused: Vec<Finding>,
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
    session_billing_in(vault.conn(), session_id)
}

pub(crate) fn session_billing_in(conn: &Connection, session_id: &str) -> Result<SessionBilling> {
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
        findings: e.findings,
        refused: e.refused,
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

/// The practice's books: held sessions and missed fees with their money, and balances.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Ledger {
    /// Held sessions and sessions called off with a fee, newest first.
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
        .filter(|e| e.charged())
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
