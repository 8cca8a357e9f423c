//! Shared-folder sync of 1,000 template files: nothing changed (goal ≤ 100 ms) and
//! every file changed (goal ≤ 2 s), against a store on disk.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kehoach::store::Store;
use kehoach::sync::{sync, DirFolder, SyncOptions};
use kehoach::template;
use std::path::Path;
use std::time::{Duration, SystemTime};

const FILES: usize = 1000;

/// Writes the 1,000 templates at `version`, dated an hour ago (as files copied
/// earlier; a sync re-reads files touched in the last two seconds).
fn write_all(dir: &Path, version: u32) {
    let base = template::builtin();
    let when = SystemTime::now() - Duration::from_secs(3600) + Duration::from_secs(version as u64);
    for i in 0..FILES {
        let mut t = base[i % base.len()].clone();
        t.id = format!("mau-{i:04}");
        t.name = format!("Mẫu số {i}");
        t.version = version;
        let path = dir.join(format!("mau-{i:04}.json"));
        std::fs::write(&path, t.to_json()).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
}

fn bench_sync(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    write_all(&share, 1);
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let folder = DirFolder::new(&share);
    let opts = SyncOptions::default();
    let first = sync(&mut store, &folder, &opts).unwrap();
    assert_eq!(first.added.len(), FILES);

    let mut g = c.benchmark_group("sync");
    g.sample_size(10);
    g.bench_function("1000 templates, nothing changed", |b| {
        b.iter(|| {
            let r = sync(&mut store, &folder, &opts).unwrap();
            assert_eq!((r.files_read, r.unchanged), (0, FILES));
        })
    });
    let mut version = 1;
    g.bench_function("1000 templates, all changed", |b| {
        b.iter_batched(
            || {
                version += 1;
                write_all(&share, version);
            },
            |_| {
                let r = sync(&mut store, &folder, &opts).unwrap();
                assert_eq!(r.updated.len(), FILES);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_sync);
criterion_main!(benches);
