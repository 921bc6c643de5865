//! A client's own record, for the right of access.

use super::flow::Flow;
use super::page::Tone;
use super::superbill::us_date;
use crate::error::Result;
use crate::report::record::ClientRecord;

/// What the record is, printed under its title.
pub const PREAMBLE: &str = "A copy of this client's own record, provided at their request \
     (45 CFR 164.524). In joint sessions it holds their own information only: other partners \
     appear as \"partner\".";

/// The PDF of a client's record.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build), or the logo cannot be drawn.
pub fn record_pdf(record: &ClientRecord, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let mut flow = Flow::with_letterhead(
        "Client record",
        &record.provider,
        &record.provider.phone,
        &format!("Prepared {}", us_date(record.issued_on)),
        logo,
    )?;
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
