//! A DOCX as the office typed it: paragraphs with their weight and Word's own
//! numbering labels, tables with their merged cells and repeated header rows, text
//! in old TCVN3 and VNI fonts turned into Unicode.
//!
//! A DOCX from Word or from another program can hold anything; docx-rs's reader is
//! known to panic on real-world files, so the parts are read here with a streaming
//! XML reader, each with a size limit (a zip bomb or a 1 GB `document.xml` is an
//! error, not an exhausted PC), and the whole read runs behind `catch_unwind` so
//! that no file, however broken, can take the program down: it becomes an error
//! message naming the file.

mod numbering;
mod styles;
mod xml;

use super::legacy::Encoding;
use super::lines::SourceLine;
use super::source::Piece;
use super::table::{Cell, Row, Table};
use super::ImportNote;
use crate::{Error, Result};
use numbering::Numbering;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::io::Read;
use styles::{RunProps, Styles};
use xml::{attr, on_off, Bad};

/// Largest `document.xml` read (a 500-page plan is about 5 MB).
const MAX_XML: u64 = 64 * 1024 * 1024;
/// Largest `styles.xml` or `numbering.xml`.
const MAX_PART: u64 = 8 * 1024 * 1024;

/// The pieces of the document body in reading order, and notes on what was
/// converted.
pub fn read(bytes: &[u8], name: &str) -> Result<(Vec<Piece>, Vec<ImportNote>)> {
    match std::panic::catch_unwind(|| read_unguarded(bytes, name)) {
        Ok(r) => r,
        Err(_) => Err(Error::Invalid(format!(
            "{name}: tệp DOCX hỏng hoặc có cấu trúc lạ, không đọc được"
        ))),
    }
}

/// The text of the document, one string per paragraph (table cells row by row):
/// what a reader of the file sees, for tests and checks.
pub fn paragraphs(bytes: &[u8], name: &str) -> Result<Vec<String>> {
    let (pieces, _) = read(bytes, name)?;
    let mut out = Vec::new();
    for p in pieces {
        match p {
            Piece::Line(l) => out.push(l.text),
            Piece::Table(t) => {
                for r in t.rows {
                    for c in r.cells {
                        out.extend(c.text.lines().map(str::to_owned));
                    }
                }
            }
        }
    }
    Ok(out)
}

fn read_unguarded(bytes: &[u8], name: &str) -> Result<(Vec<Piece>, Vec<ImportNote>)> {
    let bad = |why: String| Error::Invalid(format!("{name}: không đọc được tệp DOCX ({why})"));
    if bytes.is_empty() {
        return Err(super::empty_file(name));
    }
    // The zip library's own words («invalid Zip archive: Could not find EOCD») mean
    // nothing to an officer: the file is cut short or is not a Word file.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        bad("tệp bị cắt cụt hoặc không phải tệp Word .docx: hãy mở lại trong Word và lưu thành .docx, hoặc xin lại tệp".into())
    })?;
    let document = part(&mut zip, "word/document.xml", MAX_XML, &bad)?
        .ok_or_else(|| bad("thiếu word/document.xml".into()))?;
    let styles = match part(&mut zip, "word/styles.xml", MAX_PART, &bad)? {
        Some(x) => Styles::parse(&x).map_err(|e| bad(format!("styles.xml: {}", e.0)))?,
        None => Styles::default(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml", MAX_PART, &bad)? {
        Some(x) => Numbering::parse(&x).map_err(|e| bad(format!("numbering.xml: {}", e.0)))?,
        None => Numbering::default(),
    };
    let mut reader = Body::new(styles, numbering);
    reader
        .run(&document)
        .map_err(|e| bad(format!("XML lỗi {}", e.0)))?;
    let mut notes = Vec::new();
    for (encoding, (fonts, n)) in &reader.converted {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Note,
            code: "old_encoding",
            message: format!(
                "{n} đoạn văn viết bằng bảng mã cũ {} (phông {}) đã được chuyển sang Unicode: cần xem lại",
                encoding,
                fonts.join(", ")
            ),
            ..Default::default()
        });
    }
    Ok((reader.pieces, notes))
}

/// A part of the package, read up to `limit` bytes; `None` when absent.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    path: &str,
    limit: u64,
    bad: &dyn Fn(String) -> Error,
) -> Result<Option<Vec<u8>>> {
    let mut entry = match zip.by_name(path) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            crate::places::log("kehoach.log", &format!("{path}: zip: {e}"));
            return Err(bad(format!("phần {path} của tệp bị hỏng")));
        }
    };
    let too_big = || {
        bad(format!(
            "{path} quá lớn (trên {} MB khi giải nén)",
            limit >> 20
        ))
    };
    if entry.size() > limit {
        return Err(too_big());
    }
    let mut xml = Vec::with_capacity(entry.size() as usize);
    // The declared size may lie: read one byte past the limit to know.
    entry
        .by_ref()
        .take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(|e| {
            crate::places::log("kehoach.log", &format!("{path}: zip: {e}"));
            bad(format!("phần {path} của tệp bị hỏng, không giải nén được"))
        })?;
    if xml.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(Some(xml))
}

/// A run of text with its properties.
#[derive(Default)]
struct Run {
    text: String,
    props: RunProps,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    num: Option<(String, usize)>,
    indented: bool,
    runs: Vec<Run>,
}

/// The body reader: a stack of open paragraphs (text boxes nest them) and tables.
struct Body {
    styles: Styles,
    numbering: Numbering,
    pieces: Vec<Piece>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    /// Paragraphs of the cell being read.
    cells: Vec<Vec<String>>,
    /// How deep inside a cell's own tables the reader is: their paragraphs join
    /// the outermost cell in document order as they come (copying each nested
    /// table's text into its parent cost time growing with the square of the
    /// depth: 73 s for 100,000 levels in a 66 KB file).
    nested: usize,
    run: Option<Run>,
    in_text: bool,
    in_ppr: bool,
    in_rpr: bool,
    /// Inside content that does not print (deleted text, field codes) or that is
    /// there twice (the fallback of a text box).
    skip: usize,
    paragraph_no: usize,
    /// Encoding → (fonts seen, paragraphs converted), for the import note.
    converted: BTreeMap<&'static str, (Vec<String>, usize)>,
}

impl Body {
    fn new(styles: Styles, numbering: Numbering) -> Body {
        Body {
            styles,
            numbering,
            pieces: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
            cells: Vec::new(),
            nested: 0,
            run: None,
            in_text: false,
            in_ppr: false,
            in_rpr: false,
            skip: 0,
            paragraph_no: 0,
            converted: BTreeMap::new(),
        }
    }

    fn run(&mut self, document: &[u8]) -> Result<(), Bad> {
        let mut reader = quick_xml::Reader::from_reader(document);
        let mut buf = Vec::new();
        loop {
            let ev = reader.read_event_into(&mut buf).map_err(|e| {
                // The parser's own words are for the log; the officer gets the place.
                crate::places::log("kehoach.log", &format!("document.xml: quick-xml: {e}"));
                Bad(format!("ở byte {}", reader.error_position()))
            })?;
            match ev {
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let s = t
                        .decode()
                        .map_err(|_| Bad("mã hóa văn bản không phải UTF-8".into()))?;
                    self.push_text(&s);
                }
                Event::GeneralRef(r) if self.in_text && self.skip == 0 => {
                    let name = r
                        .decode()
                        .map_err(|_| Bad("tham chiếu ký tự không đọc được".into()))?;
                    if let Some(c) = xml::entity(&name) {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(())
    }

    fn push_text(&mut self, s: &str) {
        if let Some(r) = self.run.as_mut() {
            r.text.push_str(s);
        } else if let Some(p) = self.paras.last_mut() {
            p.runs.push(Run {
                text: s.to_owned(),
                props: RunProps::default(),
            });
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), Bad> {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty && matches!(name, b"del" | b"instrText" | b"delText" | b"Fallback") {
                self.skip += 1;
            }
            return Ok(());
        }
        match name {
            b"del" | b"instrText" | b"delText" | b"Fallback" if !empty => self.skip += 1,
            b"p" => {
                self.paras.push(Para::default());
                if empty {
                    self.end(b"p");
                }
            }
            b"pPr" if !empty => self.in_ppr = true,
            b"rPr" if !empty => self.in_rpr = true,
            b"pStyle" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"ilvl" | b"numId" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.paras.last_mut() {
                    let v = attr(e, b"val").unwrap_or_default();
                    let (id, lvl) = p.num.get_or_insert((String::new(), 0));
                    if name == b"ilvl" {
                        *lvl = v.parse().unwrap_or(0).min(8);
                    } else {
                        *id = v;
                    }
                }
            }
            b"ind" if self.in_ppr && !self.in_rpr => {
                let first = attr(e, b"firstLine")
                    .or_else(|| attr(e, b"firstLineChars"))
                    .and_then(|v| v.parse::<i64>().ok())
                    .unwrap_or(0);
                if let Some(p) = self.paras.last_mut() {
                    p.indented = first > 0;
                }
            }
            b"r" if !empty => self.run = Some(Run::default()),
            b"b" | b"i" | b"rFonts" if self.in_rpr && !self.in_ppr => {
                if let Some(r) = self.run.as_mut() {
                    match name {
                        b"b" => r.props.bold = Some(on_off(e)),
                        b"i" => r.props.italic = Some(on_off(e)),
                        _ => r.props.font = styles::font_of(e),
                    }
                }
            }
            b"t" if !empty => self.in_text = true,
            b"tab" | b"br" | b"cr" if self.run.is_some() => self.push_text(" "),
            b"tbl" if !empty && !self.cells.is_empty() => self.nested += 1,
            b"tbl" if !empty => self.tables.push(Table {
                line: self.paragraph_no + 1,
                ..Default::default()
            }),
            b"tr" | b"tblHeader" | b"tc" | b"gridSpan" | b"vMerge" if self.nested > 0 => {}
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            b"tblHeader" => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.header = on_off(e);
                }
            }
            b"tc" if !empty => {
                self.cells.push(Vec::new());
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.cells.push(Cell::new(""));
                }
            }
            b"gridSpan" | b"vMerge" => {
                if let Some(c) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.cells.last_mut())
                {
                    if name == b"gridSpan" {
                        c.span = attr(e, b"val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1usize)
                            .clamp(1, 64);
                    } else {
                        // `restart` opens a merged cell; no value continues it.
                        c.continued = attr(e, b"val").is_none_or(|v| v == "continue");
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            if matches!(name, b"del" | b"instrText" | b"delText" | b"Fallback") {
                self.skip -= 1;
            }
            return;
        }
        match name {
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.paragraph(p);
                }
            }
            b"pPr" => self.in_ppr = false,
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_text = false,
            b"r" => {
                if let (Some(r), Some(p)) = (self.run.take(), self.paras.last_mut()) {
                    p.runs.push(r);
                }
            }
            b"tbl" if self.nested > 0 => self.nested -= 1,
            b"tc" if self.nested > 0 => {}
            b"tc" => {
                let paras = self.cells.pop().unwrap_or_default();
                if let Some(c) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.cells.last_mut())
                {
                    c.text = paras.join("\n");
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.pieces.push(Piece::Table(t));
                }
            }
            _ => {}
        }
    }

    /// A finished paragraph: its runs decoded, Word's numbering label in front.
    fn paragraph(&mut self, p: Para) {
        self.paragraph_no += 1;
        let style = p.style.as_deref();
        let base = self.styles.run_props(style);
        let mut text = String::new();
        let mut all_bold = true;
        let mut all_italic = true;
        let mut any = false;
        let mut converted: Option<(Encoding, String)> = None;
        for r in &p.runs {
            let props = r.props.over(&base);
            let run_text = match props.font.as_deref().and_then(Encoding::of_font) {
                Some(enc) => {
                    if converted.is_none() && !r.text.is_ascii() {
                        converted = props.font.clone().map(|f| (enc, f));
                    }
                    enc.decode(&r.text)
                }
                None => r.text.clone(),
            };
            if !run_text.trim().is_empty() {
                any = true;
                all_bold &= props.bold.unwrap_or(false);
                all_italic &= props.italic.unwrap_or(false);
            }
            text.push_str(&run_text);
        }
        if let Some((enc, font)) = converted {
            let entry = self.converted.entry(enc.name()).or_default();
            if !entry.0.contains(&font) {
                entry.0.push(font);
            }
            entry.1 += 1;
        }
        let num = p.num.clone().or_else(|| self.styles.numbering_of(style));
        if let Some((id, level)) = num {
            if let Some(label) = self.numbering.next_label(&id, level) {
                if !label.is_empty() && any {
                    text = format!("{label} {}", text.trim_start());
                }
            }
        }
        match self.cells.last_mut() {
            Some(cell) => cell.push(text),
            None => self.pieces.push(Piece::Line(SourceLine {
                line: self.paragraph_no,
                text,
                bold: any && all_bold,
                italic: any && all_italic,
                indented: p.indented,
                whole: true,
                ..Default::default()
            })),
        }
    }
}
