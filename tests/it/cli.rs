//! The `kehoach` command line, end to end through the real binary.

use crate::common::{kehoach, run};

#[test]
fn sample_convert_add_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let (code, sample, _) = run(&db, &["sample"]);
    assert_eq!(code, 0);
    assert!(sample.contains("\"title\": \"Chuyển đổi số xã Tân An năm 2026\""));
    let a = dir.path().join("a.json");
    std::fs::write(&a, &sample).unwrap();

    let b = dir.path().join("b.json");
    let (code, _, err) = run(&db, &["convert", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        sample,
        "convert of canonical text is identity"
    );

    let (code, out, err) = run(&db, &["plans", "add", b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã thêm kế hoạch số 1"), "{out}");
    let c = dir.path().join("c.json");
    assert_eq!(
        run(&db, &["plans", "export", "1", c.to_str().unwrap()]).0,
        0
    );
    // Through the store once, then byte-identical from there on.
    let (code, _, _) = run(&db, &["plans", "add", c.to_str().unwrap()]);
    assert_eq!(code, 0);
    let d = dir.path().join("d.json");
    assert_eq!(
        run(&db, &["plans", "export", "2", d.to_str().unwrap()]).0,
        0
    );
    assert_eq!(std::fs::read(&c).unwrap(), std::fs::read(&d).unwrap());
}

#[test]
fn plans_commands_list_search_show_revisions_trash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let sample = run(&db, &["sample"]).1;
    let f = dir.path().join("p.json");
    std::fs::write(&f, &sample).unwrap();
    run(&db, &["plans", "add", f.to_str().unwrap()]);
    std::fs::write(
        &f,
        sample.replace("Chuyển đổi số xã Tân An", "Cải cách hành chính xã Tân An"),
    )
    .unwrap();
    run(&db, &["plans", "add", f.to_str().unwrap()]);

    let (code, out, _) = run(&db, &["plans", "list"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, out, _) = run(&db, &["plans", "search", "chuyen doi so"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("1\t2026\tdự thảo\tChuyển đổi số xã Tân An năm 2026"),
        "{out}"
    );
    let (_, out, _) = run(&db, &["plans", "list", "--year", "2025"]);
    assert!(out.contains("không có kế hoạch nào"), "{out}");

    let (code, out, _) = run(&db, &["plans", "show", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("  I. MỤC ĐÍCH, YÊU CẦU"), "{out}");
    assert!(out.contains("    1. Mục đích"), "{out}");
    assert!(
        out.contains("Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025"),
        "{out}"
    );
    assert!(out.contains("Chỉ tiêu: 7; nhiệm vụ: 6"), "{out}");

    // Edit through a file, then list revisions and restore the first.
    std::fs::write(&f, sample.replace("Nguyễn Văn Bình", "Trần Thị Hoa")).unwrap();
    let (_, out, _) = run(&db, &["plans", "revisions", "1"]);
    assert_eq!(out.lines().count(), 1);

    let (code, out, _) = run(&db, &["plans", "duplicate", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("kế hoạch số 3"), "{out}");

    let (code, _, _) = run(&db, &["plans", "delete", "1"]);
    assert_eq!(code, 0);
    assert_eq!(run(&db, &["plans", "list"]).1.lines().count(), 2);
    let (_, trash, _) = run(&db, &["plans", "list", "--trash"]);
    assert!(trash.starts_with("1\t"), "{trash}");
    assert_eq!(run(&db, &["plans", "undelete", "1"]).0, 0);
    assert_eq!(run(&db, &["plans", "list"]).1.lines().count(), 3);
}

#[test]
fn restore_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut store = kehoach::Store::open(&db).unwrap();
    let mut plan = kehoach::sample::sample_plan();
    let id = store.add(&plan).unwrap();
    plan.signature.signer = "Trần Thị Hoa".into();
    store.save(id, &plan).unwrap();
    drop(store);
    let (_, out, _) = run(&db, &["plans", "revisions", "1"]);
    let first: &str = out.lines().last().unwrap().split('\t').next().unwrap();
    let (code, out, err) = run(&db, &["plans", "restore", "1", first]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã khôi phục"), "{out}");
    let store = kehoach::Store::open(&db).unwrap();
    assert_eq!(store.get(id).unwrap().signature.signer, "Nguyễn Văn Bình");
}

#[test]
fn errors_are_vietnamese_with_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let sample = run(&db, &["sample"]).1;
    let bad = dir.path().join("hỏng.json");
    let mut v: serde_json::Value = serde_json::from_str(&sample).unwrap();
    v["targets"][3]["value"] = "abc".into();
    std::fs::write(&bad, v.to_string()).unwrap();
    let out = dir.path().join("out.json");
    let (code, stdout, err) = run(
        &db,
        &["convert", bad.to_str().unwrap(), out.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(err.starts_with("Lỗi: "), "{err}");
    assert!(
        err.contains("hỏng.json: targets[3].value: cần một số"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written on error");

    let (code, _, err) = run(&db, &["plans", "show", "42"]);
    assert_eq!(code, 1);
    assert!(err.contains("không tìm thấy kế hoạch số 42"), "{err}");

    let (code, _, err) = run(&db, &["convert", "thiếu.json", "x.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("thiếu.json: không tìm thấy tệp"), "{err}");

    let good = dir.path().join("good.json");
    std::fs::write(&good, &sample).unwrap();
    let (code, _, err) = run(&db, &["convert", good.to_str().unwrap(), "x.odt"]);
    assert_eq!(code, 1);
    assert!(err.contains("không hỗ trợ định dạng"), "{err}");
}

#[test]
fn numbering_errors_stop_a_conversion() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let sample = run(&db, &["sample"]).1;
    let mut v: serde_json::Value = serde_json::from_str(&sample).unwrap();
    let points: Vec<serde_json::Value> = (1..=24)
        .map(|i| serde_json::json!({"heading": format!("Điểm {i}")}))
        .collect();
    v["sections"][2]["children"][0]["children"] = points.into();
    let f = dir.path().join("dai.json");
    std::fs::write(&f, v.to_string()).unwrap();
    let out = dir.path().join("o.json");
    let (code, _, err) = run(
        &db,
        &["convert", f.to_str().unwrap(), out.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("sections[2].children[0].children[23]"),
        "{err}"
    );
    assert!(err.contains("24 điểm"), "{err}");
}

#[test]
fn kehoach_db_environment_variable_selects_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let sample = dir.path().join("s.json");
    let out = kehoach().arg("sample").output().unwrap();
    std::fs::write(&sample, out.stdout).unwrap();
    let st = kehoach()
        .env("KEHOACH_DB", &db)
        .args(["plans", "add", sample.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(st.success());
    assert!(db.exists());
    let list = kehoach()
        .env("KEHOACH_DB", &db)
        .args(["plans", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8(list.stdout).unwrap().contains("Tân An"));
}

#[test]
fn a_newer_database_is_refused_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert_eq!(run(&db, &["plans", "list"]).0, 0);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let (code, _, err) = run(&db, &["plans", "list"]);
    assert_eq!(code, 1);
    assert!(err.contains("phiên bản 99"), "{err}");
}

#[test]
fn characters_the_font_lacks_are_reported_by_check_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut plan: serde_json::Value = serde_json::from_str(&run(&db, &["sample"]).1).unwrap();
    plan["tasks"][2]["partners"][0] = "Tổ công nghệ số cộng đồng ✓".into();
    let f = dir.path().join("p.json");
    std::fs::write(&f, plan.to_string()).unwrap();
    let expected = "tasks[2].partners[0]: «✓» (U+2713) không có trong phông";
    // A warning: check still passes, and the PDF is written with the warning shown.
    let (code, out, _) = run(&db, &["check", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(expected), "{out}");
    let pdf = dir.path().join("p.pdf");
    let (code, _, err) = run(
        &db,
        &["convert", f.to_str().unwrap(), pdf.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(expected), "{err}");
    assert!(pdf.exists());
}

/// A year the calendar cannot hold (or a plan would never have) is refused with
/// the editor's rule, never a panic.
#[test]
fn a_year_out_of_range_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kh.db");
    for year in ["300000", "-5", "0", "hai nghìn"] {
        let arg = format!("--year={year}");
        let (code, _, err) = crate::common::run(
            &db,
            &[
                "new",
                "--agency",
                "Ủy ban nhân dân xã Tân An",
                "--tier",
                "xã",
                &arg,
            ],
        );
        assert_eq!(code, 2, "{year}: {err}");
        assert!(err.contains("năm"), "{year}: {err}");
        assert!(!err.contains("panicked"), "{year}: {err}");
    }
}
