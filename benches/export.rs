//! DOCX and PDF export of a 30-page plan (the sample's body repeated 11 times).
//! Goal (issue 3): DOCX ≤ 20 ms median. The PDF against LibreOffice is measured
//! side by side by `bench/pdf_vs_libreoffice.py`.

use criterion::{criterion_group, criterion_main, Criterion};
use kehoach::export::{export, Format};
use kehoach::layout::Profile;
use kehoach::sample::long_plan;
use kehoach::world::FixedWorld;
use std::hint::black_box;

fn bench_export(c: &mut Criterion) {
    let plan = long_plan(11);
    let world = FixedWorld::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let profile = Profile::default();
    c.bench_function("docx export, 30-page plan", |b| {
        b.iter(|| {
            black_box(
                export(black_box(&plan), &profile, &world, Format::Docx)
                    .unwrap()
                    .bytes
                    .len(),
            )
        })
    });
    c.bench_function("pdf export, 30-page plan", |b| {
        b.iter(|| {
            black_box(
                export(black_box(&plan), &profile, &world, Format::Pdf)
                    .unwrap()
                    .bytes
                    .len(),
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench_export
}
criterion_main!(benches);
