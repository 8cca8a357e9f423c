//! The paragraphs of a DOCX, in document order, as text.
//!
//! A DOCX from Word or from another program can hold anything; docx-rs's reader is
//! known to panic on real-world files, so the text is read here from
//! `word/document.xml` with a streaming XML reader, and the whole read runs behind
//! `catch_unwind` so that no file, however broken, can take the program down: it
//! becomes an error message naming the file.

use crate::{Error, Result};
use quick_xml::events::Event;
use std::io::Read;

/// Largest `document.xml` read (a 500-page plan is about 5 MB).
const MAX_XML: u64 = 64 * 1024 * 1024;

/// The paragraphs of the document body; table cells row by row, each cell's
/// paragraphs in order. Tabs become spaces, line breaks inside a paragraph become
/// spaces too (text extraction of the same document would join them).
pub fn paragraphs(bytes: &[u8], name: &str) -> Result<Vec<String>> {
    match std::panic::catch_unwind(|| read(bytes, name)) {
        Ok(r) => r,
        Err(_) => Err(Error::Invalid(format!(
            "{name}: tệp DOCX hỏng hoặc có cấu trúc lạ, không đọc được"
        ))),
    }
}

fn read(bytes: &[u8], name: &str) -> Result<Vec<String>> {
    let bad = |why: String| Error::Invalid(format!("{name}: không đọc được tệp DOCX ({why})"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("không phải tệp nén DOCX: {e}")))?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| bad("thiếu word/document.xml".into()))?;
    if entry.size() > MAX_XML {
        return Err(bad("word/document.xml quá lớn".into()));
    }
    let mut xml = Vec::with_capacity(entry.size() as usize);
    entry
        .by_ref()
        .take(MAX_XML)
        .read_to_end(&mut xml)
        .map_err(|e| bad(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut para: Option<String> = None;
    let mut in_text = false;
    // Deleted text (w:del) and field codes (w:instrText) are not part of what prints.
    let mut skip_depth = 0usize;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| bad(format!("XML lỗi ở byte {}: {e}", reader.error_position())))?;
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => para = Some(String::new()),
                b"t" if skip_depth == 0 => in_text = true,
                b"del" | b"instrText" | b"delText" => skip_depth += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" | b"br" | b"cr" => {
                    if let Some(p) = para.as_mut() {
                        p.push(' ');
                    }
                }
                b"p" => out.push(String::new()),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t
                    .decode()
                    .map_err(|e| bad(format!("văn bản lỗi mã hóa: {e}")))?;
                if let Some(p) = para.as_mut() {
                    p.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text => {
                // Entity and character references (&amp; &#7897; …) inside text.
                let name = r.decode().map_err(|e| bad(e.to_string()))?;
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                if let (Some(c), Some(p)) = (c, para.as_mut()) {
                    p.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => {
                    if let Some(p) = para.take() {
                        out.push(p);
                    }
                }
                b"t" => in_text = false,
                b"del" | b"instrText" | b"delText" => skip_depth = skip_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
