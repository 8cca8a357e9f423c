//! Import (nhập kế hoạch): plans as they arrive (text extracted from a PDF or a
//! DOCX, or a DOCX itself) turned into the structured model that inheritance uses.
//!
//! The pipeline: raw text → cleaned lines ([`lines::clean`]) → header block and
//! title (line by line, before the document kind) → paragraphs joined across the
//! broken lines ([`lines::paragraphs`]) → preamble (legal bases, the parent plan,
//! the implementing sentence) → the numbered tree, targets and tasks → the closing
//! `./.`, recipients and signature (line by line again: the footer's two columns
//! come out of extraction as short lines that must not be joined).
//!
//! Nothing of the document is dropped: what is not recognised stays as text in
//! its place, and every guess the importer makes is reported as an [`ImportNote`]
//! with its line.

mod footer;
mod header;
mod preamble;
mod tasks;
mod tree;

pub mod docx;
pub mod grid;
pub mod legacy;
pub mod lines;
pub mod ocr;
pub mod pdf;
pub mod scan_review;
pub mod source;
pub mod table;
pub use crate::model::measure as targets;

use crate::model::{Agency, Plan};
use crate::text::fold;
use crate::{Error, Result};
use footer::{appendices, footer, footer_start, is_appendix_caption};
use header::{header, header_year, infer_agency, infer_period};
use lines::{split_label, Lead, Paragraph};
pub use preamble::parse_citation;
use preamble::preamble;
pub use source::{Piece, Source};
use tasks::{extract_targets, extract_tasks};
use tree::build_tree;

/// A plan read from a document, with what the importer had to guess.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<ImportNote>,
    /// A scan read by OCR: its text and pages, for the review screen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan: Option<scan_review::ScanReview>,
}

/// Something the officer should review: a place in the source and what happened
/// (the one diagnostic type of every stage).
pub use crate::diag::Diagnostic as ImportNote;

/// Reads a plan from a file: a PDF, a DOCX, or text extracted from either. The
/// content decides (a `.docx` that is really a PDF reads as the PDF); files that
/// are not documents (an old `.doc`, a picture) get a message saying what they
/// are and what to do.
pub fn import_file(path: &std::path::Path) -> Result<Imported> {
    import_file_with(path, &Progress::none())
}

/// How a long import (OCR of a scan, page by page) reports its progress and can be
/// stopped: `page(done, total)` after each page; `cancel` checked before each.
pub struct Progress<'a> {
    pub page: &'a (dyn Fn(usize, usize) + Sync),
    pub cancel: &'a std::sync::atomic::AtomicBool,
}

impl Progress<'static> {
    /// No report, never stopped.
    pub fn none() -> Progress<'static> {
        static NEVER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        Progress {
            page: &|_, _| {},
            cancel: &NEVER,
        }
    }
}

/// [`import_file`], reporting progress and stoppable.
pub fn import_file_with(path: &std::path::Path, progress: &Progress<'_>) -> Result<Imported> {
    let name = path.display().to_string();
    // An unsupported extension is said as such, before the file is looked for.
    let ext = extension(&name);
    if !READABLE.contains(&ext.as_str()) && !RECOGNISED.contains(&ext.as_str()) {
        return Err(unsupported(&name, ext));
    }
    let bytes = crate::fsutil::read_limited(path, limit_of(&ext) as u64)?;
    import_bytes_with(&bytes, &name, progress)
}

/// The extensions the importer reads.
pub const READABLE: &[&str] = &["txt", "text", "docx", "pdf"];
/// Extensions of files people send instead, told apart to say what to do.
const RECOGNISED: &[&str] = &[
    "doc", "png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp",
];

/// The largest input of each kind: text is read whole, a DOCX is compressed.
pub fn limit_of(ext: &str) -> usize {
    match ext {
        "txt" | "text" => 16 << 20,
        "docx" => 64 << 20,
        _ => pdf::MAX_PDF,
    }
}

/// A file of 0 bytes, whatever its extension says it is.
pub(crate) fn empty_file(name: &str) -> Error {
    Error::Invalid(format!(
        "{name}: tệp rỗng (0 byte): có thể tệp chưa được lưu xong hoặc bị hỏng khi chép; hãy xin lại tệp"
    ))
}

fn unsupported(name: &str, extension: String) -> Error {
    Error::UnsupportedFormat {
        file: name.to_owned(),
        extension,
        purpose: "nhập được: .pdf, .docx, .txt".into(),
    }
}

fn extension(name: &str) -> String {
    std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file is, by its first bytes.
#[derive(Debug, PartialEq)]
enum Sniffed {
    Pdf,
    Zip,
    OldWord,
    Image(&'static str),
    Other,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::OldWord
    } else if bytes.starts_with(b"\x89PNG") {
        Sniffed::Image("PNG")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Image("JPEG")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Sniffed::Image("TIFF")
    } else if bytes.starts_with(b"GIF8") {
        Sniffed::Image("GIF")
    } else if bytes.starts_with(b"BM") && bytes.len() > 26 && bytes[6..10] == [0, 0, 0, 0] {
        Sniffed::Image("BMP")
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Sniffed::Image("WebP")
    } else {
        Sniffed::Other
    }
}

/// Reads a plan from the content of a file named `name`: its first bytes decide,
/// then its extension.
pub fn import_bytes(bytes: &[u8], name: &str) -> Result<Imported> {
    import_bytes_with(bytes, name, &Progress::none())
}

/// [`import_bytes`], reporting progress and stoppable.
pub fn import_bytes_with(bytes: &[u8], name: &str, progress: &Progress<'_>) -> Result<Imported> {
    let ext = extension(name);
    if bytes.is_empty() {
        return Err(empty_file(name));
    }
    match sniff(bytes) {
        Sniffed::Pdf => match pdf::read_with_scans(bytes, name) {
            Ok((pieces, notes, scanned)) if scanned.is_empty() => {
                import_pieces(pieces, name, notes)
            }
            Ok((pieces, notes, scanned)) => {
                with_scanned_pages(pieces, notes, &scanned, bytes, name, progress)
            }
            Err(Error::ScannedPdf { .. }) => ocr::import_scanned_pdf_with(bytes, name, progress),
            Err(e) => Err(e),
        },
        Sniffed::OldWord => Err(Error::OldWordFormat {
            file: name.to_owned(),
        }),
        Sniffed::Image(_) => ocr::import_image(bytes, name, progress),
        Sniffed::Zip => import_docx(bytes, name),
        Sniffed::Other => match ext.as_str() {
            "txt" | "text" => {
                let text = decode_text(bytes, name)?;
                import_text(&text, name)
            }
            "docx" => import_docx(bytes, name),
            "pdf" => Err(Error::Invalid(format!(
                "{name}: không phải tệp PDF (thiếu phần đầu «%PDF-»): tệp hỏng hoặc bị đổi tên"
            ))),
            _ => Err(unsupported(name, ext)),
        },
    }
}

/// A partly scanned PDF: its text pages as read, its scanned pages by OCR, each
/// in its place. Without the OCR library, the text pages alone, the scanned ones
/// named in a note with what is missing.
fn with_scanned_pages(
    pieces: Vec<source::Piece>,
    mut notes: Vec<ImportNote>,
    scanned: &[u32],
    bytes: &[u8],
    name: &str,
    progress: &Progress<'_>,
) -> Result<Imported> {
    let (read, ocr_notes) = match ocr::scanned_page_pieces(bytes, name, scanned, progress) {
        Err(Error::OcrUnavailable { what, .. }) => {
            notes.push(ImportNote {
                severity: crate::diag::Severity::Warning,
                code: "ocr_unavailable",
                message: format!(
                    "các trang ảnh quét không đọc được: cần bộ nhận dạng chữ (OCR), nhưng {what}; hãy cài lại chương trình, hoặc nhập nội dung các trang ấy bằng tay"
                ),
                ..Default::default()
            });
            return import_pieces(pieces, name, notes);
        }
        other => other?,
    };
    let page_of = |p: &source::Piece| match p {
        source::Piece::Line(l) => l.page,
        source::Piece::Table(t) => t.page,
    };
    // Merged by page: each scanned page's lines before the next page's pieces.
    let mut read = read.into_iter().peekable();
    let mut merged = Vec::with_capacity(pieces.len() + read.len());
    for piece in pieces {
        while let Some(scanned) = read.next_if(|r| page_of(r) < page_of(&piece)) {
            merged.push(scanned);
        }
        merged.push(piece);
    }
    merged.extend(read);
    // The scanned pages are read now: the note that said they were not goes.
    notes.retain(|n| n.code != "scanned_pages");
    notes.extend(ocr_notes);
    import_pieces(merged, name, notes)
}

/// Reads a PDF: its pages in reading order, its tables.
pub fn import_pdf(bytes: &[u8], name: &str) -> Result<Imported> {
    import_bytes_with(bytes, name, &Progress::none())
}

/// UTF-8 (with or without BOM) or UTF-16 with BOM, as Windows Notepad saves.
fn decode_text(bytes: &[u8], name: &str) -> Result<String> {
    crate::text::decode_windows(bytes, false)
        .map(|(text, _)| text)
        .map_err(|line| {
            Error::Invalid(format!(
                "{name}: dòng {line}: tệp không phải văn bản Unicode (UTF-8); hãy lưu lại với bảng mã UTF-8"
            ))
        })
}

/// Reads a DOCX: its paragraphs and tables in order.
pub fn import_docx(bytes: &[u8], name: &str) -> Result<Imported> {
    let (pieces, notes) = docx::read(bytes, name)?;
    import_pieces(pieces, name, notes)
}

/// Reads a plan from text as extracted from an official document; lines written
/// between `|` are a table's rows ([`source::row_text`]).
pub fn import_text(raw: &str, name: &str) -> Result<Imported> {
    import_pieces(source::text_pieces(raw), name, Vec::new())
}

/// Reads a plan from the pieces a document reader delivered, with the notes the
/// reader already made (fonts converted, pages skipped).
pub fn import_pieces(pieces: Vec<Piece>, name: &str, notes: Vec<ImportNote>) -> Result<Imported> {
    import_source(source::prepare(pieces), name, notes)
}

fn import_source(src: Source, name: &str, mut notes: Vec<ImportNote>) -> Result<Imported> {
    let Source { lines, grids } = src;
    if lines.is_empty() {
        // Why there is no text, when the reader said (a font without its Unicode
        // map, pages that are pictures): that is the message, not «no content».
        let why: Vec<&str> = notes
            .iter()
            .filter(|n| n.severity != crate::diag::Severity::Note)
            .map(|n| n.message.as_str())
            .collect();
        return Err(Error::Invalid(match why.is_empty() {
            true => format!("{name}: tệp không có nội dung"),
            false => format!("{name}: không đọc được chữ nào: {}", why.join("; ")),
        }));
    }
    let mut plan = Plan::empty(Agency::default(), "", 0);
    plan.symbol = String::new();

    // Header block and title, line by line.
    let (header_end, kind_at) = header(&lines, &mut plan, &mut notes);
    let mut year_hint = plan.date.map(|d| chrono::Datelike::year(&d));
    if year_hint.is_none() {
        year_hint = header_year(&lines[..header_end]);
    }

    // Footer: from `Nơi nhận` (or the signature) to the end; appendices after it.
    let footer_at = footer_start(&lines, header_end);
    // A table after the signature starts an appendix even without its caption.
    let appendix_at = lines[footer_at..]
        .iter()
        .position(|l| is_appendix_caption(&l.text) || l.table.is_some())
        .map(|p| footer_at + p)
        .unwrap_or(lines.len());
    footer(&lines[footer_at..appendix_at], &mut plan, &mut notes);

    let paras = lines::paragraphs(&lines[header_end..footer_at]);
    let body_start = paras
        .iter()
        .position(|p| matches!(split_label(&p.text).0, Lead::Part | Lead::Roman))
        .or_else(|| {
            paras
                .iter()
                .position(|p| fold(&p.text).trim_end().ends_with("nhu sau:"))
                .map(|i| i + 1)
        })
        .unwrap_or(0);
    // A table is body, wherever the numbering starts.
    let body_start = paras
        .iter()
        .position(|p| p.table.is_some())
        .map_or(body_start, |t| t.min(body_start));
    preamble(&paras[..body_start], &mut plan, &mut notes);

    // The closing `./.`: the last paragraph that carries it.
    let mut body: Vec<Paragraph> = paras[body_start..].to_vec();
    if let Some(at) = body.iter().rposition(|p| p.text.contains("./.")) {
        let p = &body[at];
        let text = p
            .text
            .trim_end()
            .trim_end_matches("./.")
            .trim_end()
            .to_owned();
        if split_label(&p.text).0 == Lead::Text && at + 1 == body.len() {
            plan.closing = text;
            body.pop();
        } else {
            body[at].text = text;
            notes.push(ImportNote {
                severity: crate::diag::Severity::Warning,
                code: "closing_in_point",
                line: body[at].line,
                page: body[at].page,
                message:
                    "dấu kết thúc «./.» nằm trong một mục đánh số: câu kết thúc để trống, cần soạn"
                        .into(),
                ..Default::default()
            });
        }
    } else {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "no_closing",
            line: 0,
            page: 0,
            message: "không thấy dấu kết thúc «./.»".into(),
            ..Default::default()
        });
    }

    // Agency and period, from the header, the implementing sentence and the title.
    infer_agency(&mut plan, &mut notes);
    infer_period(&mut plan, year_hint, &mut notes);
    if kind_at.is_none() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "no_kind",
            line: lines[0].line,
            page: lines[0].page,
            message: "không thấy tên loại văn bản (KẾ HOẠCH): coi là kế hoạch".into(),
            ..Default::default()
        });
    }

    let tree = build_tree(&body, &grids, &mut plan.numbering, &mut notes);
    plan.sections = tree;
    if appendix_at < lines.len() {
        appendices(&lines[appendix_at..], &grids, &mut plan);
    }
    extract_tasks(&mut plan, &mut notes);
    extract_targets(&mut plan, &mut notes);
    plan.assign_ids();
    Ok(Imported {
        plan,
        notes,
        scan: None,
    })
}

/// `s` after its first characters whose folded form is `prefix` (`Nơi nhận`,
/// `NOI NHAN`, `Noi nhan` all strip `noi nhan`): byte lengths differ between the
/// written forms, so the cut is found character by character.
pub(crate) fn strip_folded_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let ends = s.char_indices().map(|(i, _)| i).skip(1).chain([s.len()]);
    for end in ends {
        let f = fold(&s[..end]);
        if f == prefix {
            return Some(&s[end..]);
        }
        if f.len() > prefix.len() || !prefix.starts_with(&f) {
            return None;
        }
    }
    None
}

/// Splits at `sep` outside parentheses.
pub(crate) fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::header::sentence_case_agency;
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn citation() {
        let r = parse_citation("Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số năm 2026").unwrap();
        assert_eq!(r.number, Some(215));
        assert_eq!(r.symbol, "KH-UBND");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 8, 25));
        assert_eq!(r.agency, "Ủy ban nhân dân thành phố Hải Phòng");
        assert_eq!(r.title, "Chuyển đổi số năm 2026");
        assert_eq!(
            format!("Thực hiện {}", r.citation()),
            "Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số năm 2026"
        );
    }

    /// The parent's date as offices write it: in figures with any separator, or
    /// in words; the agency and title after it are read either way.
    #[test]
    fn a_citation_dated_in_words_or_figures() {
        let cases = [
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 05 tháng 6 năm 2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 05/6/2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 5/06/2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 05-6-2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 05.6.2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 5 tháng 6 năm 2023 của UBND tỉnh Hải Dương về chuyển đổi số",
            "Thực hiện Kế hoạch số 1914/KH-UBND ngày 05 tháng 06 năm 2023, của UBND tỉnh Hải Dương về chuyển đổi số",
        ];
        for c in cases {
            let r = parse_citation(c).unwrap();
            assert_eq!(r.number, Some(1914), "{c}");
            assert_eq!(r.date, NaiveDate::from_ymd_opt(2023, 6, 5), "{c}");
            assert_eq!(r.agency, "UBND tỉnh Hải Dương", "{c}");
            assert_eq!(r.title, "Chuyển đổi số", "{c}");
        }
        // A date not yet given: the agency still read.
        let r = parse_citation("Thực hiện Kế hoạch số /KH-UBND ngày  tháng  năm 2023 của UBND tỉnh Hải Dương về chuyển đổi số").unwrap();
        assert_eq!((r.number, r.date), (None, None));
        assert_eq!(r.agency, "UBND tỉnh Hải Dương");
    }

    /// The national motto wherever a header's layout puts it: its own line, beside
    /// the agency (two columns read as one line), wrapped over two lines by a
    /// narrow column, its last word alone.
    #[test]
    fn a_wrapped_motto_never_joins_the_agency() {
        let headers = [
            "ỦY BAN NHÂN DÂN\nHUYỆN THANH HÀ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN THANH HÀ Độc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI\nHUYỆN THANH HÀ CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN\nHUYỆN THANH HÀ\nCỘNG HOÀ XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nHUYỆN THANH HÀ NAM\nĐộc lập - Tự do - Hạnh phúc",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nỦY BAN NHÂN DÂN VIỆT NAM\nHUYỆN THANH HÀ Độc lập - Tự do - Hạnh phúc",
        ];
        // The place and date on one line, or wrapped by the same narrow column.
        let dates = [
            "Số: 12/KH-UBND Thanh Hà, ngày 05 tháng 3 năm 2024",
            "Số: 12/KH-UBND Thanh Hà, ngày 05 tháng 3 năm\n2024",
            "Số: 12/KH-UBND Thanh Hà, ngày 05\ntháng 3 năm 2024",
            "Thanh Hà, ngày 05 tháng 3 năm\n2024\nSố: 12/KH-UBND",
        ];
        for h in headers {
            for d in dates {
                let text = format!(
                    "{h}\n{d}\nKẾ HOẠCH\nChuyển đổi số năm 2024\nI. MỤC TIÊU\nNội dung./.\n"
                );
                let p = import_text(&text, "t.txt").unwrap().plan;
                assert_eq!(p.agency.name, "Ủy ban nhân dân huyện Thanh Hà", "{h} / {d}");
                assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 3, 5), "{h} / {d}");
                assert_eq!(
                    (p.number, p.place.as_str()),
                    (Some(12), "Thanh Hà"),
                    "{h} / {d}"
                );
            }
        }
    }

    #[test]
    fn a_hyphen_for_the_slash_is_read_as_number_and_symbol() {
        let r = parse_citation(
            "Thực hiện Kế hoạch số 215-KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số",
        )
        .unwrap();
        assert_eq!((r.number, r.symbol.as_str()), (Some(215), "KH-UBND"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 8, 25));
        assert!(r
            .citation()
            .starts_with("Kế hoạch số 215/KH-UBND ngày 25/8/2025"));
        let r = parse_citation("Kế hoạch số /KH-UBND ngày 1/2/2022").unwrap();
        assert_eq!((r.number, r.symbol.as_str()), (None, "KH-UBND"));
        let text = "ỦY BAN NHÂN DÂN\nXÃ TÂN AN\nSố: 12-KH-UBND\nKẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\nNội dung./.\n";
        let p = import_text(text, "t.txt").unwrap().plan;
        assert_eq!((p.number, p.symbol.as_str()), (Some(12), "KH-UBND"));
    }

    #[test]
    fn prefixes_are_cut_whatever_the_spelling() {
        assert_eq!(strip_folded_prefix("Nơi nhận: x", "noi nhan"), Some(": x"));
        assert_eq!(strip_folded_prefix("NƠI NHẬN:", "noi nhan"), Some(":"));
        assert_eq!(strip_folded_prefix("Noi nhan: é", "noi nhan"), Some(": é"));
        assert_eq!(strip_folded_prefix("Nơi khác", "noi nhan"), None);
        let r = parse_citation("Ke hoach so 5/KH-UBND ngay 1/2/2022").unwrap();
        assert_eq!(r.number, Some(5));
        // Found by the fuzzer: a kind in capitals is longer in bytes than its name.
        assert_eq!(
            parse_citation("QUYẾT ĐỊNH số 5/QĐ-UBND").unwrap().number,
            Some(5)
        );
        let text = "ে QUYẾT ĐỊNH - Lưu: VT. đổi PHÓ CHỦ TỊCH số /KH-UBND đổi chuyển Ủy ban nhân dân Nơi nhận: tháng thành phố : UBND . quận Ủy ban nhân dân Đơn vị chủ trì: TM. ỦY BAN NHÂN DÂN đ)";
        assert!(import_text(text, "fuzz.txt").is_ok());
    }

    #[test]
    fn agency_case() {
        assert_eq!(
            sentence_case_agency("ỦY BAN NHÂN DÂN HUYỆN CÁT HẢI"),
            "Ủy ban nhân dân huyện Cát Hải"
        );
        assert_eq!(
            sentence_case_agency("ỦY BAN NHÂN DÂN THỊ TRẤN CÁT BÀ"),
            "Ủy ban nhân dân thị trấn Cát Bà"
        );
    }

    #[test]
    fn empty_input_is_an_error_naming_the_file() {
        let e = import_text(" \n\n", "x.txt").unwrap_err();
        assert!(e.to_string().contains("x.txt"), "{e}");
    }
}
