//! The safety gates of a dosing session (DOMAIN.md, "Safety gates"): each has a code, a name, a
//! reason the therapist reads, and a check that says who or what fails it. A dosing session
//! cannot start unless every gate holds, or the therapist overrides with a written reason.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::safety::{self, ClearanceState, ScreeningState};
use crate::measures;
use crate::model::{
    Clearance, ClearanceSetting, Consent, ConsentKind, DvResult, DvScreen, Measure, Screening,
    Session, SessionKind, SessionStatus, Setting,
};
use crate::zone::Zone;

/// One partner who takes the medicine, with the records the gates read.
#[derive(Debug, Clone, Copy)]
pub struct Doser<'a> {
    /// The name to say.
    pub name: &'a str,
    /// Their screenings.
    pub screenings: &'a [Screening],
    /// Their clearances.
    pub clearances: &'a [Clearance],
    /// Their consents.
    pub consents: &'a [Consent],
    /// Their measures: the latest PHQ-9's item 9 is a screening input.
    pub measures: &'a [Measure],
}

/// Everything the gates look at.
#[derive(Debug, Clone)]
pub struct GateInput<'a> {
    /// The session about to start.
    pub session: &'a Session,
    /// Its dosing partners.
    pub dosers: Vec<Doser<'a>>,
    /// The unit's domestic-violence screens.
    pub dv_screens: &'a [DvScreen],
    /// The unit's (or person's) other sessions.
    pub history: &'a [Session],
    /// Today, in the practice's time zone.
    pub today: NaiveDate,
    /// The practice's zone, for the dates a gate names.
    pub zone: Zone,
}

/// A gate.
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    /// Stable code.
    pub code: &'static str,
    /// What must hold.
    pub name: &'static str,
    /// Why, for the therapist.
    pub reason: &'static str,
    /// Only for dosing sessions (not a micro dose in an augmented session).
    pub dosing_only: bool,
    /// `None` when it holds; otherwise who or what fails it.
    pub check: fn(&GateInput<'_>) -> Option<String>,
}

/// A gate's verdict for one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GateCheck {
    /// The gate's code.
    pub code: &'static str,
    /// What must hold.
    pub name: &'static str,
    /// Why.
    pub reason: &'static str,
    /// Whether it holds.
    pub holds: bool,
    /// When it does not: who or what, in plain words.
    pub detail: String,
}

/// Every gate, in the order the screen lists them.
pub const GATES: &[Gate] = &[
    Gate {
        code: "screening_clear",
        name: "Every dosing partner is screened, with no exclusion present",
        reason: "Ketamine is not safe with an active crisis, suicidal thoughts (the screening, or the latest PHQ-9's item 9), psychosis, untreated substance use or a medical exclusion.",
        dosing_only: false,
        check: screening_clear,
    },
    Gate {
        code: "no_active_dv",
        name: "The relationship is screened, with no active domestic violence",
        reason: "A non-ordinary state beside a violent partner puts the other at risk.",
        dosing_only: false,
        check: no_active_dv,
    },
    Gate {
        code: "clearance_current",
        name: "Every dosing partner has a current medical clearance for this setting",
        reason: "The prescriber decides who may take ketamine, and where.",
        dosing_only: false,
        check: clearance_current,
    },
    Gate {
        code: "kap_consent",
        name: "Every dosing partner has signed the KAP informed consent",
        reason: "Informed consent comes before any dosing.",
        dosing_only: false,
        check: kap_consent,
    },
    Gate {
        code: "preparation_first",
        name: "A preparation session came before the first dosing",
        reason: "Intentions, grounding and safety agreements are set before the medicine.",
        dosing_only: true,
        check: preparation_first,
    },
    Gate {
        code: "integration_since_last_dosing",
        name: "An integration session since the previous dosing",
        reason: "Each dosing is integrated before the next.",
        dosing_only: true,
        check: integration_since_last_dosing,
    },
    Gate {
        code: "transport_recorded",
        name: "In the office: a driver or arranged transport is recorded",
        reason: "Nobody drives themselves home after ketamine.",
        dosing_only: false,
        check: transport_recorded,
    },
];

/// Every gate that applies to the session, with its verdict.
pub fn check(input: &GateInput<'_>) -> Vec<GateCheck> {
    GATES
        .iter()
        .filter(|g| !g.dosing_only || input.session.kind == SessionKind::Dosing)
        .map(|g| {
            let failure = (g.check)(input);
            GateCheck {
                code: g.code,
                name: g.name,
                reason: g.reason,
                holds: failure.is_none(),
                detail: failure.unwrap_or_default(),
            }
        })
        .collect()
}

fn joined(problems: Vec<String>) -> Option<String> {
    (!problems.is_empty()).then(|| problems.join(" "))
}

fn screening_clear(input: &GateInput<'_>) -> Option<String> {
    let screened =
        input
            .dosers
            .iter()
            .filter_map(|d| match safety::screening_state(d.screenings) {
                ScreeningState::Clear { .. } => None,
                ScreeningState::NotScreened => {
                    Some(format!("{} has no screening on file.", d.name))
                }
                ScreeningState::Excluded { exclusions, .. } => Some(format!(
                    "{}'s screening shows: {}.",
                    d.name,
                    exclusions
                        .iter()
                        .map(|c| safety::exclusion(c).map_or(c.as_str(), |e| e.name))
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            });
    let self_harm = input.dosers.iter().filter_map(|d| {
        measures::self_harm(d.measures).map(|alert| {
            format!(
                "{}'s latest PHQ-9 ({}) answers \u{201c}{}\u{201d} to thoughts of self-harm.",
                d.name, alert.given_on, alert.answer
            )
        })
    });
    joined(screened.chain(self_harm).collect())
}

fn no_active_dv(input: &GateInput<'_>) -> Option<String> {
    // An individual session has no relationship to screen.
    input.session.unit_id.as_ref()?;
    match input.dv_screens.iter().max_by_key(|s| s.screened_on) {
        None => Some("The relationship has no domestic-violence screen on file.".to_owned()),
        Some(s) if s.result == DvResult::Active => Some(format!(
            "The domestic-violence screen of {} found active violence.",
            s.screened_on
        )),
        Some(_) => None,
    }
}

fn clearance_current(input: &GateInput<'_>) -> Option<String> {
    let needed = match input.session.setting {
        Setting::Office => ClearanceSetting::InOfficeIm,
        _ => ClearanceSetting::AtHomeLozenges,
    };
    joined(
        input
            .dosers
            .iter()
            .filter_map(
                |d| match safety::clearance_state(d.clearances, input.today) {
                    ClearanceState::Current { setting, .. }
                    | ClearanceState::Expiring { setting, .. }
                        if setting == needed =>
                    {
                        None
                    }
                    ClearanceState::Current { .. } | ClearanceState::Expiring { .. } => {
                        Some(format!(
                            "{}'s clearance does not cover {}.",
                            d.name,
                            match needed {
                                ClearanceSetting::InOfficeIm => "a session in the office",
                                ClearanceSetting::AtHomeLozenges => "a session at home",
                            }
                        ))
                    }
                    ClearanceState::Missing => {
                        Some(format!("{} has no medical clearance.", d.name))
                    }
                    ClearanceState::Expired { valid_until } => Some(format!(
                        "{}'s medical clearance expired on {valid_until}.",
                        d.name
                    )),
                    ClearanceState::NotYetValid { from } => Some(format!(
                        "{}'s medical clearance only starts on {from}.",
                        d.name
                    )),
                },
            )
            .collect(),
    )
}

fn kap_consent(input: &GateInput<'_>) -> Option<String> {
    joined(
        input
            .dosers
            .iter()
            .filter(|d| {
                !safety::has_consent(d.consents, ConsentKind::KapInformedConsent, input.today)
            })
            .map(|d| format!("{} has not signed the KAP informed consent.", d.name))
            .collect(),
    )
}

fn completed_before<'a>(
    input: &'a GateInput<'_>,
    kind: SessionKind,
) -> impl Iterator<Item = &'a Session> + 'a {
    let at = input.session.scheduled_at;
    let id = input.session.id.clone();
    input.history.iter().filter(move |s| {
        s.kind == kind && s.status == SessionStatus::Completed && s.scheduled_at < at && s.id != id
    })
}

fn preparation_first(input: &GateInput<'_>) -> Option<String> {
    completed_before(input, SessionKind::Preparation)
        .next()
        .is_none()
        .then(|| "No preparation session has been completed yet.".to_owned())
}

fn integration_since_last_dosing(input: &GateInput<'_>) -> Option<String> {
    let last = completed_before(input, SessionKind::Dosing).max_by_key(|s| s.scheduled_at)?;
    completed_before(input, SessionKind::Integration)
        .all(|i| i.scheduled_at <= last.scheduled_at)
        .then(|| {
            format!(
                "No integration session has been completed since the dosing of {}.",
                input.zone.date_of(last.scheduled_at)
            )
        })
}

fn transport_recorded(input: &GateInput<'_>) -> Option<String> {
    (input.session.setting == Setting::Office && input.session.transport.trim().is_empty())
        .then(|| "Record who drives them home, or the transport arranged.".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DosingMode, Setting};
    use chrono::{DateTime, Utc};
    use rstest::rstest;

    const TODAY: &str = "2026-11-25";

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(day: &str) -> DateTime<Utc> {
        format!("{day}T17:00:00Z").parse().unwrap()
    }

    fn session(id: &str, kind: SessionKind, day: &str, status: SessionStatus) -> Session {
        Session {
            id: id.to_owned(),
            unit_id: Some("u".to_owned()),
            person_id: None,
            kind,
            scheduled_at: at(day),
            planned_minutes: 180,
            setting: Setting::Office,
            attendees: vec!["a".to_owned(), "b".to_owned()],
            status,
            mode: Some(DosingMode::DyadicPsycholytic),
            dosing_partners: vec!["a".to_owned(), "b".to_owned()],
            supporters: String::new(),
            transport: "Sister drives them home".to_owned(),
            gate_override: None,
            called_off: None,
        }
    }

    /// Records of a partner who passes every gate.
    struct Good {
        screenings: Vec<Screening>,
        clearances: Vec<Clearance>,
        consents: Vec<Consent>,
        measures: Vec<Measure>,
    }

    fn phq9(on: &str, item9: u8) -> Measure {
        Measure {
            id: format!("phq-{on}"),
            person_id: "a".to_owned(),
            unit_id: None,
            instrument: crate::model::Instrument::Phq9,
            given_on: d(on),
            session_id: None,
            answers: [vec![Some(1); 8], vec![Some(item9)]].concat(),
            entered_in_error: None,
        }
    }

    fn good() -> Good {
        Good {
            screenings: vec![Screening {
                id: "s".to_owned(),
                person_id: "a".to_owned(),
                taken_on: d("2026-10-01"),
                present: vec![],
                notes: String::new(),
            }],
            clearances: vec![Clearance {
                id: "c".to_owned(),
                person_id: "a".to_owned(),
                prescriber: "Dr. Okafor".to_owned(),
                organisation: String::new(),
                cleared_on: d("2026-10-01"),
                valid_until: d("2027-04-01"),
                setting: ClearanceSetting::InOfficeIm,
            }],
            consents: vec![Consent {
                id: "k".to_owned(),
                person_id: "a".to_owned(),
                kind: ConsentKind::KapInformedConsent,
                signed_on: d("2026-10-01"),
                expires_on: None,
                release_to: String::new(),
            }],
            measures: vec![phq9("2026-10-01", 0)],
        }
    }

    fn dv(result: DvResult) -> Vec<DvScreen> {
        vec![DvScreen {
            id: "dv".to_owned(),
            unit_id: "u".to_owned(),
            screened_on: d("2026-10-01"),
            result,
        }]
    }

    /// A change to the all-good situation, and the one gate expected to fail (or none).
    enum Change {
        None,
        NotScreened,
        Excluded,
        SelfHarmOnLatestPhq9,
        SelfHarmThenClearPhq9,
        NoDvScreen,
        DvActive,
        DvConcern,
        NoClearance,
        ClearanceExpired,
        ClearanceForHomeOnly,
        AtHomeWithHomeClearance,
        NoConsent,
        NoPreparation,
        PreparationOnlyScheduled,
        SecondDosingWithoutIntegration,
        SecondDosingAfterIntegration,
        NoTransport,
        NoTransportAtHome,
        AugmentedSkipsArcGates,
    }

    #[rstest]
    #[case::all_hold(Change::None, None)]
    #[case::not_screened(Change::NotScreened, Some("screening_clear"))]
    #[case::exclusion_present(Change::Excluded, Some("screening_clear"))]
    #[case::phq9_item9_above_zero(Change::SelfHarmOnLatestPhq9, Some("screening_clear"))]
    #[case::phq9_item9_cleared_by_a_later_phq9(Change::SelfHarmThenClearPhq9, None)]
    #[case::no_dv_screen(Change::NoDvScreen, Some("no_active_dv"))]
    #[case::active_dv(Change::DvActive, Some("no_active_dv"))]
    #[case::dv_concern_does_not_block(Change::DvConcern, None)]
    #[case::no_clearance(Change::NoClearance, Some("clearance_current"))]
    #[case::clearance_expired(Change::ClearanceExpired, Some("clearance_current"))]
    #[case::clearance_for_another_setting(Change::ClearanceForHomeOnly, Some("clearance_current"))]
    #[case::home_session_home_clearance(Change::AtHomeWithHomeClearance, None)]
    #[case::no_kap_consent(Change::NoConsent, Some("kap_consent"))]
    #[case::no_preparation(Change::NoPreparation, Some("preparation_first"))]
    #[case::preparation_not_yet_held(Change::PreparationOnlyScheduled, Some("preparation_first"))]
    #[case::second_dosing_no_integration(
        Change::SecondDosingWithoutIntegration,
        Some("integration_since_last_dosing")
    )]
    #[case::second_dosing_integrated(Change::SecondDosingAfterIntegration, None)]
    #[case::office_without_transport(Change::NoTransport, Some("transport_recorded"))]
    #[case::home_needs_no_transport(Change::NoTransportAtHome, None)]
    #[case::augmented_has_no_arc_gates(Change::AugmentedSkipsArcGates, None)]
    fn gate_cases(#[case] change: Change, #[case] failing: Option<&str>) {
        let mut g = good();
        let mut dv_screens = dv(DvResult::NoConcern);
        let mut this = session("this", SessionKind::Dosing, TODAY, SessionStatus::Scheduled);
        let mut history = vec![session(
            "prep",
            SessionKind::Preparation,
            "2026-11-10",
            SessionStatus::Completed,
        )];
        match change {
            Change::None => {}
            Change::NotScreened => g.screenings.clear(),
            Change::Excluded => g.screenings[0].present = vec!["unmanaged_psychosis".to_owned()],
            Change::SelfHarmOnLatestPhq9 => g.measures.push(phq9("2026-11-20", 1)),
            Change::SelfHarmThenClearPhq9 => {
                g.measures.push(phq9("2026-11-12", 1));
                g.measures.push(phq9("2026-11-20", 0));
            }
            Change::NoDvScreen => dv_screens.clear(),
            Change::DvActive => dv_screens = dv(DvResult::Active),
            Change::DvConcern => dv_screens = dv(DvResult::Concern),
            Change::NoClearance => g.clearances.clear(),
            Change::ClearanceExpired => g.clearances[0].valid_until = d("2026-11-24"),
            Change::ClearanceForHomeOnly => {
                g.clearances[0].setting = ClearanceSetting::AtHomeLozenges;
            }
            Change::AtHomeWithHomeClearance => {
                g.clearances[0].setting = ClearanceSetting::AtHomeLozenges;
                this.setting = Setting::HomeVirtualMonitoring;
            }
            Change::NoConsent => g.consents.clear(),
            Change::NoPreparation => history.clear(),
            Change::PreparationOnlyScheduled => history[0].status = SessionStatus::Scheduled,
            Change::SecondDosingWithoutIntegration => history.push(session(
                "d1",
                SessionKind::Dosing,
                "2026-11-15",
                SessionStatus::Completed,
            )),
            Change::SecondDosingAfterIntegration => {
                history.push(session(
                    "d1",
                    SessionKind::Dosing,
                    "2026-11-15",
                    SessionStatus::Completed,
                ));
                history.push(session(
                    "i1",
                    SessionKind::Integration,
                    "2026-11-17",
                    SessionStatus::Completed,
                ));
            }
            Change::NoTransport => this.transport.clear(),
            Change::NoTransportAtHome => {
                this.transport.clear();
                this.setting = Setting::HomeVirtualMonitoring;
                g.clearances[0].setting = ClearanceSetting::AtHomeLozenges;
            }
            Change::AugmentedSkipsArcGates => {
                this.kind = SessionKind::AugmentedTherapy;
                this.mode = Some(DosingMode::Augmented);
                history.clear();
            }
        }
        let doser = Doser {
            name: "Alex",
            screenings: &g.screenings,
            clearances: &g.clearances,
            consents: &g.consents,
            measures: &g.measures,
        };
        let checks = check(&GateInput {
            session: &this,
            dosers: vec![doser],
            dv_screens: &dv_screens,
            history: &history,
            today: d(TODAY),
            zone: Zone::Named(chrono_tz::America::Phoenix),
        });
        let failed: Vec<&str> = checks.iter().filter(|c| !c.holds).map(|c| c.code).collect();
        assert_eq!(failed, failing.into_iter().collect::<Vec<_>>());
        for c in checks.iter().filter(|c| !c.holds) {
            assert!(c.detail.ends_with('.'), "{}: {}", c.code, c.detail);
        }
    }

    #[test]
    fn details_name_the_partner() {
        let g = good();
        let none: Vec<Consent> = vec![];
        let this = session("this", SessionKind::Dosing, TODAY, SessionStatus::Scheduled);
        let checks = check(&GateInput {
            session: &this,
            dosers: vec![
                Doser {
                    name: "Alex",
                    screenings: &g.screenings,
                    clearances: &g.clearances,
                    consents: &g.consents,
                    measures: &g.measures,
                },
                Doser {
                    name: "Sam",
                    screenings: &g.screenings,
                    clearances: &g.clearances,
                    consents: &none,
                    measures: &[],
                },
            ],
            dv_screens: &dv(DvResult::NoConcern),
            history: &[session(
                "prep",
                SessionKind::Preparation,
                "2026-11-01",
                SessionStatus::Completed,
            )],
            today: d(TODAY),
            zone: Zone::Named(chrono_tz::America::Phoenix),
        });
        let consent = checks.iter().find(|c| c.code == "kap_consent").unwrap();
        assert_eq!(
            consent.detail,
            "Sam has not signed the KAP informed consent."
        );
    }

    #[test]
    fn the_last_dosing_is_named_by_its_date_where_the_practice_is() {
        let g = good();
        let this = session("this", SessionKind::Dosing, TODAY, SessionStatus::Scheduled);
        let prep = session(
            "prep",
            SessionKind::Preparation,
            "2026-11-01",
            SessionStatus::Completed,
        );
        // 18:00 in Phoenix on 11 November is 01:00 UTC on the 12th.
        let mut evening = session(
            "dose",
            SessionKind::Dosing,
            "2026-11-11",
            SessionStatus::Completed,
        );
        evening.scheduled_at = "2026-11-12T01:00:00Z".parse().unwrap();
        let checks = check(&GateInput {
            session: &this,
            dosers: vec![Doser {
                name: "Alex",
                screenings: &g.screenings,
                clearances: &g.clearances,
                consents: &g.consents,
                measures: &g.measures,
            }],
            dv_screens: &dv(DvResult::NoConcern),
            history: &[prep, evening],
            today: d(TODAY),
            zone: Zone::Named(chrono_tz::America::Phoenix),
        });
        let gate = checks
            .iter()
            .find(|c| c.code == "integration_since_last_dosing")
            .unwrap();
        assert_eq!(
            gate.detail,
            "No integration session has been completed since the dosing of 2026-11-11.",
            "the dosing happened on the 11th where she and her clients were, whatever UTC says"
        );
    }

    #[test]
    fn every_gate_reads_as_sentences() {
        let mut codes = std::collections::HashSet::new();
        for g in GATES {
            assert!(codes.insert(g.code), "duplicate {}", g.code);
            assert!(g.reason.ends_with('.'), "{}", g.code);
        }
    }
}
