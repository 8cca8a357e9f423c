//! The interchange format: a versioned JSON file carrying a whole plan losslessly
//! (`docs/plan-format.md`, schema in `assets/plan.schema.json`).
//!
//! Loading normalises all text to NFC, rejects unknown or ill-typed fields with the
//! JSON path and a Vietnamese reason, and gives targets and tasks their ids.
//! Writing is canonical (fixed key order, two-space indent, trailing newline), so
//! file → store → file is byte-identical once a file has been through it.

use crate::error::Error;
use crate::model::{Plan, SCHEMA_VERSION};
use crate::text;

/// Parses and normalises a plan from JSON text. `origin` names the file in errors.
pub fn from_json_str(json: &str, origin: &str) -> Result<Plan, Error> {
    plan_from_value(parse_value(json, origin)?, origin)
}

/// A plan from JSON already parsed by [`parse_value`] (a reader that first looks at
/// which document a file is).
pub fn plan_from_value(value: serde_json::Value, origin: &str) -> Result<Plan, Error> {
    check_version(&value, origin)?;
    let mut plan: Plan = from_value(value, origin)?;
    plan.assign_ids();
    Ok(plan)
}

/// Parses any of the engine's JSON documents (plans, format profiles, templates)
/// with the same NFC normalisation and JSON-path errors as plans.
pub fn from_json_typed<T: serde::de::DeserializeOwned>(
    json: &str,
    origin: &str,
) -> Result<T, Error> {
    from_value(parse_value(json, origin)?, origin)
}

/// Parses JSON text, normalised to NFC, naming the line and column in errors.
pub fn parse_value(json: &str, origin: &str) -> Result<serde_json::Value, Error> {
    // NFC of the whole text normalises every string value and key at once; JSON's
    // structural characters are ASCII and unaffected.
    let json = text::nfc(json.trim_start_matches('\u{feff}'));
    let parsed: std::result::Result<Strict, _> = serde_json::from_str(&json);
    parsed.map(|v| v.0).map_err(|e| Error::Json {
        file: origin.to_owned(),
        path: String::new(),
        reason: format!(
            "JSON không hợp lệ: {} (dòng {}, cột {})",
            translate(&strip_position(&e.to_string())),
            e.line(),
            e.column()
        ),
    })
}

/// A typed document from parsed JSON, with the JSON path in errors.
pub fn from_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    origin: &str,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(&value).map_err(|e| Error::Json {
        file: origin.to_owned(),
        path: e.path().to_string(),
        reason: translate(&strip_position(&e.inner().to_string())),
    })
}

/// The largest JSON document read from a file: a plan of a hundred pages is well
/// under 2 MB; a larger file is not one of ours and would only cost memory.
pub const MAX_JSON_FILE: u64 = 16 << 20;

/// The longest string value in a JSON document: a paragraph of a plan is a few
/// thousand characters; 1 MB of one string is an attack or a mistake, and laying
/// it out would cost seconds and gigabytes.
pub const MAX_JSON_STRING: usize = 1 << 20;

/// A JSON value read strictly: a key twice in one object is an error (serde_json
/// keeps the last silently, so a file edited by hand could say two things and
/// mean one), and so is a string longer than [`MAX_JSON_STRING`].
struct Strict(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một giá trị JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.len() > MAX_JSON_STRING {
            return Err(E::custom(format!(
                "một chuỗi dài {} MB, quá giới hạn {} MB của một đoạn",
                v.len() >> 20,
                MAX_JSON_STRING >> 20
            )));
        }
        Ok(v.into())
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.visit_str(&v)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(out.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "khóa «{key}» có hai lần trong cùng một đối tượng"
                )));
            }
            out.insert(key, value);
        }
        Ok(out.into())
    }
}

/// Reads a UTF-8 text file for the JSON readers, naming the file in errors.
pub fn read_text_file(path: &std::path::Path) -> Result<String, Error> {
    let origin = path.display().to_string();
    let bytes = crate::fsutil::read_limited(path, MAX_JSON_FILE)?;
    String::from_utf8(bytes).map_err(|e| Error::Json {
        file: origin,
        path: String::new(),
        reason: format!(
            "tệp không phải văn bản UTF-8 (byte thứ {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Reads a plan from a JSON file.
pub fn read_json_file(path: &std::path::Path) -> Result<Plan, Error> {
    // A byte-order mark (Notepad on Windows writes one) is not content.
    from_json_str(&read_text_file(path)?, &path.display().to_string())
}

/// The canonical JSON text of a plan.
pub fn to_json_string(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).expect("a plan always serialises");
    s.push('\n');
    s
}

/// The JSON Schema of the interchange format, generated from the model types.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert(
        "$id".into(),
        "https://kehoach.local/schema/plan-1.json".into(),
    );
    schema.insert(
        "title".into(),
        "Kế hoạch (kehoach interchange format, schema_version 1)".into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
    s.push('\n');
    s
}

fn check_version(value: &serde_json::Value, origin: &str) -> Result<(), Error> {
    let err = |reason: String| Error::Json {
        file: origin.to_owned(),
        path: "schema_version".into(),
        reason,
    };
    match value.get("schema_version") {
        None if value.is_object() => Err(err("thiếu trường bắt buộc".into())),
        None => Err(Error::Json {
            file: origin.to_owned(),
            path: String::new(),
            reason: format!("cần một đối tượng JSON, nhận được {}", crate::model::describe_json(value)),
        }),
        Some(v) => match v.as_u64() {
            Some(n) if n == SCHEMA_VERSION as u64 => Ok(()),
            Some(n) if n > SCHEMA_VERSION as u64 => Err(err(format!(
                "tệp ở phiên bản định dạng {n}, mới hơn phiên bản chương trình hỗ trợ ({SCHEMA_VERSION}); hãy cập nhật chương trình"
            ))),
            _ => Err(err(format!(
                "phiên bản định dạng không hợp lệ: {}; chương trình đọc phiên bản {SCHEMA_VERSION}",
                crate::model::describe_json(v)
            ))),
        },
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Translates serde's English messages into Vietnamese; our own messages pass through.
fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        return match expected {
            Some(e) => format!("trường {field} không có trong định dạng; các trường hợp lệ: {e}"),
            None => format!("trường {field} không có trong định dạng"),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu trường bắt buộc {rest}");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return match expected {
            Some(e) => format!("giá trị {value} không hợp lệ; cần một trong: {e}"),
            None => format!("giá trị {value} không hợp lệ"),
        };
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, expected)) = rest.split_once(", expected ") {
            return format!("{}, nhận được {}", expected_vi(expected), got_vi(got));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((got, expected)) = rest.split_once(", expected ") {
            return format!(
                "giá trị không hợp lệ {}; {}",
                got_vi(got),
                expected_vi(expected)
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return format!("độ dài không hợp lệ: {rest}");
    }
    if msg.starts_with("EOF while parsing") {
        return "tệp kết thúc giữa chừng".into();
    }
    if let Some(rest) = msg.strip_prefix("expected ") {
        return format!("cần {rest}");
    }
    if msg == "trailing characters" {
        return "có ký tự thừa sau nội dung JSON".into();
    }
    if let Some(tag) = msg.strip_prefix("missing field `") {
        return format!("thiếu trường `{tag}");
    }
    msg.to_owned()
}

fn split_expected(rest: &str) -> (&str, Option<&str>) {
    if let Some((a, b)) = rest.split_once(", expected one of ") {
        (a, Some(b))
    } else if let Some((a, b)) = rest.split_once(", expected ") {
        (a, Some(b))
    } else if let Some((a, _)) = rest.split_once(", there are no fields") {
        (a, None)
    } else {
        (rest, None)
    }
}

fn expected_vi(e: &str) -> String {
    let e = e.trim();
    let kind = if e.contains("f64") || e.contains("f32") {
        "cần một số"
    } else if [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
    ]
    .iter()
    .any(|t| e.contains(t))
    {
        "cần một số nguyên"
    } else if e.contains("string") {
        "cần một chuỗi"
    } else if e.contains("sequence") {
        "cần một mảng"
    } else if e.contains("boolean") {
        "cần true hoặc false"
    } else if e.contains("struct") || e.contains("map") || e.contains("internally tagged") {
        "cần một đối tượng"
    } else {
        return format!("cần {e}");
    };
    kind.to_owned()
}

fn got_vi(g: &str) -> String {
    let g = g.trim();
    if let Some(s) = g.strip_prefix("string ") {
        format!("chuỗi {s}")
    } else if let Some(s) = g.strip_prefix("integer ") {
        format!("số {}", s.trim_matches('`'))
    } else if let Some(s) = g.strip_prefix("floating point ") {
        format!("số {}", s.trim_matches('`'))
    } else if let Some(s) = g.strip_prefix("boolean ") {
        format!("giá trị logic {}", s.trim_matches('`'))
    } else if g == "sequence" {
        "một mảng".into()
    } else if g == "map" {
        "một đối tượng".into()
    } else if g == "null" {
        "null".into()
    } else {
        g.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations() {
        assert_eq!(
            translate("invalid type: string \"abc\", expected f64"),
            "cần một số, nhận được chuỗi \"abc\""
        );
        assert_eq!(
            translate("missing field `text`"),
            "thiếu trường bắt buộc `text`"
        );
        assert!(translate("unknown field `foo`, expected one of `a`, `b`").contains("`foo`"));
    }
}
