//! The importer against the three real plans: hand-checked expectations, the round
//! trip through our DOCX and LibreOffice, DOCX input, and bad input.

use crate::common;

use crate::common::{fixture, kehoach, poppler, soffice_convert, soffice_pdf, world};
use kehoach::import::{import_docx, import_file, import_text};
use serde_json::{json, Value};

const PLANS: [&str; 3] = [
    "hai-an-2024-cds",
    "cat-hai-2022-chi-so-cds",
    "hai-phong-2022-2025-phoi-hop-btttt",
];

/// The parts of an imported plan the expectation files pin down.
fn projection(plan: &kehoach::Plan) -> Value {
    let p = serde_json::to_value(plan).unwrap();
    let mut headings = Vec::new();
    fn walk(sections: &Value, level: usize, out: &mut Vec<Value>) {
        for s in sections.as_array().unwrap() {
            out.push(json!({"level": level, "heading": s["heading"]}));
            walk(&s["children"], level + 1, out);
        }
    }
    walk(&p["sections"], 1, &mut headings);
    let pick = |v: &Value, keys: &[&str]| -> Value {
        let mut m = serde_json::Map::new();
        for k in keys {
            let x = v.get(*k).cloned().unwrap_or(Value::Null);
            // Absent optional strings and lists read as empty.
            let x = match (*k, x) {
                ("unit_label" | "scope", Value::Null) => json!(""),
                ("details", Value::Null) => json!([]),
                (_, x) => x,
            };
            m.insert((*k).to_owned(), x);
        }
        Value::Object(m)
    };
    json!({
        "title": p["title"], "place": p["place"], "period": p["period"],
        "agency": p["agency"], "number": p["number"], "symbol": p["symbol"],
        "parent": p["parent"], "legal_bases": p["legal_bases"], "intro": p["intro"],
        "numbering": p["numbering"], "headings": headings,
        "targets": p["targets"].as_array().unwrap().iter()
            .map(|t| pick(t, &["group", "comparator", "value", "unit", "unit_label", "scope", "deadline", "text"]))
            .collect::<Vec<_>>(),
        "tasks": p["tasks"].as_array().unwrap().iter()
            .map(|t| pick(t, &["group", "text", "lead", "partners", "deadline", "details"]))
            .collect::<Vec<_>>(),
        "closing": p["closing"], "recipients": p["recipients"], "signature": p["signature"],
    })
}

#[test]
fn each_reference_plan_meets_its_hand_checked_expectation() {
    for name in PLANS {
        let imported = import_file(&fixture(&format!("{name}.txt"))).unwrap();
        let got = projection(&imported.plan);
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("{name}.expected.json"))).unwrap(),
        )
        .unwrap();
        for (key, w) in want.as_object().unwrap() {
            let g = &got[key];
            if let (Some(ga), Some(wa)) = (g.as_array(), w.as_array()) {
                for (i, (gi, wi)) in ga.iter().zip(wa).enumerate() {
                    assert_eq!(gi, wi, "{name}: {key}[{i}]");
                }
                assert_eq!(ga.len(), wa.len(), "{name}: number of {key}");
            } else {
                assert_eq!(g, w, "{name}: {key}");
            }
        }
    }
}

#[test]
fn the_reference_plans_have_the_expected_shape() {
    // Independent of the expectation files: counts read off the documents by hand.
    let counts = |name: &str| {
        let p = import_file(&fixture(&format!("{name}.txt"))).unwrap().plan;
        (
            p.sections.len(),
            p.targets.len(),
            p.tasks.len(),
            p.recipients.len(),
            p.signature.signer.clone(),
        )
    };
    assert_eq!(
        counts("hai-an-2024-cds"),
        (4, 7, 0, 11, "Dương Đình Ổn".into())
    );
    assert_eq!(
        counts("cat-hai-2022-chi-so-cds"),
        (3, 0, 0, 6, "Nguyễn Quang Vinh".into())
    );
    assert_eq!(
        counts("hai-phong-2022-2025-phoi-hop-btttt"),
        (4, 0, 43, 11, "Hoàng Minh Cường".into())
    );
}

#[test]
fn targets_follow_the_domain_table() {
    let p = import_file(&fixture("hai-an-2024-cds.txt")).unwrap().plan;
    let t: Vec<(String, Option<f64>)> = p
        .targets
        .iter()
        .map(|t| {
            (
                t.comparator
                    .map(|c| c.symbol().to_owned())
                    .unwrap_or_default(),
                t.value,
            )
        })
        .collect();
    assert_eq!(
        t,
        vec![
            ("=".into(), Some(100.0)),
            ("=".into(), Some(100.0)),
            ("=".into(), Some(100.0)),
            ("=".into(), Some(100.0)),
            ("≥".into(), Some(95.0)),
            (String::new(), None),
            (">".into(), Some(50.0)),
        ]
    );
    assert_eq!(p.targets[2].scope, "cấp quận, cấp phường");
    // The targets are printed where the list was.
    let first = &p.sections[0].children[0];
    assert!(
        matches!(&first.blocks[0], kehoach::model::Block::Targets { group: Some(g) } if g == "Phát triển chính quyền số")
    );
}

#[test]
fn a_sentence_with_two_levels_gives_two_targets() {
    let text = "KẾ HOẠCH\nChuyển đổi số tỉnh X năm 2025\nI. MỤC TIÊU\n- Tỷ lệ hồ sơ xử lý trực tuyến đạt 75% ở cấp xã, 70% ở cấp huyện.\n- Tối thiểu 5.000 doanh nghiệp nhỏ và vừa được hỗ trợ đến năm 2025.\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện./.\n";
    let p = import_text(text, "t.txt").unwrap().plan;
    let v: Vec<(Option<f64>, &str, kehoach::model::Unit)> = p
        .targets
        .iter()
        .map(|t| (t.value, t.scope.as_str(), t.unit))
        .collect();
    use kehoach::model::Unit::*;
    assert_eq!(
        v,
        vec![
            (Some(75.0), "cấp xã", Percent),
            (Some(70.0), "cấp huyện", Percent),
            (Some(5000.0), "", Count),
        ]
    );
    assert_eq!(p.targets[2].unit_label, "doanh nghiệp");
    assert_eq!(
        p.targets[2].deadline,
        Some(kehoach::model::Deadline::Year { year: 2025 })
    );
    assert_eq!(p.closing, "Các đơn vị thực hiện");
}

/// Words of a text, NFC, lower case, without punctuation.
fn words(s: &str) -> Vec<String> {
    let s = kehoach::text::nfc(s).to_lowercase();
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Length of the longest common subsequence: the words kept in order.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

#[test]
fn round_trip_through_docx_and_libreoffice_keeps_the_words_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in PLANS {
        let source = std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap();
        let plan = import_text(&source, name).unwrap().plan;
        // text → JSON → (read back) → DOCX
        let json = kehoach::format::to_json_string(&plan);
        let plan = kehoach::format::from_json_str(&json, name).unwrap();
        let out = kehoach::export::export(
            &plan,
            &kehoach::layout::Profile::default(),
            &world(),
            kehoach::export::Format::Docx,
        )
        .unwrap();
        let docx = dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, &out.bytes).unwrap();
        let pdf = soffice_pdf(&docx, dir.path());
        let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        // Page numbers alone on a line are not words of the plan.
        let src: Vec<String> = kehoach::import::lines::clean(&source)
            .into_iter()
            .flat_map(|l| words(&l.text))
            .collect();
        let got = words(&text);
        let kept = lcs(&src, &got);
        let ratio = kept as f64 / src.len() as f64;
        eprintln!(
            "{name}: {kept} of {} words kept in order ({:.2} %)",
            src.len(),
            ratio * 100.0
        );
        assert!(
            ratio >= 0.995,
            "{name}: only {:.2} % of the words kept in order",
            ratio * 100.0
        );
    }
}

#[test]
fn our_own_docx_imports_back_to_the_same_structure() {
    let plan = kehoach::sample::sample_plan();
    let out = kehoach::export::export(
        &plan,
        &kehoach::layout::Profile::default(),
        &world(),
        kehoach::export::Format::Docx,
    )
    .unwrap();
    let back = import_docx(&out.bytes, "mau.docx").unwrap().plan;
    assert_eq!(back.title, plan.title);
    assert_eq!(back.agency.name, plan.agency.name);
    assert_eq!(back.agency.supervising, plan.agency.supervising);
    assert_eq!(
        back.parent.as_ref().map(|p| p.citation()),
        plan.parent.as_ref().map(|p| p.citation())
    );
    let heads = |p: &kehoach::Plan| -> Vec<String> {
        p.labeled_sections()
            .unwrap()
            .iter()
            .map(|l| format!("{} {}", l.label, kehoach::text::fold(&l.section.heading)))
            .collect()
    };
    assert_eq!(heads(&back), heads(&plan));
    assert_eq!(back.targets.len(), plan.targets.len());
    for (a, b) in back.targets.iter().zip(&plan.targets) {
        assert_eq!(
            (a.comparator, a.value),
            (b.comparator, b.value),
            "{}",
            b.text
        );
    }
    assert_eq!(back.recipients, plan.recipients);
    assert_eq!(back.signature, plan.signature);
}

#[test]
fn broken_docx_files_are_errors_not_panics() {
    let e = import_docx(b"not a zip", "hong.docx")
        .unwrap_err()
        .to_string();
    assert!(e.contains("hong.docx") && e.contains("DOCX"), "{e}");
    // A zip without a document.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("x.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"x").unwrap();
        z.finish().unwrap();
    }
    let e = import_docx(buf.get_ref(), "rong.docx")
        .unwrap_err()
        .to_string();
    assert!(e.contains("word/document.xml"), "{e}");
    // Malformed XML inside.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut z, b"<w:document><w:body><w:p><w:t>abc</w:x></w:p>")
            .unwrap();
        z.finish().unwrap();
    }
    let e = import_docx(buf.get_ref(), "xml.docx")
        .unwrap_err()
        .to_string();
    assert!(e.contains("xml.docx") && e.contains("XML"), "{e}");
}

#[test]
fn text_that_is_not_utf8_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cu.txt");
    std::fs::write(&f, b"KE HOACH\nd\xf2ng hai\n").unwrap();
    let e = import_file(&f).unwrap_err().to_string();
    assert!(e.contains("cu.txt") && e.contains("dòng 2"), "{e}");
}

#[test]
fn cli_converts_text_and_docx_and_adds_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("hp.json");
    let out = kehoach()
        .arg("convert")
        .arg(fixture("hai-phong-2022-2025-phoi-hop-btttt.txt"))
        .arg(&json)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The guesses are reported with their lines.
    let notes = String::from_utf8(out.stderr).unwrap();
    assert!(notes.contains("dòng 402"), "{notes}");
    let plan = kehoach::format::read_json_file(&json).unwrap();
    assert_eq!(plan.tasks.len(), 43);

    // DOCX in, PDF out.
    let docx = dir.path().join("hp.docx");
    assert!(kehoach()
        .arg("convert")
        .arg(&json)
        .arg(&docx)
        .status()
        .unwrap()
        .success());
    let pdf = dir.path().join("hp.pdf");
    let out = kehoach()
        .arg("convert")
        .arg(&docx)
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Thời gian hoàn thành: Quý IV năm 2022."),
        "{text}"
    );

    // Straight into the store.
    let db = dir.path().join("kh.db");
    let (code, stdout, stderr) = common::run(
        &db,
        &[
            "plans",
            "add",
            fixture("hai-an-2024-cds.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Chuyển đổi số quận Hải An năm 2024"),
        "{stdout}"
    );
}

#[test]
fn a_docx_written_by_libreoffice_imports_like_its_text() {
    // A DOCX from another writer than ours: LibreOffice's "MS Word 2007 XML" filter.
    let dir = tempfile::tempdir().unwrap();
    let name = "hai-phong-2022-2025-phoi-hop-btttt";
    let txt = dir.path().join(format!("{name}.txt"));
    std::fs::copy(fixture(&format!("{name}.txt")), &txt).unwrap();
    let docx = soffice_convert(&txt, dir.path(), "docx:MS Word 2007 XML", "docx");
    let from_docx = import_file(&docx).unwrap().plan;
    let from_text = import_file(&fixture(&format!("{name}.txt"))).unwrap().plan;
    assert_eq!(projection(&from_docx), projection(&from_text));
}

/// A table written in a text file a row a line, its cells between `|` (as the
/// scan review writes a scan's tables): read as a table, a page number between
/// its rows not ending it, `¶` parting a cell's paragraphs.
#[test]
fn a_table_written_between_bars_in_a_text_file_is_a_table() {
    let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nSố: 215/KH-UBND\nKẾ HOẠCH\nChuyển đổi số thành phố Hải Phòng năm 2026\nI. NHIỆM VỤ\n\
| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n\
| I | HẠ TẦNG SỐ |  |  |  |\n\
| 1 | Phủ sóng di động 4G/5G đến 100% thôn ¶ Ưu tiên vùng lõm sóng | Sở Khoa học và Công nghệ | Doanh nghiệp viễn thông ¶ Ủy ban nhân dân các xã | Quý IV năm 2026 |\n\
2\n\
| 2 | Nâng cấp mạng truyền số liệu chuyên dùng | Sở Khoa học và Công nghệ | Bưu điện thành phố | tháng 9 năm 2026 |\n\
II. TỔ CHỨC THỰC HIỆN\nCác sở, ngành tổ chức thực hiện.\n";
    let plan = import_text(text, "ke-hoach.txt").unwrap().plan;
    assert_eq!(plan.tasks.len(), 2, "{:?}", plan.tasks);
    let t = &plan.tasks[0];
    assert_eq!(t.text, "Phủ sóng di động 4G/5G đến 100% thôn");
    assert_eq!(t.details, vec!["Ưu tiên vùng lõm sóng".to_owned()]);
    assert_eq!(t.group, "HẠ TẦNG SỐ");
    assert_eq!(
        t.partners,
        vec!["Doanh nghiệp viễn thông", "Ủy ban nhân dân các xã"]
    );
    assert_eq!(plan.tasks[1].lead, "Sở Khoa học và Công nghệ");
    // A bar inside a sentence is no table.
    let plain = import_text(
        "KẾ HOẠCH\nChuyển đổi số xã Tân An năm 2026\nI. MỤC TIÊU\n- Tỷ lệ | đạt 100% hồ sơ.\n",
        "x.txt",
    )
    .unwrap()
    .plan;
    assert!(plain
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .all(|b| !matches!(b, kehoach::model::Block::Table { .. })));
}
