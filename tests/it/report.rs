//! The plan's second half: results per period, evaluated by direction, the report
//! document read back by python-docx, pdftotext and LibreOffice, results from a CSV
//! (bad ones refused at their line and column, nothing stored), and the parent's
//! roll-up of its units' reports read back by openpyxl and python-docx.

use crate::common::{poppler, run, soffice_pdf, world};
use kehoach::app::Session;
use kehoach::model::Agency;
use kehoach::store::Store;
use kehoach::template::Fill;
use serde_json::Value;
use std::path::Path;

fn session(dir: &Path) -> Session {
    Session::new(
        Store::open(&dir.join("kehoach.db")).unwrap(),
        Box::new(world()),
    )
}

fn python(script: &str, file: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every table of a DOCX as rows of cell texts (python-docx).
fn docx_tables(path: &Path) -> Vec<Vec<Vec<String>>> {
    let v = python(
        "import docx, json, sys\nd = docx.Document(sys.argv[1])\nprint(json.dumps([[[c.text for c in r.cells] for r in t.rows] for t in d.tables], ensure_ascii=False))",
        path,
    );
    serde_json::from_value(v).unwrap()
}

/// Every sheet of an XLSX as rows of cell values (openpyxl).
fn xlsx_sheets(path: &Path) -> Value {
    python(
        "import openpyxl, json, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({ws.title: [[c for c in r] for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, ensure_ascii=False, default=str))",
        path,
    )
}

/// The sample with a registered number and date, so its report cites it in full.
fn registered_sample() -> kehoach::Plan {
    let mut p = kehoach::sample::sample_plan();
    p.number = Some(12);
    p.date = chrono::NaiveDate::from_ymd_opt(2026, 1, 15);
    p
}

#[test]
fn the_sample_report_reads_back_in_docx_pdf_and_libreoffice_with_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let plan = s.add(&registered_sample()).unwrap();
    let id = s.new_report(plan, "2026-H1", None).unwrap();
    let csv = dir.path().join("ket-qua.csv");
    std::fs::write(
        &csv,
        "id,value,status,date,note\nct1,100,,,\nct2,\"82,5\",,,Cổng dịch vụ công\nct3,97,,,\nct4,92,,,\nct5,64,,,\nct6,96,,,\nct7,\"81,3\",,,\nnv1,,done,10/3/2026,\nnv2,,in_progress,,\nnv6,,not_started,,\n",
    )
    .unwrap();
    let view = s.set_results(id, &csv).unwrap();
    let verdicts: Vec<&str> = view
        .targets
        .iter()
        .map(|(_, e)| e.verdict.label())
        .collect();
    assert_eq!(
        verdicts,
        ["Đạt", "Chưa đạt", "Chưa đạt", "Đạt", "Vượt", "Đạt", "Đạt"]
    );
    // The officer's own text, then the document.
    let mut report = view.report.clone();
    report.number = Some(20);
    report.date = chrono::NaiveDate::from_ymd_opt(2026, 6, 20);
    report.strengths = "Các chỉ tiêu về dịch vụ công trực tuyến cơ bản đạt kế hoạch.".into();
    report.limits =
        "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình còn thấp do người dân chưa quen.".into();
    report.proposals = "Đề nghị thành phố hỗ trợ thiết bị số cho bộ phận một cửa.".into();
    s.save_report_json(id, &serde_json::to_string(&report).unwrap())
        .unwrap();
    let doc = s.report_document(id).unwrap();
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    let docx = dir.path().join("bao-cao.docx");
    let pdf = dir.path().join("bao-cao.pdf");
    assert!(s.export_report(id, &docx).unwrap().is_empty());
    s.export_report(id, &pdf).unwrap();
    let tables = docx_tables(&docx);
    let targets = tables
        .iter()
        .find(|t| t[0].iter().any(|c| c == "Đánh giá"))
        .expect("the targets table");
    assert_eq!(
        targets[0],
        ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Tỷ lệ", "Đánh giá"]
    );
    assert_eq!(
        targets[2][2..],
        ["≥85%", "82,5% (Cổng dịch vụ công)", "97,1%", "Chưa đạt"]
    );
    assert_eq!(
        targets[5][2..],
        ["≥60 hộ kinh", "64 hộ kinh", "106,7%", "Vượt"]
    );
    let tasks = tables
        .iter()
        .find(|t| t[0].iter().any(|c| c.starts_with("Kết quả, tình")))
        .expect("the tasks table");
    assert_eq!(tasks[1][4], "Hoàn thành (ngày 10/3/2026)");
    assert!(tasks[2][4].starts_with("Đang thực hiện"));
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    // Lines broken where the page breaks them: compared word by word.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch chuyển đổi số xã Tân An 6 tháng đầu năm 2026",
        "Số: 20/BC-UBND",
        "ngày 15/01/2026 của Ủy ban nhân dân xã Tân An về chuyển đổi số xã Tân An năm 2026",
        "Trong 7 chỉ tiêu của Kế hoạch: 5 chỉ tiêu đạt và vượt, 2 chỉ tiêu chưa đạt",
        "NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "Ủy ban nhân dân thành phố Hải Phòng",
    ] {
        assert!(
            text.contains(want),
            "«{want}» missing from the PDF:\n{text}"
        );
    }
    // The next period's tasks are those not done.
    assert!(
        !text.contains("- Tuyên truyền về chuyển đổi số trên hệ thống"),
        "a done task is not carried over"
    );
    let lo = soffice_pdf(&docx, dir.path());
    let lo_text = poppler("pdftotext", &[lo.to_str().unwrap(), "-"]);
    assert!(lo_text.contains("82,5%") && lo_text.contains("Chưa đạt"));
}

#[test]
fn bad_results_are_refused_at_their_line_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    let sample = dir.path().join("p.json");
    std::fs::write(&sample, kehoach::sample::SAMPLE_JSON).unwrap();
    assert_eq!(run(&db, &["plans", "add", sample.to_str().unwrap()]).0, 0);
    let (code, out, err) = run(&db, &["report", "new", "1", "--period", "2026-H1"]);
    assert_eq!((code, out.trim()), (0, "1"), "{err}");
    let csv = dir.path().join("sai.csv");
    std::fs::write(
        &csv,
        "id,value,status,date,note\nct1,95,,,\nct42,50,,,\nct2,tám mươi,,,\nnv1,,xong,,\n",
    )
    .unwrap();
    let (code, _, err) = run(&db, &["report", "set", "1", csv.to_str().unwrap()]);
    assert_ne!(code, 0);
    let file = csv.display().to_string();
    for want in [
        format!("{file}: dòng 3, cột id: kế hoạch không có chỉ tiêu hay nhiệm vụ «ct42»"),
        format!("{file}: dòng 4, cột value: giá trị phải là một số"),
        format!("{file}: dòng 5, cột status: tình trạng «xong»"),
    ] {
        assert!(err.contains(&want), "«{want}» missing:\n{err}");
    }
    let (_, shown, _) = run(&db, &["report", "show", "1"]);
    assert!(
        shown.contains("ct1\tChưa có số liệu"),
        "nothing taken: {shown}"
    );
    // A period outside the plan's.
    let (code, _, err) = run(&db, &["report", "new", "1", "--period", "2024-Q2"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("quý II năm 2024") && err.contains("năm 2026"),
        "{err}"
    );
    let (code, _, err) = run(&db, &["report", "new", "1", "--period", "2026-H3"]);
    assert_ne!(code, 0);
    assert!(err.contains("2026-H3"), "{err}");
}

const UNITS: [&str; 5] = ["An Hưng", "Bình Minh", "Cát Tiên", "Đông Hải", "Yên Lạc"];

/// A city's plan, five communes' plans derived from it, and the reports of two in
/// the folder (one unit's still being copied, one malformed, one silent).
fn five_communes(dir: &Path) -> (Session, i64, std::path::PathBuf) {
    let mut s = session(dir);
    let mut city = registered_sample();
    city.agency = Agency {
        name: "Ủy ban nhân dân thành phố Hải Phòng".into(),
        supervising: String::new(),
        tier: "thành phố".into(),
    };
    city.place = "Hải Phòng".into();
    city.parent = None;
    for t in &mut city.tasks {
        t.lead = "Ủy ban nhân dân các xã, phường".into();
    }
    let parent = s.add(&city).unwrap();
    let share = dir.join("chung");
    std::fs::create_dir(&share).unwrap();
    let results = [
        Some("ct1,100\nct2,90\n"),
        Some("ct1,98\nct2,85\n"),
        None,
        None,
        None,
    ];
    for (unit, figures) in UNITS.iter().zip(results) {
        let agency = Agency {
            name: format!("Ủy ban nhân dân xã {unit}"),
            supervising: String::new(),
            tier: "xã".into(),
        };
        let child = s
            .derive(
                kehoach::app::DeriveFrom::Stored(parent),
                None,
                Some(Fill::unit(agency, unit)),
                None,
            )
            .unwrap();
        let rid = s.new_report(child, "2026-H1", None).unwrap();
        let file = share.join(format!(
            "{}.bc.json",
            kehoach::text::fold(unit).replace(' ', "-")
        ));
        if let Some(figures) = figures {
            let csv = dir.join("kq.csv");
            std::fs::write(&csv, format!("id,value\n{figures}")).unwrap();
            s.set_results(rid, &csv).unwrap();
            s.export_report(rid, &file).unwrap();
        } else if *unit == "Cát Tiên" {
            // Half-written: the copy has not finished (just now, cut short).
            s.export_report(rid, &file).unwrap();
            let json = std::fs::read(&file).unwrap();
            std::fs::write(&file, &json[..json.len() / 2]).unwrap();
        } else if *unit == "Đông Hải" {
            std::fs::write(&file, "{\"report_format\": 1, \"agency\": ").unwrap();
            let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            std::fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
    (s, parent, share)
}

#[test]
fn the_rollup_is_right_cell_by_cell_in_xlsx_and_docx() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, parent, share) = five_communes(dir.path());
    let xlsx = dir.path().join("tong-hop.xlsx");
    let done = s.export_rollup(parent, &share, None, &xlsx).unwrap();
    let t = &done.table;
    assert_eq!(t.reports, 2);
    assert_eq!(t.pending, ["cat-tien.bc.json"]);
    assert_eq!(t.problems.len(), 1);
    assert_eq!(t.problems[0].file, "dong-hai.bc.json");
    let silent: Vec<&str> = t.silent.iter().map(String::as_str).collect();
    assert_eq!(
        silent,
        [
            "Ủy ban nhân dân xã Cát Tiên",
            "Ủy ban nhân dân xã Đông Hải",
            "Ủy ban nhân dân xã Yên Lạc"
        ]
    );
    let sheets = xlsx_sheets(&xlsx);
    let by_target = sheets["Theo chỉ tiêu"].as_array().unwrap();
    // Header on the third row, then ct1, ct2 …: units, reporting, met.
    assert_eq!(by_target[2][4], "Số đơn vị");
    assert_eq!(by_target[3][1], "ct1");
    assert_eq!(
        (
            by_target[3][4].as_i64(),
            by_target[3][5].as_i64(),
            by_target[3][6].as_i64()
        ),
        (Some(5), Some(2), Some(1))
    );
    assert_eq!(
        (by_target[4][5].as_i64(), by_target[4][6].as_i64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        (by_target[5][5].as_i64(), by_target[5][6].as_i64()),
        (Some(0), Some(0))
    );
    let by_unit = sheets["Theo đơn vị"].as_array().unwrap();
    assert_eq!(by_unit[1][1], "Ủy ban nhân dân xã An Hưng");
    assert_eq!(
        (by_unit[1][2].as_f64(), &by_unit[1][3]),
        (Some(100.0), &Value::from("Đạt"))
    );
    assert_eq!(
        (by_unit[1][4].as_f64(), &by_unit[1][5]),
        (Some(90.0), &Value::from("Vượt"))
    );
    assert_eq!(
        (by_unit[2][2].as_f64(), &by_unit[2][3]),
        (Some(98.0), &Value::from("Chưa đạt"))
    );
    assert_eq!(by_unit[3][3], "Chưa báo cáo");
    let missing: Vec<&Value> = sheets["Chưa báo cáo"].as_array().unwrap()[1..]
        .iter()
        .map(|r| &r[1])
        .collect();
    assert_eq!(missing.len(), 3);
    // The same figures in the parent's report, as its appendix.
    let docx = dir.path().join("tong-hop.docx");
    s.export_rollup(parent, &share, None, &docx).unwrap();
    let tables = docx_tables(&docx);
    let per_target = tables
        .iter()
        .find(|t| t[0].iter().any(|c| c == "Số đơn vị đạt"))
        .expect("the per-target table");
    assert_eq!(per_target[1][3..], ["2/5", "1/5"]);
    assert_eq!(per_target[2][3..], ["2/5", "2/5"]);
    let per_unit = tables
        .iter()
        .find(|t| t[0][1] == "Đơn vị")
        .expect("the per-unit table");
    assert_eq!(per_unit[1][1], "Ủy ban nhân dân xã An Hưng");
    assert_eq!(per_unit[1][2..4], ["100% (Đạt)", "90% (Vượt)"]);
    assert_eq!(per_unit[2][2..4], ["98% (Chưa đạt)", "85% (Đạt)"]);
    assert_eq!(per_unit[5][2], "—");
    let text = python(
        "import docx, json, sys\nprint(json.dumps('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs), ensure_ascii=False))",
        &docx,
    );
    assert!(
        text.as_str()
            .unwrap()
            .contains("Đơn vị chưa báo cáo (3): Ủy ban nhân dân xã Cát Tiên"),
        "{text}"
    );
}

#[test]
fn a_quarterly_report_takes_the_short_template() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehoach.db");
    let sample = dir.path().join("p.json");
    std::fs::write(&sample, kehoach::sample::SAMPLE_JSON).unwrap();
    assert_eq!(run(&db, &["plans", "add", sample.to_str().unwrap()]).0, 0);
    let (_, list, _) = run(&db, &["report", "templates"]);
    assert!(
        list.contains("bao-cao-dinh-ky") && list.contains("bao-cao-thang-quy"),
        "{list}"
    );
    assert_eq!(
        run(&db, &["report", "new", "1", "--period", "2026-Q2"]).0,
        0
    );
    let (code, _, err) = run(
        &db,
        &[
            "report",
            "new",
            "1",
            "--period",
            "2026",
            "--template",
            "bao-cao-thang-quy",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("quy.pdf");
    assert_eq!(
        run(&db, &["report", "export", "1", pdf.to_str().unwrap()]).0,
        0
    );
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Tiến độ thực hiện Kế hoạch chuyển đổi số xã Tân An quý II năm 2026",
        "I. TIẾN ĐỘ THỰC HIỆN",
        "III. NHIỆM VỤ KỲ TỚI",
        "báo cáo tiến độ thực hiện quý II năm 2026 như sau:",
    ] {
        assert!(text.contains(want), "«{want}» missing: {text}");
    }
    let (code, _, err) = run(
        &db,
        &[
            "report",
            "new",
            "1",
            "--period",
            "2026",
            "--template",
            "khong-co",
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("khong-co"), "{err}");
}

/// Results carry over (issue 28): a task done on 20/5/2026 in the first half-year
/// report is done, with its date, in the second, not «Chưa thực hiện, quá hạn»;
/// a target's first-half result is where the second half starts; and a task due
/// «Quý II/2026» (typed so) is not overdue at the first half's cut-off (14/6/2026)
/// but is, not done, in the second half.
#[test]
fn results_carry_over_to_the_next_period_and_quarters_fall_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let mut plan = registered_sample();
    plan.tasks[0].deadline = Some(kehoach::model::Deadline::parse("tháng 6/2026"));
    plan.tasks[1].deadline = Some(kehoach::model::Deadline::parse("Quý II/2026"));
    let id = s.add(&plan).unwrap();
    let h1 = s.new_report(id, "2026-H1", None).unwrap();
    let mut first = s.report_view(h1).unwrap().report;
    let nv1 = first.tasks.iter_mut().find(|t| t.task == "nv1").unwrap();
    nv1.status = kehoach::report::TaskStatus::Done;
    nv1.done_on = chrono::NaiveDate::from_ymd_opt(2026, 5, 20);
    first
        .targets
        .iter_mut()
        .find(|t| t.target == "ct2")
        .unwrap()
        .value = Some(82.5);
    let json = serde_json::to_string(&first).unwrap();
    let view = s.save_report_json(h1, &json).unwrap();
    let label = |view: &kehoach::app::ReportView, task: &str| {
        view.tasks
            .iter()
            .find(|(t, _)| t.id == task)
            .map(|(_, e)| e.label.clone())
            .unwrap()
    };
    assert_eq!(label(&view, "nv1"), "Hoàn thành (ngày 20/5/2026)");
    assert_eq!(label(&view, "nv2"), "Chưa thực hiện");

    let h2 = s.new_report(id, "2026-H2", None).unwrap();
    let second = s.report_view(h2).unwrap();
    assert_eq!(label(&second, "nv1"), "Hoàn thành (ngày 20/5/2026)");
    assert_eq!(label(&second, "nv2"), "Chưa thực hiện, quá hạn");
    assert_eq!(second.earlier.len(), 1, "{:?}", second.earlier);
    assert_eq!(second.earlier[0].target, "ct2");
    assert_eq!(second.earlier[0].value, 82.5);
    assert_eq!(second.earlier[0].period, "6 tháng đầu năm 2026");
    // The first half's report does not look forward.
    assert!(s.report_view(h1).unwrap().earlier.is_empty());
}

/// A date in a report's task table never breaks inside itself («31/12/202» /
/// «6»), in the PDF or in the DOCX as LibreOffice lays it out, at the largest
/// table size the profile allows (the narrowest column for a date).
#[test]
fn a_date_in_a_report_table_never_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let mut settings = s.settings().unwrap();
    let largest = kehoach::layout::profile::RANGES
        .iter()
        .find(|r| r.field == "table_pt")
        .unwrap()
        .max;
    settings.profile.table_pt = largest;
    s.set_settings(&settings).unwrap();
    let mut plan = registered_sample();
    for t in &mut plan.tasks {
        t.deadline = Some(kehoach::model::Deadline::parse("31/12/2026"));
    }
    let id = s.add(&plan).unwrap();
    let report = s.new_report(id, "2026-H1", None).unwrap();
    let pdf = dir.path().join("bao-cao.pdf");
    let docx = dir.path().join("bao-cao.docx");
    s.export_report(report, &pdf).unwrap();
    s.export_report(report, &docx).unwrap();
    let office = soffice_pdf(&docx, dir.path());
    for file in [&pdf, &office] {
        let text = poppler("pdftotext", &["-layout", file.to_str().unwrap(), "-"]);
        let whole = text.matches("31/12/2026").count();
        assert!(
            whole >= plan.tasks.len(),
            "{}: {whole} whole dates\n{text}",
            file.display()
        );
        assert!(!text.contains("31/12/202\n"), "{}", file.display());
    }
}
