//! Fuzzing the readers the import fuzzing does not reach: the JSON documents
//! (plans, templates), the results CSV as Excel writes it, and page pictures.
//! Each property: no panic, no hang, and a refusal names the file. The cases of
//! `tests/it/hostile.rs` (a key twice, a huge string, deep nesting, `;` CSV with
//! decimal commas, a picture's header lying about its size) are the seeds the
//! generators mutate.
//!
//! CI runs a couple of hundred cases per property; a long run:
//!
//!     PROPTEST_CASES=20000 cargo test --release --test it reader_fuzz

use kehoach::format;
use proptest::prelude::*;

/// Pieces spliced into a real plan's JSON: what hand editing and hostile files
/// put there.
const JSON_PIECES: &[&str] = &[
    "\"title\": \"x\",",
    "\"title\": 5,",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "]]]]]]]]",
    "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}",
    "1e999",
    "-0",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"\\uD83D\\uDE00\"",
    "null",
    ",",
    "}",
    "\"schema_version\": 99,",
    "\"period\": {\"kind\": \"year\", \"year\": 300000},",
    "\"date\": \"2026-02-30\",",
    "\"number\": -1,",
    "\"deadline\": {\"kind\": \"text\", \"text\": \"Quý V/2026\"},",
    "\u{feff}",
    "Chuye\u{302}\u{309}n đo\u{302}\u{309}i",
];

fn sample_json() -> String {
    format::to_json_string(&kehoach::sample::sample_plan())
}

/// A results CSV as an officer's Excel writes it, line by line.
fn csv_line() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec!["ct1", "ct2", "nv1", "nv2", "ct9", "", "id", "\"ct1\""]);
    let value = prop::sample::select(vec![
        "85",
        "85,5",
        "85.5",
        "1.234,5",
        "100%",
        "",
        "tám mươi",
        "1e9",
        "-3",
        "\"85,5\"",
    ]);
    let status = prop::sample::select(vec!["dat", "chua dat", "done", "in_progress", "", "xong"]);
    let date = prop::sample::select(vec!["20/5/2026", "2026-05-20", "31/02/2026", "", "hôm qua"]);
    let sep = prop::sample::select(vec![",", ";", "\t"]);
    (id, value, status, date, sep).prop_map(|(i, v, s, d, sep)| [i, v, s, d, "ghi chú"].join(sep))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn a_plan_file_with_pieces_spliced_in_never_panics(
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(JSON_PIECES)), 1..6)
    ) {
        let mut json = sample_json();
        for (at, piece) in cuts {
            let mut i = at.index(json.len());
            while !json.is_char_boundary(i) {
                i -= 1;
            }
            json.insert_str(i, piece);
        }
        if let Err(e) = format::from_json_str(&json, "fuzz.json") {
            prop_assert!(e.to_string().contains("fuzz.json"), "{e}");
        }
        if let Err(e) = kehoach::template::Template::from_json(&json, "mau.json") {
            prop_assert!(e.to_string().contains("mau.json"), "{e}");
        }
    }

    #[test]
    fn a_plan_file_with_a_key_repeated_is_always_refused(key in prop::sample::select(vec!["title", "symbol", "place", "intro", "closing"])) {
        let json = sample_json().replacen(&format!("\"{key}\":"), &format!("\"{key}\": \"một\",\n  \"{key}\":"), 1);
        let e = format::from_json_str(&json, "hai.json").unwrap_err().to_string();
        prop_assert!(e.contains(&format!("khóa «{key}» có hai lần")), "{e}");
    }

    #[test]
    fn a_results_csv_as_excel_writes_it_never_panics(
        header_sep in prop::sample::select(vec![",", ";", "\t"]),
        lines in proptest::collection::vec(csv_line(), 0..12),
        bom in any::<bool>(),
    ) {
        let plan = kehoach::sample::sample_plan();
        let period = kehoach::report::ReportingPeriod::parse("2026-H1").unwrap();
        let report = kehoach::report::Report::new(&plan, period, "");
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str(&["id", "value", "status", "date", "note"].join(header_sep));
        for l in &lines {
            text.push('\n');
            text.push_str(l);
        }
        if let Err(e) = kehoach::report::results::apply_csv(&report, &plan, &text, "ket-qua.csv") {
            prop_assert!(e.to_string().contains("ket-qua.csv"), "{e}");
        }
    }
}

/// A small real page picture (64 × 64 grey PNG), written here.
fn small_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(&out[start..]);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..64u8 {
        raw.push(0);
        raw.extend((0..64u8).map(|x| if (x / 8 + y / 8) % 2 == 0 { 255 } else { 0 }));
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut z, &raw).unwrap();
    let data = z.finish().unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend(64u32.to_be_bytes());
    ihdr.extend(64u32.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    png
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// A picture whose header lies (sizes, depth, chunk lengths) or whose data is
    /// damaged: refused or read, never a crash, never a decode of a lie.
    #[test]
    fn a_damaged_page_picture_never_crashes(
        flips in proptest::collection::vec((0usize..48, any::<u8>()), 1..6),
        body in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let mut png = small_png();
        let n = png.len();
        for (i, b) in flips {
            png[8 + i] = b;
        }
        for (i, b) in body {
            png[i.index(n)] = b;
        }
        if let Err(e) = kehoach::import::import_bytes(&png, "anh.png") {
            prop_assert!(e.to_string().contains("anh.png"), "{e}");
        }
    }
}
