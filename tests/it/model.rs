//! The plan model: numbering labels computed from position, ids, NFC on load.

use kehoach::format;
use kehoach::model::{LevelStyle, NumberingError, Plan, Section};
use kehoach::sample::sample_plan;

fn section(heading: &str, children: Vec<Section>) -> Section {
    Section {
        heading: heading.into(),
        numbered: true,
        children,
        ..Section::default()
    }
}

fn points(n: usize) -> Vec<Section> {
    (1..=n)
        .map(|i| section(&format!("Điểm {i}"), vec![]))
        .collect()
}

#[test]
fn sample_labels_follow_the_default_scheme() {
    let plan = sample_plan();
    let labels: Vec<(String, String)> = plan
        .labeled_sections()
        .unwrap()
        .into_iter()
        .map(|l| (l.label, l.section.heading.clone()))
        .collect();
    assert_eq!(labels[0], ("I.".into(), "MỤC ĐÍCH, YÊU CẦU".into()));
    assert_eq!(labels[1], ("1.".into(), "Mục đích".into()));
    assert_eq!(labels[2], ("2.".into(), "Yêu cầu".into()));
    assert_eq!(labels[3], ("II.".into(), "MỤC TIÊU, CHỈ TIÊU".into()));
    let top: Vec<&str> = labels
        .iter()
        .filter(|(l, _)| l.ends_with('.') && l.chars().all(|c| "IVX.".contains(c)))
        .map(|(l, _)| l.as_str())
        .collect();
    assert_eq!(top, ["I.", "II.", "III.", "IV.", "V."]);
}

#[test]
fn letters_include_d_stroke_and_stop_at_y() {
    let mut plan = sample_plan();
    plan.sections = vec![section(
        "NHIỆM VỤ",
        vec![section("Chính quyền số", points(23))],
    )];
    let labels: Vec<String> = plan
        .labeled_sections()
        .unwrap()
        .into_iter()
        .skip(2)
        .map(|l| l.label)
        .collect();
    assert_eq!(labels.len(), 23);
    assert_eq!(labels[4], "đ)");
    assert_eq!(labels[5], "e)");
    assert_eq!(labels[6], "g)");
    assert_eq!(labels[22], "y)");
    assert!(!labels
        .iter()
        .any(|l| ["f)", "j)", "w)", "z)"].contains(&l.as_str())));

    plan.sections[0].children[0].children = points(24);
    let err = plan.labeled_sections().unwrap_err();
    match &err {
        NumberingError::TooManyPoints { place, count } => {
            assert_eq!(*count, 24);
            assert_eq!(place, "sections[0].children[0].children[23] «Điểm 24»");
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("24 điểm"), "{msg}");
    assert!(msg.contains("23"), "{msg}");
}

#[test]
fn unnumbered_heading_takes_no_number() {
    let mut plan = sample_plan();
    let mut note = section("Ghi chú", vec![]);
    note.numbered = false;
    plan.sections = vec![section("A", vec![]), note, section("B", vec![])];
    let labels: Vec<String> = plan
        .labeled_sections()
        .unwrap()
        .into_iter()
        .map(|l| l.label)
        .collect();
    assert_eq!(labels, ["I.", "", "II."]);
}

#[test]
fn decimal_and_part_schemes() {
    let mut plan = sample_plan();
    plan.numbering = vec![
        LevelStyle::Part,
        LevelStyle::Roman,
        LevelStyle::Arabic,
        LevelStyle::Decimal,
    ];
    plan.sections = vec![
        section("A", vec![]),
        section(
            "B",
            vec![section(
                "B1",
                vec![section("x", vec![]), section("y", points(2))],
            )],
        ),
    ];
    let labels: Vec<String> = plan
        .labeled_sections()
        .unwrap()
        .into_iter()
        .map(|l| l.label)
        .collect();
    assert_eq!(
        labels,
        ["Phần I", "Phần II", "I.", "1.", "2.", "2.1.", "2.2."]
    );

    plan.sections[1].children[0].children[1].children[0].children = points(1);
    let err = plan.labeled_sections().unwrap_err();
    assert!(
        matches!(
            err,
            NumberingError::TooDeep {
                depth: 5,
                levels: 4,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn ids_are_assigned_without_clashing() {
    let json = kehoach::sample::SAMPLE_JSON
        .replace("\"id\": \"ct2\",", "")
        .replace("\"id\": \"nv3\",", "");
    let plan: Plan = format::from_json_str(&json, "x.json").unwrap();
    let ids: Vec<&str> = plan.targets.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["ct1", "ct8", "ct3", "ct4", "ct5", "ct6", "ct7"]);
    let mut t = plan.clone();
    t.targets[0].id.clear();
    t.assign_ids();
    assert_eq!(t.targets[0].id, "ct9", "a fresh id never reuses a number");
    assert_eq!(plan.tasks[2].id, "nv7");
}

#[test]
fn decomposed_input_is_normalised_to_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = kehoach::sample::SAMPLE_JSON.nfd().collect();
    assert_ne!(nfd, kehoach::sample::SAMPLE_JSON);
    let plan = format::from_json_str(&nfd, "nfd.json").unwrap();
    assert_eq!(plan.title, "Chuyển đổi số xã Tân An năm 2026");
    assert_eq!(plan, sample_plan());
    let out = format::to_json_string(&plan);
    assert!(unicode_normalization::is_nfc(&out));
}

/// The deadline reader on the wordings of the reference plans, DOMAIN.md and the
/// received appendices: each read into the label it prints and the last day it
/// allows, or kept as text with the reason. The year given completes the wordings
/// without one, as the plan's year does.
#[test]
fn deadline_wordings_are_read_into_dates() {
    use kehoach::model::Deadline;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    // (as written, the label it prints, the last day it allows)
    let read: &[(&str, &str, Option<chrono::NaiveDate>)] = &[
        // The reference plans (Thời gian hoàn thành: …)
        ("Quý IV năm 2022.", "Quý IV năm 2022", day(2022, 12, 31)),
        ("tháng 12 năm 2022.", "tháng 12 năm 2022", day(2022, 12, 31)),
        ("tháng 06 năm 2023.", "tháng 6 năm 2023", day(2023, 6, 30)),
        ("tháng 6 năm 2023.", "tháng 6 năm 2023", day(2023, 6, 30)),
        ("Quý I năm 2023.", "Quý I năm 2023", day(2023, 3, 31)),
        ("Quý III năm 2022.", "Quý III năm 2022", day(2022, 9, 30)),
        ("tháng 11 năm 2022.", "tháng 11 năm 2022", day(2022, 11, 30)),
        ("Tháng 12 năm 2025.", "tháng 12 năm 2025", day(2025, 12, 31)),
        ("tháng 09 năm 2022.", "tháng 9 năm 2022", day(2022, 9, 30)),
        (
            "trong tháng 7 năm 2022.",
            "tháng 7 năm 2022",
            day(2022, 7, 31),
        ),
        (
            "trước tháng 12 năm 2022.",
            "trước ngày 01/12/2022",
            day(2022, 11, 30),
        ),
        ("chính thức đưa vào sử dụng trước ngày 01/7/2022", "", None),
        (
            "trước ngày 01/7/2022",
            "trước ngày 01/7/2022",
            day(2022, 6, 30),
        ),
        ("đến năm 2025", "đến năm 2025", day(2025, 12, 31)),
        ("đến năm 2030", "đến năm 2030", day(2030, 12, 31)),
        ("đến hết năm 2025", "đến hết năm 2025", day(2025, 12, 31)),
        ("Hàng năm.", "Hàng năm", None),
        ("Hằng năm", "Hàng năm", None),
        ("Quý IV hàng năm.", "Quý IV hàng năm", None),
        ("tháng 02 hàng năm.", "tháng 02 hàng năm", None),
        ("Thường xuyên", "Thường xuyên", None),
        ("thường xuyên.", "Thường xuyên", None),
        // As received appendices and offices write them (issue 28)
        ("31/12/2026", "ngày 31/12/2026", day(2026, 12, 31)),
        ("ngày 31/12/2026", "ngày 31/12/2026", day(2026, 12, 31)),
        (
            "ngày 31 tháng 12 năm 2026",
            "ngày 31/12/2026",
            day(2026, 12, 31),
        ),
        ("31-12-2026", "ngày 31/12/2026", day(2026, 12, 31)),
        ("31.12.2026", "ngày 31/12/2026", day(2026, 12, 31)),
        ("tháng 12/2026", "tháng 12 năm 2026", day(2026, 12, 31)),
        ("Tháng 6/2026", "tháng 6 năm 2026", day(2026, 6, 30)),
        ("12/2026", "tháng 12 năm 2026", day(2026, 12, 31)),
        ("Quý IV/2026", "Quý IV năm 2026", day(2026, 12, 31)),
        ("Quý II/2026", "Quý II năm 2026", day(2026, 6, 30)),
        ("quý 3 năm 2026", "Quý III năm 2026", day(2026, 9, 30)),
        ("Quý I - 2027", "Quý I năm 2027", day(2027, 3, 31)),
        ("trước 30/6/2026", "trước ngày 30/6/2026", day(2026, 6, 29)),
        (
            "Trước ngày 15/10/2026",
            "trước ngày 15/10/2026",
            day(2026, 10, 14),
        ),
        ("trong quý II", "Quý II năm 2026", day(2026, 6, 30)),
        ("Trong tháng 9", "tháng 9 năm 2026", day(2026, 9, 30)),
        (
            "6 tháng đầu năm 2026",
            "6 tháng đầu năm 2026",
            day(2026, 6, 30),
        ),
        (
            "6 tháng cuối năm 2026",
            "6 tháng cuối năm 2026",
            day(2026, 12, 31),
        ),
        (
            "trong 6 tháng đầu năm",
            "6 tháng đầu năm 2026",
            day(2026, 6, 30),
        ),
        ("2026–2027", "năm 2026 - 2027", day(2027, 12, 31)),
        ("Năm 2026 - 2027", "năm 2026 - 2027", day(2027, 12, 31)),
        (
            "giai đoạn 2026 - 2030",
            "năm 2026 - 2030",
            day(2030, 12, 31),
        ),
        ("Năm 2026", "năm 2026", day(2026, 12, 31)),
        ("2026", "năm 2026", day(2026, 12, 31)),
        (
            "Chậm nhất ngày 30/9/2026",
            "ngày 30/9/2026",
            day(2026, 9, 30),
        ),
        (
            "Hoàn thành trong Quý III/2026",
            "Quý III năm 2026",
            day(2026, 9, 30),
        ),
        ("cuối năm 2026", "đến hết năm 2026", day(2026, 12, 31)),
    ];
    for (text, label, last) in read {
        let d = Deadline::parse_in(text, Some(2026));
        if label.is_empty() {
            // Words around the date (a task's sentence): kept as written.
            assert!(!d.is_read(), "{text}: {d:?}");
            continue;
        }
        assert_eq!(d.label(), *label, "{text}: {d:?}");
        assert_eq!(d.last_day(), *last, "{text}: {d:?}");
    }
    // Kept as written, with the reason.
    for (text, why) in [
        (
            "theo hướng dẫn của Tổng Cục thống kê và Bộ Thông tin và Truyền thông.",
            "no date",
        ),
        ("31/02/2026", "no such day"),
        ("tháng 13/2026", "no such month"),
        ("Quý V/2026", "no such quarter"),
        ("2027 - 2026", "a range backwards"),
        ("trong quý II", "no year to complete it (none given)"),
    ] {
        let year = (why != "no year to complete it (none given)").then_some(2026);
        let d = Deadline::parse_in(text, year);
        assert!(!d.is_read(), "{text} ({why}): {d:?}");
    }
    assert!(read.len() >= 40, "{} wordings", read.len());
}
