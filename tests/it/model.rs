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
