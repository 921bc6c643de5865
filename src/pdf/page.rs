//! A small drawing surface over printpdf: text placed by its baseline from the top of a US
//! Letter page, measured so amounts align right, and hairlines.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, XObjectTransform,
};

use super::Faces;
use crate::error::Result;

/// US Letter, in points.
pub const WIDTH: f32 = 612.0;
/// US Letter, in points.
pub const HEIGHT: f32 = 792.0;
/// Margins.
pub const MARGIN: f32 = 54.0;

/// Regular or semibold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Semibold,
}

/// Text color: ink or a quieter grey for labels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ink,
    Quiet,
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// The image in `bytes`, or a sentence saying it cannot be printed.
pub fn decode(bytes: &[u8]) -> Result<RawImage> {
    let refused = || {
        crate::error::Error::invalid(
            "logo",
            "This file is not a PNG or JPEG image Attune can print. Choose another.",
        )
    };
    if bytes.len() > super::MAX_LOGO_BYTES {
        return Err(crate::error::Error::invalid(
            "logo",
            "This image is larger than 2 MB; a logo needs far less. Choose a smaller file.",
        ));
    }
    let image = RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|_| refused())?;
    if image.width == 0 || image.height == 0 {
        return Err(refused());
    }
    Ok(image)
}

pub struct Document {
    faces: Faces,
    doc: PdfDocument,
    regular: FontId,
    semibold: FontId,
    pages: Vec<Vec<Op>>,
}

impl Document {
    pub fn new(title: &str) -> Result<Document> {
        let faces = Faces::load()?;
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.creator = "Attune".to_owned();
        doc.metadata.info.producer = "Attune".to_owned();
        let regular = doc.add_font(&faces.regular);
        let semibold = doc.add_font(&faces.semibold);
        Ok(Document {
            faces,
            doc,
            regular,
            semibold,
            pages: vec![Vec::new()],
        })
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a document always has a page")
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let font = match face {
            Face::Regular => &self.faces.regular,
            Face::Semibold => &self.faces.semibold,
        };
        let per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(u32::from(c))
                    .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
            })
            .sum();
        #[allow(clippy::cast_precision_loss)]
        let units = units as f32;
        units / per_em * size
    }

    /// Text with its baseline `y` points below the top of the page, starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, face: Face, size: f32, tone: Tone) {
        if text.is_empty() {
            return;
        }
        let font = match face {
            Face::Regular => self.regular.clone(),
            Face::Semibold => self.semibold.clone(),
        };
        let col = match tone {
            Tone::Ink => rgb(0.11, 0.13, 0.16),
            Tone::Quiet => rgb(0.40, 0.43, 0.47),
        };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor { col },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(HEIGHT - y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Text ending at `right`.
    pub fn text_right(
        &mut self,
        right: f32,
        y: f32,
        text: &str,
        face: Face,
        size: f32,
        tone: Tone,
    ) {
        let w = self.width(text, face, size);
        self.text(right - w, y, text, face, size, tone);
    }

    /// An image (PNG or JPEG) scaled to fit `max_width` × `max_height` points with its top-left
    /// corner at `x`, `top` points below the top of the page; returns its width in points.
    pub fn image(
        &mut self,
        bytes: &[u8],
        x: f32,
        top: f32,
        max_width: f32,
        max_height: f32,
    ) -> Result<f32> {
        let image = decode(bytes)?;
        #[allow(clippy::cast_precision_loss)]
        let (w, h) = (image.width as f32, image.height as f32);
        // A pixel is 72 / dpi points: the dpi that makes the image just fit the box.
        let dpi = (w * 72.0 / max_width).max(h * 72.0 / max_height).max(1.0);
        let (width, height) = (w * 72.0 / dpi, h * 72.0 / dpi);
        let id = self.doc.add_image(&image);
        self.ops().push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(HEIGHT - top - height)),
                dpi: Some(dpi),
                ..XObjectTransform::default()
            },
        });
        Ok(width)
    }

    /// A hairline from `x1` to `x2`, `y` below the top.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, weight: f32) {
        let p = |x: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(HEIGHT - y),
            },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor {
                col: rgb(0.55, 0.58, 0.62),
            },
            Op::SetOutlineThickness { pt: Pt(weight) },
            Op::DrawLine {
                line: Line {
                    points: vec![p(x1), p(x2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A pale band behind a table header, from `top` down `height` points.
    pub fn band(&mut self, x: f32, top: f32, width: f32, height: f32) {
        self.ops().extend([
            Op::SetFillColor {
                col: rgb(0.93, 0.95, 0.96),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(HEIGHT - top - height),
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }

    /// Words wrapped to `width`, a baseline every 1.35 × `size` points from `y`; returns the
    /// baseline after the last line.
    pub fn paragraph(
        &mut self,
        x: f32,
        mut y: f32,
        width: f32,
        text: &str,
        size: f32,
        tone: Tone,
    ) -> f32 {
        let leading = size * 1.35;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, Face::Regular, size) > width {
                self.text(x, y, &line, Face::Regular, size, tone);
                y += leading;
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        self.text(x, y, &line, Face::Regular, size, tone);
        y + leading
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|ops| {
                PdfPage::new(
                    printpdf::Mm::from(Pt(WIDTH)),
                    printpdf::Mm::from(Pt(HEIGHT)),
                    ops,
                )
            })
            .collect();
        let mut warnings = Vec::new();
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}
