//! The practice profile and the vault's settings: one row each.

use rusqlite::{named_params, Connection};

use super::audit;
use crate::error::{Error, Result};
use crate::model::{PracticeProfile, Settings};
use crate::rules::practice::profile_problems;
use crate::vault::Vault;

const PROFILE_COLUMNS: &str = "provider_name, credentials, npi, ein, license_number, \
    license_state, taxonomy_code, address_line1, address_line2, city, state, postal_code, phone";

fn read_profile(conn: &Connection) -> Result<PracticeProfile> {
    Ok(conn.query_row(
        &format!("SELECT {PROFILE_COLUMNS} FROM practice WHERE id = 1"),
        [],
        |r| {
            Ok(PracticeProfile {
                provider_name: r.get(0)?,
                credentials: r.get(1)?,
                npi: r.get(2)?,
                ein: r.get(3)?,
                license_number: r.get(4)?,
                license_state: r.get(5)?,
                taxonomy_code: r.get(6)?,
                address_line1: r.get(7)?,
                address_line2: r.get(8)?,
                city: r.get(9)?,
                state: r.get(10)?,
                postal_code: r.get(11)?,
                phone: r.get(12)?,
            })
        },
    )?)
}

/// The practice profile.
#[tracing::instrument(skip(vault), err)]
pub fn profile(vault: &Vault) -> Result<PracticeProfile> {
    read_profile(vault.conn())
}

/// Saves the practice profile after checking it; records which fields changed.
///
/// # Errors
/// [`Error::Invalid`] naming the first field that is wrong (an NPI whose check digit fails,
/// for instance); nothing is saved then.
#[tracing::instrument(skip_all, err)]
pub fn save_profile(vault: &mut Vault, profile: &PracticeProfile) -> Result<PracticeProfile> {
    if let Some(problem) = profile_problems(profile).into_iter().next() {
        return Err(Error::invalid(problem.field, problem.message));
    }
    let p = profile.normalized();
    let tx = vault.conn_mut().transaction()?;
    let before = read_profile(&tx)?;
    let changed = changed_fields(&before, &p);
    if changed.is_empty() {
        return Ok(p);
    }
    write_profile(&tx, &p)?;
    audit::append(&tx, "practice.updated", "practice", &changed.join(", "))?;
    tx.commit()?;
    Ok(p)
}

/// Writes the (already checked and normalised) profile.
pub(crate) fn write_profile(conn: &Connection, p: &PracticeProfile) -> Result<()> {
    conn.execute(
        "UPDATE practice SET provider_name = :provider_name, credentials = :credentials,
            npi = :npi, ein = :ein, license_number = :license_number,
            license_state = :license_state, taxonomy_code = :taxonomy_code,
            address_line1 = :address_line1, address_line2 = :address_line2, city = :city,
            state = :state, postal_code = :postal_code, phone = :phone
         WHERE id = 1",
        named_params! {
            ":provider_name": p.provider_name, ":credentials": p.credentials, ":npi": p.npi,
            ":ein": p.ein, ":license_number": p.license_number,
            ":license_state": p.license_state, ":taxonomy_code": p.taxonomy_code,
            ":address_line1": p.address_line1, ":address_line2": p.address_line2,
            ":city": p.city, ":state": p.state, ":postal_code": p.postal_code,
            ":phone": p.phone,
        },
    )?;
    Ok(())
}

/// Writes the (already checked) settings that travel with an export.
pub(crate) fn write_settings(conn: &Connection, settings: &Settings) -> Result<()> {
    conn.execute(
        "UPDATE settings SET auto_lock_minutes = ?1 WHERE id = 1",
        [settings.auto_lock_minutes],
    )?;
    Ok(())
}

/// Names of the fields that differ, in the profile's order.
fn changed_fields(before: &PracticeProfile, after: &PracticeProfile) -> Vec<String> {
    let (serde_json::Value::Object(a), serde_json::Value::Object(b)) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    ) else {
        return Vec::new();
    };
    a.iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The vault's settings.
#[tracing::instrument(skip(vault), err)]
pub fn settings(vault: &Vault) -> Result<Settings> {
    Ok(vault.conn().query_row(
        "SELECT auto_lock_minutes FROM settings WHERE id = 1",
        [],
        |r| {
            Ok(Settings {
                auto_lock_minutes: r.get(0)?,
            })
        },
    )?)
}

/// Saves the settings.
///
/// # Errors
/// [`Error::Invalid`] for an auto-lock time outside 1 to 240 minutes.
#[tracing::instrument(skip(vault), err)]
pub fn save_settings(vault: &mut Vault, settings: &Settings) -> Result<()> {
    if !(1..=240).contains(&settings.auto_lock_minutes) {
        return Err(Error::invalid(
            "auto_lock_minutes",
            "Auto-lock can be set from 1 to 240 minutes.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    write_settings(&tx, settings)?;
    audit::append(&tx, "settings.updated", "settings", "auto_lock_minutes")?;
    tx.commit()?;
    Ok(())
}
