//! The ND30 lint: each rule with a plan that breaks exactly that rule.

use crate::common;
use kehoach::layout::Profile;
use kehoach::lint::{check, Finding, Severity};
use kehoach::model::{Authority, Block, Decision, Plan, Section};
use kehoach::sample::sample_plan;

fn findings(plan: &Plan) -> Vec<Finding> {
    check(
        plan,
        &Profile::default(),
        &kehoach::fonts::FontSet::bundled(),
    )
}

/// Asserts that the plan has exactly one finding, with this rule, path and severity,
/// and returns its message.
fn only(plan: &Plan, rule: &str, path: &str, severity: Severity) -> String {
    let f = findings(plan);
    assert_eq!(f.len(), 1, "expected exactly one finding, got {f:#?}");
    assert_eq!(f[0].code, rule, "{f:?}");
    assert_eq!(f[0].path, path, "{f:?}");
    assert_eq!(f[0].severity, severity, "{f:?}");
    f[0].message.clone()
}

#[test]
fn the_sample_is_clean() {
    assert_eq!(findings(&sample_plan()), vec![]);
}

#[test]
fn date_without_leading_zero_in_a_sentence() {
    let mut p = sample_plan();
    p.legal_bases[0] =
        "Căn cứ Kế hoạch số 86/KH-UBND ngày 5/4/2022 của Ủy ban nhân dân thành phố".into();
    let msg = only(&p, "date_format", "legal_bases[0]", Severity::Warning);
    assert!(msg.contains("«05/4/2022»"), "{msg}");

    let mut p = sample_plan();
    p.intro = "Từ ngày 12 tháng 2 năm 2026, Ủy ban nhân dân xã triển khai Kế hoạch như sau:".into();
    let msg = only(&p, "date_format", "intro", Severity::Warning);
    assert!(msg.contains("«ngày 12 tháng 02»"), "{msg}");
}

#[test]
fn symbol_must_start_with_the_kind() {
    let mut p = sample_plan();
    p.symbol = "QĐ-UBND".into();
    let msg = only(&p, "number_format", "symbol", Severity::Error);
    assert!(msg.contains("«KH-»"), "{msg}");

    let mut p = sample_plan();
    p.number = Some(0);
    only(&p, "number_format", "number", Severity::Error);
}

#[test]
fn recipients_need_luu_vt_last() {
    let mut p = sample_plan();
    p.recipients.pop();
    let msg = only(&p, "recipients", "recipients", Severity::Error);
    assert!(msg.contains("Lưu: VT"), "{msg}");

    let mut p = sample_plan();
    let last = p.recipients.pop().unwrap();
    p.recipients.insert(0, last);
    only(&p, "recipients", "recipients[0]", Severity::Error);

    let mut p = sample_plan();
    *p.recipients.last_mut().unwrap() = "Lưu VT".into();
    only(&p, "recipients", "recipients[7]", Severity::Error);
}

#[test]
fn recipients_typed_with_punctuation() {
    let mut p = sample_plan();
    p.recipients[1] = "- Sở Khoa học và Công nghệ;".into();
    let msg = only(&p, "recipients", "recipients[1]", Severity::Warning);
    assert!(msg.contains("tự thêm"), "{msg}");
}

#[test]
fn kt_without_a_deputy_position() {
    let mut p = sample_plan();
    p.signature.position = "CHỦ TỊCH".into();
    let msg = only(&p, "signature", "signature.authority", Severity::Error);
    assert!(msg.contains("KT."), "{msg}");
}

#[test]
fn deputy_signing_for_the_collective_without_kt() {
    let mut p = sample_plan();
    p.signature.authority = None;
    only(&p, "signature", "signature.authority", Severity::Error);
    // The head signing with TM. alone is right.
    p.signature.position = "CHỦ TỊCH".into();
    assert_eq!(findings(&p), vec![]);
    p.signature.authority = Some(Authority::Q);
    assert_eq!(findings(&p), vec![], "Q. CHỦ TỊCH is an acting head");
}

#[test]
fn signer_with_a_title() {
    let mut p = sample_plan();
    p.signature.signer = "TS. Nguyễn Văn Bình".into();
    only(&p, "signature", "signature.signer", Severity::Warning);
}

#[test]
fn more_than_23_points_at_one_level() {
    let mut p = sample_plan();
    p.sections[2].children[0].children = (1..=24)
        .map(|i| Section {
            heading: format!("Điểm {i}"),
            numbered: true,
            blocks: vec![Block::Paragraph {
                text: "Nội dung.".into(),
            }],
            ..Section::default()
        })
        .collect();
    let msg = only(&p, "numbering", "sections", Severity::Error);
    assert!(msg.contains("24 điểm"), "{msg}");
}

#[test]
fn empty_section() {
    let mut p = sample_plan();
    p.sections[3].blocks.clear();
    let msg = only(&p, "empty_section", "sections[3]", Severity::Error);
    assert!(msg.contains("KINH PHÍ THỰC HIỆN"), "{msg}");
}

#[test]
fn missing_implementation_part() {
    let mut p = sample_plan();
    p.sections.pop();
    only(&p, "empty_section", "sections", Severity::Warning);
}

#[test]
fn target_without_value() {
    let mut p = sample_plan();
    p.targets[1].value = None;
    only(&p, "target", "targets[1].value", Severity::Error);
}

#[test]
fn target_without_deadline() {
    let mut p = sample_plan();
    p.targets[4].deadline = None;
    only(&p, "target", "targets[4].deadline", Severity::Warning);
}

#[test]
fn not_applicable_without_reason() {
    let mut p = sample_plan();
    p.targets[6].decision = Some(Decision::NotApplicable);
    only(&p, "target", "targets[6].reason", Severity::Error);
    p.targets[6].reason = "Xã chưa có ngân hàng trên địa bàn.".into();
    assert_eq!(findings(&p), vec![]);
}

#[test]
fn profile_outside_the_decree() {
    let p = sample_plan();
    let profile = Profile {
        margin_left_mm: 25.0,
        ..Profile::default()
    };
    let f = check(&p, &profile, &kehoach::fonts::FontSet::bundled());
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].path, "profile.margin_left_mm");
}

#[test]
fn check_command_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("tot.json");
    std::fs::write(&good, kehoach::format::to_json_string(&sample_plan())).unwrap();
    let (code, out, _) = common::run(&dir.path().join("k.db"), &["check", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 lỗi, 0 cảnh báo"), "{out}");

    let mut p = sample_plan();
    p.recipients.pop();
    p.targets[4].deadline = None;
    let bad = dir.path().join("loi.json");
    std::fs::write(&bad, kehoach::format::to_json_string(&p)).unwrap();
    let (code, out, _) = common::run(&dir.path().join("k.db"), &["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("loi.json: lỗi: recipients: thiếu «Lưu: VT»"),
        "{out}"
    );
    assert!(
        out.contains("loi.json: cảnh báo: targets[4].deadline"),
        "{out}"
    );
    assert!(out.contains("1 lỗi, 1 cảnh báo"), "{out}");
}

#[test]
fn export_goes_on_with_findings_and_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = sample_plan();
    p.recipients.pop();
    let f = dir.path().join("p.json");
    std::fs::write(&f, kehoach::format::to_json_string(&p)).unwrap();
    let out = dir.path().join("p.docx");
    let (code, _, err) = common::run(
        &dir.path().join("k.db"),
        &["convert", f.to_str().unwrap(), out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.exists());
    assert!(err.contains("thiếu «Lưu: VT»"), "{err}");
}

#[test]
fn task_points_beside_sub_points_would_repeat_letters() {
    let mut plan = sample_plan();
    let s = &mut plan.sections[2];
    s.blocks = vec![Block::Tasks {
        group: None,
        layout: kehoach::model::TaskLayout::Points,
    }];
    assert!(
        !s.children.is_empty(),
        "the sample's task part has sub-points"
    );
    let msg = only(&plan, "numbering", "sections[2]", Severity::Warning);
    assert!(msg.contains("chữ cái sẽ bị trùng"), "{msg}");
}

/// «…» means a blank only where a template put one (`{blank}`): the «etc.» of a
/// parent's task («(công, giáo dục, y tế, du lịch,...)») is text, and a fresh
/// derived plan holding it can be error-free.
#[test]
fn dots_in_the_text_are_text_and_a_template_blank_is_named() {
    let mut p = sample_plan();
    p.tasks[0].text =
        "Triển khai các nền tảng số trong các lĩnh vực (công, giáo dục, y tế, du lịch,...)".into();
    p.intro = "Ủy ban nhân dân xã ban hành Kế hoạch … như sau:".into();
    assert_eq!(findings(&p), vec![]);
    p.intro = "Thực hiện {blank}, Ủy ban nhân dân xã ban hành Kế hoạch như sau:".into();
    let msg = only(&p, "unfilled", "intro", Severity::Error);
    assert!(msg.contains("{blank}"), "{msg}");
}

/// Spelling by rule: each word that is not a Vietnamese syllable is a warning at
/// its field, with the syllable one letter away.
#[test]
fn a_misspelt_word_is_found_with_its_suggestion() {
    let mut p = sample_plan();
    p.intro = "Ủy ban nhân dân xã Tân An ban hành Kế hoạch nâng caoo chấtt lượngg dịch vụ, cụ thể như sau:".into();
    let f = findings(&p);
    let spelling: Vec<&Finding> = f.iter().filter(|f| f.code == "spelling").collect();
    assert_eq!(spelling.len(), 3, "{f:#?}");
    assert!(spelling
        .iter()
        .all(|f| f.path == "intro" && f.severity == Severity::Warning));
    assert!(
        spelling[0].message.contains("«caoo»") && spelling[0].message.contains("có phải: cao?")
    );
    assert!(spelling[2].message.contains("«lượngg»") && spelling[2].message.contains("lượng"));
}

/// «hoà» and «hòa» in one document: one finding, at the first word of the style
/// used less.
#[test]
fn tone_marks_placed_two_ways_are_one_finding() {
    let mut p = sample_plan();
    p.closing = "Trong quá trình thực hiện, các đơn vị phối hợp hài hòa, báo cáo Ủy ban nhân dân xã; không để xảy ra tình trạng chậm trễ, sai hoà hợp".into();
    let msg = only(&p, "tone_style", "closing", Severity::Warning);
    assert!(msg.contains("«hoà» (1 chỗ)"), "{msg}");
}

/// The reference plans, as offices typed them, hold no word that is not a
/// Vietnamese syllable by these rules (no false alarm on real text).
#[test]
fn the_reference_plans_have_no_spelling_finding() {
    for name in [
        "hai-an-2024-cds.txt",
        "cat-hai-2022-chi-so-cds.txt",
        "hai-phong-2022-2025-phoi-hop-btttt.txt",
    ] {
        let text = std::fs::read_to_string(common::fixture(name)).unwrap();
        let plan = kehoach::import::import_text(&text, name).unwrap().plan;
        let spelling: Vec<String> = findings(&plan)
            .into_iter()
            .filter(|f| f.code == "spelling")
            .map(|f| f.message)
            .collect();
        assert!(spelling.is_empty(), "{name}: {spelling:#?}");
    }
}
