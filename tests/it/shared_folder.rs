//! The shared folder while other PCs write to it: a sync never removes or detaches
//! a template whose file it could not read this time, and raises no conflict for a
//! file rewritten with the same content.

use kehoach::store::Store;
use kehoach::sync::{self, DirFolder, SyncOptions};
use kehoach::template;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

fn template_json(id: &str, heading: &str) -> String {
    let mut t = template::default_template();
    t.id = id.into();
    t.name = format!("Mẫu {id}");
    t.version = 1;
    t.plan.sections[0].heading = heading.into();
    t.to_json()
}

/// Writes `content` as `name`, an hour old (copied there earlier).
fn put_old(dir: &Path, name: &str, content: &str) {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// Another PC, as a process of its own: rewrites each file with the same content
/// for `seconds`, in the ways copies and editors do it: in place and slowly (the
/// file empty, then half, then whole), through a `.part` companion that replaces
/// the file after deleting it, and with a lock file beside it while it writes.
const WRITER: &str = r#"
import os, sys, time
folder, seconds, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
contents = {n: open(os.path.join(folder, n), "rb").read() for n in names}
end = time.time() + seconds
rounds = 0
while time.time() < end:
    for n in names:
        path, data = os.path.join(folder, n), contents[n]
        way = rounds % 3
        if way == 0:
            with open(path, "wb") as f:
                f.flush(); time.sleep(0.003)
                f.write(data[: len(data) // 2]); f.flush(); time.sleep(0.003)
                f.write(data[len(data) // 2 :])
        elif way == 1:
            with open(path + ".part", "wb") as f:
                f.write(data)
            os.remove(path); time.sleep(0.003)
            os.rename(path + ".part", path)
        else:
            lock = os.path.join(folder, "~$" + n)
            open(lock, "wb").close()
            with open(path, "wb") as f:
                f.write(data[:100]); f.flush(); time.sleep(0.003); f.write(data[100:])
            os.remove(lock)
    rounds += 1
print(rounds)
"#;

#[test]
fn a_template_rewritten_by_another_pc_is_never_removed_nor_in_conflict() {
    let share = tempfile::tempdir().unwrap();
    let folder = DirFolder::new(share.path());
    let mut store = Store::open_in_memory().unwrap();
    put_old(share.path(), "a.json", &template_json("mau-a", "MỤC ĐÍCH"));
    put_old(share.path(), "b.json", &template_json("mau-b", "YÊU CẦU"));
    let opts = SyncOptions::default();
    let first = sync::sync(&mut store, &folder, &opts).unwrap();
    assert_eq!(first.added, ["Mẫu mau-a", "Mẫu mau-b"]);
    // mau-b edited here: the folder's rewrites of the version it is based on are
    // no news to it.
    let mut b = store.template("mau-b").unwrap();
    b.plan.sections[0].heading = "YÊU CẦU (sửa trên máy)".into();
    store.save_local_template(&b).unwrap();

    let mut writer = Command::new("python3")
        .args(["-c", WRITER])
        .arg(share.path())
        .args(["4", "a.json", "b.json"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the other PC");
    let mut syncs = 0;
    let mut waited = 0;
    while writer.try_wait().unwrap().is_none() {
        let r = sync::sync(&mut store, &folder, &opts).unwrap();
        syncs += 1;
        waited += usize::from(!r.pending.is_empty());
        assert!(r.removed.is_empty(), "sync {syncs} removed {:?}", r.removed);
        assert!(
            r.conflicts.is_empty(),
            "sync {syncs}: conflicts {:?}",
            r.conflicts
        );
        assert!(
            !r.notes.iter().any(|n| n.code == "local_edit_kept"),
            "sync {syncs}: {:?}",
            r.notes
        );
        let ids: Vec<String> = store
            .stored_templates()
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids.len(), 2, "sync {syncs}: {ids:?}");
        assert!(store.template_conflicts().unwrap().is_empty());
    }
    let out = writer.wait_with_output().unwrap();
    let rounds: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(
        rounds > 20 && syncs > 20,
        "{rounds} rewrites, {syncs} syncs"
    );
    assert!(
        waited > 0,
        "some syncs met a file being written ({syncs} syncs)"
    );
    // Settled again: both as they were, the local edit kept and still based on
    // the folder's version.
    for f in ["a.json", "b.json"] {
        let p = share.path().join(f);
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    let r = sync::sync(&mut store, &folder, &opts).unwrap();
    assert!(r.pending.is_empty() && r.removed.is_empty(), "{r:?}");
    assert_eq!(
        store.template("mau-b").unwrap().plan.sections[0].heading,
        "YÊU CẦU (sửa trên máy)"
    );
    assert!(store
        .stored_templates()
        .unwrap()
        .iter()
        .any(|s| s.id == "mau-b" && s.modified));
}

#[test]
fn a_template_whose_file_has_left_a_complete_listing_goes() {
    let share = tempfile::tempdir().unwrap();
    let folder = DirFolder::new(share.path());
    let mut store = Store::open_in_memory().unwrap();
    put_old(share.path(), "a.json", &template_json("mau-a", "MỤC ĐÍCH"));
    sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    // Being replaced: the file gone, its copy arriving under a temporary name.
    std::fs::rename(
        share.path().join("a.json"),
        share.path().join("a.json.part"),
    )
    .unwrap();
    let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    assert!(r.removed.is_empty(), "{r:?}");
    assert_eq!(r.pending, ["a.json"]);
    // Broken in the folder for good: still kept, the problem reported.
    std::fs::remove_file(share.path().join("a.json.part")).unwrap();
    put_old(share.path(), "a.json", "{ \"id\": ");
    let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    assert!(r.removed.is_empty(), "{r:?}");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(store.stored_templates().unwrap().len(), 1);
    // Gone from the listing: removed.
    std::fs::remove_file(share.path().join("a.json")).unwrap();
    let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
    assert_eq!(r.removed, ["Mẫu mau-a"]);
    assert!(store.stored_templates().unwrap().is_empty());
}

/// The sync compares a file's time with the store's clock (the World's boundary),
/// not the system's behind its back: a broken file written a moment ago is still
/// arriving, and the same file an hour later (by the store's clock) is broken.
#[test]
fn whether_a_file_is_still_arriving_is_judged_by_the_stores_clock() {
    use kehoach::world::FixedClock;
    let share = tempfile::tempdir().unwrap();
    std::fs::write(share.path().join("a.json"), "{ \"id\": ").unwrap();
    let folder = DirFolder::new(share.path());
    let db = tempfile::tempdir().unwrap();
    for (ahead, pending, problems) in [(0, 1, 0), (3600, 0, 1)] {
        let now = chrono::Utc::now() + chrono::Duration::seconds(ahead);
        let mut store = Store::open_with_clock(
            &db.path().join(format!("k{ahead}.db")),
            std::sync::Arc::new(FixedClock(now)),
        )
        .unwrap();
        let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
        assert_eq!(
            (r.pending.len(), r.problems.len()),
            (pending, problems),
            "{r:?}"
        );
    }
}
