//! A form field read by the engine (đọc một ô nhập): the editor and the settings
//! screen send what the officer typed, and get the value to store or the reason it
//! is refused, so the rule lives once (the model's, the profile's ranges, the
//! settings') and the page keeps the typed text beside the message.

use crate::diag::Diagnostic;
use crate::layout::profile::RANGES;
use crate::model::fields;
use serde_json::{json, Value};

/// A field as the engine read it: the value to store, or why it is refused.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldReading {
    /// The value (JSON, as the plan or the settings hold it); absent when refused.
    pub value: Option<Value>,
    /// Why the text is refused, on its field.
    pub problem: Option<Diagnostic>,
}

/// Field `name` typed as `text`, read by its rule.
pub fn read_field(name: &str, text: &str) -> FieldReading {
    match rule(name, text) {
        Ok(v) => FieldReading {
            value: Some(v),
            problem: None,
        },
        Err(d) => FieldReading {
            value: None,
            problem: Some(*d),
        },
    }
}

fn rule(name: &str, text: &str) -> Result<Value, Box<Diagnostic>> {
    let text = crate::text::nfc(text);
    let refused =
        |message: String| Box::new(Diagnostic::error("invalid_field", message).on_field(name));
    let number = |v: f64| json!(v);
    match name {
        "number" | "parent.number" => fields::document_number(&text)
            .map(|n| json!(n))
            .map_err(refused),
        "period" | "period.from" | "year" => fields::year(&text).map(|y| json!(y)).map_err(refused),
        "period.to" if text.trim().is_empty() => Ok(Value::Null),
        "period.to" => fields::year(&text).map(|y| json!(y)).map_err(refused),
        "date" | "parent.date" => fields::date(&text)
            .map(|d| json!(d.map(|d| d.format("%Y-%m-%d").to_string())))
            .map_err(refused),
        "value" if text.trim().is_empty() => Ok(Value::Null),
        "value" => fields::decimal(&text, "giá trị chỉ tiêu")
            .map(number)
            .map_err(refused),
        "check_tolerance" => {
            let max = crate::settings::MAX_TOLERANCE;
            let v = fields::decimal(&text, "sai lệch cho phép").map_err(refused)?;
            if (0.0..=max).contains(&v) {
                Ok(number(v))
            } else {
                Err(refused(format!(
                    "sai lệch cho phép phải từ 0 đến {max}, không phải {}",
                    crate::model::format_number(v)
                )))
            }
        }
        _ => match RANGES.iter().find(|r| r.field == name) {
            Some(r) => {
                let what = r.name.to_lowercase();
                let v = fields::decimal(&text, &what).map_err(refused)?;
                // The table's bounds are f32: 12.7 must read as 12.7, not 12.699….
                let exact = |x: f32| x.to_string().parse::<f64>().unwrap_or(x as f64);
                let (min, max) = (exact(r.min), exact(r.max));
                if (min..=max).contains(&v) {
                    Ok(number(v))
                } else {
                    Err(refused(format!(
                        "{} phải từ {} đến {} {} (Nghị định 30/2020/NĐ-CP), không phải {}",
                        r.name,
                        crate::model::format_number(min),
                        crate::model::format_number(max),
                        r.unit,
                        crate::model::format_number(v)
                    )))
                }
            }
            None => Err(refused(format!("không có ô nhập «{name}»"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Result<Value, Box<Diagnostic>> {
        let r = read_field(name, text);
        r.value.ok_or_else(|| Box::new(r.problem.unwrap()))
    }

    #[test]
    fn each_field_has_its_rule() {
        assert_eq!(read("number", "15").unwrap(), json!(15));
        let e = read("number", "15a").unwrap_err();
        assert_eq!((e.code, e.field.as_str()), ("invalid_field", "number"));
        assert!(read("date", "31/02/2026").is_err());
        assert_eq!(read("date", "05/3/2026").unwrap(), json!("2026-03-05"));
        let margin = read("margin_left_mm", "abc").unwrap_err();
        assert!(
            margin.message.contains("lề trái phải là một số"),
            "{}",
            margin.message
        );
        assert!(!margin.message.contains("0 mm"));
        assert!(read("margin_left_mm", "20")
            .unwrap_err()
            .message
            .contains("từ 30 đến 35"));
        assert_eq!(read("margin_left_mm", "30,5").unwrap(), json!(30.5));
        assert!(read("check_tolerance", "một").is_err());
        // Every bound of the table is itself accepted (f32 bounds read exactly).
        for r in RANGES {
            assert!(read(r.field, &r.max.to_string()).is_ok(), "{}", r.field);
            assert!(read(r.field, &r.min.to_string()).is_ok(), "{}", r.field);
        }
        assert!(read("period", "20x6").is_err());
    }
}
