//! What needs the therapist's attention on the dashboard: each kind of item has a code, a name,
//! the reason she reads, its colour, and the thresholds it uses. The store finds the items
//! with one query per kind (`store::dashboard`); the tests there seed each case.

use serde::Serialize;
use ts_rs::TS;

/// A kind of item on the attention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Concern {
    /// Stable code.
    pub code: &'static str,
    /// Its heading on the dashboard.
    pub name: &'static str,
    /// Why it matters, for the therapist.
    pub reason: &'static str,
    /// Red (safety first) rather than amber.
    pub urgent: bool,
}

/// Within this many days of its end, a clearance or consent is listed.
pub const EXPIRING_WITHIN_DAYS: i64 = crate::rules::safety::EXPIRING_WITHIN_DAYS;
/// Dosings are checked for their integration from this many days back (older ones are
/// history; the unit's agenda still shows them).
pub const DOSINGS_LOOKBACK_DAYS: i64 = 14;
/// An individual client counts as in care for this long after their last session.
pub const IN_CARE_DAYS: i64 = 90;
/// The last backup turns amber after this many days.
pub const BACKUP_AMBER_AFTER_DAYS: i64 = crate::backup::automatic::STALE_AFTER_DAYS;

/// Every kind, in the order the dashboard lists them: safety first.
pub const CONCERNS: &[Concern] = &[
    Concern {
        code: "self_harm",
        name: "Thoughts of self-harm on the latest PHQ-9",
        reason: "Item 9 of the PHQ-9 answered above \u{201c}Not at all\u{201d} calls for a risk assessment, and no dosing until it is done.",
        urgent: true,
    },
    Concern {
        code: "open_override",
        name: "Safety gates overridden, follow-up not recorded",
        reason: "A dosing started over a failed gate; record what was done about it.",
        urgent: true,
    },
    Concern {
        code: "dosing_without_integration",
        name: "Dosings without an integration within 2 days",
        reason: "A dosing is followed by an integration session within 2 days, while what emerged is fresh.",
        urgent: false,
    },
    Concern {
        code: "clearance_expiring",
        name: "Medical clearances expiring or expired",
        reason: "No dosing without a current clearance; ask the prescriber in time.",
        urgent: false,
    },
    Concern {
        code: "consent_expiring",
        name: "Consents expiring or expired",
        reason: "Consent must be current for the care it covers.",
        urgent: false,
    },
    Concern {
        code: "release_expiring",
        name: "Releases of information expiring or expired",
        reason: "A session report goes only under a current release; ask them to renew it before it lapses, if they wish.",
        urgent: false,
    },
    Concern {
        code: "unlicensed_state",
        name: "Clients living where you hold no license",
        reason: "Telehealth and at-home sessions follow the client's state: see them in the office, or hold a license there.",
        urgent: false,
    },
    Concern {
        code: "unsigned_note",
        name: "Unsigned notes",
        reason: "A note is complete once signed; sign it while the session is fresh.",
        urgent: false,
    },
    Concern {
        code: "plan_review_due",
        name: "Treatment plan reviews due",
        reason: "A plan reviewed on time keeps the work and the codes tied to the diagnosis; review it with them and sign the revision.",
        urgent: false,
    },
    Concern {
        code: "unpaid",
        name: "Sessions held with no payment recorded",
        reason: "Record payments as they come; the Billing screen has every balance.",
        urgent: false,
    },
    Concern {
        code: "estimate_exceeded",
        name: "Charges over a Good Faith Estimate",
        reason: "A self-pay client may dispute a bill $400 or more over their Good Faith Estimate; issue a new estimate before the next charge.",
        urgent: false,
    },
    Concern {
        code: "superbill_not_issued",
        name: "Superbills not issued for last month",
        reason: "Clients with insurance reimburse from a superbill; issue last month's.",
        urgent: false,
    },
    Concern {
        code: "backup",
        name: "Backups",
        reason: "A backup older than a week puts a week of charting at risk.",
        urgent: false,
    },
];

/// The kind with this code.
pub fn concern(code: &str) -> &'static Concern {
    CONCERNS
        .iter()
        .find(|c| c.code == code)
        .unwrap_or(&CONCERNS[CONCERNS.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_concern_reads_as_a_sentence_and_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in CONCERNS {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(c.reason.ends_with('.'), "{}", c.code);
            assert_eq!(concern(c.code), c);
        }
        // Safety comes first, and only safety is red.
        let urgent: Vec<&str> = CONCERNS
            .iter()
            .filter(|c| c.urgent)
            .map(|c| c.code)
            .collect();
        assert_eq!(urgent, ["self_harm", "open_override"]);
        assert!(CONCERNS[..2].iter().all(|c| c.urgent));
    }
}
