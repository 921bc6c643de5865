//! Text that flows down the page and onto the next: the long documents (reports, records)
//! are written as headings, labelled lines and paragraphs, and the flow turns pages.

use super::page::{Document, Face, Tone, HEIGHT, MARGIN, WIDTH};
use super::superbill::letterhead_left;
use crate::error::Result;
use crate::model::PracticeProfile;

/// The lowest baseline before a new page.
const BOTTOM: f32 = HEIGHT - 64.0;
/// Where a label's text starts.
const LABEL_WIDTH: f32 = 130.0;

/// A cursor over a [`Document`].
pub struct Flow {
    pub doc: Document,
    pub y: f32,
}

impl Flow {
    /// A new document with the practice's letterhead (logo, provider, `detail` under it), the
    /// document's `title` and `dated` on the right, and a rule; the flow starts under it.
    pub fn with_letterhead(
        title: &str,
        provider: &PracticeProfile,
        detail: &str,
        dated: &str,
        logo: Option<&[u8]>,
    ) -> Result<Flow> {
        let right = WIDTH - MARGIN;
        let mut doc = Document::new(title)?;
        let left = letterhead_left(&mut doc, logo)?;
        let name = if provider.credentials.is_empty() {
            provider.provider_name.clone()
        } else {
            format!("{}, {}", provider.provider_name, provider.credentials)
        };
        doc.text(left, 66.0, &name, Face::Semibold, 15.0, Tone::Ink);
        doc.text(left, 82.0, detail, Face::Regular, 9.0, Tone::Quiet);
        doc.text_right(right, 66.0, title, Face::Semibold, 18.0, Tone::Ink);
        doc.text_right(right, 82.0, dated, Face::Regular, 9.0, Tone::Quiet);
        doc.rule(MARGIN, right, 100.0, 0.8);
        Ok(Flow { doc, y: 122.0 })
    }

    /// A new page unless `needed` points fit above the bottom margin.
    pub(super) fn room(&mut self, needed: f32) {
        if self.y + needed > BOTTOM {
            self.doc.new_page();
            self.y = 72.0;
        }
    }

    /// A section heading with a rule under it.
    pub fn heading(&mut self, text: &str) {
        self.y += 10.0;
        self.room(40.0);
        self.doc
            .text(MARGIN, self.y, text, Face::Semibold, 12.5, Tone::Ink);
        self.doc.rule(MARGIN, WIDTH - MARGIN, self.y + 5.0, 0.5);
        self.y += 20.0;
    }

    /// A label and its text, the text wrapped beside the label.
    pub fn labelled(&mut self, label: &str, text: &str) {
        let width = WIDTH - 2.0 * MARGIN - LABEL_WIDTH;
        let lines = self.wrap(text, width, 10.0);
        self.room(13.5 * lines.len().min(3) as f32);
        self.doc
            .text(MARGIN, self.y, label, Face::Regular, 8.5, Tone::Quiet);
        for l in lines {
            self.room(13.5);
            self.doc.text(
                MARGIN + LABEL_WIDTH,
                self.y,
                &l,
                Face::Regular,
                10.0,
                Tone::Ink,
            );
            self.y += 13.5;
        }
        self.y += 2.0;
    }

    /// A paragraph across the page.
    pub fn paragraph(&mut self, text: &str, size: f32, tone: Tone) {
        for l in self.wrap(text, WIDTH - 2.0 * MARGIN, size) {
            self.room(size * 1.35);
            self.doc.text(MARGIN, self.y, &l, Face::Regular, size, tone);
            self.y += size * 1.35;
        }
        self.y += 4.0;
    }

    fn wrap(&self, text: &str, width: f32, size: f32) -> Vec<String> {
        let mut out = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.doc.width(&candidate, Face::Regular, size) > width {
                    out.push(std::mem::replace(&mut line, word.to_owned()));
                } else {
                    line = candidate;
                }
            }
            out.push(line);
        }
        if out.is_empty() {
            out.push(String::new());
        }
        out
    }

    /// The finished PDF.
    pub fn finish(self) -> Vec<u8> {
        self.doc.finish()
    }
}
