//! Parent plans as they really arrive: PDFs printed by LibreOffice, re-printed by
//! cairo, signed by pyHanko, encrypted by qpdf, scanned; Word files laid out by
//! python-docx with tables, Word's own numbering and old Vietnamese fonts; files
//! that are not what they claim. The fixtures are made by
//! `tests/fixtures/make/*.py` with programs that are not ours.

use crate::common::{fixture, poppler, soffice_pdf, world};
use kehoach::import::{import_bytes, import_file, Imported};
use kehoach::model::{Block, Comparator, Deadline, Plan, Unit};
use serde_json::Value;

const PLANS: [&str; 3] = [
    "hai-an-2024-cds",
    "cat-hai-2022-chi-so-cds",
    "hai-phong-2022-2025-phoi-hop-btttt",
];

fn import(name: &str) -> Imported {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
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

/// The words of a plan as it prints: exported as PDF by us, read by poppler.
fn printed_words(plan: &Plan, dir: &std::path::Path) -> Vec<String> {
    let out = kehoach::export::export(
        plan,
        &kehoach::layout::Profile::default(),
        &world(),
        kehoach::export::Format::Pdf,
    )
    .unwrap();
    let path = dir.join("printed.pdf");
    std::fs::write(&path, &out.bytes).unwrap();
    words(&poppler("pdftotext", &[path.to_str().unwrap(), "-"]))
}

fn measure(plan: &Plan) -> Vec<(Option<Comparator>, Option<f64>, Unit)> {
    plan.targets
        .iter()
        .map(|t| (t.comparator, t.value, t.unit))
        .collect()
}

fn expected_measures(want: &Value) -> Vec<(Option<Comparator>, Option<f64>, Unit)> {
    want["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                serde_json::from_value(t["comparator"].clone()).unwrap(),
                t["value"].as_f64(),
                serde_json::from_value(t["unit"].clone()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_reference_plans_printed_by_libreoffice_import_like_their_text() {
    let dir = tempfile::tempdir().unwrap();
    for name in PLANS {
        let plan = import(&format!("{name}.office.pdf")).plan;
        let want = json(&format!("{name}.expected.json"));
        let office = json(&format!("{name}.office.json"));
        // Targets: comparator, value and unit as the text importer's expectation.
        assert_eq!(measure(&plan), expected_measures(&want), "{name}: targets");
        assert_eq!(
            plan.tasks.len(),
            want["tasks"].as_array().unwrap().len(),
            "{name}: tasks"
        );
        // The header block, read from its two columns.
        assert_eq!(plan.agency.name, office["agency"], "{name}: agency");
        assert_eq!(
            plan.agency.supervising, office["supervising"],
            "{name}: supervising agency"
        );
        assert_eq!(
            plan.number.map(u64::from),
            office["number"].as_u64(),
            "{name}: number"
        );
        assert_eq!(
            plan.date.map(|d| d.to_string()),
            office["date"].as_str().map(str::to_owned),
            "{name}: date"
        );
        assert_eq!(plan.place, office["place"], "{name}: place");
        assert_eq!(plan.title, want["title"], "{name}: title");
        assert_eq!(
            serde_json::to_value(&plan.parent).unwrap(),
            want["parent"],
            "{name}: parent"
        );
        // The footer block: recipients, then the signature.
        assert_eq!(
            serde_json::to_value(&plan.recipients).unwrap(),
            want["recipients"],
            "{name}: recipients"
        );
        assert_eq!(
            serde_json::to_value(&plan.signature).unwrap(),
            want["signature"],
            "{name}: signature"
        );
        // Words in order against the source text.
        let source = std::fs::read_to_string(fixture(&format!("{name}.txt"))).unwrap();
        let src: Vec<String> = kehoach::import::lines::clean(&source)
            .into_iter()
            .flat_map(|l| words(&l.text))
            .collect();
        let got = printed_words(&plan, dir.path());
        let kept = lcs(&src, &got) as f64 / src.len() as f64;
        eprintln!("{name}: {:.2} % of the words kept in order", kept * 100.0);
        assert!(
            kept >= 0.995,
            "{name}: {:.2} % of the words in order",
            kept * 100.0
        );
    }
}

#[test]
fn the_office_docx_imports_like_the_pdf_printed_from_it() {
    for name in PLANS {
        let docx = import(&format!("{name}.office.docx")).plan;
        let pdf = import(&format!("{name}.office.pdf")).plan;
        assert_eq!(measure(&docx), measure(&pdf), "{name}");
        assert_eq!(docx.tasks, pdf.tasks, "{name}: tasks");
        assert_eq!(docx.signature, pdf.signature, "{name}");
        assert_eq!(docx.recipients, pdf.recipients, "{name}");
        assert_eq!(
            (docx.number, docx.date, &docx.agency),
            (pdf.number, pdf.date, &pdf.agency),
            "{name}"
        );
    }
}

#[test]
fn type0_identity_h_fonts_read_as_the_simple_fonts_do() {
    // pdftocairo re-prints LibreOffice's simple TrueType fonts as Type0 fonts
    // with Identity-H encoding and ToUnicode maps.
    let fonts = poppler(
        "pdffonts",
        &[fixture("hai-an-2024-cds.cairo.pdf").to_str().unwrap()],
    );
    assert!(fonts.contains("Identity-H"), "{fonts}");
    let cairo = import("hai-an-2024-cds.cairo.pdf").plan;
    let office = import("hai-an-2024-cds.office.pdf").plan;
    assert_eq!(cairo, office);
}

#[test]
fn a_signed_pdf_imports_exactly_as_the_unsigned_one() {
    // pyHanko's incremental update: a signature dictionary, a field and a stamp.
    let bytes = std::fs::read(fixture("hai-an-2024-cds.signed.pdf")).unwrap();
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40_000..]).into_owned();
    assert!(
        tail.contains("/Sig") && tail.contains("/ByteRange"),
        "not signed"
    );
    let signed = import("hai-an-2024-cds.signed.pdf");
    let unsigned = import("hai-an-2024-cds.office.pdf");
    assert_eq!(signed.plan, unsigned.plan);
    assert_eq!(signed.notes, unsigned.notes);
}

#[test]
fn a_pdf_encrypted_for_printing_opens_and_one_with_a_password_says_so() {
    let qpdf = poppler(
        "qpdf",
        &[
            "--show-encryption",
            fixture("hai-an-2024-cds.print-only.pdf").to_str().unwrap(),
        ],
    );
    assert!(qpdf.contains("R = 6"), "{qpdf}");
    assert_eq!(
        import("hai-an-2024-cds.print-only.pdf").plan,
        import("hai-an-2024-cds.office.pdf").plan
    );
    let e = import_file(&fixture("password.pdf")).unwrap_err();
    assert_eq!(e.code(), "pdf_password");
    assert!(
        e.to_string().contains("password.pdf") && e.to_string().contains("mật khẩu"),
        "{e}"
    );
}

#[test]
fn a_scan_is_not_an_empty_plan_and_a_partial_scan_names_its_pages() {
    // Read by OCR (poppler's rendering of the office PDF, two pages).
    let read = import("scan.pdf");
    assert_eq!(read.plan.title, "Chuyển đổi số quận Hải An năm 2024");
    assert_eq!(read.plan.number, Some(87));
    assert!(
        read.notes.iter().any(|n| n.code == "ocr"),
        "{:?}",
        read.notes
    );
    // The review: both pages' pictures (PNG), the doubtful words and the
    // figures the fields were read from framed on them, in the picture.
    let scan = read.scan.as_ref().expect("a scan's review");
    assert_eq!(scan.pages.len(), 2);
    assert!(scan.pages[0].image.starts_with("data:image/png;base64,"));
    let marks: Vec<_> = scan.pages.iter().flat_map(|p| &p.marks).collect();
    assert!(marks.iter().any(|m| !m.figure), "doubtful words");
    assert!(
        marks.iter().any(|m| m.figure && m.text.contains("87/")),
        "the number"
    );
    assert!(
        marks.iter().any(|m| m.figure && m.text.contains('%')),
        "a target's level"
    );
    for p in &scan.pages {
        for m in &p.marks {
            let [l, t, r, b] = m.bbox;
            assert!(
                0 <= l && l < r && r <= p.width && 0 <= t && t < b && b <= p.height,
                "{m:?}"
            );
            let line = scan.text.lines().nth(m.line - 1).unwrap_or("");
            assert!(
                line.contains(&m.text),
                "«{}» on line {}: {line}",
                m.text,
                m.line
            );
        }
    }

    // Three text pages and a 200 dpi scan of the fourth: the scanned page is read
    // by OCR, in its place, where the program has OCR; named as not read where not.
    let part = import("part-scan.pdf");
    assert!(
        part.notes
            .iter()
            .any(|n| n.message.starts_with("trang 4 là ảnh quét")),
        "{:?}",
        part.notes
    );
    assert_eq!(part.plan.title, "Chuyển đổi số quận Hải An năm 2024");
    let page4 = crate::common::poppler(
        "pdftotext",
        &[
            "-f",
            "4",
            "-l",
            "4",
            fixture("hai-an-2024-cds.office.pdf").to_str().unwrap(),
            "-",
        ],
    );
    let plan_text = serde_json::to_string(&part.plan)
        .unwrap()
        .replace("\\n", " ");
    let kept = crate::common::words_kept_in_order(&page4, &plan_text);
    // (Measured through the plan's JSON, where the items' numbers are the
    // plan's own, not the page's: 91 % when read, 28 % when not.)
    assert!(kept >= 85.0, "page 4 read by OCR: {kept:.2} % of its words");
    // In its place: after page 3's last words, before nothing else.
    let (p3, p4) = (
        plan_text.find("đáp ứng yêu cầu chuyển đổi số").unwrap(),
        plan_text.find("Hệ thống một cửa điện tử").unwrap(),
    );
    assert!(p3 < p4, "page 4 after page 3");
}

#[test]
fn a_simple_font_with_differences_reads_as_poppler_reads_it() {
    let ours = kehoach::import::pdf::read(
        &std::fs::read(fixture("differences.pdf")).unwrap(),
        "differences.pdf",
    )
    .unwrap()
    .0;
    let lines: Vec<String> = ours
        .into_iter()
        .filter_map(|p| match p {
            kehoach::import::Piece::Line(l) => Some(kehoach::text::nfc(&l.text)),
            _ => None,
        })
        .collect();
    let theirs: Vec<String> = poppler(
        "pdftotext",
        &[fixture("differences.pdf").to_str().unwrap(), "-"],
    )
    .lines()
    .map(|l| kehoach::text::nfc(l.trim()))
    .filter(|l| !l.is_empty())
    .collect();
    assert_eq!(lines, theirs);
    assert_eq!(lines[0], "Kế hoạch chuyển đổi số");
}

#[test]
fn our_own_pdf_and_our_docx_printed_by_libreoffice_import_back() {
    let plan = kehoach::sample::sample_plan();
    let dir = tempfile::tempdir().unwrap();
    let profile = kehoach::layout::Profile::default();
    let pdf =
        kehoach::export::export(&plan, &profile, &world(), kehoach::export::Format::Pdf).unwrap();
    let docx =
        kehoach::export::export(&plan, &profile, &world(), kehoach::export::Format::Docx).unwrap();
    let docx_path = dir.path().join("mau.docx");
    std::fs::write(&docx_path, &docx.bytes).unwrap();
    let lo_pdf = std::fs::read(soffice_pdf(&docx_path, dir.path())).unwrap();
    for (what, bytes) in [("our PDF", pdf.bytes), ("LibreOffice's PDF", lo_pdf)] {
        let back = import_bytes(&bytes, "mau.pdf").unwrap().plan;
        assert_eq!(back.title, plan.title, "{what}");
        assert_eq!(back.agency.name, plan.agency.name, "{what}");
        assert_eq!(back.agency.supervising, plan.agency.supervising, "{what}");
        assert_eq!(
            back.parent.as_ref().map(|p| p.citation()),
            plan.parent.as_ref().map(|p| p.citation()),
            "{what}"
        );
        assert_eq!(measure(&back), measure(&plan), "{what}: targets");
        assert_eq!(back.recipients, plan.recipients, "{what}");
        assert_eq!(back.signature, plan.signature, "{what}");
        let heads = |p: &Plan| -> Vec<String> {
            p.labeled_sections()
                .unwrap()
                .iter()
                .map(|l| format!("{} {}", l.label, kehoach::text::fold(&l.section.heading)))
                .collect()
        };
        assert_eq!(heads(&back), heads(&plan), "{what}");
    }
}

fn check_task_table(plan: &Plan, what: &str) {
    assert_eq!(plan.tasks.len(), 12, "{what}");
    let groups: Vec<&str> = plan.tasks.iter().map(|t| t.group.as_str()).collect();
    assert_eq!(
        groups.iter().filter(|g| **g == "HẠ TẦNG SỐ").count(),
        4,
        "{what}: {groups:?}"
    );
    assert_eq!(groups[4], "CHÍNH QUYỀN SỐ", "{what}");
    assert_eq!(groups[11], "XÃ HỘI SỐ", "{what}");
    let t = &plan.tasks[0];
    assert!(
        t.text.starts_with("Phủ sóng di động 4G/5G"),
        "{what}: {}",
        t.text
    );
    assert_eq!(t.lead, "Sở Khoa học và Công nghệ", "{what}");
    assert_eq!(
        t.partners,
        vec!["Doanh nghiệp viễn thông", "Ủy ban nhân dân các xã, phường"],
        "{what}"
    );
    assert_eq!(
        t.deadline,
        Some(Deadline::Quarter {
            quarter: 4,
            year: 2026
        }),
        "{what}"
    );
    assert_eq!(t.product, "Báo cáo kết quả phủ sóng", "{what}");
    // The lead merged down over two rows applies to both.
    assert_eq!(plan.tasks[5].lead, plan.tasks[4].lead, "{what}");
    assert_eq!(
        plan.tasks[9].deadline,
        Some(Deadline::Month {
            month: 11,
            year: 2026
        }),
        "{what}"
    );
    // The header row repeated on the second page is not a task; the table stays
    // in the appendix, as one block per group.
    assert!(plan.tasks.iter().all(|t| t.text != "Nhiệm vụ"), "{what}");
    let blocks = &plan.appendices[0].blocks;
    assert_eq!(
        plan.appendices[0].title, "DANH MỤC NHIỆM VỤ CỤ THỂ",
        "{what}"
    );
    assert_eq!(
        blocks
            .iter()
            .filter(|b| matches!(b, Block::Tasks { .. }))
            .count(),
        3,
        "{what}: {blocks:?}"
    );
    // The body's targets, from its list and from its target table, in order.
    assert_eq!(
        measure(plan),
        vec![
            (Some(Comparator::Ge), Some(80.0), Unit::Percent),
            (Some(Comparator::Gt), Some(90.0), Unit::Percent),
            (Some(Comparator::Ge), Some(90.0), Unit::Percent),
            (Some(Comparator::Eq), Some(100.0), Unit::Percent),
            (Some(Comparator::Ge), Some(500.0), Unit::Count),
            (Some(Comparator::Le), Some(5.0), Unit::Percent),
        ],
        "{what}"
    );
    assert_eq!(plan.targets[4].unit_label, "doanh nghiệp", "{what}");
    assert_eq!(
        plan.targets[5].text, "Tỷ lệ hồ sơ phải bổ sung, làm lại đạt tối đa 5%",
        "{what}"
    );
    assert_eq!(
        plan.targets[2].deadline,
        Some(Deadline::EndOfYear { year: 2026 }),
        "{what}"
    );
    // A table that is neither stays a table, in its place.
    let data: Vec<&Block> = plan.sections[2]
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table { .. }))
        .collect();
    assert!(
        matches!(data[..], [Block::Table { columns, rows }] if columns[1].title == "Đầu mối liên hệ" && rows[1][2] == "0225 3822 222"),
        "{what}: {data:?}"
    );
}

#[test]
fn a_table_that_is_neither_tasks_nor_targets_prints_in_both_writers() {
    let plan = import("task-table.docx").plan;
    let dir = tempfile::tempdir().unwrap();
    let profile = kehoach::layout::Profile::default();
    let pdf =
        kehoach::export::export(&plan, &profile, &world(), kehoach::export::Format::Pdf).unwrap();
    let path = dir.path().join("t.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(
        text.contains("Đầu mối liên hệ") && text.contains("0225 3822 222"),
        "{text}"
    );
    let docx =
        kehoach::export::export(&plan, &profile, &world(), kehoach::export::Format::Docx).unwrap();
    let path = dir.path().join("t.docx");
    std::fs::write(&path, &docx.bytes).unwrap();
    let cells = std::process::Command::new("python3")
        .args([
            "-c",
            "import docx,sys; d=docx.Document(sys.argv[1]); print('\\n'.join(c.text for t in d.tables for r in t.rows for c in r.cells))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let cells = String::from_utf8_lossy(&cells.stdout);
    assert!(
        cells.contains("Phòng Kiểm soát thủ tục hành chính"),
        "{cells}"
    );
    // The task table's products print too.
    assert!(cells.contains("Báo cáo kết quả phủ sóng"), "{cells}");
}

#[test]
fn a_task_table_in_the_appendix_becomes_tasks_in_docx_and_in_pdf() {
    check_task_table(&import("task-table.docx").plan, "DOCX");
    check_task_table(&import("task-table.pdf").plan, "PDF");
}

#[test]
fn derive_for_a_commune_picks_up_the_table_tasks_and_its_docx_shows_them() {
    use kehoach::template::{default_template, Fill};
    let parent = import("task-table.pdf").plan;
    let agency = kehoach::model::Agency {
        name: "Ủy ban nhân dân xã Tân An".into(),
        supervising: String::new(),
        tier: "xã".into(),
    };
    let child =
        kehoach::inherit::derive(&parent, &Fill::unit(agency, "Tân An"), &default_template());
    let picked: Vec<&str> = child
        .tasks
        .iter()
        .map(|t| t.parent_task.as_deref().unwrap())
        .collect();
    // Read off the table: the rows naming «Ủy ban nhân dân các xã, phường».
    assert_eq!(
        picked,
        ["nv1", "nv2", "nv3", "nv5", "nv7", "nv9", "nv10", "nv12"]
    );
    let out = kehoach::export::export(
        &child,
        &kehoach::layout::Profile::default(),
        &world(),
        kehoach::export::Format::Docx,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ke-hoach-con.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    // python-docx reads the child's paragraphs and tables.
    let text = std::process::Command::new("python3")
        .args([
            "-c",
            "import docx,sys; d=docx.Document(sys.argv[1]); print('\\n'.join([p.text for p in d.paragraphs]+[c.text for t in d.tables for r in t.rows for c in r.cells]))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for t in &child.tasks {
        let start: String = t.text.chars().take(40).collect();
        assert!(text.contains(&start), "missing {}", t.text);
    }
}

#[test]
fn word_list_numbering_gives_the_outline_word_shows() {
    let plan = import("word-numbering.docx").plan;
    let labels: Vec<String> = plan
        .labeled_sections()
        .unwrap()
        .iter()
        .map(|l| format!("{} {}", l.label, l.section.heading))
        .collect();
    assert_eq!(
        labels[..8],
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "2. Yêu cầu",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Hạ tầng số",
            "1.1. Nâng cấp mạng nội bộ của Ủy ban nhân dân xã",
            "a) Lắp đặt thiết bị mạng không dây tại bộ phận một cửa.",
            "b) Thay thế máy tính đã hết khấu hao.",
        ]
    );
    // Word's sixth letter is f; the plan's is e (a b c d đ e: the Vietnamese alphabet).
    assert!(
        labels.contains(&"e) Rà soát phần mềm không bản quyền.".to_owned()),
        "{labels:?}"
    );
    assert!(labels.contains(&"III. TỔ CHỨC THỰC HIỆN".to_owned()));
    // Bullets and lower Roman items stay items of their point.
    let last = &plan.sections[2].children[0];
    assert!(
        matches!(&last.blocks[0], Block::Bullets { items, .. } if items[0].starts_with("Chủ trì"))
    );
    assert!(
        matches!(&last.blocks[1], Block::Bullets { items, .. } if items == &["Báo cáo 6 tháng.", "Báo cáo năm."])
    );
    assert_eq!(plan.parent.as_ref().and_then(|p| p.number), Some(215));
}

const LETTERS: &str =
    "aáàảãạ ăắằẳẵặ âấầẩẫậ đ eéèẻẽẹ êếềểễệ iíìỉĩị oóòỏõọ ôốồổỗộ ơớờởỡợ uúùủũụ ưứừửữự yýỳỷỹỵ";

fn all_text(plan: &Plan) -> String {
    kehoach::format::to_json_string(plan)
}

#[test]
fn tcvn3_and_vni_text_in_word_files_becomes_unicode_every_letter_both_cases() {
    for name in ["tcvn3.docx", "vni.docx"] {
        let imported = import(name);
        let text = all_text(&imported.plan);
        assert!(text.contains(LETTERS), "{name}: small letters");
        assert!(
            text.contains(&kehoach::text::upper(LETTERS)),
            "{name}: capitals"
        );
        let p = &imported.plan;
        assert_eq!(p.agency.name, "Ủy ban nhân dân xã Đồng Tâm", "{name}");
        assert_eq!(p.title, "Tin học hóa xã Đồng Tâm năm 2009", "{name}");
        assert_eq!(p.signature.signer, "Phạm Văn Đức", "{name}");
        assert_eq!(p.signature.collective, "ỦY BAN NHÂN DÂN", "{name}");
        assert_eq!(
            p.parent.as_ref().map(|r| r.agency.as_str()),
            Some("Uỷ ban nhân dân huyện Yên Mỹ"),
            "{name}"
        );
        assert_eq!(
            measure(p)[0],
            (Some(Comparator::Ge), Some(80.0), Unit::Percent),
            "{name}"
        );
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.message.contains("bảng mã cũ") && n.message.contains("Unicode")),
            "{name}: {:?}",
            imported.notes
        );
        // NFC throughout.
        assert_eq!(kehoach::text::nfc(&text), text);
    }
}

#[test]
fn the_same_old_encodings_in_pdf_text_become_unicode() {
    // LibreOffice on a PC without the old fonts prints them in a substitute font:
    // the font's name is lost, the characters stay; the encoding is recognised
    // from them. (It also drops TCVN3's ư, code 0xAD, as a soft hyphen: a real
    // PDF printed with the font keeps it.)
    for name in ["tcvn3.pdf", "vni.pdf"] {
        let imported = import(name);
        let p = &imported.plan;
        assert_eq!(p.agency.name, "Ủy ban nhân dân xã Đồng Tâm", "{name}");
        assert_eq!(p.title, "Tin học hóa xã Đồng Tâm năm 2009", "{name}");
        assert_eq!(p.signature.collective, "ỦY BAN NHÂN DÂN", "{name}");
        let text = all_text(p);
        let letters = if name == "vni.pdf" {
            LETTERS.to_owned()
        } else {
            LETTERS.replace(" ư", " ")
        };
        assert!(text.contains(&letters), "{name}: {text}");
        assert!(imported
            .notes
            .iter()
            .any(|n| n.message.contains("bảng mã cũ")));
    }
}

#[test]
fn files_that_are_not_what_they_claim_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    // An old Word file, under its own name and renamed to .docx.
    let doc = std::fs::read(fixture("old-word.doc")).unwrap();
    for name in ["ke-hoach.doc", "ke-hoach.docx"] {
        let path = dir.path().join(name);
        std::fs::write(&path, &doc).unwrap();
        let e = import_file(&path).unwrap_err();
        assert_eq!(e.code(), "old_word_format", "{name}");
        assert!(
            e.to_string().contains("Word 97–2003") && e.to_string().contains(".docx"),
            "{e}"
        );
    }
    // A picture of a page (poppler's rendering), under its name or as .pdf.
    let png = dir.path().join("trang");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "20",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            fixture("hai-an-2024-cds.office.pdf").to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(dir.path().join("trang.png")).unwrap();
    for name in ["trang.png", "trang.pdf", "trang.docx"] {
        let read = import_bytes(&bytes, name);
        // The content decides: a picture is read by OCR (at 20 dpi, with
        // everything doubtful, or refused with a clear message).
        match read {
            Ok(i) => assert!(i.notes.iter().any(|n| n.code == "ocr"), "{name}"),
            Err(e) => assert!(e.to_string().starts_with(name), "{e}"),
        }
    }
}

#[test]
fn broken_pdfs_are_errors_naming_the_file() {
    let good = std::fs::read(fixture("hai-an-2024-cds.office.pdf")).unwrap();
    // Truncated in the middle (a download cut short).
    let e = import_bytes(&good[..good.len() / 2], "cut.pdf").unwrap_err();
    assert!(e.to_string().starts_with("cut.pdf: "), "{e}");
    // Not a PDF at all.
    let e = import_bytes(b"<html>not found</html>", "trang.pdf").unwrap_err();
    assert!(
        e.to_string().contains("trang.pdf") && e.to_string().contains("PDF"),
        "{e}"
    );
    // Damaged bytes here and there: an error or a plan, never a panic.
    let mut damaged = good.clone();
    for i in (1000..damaged.len()).step_by(997) {
        damaged[i] = damaged[i].wrapping_add(77);
    }
    let _ = import_bytes(&damaged, "hong.pdf");
}

/// A PDF whose one page's content inflates to `size` bytes of spaces.
fn bomb(size: usize) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size >> 20 {
        z.write_all(&chunk).unwrap();
    }
    let stream = z.finish().unwrap();
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        [
            format!(
                "<< /Length {} /Filter /FlateDecode >>\nstream\n",
                stream.len()
            )
            .into_bytes(),
            stream,
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(o);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

#[test]
fn a_decompression_bomb_and_a_huge_file_are_refused_with_bounded_memory() {
    // 256 MB of content in a 250 kB file: refused at the stream limit, never
    // inflated whole.
    let pdf = bomb(256 << 20);
    assert!(pdf.len() < 1 << 20);
    let e = import_bytes(&pdf, "bom.pdf").unwrap_err();
    assert!(e.to_string().starts_with("bom.pdf: "), "{e}");
    // A 200 MB file is refused by its size, before it is read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("to.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 << 20).unwrap();
    let e = import_file(&big).unwrap_err();
    assert_eq!(e.code(), "file_too_large");
    assert!(e.to_string().contains("200 MB"), "{e}");
}

#[test]
fn a_docx_bomb_and_a_gigabyte_document_xml_are_refused() {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    // `document.xml` of 1 GB when inflated, in a few megabytes.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(b"<w:document><w:body><w:p><w:r><w:t>").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..1024 {
            z.write_all(&chunk).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(buf.get_ref().len() < 8 << 20);
    let e = kehoach::import::import_docx(buf.get_ref(), "to.docx").unwrap_err();
    assert!(
        e.to_string().contains("to.docx") && e.to_string().contains("quá lớn"),
        "{e}"
    );
    // A zip whose declared sizes lie: the read stops at the limit all the same.
    let mut bytes = buf.into_inner();
    for w in (0..bytes.len().saturating_sub(4)).rev() {
        // Central directory entry: patch the uncompressed size to 1 kB.
        if bytes[w..w + 4] == [0x50, 0x4b, 0x01, 0x02] {
            bytes[w + 24..w + 28].copy_from_slice(&1024u32.to_le_bytes());
            break;
        }
    }
    assert!(kehoach::import::import_docx(&bytes, "doi.docx").is_err());
}

/// An empty or cut-short DOCX gets a message an officer understands, naming the
/// file, not the zip library's («invalid Zip archive: Could not find EOCD»).
#[test]
fn an_empty_or_cut_short_docx_is_explained_in_words() {
    let whole = std::fs::read(fixture("task-table.docx")).unwrap();
    for (bytes, want) in [
        (Vec::new(), "tệp rỗng"),
        (whole[..whole.len() / 2].to_vec(), "bị cắt cụt"),
        (b"not a zip at all".to_vec(), "không phải tệp Word"),
    ] {
        let e = kehoach::import::import_bytes(&bytes, "ke-hoach.docx").unwrap_err();
        let m = e.to_string();
        assert!(m.starts_with("ke-hoach.docx") && m.contains(want), "{m}");
        assert!(!m.contains("EOCD") && !m.contains("Zip"), "{m}");
    }
}
