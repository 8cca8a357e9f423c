//! Templates: the built-in ones, the format's checks, instantiation, and the shared
//! folder sync (add, change, delete, conflict, malformed, half-written, folder
//! removed mid-sync, publish).

use crate::common;

use crate::common::fixture;
use kehoach::inherit::derive;
use kehoach::lint::{self, Severity};
use kehoach::model::{Agency, Block, Section};
use kehoach::store::Store;
use kehoach::sync::{self, DirFolder, Entry, Folder, SyncOptions};
use kehoach::template::{self, Fill, Template};
use kehoach::Error;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn xa() -> Agency {
    Agency {
        name: "Ủy ban nhân dân xã Tân An".into(),
        supervising: "UBND THÀNH PHỐ HẢI PHÒNG".into(),
        tier: "xã".into(),
    }
}

fn fill(parent: Option<&kehoach::Plan>) -> Fill<'_> {
    Fill {
        agency: xa(),
        place: "Tân An".into(),
        year: 2026,
        signer_position: "CHỦ TỊCH".into(),
        signer_name: "Nguyễn Văn An".into(),
        parent,
        ..Default::default()
    }
}

/// Every string of a plan, to look for placeholders left behind.
fn all_text(plan: &kehoach::Plan) -> String {
    serde_json::to_string(plan).unwrap()
}

fn headings(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(s.heading.clone());
        headings(&s.children, out);
    }
}

#[test]
fn every_builtin_template_makes_a_plan_with_its_skeleton_and_no_placeholder_left() {
    let mut parent = kehoach::sample::sample_plan();
    parent.agency = Agency {
        name: "Ủy ban nhân dân thành phố Hải Phòng".into(),
        supervising: String::new(),
        tier: "thành phố".into(),
    };
    parent.number = Some(215);
    parent.date = chrono::NaiveDate::from_ymd_opt(2025, 8, 25);
    parent.title = "Chuyển đổi số thành phố Hải Phòng năm 2026".into();
    let builtin = template::builtin();
    assert_eq!(builtin.len(), 5);
    for t in builtin {
        for parent in [None, Some(&parent)] {
            let plan = t.instantiate(&fill(parent));
            let text = all_text(&plan);
            // Only what the parent would give may wait, and only without one; the
            // live citation always stays, to print from the plan's parent field.
            for (name, _) in template::PLACEHOLDERS {
                let waits = (parent.is_none() && name.starts_with("parent."))
                    || template::LIVE.contains(name);
                assert!(
                    waits || !text.contains(&format!("{{{name}}}")),
                    "{}: placeholder {name} left in {text}",
                    t.id
                );
            }
            assert!(plan.title.contains("xã Tân An"), "{}: {}", t.id, plan.title);
            assert_eq!(plan.signature.position, "CHỦ TỊCH");
            assert_eq!(plan.signature.signer, "Nguyễn Văn An");
            assert_eq!(plan.recipients.last().unwrap(), "Lưu: VT");
            // The parent agency is a recipient only when there is a parent.
            assert_eq!(
                plan.recipients
                    .contains(&"Ủy ban nhân dân thành phố Hải Phòng".to_owned()),
                parent.is_some(),
                "{}",
                t.id
            );
            let (mut a, mut b) = (vec![], vec![]);
            headings(&plan.sections, &mut a);
            headings(&t.plan.sections, &mut b);
            assert_eq!(a, b, "{}: the skeleton is the template's", t.id);
            // The skeleton numbers and lays out; only content is missing in a new draft.
            plan.labeled_sections().unwrap();
            let findings = lint::check(
                &plan,
                &Default::default(),
                &kehoach::fonts::FontSet::bundled(),
            );
            let unexpected: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.code != "empty_section")
                .filter(|f| !(parent.is_none() && f.code == "unfilled"))
                .collect();
            assert!(unexpected.is_empty(), "{}: {unexpected:?}", t.id);
            kehoach::layout::layout(&plan, &Default::default(), &common::world()).unwrap();
        }
    }
    // Without a parent, a sentence citing it is left out of a list, and running text
    // keeps the placeholder, which the lint names and the paper prints as `…`.
    let t = template::builtin_by_id("cds-xa-hang-nam").unwrap();
    let no_parent = t.instantiate(&fill(None));
    assert!(!all_text(&no_parent).contains("Triển khai hiệu quả"));
    assert!(!all_text(&no_parent).contains("không thấp hơn chỉ tiêu"));
    assert!(all_text(&no_parent).contains("để tổng hợp, báo cáo {parent.agency}."));
    let findings = lint::check(
        &no_parent,
        &Default::default(),
        &kehoach::fonts::FontSet::bundled(),
    );
    let unfilled = findings.iter().find(|f| f.code == "unfilled").unwrap();
    assert_eq!(unfilled.severity, Severity::Error);
    assert!(
        unfilled.message.contains("{parent.agency}"),
        "{}",
        unfilled.message
    );
    let printed = kehoach::template::blank_unfilled(&no_parent);
    assert!(all_text(&printed).contains("để tổng hợp, báo cáo …."));
    let with_parent = t.instantiate(&fill(Some(&parent)));
    // The citation prints from the plan's parent field (a live placeholder).
    assert!(all_text(&with_parent).contains("theo {parent.citation}."));
    let with_parent = kehoach::template::blank_unfilled(&with_parent);
    assert!(all_text(&with_parent).contains(
        "theo Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số"
    ));
}

#[test]
fn the_catalog_says_which_templates_suit_the_officers_tier() {
    let store = Store::open_in_memory().unwrap();
    let suits = |tier: &str, id: &str| {
        store
            .template_catalog(Some(tier))
            .unwrap()
            .into_iter()
            .find(|t| t.id == id)
            .unwrap()
            .suits
    };
    // The commune template names xã, phường, đặc khu; a thị trấn is the same level.
    assert!(suits("phường", "cds-xa-hang-nam"));
    assert!(suits("Thị trấn", "cds-xa-hang-nam"));
    assert!(!suits("huyện", "cds-xa-hang-nam"));
    // A template naming no tier suits every one.
    assert!(suits("huyện", "ke-hoach-chung"));
}

#[test]
fn the_six_month_template_gives_a_six_month_period() {
    let t = template::builtin_by_id("ung-dung-cntt-6-thang").unwrap();
    let plan = t.instantiate(&fill(None));
    assert_eq!(plan.period.label(), "6 tháng cuối năm 2026");
    assert!(
        plan.title.ends_with("6 tháng cuối năm 2026"),
        "{}",
        plan.title
    );
    let t = template::builtin_by_id("thuc-hien-chuong-trinh-phoi-hop").unwrap();
    assert_eq!(
        t.instantiate(&fill(None)).period.label(),
        "giai đoạn 2026 - 2029"
    );
}

fn template_json(id: &str, version: u32, heading: &str) -> String {
    let mut t = template::default_template();
    t.id = id.into();
    t.name = format!("Mẫu {id}");
    t.version = version;
    t.plan.sections[0].heading = heading.into();
    t.to_json()
}

#[test]
fn malformed_templates_are_refused_with_the_place_and_reason() {
    let good = template_json("mau-a", 1, "MỤC ĐÍCH");
    let cases = [
        (
            good.replace("{agency.short}", "{don_vi}"),
            "plan.title",
            "ô điền «{don_vi}» không có",
        ),
        (good.replace("\"mau-a\"", "\"Mẫu A\""), "id", "chữ thường"),
        (
            good.replace("\"version\": 1", "\"version\": \"một\""),
            "version",
            "",
        ),
        (
            good.replace("\"closing\"", "\"ket_luan\""),
            "plan",
            "ket_luan",
        ),
        (
            good.replace("\"tiers\": []", "\"tiers\": [\"ấp\"]"),
            "tiers[0]",
            "không phải cấp",
        ),
        (
            good.replace("\"type\": \"targets\"", "\"type\": \"chi_tieu\""),
            "plan.sections[1].blocks[0]",
            "",
        ),
    ];
    for (json, path, reason) in cases {
        match Template::from_json(&json, "mau.json") {
            Err(Error::Json {
                file,
                path: p,
                reason: r,
            }) => {
                assert_eq!(file, "mau.json");
                assert!(p.starts_with(path), "{p} vs {path}: {r}");
                assert!(r.contains(reason), "{r}");
            }
            other => panic!("{path}: expected a JSON error, got {other:?}"),
        }
    }
    // Decomposed Vietnamese is normalised when read.
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd(good.as_str()).collect::<String>();
    assert_eq!(
        Template::from_json(&nfd, "mau.json").unwrap().plan.sections[0].heading,
        "MỤC ĐÍCH"
    );
}

#[test]
fn a_plan_turned_into_a_template_makes_the_same_plan_for_its_agency_and_others() {
    let sample = kehoach::sample::sample_plan();
    let t = Template::from_plan(&sample, "cds-tan-an", "Mẫu CĐS Tân An", 1).unwrap();
    let json = t.to_json();
    assert!(json.contains("{agency.short}"), "{json}");
    let skeleton = serde_json::to_string(&t.plan).unwrap();
    assert!(
        !skeleton.contains("Tân An"),
        "agency words stay in: {skeleton}"
    );
    let back = Template::from_json(&json, "mau.json").unwrap();
    assert_eq!(back, t);
    let again = t.instantiate(&Fill {
        agency: sample.agency.clone(),
        place: sample.place.clone(),
        year: 2026,
        signer_position: sample.signature.position.clone(),
        signer_name: sample.signature.signer.clone(),
        ..Default::default()
    });
    assert_eq!(again.title, sample.title);
    assert_eq!(again.sections, sample.sections);
    let other = t.instantiate(&Fill {
        agency: Agency {
            name: "Ủy ban nhân dân phường Đằng Hải".into(),
            supervising: String::new(),
            tier: "phường".into(),
        },
        place: "Đằng Hải".into(),
        year: 2027,
        ..Default::default()
    });
    assert_eq!(other.title, "Chuyển đổi số phường Đằng Hải năm 2027");
}

/// The text of a DOCX's paragraphs, runs joined.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[test]
fn derive_places_the_parents_tasks_in_the_chosen_templates_skeleton() {
    let parent = kehoach::import::import_file(&fixture("hai-phong-2022-2025-phoi-hop-btttt.txt"))
        .unwrap()
        .plan;
    let huyen = Agency {
        name: "Ủy ban nhân dân huyện Cát Hải".into(),
        supervising: String::new(),
        tier: "huyện".into(),
    };
    for t in template::builtin() {
        let child = derive(&parent, &Fill::unit(huyen.clone(), "Cát Hải"), t);
        assert!(!child.tasks.is_empty());
        let mut a = vec![];
        headings(&child.sections, &mut a);
        let mut expected = vec![];
        headings(&t.plan.sections, &mut expected);
        assert_eq!(a, expected, "{}: the template's skeleton", t.id);
        // Every task is printed somewhere: in the body or in the appendix table.
        let out = kehoach::export::export(
            &child,
            &Default::default(),
            &common::world(),
            kehoach::export::Format::Docx,
        )
        .unwrap();
        let text = docx_text(&out.bytes);
        for task in &child.tasks {
            let start: String = task.text.chars().take(40).collect();
            assert!(text.contains(&start), "{}: task not printed: {start}", t.id);
        }
        assert!(text.contains("Thực hiện Kế hoạch"), "{}", t.id);
    }
    // The template with group blocks (Chính quyền số …) gets the parent's other
    // groups beside them, not a second copy of every task.
    let t = template::builtin_by_id("nang-cao-chi-so-cds").unwrap();
    let child = derive(&parent, &Fill::unit(huyen, "Cát Hải"), &t);
    let mut blocks = 0;
    fn count(s: &[Section], n: &mut usize) {
        for s in s {
            *n += s
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Tasks { group: None, .. }))
                .count();
            count(&s.children, n);
        }
    }
    count(&child.sections, &mut blocks);
    assert_eq!(blocks, 0);
}

#[test]
fn cli_new_derive_and_templates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kh.db");
    let out = dir.path().join("moi.json");
    let (code, _, err) = common::run(
        &db,
        &[
            "new",
            "--template",
            "nang-cao-chi-so-cds",
            "--agency",
            "Ủy ban nhân dân xã Tân An",
            "--tier",
            "xã",
            "--year",
            "2026",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let plan = kehoach::format::read_json_file(&out).unwrap();
    assert_eq!(
        plan.title,
        "Cải thiện và nâng cao chỉ số chuyển đổi số xã Tân An năm 2026"
    );
    let (code, _, err) = common::run(
        &db,
        &[
            "new",
            "--template",
            "khong-co",
            "--agency",
            "UBND xã A",
            "--tier",
            "xã",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("khong-co"), "{err}");
    let (code, stdout, _) = common::run(&db, &["templates", "list"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    assert!(stdout.contains("cds-xa-hang-nam\tphiên bản 1"), "{stdout}");
}

// ---------------------------------------------------------------------------
// The shared folder.

/// Sets a file's modification time to `secs_ago` seconds ago, as a file copied
/// earlier would have (the sync treats very recent files as possibly unfinished).
fn age(path: &Path, secs_ago: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(secs_ago))
        .unwrap();
}

fn put(dir: &Path, name: &str, content: &str, secs_ago: u64) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    age(&p, secs_ago);
    p
}

/// An empty shared folder and an empty store.
fn shared_folder() -> (tempfile::TempDir, DirFolder, Store) {
    let share = tempfile::tempdir().unwrap();
    let folder = DirFolder::new(share.path());
    (share, folder, Store::open_in_memory().unwrap())
}

/// Template `id` at `version` (first heading `heading`) written as `name`, an hour old.
fn put_template(dir: &Path, name: &str, id: &str, version: u32, heading: &str) {
    put(dir, name, &template_json(id, version, heading), 3600);
}

fn now_opts() -> SyncOptions {
    SyncOptions {
        settle: Duration::ZERO,
    }
}

/// What the store holds of templates, conflicts and shared files: compared before
/// and after a failed sync.
fn snapshot(store: &Store) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        store.stored_templates().unwrap(),
        store.template_conflicts().unwrap(),
        store.shared_files().unwrap(),
        store.setting("shared.synced_folder").unwrap()
    )
}

#[test]
fn sync_adds_changes_and_deletes_templates_and_skips_unchanged_files() {
    let (share, folder, mut store) = shared_folder();
    put_template(share.path(), "a.json", "mau-a", 1, "MỤC ĐÍCH");
    put_template(share.path(), "b.json", "mau-b", 1, "MỤC ĐÍCH");
    put(share.path(), "ghi-chu.odt", "không phải của ta", 3600);

    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.added, ["Mẫu mau-a", "Mẫu mau-b"]);
    assert_eq!(r.files_read, 2);
    assert_eq!(
        store.template("mau-a").unwrap().plan.sections[0].heading,
        "MỤC ĐÍCH"
    );
    let ids: Vec<String> = store
        .template_catalog(None)
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert!(
        ids.contains(&"mau-a".to_owned()) && ids.len() == 7,
        "{ids:?}"
    );

    // Nothing changed: nothing is read, nothing written.
    let before = snapshot(&store);
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!((r.files_read, r.unchanged), (0, 2));
    assert!(r.added.is_empty() && r.updated.is_empty() && r.removed.is_empty());
    assert_eq!(snapshot(&store), before);

    // A newer version replaces the stored one; a deleted file removes its template.
    put(
        share.path(),
        "a.json",
        &template_json("mau-a", 2, "MỤC ĐÍCH, YÊU CẦU"),
        1800,
    );
    std::fs::remove_file(share.path().join("b.json")).unwrap();
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.updated, ["Mẫu mau-a"]);
    assert_eq!(r.removed, ["Mẫu mau-b"]);
    assert_eq!(r.files_read, 1);
    let a = store.template("mau-a").unwrap();
    assert_eq!(
        (a.version, a.plan.sections[0].heading.as_str()),
        (2, "MỤC ĐÍCH, YÊU CẦU")
    );
    assert!(store.stored_template("mau-b").unwrap().is_none());

    // A renamed file: the same template, now known under its new name.
    std::fs::rename(share.path().join("a.json"), share.path().join("mau-a.json")).unwrap();
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!((r.unchanged, r.updated.len()), (1, 0));
    let stored = store.stored_templates().unwrap();
    assert_eq!(stored[0].file.as_deref(), Some("mau-a.json"));
    std::fs::rename(share.path().join("mau-a.json"), share.path().join("a.json")).unwrap();
    sync::sync(&mut store, &folder, &now_opts()).unwrap();

    // An older version in the folder does not downgrade.
    put(
        share.path(),
        "a.json",
        &template_json("mau-a", 1, "CŨ"),
        900,
    );
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert!(r.updated.is_empty());
    assert!(r.notes[0].message.contains("cũ hơn"), "{:?}", r.notes);
    assert_eq!(store.template("mau-a").unwrap().version, 2);

    // A template deleted here comes back from the folder at the next sync, even
    // though its file did not change.
    put(
        share.path(),
        "a.json",
        &template_json("mau-a", 3, "MỚI"),
        600,
    );
    sync::sync(&mut store, &folder, &now_opts()).unwrap();
    store.delete_template("mau-a").unwrap();
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.added, ["Mẫu mau-a"]);
    assert_eq!(store.template("mau-a").unwrap().version, 3);
}

#[test]
fn a_local_edit_is_never_overwritten_the_conflict_waits_for_a_choice() {
    let (share, folder, mut store) = shared_folder();
    put_template(share.path(), "a.json", "mau-a", 1, "GỐC");
    sync::sync(&mut store, &folder, &now_opts()).unwrap();

    // Edited here: version 2, modified.
    let mut mine = store.template("mau-a").unwrap();
    mine.plan.sections[0].heading = "CỦA TÔI".into();
    let saved = store.save_local_template(&mine).unwrap();
    assert_eq!(saved.version, 2);

    // The folder unchanged: the edit stays, no conflict.
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert!(r.conflicts.is_empty());
    assert_eq!(
        store.template("mau-a").unwrap().plan.sections[0].heading,
        "CỦA TÔI"
    );

    // Someone publishes another version: a conflict, the edit untouched.
    put(
        share.path(),
        "a.json",
        &template_json("mau-a", 2, "CỦA NGƯỜI KHÁC"),
        1800,
    );
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.conflicts, ["mau-a"]);
    assert_eq!(
        store.template("mau-a").unwrap().plan.sections[0].heading,
        "CỦA TÔI"
    );
    let c = &store.template_conflicts().unwrap()[0];
    assert_eq!((c.local_version, c.folder_version), (2, 2));
    assert!(c.folder_body.contains("CỦA NGƯỜI KHÁC"));
    assert!(store
        .template_catalog(None)
        .unwrap()
        .iter()
        .any(|t| t.id == "mau-a" && t.conflict));
    // Syncing again reports it again and changes nothing.
    let before = snapshot(&store);
    assert_eq!(
        sync::sync(&mut store, &folder, &now_opts())
            .unwrap()
            .conflicts,
        ["mau-a"]
    );
    assert_eq!(snapshot(&store), before);
    // Publishing over it is refused until the officer chooses.
    let err = sync::publish(&mut store, "mau-a", &folder).unwrap_err();
    assert!(err.to_string().contains("đồng bộ"), "{err}");

    // Keep mine: it goes above the folder's version, and publishing replaces theirs.
    store.resolve_template_conflict("mau-a", true).unwrap();
    assert!(store.template_conflicts().unwrap().is_empty());
    assert_eq!(store.template("mau-a").unwrap().version, 3);
    sync::publish(&mut store, "mau-a", &folder).unwrap();
    let published = std::fs::read_to_string(share.path().join("a.json")).unwrap();
    assert!(published.contains("CỦA TÔI") && published.contains("\"version\": 3"));

    // Take theirs (another round): the folder's version replaces the edit.
    age(&share.path().join("a.json"), 1000);
    sync::sync(&mut store, &folder, &now_opts()).unwrap();
    let mut mine = store.template("mau-a").unwrap();
    mine.plan.sections[0].heading = "SỬA LẦN HAI".into();
    store.save_local_template(&mine).unwrap();
    put(
        share.path(),
        "a.json",
        &template_json("mau-a", 5, "BẢN 5"),
        500,
    );
    sync::sync(&mut store, &folder, &now_opts()).unwrap();
    store.resolve_template_conflict("mau-a", false).unwrap();
    let t = store.template("mau-a").unwrap();
    assert_eq!(
        (t.version, t.plan.sections[0].heading.as_str()),
        (5, "BẢN 5")
    );
    assert!(!store.stored_templates().unwrap()[0].modified);
}

#[test]
fn malformed_files_are_reported_and_the_others_still_sync() {
    let (share, folder, mut store) = shared_folder();
    put_template(share.path(), "a.json", "mau-a", 1, "MỤC ĐÍCH");
    put_template(share.path(), "sai-o-dien.json", "mau-b", 1, "MỤC {muc}");
    put(
        share.path(),
        "cut.json",
        r#"{"template_format": 1, "id": "x""#,
        3600,
    );
    put(share.path(), "la.json", r#"{"ten": "không biết"}"#, 3600);
    std::fs::write(share.path().join("latin1.txt"), b"K\xc9 HO\xb8CH").unwrap();
    age(&share.path().join("latin1.txt"), 3600);

    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.added, ["Mẫu mau-a"]);
    let by_file = |f: &str| {
        r.problems
            .iter()
            .find(|p| p.file.ends_with(f))
            .unwrap()
            .clone()
    };
    let p = by_file("sai-o-dien.json");
    assert_eq!(p.path, "plan.sections[0].heading");
    assert!(p.message.contains("{muc}"), "{}", p.message);
    assert!(
        by_file("cut.json").message.contains("dòng"),
        "{:?}",
        by_file("cut.json")
    );
    assert!(by_file("la.json").message.contains("template_format"));
    assert!(by_file("latin1.txt").message.contains("UTF-8"));
    assert_eq!(r.problems.len(), 4);
    // Reported again at the next sync without being read again.
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!((r.files_read, r.problems.len()), (0, 4));
    assert_eq!(
        r.problems
            .iter()
            .find(|p| p.file == "sai-o-dien.json")
            .unwrap()
            .path,
        "plan.sections[0].heading"
    );
}

#[test]
fn files_still_being_written_are_left_for_the_next_sync() {
    let (share, folder, mut store) = shared_folder();
    let full = template_json("mau-a", 1, "MỤC ĐÍCH");
    // A copy in progress under a temporary name, a document open in Word (lock file
    // beside it), and a file cut short that was modified a moment ago.
    put_template(share.path(), ".mau-b.json.4242.tmp", "mau-b", 1, "X");
    put_template(share.path(), "mau-c.json", "mau-c", 1, "X");
    put(share.path(), "~$mau-c.json", "lock", 3600);
    std::fs::write(share.path().join("a.json"), &full[..full.len() / 2]).unwrap();

    let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    assert!(r.added.is_empty(), "{r:?}");
    assert!(r.problems.is_empty(), "{r:?}");
    let mut pending = r.pending.clone();
    pending.sort();
    assert_eq!(pending, ["a.json", "mau-c.json"]);
    assert!(store.stored_templates().unwrap().is_empty());

    // The copy finishes and the lock goes: the next sync takes both.
    put(share.path(), "a.json", &full, 3600);
    std::fs::remove_file(share.path().join("~$mau-c.json")).unwrap();
    let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    assert_eq!(r.added, ["Mẫu mau-a", "Mẫu mau-c"]);
}

/// The shared folder with something happening before each read (someone still
/// copying a file, the share dropping off the network): `before_read(dir, name,
/// files read so far)`.
struct EventfulFolder<F: Fn(&Path, &str, usize)> {
    inner: DirFolder,
    reads: Cell<usize>,
    before_read: F,
}

impl<F: Fn(&Path, &str, usize)> Folder for EventfulFolder<F> {
    fn describe(&self) -> String {
        self.inner.describe()
    }
    fn list(&self) -> std::io::Result<Vec<Entry>> {
        self.inner.list()
    }
    fn read(&self, name: &str, limit: u64) -> std::io::Result<Vec<u8>> {
        (self.before_read)(&self.inner.dir, name, self.reads.get());
        self.reads.set(self.reads.get() + 1);
        self.inner.read(name, limit)
    }
    fn stat(&self, name: &str) -> std::io::Result<Entry> {
        self.inner.stat(name)
    }
    fn is_available(&self) -> bool {
        self.inner.is_available()
    }
    fn write_atomic(&self, name: &str, bytes: &[u8]) -> kehoach::Result<()> {
        self.inner.write_atomic(name, bytes)
    }
}

fn eventful<F: Fn(&Path, &str, usize)>(dir: &Path, before_read: F) -> EventfulFolder<F> {
    EventfulFolder {
        inner: DirFolder::new(dir),
        reads: Cell::new(0),
        before_read,
    }
}

#[test]
fn a_file_whose_size_changes_while_it_is_read_is_not_applied() {
    let (share, _, mut store) = shared_folder();
    put_template(share.path(), "a.json", "mau-a", 1, "MỤC ĐÍCH");
    put_template(share.path(), "b.json", "mau-b", 1, "MỤC ĐÍCH");
    // Someone is still copying a.json: it grows while we read it.
    let growing = eventful(share.path(), |dir, name, _| {
        if name == "a.json" {
            use std::io::Write;
            let mut f = std::fs::File::options()
                .append(true)
                .open(dir.join(name))
                .unwrap();
            f.write_all(b"\n ").unwrap();
        }
    });
    let r = sync::sync(&mut store, &growing, &now_opts()).unwrap();
    assert_eq!(r.pending, ["a.json"]);
    assert_eq!(r.added, ["Mẫu mau-b"]);
    assert!(store.stored_template("mau-a").unwrap().is_none());
    // Once the copy is done, it is taken.
    age(&share.path().join("a.json"), 600);
    let r = sync::sync(&mut store, &DirFolder::new(share.path()), &now_opts()).unwrap();
    assert_eq!(r.added, ["Mẫu mau-a"]);
}

#[test]
fn the_folder_disappearing_mid_sync_leaves_the_store_as_it_was() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("share");
    std::fs::create_dir(&dir).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for (i, id) in ["mau-a", "mau-b", "mau-c"].iter().enumerate() {
        put(
            &dir,
            &format!("{id}.json"),
            &template_json(id, 1, "MỤC ĐÍCH"),
            3600 + i as u64,
        );
    }
    sync::sync(&mut store, &DirFolder::new(&dir), &now_opts()).unwrap();
    // Every file changes.
    for id in ["mau-a", "mau-b", "mau-c"] {
        put(
            &dir,
            &format!("{id}.json"),
            &template_json(id, 2, "MỚI"),
            1800,
        );
    }
    let before = snapshot(&store);
    // The share drops off the network after two files were read.
    let vanishing = eventful(&dir, |dir, _, reads| {
        if reads == 2 && dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
    });
    let err = sync::sync(&mut store, &vanishing, &now_opts()).unwrap_err();
    assert!(
        err.to_string()
            .contains("không truy cập được thư mục dùng chung"),
        "{err}"
    );
    assert_eq!(snapshot(&store), before);
    assert_eq!(store.template("mau-b").unwrap().version, 1);
    // A folder that is simply not there is the same error, not "every file deleted".
    let err = sync::sync(&mut store, &DirFolder::new(&dir), &now_opts()).unwrap_err();
    assert!(err.to_string().contains(&dir.display().to_string()));
    assert_eq!(snapshot(&store), before);
}

#[test]
fn publish_writes_whole_files_that_another_office_then_syncs() {
    let (share, folder, mut mine) = shared_folder();
    let sample = kehoach::sample::sample_plan();
    let t = Template::from_plan(&sample, "cds-xa-2026", "Kế hoạch CĐS xã 2026", 1).unwrap();
    mine.save_local_template(&t).unwrap();
    let path = sync::publish(&mut mine, "cds-xa-2026", &folder).unwrap();
    assert!(path.ends_with("cds-xa-2026.json"));
    // Only the published file: the temporary one was renamed onto it.
    let names: Vec<String> = std::fs::read_dir(share.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["cds-xa-2026.json"]);
    assert!(!mine.stored_templates().unwrap()[0].modified);

    age(&share.path().join("cds-xa-2026.json"), 600);
    let mut theirs = Store::open_in_memory().unwrap();
    let r = sync::sync(&mut theirs, &folder, &now_opts()).unwrap();
    assert_eq!(r.added, ["Kế hoạch CĐS xã 2026"]);
    assert_eq!(
        theirs.template("cds-xa-2026").unwrap(),
        mine.template("cds-xa-2026").unwrap()
    );
    // Publishing a built-in one works too (an office shares the program's template).
    sync::publish(&mut theirs, "ke-hoach-chung", &folder).unwrap();
    assert!(share.path().join("ke-hoach-chung.json").exists());
    // A folder that is not there is a clear error.
    let err = sync::publish(
        &mut theirs,
        "ke-hoach-chung",
        &DirFolder::new("/khong/co/thu-muc"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("/khong/co/thu-muc"), "{err}");
}

#[test]
fn parent_plans_in_the_folder_are_listed_and_kept_for_deriving() {
    let (share, folder, mut store) = shared_folder();
    std::fs::copy(
        fixture("hai-phong-2022-2025-phoi-hop-btttt.txt"),
        share.path().join("kh-thanh-pho.txt"),
    )
    .unwrap();
    age(&share.path().join("kh-thanh-pho.txt"), 3600);
    std::fs::write(
        share.path().join("mau.json"),
        kehoach::format::to_json_string(&kehoach::sample::sample_plan()),
    )
    .unwrap();
    age(&share.path().join("mau.json"), 3600);
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    assert_eq!(r.parents, 2);
    let parents: Vec<_> = store
        .shared_files()
        .unwrap()
        .into_iter()
        .filter(|f| f.kind == "parent")
        .collect();
    assert_eq!(parents[0].name, "kh-thanh-pho.txt");
    assert!(parents[0]
        .title
        .starts_with("Thực hiện chương trình phối hợp"));
    assert_eq!(parents[0].agency, "Ủy ban nhân dân thành phố Hải Phòng");
    // The share goes away; the parent read at the last sync is still there.
    drop(share);
    let parent = store.shared_parent("kh-thanh-pho.txt").unwrap();
    let child = derive(
        &parent,
        &Fill::unit(
            Agency {
                name: "Ủy ban nhân dân huyện Cát Hải".into(),
                supervising: String::new(),
                tier: "huyện".into(),
            },
            "Cát Hải",
        ),
        &template::default_template(),
    );
    assert!(!child.tasks.is_empty());
}

#[test]
fn parent_plans_as_pdf_and_word_files_are_found_and_a_scan_is_reported_by_name() {
    let (share, folder, mut store) = shared_folder();
    for (from, to) in [
        ("task-table.pdf", "kh-2026.pdf"),
        ("hai-an-2024-cds.office.docx", "kh-hai-an.docx"),
        ("scan.pdf", "ban-quet.pdf"),
    ] {
        std::fs::copy(fixture(from), share.path().join(to)).unwrap();
        age(&share.path().join(to), 3600);
    }
    let r = sync::sync(&mut store, &folder, &now_opts()).unwrap();
    let mut names: Vec<String> = store
        .shared_files()
        .unwrap()
        .into_iter()
        .filter(|f| f.kind == "parent")
        .map(|f| f.name)
        .collect();
    names.sort();
    assert_eq!(store.shared_parent("kh-2026.pdf").unwrap().tasks.len(), 12);
    // The scan is read by OCR like any parent plan.
    assert_eq!(r.parents, 3, "{r:?}");
    assert_eq!(names, ["ban-quet.pdf", "kh-2026.pdf", "kh-hai-an.docx"]);
    assert_eq!(
        store.shared_parent("ban-quet.pdf").unwrap().title,
        "Chuyển đổi số quận Hải An năm 2024"
    );
}

#[test]
fn cli_sync_list_publish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kh.db");
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    put(
        &share,
        "a.json",
        &template_json("mau-a", 1, "MỤC ĐÍCH"),
        3600,
    );
    put(&share, "hong.json", "{", 3600);
    let (code, stdout, stderr) = common::run(&db, &["templates", "sync", share.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("thêm 1 mẫu"), "{stdout}");
    assert!(stderr.contains("hong.json: JSON không hợp lệ"), "{stderr}");
    let (_, stdout, _) = common::run(&db, &["templates", "list"]);
    assert!(
        stdout.contains("mau-a\tphiên bản 1\tMẫu mau-a\tthư mục dùng chung"),
        "{stdout}"
    );
    let (code, _, stderr) = common::run(
        &db,
        &[
            "templates",
            "publish",
            "nang-cao-chi-so-cds",
            share.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(share.join("nang-cao-chi-so-cds.json").exists());
    let gone = dir.path().join("khong-co");
    let (code, _, stderr) = common::run(&db, &["templates", "sync", gone.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("không truy cập được thư mục dùng chung"),
        "{stderr}"
    );
}
