//! Reading scanned plans (nhận dạng chữ từ bản quét) with Tesseract and its
//! Vietnamese model, offline: page images (PNG, JPEG, TIFF) and PDFs whose pages are
//! images. The recognised text goes through the text importer like any other input;
//! words Tesseract is unsure of, and every figure of a target read from a scan, are
//! import notes (doubtful, to check against the paper). Behind the cargo feature
//! `ocr`; without it a scan gets the message that says so.

mod correct;
mod engine;
mod ffi;
mod images;

pub use correct::correct_line;

pub use engine::{recognise, recognise_with, Cleanup, OcrLine, OcrPage, OcrWord};

use super::{import_text, ImportNote, Imported};
use crate::diag::Severity;
use crate::{Error, Result};

/// Words below this confidence (Tesseract's 0–100) are marked doubtful.
pub const DOUBTFUL_BELOW: f32 = 80.0;

/// A plan read from one page image.
pub fn import_image(bytes: &[u8], name: &str) -> Result<Imported> {
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
    let mut text = String::new();
    for page in &mut pages {
        for line in &mut page.lines {
            correct_line(&mut line.words);
            let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
            text.push_str(&words.join(" "));
            text.push('\n');
        }
    }
    Ok(crate::text::nfc(&text))
}

/// Each page's image recognised, pages in parallel up to the cores.
fn recognise_pages(
    bytes: &[u8],
    name: &str,
    progress: &super::Progress<'_>,
) -> Result<Vec<OcrPage>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let images = images::page_images(bytes, name)?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(images.len().max(1));
    let mut pages: Vec<Option<Result<OcrPage>>> = (0..images.len()).map(|_| None).collect();
    let (counter, total) = (AtomicUsize::new(0), images.len());
    let done = &counter;
    (progress.page)(0, total);
    std::thread::scope(|scope| {
        let chunks: Vec<Vec<(usize, &images::PageImage)>> = (0..threads)
            .map(|t| images.iter().enumerate().skip(t).step_by(threads).collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(i, img)| {
                            if progress.cancel.load(Ordering::Relaxed) {
                                return (i, Err(Error::Cancelled));
                            }
                            let r = recognise(&img.bytes, name, img.page);
                            (progress.page)(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                            (i, r)
                        })
                        .collect::<Vec<_>>()
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

/// The recognised pages as text for the importer, then the doubtful words and the
/// figures read from the scan as notes.
fn import_pages(mut pages: Vec<OcrPage>, name: &str) -> Result<Imported> {
    let mut corrected = 0;
    for page in &mut pages {
        for line in &mut page.lines {
            corrected += correct_line(&mut line.words);
        }
    }
    let mut text = String::new();
    let mut doubtful: Vec<(u32, usize, String, f32)> = Vec::new();
    let mut line_no = 0usize;
    for page in &pages {
        for line in &page.lines {
            if line.paragraph_start && !text.is_empty() {
                text.push('\n');
                line_no += 1;
            }
            line_no += 1;
            let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
            text.push_str(&words.join(" "));
            text.push('\n');
            for w in &line.words {
                if w.confidence < DOUBTFUL_BELOW {
                    doubtful.push((page.number, line_no, w.text.clone(), w.confidence));
                }
            }
        }
        text.push('\n');
        line_no += 1;
    }
    if text.trim().is_empty() {
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
    for (page, line, word, conf) in &doubtful {
        let mut note = ImportNote {
            severity: Severity::Warning,
            code: "ocr_doubtful",
            message: format!("chữ đọc không chắc: «{word}» (độ tin cậy {conf:.0}%)"),
            ..Default::default()
        };
        note.page = *page;
        note.line = *line;
        imported.notes.push(note);
    }
    // Every figure of a target read from a scan is to be checked.
    for (i, t) in imported.plan.targets.iter().enumerate() {
        if let Some(m) = t.printed_measure() {
            let unsure = doubtful.iter().any(|(_, _, w, _)| {
                w.chars().any(|c| c.is_ascii_digit()) && t.text.contains(w.as_str())
            });
            imported.notes.push(
                ImportNote {
                    severity: if unsure {
                        Severity::Warning
                    } else {
                        Severity::Note
                    },
                    code: "ocr_figure",
                    message: format!(
                        "chỉ tiêu đọc từ ảnh quét: {}{} — đối chiếu số liệu với bản giấy",
                        m.symbolic(),
                        if unsure {
                            " (chữ số đọc không chắc)"
                        } else {
                            ""
                        }
                    ),
                    ..Default::default()
                }
                .at(format!("targets[{i}].value")),
            );
        }
    }
    Ok(imported)
}
