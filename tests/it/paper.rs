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
