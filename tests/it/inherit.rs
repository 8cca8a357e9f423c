//! Deriving a child plan from a real parent, and every check rule broken on its own.

use crate::common;

use crate::common::{fixture, kehoach};
use kehoach::import::import_file;
use kehoach::inherit::{check, derive, CheckOptions};
use kehoach::model::{Agency, Comparator, Deadline, Decision, Plan, Target, Unit};
use kehoach::template::{default_template, Fill};

fn agency(name: &str, tier: &str) -> Agency {
    Agency {
        name: name.into(),
        supervising: String::new(),
        tier: tier.into(),
    }
}

fn rules(child: &Plan, parent: &Plan) -> Vec<&'static str> {
    check(child, parent, &CheckOptions::default())
        .iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn derive_for_a_district_picks_up_exactly_the_tasks_naming_districts() {
    let parent = import_file(&fixture("hai-phong-2022-2025-phoi-hop-btttt.txt"))
        .unwrap()
        .plan;
    let child = derive(
        &parent,
        &Fill::unit(agency("Ủy ban nhân dân huyện Cát Hải", "huyện"), "Cát Hải"),
        &default_template(),
    );
    let picked: Vec<&str> = child
        .tasks
        .iter()
        .map(|t| t.parent_task.as_deref().unwrap())
        .collect();
    // Read off the document by hand: every point whose unit in charge or partners
    // name «các quận, huyện»; 5.d, 5.đ name only communes, 7.c, 11.a, 11.b, 12.c,
    // 12.d name no local government.
    let expected: Vec<String> = (1..=43)
        .filter(|n| ![21, 22, 27, 35, 36, 39, 40].contains(n))
        .map(|n| format!("nv{n}"))
        .collect();
    assert_eq!(picked, expected);
    // The same set by a plain reading of the parent's units.
    let by_text: Vec<&str> = parent
        .tasks
        .iter()
        .filter(|t| {
            std::iter::once(&t.lead)
                .chain(&t.partners)
                .any(|u| u.contains("quận, huyện"))
        })
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(picked, by_text);
    for t in &child.tasks {
        assert_eq!(t.lead, "Ủy ban nhân dân huyện Cát Hải");
    }
    // The legal basis is generated from the parent's metadata, and the parent
    // agency comes first among the recipients.
    let p = child.parent.as_ref().unwrap();
    assert_eq!(p.agency, "Ủy ban nhân dân thành phố Hải Phòng");
    assert_eq!(
        child.recipients,
        ["Ủy ban nhân dân thành phố Hải Phòng", "Lưu: VT"]
    );
    assert_eq!(child.period, parent.period);
    assert!(child.title.contains("huyện Cát Hải"), "{}", child.title);
    // A faithful derivation passes the check.
    assert_eq!(rules(&child, &parent), Vec::<&str>::new());
}

#[test]
fn derive_copies_and_links_every_target() {
    let parent = import_file(&fixture("hai-an-2024-cds.txt")).unwrap().plan;
    let child = derive(
        &parent,
        &Fill::unit(
            agency("Ủy ban nhân dân phường Đằng Hải", "phường"),
            "Đằng Hải",
        ),
        &default_template(),
    );
    assert_eq!(child.targets.len(), parent.targets.len());
    for (c, p) in child.targets.iter().zip(&parent.targets) {
        assert_eq!(c.parent_target.as_deref(), Some(p.id.as_str()));
        assert_eq!(c.decision, Some(Decision::Adopted), "{}", p.text);
        assert_eq!(
            (c.comparator, c.value, c.unit),
            (p.comparator, p.value, p.unit)
        );
    }
    assert_eq!(child.title, "Chuyển đổi số phường Đằng Hải năm 2024");
    assert_eq!(rules(&child, &parent), Vec::<&str>::new());
}

/// A parent with one target of each kind, for the rule tests.
fn parent() -> Plan {
    let mut p = Plan::empty(
        agency("Ủy ban nhân dân tỉnh Phú Thọ", "tỉnh"),
        "Phú Thọ",
        2026,
    );
    let t = |text: &str, c: Comparator, v: f64, scope: &str| Target {
        text: text.into(),
        comparator: Some(c),
        value: Some(v),
        unit: Unit::Percent,
        deadline: Some(Deadline::EndOfYear { year: 2026 }),
        scope: scope.into(),
        ..Default::default()
    };
    p.targets = vec![
        t("Tối thiểu 80% hồ sơ trực tuyến", Comparator::Ge, 80.0, ""),
        t("Tỷ lệ hồ sơ trễ hạn không quá 5%", Comparator::Le, 5.0, ""),
        t(
            "100% thủ tục trực tuyến toàn trình",
            Comparator::Eq,
            100.0,
            "",
        ),
        t("Kinh tế số chiếm khoảng 10%", Comparator::Approx, 10.0, ""),
        t("75% hồ sơ ở cấp huyện", Comparator::Ge, 75.0, "cấp huyện"),
    ];
    p.tasks = vec![
        kehoach::model::Task {
            text: "Rà soát thủ tục".into(),
            lead: "Ủy ban nhân dân các xã, phường, thị trấn".into(),
            deadline: Some(Deadline::Quarter {
                quarter: 2,
                year: 2026,
            }),
            ..Default::default()
        },
        kehoach::model::Task {
            text: "Xây dựng kho dữ liệu".into(),
            lead: "Sở Khoa học và Công nghệ".into(),
            ..Default::default()
        },
    ];
    p.assign_ids();
    p
}

/// The officer edits the printed sentence; the fields follow it, as the app keeps them.
fn reword(t: &mut Target, from: &str, to: &str) {
    assert!(t.text.contains(from), "{} has no «{from}»", t.text);
    t.text = t.text.replace(from, to);
    t.follow_sentence();
}

fn child() -> Plan {
    derive(
        &parent(),
        &Fill::unit(agency("Ủy ban nhân dân xã Tân An", "xã"), "Tân An"),
        &default_template(),
    )
}

#[test]
fn the_derived_child_breaks_no_rule() {
    let c = child();
    // The district-only target is offered, not adopted, with its reason.
    assert_eq!(c.targets[4].decision, Some(Decision::NotApplicable));
    assert!(c.targets[4].reason.contains("cấp huyện"));
    assert_eq!(c.tasks.len(), 1);
    assert_eq!(rules(&c, &parent()), Vec::<&str>::new());
}

#[test]
fn a_lower_at_least_target_is_weaker() {
    let mut c = child();
    reword(&mut c.targets[0], "80%", "75%");
    assert_eq!(rules(&c, &parent()), ["weaker_target"]);
    reword(&mut c.targets[0], "75%", "90%"); // tightened
    assert_eq!(rules(&c, &parent()), Vec::<&str>::new());
}

#[test]
fn a_higher_at_most_target_is_weaker() {
    let mut c = child();
    reword(&mut c.targets[1], "5%", "7%");
    assert_eq!(rules(&c, &parent()), ["weaker_target"]);
    reword(&mut c.targets[1], "7%", "3%");
    assert_eq!(rules(&c, &parent()), Vec::<&str>::new());
}

#[test]
fn one_hundred_percent_stays_one_hundred() {
    let mut c = child();
    reword(&mut c.targets[2], "100%", "99%");
    assert_eq!(rules(&c, &parent()), ["weaker_target"]);
}

#[test]
fn about_targets_follow_the_tolerance() {
    let mut c = child();
    reword(&mut c.targets[3], "10%", "10,8%");
    assert_eq!(rules(&c, &parent()), Vec::<&str>::new());
    reword(&mut c.targets[3], "10,8%", "12%");
    assert_eq!(rules(&c, &parent()), ["weaker_target"]);
    let wide = check(
        &c,
        &parent(),
        &CheckOptions {
            approx_tolerance: 2.5,
        },
    );
    assert!(wide.is_empty(), "{wide:?}");
}

#[test]
fn a_loosened_comparator_is_weaker() {
    let mut c = child();
    reword(&mut c.targets[1], "không quá", "tối thiểu");
    assert_eq!(rules(&c, &parent()), ["weaker_target"]);
}

#[test]
fn a_later_deadline_is_reported() {
    let mut c = child();
    c.targets[0].deadline = Some(Deadline::Year { year: 2027 });
    assert_eq!(rules(&c, &parent()), ["later_deadline"]);
    let mut c = child();
    c.tasks[0].deadline = Some(Deadline::Quarter {
        quarter: 3,
        year: 2026,
    });
    assert_eq!(rules(&c, &parent()), ["later_deadline"]);
}

#[test]
fn a_different_unit_is_reported() {
    let mut c = child();
    reword(&mut c.targets[0], "80% hồ sơ", "80 hồ sơ");
    assert_eq!(rules(&c, &parent()), ["unit"]);
}

#[test]
fn the_check_judges_the_sentence_that_prints() {
    // «… trên 50%» edited to «… trên 20%», the value field left at 50: the paper
    // says 20, so the check says weaker, and the lint names both readings.
    let mut p = parent();
    p.targets[0].text = "Tỷ lệ hồ sơ trực tuyến đạt trên 50%".into();
    p.targets[0].comparator = Some(Comparator::Gt);
    p.targets[0].value = Some(50.0);
    let mut c = child();
    c.targets[0].text = "Tỷ lệ hồ sơ trực tuyến đạt trên 20%".into();
    c.targets[0].comparator = Some(Comparator::Gt);
    c.targets[0].value = Some(50.0);
    assert_eq!(rules(&c, &p), ["weaker_target"]);
    let lint = kehoach::lint::check(
        &c,
        &kehoach::layout::Profile::default(),
        &kehoach::fonts::FontSet::bundled(),
    );
    let mismatch = lint
        .iter()
        .find(|f| f.code == "target_mismatch")
        .expect("the disagreement is reported");
    assert_eq!(mismatch.path, "targets[0].value");
    assert!(
        mismatch.message.contains(">20%") && mismatch.message.contains(">50%"),
        "{}",
        mismatch.message
    );
    assert_eq!(mismatch.severity, kehoach::lint::Severity::Error);
}

#[test]
fn decisions_are_computed_from_what_prints() {
    let p = parent();
    let opts = CheckOptions::default();
    let mut c = child();
    // Typed decisions are not believed: raised to ≥ 85 % is «Nâng cao».
    reword(&mut c.targets[0], "80%", "85%");
    c.targets[0].decision = Some(Decision::Adopted);
    reword(&mut c.targets[1], "5%", "6%");
    let d = kehoach::inherit::decisions(&c, &p, &opts);
    assert_eq!(d[0], Decision::Tightened);
    assert_eq!(d[1], Decision::Weakened);
    assert_eq!(d[2], Decision::Adopted);
    assert_eq!(d[4], Decision::NotApplicable);
    let s = kehoach::inherit::summary(&c, &p, &opts);
    assert_eq!(
        (s.adopted, s.tightened, s.weakened, s.not_applicable, s.new),
        (2, 1, 1, 1, 0)
    );
    let appendix = kehoach::inherit::trace_appendix(&c, &p, &opts);
    let kehoach::model::Block::Table { rows, .. } = &appendix.blocks[0] else {
        panic!("the appendix is a table")
    };
    assert_eq!(rows[0][4], "Nâng cao");
    assert_eq!(rows[0][5], "≥85%");
    assert_eq!(rows[1][4], "Thấp hơn cấp trên");
    // A target this unit does not take up prints no measure or deadline of its own.
    assert_eq!(rows[4][4], "Không áp dụng");
    assert_eq!((rows[4][5].as_str(), rows[4][6].as_str()), ("", ""));
}

#[test]
fn a_parent_target_for_this_tier_must_be_taken_up_or_declined_with_a_reason() {
    let mut c = child();
    c.targets.remove(0);
    assert_eq!(rules(&c, &parent()), ["missing_target"]);
    let mut c = child();
    c.targets[0].decision = Some(Decision::NotApplicable);
    assert_eq!(rules(&c, &parent()), ["not_applicable"]);
    c.targets[0].reason = "Xã chưa có bộ phận một cửa điện tử".into();
    assert_eq!(rules(&c, &parent()), Vec::<&str>::new());
}

#[test]
fn a_parent_task_for_this_tier_must_be_picked_up() {
    let mut c = child();
    c.tasks.clear();
    assert_eq!(rules(&c, &parent()), ["missing_task"]);
}

#[test]
fn links_to_what_the_parent_no_longer_has_are_reported() {
    let c = child();
    let mut p = parent();
    p.targets.remove(1);
    p.tasks.remove(0);
    let r = rules(&c, &p);
    assert_eq!(r, ["parent_link", "parent_link"], "{r:?}");
}

#[test]
fn cli_derive_and_check_with_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let parent_json = dir.path().join("parent.json");
    std::fs::write(&parent_json, kehoach::format::to_json_string(&parent())).unwrap();
    let out = dir.path().join("child.json");
    let r = kehoach()
        .args(["derive"])
        .arg(&parent_json)
        .args([
            "--agency",
            "Ủy ban nhân dân xã Tân An",
            "--tier",
            "xã",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let stderr = String::from_utf8(r.stderr).unwrap();
    assert!(
        stderr.contains("4 chỉ tiêu kế thừa, 1 chỉ tiêu không áp dụng"),
        "{stderr}"
    );
    let mut c = kehoach::format::read_json_file(&out).unwrap();
    assert_eq!(c.place, "Tân An");
    reword(&mut c.targets[0], "80%", "70%");
    std::fs::write(&out, kehoach::format::to_json_string(&c)).unwrap();
    let r = kehoach()
        .arg("check")
        .arg(&out)
        .arg("--parent")
        .arg(&parent_json)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let stdout = String::from_utf8(r.stdout).unwrap();
    assert!(
        stdout.contains("targets[0].value")
            && stdout.contains("thấp hơn kế hoạch cấp trên: ≥70% so với ≥80%"),
        "{stdout}"
    );
    let r = kehoach()
        .args([
            "derive", "x.json", "--agency", "A", "--tier", "làng", "-o", "y.json",
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("«làng» không phải cấp"));
}

#[test]
fn the_traceability_appendix_in_docx_and_pdf() {
    let parent = import_file(&fixture("hai-an-2024-cds.txt")).unwrap().plan;
    let mut c = derive(
        &parent,
        &Fill::unit(
            agency("Ủy ban nhân dân phường Đằng Hải", "phường"),
            "Đằng Hải",
        ),
        &default_template(),
    );
    // Raised in the sentence, as it prints; the decision is computed from it.
    c.targets[4].text = c.targets[4].sentence_with_value(97.0).unwrap();
    assert!(c.targets[4].follow_sentence());
    c.targets[5].decision = Some(Decision::NotApplicable);
    c.targets[5].reason = "Đã phổ cập 4G/5G trên toàn phường".into();
    let opts = kehoach::inherit::CheckOptions::default();
    let s = kehoach::inherit::summary(&c, &parent, &opts);
    assert_eq!(
        (s.adopted, s.tightened, s.not_applicable, s.new),
        (5, 1, 1, 0)
    );
    c.appendices
        .push(kehoach::inherit::trace_appendix(&c, &parent, &opts));
    let dir = tempfile::tempdir().unwrap();
    let world = common::world();
    let profile = kehoach::layout::Profile::default();
    let pdf = kehoach::export::export(&c, &profile, &world, kehoach::export::Format::Pdf).unwrap();
    let path = dir.path().join("dh.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = common::poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
    for want in [
        "ĐỐI CHIẾU CHỈ TIÊU, NHIỆM VỤ VỚI KẾ HOẠCH CẤP TRÊN",
        "Nâng cao",
        "≥97%",
        "Không áp",
        "Đã phổ cập",
    ] {
        assert!(text.contains(want), "{want} missing from the PDF");
    }
    // The not-applicable target is traced, not printed in the plan's own list.
    let body = text.split("Phụ lục").next().unwrap();
    assert!(
        !body.contains("Phổ cập dịch vụ mạng di động 4G/5G"),
        "{body}"
    );
    // Landscape appendix page.
    let info = common::poppler("pdfinfo", &["-f", "1", "-l", "9", path.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.contains("size:") && l.contains("841.89 x 595.27")),
        "{info}"
    );
    let docx =
        kehoach::export::export(&c, &profile, &world, kehoach::export::Format::Docx).unwrap();
    let paras = kehoach::import::docx::paragraphs(&docx.bytes, "dh.docx")
        .unwrap()
        .join("\n");
    assert!(
        paras.contains("Nâng cao") && paras.contains("≥97%"),
        "trace missing from the DOCX"
    );
}

#[test]
fn a_newer_parent_shows_what_changed_and_what_it_affects() {
    use kehoach::inherit::{apply_changes, parent_changes, ParentChange};
    let old = parent();
    let mut new = parent();
    // The new version: the first target raised, the second removed, one added,
    // the commune task dropped and a new one for communes.
    new.targets[0].value = Some(85.0);
    new.targets[0].text = "Tối thiểu 85% hồ sơ trực tuyến".into();
    new.targets.remove(1);
    new.targets.push(Target {
        text: "100% xã có tổ công nghệ số cộng đồng".into(),
        comparator: Some(Comparator::Eq),
        value: Some(100.0),
        ..Default::default()
    });
    new.tasks.remove(0);
    new.tasks.push(kehoach::model::Task {
        text: "Phổ cập kỹ năng số cho người dân".into(),
        lead: "UBND các xã, phường".into(),
        ..Default::default()
    });
    for t in &mut new.targets {
        t.id.clear();
    }
    for t in &mut new.tasks {
        t.id.clear();
    }
    let mut c = child();
    let changes = parent_changes(&old, &new, &c);
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            ParentChange::TargetAdded { .. } => "target added",
            ParentChange::TargetRemoved { .. } => "target removed",
            ParentChange::TargetChanged { .. } => "target changed",
            ParentChange::TaskAdded { .. } => "task added",
            ParentChange::TaskRemoved { .. } => "task removed",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "target changed",
            "target removed",
            "target added",
            "task removed",
            "task added"
        ]
    );
    match &changes[0] {
        ParentChange::TargetChanged {
            before,
            after,
            affected,
            ..
        } => {
            assert!(
                before.starts_with("≥80") && after.starts_with("≥85"),
                "{before} → {after}"
            );
            assert_eq!(affected, &[0]);
        }
        other => panic!("{other:?}"),
    }
    assert!(changes[1].describe(&c).contains("ảnh hưởng: targets[1]"));
    // Before the update the child is checked against the old parent only; against
    // the new one its links are stale.
    assert!(rules(&c, &new).contains(&"weaker_target") || rules(&c, &new).contains(&"parent_link"));
    // Accept all but the added target.
    apply_changes(
        &mut c,
        &old,
        &new,
        &changes,
        &[true, true, false, true, true],
    );
    assert_eq!(c.targets[0].value, Some(85.0));
    assert_eq!(
        c.targets[0].text, "Tối thiểu 85% hồ sơ trực tuyến",
        "the sentence follows too"
    );
    assert_eq!(
        c.targets[1].parent_target, None,
        "the removed target is now the unit's own"
    );
    assert!(c
        .tasks
        .iter()
        .any(|t| t.text == "Phổ cập kỹ năng số cho người dân"));
    // What is left is exactly the rejected change: the added target not taken up.
    assert_eq!(rules(&c, &new), ["missing_target"]);
}

#[test]
fn cli_parent_update_lists_and_applies() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    let child_path = dir.path().join("child.json");
    std::fs::write(&old, kehoach::format::to_json_string(&parent())).unwrap();
    let mut p = parent();
    p.targets[0].text = "Tối thiểu 90% hồ sơ trực tuyến".into();
    p.targets[0].value = Some(90.0);
    std::fs::write(&new, kehoach::format::to_json_string(&p)).unwrap();
    std::fs::write(&child_path, kehoach::format::to_json_string(&child())).unwrap();
    let run = |accept: Option<&str>| {
        let mut cmd = kehoach();
        cmd.arg("parent-update")
            .arg(&child_path)
            .arg("--old")
            .arg(&old)
            .arg("--new")
            .arg(&new);
        if let Some(a) = accept {
            cmd.args(["--accept", a]);
        }
        cmd.output().unwrap()
    };
    let r = run(None);
    let stdout = String::from_utf8(r.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "1. chỉ tiêu thay đổi: «Tối thiểu 90% hồ sơ trực tuyến»: ≥80% đến hết năm 2026 → ≥90%"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("ảnh hưởng: targets[0]"), "{stdout}");
    assert_eq!(
        kehoach::format::read_json_file(&child_path)
            .unwrap()
            .targets[0]
            .value,
        Some(80.0)
    );
    let r = run(Some("7"));
    assert_eq!(r.status.code(), Some(1));
    let r = run(Some("all"));
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        kehoach::format::read_json_file(&child_path)
            .unwrap()
            .targets[0]
            .value,
        Some(90.0)
    );
}
