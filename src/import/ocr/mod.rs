//! Reading scanned plans (nhận dạng chữ từ bản quét) with Tesseract and its
//! Vietnamese model, offline: page images (PNG, JPEG, TIFF) and PDFs whose pages are
//! images. The recognised text goes through the text importer like any other input;
//! words Tesseract is unsure of, and every figure of a target read from a scan, are
//! import notes (doubtful, to check against the paper). Behind the cargo feature
//! `ocr`; without it a scan gets the message that says so.

mod columns;
mod correct;
mod document;
mod engine;
mod ffi;
mod images;
mod numbering;
mod quiet;
mod tables;

pub use correct::{correct_line, correct_line_with, word_pairs, Vocabulary};

pub use engine::{
    available, recognise, recognise_with, Cleanup, OcrCell, OcrLine, OcrPage, OcrTable, OcrWord,
};

use document::Block;

use super::scan_review::{png_data_url, ReviewMark, ReviewPage, ScanReview};
use super::{import_text, ImportNote, Imported};
use crate::diag::Severity;
use crate::{Error, Result};

/// Words below this confidence (Tesseract's 0–100) are marked doubtful.
pub const DOUBTFUL_BELOW: f32 = 80.0;

/// Fewer words read with confidence than this, and an image is no text page.
const FEWEST_SURE_WORDS: usize = 10;

/// A plan read from a page image, or from every page of a multi-page TIFF.
pub fn import_image(bytes: &[u8], name: &str, progress: &super::Progress<'_>) -> Result<Imported> {
    if let Some(pages) = engine::tiff_pages(bytes, name) {
        let images = pages?
            .into_iter()
            .zip(1..)
            .map(|(bytes, page)| images::PageImage { page, bytes })
            .collect();
        let pages = recognise_images(images, name, progress, Cleanup::default())?;
        return import_pages(pages, name);
    }
    let page = recognise(bytes, name, 1)?;
    import_pages(vec![page], name)
}

/// A plan read from a PDF whose pages are images (a scan).
pub fn import_scanned_pdf(bytes: &[u8], name: &str) -> Result<Imported> {
    import_scanned_pdf_with(bytes, name, &super::Progress::none())
}

/// [`import_scanned_pdf`], reporting each page read and stoppable between pages.
pub fn import_scanned_pdf_with(
    bytes: &[u8],
    name: &str,
    progress: &super::Progress<'_>,
) -> Result<Imported> {
    import_pages(recognise_pages(bytes, name, progress)?, name)
}

/// The text recognised in a scanned PDF, post-corrected, a line a line (for
/// measuring against the source).
pub fn scanned_pdf_text(bytes: &[u8], name: &str) -> Result<String> {
    let mut pages = recognise_pages(bytes, name, &super::Progress::none())?;
    Ok(pages_text(&mut pages, Some(Vocabulary::builtin())))
}

/// The text of recognised pages, a line a line (a table's row a line, its cells
/// between `|`), post-corrected by `vocabulary` first when one is given.
pub fn pages_text(pages: &mut [OcrPage], vocabulary: Option<&Vocabulary>) -> String {
    let mut text = String::new();
    let blocks = match vocabulary {
        Some(v) => corrected(pages, v).0,
        None => document::reading_order(pages),
    };
    for block in &blocks {
        match block {
            Block::Line(_, line) => text.push_str(&line.text()),
            Block::Table(t) => {
                let rows: Vec<String> = t
                    .rows_text()
                    .iter()
                    .map(|(_, cells, _)| super::source::row_text(cells))
                    .collect();
                text.push_str(&rows.join("\n"));
            }
        }
        text.push('\n');
    }
    crate::text::nfc(&text)
}

/// The document's lines and tables in reading order, post-corrected (words by
/// the vocabulary and the letter set, numerals by the plan's shape); how many
/// words changed.
fn corrected(pages: &[OcrPage], vocabulary: &Vocabulary) -> (Vec<Block>, usize) {
    let mut blocks = document::reading_order(pages);
    let changed = document::correct(&mut blocks, vocabulary);
    (blocks, changed)
}

/// Each page's image of a scanned PDF recognised, pages in parallel up to the
/// cores, as Tesseract read them (before the post-correction).
pub fn recognise_pages(
    bytes: &[u8],
    name: &str,
    progress: &super::Progress<'_>,
) -> Result<Vec<OcrPage>> {
    recognise_pages_with(bytes, name, progress, Cleanup::default())
}

/// [`recognise_pages`] with the clean-up given (to measure it).
pub fn recognise_pages_with(
    bytes: &[u8],
    name: &str,
    progress: &super::Progress<'_>,
    cleanup: Cleanup,
) -> Result<Vec<OcrPage>> {
    available(name)?;
    recognise_images(images::page_images(bytes, name)?, name, progress, cleanup)
}

/// The page images recognised, in parallel up to the cores: each thread takes
/// the next page left, so a slow page does not hold back the others.
fn recognise_images(
    images: Vec<images::PageImage>,
    name: &str,
    progress: &super::Progress<'_>,
    cleanup: Cleanup,
) -> Result<Vec<OcrPage>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(images.len().max(1));
    let mut pages: Vec<Option<Result<OcrPage>>> = (0..images.len()).map(|_| None).collect();
    let (counter, next, total) = (AtomicUsize::new(0), AtomicUsize::new(0), images.len());
    let (done, next, images) = (&counter, &next, &images);
    (progress.page)(0, total);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    // One set of engines per worker, for all the pages it reads.
                    let engines = engine::Engines::default();
                    let mut read = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(img) = images.get(i) else { break };
                        if progress.cancel.load(Ordering::Relaxed) {
                            read.push((i, Err(Error::Cancelled)));
                            break;
                        }
                        let r =
                            engine::recognise_using(&img.bytes, name, img.page, cleanup, &engines);
                        (progress.page)(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                        read.push((i, r));
                    }
                    read
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_default() {
                pages[i] = Some(r);
            }
        }
    });
    pages
        .into_iter()
        .map(|p| {
            p.unwrap_or_else(|| {
                Err(Error::Invalid(format!(
                    "{name}: không nhận dạng được một trang"
                )))
            })
        })
        .collect::<Result<Vec<_>>>()
}

/// The scanned pages `pages` of a partly scanned PDF, read by OCR, as pieces for
/// the PDF importer (each line with its page, its indent and whether it reaches
/// the right edge, from the word boxes), and the doubtful words as notes.
pub fn scanned_page_pieces(
    bytes: &[u8],
    name: &str,
    pages: &[u32],
    progress: &super::Progress<'_>,
) -> Result<(Vec<super::source::Piece>, Vec<ImportNote>)> {
    use super::lines::SourceLine;
    available(name)?;
    let mut images = images::page_images(bytes, name)?;
    images.retain(|i| pages.contains(&i.page));
    let read = recognise_images(images, name, progress, Cleanup::default())?;
    let (blocks, corrected) = corrected(&read, Vocabulary::builtin());
    // The text's left and right edges and a line's height, page by page.
    let edges = |page: u32| {
        let words = || {
            blocks
                .iter()
                .filter_map(move |b| match b {
                    Block::Line(p, l) if *p == page => Some(l),
                    _ => None,
                })
                .filter_map(|l| Some((l.words.first()?, l.words.last()?)))
        };
        let left = words().map(|(f, _)| f.bbox[0]).min().unwrap_or(0);
        let right = words().map(|(_, l)| l.bbox[2]).max().unwrap_or(0);
        let mut heights: Vec<i32> = words().map(|(f, _)| f.bbox[3] - f.bbox[1]).collect();
        heights.sort_unstable();
        (
            left,
            right,
            heights.get(heights.len() / 2).copied().unwrap_or(0),
        )
    };
    let mut pieces = Vec::new();
    let mut notes = vec![ImportNote {
        severity: Severity::Warning,
        code: "ocr",
        message: format!(
            "trang {} là ảnh quét, đọc bằng nhận dạng chữ (OCR) ({corrected} từ được sửa theo từ vựng kế hoạch): cần đối chiếu với bản giấy, nhất là các từ được đánh dấu",
            pages.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ),
        ..Default::default()
    }];
    let (mut page_now, mut line_no, mut edge) = (0, 0, (0, 0, 0));
    for block in &blocks {
        let (page, line) = match block {
            Block::Line(page, line) => (*page, line),
            Block::Table(t) => {
                let table = t.table(line_no + 1);
                let doubtful = t.rows.iter().flat_map(|(page, row)| {
                    row.iter()
                        .flat_map(|c| c.lines.iter().flat_map(|l| &l.words))
                        .map(move |w| (*page, w))
                });
                for (page, w) in doubtful.filter(|(_, w)| w.confidence < DOUBTFUL_BELOW) {
                    notes.push(doubtful_note(page, table.line, &w.text, w.confidence));
                }
                pieces.push(super::source::Piece::Table(table));
                continue;
            }
        };
        let (Some(first), Some(last)) = (line.words.first(), line.words.last()) else {
            continue;
        };
        if page != page_now {
            (page_now, line_no, edge) = (page, 0, edges(page));
        }
        line_no += 1;
        let (left, right, height) = edge;
        pieces.push(super::source::Piece::Line(SourceLine {
            line: line_no,
            page,
            text: crate::text::nfc(&line.text()),
            indented: first.bbox[0] > left + height,
            full: Some(last.bbox[2] >= right - 2 * height),
            ..Default::default()
        }));
        for w in line.words.iter().filter(|w| w.confidence < DOUBTFUL_BELOW) {
            notes.push(doubtful_note(page, line_no, &w.text, w.confidence));
        }
    }
    Ok((pieces, notes))
}

/// A word read with a low confidence (or put right by the post-correction), at its
/// page and line.
fn doubtful_note(page: u32, line: usize, word: &str, confidence: f32) -> ImportNote {
    let mut note = ImportNote {
        severity: Severity::Warning,
        code: "ocr_doubtful",
        message: format!("chữ đọc không chắc: «{word}» (độ tin cậy {confidence:.0}%)"),
        ..Default::default()
    };
    note.page = page;
    note.line = line;
    note
}

/// The figures the plan's fields were read from, marked on the picture like the
/// doubtful words: every figure of a line a target's sentence holds, and of the
/// header's number and date lines. `lines` are the text's lines with figures:
/// page, line, words, and the texts to find in the plan (the line's, or a table
/// row's cells).
fn figure_marks(
    plan: &crate::model::Plan,
    lines: &[(u32, usize, Vec<OcrWord>, Vec<String>)],
    marked: &[(u32, ReviewMark)],
) -> Vec<(u32, ReviewMark)> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let targets: Vec<String> = plan
        .targets
        .iter()
        .filter(|t| t.printed_measure().is_some())
        .map(|t| squeeze(&t.text))
        .collect();
    let mut out = Vec::new();
    for (page, line_no, words, texts) in lines {
        let texts: Vec<String> = texts.iter().map(|t| squeeze(t)).collect();
        let text = texts.first().map_or("", String::as_str);
        // The header's «Số: 87/KH-UBND» and «…, ngày 05 tháng 3 năm 2024» (not
        // the citations of the preamble).
        let header = *line_no < 40
            && (text.starts_with("Số")
                || (text.contains("ngày") && text.contains(" tháng ") && text.contains(" năm ")));
        let of_target = texts
            .iter()
            .any(|text| text.len() > 8 && targets.iter().any(|t| t.contains(text)));
        if !header && !of_target {
            continue;
        }
        for w in words {
            let already = marked
                .iter()
                .any(|(p, m)| p == page && m.line == *line_no && m.bbox == w.bbox);
            if w.text.chars().any(|c| c.is_ascii_digit()) && !already {
                let mark = ReviewMark {
                    text: w.text.clone(),
                    line: *line_no,
                    confidence: w.confidence,
                    bbox: w.bbox,
                    figure: true,
                };
                out.push((*page, mark));
            }
        }
    }
    out
}

/// The review of the pages read: each page's picture, the doubtful words' boxes
/// brought to its scale.
fn review(pages: &[OcrPage], marks: Vec<(u32, ReviewMark)>, text: &str) -> ScanReview {
    let mut out = ScanReview {
        text: text.to_owned(),
        pages: Vec::new(),
    };
    for p in pages {
        let f = p.preview_size[0] as f32 / p.size[0].max(1) as f32;
        let scale = |b: [i32; 4]| b.map(|v| (v as f32 * f).round() as i32);
        out.pages.push(ReviewPage {
            number: p.number,
            image: png_data_url(&p.preview),
            width: p.preview_size[0],
            height: p.preview_size[1],
            marks: marks
                .iter()
                .filter(|(page, _)| *page == p.number)
                .map(|(_, m)| ReviewMark {
                    bbox: scale(m.bbox),
                    ..m.clone()
                })
                .collect(),
        });
    }
    out
}

fn import_pages(pages: Vec<OcrPage>, name: &str) -> Result<Imported> {
    import_recognised(pages, name, Vocabulary::builtin())
}

/// The recognised pages, post-corrected by `vocabulary`, as text for the
/// importer; then the doubtful words and the figures read from the scan as notes.
pub fn import_recognised(
    pages: Vec<OcrPage>,
    name: &str,
    vocabulary: &Vocabulary,
) -> Result<Imported> {
    let (blocks, corrected) = corrected(&pages, vocabulary);
    let mut text = String::new();
    let mut marks: Vec<(u32, ReviewMark)> = Vec::new();
    // Lines with figures, for marking those the plan's fields were read from.
    let mut with_figures: Vec<(u32, usize, Vec<OcrWord>, Vec<String>)> = Vec::new();
    let mut line_no = 0usize;
    let has_figure = |words: &[&OcrWord]| {
        words
            .iter()
            .any(|w| w.text.chars().any(|c| c.is_ascii_digit()))
    };
    let mut add = |page: u32, line_no: usize, words: Vec<&OcrWord>, texts: Vec<String>| {
        for w in words.iter().filter(|w| w.confidence < DOUBTFUL_BELOW) {
            let mark = ReviewMark {
                text: w.text.clone(),
                line: line_no,
                confidence: w.confidence,
                bbox: w.bbox,
                figure: false,
            };
            marks.push((page, mark));
        }
        if has_figure(&words) {
            let words = words.into_iter().cloned().collect();
            with_figures.push((page, line_no, words, texts));
        }
    };
    for block in &blocks {
        match block {
            Block::Line(page, line) => {
                if line.paragraph_start && !text.is_empty() {
                    text.push('\n');
                    line_no += 1;
                }
                line_no += 1;
                let line_text = line.text();
                text.push_str(&line_text);
                text.push('\n');
                add(*page, line_no, line.words.iter().collect(), vec![line_text]);
            }
            // A table a row a line, its cells between `|`, the text importer
            // reading them back as a table.
            Block::Table(t) => {
                if !text.is_empty() {
                    text.push('\n');
                    line_no += 1;
                }
                for (page, cells, words) in t.rows_text() {
                    line_no += 1;
                    text.push_str(&super::source::row_text(&cells));
                    text.push('\n');
                    add(page, line_no, words, cells);
                }
                text.push('\n');
                line_no += 1;
            }
        }
    }
    // A photo, a drawing or a page too blurred gives specks read as a few words,
    // none of them sure: not a plan to open.
    let sure = pages
        .iter()
        .flat_map(|p| {
            let cells = p.tables.iter().flat_map(|t| t.rows.iter().flatten());
            p.lines.iter().chain(cells.flat_map(|c| &c.lines))
        })
        .flat_map(|l| &l.words)
        .filter(|w| w.confidence >= DOUBTFUL_BELOW && w.text.chars().any(char::is_alphanumeric))
        .count();
    if text.trim().is_empty() || sure < FEWEST_SURE_WORDS {
        return Err(Error::Invalid(format!(
            "{name}: không nhận ra chữ nào trong ảnh (ảnh không phải trang văn bản, hoặc quá mờ): hãy quét lại ở 300 dpi"
        )));
    }
    let text = crate::text::nfc(&text);
    let mut imported = import_text(&text, name)?;
    imported.notes.insert(
        0,
        ImportNote {
            severity: Severity::Note,
            code: "ocr",
            message: format!(
                "đọc bằng nhận dạng chữ (OCR) {} trang ảnh quét ({corrected} từ được sửa dấu theo từ vựng kế hoạch): cần đối chiếu với bản giấy, nhất là các từ được đánh dấu",
                pages.len()
            ),
            ..Default::default()
        },
    );
    for (page, m) in &marks {
        let note = doubtful_note(*page, m.line, &m.text, m.confidence);
        imported.notes.push(note);
    }
    // What a misread digit would change is marked doubtful whatever Tesseract's
    // confidence (it reads a wrong digit as surely as a right one): every figure
    // of a target, the document's number and its date.
    for (i, t) in imported.plan.targets.iter().enumerate() {
        // A doubtful figure of the target's sentence (`<5` read for `≤ 5`: its
        // digits are in «dưới 5%»), or a doubtful word where its figure is missing.
        let unsure = |digits_only: bool| {
            marks.iter().any(|(_, m)| {
                let digits: String = m.text.chars().filter(char::is_ascii_digit).collect();
                if digits_only {
                    !digits.is_empty() && t.text.contains(digits.as_str())
                } else {
                    m.text.chars().count() > 1 && t.text.contains(m.text.as_str())
                }
            })
        };
        let message = match t.printed_measure() {
            Some(m) => format!(
                "chỉ tiêu đọc từ ảnh quét: {}{} — đối chiếu số liệu với bản giấy",
                m.symbolic(),
                if unsure(true) {
                    " (chữ số đọc không chắc)"
                } else {
                    ""
                }
            ),
            None if unsure(false) => {
                "chỉ tiêu đọc từ ảnh quét, không đọc được số liệu (chữ đọc không chắc) — đối chiếu với bản giấy".to_owned()
            }
            None => continue,
        };
        let note = ImportNote {
            severity: Severity::Warning,
            code: "ocr_figure",
            message,
            ..Default::default()
        };
        imported.notes.push(note.at(format!("targets[{i}].value")));
    }
    let plan = &imported.plan;
    let mut figures = Vec::new();
    if let Some(n) = plan.number {
        figures.push(("number", format!("số văn bản đọc từ ảnh quét: {n}")));
    }
    if let Some(d) = plan.date {
        figures.push((
            "date",
            format!("ngày văn bản đọc từ ảnh quét: {}", d.format("%d/%m/%Y")),
        ));
    }
    for (path, message) in figures {
        let note = ImportNote {
            severity: Severity::Warning,
            code: "ocr_figure",
            message: format!("{message} — đối chiếu với bản giấy"),
            ..Default::default()
        };
        imported.notes.push(note.at(path));
    }
    // The review's frames: the doubtful words, then the figures the fields were
    // read from.
    let figures = figure_marks(&imported.plan, &with_figures, &marks);
    marks.extend(figures);
    imported.scan = Some(review(&pages, marks, &text));
    Ok(imported)
}
