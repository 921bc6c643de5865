//! The demo's collaborators: the in-person prescriber in Arizona, a telehealth medical
//! provider for clients in other states, and a collaborating therapist; Rivera–Chen's releases
//! to them, one of Jordan's expired.

use chrono::NaiveDate;

use super::{ago, ahead};
use crate::error::Result;
use crate::model::{Covered, Person, Recipient, RecipientRole, Release};
use crate::store::releases;
use crate::vault::Vault;

/// Adds the recipients and the couple's releases.
pub(super) fn collaboration(
    vault: &mut Vault,
    today: NaiveDate,
    alex: &Person,
    jordan: &Person,
) -> Result<()> {
    let mut recipient = |name: &str, role, organisation: &str, state: &str, contact: &str| {
        releases::save_recipient(
            vault,
            &Recipient {
                id: String::new(),
                name: name.into(),
                role: Some(role),
                organisation: organisation.into(),
                state: state.into(),
                contact: contact.into(),
            },
        )
    };
    let prescriber = recipient(
        "Dr. Imani Adeyemi, MD",
        RecipientRole::Prescriber,
        "Camelback Ketamine Medicine",
        "AZ",
        "Fax 602-555-0188",
    )?;
    recipient(
        "Dr. Ravi Menon, DO",
        RecipientRole::Prescriber,
        "Northstar Telehealth Medical",
        "WI",
        "records@northstar.example",
    )?;
    let therapist = recipient(
        "Marisol Vega, LPC",
        RecipientRole::CollaboratingTherapist,
        "Vega Counseling",
        "AZ",
        "520-555-0107",
    )?;
    let release = |person: &Person, to: &Recipient, covers: &[Covered], from, until| Release {
        id: String::new(),
        person_id: person.id.clone(),
        recipient_id: to.id.clone(),
        covers: covers.to_vec(),
        purpose: "Coordination of ketamine-assisted therapy".into(),
        valid_from: from,
        valid_until: until,
        revoked_on: None,
    };
    let reports = [
        Covered::SessionReports,
        Covered::Measures,
        Covered::Diagnoses,
    ];
    for r in [
        release(
            alex,
            &prescriber,
            &reports,
            ago(today, 38),
            ahead(today, 327),
        ),
        // Jordan's release to the prescriber ended three weeks ago: his part of a report is
        // left out until he signs a new one.
        release(
            jordan,
            &prescriber,
            &reports,
            ago(today, 400),
            ago(today, 21),
        ),
        release(
            alex,
            &therapist,
            &[Covered::SessionReports, Covered::TreatmentPlan],
            ago(today, 38),
            ahead(today, 150),
        ),
    ] {
        releases::add_release(vault, &r)?;
    }
    Ok(())
}
