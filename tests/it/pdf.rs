//! The PDF export, checked with consumers we did not write (poppler, qpdf) and
//! against LibreOffice's rendering of our own DOCX of the same plan.

use crate::common;
use crate::common::{poppler, soffice_pdf, words_in_order, world};
use kehoach::export::{export, Format};
use kehoach::fonts::{FaceStyle, FontSet};
use kehoach::layout::{self, Profile};
use kehoach::sample::{long_plan, sample_plan};
use kehoach::Plan;
use std::path::{Path, PathBuf};
use std::process::Command;

fn write(dir: &Path, plan: &Plan, format: Format, name: &str) -> PathBuf {
    let out = export(plan, &Profile::default(), &world(), format).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, out.bytes).unwrap();
    path
}

fn pages(pdf: &Path) -> usize {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    )
}

/// A coordinate of a `<word …>` element of `pdftotext -bbox`.
fn bbox_attr(word: &str, name: &str) -> f32 {
    word.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} in {word}"))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty() && l != "\u{c}")
        .collect()
}

#[test]
fn fonts_are_embedded_subset_and_mapped_to_unicode() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &sample_plan(), Format::Pdf, "k.pdf");
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    // Regular, bold, italic (the sample has no bold italic text).
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+' && name.ends_with("LiberationSerif")
                || name.contains("+LiberationSerif-")
                || name.contains("+TimesNewRoman"),
            "subset tag and real name: {row}"
        );
        // emb sub uni
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    // Subset: the whole of Liberation Serif's four faces is 1.6 MB.
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 150_000, "{size} bytes");
}

#[test]
fn qpdf_finds_no_errors_and_pages_are_a4_with_a_landscape_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &sample_plan(), Format::Pdf, "k.pdf");
    let out = Command::new("qpdf")
        .args(["--check", pdf.to_str().unwrap()])
        .output()
        .expect("qpdf is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
    let n = pages(&pdf);
    let info = poppler(
        "pdfinfo",
        &["-f", "1", "-l", &n.to_string(), pdf.to_str().unwrap()],
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .collect();
    assert_eq!(sizes.len(), n);
    // The sample's appendix (Phụ lục) starts on a page of its own, landscape, to the end.
    let first_appendix_page = (1..=n)
        .find(|p| page_text(&pdf, *p).contains("Phụ lục I"))
        .expect("the appendix is printed");
    assert!(first_appendix_page > 1);
    for (i, l) in sizes.iter().enumerate() {
        let expected = if i + 1 >= first_appendix_page {
            "841.89 x 595.276"
        } else {
            "595.276 x 841.89"
        };
        assert!(l.contains(expected), "page {}: {l}", i + 1);
    }
    // Its table goes on with the header row repeated.
    let last = page_text(&pdf, n);
    assert!(
        last.contains("Nhiệm vụ") && last.contains("Đơn vị chủ trì"),
        "{last}"
    );
}

#[test]
fn text_extracts_as_nfc_in_order_even_from_decomposed_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan();
    // Decomposed input (as pasted from some Mac applications): the writer
    // normalises, so the marks sit on their letters and the text extracts as NFC.
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd(plan.title.as_str()).collect();
    assert_ne!(nfd, plan.title);
    plan.title = nfd;
    let pdf = write(dir.path(), &plan, Format::Pdf, "k.pdf");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let nfc: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    assert_eq!(text, nfc, "extracted text is NFC");
    assert!(text.contains("Chuyển đổi số xã Tân An năm 2026"));
    // Every word of the plan's body, in order.
    let doc = layout::layout(&sample_plan(), &Profile::default(), &world()).unwrap();
    let mut expected = String::new();
    for part in &doc.parts {
        for b in &part.blocks {
            if let layout::LBlock::Para(p) = b {
                for r in &p.runs {
                    expected.push_str(&r.text);
                }
                expected.push('\n');
            }
        }
    }
    let missing = words_in_order(&expected, &text);
    assert!(missing.is_empty(), "missing or out of order: {missing:?}");
}

/// MuPDF and Ghostscript read the same words as poppler: the faces' one-byte
/// codes go through an embedded CMap, which every reader must follow. (Two-column
/// parts, the header block and the signature, come out in a different order from
/// each reader, so the words are compared as a whole, not in sequence.)
#[test]
fn mupdf_and_ghostscript_read_the_words_poppler_reads() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &sample_plan(), Format::Pdf, "k.pdf");
    let path = pdf.to_str().unwrap();
    let words = |text: &str| {
        let mut w: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        w.sort();
        w
    };
    let poppler_words = words(&poppler("pdftotext", &[path, "-"]));
    assert!(poppler_words.len() > 1000, "{}", poppler_words.len());
    let mupdf = poppler("mutool", &["draw", "-q", "-F", "txt", "-o", "-", path]);
    assert_eq!(words(&mupdf), poppler_words, "MuPDF");
    let gs = poppler(
        "gs",
        &[
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=txtwrite",
            "-sOutputFile=-",
            path,
        ],
    );
    assert_eq!(words(&gs), poppler_words, "Ghostscript");
}

#[test]
fn page_numbers_are_at_the_top_from_page_two() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &long_plan(2), Format::Pdf, "k.pdf");
    let n = pages(&pdf);
    assert!(n >= 4, "{n} pages");
    let bbox = poppler(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "3", pdf.to_str().unwrap(), "-"],
    );
    // Words of each page: (yMin, text).
    let mut per_page: Vec<Vec<(f32, String)>> = Vec::new();
    for line in bbox.lines() {
        if line.contains("<page ") {
            per_page.push(Vec::new());
        }
        if let Some(rest) = line.trim().strip_prefix("<word ") {
            let y = bbox_attr(rest, "yMin");
            let word = rest
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_owned();
            per_page.last_mut().unwrap().push((y, word));
        }
    }
    let top_margin_pt = 20.0 * 72.0 / 25.4;
    let in_margin = |page: &Vec<(f32, String)>| -> Vec<String> {
        page.iter()
            .filter(|(y, _)| *y < top_margin_pt - 5.0)
            .map(|(_, w)| w.clone())
            .collect()
    };
    assert!(
        in_margin(&per_page[0]).iter().all(|w| w != "1"),
        "no number on page 1"
    );
    assert_eq!(in_margin(&per_page[1]), ["2"]);
    assert_eq!(in_margin(&per_page[2]), ["3"]);
}

/// A justified line ends on the right margin, to the hundredth of a point: the
/// widths in the font dictionaries are those the layout measured with, not whole
/// thousandths of an em (which left lines up to half a point short).
#[test]
fn justified_lines_end_on_the_right_margin() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &long_plan(2), Format::Pdf, "k.pdf");
    let bbox = poppler(
        "pdftotext",
        &["-bbox", "-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"],
    );
    // The right end of each line (words grouped by their top).
    let mut line_ends: Vec<(f32, f32)> = Vec::new();
    for word in bbox.lines().filter_map(|l| l.trim().strip_prefix("<word ")) {
        let (y, x) = (bbox_attr(word, "yMin"), bbox_attr(word, "xMax"));
        match line_ends.iter_mut().find(|(ly, _)| (*ly - y).abs() < 1.0) {
            Some(line) => line.1 = line.1.max(x),
            None => line_ends.push((y, x)),
        }
    }
    let profile = Profile::default();
    let margin = (210.0 - profile.margin_right_mm) * 72.0 / 25.4;
    // Lines that reach within a few points of the margin are the justified ones
    // (the last line of a paragraph stops short).
    let full: Vec<f32> = line_ends
        .iter()
        .map(|(_, x)| *x)
        .filter(|x| *x > margin - 6.0)
        .collect();
    assert!(full.len() >= 5, "{line_ends:?}");
    for x in full {
        assert!(
            (x - margin).abs() < 0.05,
            "a line ends at {x}, the margin is at {margin}"
        );
    }
}

/// The sample, line by line: our PDF against LibreOffice's rendering of our DOCX.
#[test]
fn same_lines_on_the_same_pages_as_libreoffice_renders_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let ours = write(dir.path(), &sample_plan(), Format::Pdf, "ours.pdf");
    let docx = write(dir.path(), &sample_plan(), Format::Docx, "lo.docx");
    let lo = soffice_pdf(&docx, dir.path());
    assert_eq!(pages(&ours), pages(&lo));
    for page in 1..=pages(&ours) {
        let (a, b) = (lines(&page_text(&lo, page)), lines(&page_text(&ours, page)));
        assert_eq!(b, a, "page {page}: our lines (left) against LibreOffice's");
    }
}

#[test]
fn a_thirty_page_plan_has_libreoffices_page_count_within_one() {
    let dir = tempfile::tempdir().unwrap();
    let plan = long_plan(11);
    let ours = write(dir.path(), &plan, Format::Pdf, "ours.pdf");
    let docx = write(dir.path(), &plan, Format::Docx, "lo.docx");
    let lo = soffice_pdf(&docx, dir.path());
    let (a, b) = (pages(&lo), pages(&ours));
    assert!(a.abs_diff(b) <= 1, "LibreOffice {a} pages, ours {b}");
    // The header block breaks where LibreOffice breaks it.
    let head = |p: &Path| lines(&page_text(p, 1))[..6].to_vec();
    assert_eq!(head(&ours), head(&lo));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let a = export(&sample_plan(), &Profile::default(), &world(), Format::Pdf).unwrap();
    let b = export(&sample_plan(), &Profile::default(), &world(), Format::Pdf).unwrap();
    assert!(a.bytes == b.bytes);
}

/// Every precomposed letter Vietnamese writes, in all four faces of the font used.
#[test]
fn the_font_covers_vietnamese() {
    let bases = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut letters: Vec<char> = "đĐ".chars().chain(bases.chars()).collect();
    for b in bases.chars() {
        for t in tones {
            let s: String =
                unicode_normalization::UnicodeNormalization::nfc(format!("{b}{t}").as_str())
                    .collect();
            let mut cs = s.chars();
            let c = cs.next().unwrap();
            assert!(cs.next().is_none(), "{b}+{t:?} has a precomposed form");
            assert!(('\u{C0}'..='\u{1EF9}').contains(&c));
            letters.push(c);
        }
    }
    assert_eq!(letters.len(), 2 + 24 * 6);
    for fonts in [FontSet::bundled(), FontSet::system_or_bundled()] {
        for style in FaceStyle::ALL {
            let face = fonts.face(style);
            let missing: String = letters.iter().filter(|c| !face.has_glyph(**c)).collect();
            assert!(missing.is_empty(), "{} lacks {missing}", face.source);
        }
    }
}

#[test]
fn cli_converts_to_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("k.json");
    std::fs::write(&json, kehoach::format::to_json_string(&sample_plan())).unwrap();
    let pdf = dir.path().join("k.pdf");
    let out = common::kehoach()
        .args(["convert", json.to_str().unwrap(), pdf.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert!(page_text(&pdf, 1).contains("KẾ HOẠCH"));
}

#[test]
fn the_preview_shows_the_pages_the_pdf_prints() {
    let plan = sample_plan();
    let doc = layout::layout(&plan, &Profile::default(), &world()).unwrap();
    let fonts = FontSet::bundled();
    let preview = kehoach::pdf::preview(&doc, &fonts);
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &plan, Format::Pdf, "k.pdf");
    assert_eq!(preview.len(), pages(&pdf));
    // Page 1 of the preview holds exactly page 1's characters (pdftotext reads the
    // header block's two columns in its own order, so compare them as a multiset).
    let chars = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    let shown: String = preview[0].texts.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(chars(&shown), chars(&page_text(&pdf, 1)));
    assert!(
        preview.last().unwrap().width > preview[0].width,
        "landscape appendix"
    );
}

#[test]
fn the_pdf_is_in_vietnamese_and_viewers_show_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &sample_plan(), Format::Pdf, "t.pdf");
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Title:           Kế hoạch Chuyển đổi số xã Tân An năm 2026"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Ủy ban nhân dân xã Tân An"),
        "{info}"
    );
    let file = lopdf::Document::load(&pdf).unwrap();
    let catalog = file.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"vi-VN");
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
}

#[test]
fn text_not_filled_in_is_highlighted_in_one_stretch_with_its_spaces() {
    let mut plan = sample_plan();
    plan.sections[0].blocks = vec![kehoach::model::Block::Paragraph {
        text: String::new(),
    }];
    let doc = layout::layout(&plan, &Profile::default(), &world()).unwrap();
    let pages = kehoach::pdf::preview(&doc, &FontSet::bundled());
    let page = &pages[0];
    // The empty paragraph prints `[Nội dung đoạn văn]`, four words on one line.
    let first = page.texts.iter().position(|t| t.text == "[Nội").unwrap();
    let words: Vec<_> = page.texts[first..first + 4].iter().collect();
    assert_eq!(words[3].text, "văn]");
    let on_line: Vec<_> = page
        .highlights
        .iter()
        .filter(|[_, top, _, height]| *top < words[0].y && words[0].y < top + height)
        .collect();
    assert_eq!(on_line.len(), 1, "one box, not one per word: {on_line:?}");
    let [x, _, width, _] = *on_line[0];
    assert!((x - words[0].x).abs() < 0.01);
    assert!(
        x + width > words[3].x + 10.0,
        "the box reaches the last word"
    );
    // The PDF paints the same single box.
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), &plan, Format::Pdf, "h.pdf");
    // Only highlights are painted as rectangles (`re`); rules are drawn as lines.
    let file = lopdf::Document::load(&pdf).unwrap();
    let boxes: usize = file
        .get_pages()
        .values()
        .map(|&id| {
            let content = file.get_page_content(id);
            let ops = lopdf::content::Content::decode(&content)
                .unwrap()
                .operations;
            ops.iter().filter(|op| op.operator == "re").count()
        })
        .sum();
    let painted: usize = pages.iter().map(|p| p.highlights.len()).sum();
    assert_eq!(boxes, painted);
}

/// Pages of the PDF's page model for `plan`.
fn laid_out(plan: &Plan) -> (layout::Document, Vec<kehoach::pdf::paginate::Page>) {
    let doc = layout::layout(plan, &Profile::default(), &world()).unwrap();
    let pages = kehoach::pdf::paginate(&doc, &FontSet::bundled());
    (doc, pages)
}

fn flow_texts(page: &kehoach::pdf::paginate::Page) -> Vec<String> {
    page.lines.iter().map(|l| l.line.text()).collect()
}

#[test]
fn a_long_table_repeats_its_header_row_and_never_splits_a_row() {
    let mut plan = sample_plan();
    let task = plan.tasks[0].clone();
    plan.tasks = (0..80)
        .map(|i| kehoach::model::Task {
            id: format!("NV{i}"),
            text: format!("{} (lần {i})", task.text),
            ..task.clone()
        })
        .collect();
    let (_, pages) = laid_out(&plan);
    // The appendix (landscape) holds the table.
    let appendix: Vec<_> = pages.iter().filter(|p| p.width > p.height).collect();
    assert!(appendix.len() >= 3, "{} appendix pages", appendix.len());
    for (i, page) in appendix.iter().enumerate() {
        let texts = flow_texts(page);
        let header = texts
            .iter()
            .position(|t| t == "TT")
            .expect("header row on every page");
        if i > 0 {
            assert_eq!(header, 0, "page {i}: the header row comes first");
        }
        // Every row's cells are on one page: as many row numbers (TT column) as
        // task texts ending their cell.
        let rows_started = texts
            .iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty())
            .count();
        let rows_ended = texts.iter().filter(|t| t.contains("(lần ")).count();
        assert_eq!(rows_started, rows_ended, "page {i}: a row was split");
    }
}

#[test]
fn headings_stay_with_their_text_and_the_signature_with_the_closing() {
    let plan = long_plan(11);
    let (doc, pages) = laid_out(&plan);
    let headings: Vec<String> = doc.parts[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            layout::LBlock::Para(p) if p.role == layout::Role::Heading => {
                Some(p.runs.iter().map(|r| r.text.as_str()).collect::<String>())
            }
            _ => None,
        })
        .collect();
    assert!(headings.len() > 50);
    for (i, page) in pages.iter().enumerate() {
        let texts = flow_texts(page);
        if let Some(last) = texts.last() {
            assert!(
                !headings.contains(last),
                "page {}: ends with the heading {last:?}",
                i + 1
            );
        }
    }
    // The page with the signature block also has the closing line ending in "./.".
    let sig = pages
        .iter()
        .find(|p| flow_texts(p).iter().any(|t| t == "Nơi nhận:"))
        .expect("signature page");
    assert!(
        flow_texts(sig).iter().any(|t| t.ends_with("./.")),
        "{:?}",
        flow_texts(sig)
    );
}

/// pdftotext reads every word of a justified line whole: the stretch between words
/// must not land inside one (it did with word spacing, `Tw`: «KH-UBN D»).
#[test]
fn justified_lines_extract_with_whole_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan();
    let words = "Chữ hoa ABCDEFGHIJKLMNOPQRSTUVWXYZ và chữ thường abcdefghijklmnopqrstuvwxyz cùng với các từ KH-UBND UBND BND ND cần được tách đúng khi giãn dòng ra hai bên lề của văn bản hành chính theo quy định hiện hành";
    plan.intro = words.into();
    let pdf = write(dir.path(), &plan, Format::Pdf, "whole.pdf");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(words), "{flat}");
}
