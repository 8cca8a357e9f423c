//! The importer measured on office layouts it was not written against: each
//! reference plan laid out by `tests/fixtures/make/layouts.py` (python-docx) in
//! the variations offices produce, printed by LibreOffice, read back from the DOCX
//! and from the PDF; every header field and the parent citation compared with the
//! truth the generator wrote from what it put in. The table it prints, by
//! variation, is the one in docs/import.md.

use crate::common;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;

/// The fields compared, as the truth names them, and as the imported plan has them.
fn fields(plan: &kehoach::Plan) -> BTreeMap<&'static str, Value> {
    let parent = plan.parent.as_ref();
    BTreeMap::from([
        ("agency", Value::from(plan.agency.name.clone())),
        ("supervising", Value::from(plan.agency.supervising.clone())),
        ("number", plan.number.map_or(Value::Null, Value::from)),
        (
            "date",
            plan.date
                .map_or(Value::Null, |d| Value::from(d.to_string())),
        ),
        ("place", Value::from(plan.place.clone())),
        (
            "parent.number",
            parent
                .and_then(|p| p.number)
                .map_or(Value::Null, Value::from),
        ),
        (
            "parent.date",
            parent
                .and_then(|p| p.date)
                .map_or(Value::Null, |d| Value::from(d.to_string())),
        ),
        (
            "parent.agency",
            parent.map_or(Value::Null, |p| Value::from(p.agency.clone())),
        ),
    ])
}

fn expected(truth: &Value) -> BTreeMap<&'static str, Value> {
    let parent = &truth["parent"];
    BTreeMap::from([
        ("agency", truth["agency"].clone()),
        ("supervising", truth["supervising"].clone()),
        ("number", truth["number"].clone()),
        ("date", truth["date"].clone()),
        ("place", truth["place"].clone()),
        ("parent.number", parent["number"].clone()),
        ("parent.date", parent["date"].clone()),
        ("parent.agency", parent["agency"].clone()),
    ])
}

#[test]
fn header_fields_and_the_parent_citation_are_exact_on_every_layout() {
    let dir = tempfile::tempdir().unwrap();
    let ok = Command::new("python3")
        .arg(common::fixture("make/layouts.py"))
        .arg(dir.path())
        .current_dir(common::fixture("make"))
        .status()
        .expect("python3 runs");
    assert!(ok.success());
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("truth.json")).unwrap())
            .unwrap();
    let docx: Vec<String> = truth.as_object().unwrap().keys().cloned().collect();
    // One LibreOffice run prints them all.
    let pdf_dir = dir.path().join("pdf");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&pdf_dir)
        .args(docx.iter().map(|f| dir.path().join(f)))
        .output()
        .expect("LibreOffice (soffice) is installed: run ./scripts/setup");
    assert!(out.status.success());
    // variation → (fields right, fields compared), per source format.
    let mut by_variation: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &docx {
        let t = &truth[file];
        let want = expected(t);
        let pdf = pdf_dir.join(file.replace(".docx", ".pdf"));
        for (format, path) in [("docx", dir.path().join(file)), ("pdf", pdf)] {
            let plan = kehoach::import::import_file(&path).unwrap().plan;
            let got = fields(&plan);
            // This file's fields right and compared, added to each of its classes.
            let (mut right, mut all) = (0, 0);
            for (k, v) in &want {
                all += 1;
                if &got[k] == v {
                    right += 1;
                } else {
                    wrong.push(format!("{file} ({format}) {k}: {} ≠ {v}", got[k]));
                }
            }
            for class in ["header", "dates", "font"] {
                let key = format!(
                    "{format}: {class} = {}",
                    t["variant"][class].as_str().unwrap()
                );
                let e = by_variation.entry(key).or_default();
                e.0 += right;
                e.1 += all;
            }
        }
    }
    println!("| variation class | fields exact |");
    println!("|---|---|");
    for (v, (right, all)) in &by_variation {
        println!("| {v} | {right}/{all} |");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
