//! Reports: the roll-up of 300 child reports (a province's communes) read from the
//! shared folder (goal ≤ 1 s), and the export of one report as PDF and DOCX (goal
//! ≤ 20 ms each).

use criterion::{criterion_group, criterion_main, Criterion};
use kehoach::app::Session;
use kehoach::folder::DirFolder;
use kehoach::report::rollup::rollup;
use kehoach::report::{ReportFile, ReportedTarget, ReportingPeriod, Verdict};
use kehoach::store::Store;
use kehoach::world::FixedWorld;
use std::time::{Duration, SystemTime};

const UNITS: usize = 300;

fn bench_reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    let mut parent = kehoach::sample::sample_plan();
    parent.number = Some(215);
    parent.assign_ids();
    let reference = parent.reference();
    let period = ReportingPeriod::parse("2026-H1").unwrap();
    let when = SystemTime::now() - Duration::from_secs(3600);
    for i in 0..UNITS {
        let file = ReportFile {
            report_format: 1,
            agency: kehoach::model::Agency {
                name: format!("Ủy ban nhân dân xã Số {i:03}"),
                supervising: String::new(),
                tier: "xã".into(),
            },
            plan: reference.clone(),
            parent: Some(reference.clone()),
            period: period.clone(),
            targets: parent
                .targets
                .iter()
                .map(|t| ReportedTarget {
                    id: t.id.clone(),
                    parent_target: Some(t.id.clone()),
                    text: t.text.clone(),
                    planned: String::new(),
                    value: Some(80.0 + (i % 20) as f64),
                    verdict: if i % 3 == 0 {
                        Verdict::NotMet
                    } else {
                        Verdict::Met
                    },
                    rate: None,
                })
                .collect(),
            tasks: vec![],
        };
        let path = share.join(format!("xa-{i:03}.bc.json"));
        std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    let folder = DirFolder::new(&share);
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("roll-up of 300 child reports", |b| {
        b.iter(|| {
            let t = rollup(
                &parent,
                &folder,
                None,
                &[],
                Duration::from_secs(5),
                chrono::Utc::now(),
            )
            .unwrap();
            assert_eq!(t.reports, UNITS);
        })
    });
    let mut s = Session::new(
        Store::open(&dir.path().join("bench.db")).unwrap(),
        Box::new(FixedWorld::new(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
        )),
    );
    let plan = s.add(&kehoach::sample::sample_plan()).unwrap();
    let id = s.new_report(plan, "2026-H1", None).unwrap();
    let pdf = dir.path().join("bc.pdf");
    let docx = dir.path().join("bc.docx");
    g.bench_function("report export, PDF", |b| {
        b.iter(|| s.export_report(id, &pdf).unwrap())
    });
    g.bench_function("report export, DOCX", |b| {
        b.iter(|| s.export_report(id, &docx).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench_reports);
criterion_main!(benches);
