//! A believable demo practice, for trying Attune without real records: a monogamous couple
//! where one partner has a diagnosis, an ethically non-monogamous couple, a triad, a person in
//! two units, an expired clearance and a missing consent; and a completed program arc with
//! two dosings in two modes and their integrations, with measures before and after each.
//! Dates are relative to `today`.

mod arc;
mod books;
mod collaboration;
mod decade;
mod measures;
mod plan;
mod prose;
pub mod scale;

use std::path::PathBuf;

use age::secrecy::SecretString;
use chrono::{Days, NaiveDate};

use crate::error::{Error, Result};
use crate::model::{
    Clearance, ClearanceSetting, Consent, ConsentKind, Diagnosis, DvResult, DvScreen, Partner,
    Person, PracticeProfile, Screening, Structure, Unit, UnitStatus,
};
use crate::store::{clients, practice};
use crate::vault::Vault;

pub(crate) fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_add_days(Days::new(days)).unwrap_or(today)
}

/// The demo practice's time zone.
pub const ZONE: &str = "America/Phoenix";

/// The demo practice's today at `now`: in its own zone, whatever the computer's clock says.
pub fn today(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    ZONE.parse::<chrono_tz::Tz>().map_or_else(
        |_| now.date_naive(),
        |tz| now.with_timezone(&tz).date_naive(),
    )
}

/// Fills an empty vault with the demo practice.
pub fn populate(vault: &mut Vault, today: NaiveDate) -> Result<()> {
    practice::save_profile(
        vault,
        &PracticeProfile {
            provider_name: "Dana Whitfield".into(),
            credentials: "PhD, LMFT".into(),
            npi: "1234567893".into(),
            ein: "86-1234567".into(),
            license_number: "LMFT-14021".into(),
            license_state: "AZ".into(),
            taxonomy_code: "101YM0800X".into(),
            address_line1: "2200 E Camelback Rd".into(),
            address_line2: "Suite 210".into(),
            city: "Phoenix".into(),
            state: "AZ".into(),
            postal_code: "85016".into(),
            phone: "602-555-0142".into(),
        },
    )?;
    let mut person = |legal: &str, preferred: &str, pronouns: &str, born: &str, state: &str| {
        clients::save_person(
            vault,
            &Person {
                id: String::new(),
                legal_name: legal.into(),
                preferred_name: preferred.into(),
                pronouns: pronouns.into(),
                date_of_birth: born.parse().ok(),
                address: String::new(),
                phone: String::new(),
                email: String::new(),
                state_of_residence: state.into(),
                emergency_contact: String::new(),
                insurance_payer: String::new(),
                insurance_member_id: String::new(),
            },
            today,
        )
    };
    let alex = person("Alexandra Rivera", "Alex", "she/her", "1986-05-14", "AZ")?;
    let jordan = person("Jordan Chen", "", "he/him", "1984-11-02", "AZ")?;
    let zoe = person("Zoë Ñúñez", "", "she/her", "1991-08-23", "WI")?;
    let sam = person("Samuel Okafor", "Sam", "they/them", "1989-02-28", "WI")?;
    let thor = person("Þórunn Magnúsdóttir", "Tora", "she/her", "1979-12-01", "AZ")?;
    let priya = person("Priya Raman", "", "she/her", "1993-04-09", "AZ")?;
    let eli = person("Elijah Brooks", "Eli", "he/him", "1990-06-30", "AZ")?;
    // Alex claims reimbursement: her superbill needs the address and member id on her card.
    let alex = clients::save_person(
        vault,
        &Person {
            address: "1418 W Roma Ave, Phoenix, AZ 85013".into(),
            insurance_payer: "Blue Cross Blue Shield of Arizona".into(),
            insurance_member_id: "XAZ902114557".into(),
            ..alex
        },
        today,
    )?;

    let unit =
        |name: &str, structure, status, started: u64, goals: &str, partners: &[&Person]| Unit {
            id: String::new(),
            name: name.into(),
            structure,
            status,
            start_date: Some(ago(today, started)),
            goals: goals.into(),
            partners: partners
                .iter()
                .map(|p| Partner {
                    person_id: p.id.clone(),
                    attachment_notes: String::new(),
                })
                .collect(),
        };
    let rivera_chen = clients::save_unit(
        vault,
        &unit(
            "Rivera–Chen",
            Structure::Couple,
            UnitStatus::Active,
            40,
            "Rebuild trust after Jordan's job loss; fewer escalations at night.",
            &[&alex, &jordan],
        ),
    )?;
    let nunez_okafor = clients::save_unit(
        vault,
        &unit(
            "Ñúñez–Okafor",
            Structure::Couple,
            UnitStatus::Active,
            25,
            "An open relationship that feels safe for both; clearer agreements about new partners.",
            &[&zoe, &sam],
        ),
    )?;
    let triad = clients::save_unit(
        vault,
        &unit(
            "Magnúsdóttir–Raman–Brooks",
            Structure::Triad,
            UnitStatus::Intake,
            5,
            "Make room for three: time, jealousy, and a shared home.",
            &[&thor, &priya, &eli],
        ),
    )?;
    // Sam is also in a second relationship the practice sees.
    clients::save_unit(
        vault,
        &unit(
            "Okafor–Brooks",
            Structure::Couple,
            UnitStatus::Paused,
            120,
            "Repair after a rupture in their friendship-turned-partnership.",
            &[&sam, &eli],
        ),
    )?;

    let mut diagnose = |p: &Person, code: &str, days_ago: u64, primary: bool| {
        clients::add_diagnosis(
            vault,
            &Diagnosis {
                id: String::new(),
                person_id: p.id.clone(),
                code: code.into(),
                diagnosed_on: ago(today, days_ago),
                primary,
            },
        )
    };
    diagnose(&alex, "F43.23", 38, true)?;
    diagnose(&alex, "Z63.0", 38, false)?;
    diagnose(&zoe, "F41.1", 20, true)?;

    for p in [&alex, &jordan, &zoe, &sam, &thor, &priya] {
        clients::add_screening(
            vault,
            &Screening {
                id: String::new(),
                person_id: p.id.clone(),
                taken_on: ago(today, 30),
                present: Vec::new(),
                notes: String::new(),
            },
        )?;
    }
    // Eli's screening found raised blood pressure: the prescriber must see him first.
    clients::add_screening(
        vault,
        &Screening {
            id: String::new(),
            person_id: eli.id.clone(),
            taken_on: ago(today, 4),
            present: vec!["uncontrolled_hypertension".into()],
            notes: "158/96 at intake; referred to his physician.".into(),
        },
    )?;

    let clearance = |p: &Person, from: NaiveDate, until: NaiveDate, setting| Clearance {
        id: String::new(),
        person_id: p.id.clone(),
        prescriber: "Dr. Imani Okafor, MD".into(),
        organisation: "Desert Bloom Psychiatry".into(),
        cleared_on: from,
        valid_until: until,
        setting,
    };
    clients::add_clearance(
        vault,
        &clearance(
            &alex,
            ago(today, 30),
            ahead(today, 335),
            ClearanceSetting::InOfficeIm,
        ),
    )?;
    clients::add_clearance(
        vault,
        &clearance(
            &jordan,
            ago(today, 30),
            ahead(today, 20),
            ClearanceSetting::InOfficeIm,
        ),
    )?;
    clients::add_clearance(
        vault,
        &clearance(
            &zoe,
            ago(today, 20),
            ahead(today, 345),
            ClearanceSetting::AtHomeLozenges,
        ),
    )?;
    // Sam's clearance has expired.
    clients::add_clearance(
        vault,
        &clearance(
            &sam,
            ago(today, 400),
            ago(today, 35),
            ClearanceSetting::AtHomeLozenges,
        ),
    )?;

    let consent = |p: &Person, kind, release_to: &str| Consent {
        id: String::new(),
        person_id: p.id.clone(),
        kind,
        signed_on: ago(today, 38),
        expires_on: None,
        release_to: release_to.into(),
    };
    for p in [&alex, &jordan, &zoe, &thor, &priya, &eli] {
        clients::add_consent(vault, &consent(p, ConsentKind::KapInformedConsent, ""))?;
    }
    // Sam has not signed the KAP consent yet (only telehealth).
    clients::add_consent(vault, &consent(&sam, ConsentKind::Telehealth, ""))?;
    clients::add_consent(vault, &consent(&zoe, ConsentKind::Telehealth, ""))?;
    clients::add_consent(
        vault,
        &consent(
            &alex,
            ConsentKind::ReleaseOfInformation,
            "Dr. Imani Okafor, prescriber",
        ),
    )?;

    practice::save_settings(
        vault,
        &crate::model::Settings {
            time_zone: ZONE.into(),
            licensed_states: vec!["WI".into()],
            ..practice::settings(vault)?
        },
    )?;
    for u in [&rivera_chen, &nunez_okafor] {
        clients::add_dv_screen(
            vault,
            &DvScreen {
                id: String::new(),
                unit_id: u.id.clone(),
                screened_on: ago(today, 38),
                result: DvResult::NoConcern,
            },
        )?;
    }
    arc::rivera_chen(vault, today, &rivera_chen, &alex, &jordan)?;
    books::books(vault, today, &rivera_chen, &alex, &jordan)?;
    arc::late_cancellation(vault, today, &rivera_chen, &alex, &jordan)?;
    collaboration::collaboration(vault, today, &alex, &jordan)?;
    plan::plan(vault, today, &rivera_chen, &alex)?;
    measures::measures(
        vault,
        today,
        [
            (&rivera_chen, [&alex, &jordan]),
            (&nunez_okafor, [&zoe, &sam]),
        ],
        (&triad, [&thor, &priya, &eli]),
    )
}

/// A demo vault in a new private folder under the system's temporary folder, with a fresh
/// passphrase (to show on screen, so that she can unlock it again after locking).
pub struct TemporaryDemo {
    /// The demo vault's folder.
    pub dir: PathBuf,
    /// Its passphrase.
    pub passphrase: SecretString,
    /// The vault, unlocked.
    pub vault: Vault,
}

/// Makes a demo practice in a temporary folder.
///
/// # Errors
/// [`Error::Io`] if the temporary folder cannot be written.
pub fn create_temporary(today: NaiveDate) -> Result<TemporaryDemo> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io {
        action: "make a demo passphrase",
        source: std::io::Error::other(e.to_string()),
    })?;
    let n = u64::from_le_bytes(bytes);
    let dir = std::env::temp_dir().join(format!("attune-demo-{:08x}", n >> 32));
    let passphrase = SecretString::from(format!(
        "demo practice {:04} {:04}",
        (n >> 16) % 10_000,
        n % 10_000
    ));
    let mut vault = Vault::create(&dir.join("attune"), &passphrase)?;
    populate(&mut vault, today)?;
    Ok(TemporaryDemo {
        dir: dir.join("attune"),
        passphrase,
        vault,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_today_is_the_practices_not_the_computers() {
        let late_evening_in_phoenix = "2026-12-02T03:00:00Z".parse().unwrap();
        assert_eq!(
            super::today(late_evening_in_phoenix).to_string(),
            "2026-12-01",
            "03:00 UTC is 20:00 the day before in Phoenix"
        );
    }
}
