//! The SQLite store: migrations, revisions, thinning, search, trash, refusal of
//! foreign or newer databases.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use kehoach::model::{Period, Status};
use kehoach::sample::sample_plan;
use kehoach::store::{ListFilter, Store, StoreEvent, KEEP_LATEST_REVISIONS, SCHEMA_VERSION};
use kehoach::world::Clock;
use kehoach::Error;
use std::sync::{Arc, Mutex};

/// A clock the test moves forward by hand.
struct StepClock(Mutex<DateTime<Utc>>);

impl StepClock {
    fn new() -> Arc<StepClock> {
        Arc::new(StepClock(Mutex::new(
            DateTime::parse_from_rfc3339("2026-01-05T08:00:00Z")
                .unwrap()
                .into(),
        )))
    }
    fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("k.db")).unwrap();
    (dir, store)
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/k.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.integrity_check().unwrap();
        store.add(&sample_plan()).unwrap()
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get(id).unwrap().title, sample_plan().title);
}

#[test]
fn a_zero_byte_file_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

#[test]
fn a_newer_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 5))
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = match Store::open(&path) {
        Err(e) => e,
        Ok(_) => panic!("a newer database must be refused"),
    };
    assert!(matches!(err, Error::DatabaseTooNew { .. }));
    let msg = err.to_string();
    assert!(msg.contains("k.db"), "{msg}");
    assert!(msg.contains("mới hơn"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
}

#[test]
fn foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "đây không phải cơ sở dữ liệu, chỉ là ghi chú".repeat(100),
    )
    .unwrap();
    let err = Store::open(&text).err().expect("refused");
    assert_eq!(err.code(), "not_our_database", "{err}");

    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x); PRAGMA user_version = 3;")
            .unwrap();
    }
    let err = Store::open(&other).err().expect("refused");
    assert_eq!(err.code(), "not_our_database", "{err}");
}

#[test]
fn revisions_are_kept_and_restored() {
    let (_d, mut store) = temp_store();
    let mut plan = sample_plan();
    let id = store.add(&plan).unwrap();
    plan.title = "Bản thứ hai".into();
    let second = store.save(id, &plan).unwrap().revision.unwrap();
    plan.title = "Bản thứ ba".into();
    store.save(id, &plan).unwrap();
    // Saving the same content again writes nothing.
    assert_eq!(store.save(id, &plan).unwrap().revision, None);

    let revs = store.revisions(id).unwrap();
    let titles: Vec<&str> = revs.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bản thứ ba",
            "Bản thứ hai",
            "Chuyển đổi số xã Tân An năm 2026"
        ]
    );
    assert_eq!(store.revision(id, second).unwrap().title, "Bản thứ hai");

    let restored = store.restore(id, revs[2].id).unwrap();
    assert!(restored.revision.is_some());
    assert_eq!(store.get(id).unwrap().title, sample_plan().title);
    assert_eq!(
        store.revisions(id).unwrap().len(),
        4,
        "restore is itself a revision"
    );

    let err = store.restore(id, 999_999).unwrap_err();
    assert_eq!(err.code(), "revision_not_found");
    assert!(err.to_string().contains("999999"));
}

#[test]
fn old_revisions_are_thinned_but_never_the_latest() {
    let dir = tempfile::tempdir().unwrap();
    let clock = StepClock::new();
    let mut store = Store::open_with_clock(&dir.path().join("k.db"), clock.clone()).unwrap();
    let mut plan = sample_plan();
    let id = store.add(&plan).unwrap();
    // Ten days of work, 20 saves a day, 10 minutes apart.
    let mut last = Vec::new();
    for day in 0..10 {
        for n in 0..20 {
            clock.advance(Duration::minutes(10));
            plan.closing = format!("ngày {day} lần {n}");
            last.push(store.save(id, &plan).unwrap().revision.unwrap());
        }
        clock.advance(Duration::hours(20));
    }
    let revs = store.revisions(id).unwrap();
    let ids: Vec<i64> = revs.iter().map(|r| r.id).collect();
    let latest: Vec<i64> = last
        .iter()
        .rev()
        .take(KEEP_LATEST_REVISIONS as usize)
        .copied()
        .collect();
    assert_eq!(
        &ids[..latest.len()],
        &latest[..],
        "the newest revisions are all kept"
    );
    // Older ones: at most one per day.
    let older = &revs[latest.len()..];
    let mut days: Vec<&str> = older.iter().map(|r| &r.saved_at[..10]).collect();
    let n = days.len();
    days.dedup();
    assert_eq!(days.len(), n, "one revision per day beyond the newest");
    assert!(n >= 7, "earlier days keep a revision each: {n}");
    assert!(revs.len() < 201);
    assert_eq!(store.get(id).unwrap().closing, "ngày 9 lần 19");
}

#[test]
fn eight_minutes_of_typing_make_two_revisions_not_one_per_pause() {
    let dir = tempfile::tempdir().unwrap();
    let clock = StepClock::new();
    let mut store = Store::open_with_clock(&dir.path().join("k.db"), clock.clone()).unwrap();
    let mut plan = sample_plan();
    let id = store.add(&plan).unwrap();
    // The editor saves 0.6 s after each pause: 48 pauses, one every 10 s.
    for n in 0..48 {
        clock.advance(Duration::seconds(10));
        plan.closing = format!("gõ lần {n}");
        assert!(store.save_typing(id, &plan).unwrap().revision.is_some());
    }
    let revs = store.revisions(id).unwrap();
    assert_eq!(
        revs.len(),
        3,
        "the plan as made, then one revision per 5 minutes of typing"
    );
    // Nothing typed is lost: the newest revision is the current state.
    assert_eq!(store.revision(id, revs[0].id).unwrap().closing, "gõ lần 47");
    assert_eq!(store.get(id).unwrap().closing, "gõ lần 47");
    // The plan as it was made is never replaced.
    assert_eq!(
        store.revision(id, revs[2].id).unwrap().closing,
        sample_plan().closing
    );
    // An explicit step (an undo, a restore) is a revision of its own.
    plan.closing = "bước hoàn tác".into();
    store.save(id, &plan).unwrap();
    assert_eq!(store.revisions(id).unwrap().len(), 4);
}

#[test]
fn search_works_with_and_without_diacritics() {
    let (_d, mut store) = temp_store();
    let mut a = sample_plan();
    a.title = "Chuyển đổi số xã Tân An năm 2026".into();
    let mut b = sample_plan();
    b.title = "Cải cách hành chính xã Đồng Hòa năm 2025".into();
    b.agency.name = "Ủy ban nhân dân xã Đồng Hòa".into();
    b.place = "Đồng Hòa".into();
    b.period = Period::Year { year: 2025 };
    b.status = Status::Final;
    let ia = store.add(&a).unwrap();
    let ib = store.add(&b).unwrap();
    let ids = |q: &str, f: &ListFilter| -> Vec<i64> {
        store.search(q, f).unwrap().iter().map(|p| p.id).collect()
    };
    let all = ListFilter::default();
    assert_eq!(ids("chuyen doi so", &all), [ia]);
    assert_eq!(ids("CHUYỂN ĐỔI SỐ", &all), [ia]);
    assert_eq!(ids("chuye\u{302}\u{309}n", &all), [ia], "decomposed query");
    assert_eq!(ids("dong hoa", &all), [ib]);
    assert_eq!(ids("xã 2025", &all), [ib]);
    assert_eq!(ids("tan an 2025", &all), Vec::<i64>::new());
    assert_eq!(
        ids("100%", &all),
        Vec::<i64>::new(),
        "LIKE wildcards are literal"
    );
    let y2026 = ListFilter {
        year: Some(2026),
        ..Default::default()
    };
    assert_eq!(ids("", &y2026), [ia]);
    let finals = ListFilter {
        status: Some(Status::Final),
        ..Default::default()
    };
    assert_eq!(ids("", &finals), [ib]);
}

#[test]
fn year_filter_covers_multi_year_periods() {
    let (_d, mut store) = temp_store();
    let mut p = sample_plan();
    p.period = Period::Years {
        from: 2022,
        to: 2025,
    };
    let id = store.add(&p).unwrap();
    for (y, hit) in [
        (2021, false),
        (2022, true),
        (2024, true),
        (2025, true),
        (2026, false),
    ] {
        let f = ListFilter {
            year: Some(y),
            ..Default::default()
        };
        assert_eq!(
            store.list(&f).unwrap().iter().any(|s| s.id == id),
            hit,
            "{y}"
        );
    }
}

#[test]
fn trash_is_recoverable_and_duplicate_is_a_fresh_draft() {
    let (_d, mut store) = temp_store();
    let mut plan = sample_plan();
    plan.number = Some(12);
    plan.status = Status::Final;
    let id = store.add(&plan).unwrap();
    let copy = store.duplicate(id).unwrap();
    let dup = store.get(copy).unwrap();
    assert_eq!(dup.number, None);
    assert_eq!(dup.status, Status::Draft);
    assert!(dup.title.ends_with("(bản sao)"));
    assert_eq!(dup.targets, plan.targets);

    store.trash(id).unwrap();
    assert!(store
        .list(&ListFilter::default())
        .unwrap()
        .iter()
        .all(|p| p.id != id));
    let trash = store
        .list(&ListFilter {
            trash: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(trash.len(), 1);
    assert!(trash[0].deleted_at.is_some());
    assert_eq!(store.save(id, &plan).unwrap_err().code(), "plan_not_found");
    store.untrash(id).unwrap();
    assert_eq!(store.get(id).unwrap().number, Some(12));
    assert_eq!(store.list(&ListFilter::default()).unwrap().len(), 2);
    assert_eq!(
        store.purge(id).unwrap_err().code(),
        "plan_not_found",
        "only trash is purged"
    );
    store.trash(id).unwrap();
    store.purge(id).unwrap();
    assert_eq!(store.get(id).unwrap_err().code(), "plan_not_found");
}

#[test]
fn every_write_notifies_subscribers() {
    let (_d, mut store) = temp_store();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    store.subscribe(move |e| s.lock().unwrap().push(e.clone()));
    let mut plan = sample_plan();
    let id = store.add(&plan).unwrap();
    plan.title = "Khác".into();
    let rev = store.save(id, &plan).unwrap().revision.unwrap();
    store.trash(id).unwrap();
    store
        .set_setting("agency.name", "Ủy ban nhân dân xã Tân An")
        .unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            StoreEvent::PlanCreated { id },
            StoreEvent::PlanSaved { id, revision: rev },
            StoreEvent::PlanTrashed { id },
            StoreEvent::SettingChanged {
                key: "agency.name".into()
            },
        ]
    );
}

#[test]
fn settings_are_normalised() {
    let (_d, mut store) = temp_store();
    store.set_setting("place", "Ta\u{302}n An").unwrap();
    assert_eq!(store.setting("place").unwrap().as_deref(), Some("Tân An"));
    assert_eq!(store.setting("missing").unwrap(), None);
}

#[test]
fn backup_is_a_working_database() {
    let (dir, mut store) = temp_store();
    let id = store.add(&sample_plan()).unwrap();
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup).unwrap();
    let copy = Store::open(&backup).unwrap();
    copy.integrity_check().unwrap();
    assert_eq!(copy.get(id).unwrap(), store.get(id).unwrap());
}

#[test]
fn restore_from_backup_replaces_data_and_keeps_a_safety_copy() {
    let (dir, mut store) = temp_store();
    let kept = store.add(&sample_plan()).unwrap();
    store.set_setting("agency.place", "Tân An").unwrap();
    let backup = dir.path().join("sao-luu.db");
    store.backup_to(&backup).unwrap();

    // Work done after the backup: a second plan and an edited title.
    let later = store.add(&sample_plan()).unwrap();
    let mut edited = store.get(kept).unwrap();
    edited.title = "Sửa sau khi sao lưu".into();
    store.save(kept, &edited).unwrap();

    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = events.clone();
    store.subscribe(move |e| sink.lock().unwrap().push(e.clone()));
    let safety = store.restore_from_backup(&backup).unwrap().unwrap();

    assert_eq!(store.get(kept).unwrap().title, sample_plan().title);
    assert!(
        store.get(later).is_err(),
        "a plan added after the backup is gone"
    );
    assert_eq!(
        store.setting("agency.place").unwrap().as_deref(),
        Some("Tân An")
    );
    assert_eq!(*events.lock().unwrap(), vec![StoreEvent::Restored]);
    // The data replaced is not lost: the safety copy holds it.
    let before = Store::open(&safety).unwrap();
    assert_eq!(before.get(kept).unwrap().title, "Sửa sau khi sao lưu");
    assert!(before.get(later).is_ok());
    // And the store goes on working.
    store.add(&sample_plan()).unwrap();
    store.integrity_check().unwrap();
}

#[test]
fn restore_refuses_a_foreign_or_damaged_file_and_changes_nothing() {
    let (dir, mut store) = temp_store();
    let id = store.add(&sample_plan()).unwrap();
    let before = store.get(id).unwrap();

    let text = dir.path().join("ghi-chu.db");
    std::fs::write(&text, "không phải cơ sở dữ liệu").unwrap();
    let e = store.restore_from_backup(&text).unwrap_err();
    assert_eq!(e.code(), "not_our_database", "{e}");
    assert!(e.to_string().contains("ghi-chu.db"), "{e}");

    let foreign = dir.path().join("khac.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let e = store.restore_from_backup(&foreign).unwrap_err();
    assert_eq!(e.code(), "not_our_database", "{e}");

    let missing = dir.path().join("khong-co.db");
    let e = store.restore_from_backup(&missing).unwrap_err();
    assert!(e.to_string().contains("khong-co.db"), "{e}");

    assert_eq!(store.get(id).unwrap(), before);
    assert_eq!(store.count().unwrap(), 1);
}

/// A database written by the previous version (schema 1, before templates) is
/// backed up, then upgraded in place; its plans are all there.
#[test]
fn a_version_1_database_with_plans_is_backed_up_and_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.add(&sample_plan()).unwrap()
    };
    {
        // Back to what version 1 wrote.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE report_revisions; DROP TABLE reports;
             DROP TABLE template_conflicts; DROP TABLE templates; DROP TABLE shared_files;
             DROP INDEX plans_by_parent; ALTER TABLE plans DROP COLUMN parent_id;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(SCHEMA_VERSION, 4);
    assert_eq!(store.get(id).unwrap().title, sample_plan().title);
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".v1-") && n.ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    // The backup is the version-1 database, untouched.
    let b = rusqlite::Connection::open(dir.path().join(&backups[0])).unwrap();
    let v: i64 = b
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    // The new tables work.
    let t = kehoach::template::default_template();
    store.save_local_template(&t).unwrap();
    assert_eq!(store.stored_templates().unwrap().len(), 1);
}

/// A database the previous version wrote (schema 2: the app kept the plan → parent
/// link as settings keys `parent_of.{id}`, one of them dangling): backed up, then the
/// links become data; purging a parent leaves its child valid, unlinked.
#[test]
fn a_version_2_database_moves_its_parent_links_into_the_plans() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    std::fs::copy(common::fixture("kehoach-v2.db"), &path).unwrap();
    let mut store = Store::open(&path).unwrap();
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".v2-") && n.ends_with(".bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(store.parent_id(2).unwrap(), Some(1));
    // `parent_of.3` named plan 42, which does not exist.
    assert_eq!(store.parent_id(3).unwrap(), None);
    assert_eq!(store.parent_id(1).unwrap(), None);
    assert_eq!(store.setting("parent_of.2").unwrap(), None);
    assert_eq!(store.setting("parent_of.3").unwrap(), None);
    // The other settings are untouched.
    assert_eq!(
        store.setting("signer.name").unwrap().as_deref(),
        Some("Nguyễn Văn Bình")
    );
    // The parent goes for good: the child stays, unlinked.
    let child = store.get(2).unwrap();
    store.trash(1).unwrap();
    store.purge(1).unwrap();
    assert_eq!(store.parent_id(2).unwrap(), None);
    assert_eq!(store.get(2).unwrap(), child);
    // A link to a plan that does not exist is refused.
    assert_eq!(
        store.set_parent(2, Some(77)).unwrap_err().code(),
        "plan_not_found"
    );
    assert_eq!(store.set_parent(2, Some(2)).unwrap_err().code(), "invalid");
    store.set_parent(2, Some(3)).unwrap();
    assert_eq!(store.parent_id(2).unwrap(), Some(3));
}

/// Settings are one struct, read and written whole; a value that breaks a rule is
/// refused with the field named, and nothing is written.
#[test]
fn settings_are_typed_validated_on_write_and_read_from_older_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    std::fs::copy(common::fixture("kehoach-v2.db"), &path).unwrap();
    let mut store = Store::open(&path).unwrap();
    // Written by the previous version as free keys, `1,5` as typed.
    let s = store.settings().unwrap();
    assert_eq!(s.agency.name, "Ủy ban nhân dân phường Đông Hải 1");
    assert_eq!(s.agency.tier, "phường");
    assert_eq!(s.signer.name, "Nguyễn Văn Bình");
    assert_eq!(s.check_tolerance, 1.5);
    assert_eq!(s.place(), "Đông Hải 1");
    // A bad tier, a tolerance in words (the UI sends NaN), a margin outside ND30.
    let mut bad = s.clone();
    bad.agency.tier = "thôn".into();
    bad.check_tolerance = f64::NAN;
    bad.profile.margin_left_mm = 12.0;
    let e = store.set_settings(&bad).unwrap_err();
    assert_eq!(e.code(), "invalid_settings");
    let json = serde_json::to_value(&e).unwrap();
    let fields: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["agency.tier", "check_tolerance", "profile.margin_left_mm"]
    );
    assert_eq!(store.settings().unwrap(), s, "nothing written");
    // A good one is saved whole, in NFC.
    let mut good = s.clone();
    good.agency.name = "U\u{309}y ban nha\u{302}n da\u{302}n xã Tân An".into();
    good.agency.tier = "xã".into();
    good.shared_folder = dir.path().display().to_string();
    store.set_settings(&good).unwrap();
    let back = store.settings().unwrap();
    assert_eq!(back.agency.name, "Ủy ban nhân dân xã Tân An");
    assert_eq!(back.shared_folder, dir.path().display().to_string());
    assert_eq!(back.place(), "Tân An");
}
