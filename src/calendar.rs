//! Her calendar as it leaves the app: an iCalendar (`.ics`) file she imports into her own
//! calendar, or JSON, for the sessions between two days. A title says as little as she chooses:
//! the partners' initials by default, the kind of session, or full names. Nothing clinical
//! travels (no diagnosis, note, dose or reflection): a phone's calendar is not the chart.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::model::{Person, Session, SessionStatus};
use crate::zone::Zone;

/// What a title shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Titles {
    /// The partners' initials ("Z.Ñ. & S.O."), and the kind of session.
    #[default]
    Initials,
    /// The kind of session only.
    Kind,
    /// The partners' names, and the kind of session.
    Names,
}

impl std::str::FromStr for Titles {
    type Err = String;
    fn from_str(text: &str) -> Result<Titles, String> {
        match text {
            "initials" => Ok(Titles::Initials),
            "kind" => Ok(Titles::Kind),
            "names" => Ok(Titles::Names),
            _ => Err("A title shows initials, kind or names.".to_owned()),
        }
    }
}

/// One booked session as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The session's id.
    pub id: String,
    /// Its title, as chosen.
    pub title: String,
    /// When it starts, in the practice's zone (RFC 3339 with the zone's offset).
    pub start: String,
    /// When it is planned to end.
    pub end: String,
    /// Its kind, in words.
    pub kind: String,
    /// Where, in words.
    pub setting: String,
    /// Cancelled or missed sessions stay listed, marked.
    pub cancelled: bool,
}

/// "Zoë Ñúñez" → "Z.Ñ."
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .map(|c| format!("{c}."))
        .collect()
}

/// The calendar entries of these sessions, titled as chosen, times in the practice's zone.
pub fn entries(
    sessions: &[Session],
    persons: &HashMap<String, Person>,
    titles: Titles,
    zone: Zone,
) -> Vec<Entry> {
    sessions
        .iter()
        .map(|s| {
            let people: Vec<String> = s
                .attendees
                .iter()
                .chain(s.person_id.iter())
                .filter_map(|id| persons.get(id))
                .map(|p| match titles {
                    Titles::Names => display_name(p),
                    _ => initials(&p.legal_name),
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let kind = s.kind.label();
            let title = match titles {
                Titles::Kind => kind.to_owned(),
                _ if people.is_empty() => kind.to_owned(),
                _ => format!("{}: {kind}", people.join(" & ")),
            };
            let end = s.scheduled_at + Duration::minutes(i64::from(s.planned_minutes));
            Entry {
                id: s.id.clone(),
                title,
                start: zone.offset_time(s.scheduled_at),
                end: zone.offset_time(end),
                kind: kind.to_owned(),
                setting: s.setting.label().to_owned(),
                cancelled: matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow),
            }
        })
        .collect()
}

fn display_name(p: &Person) -> String {
    if p.preferred_name.trim().is_empty() {
        p.legal_name.clone()
    } else {
        p.preferred_name.clone()
    }
}

/// RFC 5545 text: backslash, semicolon, comma and line breaks escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A content line folded at 75 octets (never inside a character), ended by CRLF.
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The entries as an iCalendar file. Times are in UTC, which every calendar shows in its own
/// zone; `stamp` is when the file was made.
pub fn ics(entries: &[Entry], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Attune//Attune calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(&mut out, l);
    }
    for e in entries {
        let at = |t: &str| {
            DateTime::parse_from_rfc3339(t).map_or_else(|_| t.to_owned(), |t| utc_stamp(t.into()))
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@attune", e.id));
        line(&mut out, &format!("DTSTAMP:{}", utc_stamp(stamp)));
        line(&mut out, &format!("DTSTART:{}", at(&e.start)));
        line(&mut out, &format!("DTEND:{}", at(&e.end)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.title)));
        line(&mut out, &format!("LOCATION:{}", escape(&e.setting)));
        let status = if e.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_keep_accents_and_skip_punctuation() {
        for (name, expected) in [
            ("Zoë Ñúñez", "Z.Ñ."),
            ("Þórunn Magnúsdóttir", "Þ.M."),
            ("Sam  O'Kafor-Brooks", "S.O."),
            ("émile", "É."),
        ] {
            assert_eq!(initials(name), expected, "initials of {name}");
        }
    }

    #[test]
    fn long_lines_fold_without_splitting_a_character() {
        let mut out = String::new();
        let summary = format!("SUMMARY:{}", "Ñúñez ".repeat(30));
        line(&mut out, &summary);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                l.len() <= 75,
                "every physical line is 75 octets or fewer: {l:?}"
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded.strip_suffix("\r\n"),
            Some(summary.as_str()),
            "unfolding gives the line back"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("a,b;c\\d\ne"),
            "a\\,b\\;c\\\\d\\ne",
            "RFC 5545 escapes"
        );
    }
}
