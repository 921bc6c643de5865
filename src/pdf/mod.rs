//! Printing: superbills and receipts on US Letter with printpdf, in Source Sans 3 (SIL Open
//! Font License, full Latin coverage) embedded from `assets/fonts`, so "Zoë Ñúñez" and
//! "Þórunn" print right and every word is real, selectable text.

mod estimate;
mod flow;
mod page;
mod plan;
mod receipt;
mod record;
mod session_report;
mod superbill;

pub use estimate::estimate_pdf;
pub use plan::{plan_pdf, PlanPrint};
pub use receipt::receipt_pdf;
pub use record::{record_pdf, PREAMBLE as RECORD_PREAMBLE};
pub use session_report::{session_report_pdf, NOTICE as SESSION_REPORT_NOTICE};
pub use superbill::superbill_pdf;

use crate::error::{Error, Result};

/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// Whether `bytes` is a logo Attune can print.
///
/// # Errors
/// [`Error::Invalid`] with a sentence for a file that is not a PNG or JPEG, or too large.
pub fn check_logo(bytes: &[u8]) -> Result<()> {
    page::decode(bytes).map(|_| ())
}

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/SourceSans3-Regular.ttf");
const SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/SourceSans3-Semibold.ttf");

/// The two faces, parsed.
pub(crate) struct Faces {
    regular: printpdf::ParsedFont,
    semibold: printpdf::ParsedFont,
}

impl Faces {
    fn load() -> Result<Faces> {
        let parse = |bytes: &[u8]| {
            printpdf::ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| {
                Error::VaultCorrupt {
                    path: std::path::PathBuf::from("assets/fonts"),
                    detail: "the embedded font could not be read".to_owned(),
                }
            })
        };
        Ok(Faces {
            regular: parse(REGULAR)?,
            semibold: parse(SEMIBOLD)?,
        })
    }
}

/// Writes `bytes` (a PDF) to `path` durably: a crash mid-write leaves the old file or none.
///
/// # Errors
/// [`Error::Invalid`] when the file exists and `existing` refuses; [`Error::Io`] when it
/// cannot be written (the folder is left as it was).
pub fn write_pdf(
    path: &std::path::Path,
    bytes: &[u8],
    existing: crate::files::Existing,
) -> Result<()> {
    use std::io::Write;
    crate::files::write_durably(path, existing, |mut w| {
        w.write_all(bytes).map_err(Error::io("write the PDF"))?;
        Ok(w)
    })
}
