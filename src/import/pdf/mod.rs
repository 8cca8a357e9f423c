//! Born-digital PDFs as Word, LibreOffice and the document systems write them:
//! the text of every page in reading order, with its weight, its indent and
//! whether it reaches the right edge; tables found from their ruling lines;
//! page numbers and running headers dropped; old TCVN3 and VNI text decoded.
//!
//! Objects are read with lopdf (already the writer's object model): it follows
//! incremental updates, so a signed PDF reads as the unsigned one, opens files
//! encrypted with an empty user password (printing restrictions), and bounds
//! what a stream may inflate to. The text layout is ours ([`layout`]), because
//! the reading order of an ND30 document is particular: the two-column header
//! and footer must not interleave.

mod cmap;
mod content;
mod font;
mod layout;
mod obj;

use super::legacy::{self, Encoding};
use super::lines::{is_page_number, SourceLine};
use super::source::Piece;
use super::table::{Cell, Row, Table};
use super::ImportNote;
use crate::{Error, Result};
use content::Fonts;
use layout::{Item, PLine};

/// The largest PDF read: a plan of hundreds of pages with images is well under.
pub const MAX_PDF: usize = 128 * 1024 * 1024;

/// A PDF's pieces in reading order, and notes on what could not be read.
pub fn read(bytes: &[u8], name: &str) -> Result<(Vec<Piece>, Vec<ImportNote>)> {
    read_with_scans(bytes, name).map(|(pieces, notes, _)| (pieces, notes))
}

/// [`read`], and the pages that are scans (images without text), which the
/// pieces leave out: a partly scanned PDF's scanned pages, for OCR.
pub fn read_with_scans(
    bytes: &[u8],
    name: &str,
) -> Result<(Vec<Piece>, Vec<ImportNote>, Vec<u32>)> {
    if bytes.len() > MAX_PDF {
        return Err(Error::FileTooLarge {
            file: name.to_owned(),
            size_mb: Some((bytes.len() >> 20) as u64),
            limit_mb: (MAX_PDF >> 20) as u64,
        });
    }
    match std::panic::catch_unwind(|| read_unguarded(bytes, name)) {
        Ok(r) => r,
        Err(_) => Err(Error::Invalid(format!(
            "{name}: tệp PDF hỏng hoặc có cấu trúc lạ, không đọc được"
        ))),
    }
}

fn bad(name: &str, why: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("{name}: không đọc được tệp PDF ({why})"))
}

/// A page read: its items, its size, whether it is a scan.
struct PageRead {
    items: Vec<Item>,
    height: f32,
    scanned: bool,
}

fn read_unguarded(bytes: &[u8], name: &str) -> Result<(Vec<Piece>, Vec<ImportNote>, Vec<u32>)> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(obj::MAX_STREAM),
        ..Default::default()
    };
    let (doc, repaired) = match load(bytes, options) {
        Ok(d) => d,
        Err(e) if is_password_error(&e) => {
            return Err(Error::PdfPassword {
                file: name.to_owned(),
            })
        }
        Err(e) => return Err(unreadable(name, &e)),
    };
    if doc.is_encrypted() && doc.authenticate_user_password("").is_err() {
        return Err(Error::PdfPassword {
            file: name.to_owned(),
        });
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(bad(name, "không có trang nào"));
    }
    let mut fonts = Fonts::default();
    let mut read: Vec<PageRead> = Vec::with_capacity(pages.len());
    let mut unreadable = Vec::new();
    for (no, id) in &pages {
        let page = content::read_page(&doc, *id, &mut fonts)
            .map_err(|why| bad(name, format!("trang {no}: {why}")))?;
        let chars: usize = page.glyphs.iter().map(|g| g.text.chars().count()).sum();
        let area = page.width * page.height;
        let scanned = chars < 20 && page.image_area >= 0.3 * area;
        if page.unreadable > 20 {
            unreadable.push(*no);
        }
        read.push(PageRead {
            items: layout::items(&page),
            height: page.height,
            scanned,
        });
    }
    let scanned: Vec<u32> = pages
        .keys()
        .zip(&read)
        .filter(|(_, p)| p.scanned)
        .map(|(n, _)| *n)
        .collect();
    if scanned.len() == read.len() {
        return Err(Error::ScannedPdf {
            file: name.to_owned(),
            pages: read.len(),
        });
    }
    let mut notes = Vec::new();
    if repaired {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "pdf_repaired",
            message: "bảng tham chiếu (xref) của tệp PDF lệch chỗ, đã được tìm lại như các trình đọc PDF vẫn làm: tệp có thể đã bị sửa hỏng, cần đối chiếu với bản gốc".into(),
            ..Default::default()
        });
    }
    if !scanned.is_empty() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "scanned_pages",
            message: format!(
                "{} là ảnh quét, không có chữ: nội dung {} chưa được nhập, cần nhập tay hoặc xin bản PDF gốc",
                pages_list(&scanned),
                if scanned.len() == 1 { "trang này" } else { "các trang này" }
            ),
            ..Default::default()
        });
    }
    if !unreadable.is_empty() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "unreadable_font",
            message: format!(
                "{} có chữ viết bằng phông không kèm bảng mã Unicode: phần chữ đó không đọc được, cần xem lại",
                pages_list(&unreadable)
            ),
            ..Default::default()
        });
    }
    drop_running_lines(&mut read);
    let encodings = encodings(&fonts, &read);
    for (i, enc) in encodings.iter().enumerate() {
        if let Some(e) = enc {
            notes.push(ImportNote {
                severity: crate::diag::Severity::Note,
                code: "old_encoding",
                message: format!(
                    "chữ viết bằng phông «{}» (bảng mã cũ {}) đã được chuyển sang Unicode: cần xem lại",
                    fonts.list[i].name,
                    e.name()
                ),
                ..Default::default()
            });
        }
    }
    let reader = Reader {
        fonts: &fonts,
        encodings: &encodings,
    };
    let mut pieces: Vec<Piece> = Vec::new();
    // A table at the end of one page and the start of the next is one table.
    let mut open_table: Option<(Vec<f32>, Table)> = None;
    for (no, page) in pages.keys().zip(read) {
        let mut line_no = 0;
        for item in page.items {
            match item {
                Item::Line(l) => {
                    if let Some((_, t)) = open_table.take() {
                        pieces.push(Piece::Table(t));
                    }
                    line_no += 1;
                    pieces.push(Piece::Line(reader.source_line(&l, *no, line_no)));
                }
                Item::Table(t) => {
                    let table = reader.table(&t, *no, line_no + 1);
                    match open_table.take() {
                        Some((xs, mut prev))
                            if crate::import::grid::same_columns(&xs, &t.xs, 3.0) =>
                        {
                            prev.rows.extend(table.rows);
                            open_table = Some((xs, prev));
                        }
                        Some((_, prev)) => {
                            pieces.push(Piece::Table(prev));
                            open_table = Some((t.xs.clone(), table));
                        }
                        None => open_table = Some((t.xs.clone(), table)),
                    }
                }
            }
        }
    }
    if let Some((_, t)) = open_table {
        pieces.push(Piece::Table(t));
    }
    Ok((pieces, notes, scanned))
}

/// `trang 3`, `các trang 3, 5, 7`.
fn pages_list(pages: &[u32]) -> String {
    let list: Vec<String> = pages.iter().map(u32::to_string).collect();
    if pages.len() == 1 {
        format!("trang {}", list[0])
    } else {
        format!("các trang {}", list.join(", "))
    }
}

fn is_password_error(e: &lopdf::Error) -> bool {
    let s = format!("{e:?}").to_lowercase();
    s.contains("password") || s.contains("decrypt")
}

/// A PDF lopdf could not load, said in Vietnamese (its own words go to the log).
pub(crate) fn unreadable(name: &str, e: &lopdf::Error) -> Error {
    bad(name, describe(name, e))
}

/// What went wrong, in Vietnamese; the library's own words go to the log.
fn describe(name: &str, e: &lopdf::Error) -> String {
    let s = e.to_string();
    crate::places::log("kehoach.log", &format!("{name}: lopdf: {s}"));
    if s.contains("MemoryLimit") || s.contains("limit") {
        "một luồng dữ liệu giải nén quá lớn (có thể là tệp độc hại)".into()
    } else if s.to_lowercase().contains("header") {
        "không phải tệp PDF".into()
    } else if s.to_lowercase().contains("trailer") || s.to_lowercase().contains("xref") {
        "bảng tham chiếu (xref) cuối tệp bị hỏng hoặc thiếu: tệp chưa tải hết hoặc bị sửa hỏng; hãy xin lại tệp".into()
    } else {
        "tệp bị hỏng hoặc không trọn vẹn; hãy xin lại tệp".into()
    }
}

/// The document, and whether its cross-reference section had to be found: a
/// table a few bytes from where the file says it is (an editor that added or
/// removed bytes) is found as poppler finds it.
pub(crate) fn load(
    bytes: &[u8],
    options: lopdf::LoadOptions,
) -> std::result::Result<(lopdf::Document, bool), lopdf::Error> {
    match lopdf::Document::load_mem_with_options(bytes, options.clone()) {
        Ok(d) => Ok((d, false)),
        Err(e) if is_password_error(&e) => Err(e),
        Err(e) => match with_startxref_repaired(bytes) {
            Some(fixed) => lopdf::Document::load_mem_with_options(&fixed, options)
                .map(|d| (d, true))
                .map_err(|_| e),
            None => Err(e),
        },
    }
}

/// The file with its `startxref` pointing at the cross-reference section nearest
/// to where it said (a classic `xref` table, or an xref stream's object), when
/// that is elsewhere; `None` when there is nothing to repair.
fn with_startxref_repaired(bytes: &[u8]) -> Option<Vec<u8>> {
    let find_last =
        |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let at = find_last(bytes, b"startxref")?;
    let said: usize = std::str::from_utf8(bytes.get(at + 9..(at + 40).min(bytes.len()))?)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    // Candidates: every `xref` keyword at a line start, and every xref stream's
    // `N G obj`, before the `startxref`.
    let mut candidates = Vec::new();
    for (i, w) in bytes[..at].windows(4).enumerate() {
        if w == b"xref" && i > 0 && matches!(bytes[i - 1], b'\n' | b'\r') {
            candidates.push(i);
        }
    }
    for (i, _) in bytes[..at]
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == b"/XRef")
    {
        // Back to the start of the object's header line.
        let obj = find_last(&bytes[..i], b" obj")?;
        let line = bytes[..obj]
            .iter()
            .rposition(|b| matches!(b, b'\n' | b'\r'))
            .map_or(0, |p| p + 1);
        candidates.push(line);
    }
    let nearest = candidates
        .into_iter()
        .filter(|c| *c != said)
        .min_by_key(|c| c.abs_diff(said))?;
    if nearest.abs_diff(said) > 4096 {
        return None;
    }
    let mut fixed = bytes[..at].to_vec();
    fixed.extend_from_slice(format!("startxref\n{nearest}\n%%EOF\n").as_bytes());
    Some(fixed)
}

/// Drops page numbers and running headers: lines in the top or bottom margin that
/// are a number, or that repeat (numbers aside) on most pages.
fn drop_running_lines(pages: &mut [PageRead]) {
    let key = |l: &PLine| -> String {
        l.segs
            .iter()
            .map(|s| s.text.as_str())
            .collect::<String>()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let in_margin = |l: &PLine, h: f32| l.y < 0.09 * h || l.y > 0.93 * h;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for it in &p.items {
            if let Item::Line(l) = it {
                if in_margin(l, p.height) && seen.insert(key(l)) {
                    *counts.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    let n = pages.len();
    for p in pages.iter_mut() {
        let h = p.height;
        p.items.retain(|it| match it {
            Item::Line(l) if in_margin(l, h) => {
                let text: String = l.segs.iter().map(|s| s.text.as_str()).collect();
                let repeated = n >= 3 && counts.get(&key(l)).is_some_and(|c| *c * 2 >= n);
                !(is_page_number(text.trim()) || repeated)
            }
            _ => true,
        });
    }
}

/// The old encoding of each font: named by the font, or recognised in its text
/// when a substitute font lost the name.
fn encodings(fonts: &Fonts, pages: &[PageRead]) -> Vec<Option<Encoding>> {
    let mut text: Vec<String> = vec![String::new(); fonts.list.len()];
    let mut add = |l: &PLine| {
        for s in &l.segs {
            let t = &mut text[s.font as usize];
            if t.len() < 20_000 {
                t.push_str(&s.text);
            }
        }
    };
    for p in pages {
        for it in &p.items {
            match it {
                Item::Line(l) => add(l),
                Item::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .flat_map(|c| &c.lines)
                    .for_each(&mut add),
            }
        }
    }
    fonts
        .list
        .iter()
        .zip(text)
        .map(|(f, t)| {
            let enc = Encoding::of_font(&f.name).or_else(|| legacy::detect(&t));
            // A capital face keeps its capitals even when found by the text.
            match enc {
                Some(Encoding::Tcvn3 { .. }) => Some(Encoding::Tcvn3 {
                    capitals: matches!(
                        Encoding::of_font(&f.name),
                        Some(Encoding::Tcvn3 { capitals: true })
                    ),
                }),
                e => e,
            }
        })
        .collect()
}

/// A line typed in capitals in a TCVN3 capital face, read as small letters: no
/// plain letter is small, and some word has a plain capital after a Vietnamese
/// letter (`HOạCH`), which no word written in small letters has.
fn capitals_typed(line: &str) -> bool {
    if line.chars().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    line.split_whitespace().any(|w| {
        let mut seen_vietnamese = false;
        w.chars().any(|c| {
            if c.is_alphabetic() && !c.is_ascii() && c.is_lowercase() {
                seen_vietnamese = true;
            }
            seen_vietnamese && c.is_ascii_uppercase()
        })
    })
}

struct Reader<'a> {
    fonts: &'a Fonts,
    encodings: &'a [Option<Encoding>],
}

impl Reader<'_> {
    fn text(&self, l: &PLine) -> String {
        let mut out = String::new();
        let mut tcvn3_small = false;
        for s in &l.segs {
            match self.encodings.get(s.font as usize).copied().flatten() {
                Some(e) => {
                    tcvn3_small |= e == Encoding::Tcvn3 { capitals: false };
                    out.push_str(&e.decode(&s.text))
                }
                None => out.push_str(&s.text),
            }
        }
        // A TCVN3 capital face printed with a substitute font loses its name, and
        // its codes read as small letters; the line's plain letters, all capitals,
        // tell (`KÕ HO¹CH` is `KẾ HOẠCH`).
        if tcvn3_small && capitals_typed(&out) {
            out = crate::text::upper(&out);
        }
        out
    }

    fn weight(&self, l: &PLine) -> (bool, bool) {
        let inked: Vec<_> = l
            .segs
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .filter_map(|s| self.fonts.list.get(s.font as usize))
            .collect();
        (
            !inked.is_empty() && inked.iter().all(|f| f.bold),
            !inked.is_empty() && inked.iter().all(|f| f.italic),
        )
    }

    fn source_line(&self, l: &PLine, page: u32, line: usize) -> SourceLine {
        let (bold, italic) = self.weight(l);
        SourceLine {
            line,
            page,
            text: self.text(l),
            indented: l.indented,
            bold,
            italic,
            full: l.full,
            ..Default::default()
        }
    }

    /// A table's cells with their text: lines joined as a paragraph, a new
    /// paragraph where a line starts a bullet or a number.
    fn table(&self, t: &layout::PTable, page: u32, line: usize) -> Table {
        let rows = t
            .rows
            .iter()
            .map(|r| Row {
                cells: r
                    .iter()
                    .map(|c| {
                        let lines: Vec<SourceLine> = c
                            .lines
                            .iter()
                            .enumerate()
                            .map(|(i, l)| self.source_line(l, page, i + 1))
                            .collect();
                        let text = super::lines::paragraphs(&lines)
                            .into_iter()
                            .map(|p| p.text)
                            .collect::<Vec<_>>()
                            .join("\n");
                        Cell {
                            text,
                            span: c.span,
                            continued: c.continued,
                        }
                    })
                    .collect(),
                header: false,
            })
            .collect();
        Table { line, page, rows }
    }
}
