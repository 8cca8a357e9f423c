//! The paper an officer signs (issue 28): nothing prints that the check has not
//! judged, and a paper made while errors remain is marked «DỰ THẢO».

use crate::common::{inspect_docx, kehoach, poppler, world};
use kehoach::app::{document, Finality};
use kehoach::export::Format;
use kehoach::inherit::CheckOptions;
use kehoach::layout::{self, Profile};
use kehoach::lint::Severity;
use kehoach::model::{Block, Plan, Section};
use kehoach::sample::sample_plan;

/// The sample with every kind of placeholder the layout can print: an empty
/// paragraph and bullet, a section without heading, no targets, no tasks, a task
/// without lead or deadline, no closing, no signer, no place, no title, no
/// recipients, an appendix without title.
fn plan_with_every_blank() -> (Plan, Plan) {
    let mut p = sample_plan();
    p.title.clear();
    p.place.clear();
    p.closing.clear();
    p.signature.position.clear();
    p.signature.signer.clear();
    p.recipients.clear();
    p.sections.push(Section {
        heading: String::new(),
        blocks: vec![
            Block::Paragraph {
                text: String::new(),
            },
            Block::Bullets {
                items: vec![String::new()],
                marker: Default::default(),
            },
        ],
        ..Default::default()
    });
    let mut with_task = p.clone();
    with_task.tasks.truncate(1);
    with_task.tasks[0].lead.clear();
    with_task.tasks[0].deadline = None;
    with_task.appendices.push(kehoach::model::Appendix {
        title: String::new(),
        blocks: vec![Block::Paragraph {
            text: "Nội dung phụ lục.".into(),
        }],
        ..Default::default()
    });
    let mut empty = p;
    empty.targets.clear();
    empty.tasks.clear();
    (with_task, empty)
}

#[test]
fn every_placeholder_the_paper_prints_is_an_error_at_its_place() {
    let w = world();
    let profile = Profile::default();
    let mut kinds = std::collections::BTreeSet::new();
    for plan in <[Plan; 2]>::from(plan_with_every_blank()) {
        let laid_out = layout::layout(&plan, &profile, &w).unwrap();
        let blanks = laid_out.blanks();
        let doc = document(&plan, None, &profile, &CheckOptions::default(), &w);
        for b in &blanks {
            kinds.insert(b.text.clone());
            assert!(
                doc.diagnostics
                    .iter()
                    .any(|d| d.severity == Severity::Error && d.path == b.at),
                "«{}» prints at {} with no error there: {:#?}",
                b.text,
                b.at,
                doc.diagnostics
            );
        }
    }
    for kind in [
        "[Trích yếu nội dung kế hoạch]",
        "[Địa danh]",
        "[Tiêu đề mục]",
        "[Nội dung đoạn văn]",
        "[Nội dung]",
        "[Chưa có chỉ tiêu]",
        "[Chưa có nhiệm vụ]",
        "[Đơn vị chủ trì]",
        "[Thời gian hoàn thành]",
        "[Câu kết thúc kế hoạch]",
        "[Nơi nhận]",
        "[Chức vụ người ký]",
        "[Họ và tên người ký]",
        "[Tên phụ lục]",
    ] {
        assert!(kinds.contains(kind), "{kind} never printed: {kinds:?}");
    }
}

#[test]
fn a_clean_plan_prints_no_placeholder_and_no_mark() {
    let w = world();
    let plan = sample_plan();
    let doc = document(
        &plan,
        None,
        &Profile::default(),
        &CheckOptions::default(),
        &w,
    );
    assert!(!doc.has_errors(), "{:#?}", doc.diagnostics);
    let laid_out = layout::layout(&plan, &Profile::default(), &w).unwrap();
    assert_eq!(laid_out.blanks(), vec![]);
    let out = doc
        .write(Format::Pdf, &Profile::default(), &w, Finality::Draft)
        .unwrap();
    assert!(!out.draft);
}

/// A plan with errors, through the CLI as an officer would: the PDF and DOCX say
/// «DỰ THẢO» at the top of page 1 (read by pdftotext and python-docx) and the CLI
/// says why; `--final` makes the unmarked paper and says that errors remain.
#[test]
fn a_paper_with_errors_is_marked_draft_and_final_removes_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan();
    plan.signature.signer.clear();
    let json = dir.path().join("ke-hoach.json");
    std::fs::write(&json, kehoach::format::to_json_string(&plan)).unwrap();
    for final_copy in [false, true] {
        for ext in ["pdf", "docx"] {
            let out = dir.path().join(format!("ke-hoach-{final_copy}.{ext}"));
            let mut cmd = kehoach();
            cmd.arg("convert").arg(&json).arg(&out);
            if final_copy {
                cmd.arg("--final");
            }
            let o = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "{err}");
            let first = if ext == "pdf" {
                let text = poppler("pdftotext", &[out.to_str().unwrap(), "-"]);
                text.lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            } else {
                inspect_docx(&out)["paragraphs"][0]["text"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            };
            if final_copy {
                assert_ne!(first, "DỰ THẢO", "{ext} --final: {first}");
                assert!(
                    err.contains("--final") && err.contains("còn 1 lỗi"),
                    "{err}"
                );
            } else {
                assert_eq!(first, "DỰ THẢO", "{ext}");
                assert!(
                    err.contains("«DỰ THẢO»") && err.contains("--final"),
                    "{err}"
                );
            }
        }
    }
}

/// The parent citation in the body is printed from the plan's parent field: a
/// number and date filled in after deriving reach the paragraph the template
/// cited it in, and the finding quoted while they were missing is gone.
#[test]
fn the_body_cites_the_parent_as_its_field_says_now() {
    use kehoach::template::{builtin_by_id, Fill};
    let mut parent = sample_plan();
    parent.agency.name = "Ủy ban nhân dân thành phố Hải Phòng".into();
    parent.agency.tier = "thành phố".into();
    parent.title = "Chuyển đổi số thành phố Hải Phòng năm 2026".into();
    parent.number = None;
    parent.date = None;
    let agency = kehoach::model::Agency {
        name: "Ủy ban nhân dân xã An Hưng".into(),
        supervising: String::new(),
        tier: "xã".into(),
    };
    let template = builtin_by_id("cds-xa-hang-nam").unwrap();
    let mut child = kehoach::inherit::derive(&parent, &Fill::unit(agency, "An Hưng"), &template);
    let json = kehoach::format::to_json_string(&child);
    assert!(
        json.contains("{parent.citation}"),
        "the citation stays live in the plan"
    );
    let w = world();
    let printed = |plan: &Plan| {
        let doc = document(
            plan,
            None,
            &Profile::default(),
            &CheckOptions::default(),
            &w,
        );
        let pdf = doc
            .write(Format::Pdf, &Profile::default(), &w, Finality::Final)
            .unwrap()
            .bytes;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.pdf");
        std::fs::write(&path, pdf).unwrap();
        let text = poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
        (
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            doc.diagnostics,
        )
    };
    let (text, findings) = printed(&child);
    assert!(
        text.contains("theo Kế hoạch số /KH-UBND của Ủy ban nhân dân thành phố Hải Phòng"),
        "{text}"
    );
    assert!(
        findings.iter().any(|d| d.path == "parent.number"),
        "{findings:#?}"
    );
    assert!(
        !findings.iter().any(|d| d.code == "unfilled"),
        "{findings:#?}"
    );
    let parent_ref = child.parent.as_mut().unwrap();
    parent_ref.number = Some(215);
    parent_ref.date = chrono::NaiveDate::from_ymd_opt(2025, 8, 25);
    let (text, findings) = printed(&child);
    assert!(
        text.contains(
            "theo Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng"
        ),
        "{text}"
    );
    assert!(!text.contains("số /KH-UBND"), "{text}");
    assert!(
        !findings.iter().any(|d| d.code == "citation"),
        "{findings:#?}"
    );
}

/// A 2026 plan derived from a 2025 parent: its inherited deadlines (end of 2025)
/// are named as outside its period, moving them keeps each form in 2026, and
/// moving them is not a weakening against the parent.
#[test]
fn deadlines_from_a_parent_of_another_period_are_named_and_moved() {
    use kehoach::model::{Deadline, Period};
    let w = world();
    let mut parent = sample_plan();
    parent.period = Period::Year { year: 2025 };
    parent.title = "Chuyển đổi số thành phố Hải Phòng năm 2025".into();
    for t in &mut parent.targets {
        t.deadline = Some(Deadline::EndOfYear { year: 2025 });
    }
    parent.tasks[0].deadline = Some(Deadline::parse("Quý III/2025"));
    let agency = kehoach::model::Agency {
        name: "Ủy ban nhân dân xã An Hưng".into(),
        supervising: String::new(),
        tier: "xã".into(),
    };
    let mut fill = kehoach::template::Fill::unit(agency, "An Hưng");
    fill.period = Some(Period::Year { year: 2026 });
    fill.year = 2026;
    let mut child = kehoach::inherit::derive_with(
        &parent,
        &fill,
        &kehoach::template::default_template(),
        &Default::default(),
    );
    child.tasks = vec![kehoach::model::Task {
        text: parent.tasks[0].text.clone(),
        deadline: parent.tasks[0].deadline.clone(),
        parent_task: Some("nv1".into()),
        ..Default::default()
    }];
    let outside = child.deadlines_outside_period();
    assert_eq!(outside.len(), child.targets.len() + 1, "{outside:?}");
    let doc = document(
        &child,
        Some(&parent),
        &Profile::default(),
        &CheckOptions::default(),
        &w,
    );
    let warned = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "deadline_outside_period")
        .count();
    assert_eq!(warned, outside.len());
    assert_eq!(child.move_deadlines_into_period(), outside.len());
    assert!(child.deadlines_outside_period().is_empty());
    assert_eq!(
        child.targets[0].deadline,
        Some(Deadline::EndOfYear { year: 2026 })
    );
    assert_eq!(
        child.tasks[0].deadline.as_ref().unwrap().label(),
        "Quý III năm 2026"
    );
    let doc = document(
        &child,
        Some(&parent),
        &Profile::default(),
        &CheckOptions::default(),
        &w,
    );
    assert!(
        !doc.diagnostics.iter().any(|d| d.code == "later_deadline"),
        "{:#?}",
        doc.diagnostics
    );
}
