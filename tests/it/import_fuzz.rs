//! Fuzzing the importers with generated documents: no panic, no hang, and prose
//! never dropped.
//!
//! CI runs a few hundred cases per property. A long run (documented in
//! docs/import.md) sets the number of cases:
//!
//!     PROPTEST_CASES=20000 cargo test --release --test import_fuzz
//!
//! A failing case is shrunk by proptest to the smallest input and saved under
//! `proptest-regressions/`, which is committed so that it is run every time after.

use kehoach::import::{import_docx, import_text};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Pieces real plans are made of: structure, Vietnamese in both forms, numbers,
/// the damage extraction does.
const PIECES: &[&str] = &[
    "I.",
    "II.",
    "IV.",
    "PHẦN I",
    "1.",
    "2.",
    "1.1.",
    "2.2",
    "3.Văn",
    "a)",
    "đ)",
    "y)",
    "-",
    "+",
    "- +",
    "–",
    "•",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "Số:",
    "/KH-UBND",
    "Hải Phòng, ngày",
    "tháng",
    "năm 2022",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn A",
    "./.",
    "như sau:",
    "Thực hiện Kế hoạch số 86/KH-UBND ngày 05/4/2022 của",
    "Ủy ban nhân dân",
    "UBND",
    "xã",
    "phường",
    "huyện",
    "quận",
    "thành phố",
    "cấp xã",
    "MỤC TIÊU",
    "CHỈ TIÊU",
    "Thời gian hoàn thành:",
    "Đơn vị chủ trì:",
    "Đơn vị phối hợp:",
    "Quý IV năm 2022",
    "Hàng năm",
    "tối thiểu",
    "trên",
    "dưới",
    "khoảng",
    "không quá",
    "100%",
    "80%",
    "5.000",
    "doanh nghiệp",
    "chuyển",
    "đổi",
    "số",
    "chuye\u{302}\u{309}n",
    "đo\u{302}\u{309}i",
    "*",
    "**",
    "(",
    ")",
    ";",
    ",",
    ".",
    ":",
    "6",
    "Phụ lục I",
    "(Kèm theo",
    "\u{a0}",
    "\t",
    "\u{feff}",
    "%",
    "/",
    "0",
    "99999999999999999999",
    "ngày 31/02/2022",
    "Giai đoạn 2022 - 2025",
];

/// The reader's own errors are fine; its panic guard answering is a bug found.
fn no_panic_inside(r: kehoach::Result<Vec<String>>) -> Result<(), TestCaseError> {
    if let Err(e) = r {
        prop_assert!(
            !e.to_string().contains("cấu trúc lạ"),
            "the reader panicked: {e}"
        );
    }
    Ok(())
}

fn document() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        2 => "[a-zA-Zđăâêôơưáàảãạ ]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    let line = proptest::collection::vec(token, 0..12).prop_map(|t| t.join(" "));
    proptest::collection::vec(
        (
            line,
            prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n"), Just(" ")],
        ),
        0..80,
    )
    .prop_map(|v| v.into_iter().map(|(l, sep)| l + sep).collect())
}

fn prose_word() -> impl Strategy<Value = String> {
    "[a-zđăâêôơưáàảãạấầẩẫậếềểễệ]{1,8}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn text_import_never_panics_or_hangs(doc in document()) {
        let t = Instant::now();
        let r = import_text(&doc, "fuzz.txt");
        prop_assert!(t.elapsed() < Duration::from_secs(2), "slow: {:?}", t.elapsed());
        if let Ok(imported) = r {
            // Whatever came in must make a plan the rest of the program accepts.
            let json = kehoach::format::to_json_string(&imported.plan);
            prop_assert!(kehoach::format::from_json_str(&json, "fuzz.json").is_ok(), "{json}");
        }
    }

    #[test]
    fn prose_is_never_dropped(paras in proptest::collection::vec(proptest::collection::vec(prose_word(), 1..40), 1..20)) {
        // Body text under a heading: every word comes out, in the plan's JSON.
        let mut doc = String::from("KẾ HOẠCH\nChuyển đổi số xã Tân An năm 2026\nI. NỘI DUNG\n");
        for p in &paras {
            doc.push_str(&p.join(" "));
            doc.push_str(".\n");
        }
        let plan = import_text(&doc, "prose.txt").unwrap().plan;
        let json = kehoach::format::to_json_string(&plan);
        for w in paras.iter().flatten() {
            prop_assert!(json.contains(w.as_str()), "{w} lost");
        }
    }

    #[test]
    fn docx_import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        no_panic_inside(kehoach::import::docx::paragraphs(&bytes, "fuzz.docx"))?;
    }

    #[test]
    fn docx_with_random_xml_never_panics(xml in "(<w:p>|</w:p>|<w:t>|</w:t>|<w:tab/>|<w:br/>|&amp;|&#7897;|&#xZZ;|&bogus;|<w:del>|</w:del>|<w:t xml:space=\"preserve\">|[a-zđ ]{0,10}){0,60}") {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut z, format!("<w:document><w:body>{xml}</w:body></w:document>").as_bytes()).unwrap();
            z.finish().unwrap();
        }
        no_panic_inside(kehoach::import::docx::paragraphs(buf.get_ref(), "fuzz.docx"))?;
    }

    #[test]
    fn damaged_copies_of_a_real_docx_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20)) {
        let plan = kehoach::sample::sample_plan();
        let world = kehoach::world::FixedWorld::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let mut bytes = kehoach::export::export(&plan, &kehoach::layout::Profile::default(), &world, kehoach::export::Format::Docx).unwrap().bytes;
        let n = bytes.len();
        for (i, b) in flips {
            bytes[i.index(n)] = b;
        }
        no_panic_inside(kehoach::import::docx::paragraphs(&bytes, "damaged.docx"))?;
        let _ = import_docx(&bytes, "damaged.docx");
    }
}

/// Lines an adversary repeats: the ones each stage of the importer looks for.
const ADVERSARIAL: &[&str] = &[
    "KẾ HOẠCH",
    "1. Mục tiêu chung",
    "a) Nội dung",
    "I. MỤC TIÊU",
    "1.1.1.1. Nội dung",
    "- Tối thiểu 80% hồ sơ được xử lý trực tuyến.",
    "- Đơn vị chủ trì: Sở Y tế.",
    "Nơi nhận:",
    "Ủy ban nhân dân xã ban hành Kế hoạch;",
    "Nội dung./.",
    "Phụ lục I",
    "Số: 05/KH-UBND",
    "TM. ỦY BAN NHÂN DÂN",
    "CHUYỂN ĐỔI SỐ",
    "80% 90% 100%",
    "chuyển đổi số",
];

/// A valid one-page PDF shell around a content stream (uncompressed).
fn pdf_with_content(content: &[u8]) -> Vec<u8> {
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content.to_vec(), b"\nendstream".to_vec()].concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_vec(),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Length 21 >>\nstream\nBT /F1 9 Tf (x) Tj ET\nendstream".to_vec(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(o);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// Operators and operands a content stream is made of, good and bad.
const CONTENT: &[&str] = &[
    "BT",
    "ET",
    "q",
    "Q",
    "/F1 12 Tf",
    "/F9 12 Tf",
    "72 720 Td",
    "0 -14 TD",
    "T*",
    "(Kế hoạch) Tj",
    "(a) '",
    "1 2 (b) \"",
    "[(KE) -250 (HOA) 120 (CH)] TJ",
    "[] TJ",
    "1 0 0 1 50 50 Tm",
    "0 1 -1 0 0 0 Tm",
    "2 0 0 2 0 0 cm",
    "1e308 0 0 1e308 0 0 cm",
    "0 0 0 0 0 0 cm",
    "10 Tc",
    "-5 Tw",
    "0 Tz",
    "200 Tz",
    "14 TL",
    "3 Ts",
    "3 Tr",
    "/X1 Do",
    "/X9 Do",
    "0 0 m 100 0 l S",
    "10 10 100 0.5 re f",
    "10 10 0.5 100 re f",
    "0 0 100 100 re S",
    "h",
    "n",
    "W n",
    "0 0 1 rg",
    "BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",
    "(unbalanced",
    ")",
    "<00",
    "<4b>",
    "[",
    "]",
    "<<",
    ">>",
    "-",
    "1",
    "/",
    "%comment",
];

fn content_stream() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            6 => proptest::sample::select(CONTENT).prop_map(|s| s.as_bytes().to_vec()),
            1 => proptest::collection::vec(any::<u8>(), 0..8),
        ],
        0..120,
    )
    .prop_map(|parts| parts.join(&b'\n'))
}

fn real_pdf() -> &'static [u8] {
    static PDF: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PDF.get_or_init(|| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/hai-an-2024-cds.office.pdf"),
        )
        .unwrap()
    })
}

/// The PDF reader's own errors are fine; its panic guard answering is a bug.
fn pdf_no_panic(bytes: &[u8]) -> Result<(), TestCaseError> {
    let t = Instant::now();
    let r = kehoach::import::pdf::read(bytes, "fuzz.pdf");
    prop_assert!(
        t.elapsed() < Duration::from_secs(5),
        "slow: {:?}",
        t.elapsed()
    );
    if let Err(e) = r {
        prop_assert!(
            !e.to_string().contains("cấu trúc lạ"),
            "the reader panicked: {e}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

    #[test]
    fn adversarial_shapes_stay_linear(pick in 0..ADVERSARIAL.len(), n in 1usize..20_000, one_line in any::<bool>()) {
        // The same line thousands of times, or as one line of up to 1 MB.
        let sep = if one_line { " " } else { "\n" };
        let doc = format!("KẾ HOẠCH\nChuyển đổi số năm 2026\n{}", [ADVERSARIAL[pick]].repeat(n).join(sep));
        let t = Instant::now();
        let r = import_text(&doc, "adv.txt");
        prop_assert!(t.elapsed() < Duration::from_secs(10), "{} × {n}: {:?}", ADVERSARIAL[pick], t.elapsed());
        prop_assert!(r.is_ok());
    }

    #[test]
    fn pdf_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(bytes);
        pdf_no_panic(&pdf)?;
    }

    #[test]
    fn pdf_content_streams_never_panic(content in content_stream()) {
        pdf_no_panic(&pdf_with_content(&content))?;
        let _ = kehoach::import::import_bytes(&pdf_with_content(&content), "fuzz.pdf");
    }

    #[test]
    fn damaged_copies_of_a_real_pdf_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..30), cut in any::<prop::sample::Index>()) {
        let mut bytes = real_pdf().to_vec();
        let n = bytes.len();
        for (i, b) in flips {
            bytes[i.index(n)] = b;
        }
        pdf_no_panic(&bytes)?;
        bytes.truncate(cut.index(n).max(16));
        pdf_no_panic(&bytes)?;
    }
}
