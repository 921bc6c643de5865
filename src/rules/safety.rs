//! The per-person safety state the chart shows and the dosing gate (a later issue) reads:
//! screening exclusions, medical clearance and consents. Each rule has a code, a name and a
//! reason a therapist can read; each derived state is a pure function of dated records and
//! today's date, with its case table below.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{
    Clearance, ClearanceSetting, Consent, ConsentKind, DvResult, DvScreen, Screening,
};

/// A screening answer that excludes dosing while it is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Exclusion {
    /// Stable code, stored with screenings.
    pub code: &'static str,
    /// Short name for the screen.
    pub name: &'static str,
    /// Why it excludes dosing, for the therapist.
    pub reason: &'static str,
    /// A medical (rather than psychiatric) exclusion, to be cleared by the prescriber.
    pub medical: bool,
}

/// Every exclusion the screening asks about.
pub const EXCLUSIONS: &[Exclusion] = &[
    Exclusion {
        code: "crisis_or_suicidal_ideation",
        name: "Active crisis or suicidal ideation",
        reason: "A non-ordinary state can intensify distress; stabilise first.",
        medical: false,
    },
    Exclusion {
        code: "unmanaged_psychosis",
        name: "Unmanaged psychosis",
        reason: "Ketamine can worsen psychotic symptoms.",
        medical: false,
    },
    Exclusion {
        code: "untreated_substance_use",
        name: "Untreated substance use disorder",
        reason: "Ketamine has misuse potential; treat the substance use first.",
        medical: false,
    },
    Exclusion {
        code: "uncontrolled_hypertension",
        name: "Uncontrolled high blood pressure",
        reason: "Ketamine raises blood pressure and heart rate.",
        medical: true,
    },
    Exclusion {
        code: "serious_heart_disease",
        name: "Serious heart or vascular disease, or a recent stroke",
        reason: "The rise in blood pressure and heart rate is a risk to the heart and brain.",
        medical: true,
    },
    Exclusion {
        code: "pregnancy",
        name: "Pregnancy or breastfeeding",
        reason: "Ketamine's safety in pregnancy and breastfeeding is not established.",
        medical: true,
    },
    Exclusion {
        code: "ketamine_allergy",
        name: "Allergy to ketamine",
        reason: "A known allergy rules the medicine out.",
        medical: true,
    },
];

/// The exclusion with this code, if it is one.
pub fn exclusion(code: &str) -> Option<&'static Exclusion> {
    EXCLUSIONS.iter().find(|e| e.code == code)
}

/// What the latest screening says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ScreeningState {
    /// No screening on file.
    NotScreened,
    /// Screened, with no exclusion present.
    Clear {
        /// When.
        on: NaiveDate,
    },
    /// Screened, with exclusions present.
    Excluded {
        /// When.
        on: NaiveDate,
        /// The exclusions' codes.
        exclusions: Vec<String>,
    },
}

/// The latest screening decides (a later one replaces an earlier one).
pub fn screening_state(screenings: &[Screening]) -> ScreeningState {
    let Some(latest) = screenings.iter().max_by_key(|s| s.taken_on) else {
        return ScreeningState::NotScreened;
    };
    if latest.present.is_empty() {
        ScreeningState::Clear {
            on: latest.taken_on,
        }
    } else {
        ScreeningState::Excluded {
            on: latest.taken_on,
            exclusions: latest.present.clone(),
        }
    }
}

/// Within this many days of its end, a clearance or consent is "expiring".
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// The state of a person's medical clearance, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClearanceState {
    /// None on file.
    Missing,
    /// Valid, and for more than [`EXPIRING_WITHIN_DAYS`] days.
    Current {
        /// Last valid day.
        valid_until: NaiveDate,
        /// Approved setting.
        setting: ClearanceSetting,
    },
    /// Valid, but ends within [`EXPIRING_WITHIN_DAYS`] days.
    Expiring {
        /// Last valid day.
        valid_until: NaiveDate,
        /// Approved setting.
        setting: ClearanceSetting,
        /// Days left, counting today.
        #[ts(type = "number")]
        days_left: i64,
    },
    /// The latest one has ended.
    Expired {
        /// Its last valid day.
        valid_until: NaiveDate,
    },
    /// Dated in the future (entered ahead of time): not valid yet.
    NotYetValid {
        /// When it starts.
        from: NaiveDate,
    },
}

/// The clearance that runs longest decides.
pub fn clearance_state(clearances: &[Clearance], today: NaiveDate) -> ClearanceState {
    let Some(best) = clearances
        .iter()
        .max_by_key(|c| (c.valid_until, c.cleared_on))
    else {
        return ClearanceState::Missing;
    };
    if best.valid_until < today {
        return ClearanceState::Expired {
            valid_until: best.valid_until,
        };
    }
    if best.cleared_on > today {
        return ClearanceState::NotYetValid {
            from: best.cleared_on,
        };
    }
    let days_left = super::expiry::days_left(best.valid_until, today);
    if days_left <= EXPIRING_WITHIN_DAYS {
        ClearanceState::Expiring {
            valid_until: best.valid_until,
            setting: best.setting,
            days_left,
        }
    } else {
        ClearanceState::Current {
            valid_until: best.valid_until,
            setting: best.setting,
        }
    }
}

/// Whether a signed consent of `kind` is in force on `today`.
pub fn has_consent(consents: &[Consent], kind: ConsentKind, today: NaiveDate) -> bool {
    consents
        .iter()
        .any(|c| c.kind == kind && c.signed_on <= today && c.expires_on.is_none_or(|e| e >= today))
}

/// Something on a person's chart that needs the therapist's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Alert {
    /// The rule's code.
    pub rule: &'static str,
    /// The sentence, naming the person.
    pub message: String,
    /// Whether it blocks dosing (red), or is a warning (amber).
    pub blocking: bool,
}

/// The alerts for one person, as of `today`, in the order the chart lists them.
pub fn person_alerts(
    name: &str,
    screenings: &[Screening],
    clearances: &[Clearance],
    consents: &[Consent],
    today: NaiveDate,
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let mut push = |rule, blocking, message: String| {
        alerts.push(Alert {
            rule,
            message,
            blocking,
        })
    };
    match screening_state(screenings) {
        ScreeningState::NotScreened => push(
            "screening_missing",
            true,
            format!("{name} has no screening on file."),
        ),
        ScreeningState::Excluded { exclusions, .. } => {
            let names: Vec<&str> = exclusions
                .iter()
                .map(|code| exclusion(code).map_or(code.as_str(), |e| e.name))
                .collect();
            push(
                "screening_exclusion",
                true,
                format!("{name}'s screening shows: {}.", names.join("; ")),
            );
        }
        ScreeningState::Clear { .. } => {}
    }
    match clearance_state(clearances, today) {
        ClearanceState::Missing => push(
            "clearance_missing",
            true,
            format!("{name} has no medical clearance."),
        ),
        ClearanceState::Expired { valid_until } => push(
            "clearance_expired",
            true,
            format!("{name}'s medical clearance expired on {valid_until}."),
        ),
        ClearanceState::NotYetValid { from } => push(
            "clearance_not_yet_valid",
            true,
            format!("{name}'s medical clearance only starts on {from}."),
        ),
        ClearanceState::Expiring { valid_until, .. } => push(
            "clearance_expiring",
            false,
            format!(
                "{name}'s medical clearance {}.",
                super::expiry::ends(valid_until, today)
            ),
        ),
        ClearanceState::Current { .. } => {}
    }
    if !has_consent(consents, ConsentKind::KapInformedConsent, today) {
        push(
            "kap_consent_missing",
            true,
            format!("{name} has not signed the KAP informed consent."),
        );
    }
    alerts
}

/// What the latest domestic-violence screen says about a unit (a later screen replaces an
/// earlier one), as alerts for its chart: no screen yet, or active violence, block dosing; a
/// concern is a warning to follow.
pub fn unit_alerts(unit_name: &str, dv_screens: &[DvScreen]) -> Vec<Alert> {
    let latest = dv_screens.iter().max_by_key(|s| s.screened_on);
    let alert = match latest.map(|s| (s.result, s.screened_on)) {
        None => Alert {
            rule: "dv_screen_missing",
            message: format!("{unit_name} has no domestic-violence screen on file."),
            blocking: true,
        },
        Some((DvResult::Active, on)) => Alert {
            rule: "dv_active",
            message: format!(
                "{unit_name}'s domestic-violence screen of {on} found active violence: no dosing while it is present."
            ),
            blocking: true,
        },
        Some((DvResult::Concern, on)) => Alert {
            rule: "dv_concern",
            message: format!(
                "{unit_name}'s domestic-violence screen of {on} raised a concern to follow."
            ),
            blocking: false,
        },
        Some((DvResult::NoConcern, _)) => return Vec::new(),
    };
    vec![alert]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn screening(on: &str, present: &[&str]) -> Screening {
        Screening {
            id: on.to_owned(),
            person_id: "p".to_owned(),
            taken_on: d(on),
            present: present.iter().map(|s| (*s).to_owned()).collect(),
            notes: String::new(),
        }
    }

    fn clearance(from: &str, until: &str) -> Clearance {
        Clearance {
            id: from.to_owned(),
            person_id: "p".to_owned(),
            prescriber: "Dr. Okafor".to_owned(),
            organisation: String::new(),
            cleared_on: d(from),
            valid_until: d(until),
            setting: ClearanceSetting::InOfficeIm,
        }
    }

    #[rstest::rstest]
    #[case::none(vec![], ScreeningState::NotScreened)]
    #[case::clear(vec![screening("2026-10-01", &[])], ScreeningState::Clear { on: d("2026-10-01") })]
    #[case::excluded(
        vec![screening("2026-10-01", &["unmanaged_psychosis"])],
        ScreeningState::Excluded { on: d("2026-10-01"), exclusions: vec!["unmanaged_psychosis".into()] }
    )]
    #[case::later_clear_replaces_exclusion(
        vec![screening("2026-09-01", &["crisis_or_suicidal_ideation"]), screening("2026-10-01", &[])],
        ScreeningState::Clear { on: d("2026-10-01") }
    )]
    #[case::later_exclusion_replaces_clear(
        vec![screening("2026-11-01", &["pregnancy"]), screening("2026-10-01", &[])],
        ScreeningState::Excluded { on: d("2026-11-01"), exclusions: vec!["pregnancy".into()] }
    )]
    fn screening_states(#[case] screenings: Vec<Screening>, #[case] expected: ScreeningState) {
        assert_eq!(screening_state(&screenings), expected);
    }

    const TODAY: &str = "2026-11-25";

    #[rstest::rstest]
    #[case::missing(vec![], ClearanceState::Missing)]
    #[case::expired_yesterday(
        vec![clearance("2026-05-01", "2026-11-24")],
        ClearanceState::Expired { valid_until: d("2026-11-24") }
    )]
    #[case::last_day_is_today(
        vec![clearance("2026-05-01", "2026-11-25")],
        ClearanceState::Expiring { valid_until: d("2026-11-25"), setting: ClearanceSetting::InOfficeIm, days_left: 1 }
    )]
    #[case::thirty_days_left_is_expiring(
        vec![clearance("2026-05-01", "2026-12-24")],
        ClearanceState::Expiring { valid_until: d("2026-12-24"), setting: ClearanceSetting::InOfficeIm, days_left: 30 }
    )]
    #[case::thirty_one_days_left_is_current(
        vec![clearance("2026-05-01", "2026-12-25")],
        ClearanceState::Current { valid_until: d("2026-12-25"), setting: ClearanceSetting::InOfficeIm }
    )]
    #[case::renewal_wins_over_expired(
        vec![clearance("2025-01-01", "2025-12-31"), clearance("2026-11-01", "2027-10-31")],
        ClearanceState::Current { valid_until: d("2027-10-31"), setting: ClearanceSetting::InOfficeIm }
    )]
    #[case::dated_tomorrow(
        vec![clearance("2026-11-26", "2027-11-25")],
        ClearanceState::NotYetValid { from: d("2026-11-26") }
    )]
    fn clearance_states(#[case] clearances: Vec<Clearance>, #[case] expected: ClearanceState) {
        assert_eq!(clearance_state(&clearances, d(TODAY)), expected);
    }

    #[rstest::rstest]
    #[case::signed_no_end(Some(("2026-01-01", None)), true)]
    #[case::signed_tomorrow(Some(("2026-11-26", None)), false)]
    #[case::lapsed(Some(("2025-01-01", Some("2026-11-24"))), false)]
    #[case::lapses_today(Some(("2025-01-01", Some("2026-11-25"))), true)]
    #[case::none(None, false)]
    fn kap_consent_in_force(#[case] consent: Option<(&str, Option<&str>)>, #[case] expected: bool) {
        let consents: Vec<Consent> = consent
            .into_iter()
            .map(|(signed, expires)| Consent {
                id: "c".into(),
                person_id: "p".into(),
                kind: ConsentKind::KapInformedConsent,
                signed_on: d(signed),
                expires_on: expires.map(d),
                release_to: String::new(),
            })
            .collect();
        assert_eq!(
            has_consent(&consents, ConsentKind::KapInformedConsent, d(TODAY)),
            expected
        );
        assert!(
            !has_consent(&consents, ConsentKind::Telehealth, d(TODAY)),
            "a KAP consent is not a telehealth consent"
        );
    }

    #[rstest::rstest]
    #[case::never_screened(vec![], Some(("dv_screen_missing", true)))]
    #[case::no_concern(vec![("2026-09-01", DvResult::NoConcern)], None)]
    #[case::concern(vec![("2026-09-01", DvResult::Concern)], Some(("dv_concern", false)))]
    #[case::active(vec![("2026-09-01", DvResult::Active)], Some(("dv_active", true)))]
    #[case::later_no_concern_replaces_active(
        vec![("2026-11-01", DvResult::NoConcern), ("2026-09-01", DvResult::Active)],
        None
    )]
    #[case::later_active_replaces_no_concern(
        vec![("2026-09-01", DvResult::NoConcern), ("2026-11-01", DvResult::Active)],
        Some(("dv_active", true))
    )]
    fn unit_alert_rules(
        #[case] screens: Vec<(&str, DvResult)>,
        #[case] expected: Option<(&str, bool)>,
    ) {
        let screens: Vec<DvScreen> = screens
            .into_iter()
            .map(|(on, result)| DvScreen {
                id: on.to_owned(),
                unit_id: "u".to_owned(),
                screened_on: d(on),
                result,
            })
            .collect();
        let alerts = unit_alerts("Rivera–Chen", &screens);
        let got = alerts.first().map(|a| (a.rule, a.blocking));
        assert_eq!(got, expected);
        assert!(alerts.len() <= 1);
        for a in &alerts {
            assert!(a.message.starts_with("Rivera–Chen"), "{}", a.message);
        }
    }

    #[test]
    fn alerts_name_the_person_in_plain_words() {
        let alerts = person_alerts("Sam", &[], &[], &[], d(TODAY));
        let messages: Vec<&str> = alerts.iter().map(|a| a.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Sam has no screening on file.",
                "Sam has no medical clearance.",
                "Sam has not signed the KAP informed consent."
            ]
        );
        assert!(alerts.iter().all(|a| a.blocking));

        let alerts = person_alerts(
            "Zoë",
            &[screening("2026-11-01", &["uncontrolled_hypertension"])],
            &[clearance("2026-05-01", "2026-12-01")],
            &[],
            d(TODAY),
        );
        assert_eq!(
            alerts[0].message,
            "Zoë's screening shows: Uncontrolled high blood pressure."
        );
        assert_eq!(
            alerts[1].message,
            "Zoë's medical clearance ends on 2026-12-01 (7 days left)."
        );
        assert!(!alerts[1].blocking, "an expiring clearance is a warning");
    }

    #[test]
    fn exclusion_codes_are_unique_and_every_reason_is_a_sentence() {
        let mut codes: Vec<&str> = EXCLUSIONS.iter().map(|e| e.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), EXCLUSIONS.len());
        assert!(EXCLUSIONS.iter().all(|e| e.reason.ends_with('.')));
    }
}
