//! A generated ten-year practice for the tests and benchmarks: 400 persons in 200 couples,
//! their sessions all in order (held, signed, paid, integrated, cleared), and on top a handful
//! of seeded cases, each of which the attention list must show, or must not. Written with
//! plain inserts in one transaction: it is a fixture, not charting.
//!
//! Two sizes: [`ten_year_practice`] (25,000 sessions with empty notes, quick enough for every
//! test run) and [`whole_decade`] (40,000 sessions, each with a note of about 2 KB of clinical
//! prose, 10,000 addenda, 8,000 reflections, a quarterly measure history and the full-text
//! index: the vault of some 250 MB the benchmarks run on).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{Instrument, Measure};
use crate::store::measures::write_measure;
use crate::store::new_id;
use crate::vault::Vault;
use crate::zone::Zone;

/// How many persons, relationships (couples) and background sessions.
pub const PERSONS: usize = 400;
/// Couples: persons 2k and 2k+1 are the partners of unit k.
pub const UNITS: usize = 200;
/// Sessions before the seeded ones.
pub const SESSIONS: usize = 25_000;
/// Sessions before the seeded ones in the whole decade: one every 18 days per couple.
pub const WHOLE_SESSIONS: usize = 40_000;
/// The first units are open (in care); the rest closed.
pub const OPEN_UNITS: usize = 30;
/// The practice's zone.
pub const ZONE: &str = "America/Phoenix";

/// Given names for generated persons (with accents and letters beyond ASCII, for search).
pub const GIVEN: [&str; 20] = [
    "Zoë", "Sam", "Alex", "Jordan", "Priya", "Eli", "Þórunn", "Noor", "Kit", "Bea", "Mateo",
    "Aïsha", "Chen", "Dana", "Rui", "Ömer", "Lena", "José", "Tova", "Yusuf",
];
/// Family names for generated persons.
pub const FAMILY: [&str; 20] = [
    "Rivera",
    "Chen",
    "Ñúñez",
    "Okafor",
    "Tanaka",
    "Lindqvist",
    "Brooks",
    "Raman",
    "Magnúsdóttir",
    "Kowalski",
    "Haddad",
    "Nguyen",
    "Müller",
    "O'Brien",
    "Silva",
    "Cohen",
    "Abebe",
    "Park",
    "Novak",
    "García",
];

/// Person `i`'s name (unique among the 400).
pub fn person_name(i: usize) -> String {
    format!("{} {}", GIVEN[i % 20], FAMILY[(i / 20) % 20])
}

/// Unit `k`'s name.
pub fn unit_name(k: usize) -> String {
    format!("Couple {k:03}")
}

fn person_id(i: usize) -> String {
    format!("person-{i:03}")
}

fn unit_id(k: usize) -> String {
    format!("unit-{k:03}")
}

/// What the attention list must show: each seeded item's concern and words in its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// `(concern, words)` for every item that must be listed, and nothing else.
    pub expected: Vec<(&'static str, String)>,
    /// Sessions written in all.
    pub sessions: usize,
}

struct Writer<'a> {
    tx: &'a Connection,
    zone: Zone,
    today: NaiveDate,
}

impl Writer<'_> {
    /// 10:00 in the practice's zone, `days` from today (negative: past).
    fn at(&self, days: i64) -> DateTime<Utc> {
        self.zone.start_of(self.today + Duration::days(days)) + Duration::hours(10)
    }

    fn day(&self, days: i64) -> NaiveDate {
        self.today + Duration::days(days)
    }

    /// A session of unit `k`, `days` from today; held ones are signed and paid unless told.
    fn session(&mut self, k: usize, kind: &str, days: i64, held: Held) -> Result<String> {
        let id = new_id();
        let at = crate::store::sessions::instant(self.at(days));
        let status = if days < 0 { "completed" } else { "scheduled" };
        self.tx.execute(
            "INSERT INTO sessions (id, unit_id, kind, scheduled_at, planned_minutes, setting, status, \
             mode, transport) VALUES (?1, ?2, ?3, ?4, 60, 'office', ?5, ?6, 'Partner drives')",
            params![
                id,
                unit_id(k),
                kind,
                self.at(days)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                status,
                (kind == "dosing").then_some("dyadic_psycholytic"),
            ],
        )?;
        for (position, person) in [2 * k, 2 * k + 1].into_iter().enumerate() {
            self.tx.execute(
                "INSERT INTO session_attendees (session_id, person_id, position, doses) VALUES (?1, ?2, ?3, ?4)",
                params![id, person_id(person), position as i64, kind == "dosing"],
            )?;
        }
        if status == "completed" {
            if held.signed {
                self.tx.execute(
                    "INSERT INTO notes (session_id, fields, updated_at, signed_at) VALUES (?1, '{}', ?2, ?2)",
                    params![id, at],
                )?;
            }
            if held.paid {
                let payment = new_id();
                self.tx.execute(
                    "INSERT INTO payments (id, person_id, received_on, cents, method) VALUES (?1, ?2, ?3, 20000, 'card')",
                    params![payment, person_id(2 * k), self.day(days)],
                )?;
                self.tx.execute(
                    "INSERT INTO payment_applications (payment_id, session_id, cents) VALUES (?1, ?2, 20000)",
                    params![payment, id],
                )?;
            }
        }
        Ok(id)
    }

    fn clearance(&self, person: usize, until_days: i64) -> Result<()> {
        self.tx.execute(
            "INSERT INTO clearances (id, person_id, prescriber, cleared_on, valid_until, setting) \
             VALUES (?1, ?2, 'Dr. Okafor', ?3, ?4, 'in_office_im')",
            params![
                new_id(),
                person_id(person),
                self.day(until_days - 365),
                self.day(until_days)
            ],
        )?;
        Ok(())
    }

    fn consent(&self, person: usize, kind: &str, expires_days: Option<i64>) -> Result<()> {
        self.consent_signed(person, kind, -400, expires_days)
    }

    fn consent_signed(
        &self,
        person: usize,
        kind: &str,
        signed_days: i64,
        expires_days: Option<i64>,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO consents (id, person_id, kind, signed_on, expires_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                new_id(),
                person_id(person),
                kind,
                self.day(signed_days),
                expires_days.map(|d| self.day(d))
            ],
        )?;
        Ok(())
    }

    fn phq9(&self, person: usize, days: i64, item9: u8) -> Result<()> {
        write_measure(
            self.tx,
            &Measure {
                id: new_id(),
                person_id: person_id(person),
                unit_id: None,
                instrument: Instrument::Phq9,
                given_on: self.day(days),
                session_id: None,
                answers: [vec![Some(1); 8], vec![Some(item9)]].concat(),
                entered_in_error: None,
            },
        )
    }
}

#[derive(Clone, Copy)]
struct Held {
    signed: bool,
    paid: bool,
}
const IN_ORDER: Held = Held {
    signed: true,
    paid: true,
};

/// Persons, couples and their ten years of sessions, each held, signed and paid, written
/// set-wise (one statement per table) so that generating 25,000 sessions takes seconds.
/// With `prose`, the notes are left to [`super::decade`], which writes them with their text.
fn background(tx: &Connection, w: &Writer<'_>, sessions: usize, prose: bool) -> Result<()> {
    for i in 0..PERSONS {
        tx.execute(
            "INSERT INTO persons (id, legal_name, state_of_residence) VALUES (?1, ?2, 'AZ')",
            params![person_id(i), person_name(i)],
        )?;
    }
    for k in 0..UNITS {
        let status = if k < OPEN_UNITS { "active" } else { "closed" };
        tx.execute(
            "INSERT INTO units (id, name, structure, status) VALUES (?1, ?2, 'couple', ?3)",
            params![unit_id(k), unit_name(k), status],
        )?;
        for (position, person) in [2 * k, 2 * k + 1].into_iter().enumerate() {
            tx.execute(
                "INSERT INTO memberships (unit_id, person_id, position) VALUES (?1, ?2, ?3)",
                params![unit_id(k), person_id(person), position as i64],
            )?;
        }
    }
    // Each couple's sessions evenly over ten years, the last more than a month ago; every
    // tenth a dosing, its integration the next day. 10:00 in the practice's zone.
    let first_day = w.at(-3650 - 40);
    let per_unit = (sessions / UNITS) as i64;
    let spacing = 3650 / per_unit;
    tx.execute(
        "WITH RECURSIVE slot (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM slot WHERE n + 1 < ?2), \
           unit (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM unit WHERE k + 1 < ?3) \
         INSERT INTO sessions (id, unit_id, kind, scheduled_at, planned_minutes, setting, status, mode, transport) \
         SELECT printf('s-%03d-%03d', k, n), printf('unit-%03d', k), \
           CASE n % 10 WHEN 1 THEN 'dosing' WHEN 2 THEN 'integration' ELSE 'couples_session' END, \
           strftime('%Y-%m-%dT%H:%M:%SZ', ?1, printf('%+d days', \
             n * ?4 + k % 7 - CASE n % 10 WHEN 2 THEN ?4 - 1 ELSE 0 END)), \
           60, 'office', 'completed', \
           CASE n % 10 WHEN 1 THEN 'dyadic_psycholytic' END, 'Partner drives' \
         FROM unit, slot",
        params![
            first_day.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            per_unit,
            UNITS as i64,
            spacing
        ],
    )?;
    tx.execute_batch(
        "INSERT INTO session_attendees (session_id, person_id, position, doses) \
           SELECT s.id, m.person_id, m.position, s.kind = 'dosing' \
           FROM sessions s JOIN memberships m ON m.unit_id = s.unit_id WHERE s.id LIKE 's-%'; \
         INSERT INTO payments (id, person_id, received_on, cents, method) \
           SELECT 'pay-' || s.id, m.person_id, substr(s.scheduled_at, 1, 10), 20000, 'card' \
           FROM sessions s JOIN memberships m ON m.unit_id = s.unit_id AND m.position = 0 \
           WHERE s.id LIKE 's-%'; \
         INSERT INTO payment_applications (payment_id, session_id, cents) \
           SELECT 'pay-' || id, id, 20000 FROM sessions WHERE id LIKE 's-%';",
    )?;
    if !prose {
        tx.execute(
            "INSERT INTO notes (session_id, fields, updated_at, signed_at) \
             SELECT id, '{}', scheduled_at, scheduled_at FROM sessions WHERE id LIKE 's-%'",
            [],
        )?;
    }
    Ok(())
}

/// The content of a generated issued superbill: a real superbill that reads back and travels
/// in the open document (the dashboard only asks whether one was issued; its lines are empty).
fn issued_content(person: &str, from: NaiveDate, to: NaiveDate) -> String {
    use crate::billing::superbill::{Client, Superbill};
    use crate::billing::Cents;
    let bill = Superbill {
        provider: crate::model::PracticeProfile::default(),
        client: Client {
            person_id: person.to_owned(),
            legal_name: String::new(),
            date_of_birth: None,
            address: String::new(),
            payer: "Aetna".into(),
            member_id: "W123".into(),
        },
        from,
        to,
        diagnoses: Vec::new(),
        lines: Vec::new(),
        total_fees: Cents::ZERO,
        total_paid: Cents::ZERO,
        balance: Cents::ZERO,
        warnings: Vec::new(),
    };
    serde_json::to_string(&bill).unwrap_or_default()
}

/// Fills an empty vault with the practice as of `now`; returns what must be listed.
pub fn ten_year_practice(vault: &mut Vault, now: DateTime<Utc>) -> Result<Seeded> {
    practice(vault, now, SESSIONS, false)
}

/// The practice at its full size (see the module's introduction), as of `now`.
pub fn whole_decade(vault: &mut Vault, now: DateTime<Utc>) -> Result<Seeded> {
    practice(vault, now, WHOLE_SESSIONS, true)
}

/// Gives couple `unit` `more` held sessions, each a copy of one of its first `more` three days
/// later, with its attendees, clock and signed note (the chart bench's couple of 300).
///
/// # Errors
/// Only writing the vault.
pub fn grow_couple(vault: &mut Vault, unit: &str, more: usize) -> Result<()> {
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "CREATE TEMP TABLE copied AS SELECT id FROM sessions WHERE unit_id = ?1 \
         ORDER BY scheduled_at LIMIT ?2",
        params![unit, more as i64],
    )?;
    tx.execute_batch(
        "INSERT INTO sessions (id, unit_id, kind, scheduled_at, planned_minutes, setting, status, mode, transport) \
           SELECT 'more-' || id, unit_id, kind, strftime('%Y-%m-%dT%H:%M:%SZ', scheduled_at, '+3 days'), \
             planned_minutes, setting, status, mode, transport FROM sessions WHERE id IN copied; \
         INSERT INTO session_attendees (session_id, person_id, position, doses) \
           SELECT 'more-' || session_id, person_id, position, doses FROM session_attendees \
           WHERE session_id IN copied; \
         INSERT INTO clock_events (id, session_id, kind, person_id, at) \
           SELECT 'more-' || id, 'more-' || session_id, kind, person_id, \
             strftime('%Y-%m-%dT%H:%M:%SZ', at, '+3 days') FROM clock_events WHERE session_id IN copied; \
         INSERT INTO notes (session_id, fields, updated_at, signed_at) \
           SELECT 'more-' || session_id, fields, updated_at, signed_at FROM notes WHERE session_id IN copied; \
         DROP TABLE copied;",
    )?;
    tx.commit()?;
    Ok(())
}

/// A practice of `sessions` sessions written as the whole decade's are (notes of clinical prose,
/// addenda, reflections), for tests that need its text but not its size.
pub fn with_prose(vault: &mut Vault, now: DateTime<Utc>, sessions: usize) -> Result<Seeded> {
    practice(vault, now, sessions, true)
}

fn practice(vault: &mut Vault, now: DateTime<Utc>, sessions: usize, prose: bool) -> Result<Seeded> {
    let zone = Zone::Named(ZONE.parse().unwrap_or(chrono_tz::America::Phoenix));
    let tx = vault.conn_mut().transaction()?;
    tx.execute(
        "UPDATE settings SET time_zone = ?1, last_backup_at = ?2 WHERE id = 1",
        params![ZONE, crate::store::sessions::instant(now)],
    )?;
    tx.execute("UPDATE practice SET license_state = 'AZ' WHERE id = 1", [])?;
    let mut w = Writer {
        tx: &tx,
        zone,
        today: zone.date_of(now),
    };
    background(&tx, &w, sessions, prose)?;
    if prose {
        super::decade::write(&tx, w.today)?;
    }
    for k in 0..OPEN_UNITS {
        for person in [2 * k, 2 * k + 1] {
            if person != 16 && person != 18 {
                w.clearance(person, 200)?;
            }
            if person != 20 {
                w.consent(person, "kap_informed_consent", None)?;
            }
            w.phq9(person, -60, 0)?;
        }
    }
    let mut expected: Vec<(&'static str, String)> = Vec::new();

    // PHQ-9 item 9: listed when the latest says so, not when a later one answers "Not at all".
    w.phq9(0, -1, 1)?;
    expected.push((
        "self_harm",
        format!("{} answered \u{201c}Several days\u{201d}", person_name(0)),
    ));
    w.phq9(2, -10, 2)?;
    w.phq9(2, -3, 0)?;

    // Overrides: listed until the follow-up is recorded.
    for (k, followed_up) in [(2, false), (3, true)] {
        let id = w.session(k, "dosing", -6, IN_ORDER)?;
        w.session(k, "integration", -5, IN_ORDER)?;
        tx.execute(
            "UPDATE sessions SET override_reason = 'Clearance renewal faxed; prescriber confirmed by phone', \
             override_failed = '[\"Every dosing partner has a current medical clearance for this setting\"]', \
             override_at = scheduled_at, override_reviewed_at = ?2 WHERE id = ?1",
            params![id, followed_up.then(|| crate::store::sessions::instant(now))],
        )?;
    }
    expected.push((
        "open_override",
        format!("{}, dosing of {}", unit_name(2), w.day(-6)),
    ));

    // Dosings and their integrations.
    w.session(4, "dosing", -5, IN_ORDER)?;
    expected.push((
        "dosing_without_integration",
        format!("{}, dosing of {}: no integration", unit_name(4), w.day(-5)),
    ));
    w.session(5, "dosing", -10, IN_ORDER)?;
    w.session(5, "integration", -8, IN_ORDER)?;
    w.session(6, "dosing", 7, IN_ORDER)?;
    w.session(6, "integration", 12, IN_ORDER)?;
    expected.push((
        "dosing_without_integration",
        format!(
            "{}, dosing of {}: the next integration is on {}",
            unit_name(6),
            w.day(7),
            w.day(12)
        ),
    ));
    w.session(7, "dosing", -20, IN_ORDER)?; // older than the lookback: history

    // Clearances: the latest decides; closed relationships are not in care.
    w.clearance(16, 10)?;
    expected.push((
        "clearance_expiring",
        format!(
            "{}'s medical clearance ends on {} (11 days left)",
            person_name(16),
            w.day(10)
        ),
    ));
    w.clearance(18, -100)?;
    w.clearance(18, 300)?;
    w.clearance(100, -30)?;

    // Consents.
    w.consent(20, "kap_informed_consent", Some(20))?;
    expected.push((
        "consent_expiring",
        format!(
            "{}'s KAP informed consent ends on {} (21 days left)",
            person_name(20),
            w.day(20)
        ),
    ));
    w.consent(22, "telehealth", Some(-5))?;
    expected.push((
        "consent_expiring",
        format!(
            "{}'s telehealth consent expired on {}",
            person_name(22),
            w.day(-5)
        ),
    ));
    w.consent(24, "telehealth", Some(-5))?;
    // Renewed ten days ago: the renewal decides.
    w.consent_signed(24, "telehealth", -10, Some(200))?;

    // Licensure.
    tx.execute(
        "UPDATE persons SET state_of_residence = 'NV' WHERE id IN (?1, ?2)",
        params![person_id(26), person_id(102)],
    )?;
    expected.push((
        "unlicensed_state",
        format!("{} lives in NV", person_name(26)),
    ));

    // Notes.
    w.session(
        13,
        "couples_session",
        -3,
        Held {
            signed: false,
            paid: true,
        },
    )?;
    tx.execute(
        "INSERT INTO notes (session_id, fields, updated_at) SELECT id, '{}', scheduled_at FROM sessions \
         WHERE unit_id = ?1 AND status = 'completed' AND id NOT IN (SELECT session_id FROM notes)",
        [unit_id(13)],
    )?;
    expected.push((
        "unsigned_note",
        format!(
            "{}, couples session of {}: not signed (3 days ago)",
            unit_name(13),
            w.day(-3)
        ),
    ));
    w.session(
        14,
        "couples_session",
        -1,
        Held {
            signed: false,
            paid: true,
        },
    )?;
    expected.push((
        "unsigned_note",
        format!(
            "{}, couples session of {}: not signed (1 day ago)",
            unit_name(14),
            w.day(-1)
        ),
    ));

    // Payments: nothing paid, unless a package bought before covers it.
    w.session(
        15,
        "couples_session",
        -4,
        Held {
            signed: true,
            paid: false,
        },
    )?;
    expected.push((
        "unpaid",
        format!(
            "{}: 1 session held with no payment recorded, the first on {}",
            unit_name(15),
            w.day(-4)
        ),
    ));
    tx.execute("INSERT INTO packages (id, name, kind, sessions, cents) VALUES ('pkg', 'Ten sessions', 'couples_session', 10, 200000)", [])?;
    tx.execute(
        "INSERT INTO package_purchases (id, package_id, unit_id, bought_on) VALUES ('buy', 'pkg', ?1, ?2)",
        params![unit_id(16), w.day(-30)],
    )?;
    w.session(
        16,
        "couples_session",
        -4,
        Held {
            signed: true,
            paid: false,
        },
    )?;

    // Superbills for last month: for clients with insurance and a diagnosis.
    let this_month = chrono::Datelike::with_day(&w.today, 1).unwrap_or(w.today);
    let last_month_day = (this_month - Duration::days(16) - w.today).num_days();
    for (k, issued) in [(17, false), (18, true)] {
        let person = 2 * k;
        tx.execute(
            "UPDATE persons SET insurance_payer = 'Aetna', insurance_member_id = 'W123' WHERE id = ?1",
            [person_id(person)],
        )?;
        tx.execute(
            "INSERT INTO diagnoses (id, person_id, code, diagnosed_on, is_primary) VALUES (?1, ?2, 'F43.23', ?3, 1)",
            params![new_id(), person_id(person), w.day(-400)],
        )?;
        w.session(k, "couples_session", last_month_day, IN_ORDER)?;
        if issued {
            let first = chrono::Datelike::with_day(&(this_month - Duration::days(1)), 1)
                .unwrap_or(this_month);
            let content = issued_content(&person_id(person), first, this_month - Duration::days(1));
            tx.execute(
                "INSERT INTO superbills (number, person_id, from_date, to_date, issued_at, content) \
                 VALUES ((SELECT coalesce(max(number), 0) + 1 FROM superbills), ?1, ?2, ?3, ?4, ?5)",
                params![person_id(person), first, this_month - Duration::days(1), crate::store::sessions::instant(now), content],
            )?;
        }
    }
    expected.push((
        "superbill_not_issued",
        format!("{}: 1 session in", person_name(34)),
    ));

    let sessions: i64 = tx.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?;
    let sessions = usize::try_from(sessions).unwrap_or(0);
    tx.commit()?;
    Ok(Seeded { expected, sessions })
}
