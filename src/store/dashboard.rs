//! The dashboard: today's and this week's sessions in the practice's zone, and what needs
//! attention. Each kind of item ([`rules::attention::CONCERNS`]) is found by one query that
//! returns only the rows needing attention, never by loading every record.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::practice;
use super::sessions::{list_between, ListedSession};
use crate::backup::automatic::{self, BackupState};
use crate::billing::estimate::{overage, Overage};
use crate::error::Result;
use crate::measures;
use crate::model::Instrument;
use crate::rules::agenda::INTEGRATION_WITHIN_DAYS;
use crate::rules::attention::{self, Concern};
use crate::vault::Vault;
use crate::zone::Zone;

/// Where an item is fixed: one click away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Go {
    /// A session's screen.
    Session {
        /// The session.
        session_id: String,
    },
    /// A relationship's chart.
    Unit {
        /// The relationship.
        unit_id: String,
    },
    /// A person: their relationship's chart (if they have one) or their details.
    Person {
        /// The person.
        person_id: String,
        /// A relationship they are in.
        unit_id: Option<String>,
    },
    /// A person's measures and plots.
    Measures {
        /// The person.
        person_id: String,
    },
    /// The Billing screen.
    Billing,
    /// Settings › Backups.
    Backups,
}

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttentionItem {
    /// Its kind's code ([`attention::CONCERNS`]).
    pub concern: &'static str,
    /// The sentence, naming who and when.
    pub message: String,
    /// Where it is fixed.
    pub go: Go,
    /// The day it became due, when that means something (a note's session day, an
    /// expiry, a dosing).
    pub since: Option<NaiveDate>,
}

/// One kind of item with its items (kinds with nothing to show are left out; a current backup
/// is the dashboard's `backup` summary instead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttentionGroup {
    /// The kind.
    pub concern: Concern,
    /// Its items.
    pub items: Vec<AttentionItem>,
}

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    /// The practice's time zone ("America/Phoenix"; empty: this computer's).
    pub zone: String,
    /// Today, in the practice's zone.
    pub today: NaiveDate,
    /// Monday of this week.
    pub week_from: NaiveDate,
    /// Today's sessions.
    pub today_sessions: Vec<ListedSession>,
    /// This week's sessions (Monday to Sunday), today's included.
    pub week_sessions: Vec<ListedSession>,
    /// What needs attention, safety first.
    pub attention: Vec<AttentionGroup>,
    /// Where backups stand.
    pub backup: BackupState,
}

/// Dates and instants every attention query needs.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// Now.
    pub now: DateTime<Utc>,
    /// Today in the practice's zone.
    pub today: NaiveDate,
    zone: Zone,
}

impl Clock {
    /// The clock of this vault's practice at `now`.
    pub fn of(vault: &Vault, now: DateTime<Utc>) -> Result<Clock> {
        Ok(Clock::at(&practice::read_settings(vault.conn())?, now))
    }

    fn at(settings: &crate::model::Settings, now: DateTime<Utc>) -> Clock {
        let zone = Zone::of(settings);
        Clock {
            now,
            today: zone.date_of(now),
            zone,
        }
    }

    fn start(&self, day: NaiveDate) -> String {
        super::sessions::instant(self.zone.start_of(day))
    }

    /// The first instant a session keeps an individual client in care.
    fn in_care_from(&self) -> String {
        self.start(self.today - Duration::days(attention::IN_CARE_DAYS))
    }

    /// The last day an expiry is listed ahead of.
    fn expiry_horizon(&self) -> NaiveDate {
        self.today + Duration::days(attention::EXPIRING_WITHIN_DAYS)
    }
}

/// The dashboard as of `now`.
pub fn dashboard(vault: &Vault, now: DateTime<Utc>) -> Result<Dashboard> {
    let settings = practice::read_settings(vault.conn())?;
    let clock = Clock::at(&settings, now);
    let today = clock.today;
    let week_from = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let day_start = clock.zone.start_of(today);
    let day_end = clock.zone.start_of(today + Duration::days(1));
    let week_sessions = list_between(
        vault,
        clock.zone.start_of(week_from),
        clock.zone.start_of(week_from + Duration::days(7)),
    )?;
    let today_sessions = week_sessions
        .iter()
        .filter(|s| s.session.scheduled_at >= day_start && s.session.scheduled_at < day_end)
        .cloned()
        .collect();
    let backup = automatic::state(vault, now)?;
    let mut attention = attention_list(vault, &clock)?;
    if backup.stale {
        attention.push(AttentionGroup {
            concern: *attention::concern("backup"),
            items: vec![AttentionItem {
                concern: "backup",
                message: backup.summary.clone(),
                go: Go::Backups,
                since: None,
            }],
        });
    }
    Ok(Dashboard {
        zone: settings.time_zone,
        today,
        week_from,
        today_sessions,
        week_sessions,
        attention,
        backup,
    })
}

/// The kinds the store looks for, each with its one query, in the rules' order.
const FINDERS: [(&str, Finder); 12] = [
    ("self_harm", self_harm),
    ("open_override", open_overrides),
    ("dosing_without_integration", dosings_without_integration),
    ("clearance_expiring", clearances_expiring),
    ("consent_expiring", consents_expiring),
    ("release_expiring", releases_expiring),
    ("unlicensed_state", unlicensed),
    ("unsigned_note", unsigned_notes),
    ("plan_review_due", plan_reviews_due),
    ("unpaid", unpaid),
    ("estimate_exceeded", estimates_exceeded),
    ("superbill_not_issued", superbills_not_issued),
];

/// Every kind's items, safety first; kinds with nothing to show are left out. One query each.
pub fn attention_list(vault: &Vault, clock: &Clock) -> Result<Vec<AttentionGroup>> {
    let mut groups = Vec::new();
    for (code, find) in FINDERS {
        let items = find(vault.conn(), clock)?;
        if !items.is_empty() {
            groups.push(AttentionGroup {
                concern: *attention::concern(code),
                items,
            });
        }
    }
    Ok(groups)
}

/// One kind's items (for measuring each query on its own); none for a code without a query.
pub fn attention_of(vault: &Vault, clock: &Clock, code: &str) -> Result<Vec<AttentionItem>> {
    match FINDERS.iter().find(|(c, _)| *c == code) {
        Some((_, find)) => find(vault.conn(), clock),
        None => Ok(Vec::new()),
    }
}

/// The codes of the kinds found by a query (every kind but backups).
pub fn attention_codes() -> impl Iterator<Item = &'static str> {
    FINDERS.iter().map(|(c, _)| *c)
}

type Finder = fn(&Connection, &Clock) -> Result<Vec<AttentionItem>>;

const NAME: &str = super::clients::DISPLAY_NAME;

/// Clients in care: partners in a relationship that is not closed, and individual clients
/// with a session in the last [`attention::IN_CARE_DAYS`] days or booked ahead. `?1` is the
/// first instant that counts.
const IN_CARE: &str = "in_care (person_id) AS ( \
    SELECT m.person_id FROM memberships m JOIN units u ON u.id = m.unit_id \
      WHERE u.status <> 'closed' \
    UNION \
    SELECT s.person_id FROM sessions s \
      WHERE s.person_id IS NOT NULL AND s.status <> 'cancelled' AND s.scheduled_at >= ?1)";

fn first_unit(person: &str) -> String {
    format!("(SELECT unit_id FROM memberships WHERE person_id = {person} ORDER BY unit_id LIMIT 1)")
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn parse_at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

fn self_harm(conn: &Connection, _clock: &Clock) -> Result<Vec<AttentionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.person_id, {NAME}, l.given_on, l.answers FROM ( \
           SELECT person_id, given_on, answers, self_harm, row_number() OVER ( \
             PARTITION BY person_id ORDER BY given_on DESC, id DESC) AS n \
           FROM measures WHERE instrument = 'phq9' AND entered_in_error IS NULL) l \
         JOIN persons p ON p.id = l.person_id \
         WHERE l.n = 1 AND l.self_harm = 1 ORDER BY l.given_on"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person_id, name, given_on, answers) = row?;
        let answers: Vec<Option<u8>> = serde_json::from_str(&answers).unwrap_or_default();
        let answer = measures::score(Instrument::Phq9, &answers)
            .ok()
            .and_then(|s| s.self_harm)
            .unwrap_or("above zero");
        let alert = measures::SelfHarm {
            measure_id: String::new(),
            given_on,
            answer,
        };
        out.push(AttentionItem {
            concern: "self_harm",
            message: alert.message(&name),
            go: Go::Measures { person_id },
            since: Some(given_on),
        });
    }
    Ok(out)
}

/// The title of a session, after [`SESSION_JOINS`]: its relationship's or its person's name.
fn title() -> String {
    format!("COALESCE(u.name, {NAME}, '')")
}
const SESSION_JOINS: &str =
    "LEFT JOIN units u ON u.id = s.unit_id LEFT JOIN persons p ON p.id = s.person_id";

fn open_overrides(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, {}, s.scheduled_at, s.override_failed FROM sessions s {SESSION_JOINS} \
         WHERE s.override_reason IS NOT NULL AND s.override_reviewed_at IS NULL \
         ORDER BY s.scheduled_at",
        title()
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, title, at, failed) = row?;
        let day = clock.zone.date_of(parse_at(&at));
        // The gates as they read when she went ahead.
        let names: Vec<String> = failed
            .and_then(|f| serde_json::from_str(&f).ok())
            .unwrap_or_default();
        out.push(AttentionItem {
            concern: "open_override",
            message: format!(
                "{title}, dosing of {day}: started over {} ({}). Record the follow-up.",
                if names.len() == 1 {
                    "a failed gate"
                } else {
                    "failed gates"
                },
                names.join("; ")
            ),
            go: Go::Session { session_id: id },
            since: Some(day),
        });
    }
    Ok(out)
}

fn dosings_without_integration(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // The next live integration after each recent or booked dosing, in one pass; whether it
    // falls within 2 days is a question of calendar days in the practice's zone.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, {}, s.scheduled_at, ( \
           SELECT min(i.scheduled_at) FROM sessions i \
           WHERE i.kind = 'integration' AND i.status NOT IN ('cancelled', 'no_show') \
             AND i.scheduled_at > s.scheduled_at \
             AND ((s.unit_id IS NOT NULL AND i.unit_id = s.unit_id) \
               OR (s.person_id IS NOT NULL AND i.person_id = s.person_id))) \
         FROM sessions s {SESSION_JOINS} \
         WHERE s.kind = 'dosing' AND s.status NOT IN ('cancelled', 'no_show') \
           AND s.scheduled_at >= ?1 \
         ORDER BY s.scheduled_at",
        title()
    ))?;
    let from = clock.start(clock.today - Duration::days(attention::DOSINGS_LOOKBACK_DAYS));
    let rows = stmt.query_map([from], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, title, at, next) = row?;
        let day = clock.zone.date_of(parse_at(&at));
        let next_day = next.map(|n| clock.zone.date_of(parse_at(&n)));
        if next_day.is_some_and(|n| (n - day).num_days() <= INTEGRATION_WITHIN_DAYS) {
            continue;
        }
        let message = match next_day {
            None => format!("{title}, dosing of {day}: no integration session is booked after it."),
            Some(n) => format!(
                "{title}, dosing of {day}: the next integration is on {n}, more than {INTEGRATION_WITHIN_DAYS} days after."
            ),
        };
        out.push(AttentionItem {
            concern: "dosing_without_integration",
            message,
            go: Go::Session { session_id: id },
            since: Some(day),
        });
    }
    Ok(out)
}

fn expiry_message(name: &str, what: &str, until: NaiveDate, today: NaiveDate) -> String {
    format!(
        "{name}'s {what} {}.",
        crate::rules::expiry::ends(until, today)
    )
}

fn clearances_expiring(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // The latest clearance decides: a renewed one replaces the old.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {IN_CARE} \
         SELECT p.id, {NAME}, max(c.valid_until) AS until, {} \
         FROM clearances c JOIN persons p ON p.id = c.person_id \
         WHERE c.person_id IN (SELECT person_id FROM in_care) \
         GROUP BY p.id HAVING until <= ?2 ORDER BY until",
        first_unit("p.id")
    ))?;
    let rows = stmt.query_map(params![clock.in_care_from(), clock.expiry_horizon()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (person_id, name, until, unit_id) = row?;
        Ok(AttentionItem {
            concern: "clearance_expiring",
            message: expiry_message(&name, "medical clearance", until, clock.today),
            go: Go::Person { person_id, unit_id },
            since: Some(until),
        })
    })
    .collect()
}

fn releases_expiring(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // Per client in care and recipient, the release that runs longest decides (a renewal
    // replaces the old one); a revoked release is her client's choice, not a reminder.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {IN_CARE} \
         SELECT p.id, {NAME}, rc.name, max(r.valid_until) AS until, {} \
         FROM releases r JOIN persons p ON p.id = r.person_id \
         JOIN recipients rc ON rc.id = r.recipient_id \
         WHERE r.revoked_on IS NULL AND r.person_id IN (SELECT person_id FROM in_care) \
         GROUP BY p.id, rc.id HAVING until <= ?2 ORDER BY until",
        first_unit("p.id")
    ))?;
    let rows = stmt.query_map(params![clock.in_care_from(), clock.expiry_horizon()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (person_id, name, recipient, until, unit_id) = row?;
        Ok(AttentionItem {
            concern: "release_expiring",
            message: expiry_message(
                &name,
                &format!("release to {recipient}"),
                until,
                clock.today,
            ),
            go: Go::Person { person_id, unit_id },
            since: Some(until),
        })
    })
    .collect()
}

fn consents_expiring(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {IN_CARE}, latest AS ( \
           SELECT person_id, kind, release_to, expires_on, row_number() OVER ( \
             PARTITION BY person_id, kind, release_to ORDER BY signed_on DESC, id DESC) AS n \
           FROM consents) \
         SELECT p.id, {NAME}, l.kind, l.release_to, l.expires_on, {} \
         FROM latest l JOIN persons p ON p.id = l.person_id \
         WHERE l.n = 1 AND l.expires_on IS NOT NULL AND l.expires_on <= ?2 \
           AND l.person_id IN (SELECT person_id FROM in_care) \
         ORDER BY l.expires_on",
        first_unit("p.id")
    ))?;
    let rows = stmt.query_map(params![clock.in_care_from(), clock.expiry_horizon()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, NaiveDate>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (person_id, name, kind, release_to, until, unit_id) = row?;
        let what = match kind.as_str() {
            "kap_informed_consent" => "KAP informed consent".to_owned(),
            "telehealth" => "telehealth consent".to_owned(),
            _ => format!("release of information to {release_to}"),
        };
        Ok(AttentionItem {
            concern: "consent_expiring",
            message: expiry_message(&name, &what, until, clock.today),
            go: Go::Person { person_id, unit_id },
            since: Some(until),
        })
    })
    .collect()
}

fn unlicensed(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    let profile = practice::read_profile(conn)?;
    let settings = practice::read_settings(conn)?;
    let licensed: Vec<String> = std::iter::once(profile.license_state)
        .chain(settings.licensed_states)
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    let licensed = serde_json::to_string(&licensed).unwrap_or_else(|_| "[]".to_owned());
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {IN_CARE} \
         SELECT p.id, {NAME}, upper(trim(p.state_of_residence)), {}, EXISTS ( \
           SELECT 1 FROM session_attendees a JOIN sessions s ON s.id = a.session_id \
           WHERE a.person_id = p.id AND s.status = 'scheduled' \
             AND s.setting <> 'office' AND s.scheduled_at >= ?3) \
         FROM persons p \
         WHERE p.id IN (SELECT person_id FROM in_care) AND trim(p.state_of_residence) <> '' \
           AND upper(trim(p.state_of_residence)) NOT IN (SELECT value FROM json_each(?2)) \
         ORDER BY 2",
        first_unit("p.id")
    ))?;
    let rows = stmt.query_map(
        params![
            clock.in_care_from(),
            licensed,
            super::sessions::instant(clock.now)
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
            ))
        },
    )?;
    rows.map(|row| {
        let (person_id, name, state, unit_id, remote_booked) = row?;
        Ok(AttentionItem {
            concern: "unlicensed_state",
            message: if remote_booked {
                format!("{name} lives in {state}, where you hold no license, and has a remote session booked.")
            } else {
                format!("{name} lives in {state}, where you hold no license: sessions in the office only.")
            },
            go: Go::Person { person_id, unit_id },
            since: None,
        })
    })
    .collect()
}

/// Completed sessions whose note is not signed (`note_signed_at` mirrors `notes.signed_at`; see
/// migration 0007), through a partial index that holds only them.
fn unsigned_notes(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, {}, s.scheduled_at, s.kind FROM sessions s {SESSION_JOINS} \
         WHERE s.status = 'completed' AND s.note_signed_at IS NULL \
         ORDER BY s.scheduled_at",
        title()
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (id, title, at, kind) = row?;
        let day = clock.zone.date_of(parse_at(&at));
        let age = (clock.today - day).num_days();
        let kind = super::text_enum::<crate::model::SessionKind>(kind)?
            .label()
            .to_lowercase();
        Ok(AttentionItem {
            concern: "unsigned_note",
            message: format!(
                "{title}, {kind} of {day}: not signed{}.",
                match age {
                    0 => " (today)".to_owned(),
                    n => format!(" ({n} day{} ago)", plural(n)),
                }
            ),
            go: Go::Session { session_id: id },
            since: Some(day),
        })
    })
    .collect()
}

fn unpaid(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // A held session with no payment applied to it (`paid_cents`, kept by triggers, and a
    // partial index of the completed sessions at zero), unless a package its relationship (or
    // person) bought before it covers its kind, or the practice charges nothing for its kind.
    // Partly paid sessions are on the Billing screen, which has every balance to the cent.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COALESCE(s.unit_id, s.person_id), {}, s.unit_id, s.person_id, \
           count(*), min(s.scheduled_at) \
         FROM sessions s {SESSION_JOINS} \
         WHERE s.status = 'completed' AND s.paid_cents = 0 \
           AND NOT EXISTS (SELECT 1 FROM package_purchases b JOIN packages k ON k.id = b.package_id \
             WHERE k.kind = s.kind AND b.bought_on <= substr(s.scheduled_at, 1, 10) \
               AND (b.unit_id = s.unit_id OR b.person_id = s.person_id)) \
           AND NOT EXISTS (SELECT 1 FROM kind_fees f WHERE f.kind = s.kind AND f.cents = 0) \
         GROUP BY 1 ORDER BY 6",
        title()
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (title, unit_id, person_id, count, first) = row?;
        let since = clock.zone.date_of(parse_at(&first));
        Ok(AttentionItem {
            concern: "unpaid",
            message: format!(
                "{title}: {count} session{} held with no payment recorded, the first on {since}.",
                plural(count)
            ),
            go: match (unit_id, person_id) {
                (Some(unit_id), _) => Go::Unit { unit_id },
                (None, Some(person_id)) => Go::Person {
                    person_id,
                    unit_id: None,
                },
                (None, None) => Go::Billing,
            },
            since: Some(since),
        })
    })
    .collect()
}

fn plan_reviews_due(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // The latest signed version of each plan of a relationship not closed, or of a person.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.unit_id, t.person_id, coalesce(u.name, {NAME}), t.review_on, t.version \
         FROM treatment_plans t LEFT JOIN units u ON u.id = t.unit_id \
         LEFT JOIN persons p ON p.id = t.person_id \
         WHERE t.signed_at IS NOT NULL AND t.review_on <= ?1 \
           AND (u.status IS NULL OR u.status <> 'closed') \
           AND t.version = (SELECT max(x.version) FROM treatment_plans x \
             WHERE coalesce(x.unit_id, x.person_id) = coalesce(t.unit_id, t.person_id) \
               AND x.signed_at IS NOT NULL) \
         ORDER BY t.review_on"
    ))?;
    let horizon = clock.today + Duration::days(crate::rules::plans::REVIEW_SOON_DAYS);
    let rows = stmt.query_map([horizon], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, NaiveDate>(3)?,
            r.get::<_, u32>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (unit_id, person_id, name, review_on, version) = row?;
        let when = match crate::rules::plans::review(review_on, clock.today) {
            crate::rules::plans::Review::Overdue { days } => {
                format!(
                    "was due for review on {review_on}, {days} day{} ago",
                    plural(days)
                )
            }
            _ => format!("is due for review on {review_on}"),
        };
        Ok(AttentionItem {
            concern: "plan_review_due",
            message: format!("{name}: the treatment plan (version {version}) {when}."),
            go: match (unit_id, person_id) {
                (Some(unit_id), _) => Go::Unit { unit_id },
                (None, Some(person_id)) => Go::Person {
                    person_id,
                    unit_id: None,
                },
                (None, None) => Go::Billing,
            },
            since: Some(review_on),
        })
    })
    .collect()
}

fn estimates_exceeded(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    // Charges are derived by the books, not stored: one query finds the current estimates
    // (few: one per client at most), then each one's books are read.
    let mut items = Vec::new();
    for s in crate::store::billing::standings(conn, clock.today)? {
        let e = &s.estimate.estimate;
        let n = s.estimate.number;
        let message = match overage(e.total, s.charged, s.next) {
            Overage::Within => continue,
            Overage::Exceeds { over } => format!(
                "{}: {} charged since {} is {over} over Good Faith Estimate No. {n} ({}); they may dispute the bill.",
                e.for_name, s.charged, e.from, e.total
            ),
            Overage::NextWouldExceed { on, after } => format!(
                "{}: the session on {on} would bring the charges to {after}, $400 or more over Good Faith Estimate No. {n} ({}).",
                e.for_name, e.total
            ),
        };
        items.push(AttentionItem {
            concern: "estimate_exceeded",
            message,
            go: match (&e.unit_id, e.persons.first()) {
                (Some(unit_id), _) => Go::Unit {
                    unit_id: unit_id.clone(),
                },
                (None, Some(p)) => Go::Person {
                    person_id: p.person_id.clone(),
                    unit_id: None,
                },
                (None, None) => Go::Billing,
            },
            since: Some(e.from),
        });
    }
    Ok(items)
}

fn superbills_not_issued(conn: &Connection, clock: &Clock) -> Result<Vec<AttentionItem>> {
    let this_month = clock.today.with_day(1).unwrap_or(clock.today);
    let first = (this_month - Duration::days(1))
        .with_day(1)
        .unwrap_or(this_month);
    // Sessions are stored in UTC; their calendar day is read at the zone's offset in the middle
    // of last month (a clock change moves no daytime session across midnight).
    let middle = clock.zone.start_of(first + Duration::days(14));
    let offset_minutes = (middle.naive_utc() - first.and_hms_opt(0, 0, 0).unwrap_or_default())
        .num_minutes()
        - 14 * 24 * 60;
    let shift = format!("{:+} minutes", -offset_minutes);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NAME}, count(*) FROM persons p \
         JOIN session_attendees a ON a.person_id = p.id \
         JOIN sessions s ON s.id = a.session_id \
         WHERE s.status = 'completed' AND s.scheduled_at >= ?1 AND s.scheduled_at < ?2 \
           AND trim(p.insurance_payer) <> '' \
           AND EXISTS (SELECT 1 FROM diagnoses d WHERE d.person_id = p.id) \
           AND NOT EXISTS (SELECT 1 FROM superbills b WHERE b.person_id = p.id \
             AND b.from_date <= date(s.scheduled_at, ?3) AND b.to_date >= date(s.scheduled_at, ?3)) \
         GROUP BY p.id ORDER BY 1"
    ))?;
    let rows = stmt.query_map(
        params![clock.start(first), clock.start(this_month), shift],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
    )?;
    let month = first.format("%B %Y").to_string();
    rows.map(|row| {
        let (name, count) = row?;
        Ok(AttentionItem {
            concern: "superbill_not_issued",
            message: format!(
                "{name}: {count} session{} in {month} not on any superbill.",
                plural(count)
            ),
            go: Go::Billing,
            since: Some(first),
        })
    })
    .collect()
}
