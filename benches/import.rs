//! Import of the largest reference plan (hai-phong-2022-2025-phoi-hop-btttt, 37 KB,
//! 43 tasks), text and DOCX (goal ≤ 20 ms); a LibreOffice PDF of a reference plan;
//! and import time over input sizes for the shapes that were quadratic or could be
//! (goal: linear, ≤ 2 s for any 1 MB input).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
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

fn bench_pdf(c: &mut Criterion) {
    let pdf = include_bytes!("../tests/fixtures/hai-phong-2022-2025-phoi-hop-btttt.office.pdf");
    c.bench_function(
        "import pdf, largest reference plan (15 pages, LibreOffice)",
        |b| {
            b.iter(|| {
                black_box(
                    kehoach::import::import_pdf(black_box(pdf), "hp.pdf")
                        .unwrap()
                        .plan
                        .tasks
                        .len(),
                )
            })
        },
    );
}

/// A document of `size` bytes: a title, then `line` repeated (or one line).
fn shaped(line: &str, size: usize, one_line: bool) -> String {
    let n = size / (line.len() + 1);
    let sep = if one_line { " " } else { "\n" };
    format!(
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n{}",
        vec![line; n].join(sep)
    )
}

fn bench_sizes(c: &mut Criterion) {
    let shapes = [
        ("kind lines", "KẾ HOẠCH", false),
        ("numbered headings", "1. Mục tiêu chung", false),
        ("lettered points", "a) Nội dung", false),
        (
            "target bullets",
            "- Tối thiểu 80% hồ sơ được xử lý trực tuyến.",
            false,
        ),
        (
            "prose",
            "chuyển đổi số trong cơ quan nhà nước trên địa bàn",
            false,
        ),
        ("one line", "chuyển đổi số 80%", true),
    ];
    let mut g = c.benchmark_group("import over sizes");
    g.sample_size(10);
    for (name, line, one) in shapes {
        for kb in [128usize, 256, 512, 1024] {
            let doc = shaped(line, kb << 10, one);
            g.throughput(Throughput::Bytes(doc.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(name, format!("{kb} KiB")),
                &doc,
                |b, doc| {
                    b.iter(|| {
                        black_box(
                            import_text(black_box(doc), "n.txt")
                                .unwrap()
                                .plan
                                .sections
                                .len(),
                        )
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench_import, bench_pdf, bench_sizes);
criterion_main!(benches);
