//! The rules of the plan's typed fields (số, năm, ngày, giá trị), one place for the
//! editor (which shows the message beside the field and keeps what was typed) and
//! for plan files (whose JSON errors give the same message at the JSON path).

use chrono::NaiveDate;

/// The document number the clerk registers (số): a whole number from 1.
pub fn document_number(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(0) => Err("số văn bản phải từ 1 trở lên".into()),
        Ok(n) if n <= 99_999 => Ok(Some(n)),
        _ if t.chars().all(|c| c.is_ascii_digit()) => Err(format!("số văn bản «{t}» quá lớn")),
        _ => Err(format!(
            "số văn bản chỉ gồm chữ số (vd: 15), không phải «{t}»; để trống khi chưa có số"
        )),
    }
}

/// A year of a plan's period (năm): four digits, 2000–2100.
pub fn year(text: &str) -> Result<i32, String> {
    let t = text.trim();
    match t.parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Ok(y),
        Ok(_) => Err(format!("năm {t} nằm ngoài 2000–2100")),
        Err(_) => Err(format!(
            "năm phải là số có bốn chữ số (vd: 2026), không phải «{t}»"
        )),
    }
}

/// A date as Vietnamese type it, day first: `05/3/2026`, `5-3-2026`, `05.03.2026`.
pub fn date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let bad = || format!("ngày «{t}» không hợp lệ: gõ theo dạng ngày/tháng/năm, vd 05/3/2026");
    let [d, m, y] = parts.as_slice() else {
        return Err(bad());
    };
    let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) else {
        return Err(bad());
    };
    if y < 1900 || !(1..=12).contains(&m) {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Some)
        .ok_or_else(|| format!("ngày {d}/{m}/{y} không có trong lịch (tháng {m} năm {y})"))
}

/// A decimal number as Vietnamese write it: `85,5` or `85.5`; `what` names the field
/// in the message.
pub fn decimal(text: &str, what: &str) -> Result<f64, String> {
    let t = text.trim();
    let v: Option<f64> = t
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite());
    v.ok_or_else(|| format!("{what} phải là một số (vd: 85 hoặc 85,5), không phải «{t}»"))
}

/// Deserialises a document number given as a JSON number or as text, with the
/// editor's message when it is not one.
pub fn de_document_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    use serde::de::Error;
    use serde::Deserialize;
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(v) => document_number(&v.to_string()).map_err(D::Error::custom),
            None => Err(D::Error::custom(format!(
                "số văn bản chỉ gồm chữ số (vd: 15), không phải «{n}»"
            ))),
        },
        Some(serde_json::Value::String(s)) => document_number(&s).map_err(D::Error::custom),
        Some(other) => Err(D::Error::custom(format!(
            "số văn bản chỉ gồm chữ số (vd: 15), không phải {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fields_are_read_or_refused_with_a_reason() {
        assert_eq!(document_number(" 15 "), Ok(Some(15)));
        assert_eq!(document_number(""), Ok(None));
        assert!(document_number("15a")
            .unwrap_err()
            .contains("chỉ gồm chữ số"));
        assert!(document_number("0").is_err());
        assert_eq!(year("2026"), Ok(2026));
        assert!(year("hai nghìn").unwrap_err().contains("bốn chữ số"));
        assert_eq!(date("05/3/2026"), Ok(NaiveDate::from_ymd_opt(2026, 3, 5)));
        assert!(date("31/02/2026")
            .unwrap_err()
            .contains("không có trong lịch"));
        assert!(date("2026-03-05").is_err());
        assert_eq!(decimal("85,5", "giá trị"), Ok(85.5));
        assert!(decimal("một", "sai số")
            .unwrap_err()
            .starts_with("sai số phải là một số"));
    }
}
