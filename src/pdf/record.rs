//! A client's own record, for the right of access.

use super::flow::Flow;
use super::page::{Document, Face, Tone, MARGIN, WIDTH};
use super::superbill::{letterhead_left, us_date};
use crate::error::Result;
use crate::report::record::ClientRecord;

const RIGHT: f32 = WIDTH - MARGIN;

/// What the record is, printed under its title.
pub const PREAMBLE: &str = "A copy of this client's own record, provided at their request \
     (45 CFR 164.524). In joint sessions it holds their own information only: other partners \
     appear as \"partner\".";

/// The PDF of a client's record.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build), or the logo cannot be drawn.
pub fn record_pdf(record: &ClientRecord, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let p = &record.provider;
    let mut doc = Document::new("Client record")?;
    let left = letterhead_left(&mut doc, logo)?;
    let provider = if p.credentials.is_empty() {
        p.provider_name.clone()
    } else {
        format!("{}, {}", p.provider_name, p.credentials)
    };
    doc.text(left, 66.0, &provider, Face::Semibold, 15.0, Tone::Ink);
    doc.text(left, 82.0, &p.phone, Face::Regular, 9.0, Tone::Quiet);
    doc.text_right(
        RIGHT,
        66.0,
        "Client record",
        Face::Semibold,
        18.0,
        Tone::Ink,
    );
    doc.text_right(
        RIGHT,
        82.0,
        &format!("Prepared {}", us_date(record.issued_on)),
        Face::Regular,
        9.0,
        Tone::Quiet,
    );
    doc.rule(MARGIN, RIGHT, 100.0, 0.8);
    let mut flow = Flow::new(doc, 122.0);
    flow.paragraph(PREAMBLE, 9.0, Tone::Quiet);
    flow.heading(&record.name);
    for l in &record.details {
        flow.labelled(&l.label, &l.text);
    }
    let none = |v: &[String]| {
        if v.is_empty() {
            "None recorded".to_owned()
        } else {
            v.join("\n")
        }
    };
    flow.labelled("Diagnoses", &none(&record.diagnoses));
    flow.heading("Sessions");
    if record.sessions.is_empty() {
        flow.paragraph("None", 10.0, Tone::Ink);
    }
    for s in &record.sessions {
        flow.labelled("Session", &s.heading);
        for l in s
            .facts
            .iter()
            .chain(&s.note)
            .chain(&s.addenda)
            .chain(&s.reflections)
        {
            flow.labelled(&l.label, &l.text);
        }
        flow.y += 6.0;
    }
    flow.heading("Measures");
    flow.paragraph(&none(&record.measures), 10.0, Tone::Ink);
    Ok(flow.finish())
}
