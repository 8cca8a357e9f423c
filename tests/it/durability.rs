//! Durability of the store against processes that die and processes that compete.
//!
//! The children are this test binary re-executed with `KEHOACH_CHILD` set: the
//! `child_writer` test then runs a save loop, printing `ACK <kind> <plan> <n>` after
//! every save that returned success. The parent kills children with SIGKILL at
//! random moments and checks that the database is sound and holds every
//! acknowledged save.

use kehoach::sample::sample_plan;
use kehoach::store::{ListFilter, Store};
use rand::Rng;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The loop a child process runs: alternately adds plans and saves its own plan
/// (and a plan shared with other children), forever or `KEHOACH_CHILD_SAVES` times.
/// Not a test of its own: the durability tests run it in child processes.
#[test]
#[ignore = "the durability tests' child process, run by them"]
fn child_writer() {
    let db = std::env::var("KEHOACH_CHILD").expect("run as a child of a durability test");
    let name = std::env::var("KEHOACH_CHILD_NAME").unwrap();
    let saves: u64 = std::env::var("KEHOACH_CHILD_SAVES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(u64::MAX);
    let shared: Option<i64> = std::env::var("KEHOACH_CHILD_SHARED")
        .ok()
        .and_then(|s| s.parse().ok());
    let mut store = Store::open(Path::new(&db)).unwrap();
    let mut plan = sample_plan();
    plan.title = format!("{name} 0");
    let own = store.add(&plan).unwrap();
    println!("ACK add {own} 0");
    for n in 1..=saves {
        if n % 5 == 0 {
            plan.title = format!("{name} thêm {n}");
            let id = store.add(&plan).unwrap();
            println!("ACK add {id} {n}");
        } else {
            plan.title = format!("{name} {n}");
            plan.closing = "x".repeat((n % 97) as usize * 40);
            store.save(own, &plan).unwrap();
            println!("ACK save {own} {n}");
        }
        if let Some(s) = shared {
            plan.title = format!("chung {name} {n}");
            store.save(s, &plan).unwrap();
            println!("ACK shared {s} {n}");
        }
    }
}

fn spawn_child(db: &Path, name: &str, saves: Option<u64>, shared: Option<i64>) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "durability::child_writer",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("KEHOACH_CHILD", db)
    .env("KEHOACH_CHILD_NAME", name)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if let Some(s) = saves {
        cmd.env("KEHOACH_CHILD_SAVES", s.to_string());
    }
    if let Some(s) = shared {
        cmd.env("KEHOACH_CHILD_SHARED", s.to_string());
    }
    cmd.spawn().unwrap()
}

#[derive(Debug, PartialEq)]
struct Ack {
    kind: String,
    plan: i64,
    n: u64,
}

fn read_acks(child: &mut Child) -> Vec<Ack> {
    let out = child.stdout.take().unwrap();
    BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            // The harness may print `test child_writer ... ` before the first ACK.
            let mut p = l[l.find("ACK ")? + 4..].split(' ');
            Some(Ack {
                kind: p.next()?.to_owned(),
                plan: p.next()?.parse().ok()?,
                n: p.next()?.parse().ok()?,
            })
        })
        .collect()
}

/// The counter a child wrote into a title (`A 17` → 17, `A thêm 20` → 20).
fn counter(title: &str) -> u64 {
    title.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn sigkill_never_loses_an_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    drop(Store::open(&db).unwrap());
    let mut rng = rand::rng();
    let mut acked_total = 0;
    for round in 0..60 {
        let name = format!("R{round}");
        let mut child = spawn_child(&db, &name, None, None);
        // Kill anywhere from before the first save to well into the loop.
        std::thread::sleep(Duration::from_millis(rng.random_range(5..250)));
        child.kill().unwrap(); // SIGKILL on Unix.
        let acks = read_acks(&mut child);
        child.wait().unwrap();
        acked_total += acks.len();

        let store = Store::open(&db).unwrap();
        store
            .integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let mut last_save: HashMap<i64, u64> = HashMap::new();
        for a in &acks {
            let plan = store
                .get(a.plan)
                .unwrap_or_else(|e| panic!("round {round}: acknowledged plan lost: {e}"));
            match a.kind.as_str() {
                "add" => assert!(plan.title.starts_with(&name)),
                _ => {
                    last_save.insert(a.plan, a.n);
                }
            }
        }
        for (id, n) in last_save {
            let stored = counter(&store.get(id).unwrap().title);
            // The child may have committed one more save before printing its ACK.
            assert!(
                stored >= n,
                "round {round}: plan {id} holds save {stored}, acknowledged {n}"
            );
        }
    }
    assert!(
        acked_total > 200,
        "the children did save: {acked_total} acks"
    );
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let shared = Store::open(&db).unwrap().add(&sample_plan()).unwrap();
    const SAVES: u64 = 120;
    let mut a = spawn_child(&db, "A", Some(SAVES), Some(shared));
    let mut b = spawn_child(&db, "B", Some(SAVES), Some(shared));
    let (acks_a, acks_b) = std::thread::scope(|s| {
        let ta = s.spawn(|| read_acks(&mut a));
        let tb = s.spawn(|| read_acks(&mut b));
        (ta.join().unwrap(), tb.join().unwrap())
    });
    assert!(a.wait().unwrap().success(), "writer A failed");
    assert!(b.wait().unwrap().success(), "writer B failed");

    let store = Store::open(&db).unwrap();
    store.integrity_check().unwrap();
    for (name, acks) in [("A", &acks_a), ("B", &acks_b)] {
        assert_eq!(
            acks.iter().filter(|a| a.kind == "shared").count() as u64,
            SAVES,
            "{name} acknowledged every shared save"
        );
        for a in acks.iter().filter(|a| a.kind == "add") {
            assert!(store.get(a.plan).unwrap().title.starts_with(name));
        }
        let own = acks.iter().find(|a| a.kind == "save").unwrap().plan;
        let last = acks
            .iter()
            .filter(|a| a.kind == "save")
            .map(|a| a.n)
            .max()
            .unwrap();
        assert_eq!(store.get(own).unwrap().title, format!("{name} {last}"));
    }
    // The shared plan holds the last save of one of the two writers.
    let title = store.get(shared).unwrap().title;
    assert!(
        title == format!("chung A {SAVES}") || title == format!("chung B {SAVES}"),
        "{title}"
    );
    assert_eq!(
        store.revisions(shared).unwrap().len() as i64,
        kehoach::store::KEEP_LATEST_REVISIONS,
        "241 revisions on one day thin to the newest ones"
    );
    let adds = acks_a
        .iter()
        .chain(&acks_b)
        .filter(|a| a.kind == "add")
        .count() as i64;
    assert_eq!(
        store.list(&ListFilter::default()).unwrap().len() as i64,
        adds + 1
    );
}
