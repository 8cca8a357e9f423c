//! What is checked is what prints (issue 19): groups on paper, nothing unfilled
//! unflagged, derive writes a real draft, input never silently dropped, undo and
//! redo through the store, revisions compared.

use crate::common::{kehoach, poppler, run, world};
use kehoach::app::Finality;
use kehoach::app::{read_field, DeriveFrom, Session};
use kehoach::model::{Agency, Plan};
use kehoach::store::Store;
use serde_json::Value;
use std::path::Path;

fn session(dir: &Path) -> Session {
    Session::new(
        Store::open(&dir.join("kehoach.db")).unwrap(),
        Box::new(world()),
    )
}

/// The sample turned into the city's plan (groups on its targets and tasks), stored.
fn city_parent(s: &mut Session) -> i64 {
    let mut p = kehoach::sample::sample_plan();
    p.agency = Agency {
        name: "Ủy ban nhân dân thành phố Hải Phòng".into(),
        supervising: String::new(),
        tier: "thành phố".into(),
    };
    p.place = "Hải Phòng".into();
    p.title = "Chuyển đổi số thành phố Hải Phòng năm 2026".into();
    p.number = Some(215);
    p.date = chrono::NaiveDate::from_ymd_opt(2025, 8, 25);
    p.parent = None;
    for t in &mut p.tasks {
        t.lead = "Ủy ban nhân dân các xã, phường".into();
    }
    s.add(&p).unwrap()
}

fn set_profile(s: &mut Session) {
    let mut settings = s.settings().unwrap();
    settings.agency.name = "Ủy ban nhân dân xã An Hưng".into();
    settings.agency.tier = "xã".into();
    settings.agency.supervising = "UBND THÀNH PHỐ HẢI PHÒNG".into();
    settings.signer.position = "CHỦ TỊCH".into();
    settings.signer.name = "Lê Văn Minh".into();
    s.set_settings(&settings).unwrap();
}

fn docx_paragraphs(path: &Path) -> Vec<String> {
    crate::common::inspect_docx(path)["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect()
}

/// Where each of `wanted` starts in `text`, which must hold them in this order.
fn in_order(text: &str, wanted: &[&str]) {
    let mut from = 0;
    for w in wanted {
        match text[from..].find(w) {
            Some(i) => from += i + w.len(),
            None => panic!("«{w}» missing or out of order after byte {from}"),
        }
    }
}

#[test]
fn groups_print_in_docx_and_pdf_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let parent = city_parent(&mut s);
    set_profile(&mut s);
    // The general template has one targets block and one tasks block for all groups.
    let child = s
        .derive(DeriveFrom::Stored(parent), None, None, None)
        .unwrap();
    let docx = dir.path().join("ke-hoach-con.docx");
    let pdf = dir.path().join("ke-hoach-con.pdf");
    s.export_to(child, &docx, Finality::Draft).unwrap();
    s.export_to(child, &pdf, Finality::Draft).unwrap();
    let order = [
        "a) Chính quyền số",
        "100% thủ tục hành chính",
        "b) Kinh tế số",
        "Tối thiểu 60 hộ kinh doanh",
        "c) Xã hội số",
        "a) Nhận thức số",
        "Tuyên truyền về chuyển đổi số",
        "b) Hạ tầng số",
        "c) Chính quyền số",
        "d) An toàn thông tin",
    ];
    let paras = docx_paragraphs(&docx).join("\n");
    in_order(&paras, &order);
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    in_order(&text, &order);
}

#[test]
fn a_plan_made_before_the_profile_is_flagged_then_follows_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.create(Some("cds-xa-hang-nam"), Some(2026)).unwrap();
    let plan = s.plan(id).unwrap();
    let errors: Vec<_> = s
        .check(id, &plan)
        .unwrap()
        .into_iter()
        .filter(|d| d.code == "unfilled")
        .collect();
    assert!(
        errors
            .iter()
            .any(|d| d.message.contains("{agency.name}")
                && d.severity == kehoach::lint::Severity::Error),
        "{errors:#?}"
    );
    // The paper shows the blank, never the braces.
    let pdf = dir.path().join("truoc.pdf");
    s.export_to(id, &pdf, Finality::Draft).unwrap();
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!text.contains("{agency"), "{text}");
    // Filling the profile fills the draft.
    set_profile(&mut s);
    let plan = s.plan(id).unwrap();
    let json = kehoach::format::to_json_string(&plan);
    assert!(!json.contains("{agency."), "the draft follows the profile");
    assert!(json.contains("Ủy ban nhân dân xã An Hưng"));
    assert!(!s
        .check(id, &plan)
        .unwrap()
        .iter()
        .any(|d| d.code == "unfilled" && d.message.contains("{agency")));
}

#[test]
fn a_citation_without_number_or_date_is_an_error() {
    let mut plan = kehoach::sample::sample_plan();
    plan.parent.as_mut().unwrap().number = None;
    plan.legal_bases
        .push("Căn cứ Kế hoạch số /KH-UBND của Ủy ban nhân dân thành phố".into());
    let found = kehoach::lint::check(
        &plan,
        &Default::default(),
        &kehoach::fonts::FontSet::bundled(),
    );
    let citations: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "citation")
        .map(|d| d.path.as_str())
        .collect();
    assert!(citations.contains(&"parent.number"), "{citations:?}");
    assert!(
        citations.iter().any(|p| p.starts_with("legal_bases[")),
        "{citations:?}"
    );
}

#[test]
fn derive_asks_the_period_and_names_the_child() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    {
        let mut s = session(dir.path());
        city_parent(&mut s);
    }
    let (code, out, err) = run(
        &db,
        &[
            "plans",
            "derive",
            "1",
            "--agency",
            "Ủy ban nhân dân xã An Hưng",
            "--tier",
            "xã",
            "--year",
            "2027",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Chuyển đổi số xã An Hưng năm 2027"), "{out}");
    let (_, show, _) = run(&db, &["plans", "show", "2"]);
    assert!(
        show.contains("215/KH-UBND"),
        "the citation carries the parent's number: {show}"
    );
    let s = session(dir.path());
    let child = s.plan(2).unwrap();
    assert_eq!(child.period, kehoach::model::Period::Year { year: 2027 });
    let cited = child.parent.unwrap();
    assert_eq!(
        (cited.number, cited.agency.as_str()),
        (Some(215), "Ủy ban nhân dân thành phố Hải Phòng")
    );
}

#[test]
fn a_bad_number_gets_the_editors_message_in_the_cli_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value = serde_json::from_str(kehoach::sample::SAMPLE_JSON).unwrap();
    v["number"] = "12a".into();
    let path = dir.path().join("sai.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let out = kehoach().arg("check").arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let editor = read_field("number", "12a").problem.unwrap().message;
    assert!(!out.status.success());
    assert!(stderr.contains(&editor), "CLI: {stderr}\neditor: {editor}");
    assert!(
        stderr.contains("number"),
        "the JSON path is named: {stderr}"
    );
}

#[test]
fn undo_and_redo_go_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add(&kehoach::sample::sample_plan()).unwrap();
    let original = s.plan(id).unwrap();
    let mut edited: Plan = original.clone();
    let removed = edited.sections.remove(2);
    s.save_json(id, &kehoach::format::to_json_string(&edited))
        .unwrap();
    assert!(s.can_step(id).can_undo);
    let back = s.undo(id).unwrap();
    assert_eq!(back.plan.unwrap().sections[2].heading, removed.heading);
    assert_eq!(
        s.plan(id).unwrap().sections[2].heading,
        removed.heading,
        "stored"
    );
    assert!(back.can_redo && !back.can_undo);
    let forward = s.redo(id).unwrap();
    assert_eq!(
        forward.plan.unwrap().sections.len(),
        original.sections.len() - 1
    );
    assert_eq!(
        s.plan(id).unwrap().sections.len(),
        original.sections.len() - 1
    );
    // A new edit after an undo drops what could be redone.
    s.undo(id).unwrap();
    let mut again = s.plan(id).unwrap();
    again.title = "Chuyển đổi số xã Tân An năm 2027".into();
    s.save_json(id, &kehoach::format::to_json_string(&again))
        .unwrap();
    assert!(!s.can_step(id).can_redo);
    // Each step is a revision: the list shows them and two can be compared.
    let revs = s.revisions(id).unwrap();
    assert!(revs.len() >= 4, "{}", revs.len());
    let oldest = revs.last().unwrap().id;
    let changes = s.compare_revisions(id, oldest, None).unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].place, "Trích yếu");
}

#[test]
fn an_edited_sentence_brings_its_fields_along_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let id = s.add(&kehoach::sample::sample_plan()).unwrap();
    let mut plan = s.plan(id).unwrap();
    plan.targets[1].text = plan.targets[1].text.replace("85%", "70%");
    s.save_json(id, &kehoach::format::to_json_string(&plan))
        .unwrap();
    assert_eq!(s.plan(id).unwrap().targets[1].value, Some(70.0));
    // A field changed alone is not overwritten: the disagreement is reported.
    let mut plan = s.plan(id).unwrap();
    plan.targets[1].value = Some(90.0);
    s.save_json(id, &kehoach::format::to_json_string(&plan))
        .unwrap();
    let plan = s.plan(id).unwrap();
    assert_eq!(plan.targets[1].value, Some(90.0));
    let found = s.check(id, &plan).unwrap();
    assert!(found
        .iter()
        .any(|d| d.code == "target_mismatch" && d.path == "targets[1].value"));
}

#[test]
fn the_cli_compares_two_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    let file = dir.path().join("p.json");
    std::fs::write(&file, kehoach::sample::SAMPLE_JSON).unwrap();
    assert_eq!(run(&db, &["plans", "add", file.to_str().unwrap()]).0, 0);
    let mut s = session(dir.path());
    let mut plan = s.plan(1).unwrap();
    plan.sections.remove(0);
    s.save_json(1, &kehoach::format::to_json_string(&plan))
        .unwrap();
    let first = s.revisions(1).unwrap().last().unwrap().id;
    drop(s);
    let (code, out, err) = run(&db, &["plans", "compare", "1", &first.to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("- Mục I. MỤC ĐÍCH, YÊU CẦU\n"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}
