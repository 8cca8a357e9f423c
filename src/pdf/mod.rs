//! The PDF writer: the same layout model as the DOCX, set by our own line breaker
//! and paginator, drawn with printpdf's low-level operations.
//!
//! printpdf places glyphs only. Lines are placed with absolute text matrices, and
//! justified by spacing adjustments inside `TJ` arrays (word spacing `Tw` has no
//! effect with two-byte fonts). The four faces are embedded subset to the glyphs the
//! plan uses (printpdf's own subsetter, allsorts), with a ToUnicode map so that the
//! text extracts as the NFC text of the plan.

pub mod lines;
pub mod paginate;

use crate::fonts::{FaceStyle, FontSet};
use crate::layout::{Document, PT_PER_MM};
use crate::world::World;
use crate::{Error, Result};
use paginate::{Page, PlacedLine};
use printpdf::{
    Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    TextMatrix, WindingOrder,
};
use std::collections::{BTreeMap, BTreeSet};

pub use paginate::paginate;

/// A page as the app previews it (xem trước): every stretch of text at its place,
/// rules and borders, highlights. Points from the top-left corner; the same pages
/// the PDF draws, so the preview is the print.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PreviewPage {
    pub width: f32,
    pub height: f32,
    pub texts: Vec<PreviewText>,
    pub strokes: Vec<paginate::Stroke>,
    /// Text not filled in yet: x, top, width, height.
    pub highlights: Vec<[f32; 4]>,
}

/// A stretch of text in one face, placed on its baseline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PreviewText {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
}

/// The pages of `doc`, for the preview.
pub fn preview(doc: &Document, fonts: &FontSet) -> Vec<PreviewPage> {
    paginate(doc, fonts)
        .iter()
        .map(|page| {
            let mut texts = Vec::new();
            let mut highlights = Vec::new();
            for l in page.all_lines() {
                for (x, p) in l.pieces() {
                    let (bold, italic) = match p.style {
                        FaceStyle::Regular => (false, false),
                        FaceStyle::Bold => (true, false),
                        FaceStyle::Italic => (false, true),
                        FaceStyle::BoldItalic => (true, true),
                    };
                    if p.placeholder {
                        highlights.push(l.highlight(x, p));
                    }
                    texts.push(PreviewText {
                        x,
                        y: l.baseline,
                        size: l.size,
                        bold,
                        italic,
                        text: p.text.clone(),
                    });
                }
            }
            PreviewPage {
                width: page.width,
                height: page.height,
                texts,
                strokes: page.strokes.clone(),
                highlights,
            }
        })
        .collect()
}

/// Writes `doc` as a PDF with the world's fonts.
pub fn write(doc: &Document, world: &dyn World) -> Result<Vec<u8>> {
    let fonts = world.fonts();
    let pages = paginate(doc, fonts);
    render(doc, &pages, fonts, world.today())
}

/// Draws laid-out pages.
pub fn render(
    doc: &Document,
    pages: &[Page],
    fonts: &FontSet,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.creator = "kehoach".into();
    pdf.metadata.info.producer = "kehoach".into();
    let midnight = today
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .timestamp();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(midnight) {
        pdf.metadata.info.creation_date = date;
        pdf.metadata.info.modification_date = date;
        pdf.metadata.info.metadata_date = date;
    }
    let used = used_chars(pages);
    let mut ids = Vec::new();
    for (i, style) in FaceStyle::ALL.iter().enumerate() {
        let Some(chars) = used.get(style) else {
            continue; // a face the plan does not use is not embedded
        };
        let parsed = subset_face(fonts.face(*style), chars)?;
        // Fixed resource names (printpdf would draw random ones), so that the same
        // plan gives the same file.
        let id = FontId(format!("F{}", i + 1));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        ids.push((*style, id));
    }
    let font_of = |s: FaceStyle| {
        ids.iter()
            .find(|(st, _)| *st == s)
            .map(|(_, id)| id.clone())
            .expect("all four faces are registered")
    };
    let pdf_pages = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm(page.width / PT_PER_MM),
                Mm(page.height / PT_PER_MM),
                ops(page, &font_of),
            )
        })
        .collect();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let pdf = pdf.with_pages(pdf_pages);
    let mut lo = printpdf::serialize::to_lopdf_doc(pdf, &opts, &mut warnings);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Invalid(format!("không ghi được tệp PDF: {e}")))?;
    stable_id(&mut bytes);
    Ok(bytes)
}

/// Deflates every stream not yet filtered, on two threads (office PCs have at least
/// two cores, and deflate is a fifth of the export).
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    // Alternate big and small streams between the halves (fonts are the big ones).
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let (mut a, mut b): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for (i, s) in streams.into_iter().enumerate() {
        if i % 2 == 0 {
            a.push(s)
        } else {
            b.push(s)
        }
    }
    std::thread::scope(|scope| {
        scope.spawn(move || deflate_all(a));
        deflate_all(b);
    });
}

/// One compressor per thread, reset between streams: a fresh one allocates and
/// zeroes its window for every stream, which was a tenth of the export's
/// instructions (callgrind).
fn deflate_all(streams: Vec<&mut lopdf::Stream>) {
    let mut z = flate2::Compress::new(flate2::Compression::new(COMPRESSION_LEVEL), true);
    for stream in streams {
        z.reset();
        let mut packed = Vec::with_capacity(stream.content.len() / 2 + 64);
        loop {
            let consumed = z.total_in() as usize;
            let status = z.compress_vec(
                &stream.content[consumed..],
                &mut packed,
                flate2::FlushCompress::Finish,
            );
            match status {
                Ok(flate2::Status::StreamEnd) => break,
                Ok(_) => packed.reserve(packed.capacity().max(4096)),
                Err(_) => return,
            }
        }
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// zlib level for PDF streams (measured: see docs/benchmarks.md).
const COMPRESSION_LEVEL: u32 = 5;

/// printpdf draws the trailer's file identifiers at random; they are replaced, at
/// the same length (so no offset moves), by a hash of the file, so that the same
/// plan gives byte-identical PDFs.
fn stable_id(bytes: &mut [u8]) {
    let Some(at) = find_last(bytes, b"/ID[(") else {
        return;
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes[..at] {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let hex = format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15);
    let mut i = at + 5;
    for _ in 0..2 {
        let end = bytes[i..].iter().position(|b| *b == b')').map(|p| i + p);
        let Some(end) = end else { return };
        if end - i == hex.len() {
            bytes[i..end].copy_from_slice(hex.as_bytes());
        }
        i = end + 2; // past ")("
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The characters each face prints.
fn used_chars(pages: &[Page]) -> BTreeMap<FaceStyle, BTreeSet<char>> {
    let mut used: BTreeMap<FaceStyle, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        for l in page.all_lines() {
            for w in &l.line.words {
                for p in &w.pieces {
                    used.entry(p.style).or_default().extend(p.text.chars());
                }
                if !w.space.is_empty() {
                    used.entry(w.space_style)
                        .or_default()
                        .extend(w.space.chars());
                }
            }
        }
    }
    used
}

/// The face cut down to the glyphs of `chars` (and the glyphs they are built
/// from), with a Unicode cmap so that printpdf maps text to glyphs and writes the
/// ToUnicode map. Its name carries a subset tag derived from the glyph set
/// (ISO 32000-1, 9.6.4), deterministic for the same text.
fn subset_face(face: &crate::fonts::Face, chars: &BTreeSet<char>) -> Result<ParsedFont> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let err = |e: String| Error::Invalid(format!("phông chữ {}: {e}", face.source));
    let ttf = ttf_parser::Face::parse(face.data(), 0).map_err(|e| err(e.to_string()))?;
    let mut gids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| ttf.glyph_index(*c))
        .map(|g| g.0)
        .collect();
    gids.remove(&0);
    // .notdef first: allsorts renumbers in the order given.
    let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
    let name = ttf
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| "Serif".to_owned());
    let scope = ReadScope::new(face.data());
    let data = scope
        .read::<FontData<'_>>()
        .map_err(|e| err(e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| err(e.to_string()))?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| err(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| err("không đọc lại được phông đã rút gọn".into()))?;
    parsed.font_name = Some(format!("{}+{name}", subset_tag(&ids)));
    Ok(parsed)
}

/// Six capital letters from a hash (FNV-1a) of the glyph ids.
fn subset_tag(ids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

fn ops(page: &Page, font_of: &dyn Fn(FaceStyle) -> FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    let flip = |y: f32| Pt(page.height - y);
    // Highlights behind text not yet filled in.
    let yellow = Color::Rgb(Rgb::new(1.0, 0.93, 0.2, None));
    let mut highlighted = false;
    for l in page.all_lines() {
        for (x, p) in l.pieces() {
            if p.placeholder {
                if !highlighted {
                    ops.push(Op::SetFillColor {
                        col: yellow.clone(),
                    });
                    highlighted = true;
                }
                let [x, top, w, h] = l.highlight(x, p);
                ops.push(Op::DrawPolygon {
                    polygon: rect(x, top, x + w, top + h, &flip),
                });
            }
        }
    }
    ops.push(Op::SetFillColor {
        col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
    });
    if !page.strokes.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)),
        });
        let mut thickness = -1.0;
        for s in &page.strokes {
            if (s.thickness - thickness).abs() > 0.001 {
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(s.thickness),
                });
                thickness = s.thickness;
            }
            ops.push(Op::DrawLine {
                line: PdfLine {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(s.x1),
                                y: flip(s.y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(s.x2),
                                y: flip(s.y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::StartTextSection);
    let mut current: Option<(FaceStyle, f32)> = None;
    for l in page.all_lines() {
        text_line(l, &flip, font_of, &mut current, &mut ops);
    }
    ops.push(Op::EndTextSection);
    ops
}

/// One line: an absolute text matrix, then the pieces, switching faces as needed;
/// a justified line's extra space goes in after each space as a `TJ` adjustment.
fn text_line(
    l: &PlacedLine,
    flip: &dyn Fn(f32) -> Pt,
    font_of: &dyn Fn(FaceStyle) -> FontId,
    current: &mut Option<(FaceStyle, f32)>,
    ops: &mut Vec<Op>,
) {
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(l.x), flip(l.baseline)),
    });
    let mut items: Vec<TextItem> = Vec::new();
    let flush = |items: &mut Vec<TextItem>, ops: &mut Vec<Op>| {
        if !items.is_empty() {
            ops.push(Op::ShowText {
                items: std::mem::take(items),
            });
        }
    };
    let mut set = |style: FaceStyle, items: &mut Vec<TextItem>, ops: &mut Vec<Op>| {
        if *current != Some((style, l.size)) {
            flush(items, ops);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_of(style)),
                size: Pt(l.size),
            });
            *current = Some((style, l.size));
        }
    };
    let n = l.line.words.len();
    for (wi, w) in l.line.words.iter().enumerate() {
        for p in &w.pieces {
            set(p.style, &mut items, ops);
            push_text(&mut items, &p.text);
        }
        if wi + 1 < n && !w.space.is_empty() {
            set(w.space_style, &mut items, ops);
            push_text(&mut items, &w.space);
            if l.stretch > 0.0 {
                // In thousandths of the font size; negative moves right.
                items.push(TextItem::Offset(-l.stretch * 1000.0 / l.size));
            }
        }
    }
    flush(&mut items, ops);
}

fn push_text(items: &mut Vec<TextItem>, text: &str) {
    match items.last_mut() {
        Some(TextItem::Text(t)) => t.push_str(text),
        _ => items.push(TextItem::Text(text.to_owned())),
    }
}

fn rect(x1: f32, top: f32, x2: f32, bottom: f32, flip: &dyn Fn(f32) -> Pt) -> Polygon {
    let pt = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(x),
            y: flip(y),
        },
        bezier: false,
    };
    Polygon {
        rings: vec![PolygonRing {
            points: vec![pt(x1, top), pt(x2, top), pt(x2, bottom), pt(x1, bottom)],
        }],
        mode: PaintMode::Fill,
        winding_order: WindingOrder::NonZero,
    }
}
