//! The practice profile and the vault's settings: one row each.

use rusqlite::{named_params, Connection};

use super::audit;
use crate::error::{Error, Result};
use crate::model::{PracticeProfile, ScheduleSettings, Settings, VitalRanges};
use crate::rules::practice::{profile_problems, settings_problems};
use crate::vault::Vault;

const PROFILE_COLUMNS: &str = "provider_name, credentials, npi, ein, license_number, \
    license_state, taxonomy_code, address_line1, address_line2, city, state, postal_code, phone";

pub(crate) fn read_profile(conn: &Connection) -> Result<PracticeProfile> {
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

/// Today where the practice is (its time zone in Settings, else this computer's).
pub fn today(vault: &Vault, now: chrono::DateTime<chrono::Utc>) -> Result<chrono::NaiveDate> {
    Ok(crate::zone::Zone::of(&read_settings(vault.conn())?).date_of(now))
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
    let v = &settings.vitals;
    conn.execute(
        "UPDATE settings SET auto_lock_minutes = ?1, time_zone = ?2, licensed_states = ?3, \
         vitals_every_minutes = ?4, systolic_max = ?5, diastolic_max = ?6, heart_rate_min = ?7, \
         heart_rate_max = ?8, spo2_min = ?9, date_style = ?10, temperature = ?11, \
         working_days = ?12, observation_minutes = ?13, integration_minutes = ?14 WHERE id = 1",
        rusqlite::params![
            settings.auto_lock_minutes,
            settings.time_zone,
            settings.licensed_states.join(","),
            v.every_minutes,
            v.systolic_max,
            v.diastolic_max,
            v.heart_rate_min,
            v.heart_rate_max,
            v.spo2_min,
            super::enum_text(&settings.date_style),
            super::enum_text(&settings.temperature),
            settings
                .schedule
                .working_days
                .iter()
                .map(super::enum_text)
                .collect::<Vec<_>>()
                .join(","),
            settings.schedule.observation_minutes,
            settings.schedule.integration_minutes,
        ],
    )?;
    Ok(())
}

/// The settings as stored: the zone trimmed, states upper-case.
pub(crate) fn normalized(settings: &Settings) -> Settings {
    Settings {
        time_zone: settings.time_zone.trim().to_owned(),
        licensed_states: settings
            .licensed_states
            .iter()
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
            .collect(),
        schedule: ScheduleSettings {
            working_days: {
                let mut days = settings.schedule.working_days.clone();
                days.sort();
                days.dedup();
                days
            },
            ..settings.schedule.clone()
        },
        ..settings.clone()
    }
}

/// Names of the fields that differ, in the profile's order.
fn changed_fields(before: &PracticeProfile, after: &PracticeProfile) -> Vec<String> {
    changed_names(before, after)
}

/// Names of the top-level fields of two values of one type that differ.
fn changed_names<T: serde::Serialize>(before: &T, after: &T) -> Vec<String> {
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
    read_settings(vault.conn())
}

pub(crate) fn read_settings(conn: &Connection) -> Result<Settings> {
    Ok(conn.query_row(
        "SELECT auto_lock_minutes, time_zone, licensed_states, vitals_every_minutes, \
         systolic_max, diastolic_max, heart_rate_min, heart_rate_max, spo2_min, date_style, \
         temperature, working_days, observation_minutes, integration_minutes \
         FROM settings WHERE id = 1",
        [],
        |r| {
            let states: String = r.get(2)?;
            Ok(Settings {
                auto_lock_minutes: r.get(0)?,
                time_zone: r.get(1)?,
                licensed_states: states
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                vitals: VitalRanges {
                    every_minutes: r.get(3)?,
                    systolic_max: r.get(4)?,
                    diastolic_max: r.get(5)?,
                    heart_rate_min: r.get(6)?,
                    heart_rate_max: r.get(7)?,
                    spo2_min: r.get(8)?,
                },
                date_style: super::text_enum(r.get(9)?)?,
                temperature: super::text_enum(r.get(10)?)?,
                schedule: ScheduleSettings {
                    working_days: r
                        .get::<_, String>(11)?
                        .split(',')
                        .filter(|d| !d.is_empty())
                        .map(|d| super::text_enum(d.to_owned()))
                        .collect::<rusqlite::Result<_>>()?,
                    observation_minutes: r.get(12)?,
                    integration_minutes: r.get(13)?,
                },
            })
        },
    )?)
}

/// Saves the settings.
///
/// # Errors
/// [`Error::Invalid`] for the first of [`settings_problems`].
#[tracing::instrument(skip(vault), err)]
pub fn save_settings(vault: &mut Vault, settings: &Settings) -> Result<()> {
    let settings = normalized(settings);
    if let Some(p) = settings_problems(&settings).into_iter().next() {
        return Err(Error::invalid(p.field, p.message));
    }
    let changed = changed_names(&self::settings(vault)?, &settings).join(",");
    let tx = vault.conn_mut().transaction()?;
    write_settings(&tx, &settings)?;
    audit::append(&tx, "settings.updated", "settings", &changed)?;
    tx.commit()?;
    Ok(())
}

/// The practice's logo for superbills and receipts, if she chose one.
pub fn logo(vault: &Vault) -> Result<Option<Vec<u8>>> {
    Ok(vault
        .conn()
        .query_row("SELECT logo FROM practice WHERE id = 1", [], |r| r.get(0))?)
}

/// Sets the logo from an image file she chose, or removes it with `None`; whether one is set.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`save_logo`].
pub fn save_logo_file(vault: &mut Vault, file: Option<&std::path::Path>) -> Result<bool> {
    let bytes = file
        .map(|f| std::fs::read(f).map_err(Error::file("read the logo file", f)))
        .transpose()?;
    save_logo(vault, bytes.as_deref())?;
    Ok(bytes.is_some())
}

/// Sets the logo (PNG or JPEG), or removes it with `None`.
///
/// # Errors
/// [`Error::Invalid`] for a file that is not a PNG or JPEG Attune can print, or over 2 MB;
/// the logo already saved is kept then.
#[tracing::instrument(skip_all, err)]
pub fn save_logo(vault: &mut Vault, logo: Option<&[u8]>) -> Result<()> {
    if let Some(bytes) = logo {
        crate::pdf::check_logo(bytes)?;
    }
    let tx = vault.conn_mut().transaction()?;
    tx.execute("UPDATE practice SET logo = ?1 WHERE id = 1", [logo])?;
    audit::append(
        &tx,
        "practice.logo",
        "practice",
        if logo.is_some() { "set" } else { "removed" },
    )?;
    tx.commit()?;
    Ok(())
}
