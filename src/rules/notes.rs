//! Note templates per session kind and dosing mode, and what a note still lacks before it can be
//! signed. Per-partner fields are filled once per attending (or dosing) partner and stored under
//! `field@person_id`.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::model::{DosingMode, Session, SessionKind};

/// One field of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct NoteField {
    /// Stable id (the key in the note).
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
    /// What to write there.
    pub hint: &'static str,
    /// Signing needs it.
    pub required: bool,
    /// Once per partner (the dosing partners in a dosing session; otherwise the attendees).
    pub per_partner: bool,
}

const fn field(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    required: bool,
    per_partner: bool,
) -> NoteField {
    NoteField {
        id,
        label,
        hint,
        required,
        per_partner,
    }
}

const PRESENTATION: NoteField = field(
    "presentation",
    "Presentation",
    "How they arrived: mood, concerns, check-in.",
    true,
    false,
);
const INTERVENTIONS: NoteField = field(
    "interventions",
    "Interventions",
    "Techniques used: EFT enactments, EMDR-based resourcing, somatic grounding, psychoeducation.",
    true,
    false,
);
const RISK: NoteField = field("risk", "Risk", "Safety and risk assessment.", true, false);
const PLAN: NoteField = field(
    "plan",
    "Plan",
    "Next steps and the next session.",
    true,
    false,
);

const ORDINARY: &[NoteField] = &[PRESENTATION, INTERVENTIONS, RISK, PLAN];
const INTAKE: &[NoteField] = &[
    field(
        "history",
        "History",
        "Relationship and individual history.",
        true,
        false,
    ),
    field(
        "intentions",
        "Intentions",
        "What they hope for from the program.",
        true,
        false,
    ),
    field(
        "readiness",
        "Readiness",
        "Readiness for ketamine-assisted work.",
        true,
        false,
    ),
    RISK,
    PLAN,
];
const ASSESSMENT: &[NoteField] = &[
    field(
        "assessment",
        "Assessment",
        "Individual history, symptoms, attachment.",
        true,
        false,
    ),
    RISK,
    PLAN,
];
const FEEDBACK: &[NoteField] = &[
    field(
        "feedback",
        "Feedback",
        "Attachment styles, patterns, growth areas shared.",
        true,
        false,
    ),
    field("goals", "Goals", "The goals agreed.", true, false),
    PLAN,
];
const PREPARATION: &[NoteField] = &[
    field(
        "intentions",
        "Intentions",
        "Each partner's intention for the dosing.",
        true,
        false,
    ),
    field(
        "agreements",
        "Safety agreements",
        "Agreements for the session and after.",
        true,
        false,
    ),
    INTERVENTIONS,
    PLAN,
];
const SOLO: &[NoteField] = &[
    field(
        "intention",
        "Intention",
        "The journeyer's intention.",
        true,
        false,
    ),
    field(
        "journeyer",
        "The journeyer",
        "What the dosing partner went through.",
        true,
        false,
    ),
    field(
        "witness",
        "The witness",
        "What the sober partner(s) saw and said.",
        true,
        false,
    ),
    INTERVENTIONS,
    RISK,
    PLAN,
];
const PSYCHEDELIC: &[NoteField] = &[
    field(
        "intention",
        "Intention",
        "The shared intention.",
        true,
        false,
    ),
    field(
        "journey",
        "Inward journey",
        "What this partner went through.",
        true,
        true,
    ),
    field(
        "sharing",
        "The sharing after",
        "What they told each other afterwards.",
        true,
        false,
    ),
    INTERVENTIONS,
    RISK,
    PLAN,
];
const PSYCHOLYTIC: &[NoteField] = &[
    field(
        "intention",
        "Intention",
        "The shared intention.",
        true,
        false,
    ),
    field(
        "dialogue",
        "Dialogue",
        "What was said between them, in real time.",
        true,
        false,
    ),
    field(
        "enactments",
        "Enactments",
        "Enactments and emotional openings.",
        true,
        false,
    ),
    field(
        "partner_process",
        "Process",
        "This partner's process.",
        true,
        true,
    ),
    INTERVENTIONS,
    RISK,
    PLAN,
];
const AUGMENTED: &[NoteField] = &[
    PRESENTATION,
    field(
        "micro_dose",
        "Micro dose",
        "The micro dose and how it deepened the session.",
        true,
        false,
    ),
    INTERVENTIONS,
    RISK,
    PLAN,
];
const INTEGRATION: &[NoteField] = &[
    field(
        "integration",
        "Integration",
        "What they made of the dosing; commitments since.",
        true,
        false,
    ),
    INTERVENTIONS,
    RISK,
    PLAN,
];

/// The template of a session.
pub fn template(kind: SessionKind, mode: Option<DosingMode>) -> &'static [NoteField] {
    match (kind, mode) {
        (SessionKind::JointIntake, _) => INTAKE,
        (SessionKind::IndividualAssessment, _) => ASSESSMENT,
        (SessionKind::FeedbackAndGoals, _) => FEEDBACK,
        (SessionKind::Preparation, _) => PREPARATION,
        (SessionKind::Dosing, Some(DosingMode::Solo)) => SOLO,
        (SessionKind::Dosing, Some(DosingMode::DyadicPsychedelic)) => PSYCHEDELIC,
        (SessionKind::Dosing, Some(DosingMode::DyadicPsycholytic)) => PSYCHOLYTIC,
        (SessionKind::Dosing | SessionKind::AugmentedTherapy, _) => AUGMENTED,
        (SessionKind::Integration, _) => INTEGRATION,
        (SessionKind::CouplesSession, _) => ORDINARY,
    }
}

/// The partners a per-partner field is filled for.
pub fn section_partners(session: &Session) -> &[String] {
    if session.kind == SessionKind::Dosing && !session.dosing_partners.is_empty() {
        &session.dosing_partners
    } else {
        &session.attendees
    }
}

/// The key of a field in a note (`field` or `field@person_id`).
pub fn key(field: &NoteField, person: Option<&str>) -> String {
    match person {
        Some(p) if field.per_partner => format!("{}@{p}", field.id),
        _ => field.id.to_owned(),
    }
}

/// Every key the session's note may hold.
pub fn keys(session: &Session) -> Vec<String> {
    let mut out = Vec::new();
    for f in template(session.kind, session.mode) {
        if f.per_partner {
            out.extend(section_partners(session).iter().map(|p| key(f, Some(p))));
        } else {
            out.push(key(f, None));
        }
    }
    out
}

/// The required fields still empty, as labels ("Process (Sam)"); `name` gives partners' names.
pub fn missing(
    session: &Session,
    fields: &BTreeMap<String, String>,
    name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let filled = |k: &str| fields.get(k).is_some_and(|t| !t.trim().is_empty());
    let mut out = Vec::new();
    for f in template(session.kind, session.mode)
        .iter()
        .filter(|f| f.required)
    {
        if f.per_partner {
            for p in section_partners(session) {
                if !filled(&key(f, Some(p))) {
                    out.push(format!("{} ({})", f.label, name(p)));
                }
            }
        } else if !filled(f.id) {
            out.push(f.label.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionStatus, Setting};
    use rstest::rstest;

    fn session(kind: SessionKind, mode: Option<DosingMode>) -> Session {
        Session {
            id: "s".to_owned(),
            unit_id: Some("u".to_owned()),
            person_id: None,
            kind,
            scheduled_at: "2026-11-25T17:00:00Z".parse().unwrap(),
            planned_minutes: 180,
            setting: Setting::Office,
            attendees: vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            status: SessionStatus::InProgress,
            mode,
            dosing_partners: vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        }
    }

    #[rstest]
    #[case::solo(SessionKind::Dosing, Some(DosingMode::Solo), &["journeyer", "witness"])]
    #[case::psychedelic(SessionKind::Dosing, Some(DosingMode::DyadicPsychedelic), &["journey", "sharing"])]
    #[case::psycholytic(SessionKind::Dosing, Some(DosingMode::DyadicPsycholytic), &["dialogue", "enactments", "partner_process"])]
    #[case::augmented(SessionKind::AugmentedTherapy, Some(DosingMode::Augmented), &["presentation", "micro_dose"])]
    #[case::intake(SessionKind::JointIntake, None, &["history", "intentions", "readiness"])]
    #[case::integration(SessionKind::Integration, None, &["integration"])]
    fn each_mode_has_its_own_sections(
        #[case] kind: SessionKind,
        #[case] mode: Option<DosingMode>,
        #[case] expected: &[&str],
    ) {
        let ids: Vec<&str> = template(kind, mode).iter().map(|f| f.id).collect();
        for e in expected {
            assert!(ids.contains(e), "{kind:?} {mode:?} lacks {e}: {ids:?}");
        }
    }

    #[test]
    fn per_partner_sections_are_missing_by_name_until_filled() {
        let s = session(SessionKind::Dosing, Some(DosingMode::DyadicPsycholytic));
        let name = |p: &str| p.to_uppercase();
        let mut fields = BTreeMap::new();
        let all = missing(&s, &fields, &name);
        assert!(all.contains(&"Process (B)".to_owned()), "{all:?}");
        assert_eq!(
            all.len(),
            3 + 3 + 3,
            "6 shared required fields and one per each of 3 partners"
        );
        for k in keys(&s) {
            fields.insert(k, "written".to_owned());
        }
        fields.insert("partner_process@b".to_owned(), "   ".to_owned());
        assert_eq!(missing(&s, &fields, &name), vec!["Process (B)".to_owned()]);
    }

    #[test]
    fn every_template_field_id_is_unique_within_its_template() {
        for kind in [
            SessionKind::JointIntake,
            SessionKind::IndividualAssessment,
            SessionKind::FeedbackAndGoals,
            SessionKind::Preparation,
            SessionKind::Dosing,
            SessionKind::Integration,
            SessionKind::AugmentedTherapy,
            SessionKind::CouplesSession,
        ] {
            for mode in [
                None,
                Some(DosingMode::Solo),
                Some(DosingMode::DyadicPsychedelic),
                Some(DosingMode::DyadicPsycholytic),
                Some(DosingMode::Augmented),
            ] {
                let t = template(kind, mode);
                let mut ids: Vec<&str> = t.iter().map(|f| f.id).collect();
                ids.sort_unstable();
                ids.dedup();
                assert_eq!(ids.len(), t.len(), "{kind:?} {mode:?}");
                assert!(!ids.iter().any(|i| i.contains('@')));
            }
        }
    }
}
