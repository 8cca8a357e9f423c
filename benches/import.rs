//! Import of the largest reference plan (hai-phong-2022-2025-phoi-hop-btttt, 37 KB,
//! 43 tasks), text and DOCX. Goal (issue 6): ≤ 20 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use kehoach::import::{import_docx, import_text};
use std::hint::black_box;

fn bench_import(c: &mut Criterion) {
    let text = include_str!("../tests/fixtures/hai-phong-2022-2025-phoi-hop-btttt.txt");
    c.bench_function("import text, largest reference plan", |b| {
        b.iter(|| {
            black_box(
                import_text(black_box(text), "hp.txt")
                    .unwrap()
                    .plan
                    .tasks
                    .len(),
            )
        })
    });
    // The same plan as our DOCX, read back.
    let plan = import_text(text, "hp.txt").unwrap().plan;
    let world =
        kehoach::world::FixedWorld::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let docx = kehoach::export::export(
        &plan,
        &kehoach::layout::Profile::default(),
        &world,
        kehoach::export::Format::Docx,
    )
    .unwrap()
    .bytes;
    c.bench_function("import docx, largest reference plan", |b| {
        b.iter(|| {
            black_box(
                import_docx(black_box(&docx), "hp.docx")
                    .unwrap()
                    .plan
                    .tasks
                    .len(),
            )
        })
    });
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
