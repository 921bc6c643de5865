//! The demo's completed program arc: Rivera–Chen from intake to a solo dosing (Alex journeys,
//! Jordan witnesses) and a dyadic psychedelic one, each integrated the next day, with doses,
//! vitals, signed notes and both partners' reflections. The sessions run on the real clock
//! API, so their minutes and gates are what the app computes.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::ago;
use crate::error::Result;
use crate::model::{
    CalledOff, CancelledBy, ClockEventKind, DischargeCheck, Dose, DosingMode, GivenWhere, Person,
    Reflection, Route, Session, SessionKind, SessionStatus, Setting, Unit, Vitals,
};
use crate::rules::notes;
use crate::store::sessions;
use crate::vault::Vault;

/// 10:00 in Phoenix (UTC−7 all year) on a day.
fn ten_in_phoenix(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(17, 0, 0).unwrap_or_default().and_utc()
}

/// What the demo's notes say, by field (a partner's sections add their name).
fn text(field: &str) -> &'static str {
    match field {
        "history" => "Together nine years; Jordan's layoff in spring; nightly arguments since.",
        "intentions" | "intention" => "To stay with each other in the hard moments instead of leaving the room.",
        "readiness" => "Both curious and cautious; no prior psychedelic use; good supports.",
        "assessment" => "Anxious-preoccupied under stress; sleep poor; no risk indicators.",
        "feedback" => "Shared the pursue–withdraw cycle map; both recognised it at once.",
        "goals" => "Fewer escalations at night; a weekly repair conversation.",
        "agreements" => "No leaving mid-session; the sober partner stays; no decisions for 48 hours.",
        "journeyer" => "Alex met an image of herself at nine, waiting by a window; wept, then softened.",
        "witness" => "Jordan held her hand and said little; later: \"I didn't know you still waited.\"",
        "journey" => "Inward; images of water; a long stillness in the second hour.",
        "sharing" => "Each told the other what they had seen; tender, slow, no fixing.",
        "integration" => "They named one new agreement and practised the repair script.",
        "interventions" => "Somatic grounding before the dose; EFT enactment afterwards; psychoeducation on integration.",
        "risk" => "No risk to self or others; discharged oriented and steady.",
        "plan" => "Integration tomorrow; check in by phone in the morning.",
        "presentation" => "Both arrived on time, calm, a little tired.",
        _ => "Noted.",
    }
}

struct Arc<'a> {
    vault: &'a mut Vault,
    unit: &'a Unit,
    partners: [&'a Person; 2],
}

impl Arc<'_> {
    fn book(
        &mut self,
        kind: SessionKind,
        day: NaiveDate,
        mode: Option<DosingMode>,
        dosers: &[&Person],
    ) -> Result<Session> {
        sessions::save_session(
            self.vault,
            &Session {
                id: String::new(),
                unit_id: Some(self.unit.id.clone()),
                person_id: None,
                kind,
                scheduled_at: ten_in_phoenix(day),
                planned_minutes: match kind {
                    SessionKind::Dosing => 180,
                    SessionKind::JointIntake => 90,
                    _ => 60,
                },
                setting: Setting::Office,
                attendees: self.partners.iter().map(|p| p.id.clone()).collect(),
                status: SessionStatus::Scheduled,
                mode,
                dosing_partners: dosers.iter().map(|p| p.id.clone()).collect(),
                supporters: if mode == Some(DosingMode::Solo) {
                    "Jordan (sober, witnessing)".into()
                } else {
                    String::new()
                },
                transport: if kind == SessionKind::Dosing {
                    "Alex's sister Marisol drives them home".into()
                } else {
                    String::new()
                },
                gate_override: None,
                called_off: None,
            },
        )
    }

    /// Holds a session: clock, the dosing's records, a signed note.
    fn hold(&mut self, s: &Session, minutes: i64) -> Result<()> {
        let start = s.scheduled_at;
        let at = |m: i64| start + Duration::minutes(m);
        sessions::record_clock(self.vault, &s.id, ClockEventKind::Start, None, start, None)?;
        for (i, p) in self.partners.iter().enumerate() {
            if !s.dosing_partners.contains(&p.id) {
                continue;
            }
            let given = at(10 + i as i64);
            sessions::add_dose(
                self.vault,
                &Dose {
                    id: String::new(),
                    session_id: s.id.clone(),
                    person_id: p.id.clone(),
                    medication: "ketamine".into(),
                    milligrams: if s.mode == Some(DosingMode::Solo) {
                        75.0
                    } else {
                        60.0
                    },
                    route: Route::Im,
                    lot: "K-2291".into(),
                    given_at: given,
                    given_where: GivenWhere::Office,
                },
            )?;
            for (kind, after) in [
                (ClockEventKind::DoseGiven, 0),
                (ClockEventKind::Onset, 4),
                (ClockEventKind::Peak, 9),
                (ClockEventKind::Baseline, 95),
            ] {
                sessions::record_clock(
                    self.vault,
                    &s.id,
                    kind,
                    Some(&p.id),
                    given + Duration::minutes(after),
                    None,
                )?;
            }
            for (n, (sys, dia, hr)) in [(124, 80, 72), (146, 92, 88), (138, 86, 80), (126, 82, 74)]
                .into_iter()
                .enumerate()
            {
                sessions::add_vitals(
                    self.vault,
                    &Vitals {
                        id: String::new(),
                        session_id: s.id.clone(),
                        person_id: p.id.clone(),
                        taken_at: at(5 + 40 * n as i64),
                        systolic: sys,
                        diastolic: dia,
                        heart_rate: hr,
                        spo2: 98,
                        resp_rate: None,
                        temperature_c: None,
                    },
                )?;
            }
        }
        if !s.dosing_partners.is_empty() {
            sessions::record_clock(self.vault, &s.id, ClockEventKind::Pause, None, at(60), None)?;
            sessions::record_clock(
                self.vault,
                &s.id,
                ClockEventKind::Resume,
                None,
                at(70),
                None,
            )?;
            for p in self.partners {
                sessions::record_clock(
                    self.vault,
                    &s.id,
                    ClockEventKind::Discharge,
                    Some(&p.id),
                    at(minutes - 2),
                    None,
                )?;
                sessions::add_discharge_check(
                    self.vault,
                    &DischargeCheck {
                        id: String::new(),
                        session_id: s.id.clone(),
                        person_id: p.id.clone(),
                        at: at(minutes - 2),
                        oriented: true,
                        steady: true,
                        escort_present: true,
                        escort: "Marisol Rivera".into(),
                    },
                )?;
            }
        }
        sessions::record_clock(
            self.vault,
            &s.id,
            ClockEventKind::End,
            None,
            at(minutes),
            None,
        )?;
        let mut fields = BTreeMap::new();
        for f in notes::template(s.kind, s.mode) {
            if f.per_partner {
                for id in notes::section_partners(s) {
                    fields.insert(notes::key(f, Some(id)), text(f.id).to_owned());
                }
            } else {
                fields.insert(f.id.to_owned(), text(f.id).to_owned());
            }
        }
        sessions::save_note(self.vault, &s.id, &fields, at(minutes + 20))?;
        sessions::sign_note(self.vault, &s.id, at(minutes + 30))?;
        Ok(())
    }

    fn reflect(
        &mut self,
        dosing: &Session,
        integration: &Session,
        words: [[&str; 5]; 2],
    ) -> Result<()> {
        for (p, w) in self.partners.iter().zip(words) {
            sessions::save_reflection(
                self.vault,
                &Reflection {
                    id: String::new(),
                    person_id: p.id.clone(),
                    dosing_session_id: dosing.id.clone(),
                    integration_session_id: Some(integration.id.clone()),
                    written_on: integration.scheduled_at.date_naive(),
                    emerged: w[0].into(),
                    emotions: w[1].into(),
                    body: w[2].into(),
                    commitments: w[3].into(),
                    questions: w[4].into(),
                },
            )?;
        }
        Ok(())
    }
}

/// Rivera–Chen's arc, ending ten days before `today`.
pub(super) fn rivera_chen(
    vault: &mut Vault,
    today: NaiveDate,
    unit: &Unit,
    alex: &Person,
    jordan: &Person,
) -> Result<()> {
    let mut arc = Arc {
        vault,
        unit,
        partners: [alex, jordan],
    };
    for (kind, days_ago, minutes) in [
        (SessionKind::JointIntake, 38, 85),
        (SessionKind::IndividualAssessment, 34, 55),
        (SessionKind::FeedbackAndGoals, 30, 58),
        (SessionKind::Preparation, 26, 60),
    ] {
        let s = arc.book(kind, ago(today, days_ago), None, &[])?;
        arc.hold(&s, minutes)?;
    }
    let solo = arc.book(
        SessionKind::Dosing,
        ago(today, 21),
        Some(DosingMode::Solo),
        &[alex],
    )?;
    arc.hold(&solo, 175)?;
    let first = arc.book(SessionKind::Integration, ago(today, 20), None, &[])?;
    arc.hold(&first, 55)?;
    arc.reflect(
        &solo,
        &first,
        [
            [
                "The girl at the window was me, still waiting to be chosen.",
                "Grief, then relief",
                "Warmth in the chest; shoulders dropped",
                "Ask for reassurance before the fear turns into anger",
                "Can I wait less for Jordan to notice?",
            ],
            [
                "How long she has been waiting for me.",
                "Tenderness; some guilt",
                "Tight throat while she cried",
                "Say out loud when I see her reaching",
                "How do I stay when I want to fix it?",
            ],
        ],
    )?;
    let dyadic = arc.book(
        SessionKind::Dosing,
        ago(today, 10),
        Some(DosingMode::DyadicPsychedelic),
        &[alex, jordan],
    )?;
    arc.hold(&dyadic, 180)?;
    let second = arc.book(SessionKind::Integration, ago(today, 9), None, &[])?;
    arc.hold(&second, 58)?;
    arc.reflect(
        &dyadic,
        &second,
        [
            [
                "Water, and the two of us floating without holding on.",
                "Calm; a little afraid of the calm",
                "Breath slow and low",
                "A weekly repair talk on Sundays",
                "What do we each need to feel chosen?",
            ],
            [
                "That I leave the room to protect her from me.",
                "Sadness, then lightness",
                "Hands open",
                "Stay in the room for ten minutes before a break",
                "Can I be angry without leaving?",
            ],
        ],
    )
}

/// The couples session they called off on the morning of it (childcare fell through), after
/// the fee schedule is set: late, so the demo's books carry a late-cancellation fee.
pub(super) fn late_cancellation(
    vault: &mut Vault,
    today: NaiveDate,
    unit: &Unit,
    alex: &Person,
    jordan: &Person,
) -> Result<()> {
    let mut arc = Arc {
        vault,
        unit,
        partners: [alex, jordan],
    };
    let s = arc.book(SessionKind::CouplesSession, ago(today, 15), None, &[])?;
    let told = s.scheduled_at - Duration::hours(3);
    sessions::call_off(
        arc.vault,
        &s.id,
        SessionStatus::Cancelled,
        &CalledOff {
            reason: "Childcare fell through".into(),
            by: CancelledBy::Client,
            at: told,
            fee: None,
            fee_waived: false,
        },
        told,
    )?;
    Ok(())
}
