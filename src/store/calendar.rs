//! The calendar's sessions, loaded for [`crate::calendar`].

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{clients, practice, sessions};
use crate::calendar::{self, Entry, Titles};
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::zone::Zone;

/// The sessions booked from the first day to the last (both included, days in the practice's
/// zone), titled as chosen.
///
/// # Errors
/// [`Error::Invalid`] when the first day is after the last.
pub fn entries_between(
    vault: &Vault,
    first: NaiveDate,
    last: NaiveDate,
    titles: Titles,
) -> Result<Vec<Entry>> {
    if first > last {
        return Err(Error::invalid(
            "from",
            format!("The first day ({first}) is after the last ({last})."),
        ));
    }
    let zone = Zone::of(&practice::settings(vault)?);
    let after_last = last.succ_opt().unwrap_or(last);
    let booked =
        sessions::sessions_between(vault, zone.start_of(first), zone.start_of(after_last))?;
    let persons: HashMap<_, _> = clients::persons(vault)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    Ok(calendar::entries(&booked, &persons, titles, zone))
}
