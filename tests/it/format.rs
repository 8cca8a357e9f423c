//! The interchange format: lossless round trip, errors with JSON paths, schema.

use kehoach::format;
use kehoach::sample::{sample_plan, SAMPLE_JSON};
use kehoach::store::Store;

fn err_of(json: &str) -> String {
    format::from_json_str(json, "plan.json")
        .unwrap_err()
        .to_string()
}

fn sample_value() -> serde_json::Value {
    serde_json::from_str(SAMPLE_JSON).unwrap()
}

#[test]
fn canonical_text_round_trips_byte_for_byte() {
    let once = format::to_json_string(&sample_plan());
    let twice = format::to_json_string(&format::from_json_str(&once, "once.json").unwrap());
    assert_eq!(once, twice);
    assert!(once.ends_with("}\n"));
    // Whole numbers stay whole.
    assert!(once.contains("\"value\": 85,"), "{once}");
}

#[test]
fn file_to_store_to_file_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let first = format::to_json_string(&sample_plan());
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    // First pass stamps the timestamps; from then on the text is fixed.
    let id = store
        .add(&format::from_json_str(&first, "a.json").unwrap())
        .unwrap();
    let normalised = format::to_json_string(&store.get(id).unwrap());
    let id2 = store
        .add(&format::from_json_str(&normalised, "b.json").unwrap())
        .unwrap();
    let again = format::to_json_string(&store.get(id2).unwrap());
    assert_eq!(normalised, again);
    assert!(normalised.contains("\"created\""));
}

#[test]
fn ill_typed_value_names_the_json_path() {
    let mut v = sample_value();
    v["targets"][3]["value"] = "chín mươi".into();
    let msg = err_of(&v.to_string());
    assert!(msg.starts_with("plan.json: targets[3].value: "), "{msg}");
    assert!(msg.contains("cần một số"), "{msg}");
    assert!(msg.contains("chín mươi"), "{msg}");
}

#[test]
fn unknown_field_is_rejected_with_its_path() {
    let mut v = sample_value();
    v["tasks"][1]["leader"] = "Phòng Kinh tế".into();
    let msg = err_of(&v.to_string());
    assert!(msg.starts_with("plan.json: tasks[1].leader: "), "{msg}");
    assert!(msg.contains("`leader`"), "{msg}");
    assert!(msg.contains("không có trong định dạng"), "{msg}");

    let mut v = sample_value();
    v["colour"] = "đỏ".into();
    assert!(err_of(&v.to_string()).contains("colour"));
}

#[test]
fn missing_and_bad_enum_values_are_explained() {
    let mut v = sample_value();
    v["targets"][0].as_object_mut().unwrap().remove("text");
    let msg = err_of(&v.to_string());
    assert!(msg.contains("targets[0]"), "{msg}");
    assert!(msg.contains("thiếu trường bắt buộc `text`"), "{msg}");

    let mut v = sample_value();
    v["targets"][1]["comparator"] = "at least".into();
    let msg = err_of(&v.to_string());
    assert!(msg.contains("targets[1].comparator"), "{msg}");
    assert!(msg.contains("không hợp lệ"), "{msg}");

    let mut v = sample_value();
    v["tasks"][0]["deadline"] =
        serde_json::json!({"kind": "month", "month": "mười hai", "year": 2026});
    let msg = err_of(&v.to_string());
    assert!(msg.contains("tasks[0].deadline"), "{msg}");

    let mut v = sample_value();
    v["parent"]["date"] = "25/8/2025".into();
    let msg = err_of(&v.to_string());
    assert!(msg.contains("parent.date"), "{msg}");
    assert!(msg.contains("NNNN-TT-NN"), "{msg}");
}

#[test]
fn unicode_comparators_are_accepted() {
    let mut v = sample_value();
    v["targets"][1]["comparator"] = "≥".into();
    v["targets"][4]["comparator"] = "≤".into();
    let plan = format::from_json_str(&v.to_string(), "x.json").unwrap();
    assert_eq!(
        plan.targets[1].comparator,
        Some(kehoach::model::Comparator::Ge)
    );
    assert_eq!(
        plan.targets[4].comparator,
        Some(kehoach::model::Comparator::Le)
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let msg = err_of("{\n  \"schema_version\": 1,\n  \"title\": \n}");
    assert!(msg.contains("dòng 4"), "{msg}");
    assert!(msg.contains("JSON không hợp lệ"), "{msg}");
}

#[test]
fn versions_are_checked() {
    let mut v = sample_value();
    v["schema_version"] = 2.into();
    let msg = err_of(&v.to_string());
    assert!(msg.contains("schema_version"), "{msg}");
    assert!(msg.contains("mới hơn"), "{msg}");
    let mut v = sample_value();
    v.as_object_mut().unwrap().remove("schema_version");
    assert!(err_of(&v.to_string()).contains("schema_version: thiếu trường bắt buộc"));
    assert!(err_of("[1, 2]").contains("cần một đối tượng JSON"));
}

#[test]
fn shipped_schema_is_the_generated_one() {
    let shipped = include_str!("../../assets/plan.schema.json");
    assert_eq!(
        shipped,
        format::json_schema(),
        "assets/plan.schema.json is stale: run `kehoach schema > assets/plan.schema.json`"
    );
}

#[test]
fn schema_validates_the_sample_and_rejects_a_broken_plan() {
    // A validator we did not write: Python's jsonschema.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(&good, format::to_json_string(&sample_plan())).unwrap();
    let mut v = sample_value();
    v["targets"][0]["value"] = "một trăm".into();
    std::fs::write(&bad, v.to_string()).unwrap();
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
good = list(v.iter_errors(json.load(open(sys.argv[2]))))
bad = list(v.iter_errors(json.load(open(sys.argv[3]))))
print(len(good), len(bad), [list(e.absolute_path) for e in bad])
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/plan.schema.json"
        ))
        .arg(&good)
        .arg(&bad)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("0 "), "sample must validate: {stdout}");
    assert!(stdout.contains("['targets', 0, 'value']"), "{stdout}");
}

#[test]
fn documented_example_parses() {
    let doc = include_str!("../../docs/plan-format.md");
    let start = doc.find("```json\n").expect("example present") + 8;
    let end = start + doc[start..].find("```").unwrap();
    let plan = format::from_json_str(&doc[start..end], "docs/plan-format.md").unwrap();
    assert_eq!(plan.targets[0].id, "ct2");
    assert_eq!(plan.labeled_sections().unwrap().len(), 3);
}
