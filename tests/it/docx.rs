//! The DOCX export, read back by consumers we did not write: python-docx and
//! LibreOffice (then poppler's pdftotext).

use crate::common;
use crate::common::{poppler, soffice_pdf, words_in_order, world};
use kehoach::export::{export, Format};
use kehoach::layout::{self, Profile};
use kehoach::sample::sample_plan;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

fn write_sample_docx(dir: &Path, plan: &kehoach::Plan) -> PathBuf {
    let out = export(plan, &Profile::default(), &world(), Format::Docx).unwrap();
    let path = dir.join("ke-hoach.docx");
    std::fs::write(&path, out.bytes).unwrap();
    path
}

fn inspect(path: &Path) -> Value {
    crate::common::inspect_docx(path)
}

fn para<'a>(paras: &'a [Value], text: &str) -> &'a Value {
    paras
        .iter()
        .find(|p| p["text"].as_str().unwrap().starts_with(text))
        .unwrap_or_else(|| panic!("no paragraph starting with «{text}»"))
}

fn cell_paras(t: &Value, row: usize, col: usize) -> Vec<Value> {
    t["cells"][row][col].as_array().unwrap().clone()
}

#[test]
fn python_docx_reads_back_the_nd30_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan();
    plan.number = Some(5);
    plan.date = chrono::NaiveDate::from_ymd_opt(2026, 2, 5);
    let d = inspect(&write_sample_docx(dir.path(), &plan));

    // Times New Roman in all four slots, in the defaults and in every style.
    let tnr = serde_json::json!({"ascii": "Times New Roman", "hAnsi": "Times New Roman", "eastAsia": "Times New Roman", "cs": "Times New Roman"});
    assert_eq!(d["default_fonts"], tnr);
    for (style, fonts) in d["style_fonts"].as_object().unwrap() {
        assert_eq!(fonts, &tnr, "style {style}");
    }
    assert_eq!(d["lang"], "vi-VN");
    // File > Info in Word: the plan's title and the issuing agency, not `unknown`.
    assert_eq!(
        d["properties"],
        serde_json::json!({
            "title": "Kế hoạch Chuyển đổi số xã Tân An năm 2026",
            "author": "Ủy ban nhân dân xã Tân An",
            "language": "vi-VN",
        })
    );

    // A4 portrait with the profile's margins; first page without a page number.
    let main = &d["sections"][0];
    assert_eq!(main["width_mm"], 210.0);
    assert_eq!(main["height_mm"], 297.0);
    assert_eq!(
        main["margins_mm"],
        serde_json::json!([20.0, 20.0, 30.0, 15.0])
    );
    assert_eq!(main["title_pg"], true);
    assert_eq!(main["header_has_page_field"], true);
    assert_eq!(main["header_text"], "2", "cached field value");
    assert_eq!(main["first_header_text"], "");

    // The appendix: landscape, numbering from 1.
    let app = &d["sections"][1];
    assert_eq!(app["width_mm"], 297.0);
    assert_eq!(app["height_mm"], 210.0);
    assert!(app["orientation"]
        .as_str()
        .unwrap()
        .starts_with("LANDSCAPE"));
    assert_eq!(app["page_start"], "1");
    assert_eq!(app["title_pg"], true);

    // The header block: a borderless table, each element with its size and weight.
    let header = &d["tables"][0];
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        assert_eq!(header["borders"][side], "nil", "{side}");
    }
    let left = cell_paras(header, 0, 0);
    let right = cell_paras(header, 0, 1);
    let check = |p: &Value, size: f64, bold: bool, italic: bool| {
        assert_eq!(p["sizes"], serde_json::json!([size]), "{}", p["text"]);
        assert!(
            p["bold"].as_array().unwrap().iter().all(|b| b == bold),
            "{}",
            p["text"]
        );
        assert!(
            p["italic"].as_array().unwrap().iter().all(|b| b == italic),
            "{}",
            p["text"]
        );
        assert_eq!(p["align"], "CENTER (1)", "{}", p["text"]);
    };
    assert_eq!(left[0]["text"], "UBND THÀNH PHỐ HẢI PHÒNG");
    check(&left[0], 13.0, false, false);
    assert_eq!(left[1]["text"], "ỦY BAN NHÂN DÂN");
    check(&left[1], 13.0, true, false);
    assert_eq!(left[2]["text"], "XÃ TÂN AN");
    check(&left[2], 13.0, true, false);
    assert_eq!(left[3]["text"], "");
    assert_eq!(
        left[3]["border_bottom"], true,
        "drawn rule under the agency"
    );
    assert_eq!(right[0]["text"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    check(&right[0], 13.0, true, false);
    assert_eq!(right[1]["text"], "Độc lập - Tự do - Hạnh phúc");
    check(&right[1], 14.0, true, false);
    assert_eq!(
        right[2]["border_bottom"], true,
        "drawn rule under the motto"
    );
    let number = cell_paras(header, 1, 0);
    assert_eq!(number[0]["text"], "Số: 05/KH-UBND");
    check(&number[0], 13.0, false, false);
    let date = cell_paras(header, 1, 1);
    assert_eq!(date[0]["text"], "Tân An, ngày 05 tháng 02 năm 2026");
    check(&date[0], 14.0, false, true);

    // Title, summary, legal basis, body.
    let paras = d["paragraphs"].as_array().unwrap();
    let kind = para(paras, "KẾ HOẠCH");
    assert_eq!(kind["sizes"], serde_json::json!([14.0]));
    assert_eq!(kind["bold"], serde_json::json!([true]));
    let summary = para(paras, "Chuyển đổi số xã Tân An năm 2026");
    assert_eq!(summary["bold"], serde_json::json!([true]));
    assert_eq!(summary["align"], "CENTER (1)");
    let basis = para(paras, "Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025");
    assert!(basis["italic"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i == true));
    let heading = para(paras, "I. MỤC ĐÍCH, YÊU CẦU");
    assert!(heading["bold"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b == true));
    let body = para(paras, "Tiếp tục tập trung chỉ đạo");
    assert_eq!(body["align"], "JUSTIFY (3)");
    assert_eq!(body["sizes"], serde_json::json!([14.0]));
    let closing = para(paras, "Trong quá trình thực hiện");
    assert!(closing["text"].as_str().unwrap().ends_with("chỉ đạo./."));

    // Recipients beside the signature, in a borderless table.
    let footer = &d["tables"][1];
    assert_eq!(footer["borders"]["top"], "nil");
    let rec = cell_paras(footer, 0, 0);
    assert_eq!(rec[0]["text"], "Nơi nhận:");
    assert_eq!(rec[0]["sizes"], serde_json::json!([12.0]));
    assert_eq!(rec[0]["bold"], serde_json::json!([true]));
    assert_eq!(rec[0]["italic"], serde_json::json!([true]));
    assert_eq!(rec[1]["text"], "- UBND thành phố;");
    assert_eq!(rec[1]["sizes"], serde_json::json!([11.0]));
    assert_eq!(rec.last().unwrap()["text"], "- Lưu: VT.");
    let sig: Vec<String> = cell_paras(footer, 0, 1)
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        sig,
        [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Bình"
        ]
    );

    // The appendix table: fixed layout, a grid, the header row repeated.
    let tasks = &d["tables"][2];
    assert_eq!(tasks["layout"], "fixed");
    assert_eq!(tasks["borders"]["insideH"], "single");
    assert_eq!(tasks["header_repeat"], true);
    // Header, four group rows (I Nhận thức số …) and six tasks.
    assert_eq!(tasks["rows"], 11);
    assert_eq!(tasks["cols"], 5);
    assert_eq!(header["header_repeat"], false);
}

#[test]
fn blank_number_and_date_for_an_unregistered_draft() {
    let dir = tempfile::tempdir().unwrap();
    let d = inspect(&write_sample_docx(dir.path(), &sample_plan()));
    let header = &d["tables"][0];
    let number = cell_paras(header, 1, 0)[0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(number.starts_with("Số:\u{a0}"), "{number:?}");
    assert!(number.ends_with("/KH-UBND"));
    let date = cell_paras(header, 1, 1)[0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(date.starts_with("Tân An, ngày\u{a0}"), "{date:?}");
    assert!(date.ends_with("năm 2026"), "{date:?}");
}

#[test]
fn empty_fields_export_as_visible_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan();
    plan.signature.signer.clear();
    plan.title.clear();
    plan.sections[0].children[0].blocks = vec![kehoach::model::Block::Paragraph {
        text: String::new(),
    }];
    let out = export(&plan, &Profile::default(), &world(), Format::Docx).unwrap();
    assert!(
        kehoach::lint::has_errors(&out.findings),
        "the lint names what is missing"
    );
    let path = dir.path().join("nhap.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    let d = inspect(&path);
    let texts: Vec<&str> = d["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"[Trích yếu nội dung kế hoạch]"),
        "{texts:?}"
    );
    assert!(texts.contains(&"[Nội dung đoạn văn]"), "{texts:?}");
    let sig = cell_paras(&d["tables"][1], 0, 1);
    assert_eq!(sig.last().unwrap()["text"], "[Họ và tên người ký]");
}

#[test]
fn the_package_is_deflated_and_deterministic() {
    let a = export(&sample_plan(), &Profile::default(), &world(), Format::Docx)
        .unwrap()
        .bytes;
    let b = export(&sample_plan(), &Profile::default(), &world(), Format::Docx)
        .unwrap()
        .bytes;
    assert_eq!(a, b, "same plan, same world, same bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let mut total = 0;
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
        total += f.size();
    }
    assert!(
        (a.len() as u64) * 3 < total,
        "compressed {} of {total} bytes",
        a.len()
    );
}

#[test]
fn libreoffice_renders_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_plan();
    let docx = write_sample_docx(dir.path(), &plan);
    let pdf = soffice_pdf(&docx, dir.path());
    let text = poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let doc = layout::layout(&plan, &Profile::default(), &world()).unwrap();
    // Side-by-side cells (header block, recipients beside the signature, table rows)
    // are read by pdftotext line by line across the columns; each cell is checked on
    // its own, and the flowing text as one sequence.
    let (flow, cells) = flow_and_cells(&doc);
    let missing = words_in_order(&flow, &text);
    assert!(missing.is_empty(), "missing or out of order: {missing:?}");
    for line in cells {
        let missing = words_in_order(&line, &text);
        assert!(missing.is_empty(), "«{line}»: missing {missing:?}");
    }
    let info = poppler("pdfinfo", &["-f", "1", "-l", "20", pdf.to_str().unwrap()]);
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .collect();
    assert!(sizes[0].contains("595.304 x 841.89"), "A4 portrait: {info}");
    assert!(
        sizes.last().unwrap().contains("841.89 x 595.304"),
        "landscape appendix: {info}"
    );
}

/// The document's text: flowing paragraphs in order, and the cells of grids and
/// tables apart.
fn flow_and_cells(doc: &layout::Document) -> (String, Vec<String>) {
    use layout::LBlock;
    let text = |p: &layout::Para| p.runs.iter().map(|r| r.text.as_str()).collect::<String>();
    let mut flow = String::new();
    let mut cells = Vec::new();
    for part in &doc.parts {
        for b in &part.blocks {
            match b {
                LBlock::Para(p) => {
                    flow.push_str(&text(p));
                    flow.push('\n');
                }
                LBlock::Table(t) => {
                    for p in t.header.iter().chain(t.rows.iter().flatten()) {
                        cells.push(text(p));
                    }
                }
                LBlock::Grid(g) => {
                    for b in g.rows.iter().flatten().flatten() {
                        if let LBlock::Para(p) = b {
                            cells.push(text(p));
                        }
                    }
                }
                LBlock::Rule(_) => {}
            }
        }
    }
    (flow, cells)
}

#[test]
fn golden_document_xml() {
    let bytes = export(&sample_plan(), &Profile::default(), &world(), Format::Docx)
        .unwrap()
        .bytes;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // One paragraph or row per line, so that a change shows as a readable diff.
    let pretty = xml
        .replace("<w:p>", "\n<w:p>")
        .replace("<w:p ", "\n<w:p ")
        .replace("<w:tr>", "\n<w:tr>")
        .replace("<w:tbl>", "\n<w:tbl>");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/sample-document.xml");
    if std::env::var_os("KEHOACH_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &pretty).unwrap();
    }
    let expected = std::fs::read_to_string(&golden)
        .expect("tests/golden/sample-document.xml exists (KEHOACH_UPDATE_GOLDEN=1 writes it)");
    if expected != pretty {
        let diff: Vec<String> = expected
            .lines()
            .zip(pretty.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(3)
            .map(|(i, (a, b))| format!("line {}:\n- {a}\n+ {b}", i + 1))
            .collect();
        panic!(
            "word/document.xml changed ({} → {} lines); if intended, rerun with KEHOACH_UPDATE_GOLDEN=1\n{}",
            expected.lines().count(),
            pretty.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn the_long_benchmark_plan_is_about_thirty_pages() {
    // The benchmark's "30-page plan", counted by LibreOffice.
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample_docx(dir.path(), &kehoach::sample::long_plan(11));
    let pdf = soffice_pdf(&path, dir.path());
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((28..=34).contains(&pages), "{pages} pages");
}

#[test]
fn cli_exports_a_stored_plan_with_a_custom_profile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let plan = dir.path().join("p.json");
    std::fs::write(&plan, kehoach::format::to_json_string(&sample_plan())).unwrap();
    assert_eq!(
        common::run(&db, &["plans", "add", plan.to_str().unwrap()]).0,
        0
    );
    let profile = dir.path().join("the-thuc.json");
    std::fs::write(
        &profile,
        r#"{"body_pt": 13, "margin_left_mm": 35, "margin_top_mm": 25}"#,
    )
    .unwrap();
    let out = dir.path().join("ke-hoach.docx");
    let (code, _, err) = common::run(
        &db,
        &[
            "--profile",
            profile.to_str().unwrap(),
            "plans",
            "export",
            "1",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let d = inspect(&out);
    assert_eq!(
        d["sections"][0]["margins_mm"],
        serde_json::json!([25.0, 20.0, 35.0, 15.0])
    );
    let body = para(
        d["paragraphs"].as_array().unwrap(),
        "Tiếp tục tập trung chỉ đạo",
    );
    assert_eq!(body["sizes"], serde_json::json!([13.0]));

    std::fs::write(&profile, r#"{"body_pt": "mười bốn"}"#).unwrap();
    let (code, _, err) = common::run(
        &db,
        &[
            "--profile",
            profile.to_str().unwrap(),
            "plans",
            "export",
            "1",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("the-thuc.json: body_pt: cần một số"), "{err}");
}
