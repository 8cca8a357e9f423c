//! Dates and deadlines as a plan writes them, with the ND30 rule for leading zeros
//! in exactly one place: a day below 10 and the months 1 and 2 get a leading zero
//! (`ngày 05 tháng 02 năm 2025`, but `ngày 12 tháng 6 năm 2025`).

use chrono::{Datelike, NaiveDate};

/// Day of month as ND30 writes it: `05`, `12`.
pub fn day(d: u32) -> String {
    format!("{d:02}")
}

/// Month as ND30 writes it: `01`, `02`, then `3` … `12`.
pub fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// `ngày 05 tháng 02 năm 2025`; with no date, the blank placeholders a clerk fills
/// in by hand after registration: `ngày      tháng      năm 2025`.
pub fn long_date(date: Option<NaiveDate>, year_if_blank: i32) -> String {
    match date {
        Some(d) => format!(
            "ngày {} tháng {} năm {}",
            day(d.day()),
            month(d.month()),
            d.year()
        ),
        None => format!("ngày{BLANK}tháng{BLANK}năm {year_if_blank}"),
    }
}

/// The gap left for the clerk in `ngày      tháng      năm` and `Số:      /KH-UBND`.
pub const BLANK: &str = "\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0} ";

/// `05/4/2022`, the short form used inside sentences (`ngày 05/4/2022`).
pub fn short_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", day(d.day()), month(d.month()), d.year())
}

/// A document number as ND30 writes it: below 10 with a leading zero (`05`).
pub fn doc_number(n: u32) -> String {
    format!("{n:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_follow_nd30() {
        let d = NaiveDate::from_ymd_opt(2025, 2, 5).unwrap();
        assert_eq!(long_date(Some(d), 2025), "ngày 05 tháng 02 năm 2025");
        let d = NaiveDate::from_ymd_opt(2025, 6, 12).unwrap();
        assert_eq!(long_date(Some(d), 2025), "ngày 12 tháng 6 năm 2025");
        let d = NaiveDate::from_ymd_opt(2022, 4, 5).unwrap();
        assert_eq!(short_date(d), "05/4/2022");
        assert_eq!(doc_number(5), "05");
        assert_eq!(doc_number(215), "215");
    }

    #[test]
    fn blank_date_keeps_the_year() {
        let s = long_date(None, 2026);
        assert!(s.starts_with("ngày\u{a0}"));
        assert!(s.ends_with("năm 2026"));
        assert!(s.contains("tháng"));
    }
}
