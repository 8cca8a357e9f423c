//! The PDF writer: the same layout model as the DOCX, set by our own line breaker
//! and paginator, written as PDF objects (lopdf) with content streams we write
//! ourselves.
//!
//! printpdf 0.12 turned each line into operations and each operation into lopdf
//! objects and formatted those again: two thirds of the export's instructions went
//! there (callgrind, docs/benchmarks.md). The page content is now written straight
//! from the placed lines (`content`), and the faces embedded subset to the glyphs
//! the plan uses with a ToUnicode map (`embed`), so that the text extracts as the
//! NFC text of the plan.

pub mod content;
pub mod embed;
pub mod lines;
pub mod paginate;

use crate::fonts::{CharSet, FaceStyle, FontSet};
use crate::layout::Document;
use crate::world::World;
use crate::{Error, Result};
use embed::EmbeddedFace;
use embed::FontRef;
use lopdf::{dictionary, Object, Stream, StringFormat};
use paginate::Page;

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
                highlights.extend(l.highlights());
                for (x, p) in l.pieces() {
                    let (bold, italic) = match p.style {
                        FaceStyle::Regular => (false, false),
                        FaceStyle::Bold => (true, false),
                        FaceStyle::Italic => (false, true),
                        FaceStyle::BoldItalic => (true, true),
                    };
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
///
/// On one thread: measured on two cores, laying out the pages while another
/// thread cut the faces, and packing half of the pages on each, were slower than
/// one thread doing all (waking the second core cost more than it saved).
pub fn write(doc: &Document, world: &dyn World) -> Result<Vec<u8>> {
    let fonts = world.fonts();
    let pages = paginate(doc, fonts);
    let faces = embed_faces(fonts, &used_chars(&pages))?;
    render(doc, &pages, faces, world.today())
}

/// The characters each face prints on `pages`.
fn used_chars(pages: &[Page]) -> [CharSet; 4] {
    let mut used: [CharSet; 4] = Default::default();
    for l in pages.iter().flat_map(Page::all_lines) {
        for w in &l.line.words {
            for p in &w.pieces {
                used[p.style as usize].extend(p.text.chars());
            }
            used[w.space_style as usize].extend(w.space.chars());
        }
    }
    used
}

/// The faces that print something, each cut down to `chars` and packed, under
/// fixed resource names (the same plan gives the same file).
fn embed_faces(fonts: &FontSet, chars: &[CharSet; 4]) -> Result<Vec<Option<EmbeddedFace>>> {
    let mut packer = Packer::new(FONT_LEVEL);
    FaceStyle::ALL
        .iter()
        .zip(chars)
        .enumerate()
        .map(|(i, (style, chars))| {
            if chars.is_empty() {
                return Ok(None); // a face the plan does not use is not embedded
            }
            embed::embed(
                fonts.face(*style),
                chars,
                &format!("F{}", i + 1),
                &mut packer,
            )
            .map(Some)
        })
        .collect()
}

/// Draws laid-out pages with the embedded faces.
fn render(
    doc: &Document,
    pages: &[Page],
    faces: Vec<Option<EmbeddedFace>>,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let mut pdf = lopdf::Document::with_version("1.7");
    let mut refs: [Option<FontRef>; 4] = Default::default();
    let mut font_dict = lopdf::Dictionary::new();
    for (slot, face) in refs.iter_mut().zip(faces) {
        if let Some(face) = face {
            let (id, font) = face.add_to(&mut pdf);
            font_dict.set(font.resource.as_bytes(), Object::Reference(id));
            *slot = Some(font);
        }
    }
    let resources = pdf.add_object(dictionary! { "Font" => font_dict });
    let tree = pdf.new_object_id();
    let mut kids = Vec::with_capacity(pages.len());
    let mut id_hash = Fnv::new();
    let mut packer = Packer::new(CONTENT_LEVEL);
    for page in pages {
        let content = packer.stream(lopdf::Dictionary::new(), content::page(page, &refs));
        // The packed bytes: a third as many to hash.
        id_hash.write(&content.content);
        let contents = pdf.add_object(content);
        kids.push(Object::Reference(pdf.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => tree,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(page.width), Object::Real(page.height)],
            "Resources" => resources,
            "Contents" => contents,
        })));
    }
    let count = kids.len() as i64;
    pdf.objects.insert(
        tree,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    // The language for screen readers and text extraction (as the DOCX sets
    // w:lang), and the viewer's window showing the plan's title rather than a file
    // name (the file printed from the app is a temporary one).
    let catalog = pdf.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => tree,
        "Lang" => text_string(crate::layout::LANGUAGE),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
    });
    let date = Object::String(
        today.format("D:%Y%m%d000000Z").to_string().into_bytes(),
        StringFormat::Literal,
    );
    let info = pdf.add_object(dictionary! {
        "Title" => text_string(&doc.title),
        "Author" => text_string(&doc.author),
        "Creator" => text_string("kehoach"),
        "Producer" => text_string("kehoach"),
        "CreationDate" => date.clone(),
        "ModDate" => date,
    });
    id_hash.write(doc.title.as_bytes());
    // The file identifier from the content (ISO 32000-1, 14.4), not drawn at
    // random: the same plan gives byte-identical PDFs.
    let file_id = Object::String(id_hash.finish128().to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("Root", catalog);
    pdf.trailer.set("Info", info);
    pdf.trailer.set("ID", vec![file_id.clone(), file_id]);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| Error::Invalid(format!("không ghi được tệp PDF: {e}")))?;
    Ok(bytes)
}

/// Packs streams with Flate (deflate), reusing one compressor: a fresh one
/// allocates and zeroes its window for every stream, which was a tenth of the
/// export's instructions (callgrind).
pub struct Packer(flate2::Compress);

impl Packer {
    /// A packer deflating at zlib `level`.
    pub fn new(level: u32) -> Packer {
        Packer(flate2::Compress::new(flate2::Compression::new(level), true))
    }

    /// A stream of `content`, deflated unless that would not make it smaller.
    pub fn stream(&mut self, mut dict: lopdf::Dictionary, content: Vec<u8>) -> Stream {
        let z = &mut self.0;
        z.reset();
        let mut packed = Vec::with_capacity(content.len() / 2 + 64);
        loop {
            let consumed = z.total_in() as usize;
            let status = z.compress_vec(
                &content[consumed..],
                &mut packed,
                flate2::FlushCompress::Finish,
            );
            match status {
                Ok(flate2::Status::StreamEnd) => break,
                Ok(_) => packed.reserve(packed.capacity().max(4096)),
                Err(_) => return Stream::new(dict, content),
            }
        }
        if packed.len() + 19 < content.len() {
            dict.set("Filter", "FlateDecode");
            Stream::new(dict, packed)
        } else {
            Stream::new(dict, content)
        }
    }
}

/// zlib levels (measured: docs/benchmarks.md). The faces are most of a short
/// plan's file and are packed once: level 5. The page contents are most of a long
/// plan's work: level 1, which halved the export's wall-clock time against level
/// 5 for a file 11 % larger (0.91× LibreOffice's for 30 pages).
const FONT_LEVEL: u32 = 5;
const CONTENT_LEVEL: u32 = 1;

/// A text string in the document information: UTF-16BE with its byte order mark
/// when it is not plain ASCII (ISO 32000-1, 7.9.2.2).
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// FNV-1a over everything the file shows, for the file identifier.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish128(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.0.to_be_bytes());
        out[8..].copy_from_slice(&(self.0.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15).to_be_bytes());
        out
    }
}
