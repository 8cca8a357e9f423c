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
