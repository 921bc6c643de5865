//! What makes a session well-formed, above all who takes the medicine in each dosing mode:
//! solo, exactly one partner (and someone sober beside them); dyadic, every attending partner;
//! augmented, any of them.

use crate::model::{DosingMode, FieldProblem, Session, SessionKind, SessionStatus};

fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The longest a session may be planned for, in minutes.
pub const MAX_MINUTES: u32 = 600;

/// Every problem of a session, given the partners of its unit (or its one person).
pub fn session_problems(session: &Session, members: &[String]) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if session.unit_id.is_some() == session.person_id.is_some() {
        out.push(problem(
            "unit_id",
            "A session is of one relationship or of one person.",
        ));
    }
    if !(1..=MAX_MINUTES).contains(&session.planned_minutes) {
        out.push(problem(
            "planned_minutes",
            format!("Plan from 1 to {MAX_MINUTES} minutes."),
        ));
    }
    if session.attendees.is_empty() {
        out.push(problem("attendees", "Say who attends."));
    }
    if session.attendees.iter().any(|a| !members.contains(a)) {
        out.push(problem(
            "attendees",
            "Only the relationship's partners can attend its sessions.",
        ));
    }
    out.extend(dosing_problems(session));
    out.extend(called_off_problem(session));
    out
}

/// A reason to call a session off belongs to a cancelled or missed one, and says something.
pub fn called_off_problem(session: &Session) -> Option<FieldProblem> {
    let called_off = session.called_off.as_ref()?;
    if !matches!(
        session.status,
        SessionStatus::Cancelled | SessionStatus::NoShow
    ) {
        return Some(problem(
            "called_off",
            "Only a cancelled or missed session has a reason for being called off.",
        ));
    }
    called_off.reason.trim().is_empty().then(|| {
        problem(
            "called_off.reason",
            "Say why the session is called off (a few words are enough).",
        )
    })
}

/// The rule of who doses, per mode.
pub fn dosing_problems(session: &Session) -> Vec<FieldProblem> {
    let dosers = &session.dosing_partners;
    let attending = |p: &String| session.attendees.contains(p);
    let expected_modes: &[DosingMode] = match session.kind {
        SessionKind::Dosing => &[
            DosingMode::Solo,
            DosingMode::DyadicPsychedelic,
            DosingMode::DyadicPsycholytic,
        ],
        SessionKind::AugmentedTherapy => &[DosingMode::Augmented],
        _ => &[],
    };
    let Some(mode) = session.mode else {
        return if expected_modes.is_empty() {
            if dosers.is_empty() {
                vec![]
            } else {
                vec![problem(
                    "dosing_partners",
                    "Only a dosing or augmented session has dosing partners.",
                )]
            }
        } else {
            vec![problem("mode", "Choose the dosing mode.")]
        };
    };
    if !expected_modes.contains(&mode) {
        return vec![problem(
            "mode",
            "That mode does not fit this kind of session.",
        )];
    }
    if !dosers.iter().all(attending) {
        return vec![problem(
            "dosing_partners",
            "A partner who doses must be attending.",
        )];
    }
    match mode {
        DosingMode::Solo if dosers.len() != 1 => vec![problem(
            "dosing_partners",
            "In a solo session exactly one partner doses; the others stay sober.",
        )],
        DosingMode::Solo if session.attendees.len() < 2 && session.supporters.trim().is_empty() => {
            vec![problem(
                "supporters",
                "Name the sober supporter who stays with the journeyer.",
            )]
        }
        DosingMode::DyadicPsychedelic | DosingMode::DyadicPsycholytic
            if session.attendees.len() < 2
                || !session.attendees.iter().all(|a| dosers.contains(a)) =>
        {
            vec![problem(
                "dosing_partners",
                "In a dyadic session every attending partner doses, and at least two attend.",
            )]
        }
        DosingMode::Augmented if dosers.is_empty() => {
            vec![problem("dosing_partners", "Say who takes the micro dose.")]
        }
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionStatus, Setting};
    use rstest::rstest;

    fn session(
        kind: SessionKind,
        mode: Option<DosingMode>,
        attend: &[&str],
        dose: &[&str],
        supporters: &str,
    ) -> Session {
        Session {
            id: "s".to_owned(),
            unit_id: Some("u".to_owned()),
            person_id: None,
            kind,
            scheduled_at: "2026-11-25T17:00:00Z".parse().unwrap(),
            planned_minutes: 180,
            setting: Setting::Office,
            attendees: attend.iter().map(|s| (*s).to_owned()).collect(),
            status: SessionStatus::Scheduled,
            mode,
            dosing_partners: dose.iter().map(|s| (*s).to_owned()).collect(),
            supporters: supporters.to_owned(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        }
    }

    use DosingMode::{Augmented, DyadicPsychedelic, DyadicPsycholytic, Solo};
    use SessionKind::{AugmentedTherapy, CouplesSession, Dosing};

    #[rstest]
    #[case::solo_one_of_two(Dosing, Some(Solo), &["a", "b"], &["a"], "", None)]
    #[case::solo_two_dosers(Dosing, Some(Solo), &["a", "b"], &["a", "b"], "", Some("dosing_partners"))]
    #[case::solo_nobody_sober(Dosing, Some(Solo), &["a"], &["a"], "", Some("supporters"))]
    #[case::solo_alone_with_named_supporter(Dosing, Some(Solo), &["a"], &["a"], "Her sister Ana", None)]
    #[case::dyadic_all_of_three(Dosing, Some(DyadicPsycholytic), &["a", "b", "c"], &["a", "b", "c"], "", None)]
    #[case::dyadic_one_sober(Dosing, Some(DyadicPsychedelic), &["a", "b", "c"], &["a", "b"], "", Some("dosing_partners"))]
    #[case::dyadic_alone(Dosing, Some(DyadicPsychedelic), &["a"], &["a"], "", Some("dosing_partners"))]
    #[case::augmented_some(AugmentedTherapy, Some(Augmented), &["a", "b"], &["b"], "", None)]
    #[case::augmented_none(AugmentedTherapy, Some(Augmented), &["a", "b"], &[], "", Some("dosing_partners"))]
    #[case::doser_not_attending(AugmentedTherapy, Some(Augmented), &["a"], &["z"], "", Some("dosing_partners"))]
    #[case::dosing_without_mode(Dosing, None, &["a", "b"], &[], "", Some("mode"))]
    #[case::augmented_mode_on_dosing(Dosing, Some(Augmented), &["a", "b"], &["a"], "", Some("mode"))]
    #[case::ordinary_session(CouplesSession, None, &["a", "b"], &[], "", None)]
    #[case::ordinary_with_doser(CouplesSession, None, &["a", "b"], &["a"], "", Some("dosing_partners"))]
    fn who_doses(
        #[case] kind: SessionKind,
        #[case] mode: Option<DosingMode>,
        #[case] attend: &[&str],
        #[case] dose: &[&str],
        #[case] supporters: &str,
        #[case] field: Option<&str>,
    ) {
        let problems = dosing_problems(&session(kind, mode, attend, dose, supporters));
        assert_eq!(
            problems.first().map(|p| p.field.as_str()),
            field,
            "{problems:?}"
        );
    }

    #[test]
    fn attendees_come_from_the_unit() {
        let members = ["a".to_owned(), "b".to_owned()];
        let ok = session(CouplesSession, None, &["a"], &[], "");
        assert!(session_problems(&ok, &members).is_empty());
        let stranger = session(CouplesSession, None, &["a", "x"], &[], "");
        assert_eq!(session_problems(&stranger, &members)[0].field, "attendees");
        let mut both = ok.clone();
        both.person_id = Some("a".to_owned());
        assert_eq!(session_problems(&both, &members)[0].field, "unit_id");
        let mut long = ok;
        long.planned_minutes = 601;
        assert_eq!(
            session_problems(&long, &members)[0].field,
            "planned_minutes"
        );
    }
}
