//! The application layer: one paper for a plan, whichever entry point asks for it
//! (the CLI's `plans export` and `convert` of a stored plan, the app's export, print
//! and preview), and the plan → parent link the CLI and the app share.

use crate::common::{fixture, poppler, run, world};
use kehoach::app::Finality;
use kehoach::app::{DeriveFrom, Session};
use kehoach::export::Format;
use kehoach::model::Agency;
use kehoach::store::Store;
use kehoach::template::Fill;

/// A session on a new database with a parent (the task-table plan, as LibreOffice
/// printed it) and a commune's plan derived from it.
fn derived(dir: &std::path::Path) -> (Session, i64, i64) {
    let store = Store::open(&dir.join("kehoach.db")).unwrap();
    let mut s = Session::new(store, Box::new(world()));
    let (parent, _) = s.import_and_add(&fixture("task-table.pdf")).unwrap();
    let unit = Fill::unit(
        Agency {
            name: "Ủy ban nhân dân xã Tân An".into(),
            supervising: String::new(),
            tier: "xã".into(),
        },
        "Tân An",
    );
    let child = s
        .derive(DeriveFrom::Stored(parent), None, Some(unit), None)
        .unwrap();
    // A weakened target: the parent check must report it wherever the paper goes.
    let mut plan = s.plan(child).unwrap();
    plan.targets[0].value = Some(70.0);
    plan.targets[0].text =
        "Tối thiểu 70% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.".into();
    s.store_mut().save(child, &plan).unwrap();
    (s, parent, child)
}

/// The words of each page of a PDF, read by poppler.
fn pdf_pages(bytes: &[u8], dir: &std::path::Path) -> Vec<Vec<String>> {
    let path = dir.join("p.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = poppler("pdftotext", &[path.to_str().unwrap(), "-"]);
    text.split('\u{c}')
        .map(|p| p.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn every_entry_point_gives_the_derived_plan_the_same_paper_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, child) = derived(dir.path());
    let exported = s.export(child, Format::Pdf, Finality::Draft).unwrap();
    // The paper carries the traceability appendix …
    let pages = pdf_pages(&exported.bytes, dir.path());
    let all: Vec<String> = pages.iter().flatten().cloned().collect();
    assert!(all
        .join(" ")
        .contains("ĐỐI CHIẾU CHỈ TIÊU, NHIỆM VỤ VỚI KẾ HOẠCH CẤP TRÊN"));
    // … and the findings the check against the parent.
    assert!(
        exported
            .diagnostics
            .iter()
            .any(|d| d.code == "weaker_target"),
        "{:?}",
        exported.diagnostics
    );
    // App print: the same bytes in the temporary folder.
    let printed = s.print(child, dir.path()).unwrap();
    assert_eq!(std::fs::read(&printed).unwrap(), exported.bytes);
    // App export to a file the officer chose: the same bytes, the same findings.
    let path = dir.path().join("xuat.pdf");
    let findings = s.export_to(child, &path, Finality::Draft).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), exported.bytes);
    assert_eq!(findings.diagnostics, exported.diagnostics);
    // App preview: the same pages with the same words.
    let plan = s.plan(child).unwrap();
    let preview = s.preview(child, &plan).unwrap();
    assert_eq!(preview.len(), pages.len());
    // The same characters on each page (spaces aside: readers split words their
    // own way).
    let letters = |s: &str| -> String {
        kehoach::text::nfc(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    for (i, (p, words)) in preview.iter().zip(&pages).enumerate() {
        let shown: String = p.texts.iter().map(|t| letters(&t.text)).collect();
        let mut a: Vec<char> = shown.chars().collect();
        let mut b: Vec<char> = letters(&words.join("")).chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "page {}", i + 1);
    }
    // The editor's check gives the same findings.
    assert_eq!(s.check(child, &plan).unwrap(), exported.diagnostics);
}

#[test]
fn the_cli_derives_links_shows_and_exports_the_same_paper() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kh.db");
    let (code, out, err) = run(
        &db,
        &["plans", "add", fixture("task-table.pdf").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("kế hoạch số 1"), "{out}");
    let (code, out, err) = run(
        &db,
        &[
            "plans",
            "derive",
            "1",
            "--agency",
            "Ủy ban nhân dân xã Tân An",
            "--tier",
            "xã",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Đã lập kế hoạch số 2 từ kế hoạch cấp trên số 1"),
        "{out}"
    );
    let (_, out, _) = run(&db, &["plans", "show", "2"]);
    assert!(
        out.contains("Kế hoạch cấp trên: số 1: Chuyển đổi số thành phố Hải Phòng năm 2026"),
        "{out}"
    );
    // `plans export` and `convert` of the stored plan: the document with its
    // appendix, and the parent check reported.
    let a = dir.path().join("a.pdf");
    let (code, _, err) = run(&db, &["plans", "export", "2", a.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("giữ nguyên 6"), "{err}");
    let b = dir.path().join("b.pdf");
    let (code, _, err2) = run(&db, &["convert", "2", b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err2}");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let text = poppler("pdftotext", &[a.to_str().unwrap(), "-"]);
    assert!(
        text.contains("ĐỐI CHIẾU CHỈ TIÊU, NHIỆM VỤ VỚI KẾ HOẠCH CẤP TRÊN"),
        "{text}"
    );
    // The same plan as the session gives it.
    let store = Store::open(&db).unwrap();
    let s = Session::new(store, Box::new(kehoach::world::SystemWorld::new()));
    assert_eq!(s.store().parent_id(2).unwrap(), Some(1));
    assert_eq!(
        s.export(2, Format::Pdf, Finality::Draft).unwrap().bytes,
        std::fs::read(&a).unwrap()
    );
    // Purging the parent leaves the child, unlinked.
    run(&db, &["plans", "delete", "1"]);
    let (code, _, err) = run(&db, &["plans", "purge", "1"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&db, &["plans", "show", "2"]);
    assert_eq!(code, 0);
    assert!(!out.contains("Kế hoạch cấp trên: số"), "{out}");
}

#[test]
fn settings_fill_new_plans_and_derive_refuses_a_unit_without_a_tier() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kh.db")).unwrap();
    let mut s = Session::new(store, Box::new(world()));
    let (parent, _) = s.import_and_add(&fixture("task-table.docx")).unwrap();
    // No profile yet: a clear message with its code (the app opens the profile).
    let e = s
        .derive(DeriveFrom::Stored(parent), None, None, None)
        .unwrap_err();
    assert_eq!(e.code(), "profile_missing");
    assert!(e.to_string().contains("cấp"), "{e}");
    let mut settings = s.settings().unwrap();
    settings.agency.name = "Ủy ban nhân dân phường Lê Chân".into();
    settings.agency.tier = "phường".into();
    settings.signer.position = "CHỦ TỊCH".into();
    settings.signer.name = "Trần Văn Hùng".into();
    s.set_settings(&settings).unwrap();
    let child = s
        .derive(DeriveFrom::Stored(parent), None, None, None)
        .unwrap();
    let plan = s.plan(child).unwrap();
    assert_eq!(plan.agency.name, "Ủy ban nhân dân phường Lê Chân");
    assert_eq!(plan.place, "Lê Chân");
    assert_eq!(plan.signature.signer, "Trần Văn Hùng");
    assert_eq!(s.summary(child, None).unwrap().unwrap().adopted, 6);
    let id = s.create(None, Some(2027)).unwrap();
    assert_eq!(s.plan(id).unwrap().signature.signer, "Trần Văn Hùng");
    assert_eq!(s.summary(id, None).unwrap(), None);
}

/// The name the save dialog suggests is the plan's title, as a name Windows accepts.
#[test]
fn the_suggested_file_name_is_the_title_without_forbidden_characters() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("kh.db")).unwrap();
    let mut s = Session::new(store, Box::new(world()));
    let id = s.create(None, Some(2027)).unwrap();
    let mut plan = s.plan(id).unwrap();
    plan.title = "Chuyển đổi số: giai đoạn 2026/2030 \"mới\"?*.".into();
    s.store_mut().save(id, &plan).unwrap();
    let name = s.file_name(id, Format::Pdf).unwrap();
    assert_eq!(name, "Chuyển đổi số- giai đoạn 2026-2030 -mới---.pdf");
    // The name is one a file can have here, and written to, it holds the export.
    let path = dir.path().join(&name);
    s.export_to(id, &path, Finality::Draft).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    plan.title = "///".into();
    s.store_mut().save(id, &plan).unwrap();
    assert_eq!(s.file_name(id, Format::Docx).unwrap(), "---.docx");
    plan.title = " ".into();
    s.store_mut().save(id, &plan).unwrap();
    assert_eq!(s.file_name(id, Format::Docx).unwrap(), "ke-hoach.docx");
}
