//! Deadlines (thời hạn) as plans write them, read into dates by one reader: the
//! importer, the editor, the check against the parent (a later deadline is
//! weaker) and the tracking (overdue) all go through [`Deadline::parse_in`] and
//! [`Deadline::last_day`]. What the reader cannot read stays as written
//! ([`Deadline::Text`]) and the lint says so where a date matters.

use super::{dates, numbering};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A deadline (thời hạn) in the forms plans use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Deadline {
    /// `ngày 15/3/2026`, `31/12/2026`, `ngày 31 tháng 12 năm 2026`.
    Date {
        #[serde(with = "super::iso_date")]
        #[schemars(with = "String")]
        date: NaiveDate,
    },
    /// `trước ngày 01/7/2022`.
    Before {
        #[serde(with = "super::iso_date")]
        #[schemars(with = "String")]
        date: NaiveDate,
    },
    /// `tháng 12 năm 2023`, `tháng 12/2023`.
    Month { month: u32, year: i32 },
    /// `Quý IV năm 2022`, `Quý IV/2022`, `trong quý II` (of the plan's year).
    Quarter { quarter: u32, year: i32 },
    /// `6 tháng đầu năm 2026` (half 1), `6 tháng cuối năm 2026` (half 2).
    Half { half: u32, year: i32 },
    /// `năm 2025`.
    Year { year: i32 },
    /// `đến hết năm 2025`.
    EndOfYear { year: i32 },
    /// `đến năm 2030`: a goal for the end of that year.
    ByYear { year: i32 },
    /// `2026 - 2027`, `giai đoạn 2026 - 2030`.
    Years { from: i32, to: i32 },
    /// `Hàng năm`, `tháng 02 hàng năm`, `Quý IV hàng năm`.
    Annually {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        month: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quarter: Option<u32>,
    },
    /// `Thường xuyên`: ongoing, never due.
    Ongoing,
    /// Any other wording, kept as written (`theo hướng dẫn của ...`).
    Text { text: String },
}

impl Deadline {
    /// The deadline as a plan writes it.
    pub fn label(&self) -> String {
        match self {
            Deadline::Date { date } => format!("ngày {}", dates::short_date(*date)),
            Deadline::Before { date } => format!("trước ngày {}", dates::short_date(*date)),
            Deadline::Month { month, year } => format!("tháng {} năm {year}", dates::month(*month)),
            Deadline::Quarter { quarter, year } => {
                format!("Quý {} năm {year}", numbering::roman(*quarter as usize))
            }
            Deadline::Half { half: 1, year } => format!("6 tháng đầu năm {year}"),
            Deadline::Half { year, .. } => format!("6 tháng cuối năm {year}"),
            Deadline::Year { year } => format!("năm {year}"),
            Deadline::EndOfYear { year } => format!("đến hết năm {year}"),
            Deadline::ByYear { year } => format!("đến năm {year}"),
            Deadline::Years { from, to } => format!("năm {from} - {to}"),
            Deadline::Annually { month: Some(m), .. } => {
                format!("tháng {} hàng năm", dates::month(*m))
            }
            Deadline::Annually {
                quarter: Some(q), ..
            } => format!("Quý {} hàng năm", numbering::roman(*q as usize)),
            Deadline::Annually { .. } => "Hàng năm".to_owned(),
            Deadline::Ongoing => "Thường xuyên".to_owned(),
            Deadline::Text { text } => text.clone(),
        }
    }

    /// Reads a deadline as plans write it (see [`Deadline::parse_in`]), without a
    /// year to complete `trong quý II` and the like.
    pub fn parse(text: &str) -> Deadline {
        Deadline::parse_in(text, None)
    }

    /// Reads a deadline as plans write it: `31/12/2026`, `ngày 31 tháng 12 năm
    /// 2026`, `tháng 12/2026`, `Quý IV/2026`, `trước 30/6/2026`, `6 tháng đầu năm
    /// 2026`, `đến năm 2030`, `2026–2027`, `Hàng năm`, `Thường xuyên` …; `year`
    /// completes a wording without one (`trong quý II`, `tháng 6`). Anything else
    /// is kept as text.
    pub fn parse_in(text: &str, year: Option<i32>) -> Deadline {
        let t = crate::text::nfc(text.trim().trim_end_matches(['.', ';', ',']));
        let tokens = tokens(&crate::text::fold(&t));
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        read(&words, year).unwrap_or(Deadline::Text { text: t })
    }

    /// The last day the deadline allows, when it names one; recurring, ongoing and
    /// free-text deadlines have none.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date { date } => Some(*date),
            Deadline::Before { date } => date.pred_opt(),
            Deadline::Month { month, year } => end_of_month(*year, *month),
            Deadline::Quarter { quarter, year } => end_of_month(*year, quarter * 3),
            Deadline::Half { half, year } => end_of_month(*year, half * 6),
            Deadline::Year { year }
            | Deadline::EndOfYear { year }
            | Deadline::ByYear { year }
            | Deadline::Years { to: year, .. } => NaiveDate::from_ymd_opt(*year, 12, 31),
            Deadline::Annually { .. } | Deadline::Ongoing | Deadline::Text { .. } => None,
        }
    }

    /// The same deadline in `year` (a date keeps its day and month; 29/2 becomes
    /// 28/2 where the year has none); recurring, ongoing and free-text deadlines and
    /// ranges of years stay as they are.
    pub fn in_year(&self, year: i32) -> Deadline {
        use chrono::Datelike;
        let day = |d: &NaiveDate| {
            NaiveDate::from_ymd_opt(year, d.month(), d.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), d.day() - 1))
                .unwrap_or(*d)
        };
        match self {
            Deadline::Date { date } => Deadline::Date { date: day(date) },
            Deadline::Before { date } => Deadline::Before { date: day(date) },
            Deadline::Month { month, .. } => Deadline::Month {
                month: *month,
                year,
            },
            Deadline::Quarter { quarter, .. } => Deadline::Quarter {
                quarter: *quarter,
                year,
            },
            Deadline::Half { half, .. } => Deadline::Half { half: *half, year },
            Deadline::Year { .. } => Deadline::Year { year },
            Deadline::EndOfYear { .. } => Deadline::EndOfYear { year },
            Deadline::ByYear { .. } => Deadline::ByYear { year },
            other => other.clone(),
        }
    }

    /// Whether the wording was read (a [`Deadline::Text`] was not).
    pub fn is_read(&self) -> bool {
        !matches!(self, Deadline::Text { .. })
    }
}

fn end_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
}

/// The folded text as words, numbers and the separators `/` `-` `.` between
/// them: `quy iv/2026` → `quy`, `iv`, `/`, `2026`.
fn tokens(folded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in folded.chars() {
        match c {
            '/' | '-' | '–' | '—' | '.' => {
                flush(&mut word, &mut out);
                out.push(if c == '/' || c == '.' { c } else { '-' }.to_string());
            }
            c if c.is_alphanumeric() => {
                // A number ends where letters start (`2026tr` is not a year).
                if word
                    .chars()
                    .last()
                    .is_some_and(|l| l.is_ascii_digit() != c.is_ascii_digit())
                {
                    flush(&mut word, &mut out);
                }
                word.push(c);
            }
            _ => flush(&mut word, &mut out),
        }
    }
    flush(&mut word, &mut out);
    out
}

fn number(w: &str) -> Option<i32> {
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn a_year(w: &str) -> Option<i32> {
    number(w).filter(|y| (1900..=2200).contains(y))
}

fn a_month(w: &str) -> Option<u32> {
    number(w).filter(|m| (1..=12).contains(m)).map(|m| m as u32)
}

fn a_quarter(w: &str) -> Option<u32> {
    match w {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// A separator between a month or quarter and its year: `/`, `-`, `nam`.
fn year_sep(w: &str) -> bool {
    matches!(w, "/" | "-" | "nam")
}

/// What a wording points at, before its prefix (`trước`, `đến hết` …) is applied.
enum Point {
    Day(NaiveDate),
    Month(u32, i32),
    Quarter(u32, i32),
    Half(u32, i32),
    Year(i32),
    Years(i32, i32),
}

impl Point {
    fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Point::Day(d) => Some(d),
            Point::Month(m, y) => NaiveDate::from_ymd_opt(y, m, 1),
            Point::Quarter(q, y) => NaiveDate::from_ymd_opt(y, q * 3 - 2, 1),
            Point::Half(h, y) => NaiveDate::from_ymd_opt(y, h * 6 - 5, 1),
            Point::Year(y) | Point::Years(y, _) => NaiveDate::from_ymd_opt(y, 1, 1),
        }
    }
}

/// How a prefix reads the point after it.
#[derive(Clone, Copy, PartialEq)]
enum Prefix {
    /// `trong`, `chậm nhất`, `hoàn thành`, none.
    Plain,
    /// `trước`.
    Before,
    /// `đến`.
    By,
    /// `đến hết`, `hết`, `cuối`.
    EndOf,
}

fn read(words: &[&str], year: Option<i32>) -> Option<Deadline> {
    match words {
        ["thuong", "xuyen", ..] | ["lien", "tuc"] => return Some(Deadline::Ongoing),
        ["hang", "nam"] => {
            return Some(Deadline::Annually {
                month: None,
                quarter: None,
            })
        }
        ["thang", m, "hang", "nam"] => {
            return Some(Deadline::Annually {
                month: Some(a_month(m)?),
                quarter: None,
            })
        }
        ["quy", q, "hang", "nam"] => {
            return Some(Deadline::Annually {
                month: None,
                quarter: Some(a_quarter(q)?),
            })
        }
        _ => {}
    }
    let (prefix, rest) = prefix(words);
    let point = point(rest, year)?;
    Some(match (prefix, point) {
        (Prefix::Before, p) => Deadline::Before {
            date: p.first_day()?,
        },
        (_, Point::Day(date)) => Deadline::Date { date },
        (_, Point::Month(month, year)) => Deadline::Month { month, year },
        (_, Point::Quarter(quarter, year)) => Deadline::Quarter { quarter, year },
        (_, Point::Half(half, year)) => Deadline::Half { half, year },
        (Prefix::EndOf, Point::Year(year)) => Deadline::EndOfYear { year },
        (Prefix::By, Point::Year(year)) => Deadline::ByYear { year },
        (Prefix::Plain, Point::Year(year)) => Deadline::Year { year },
        (_, Point::Years(from, to)) => Deadline::Years { from, to },
    })
}

/// The prefix of a wording and what follows it; the words that say when a task is
/// done (`thời gian hoàn thành`, `hoàn thành`, `chậm nhất`) are read as none.
fn prefix<'a>(mut words: &'a [&'a str]) -> (Prefix, &'a [&'a str]) {
    let mut kind = Prefix::Plain;
    loop {
        match words {
            ["thoi", "gian", rest @ ..] | ["thoi", "han", rest @ ..] => words = rest,
            ["hoan", "thanh", rest @ ..] | ["cham", "nhat", rest @ ..] => words = rest,
            ["trong", rest @ ..] | ["vao", rest @ ..] | ["xong", rest @ ..] => words = rest,
            ["truoc", rest @ ..] => {
                kind = Prefix::Before;
                words = rest;
            }
            ["den", "het", rest @ ..] | ["het", rest @ ..] | ["cuoi", rest @ ..] => {
                kind = Prefix::EndOf;
                words = rest;
            }
            ["den", rest @ ..] => {
                kind = Prefix::By;
                words = rest;
            }
            _ => return (kind, words),
        }
    }
}

fn point(words: &[&str], year: Option<i32>) -> Option<Point> {
    let date = |d: &str, m: &str, y: &str| {
        NaiveDate::from_ymd_opt(a_year(y)?, a_month(m)?, number(d)? as u32).map(Point::Day)
    };
    let sep = |w: &str| matches!(w, "/" | "-" | ".");
    Some(match words {
        // 31/12/2026, ngày 31/12/2026, ngày 31 tháng 12 năm 2026
        [d, s1, m, s2, y] | ["ngay", d, s1, m, s2, y] if sep(s1) && sep(s2) => date(d, m, y)?,
        ["ngay", d, "thang", m, "nam", y] => date(d, m, y)?,
        // tháng 12 năm 2026, tháng 12/2026, tháng 6 (of the plan's year)
        ["thang", m, s, y] if year_sep(s) => Point::Month(a_month(m)?, a_year(y)?),
        ["thang", m] => Point::Month(a_month(m)?, year?),
        // 12/2026
        [m, "/", y] => Point::Month(a_month(m)?, a_year(y)?),
        // Quý IV năm 2026, Quý IV/2026, quý II (of the plan's year)
        ["quy", q, s, y] if year_sep(s) => Point::Quarter(a_quarter(q)?, a_year(y)?),
        ["quy", q] => Point::Quarter(a_quarter(q)?, year?),
        // 6 tháng đầu năm 2026, nửa cuối năm 2026
        ["6", "thang", "dau", "nam", y] | ["nua", "dau", "nam", y] => Point::Half(1, a_year(y)?),
        ["6", "thang", "cuoi", "nam", y] | ["nua", "cuoi", "nam", y] => Point::Half(2, a_year(y)?),
        ["6", "thang", "dau", "nam"] | ["nua", "dau", "nam"] => Point::Half(1, year?),
        ["6", "thang", "cuoi", "nam"] | ["nua", "cuoi", "nam"] => Point::Half(2, year?),
        // năm 2026, 2026
        ["nam", y] | [y] => Point::Year(a_year(y)?),
        // 2026 - 2027, năm 2026 - 2027, giai đoạn 2026 - 2030
        [a, "-", b] | ["nam", a, "-", b] | ["giai", "doan", a, "-", b] => {
            let (from, to) = (a_year(a)?, a_year(b)?);
            if from > to {
                return None;
            }
            Point::Years(from, to)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn tokens_split_numbers_words_and_separators() {
        assert_eq!(tokens("quy iv/2026"), ["quy", "iv", "/", "2026"]);
        assert_eq!(tokens("2026–2027"), ["2026", "-", "2027"]);
        assert_eq!(tokens("31.12.2026"), ["31", ".", "12", ".", "2026"]);
    }

    #[test]
    fn a_wording_without_its_year_takes_the_plans() {
        assert_eq!(
            Deadline::parse_in("trong quý II", Some(2026)),
            Deadline::Quarter {
                quarter: 2,
                year: 2026
            }
        );
        assert!(!Deadline::parse("trong quý II").is_read());
        assert_eq!(
            Deadline::parse_in("Quý II", Some(2026)).last_day(),
            Some(d(2026, 6, 30))
        );
    }
}
