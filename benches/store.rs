//! Store benchmark: open, save, list and search in a store of 10,000 plans.
//! Goals (issue 2): open/save ≤ 5 ms, search ≤ 50 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use kehoach::model::Period;
use kehoach::sample::sample_plan;
use kehoach::store::{ListFilter, Store};
use std::hint::black_box;

const PLANS: usize = 10_000;

const COMMUNES: [&str; 10] = [
    "Tân An",
    "Hải An",
    "Cát Hải",
    "An Dương",
    "Thủy Nguyên",
    "Kiến Thụy",
    "Tiên Lãng",
    "Vĩnh Bảo",
    "Đồ Sơn",
    "Bạch Long Vĩ",
];
const SUBJECTS: [&str; 5] = [
    "Chuyển đổi số",
    "Cải thiện chỉ số chuyển đổi số",
    "Ứng dụng công nghệ thông tin trong cơ quan nhà nước",
    "Cải cách hành chính",
    "Phát triển kinh tế số",
];

fn bench_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).unwrap();
    let base = sample_plan();
    let plans: Vec<_> = (0..PLANS)
        .map(|i| {
            let mut p = base.clone();
            let commune = COMMUNES[i % COMMUNES.len()];
            let year = 2020 + (i / 50 % 8) as i32;
            p.title = format!(
                "{} xã {commune} năm {year} (số {i})",
                SUBJECTS[i / 10 % SUBJECTS.len()]
            );
            p.agency.name = format!("Ủy ban nhân dân xã {commune}");
            p.place = commune.to_owned();
            p.period = Period::Year { year };
            p
        })
        .collect();
    let ids = store.add_all(&plans).unwrap();
    let id = ids[PLANS / 2];

    c.bench_function("open plan (10k store)", |b| {
        b.iter(|| black_box(store.get(black_box(id)).unwrap()))
    });

    let mut plan = store.get(id).unwrap();
    let mut n = 0u64;
    c.bench_function("save plan (10k store)", |b| {
        b.iter(|| {
            n += 1;
            plan.closing = format!("Lần lưu {n}.");
            black_box(store.save(id, &plan).unwrap())
        })
    });

    c.bench_function("list all plans (10k store)", |b| {
        b.iter(|| black_box(store.list(&ListFilter::default()).unwrap().len()))
    });

    let screen = ListFilter {
        limit: Some(100),
        ..ListFilter::default()
    };
    c.bench_function("list first 100 plans (10k store)", |b| {
        b.iter(|| black_box(store.list(&screen).unwrap().len()))
    });

    let filter_2024 = ListFilter {
        year: Some(2024),
        ..ListFilter::default()
    };
    c.bench_function("list plans of one year (10k store)", |b| {
        b.iter(|| black_box(store.list(&filter_2024).unwrap().len()))
    });

    c.bench_function("search without diacritics (10k store)", |b| {
        b.iter(|| {
            black_box(
                store
                    .search("chi so chuyen doi so bach long vi", &ListFilter::default())
                    .unwrap()
                    .len(),
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench_store
}
criterion_main!(benches);
