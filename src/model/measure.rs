//! Measurable commitments (chỉ tiêu) read from a sentence: comparator, value, unit,
//! scope and deadline, as DOMAIN.md's table reads them.
//!
//! - a percentage: `Tối thiểu 80%` → ≥ 80; `đạt trên 90%` → > 90; `khoảng 10%` → ≈ 10;
//!   `100%` alone → = 100; any other percentage alone (`phủ 95%`) → ≥ 95, the level
//!   to reach;
//! - a count needs a qualifier (`tối thiểu 5.000 doanh nghiệp` → ≥ 5000, `.` groups
//!   thousands), so that years, document numbers and `4G` are never read as targets;
//! - one sentence with several levels gives several commitments, each with its own
//!   scope (`75% ở cấp xã, 70% ở cấp huyện`).

use crate::model::{Comparator, Deadline, Unit};
use crate::text::fold;

/// One commitment found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub comparator: Comparator,
    pub value: f64,
    pub unit: Unit,
    /// What is counted (`doanh nghiệp`), for counts.
    pub unit_label: String,
    /// `cấp xã` when the sentence names the tier the value applies to.
    pub scope: String,
    /// The part of the sentence this commitment covers (the whole sentence when it
    /// has one commitment).
    pub text: String,
    /// Which word of the sentence (split at white space) holds the value, so that a
    /// new value can be written in its place.
    pub word: usize,
}

/// Qualifiers before a value, folded, longest first.
const QUALIFIERS: [(&str, Comparator); 12] = [
    ("toi thieu", Comparator::Ge),
    ("it nhat", Comparator::Ge),
    ("khong duoi", Comparator::Ge),
    ("khong qua", Comparator::Le),
    ("toi da", Comparator::Le),
    ("khong vuot qua", Comparator::Le),
    ("cao hon", Comparator::Gt),
    ("tren", Comparator::Gt),
    ("vuot", Comparator::Gt),
    ("duoi", Comparator::Lt),
    ("khoang", Comparator::Approx),
    ("xap xi", Comparator::Approx),
];

/// The commitments of a sentence, in order; empty when it commits to no number.
pub fn commitments(sentence: &str) -> Vec<Commitment> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut found: Vec<(usize, Commitment)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let core = w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ':' | '(' | ')'));
        let (number, percent) = match core.strip_suffix('%') {
            Some(n) => (n, true),
            None => (core, false),
        };
        let Some(value) = parse_number(number) else {
            continue;
        };
        let qualifier = qualifier_before(&folded, i);
        let (comparator, unit, unit_label) = if percent {
            let cmp = qualifier.unwrap_or(if value == 100.0 {
                Comparator::Eq
            } else {
                Comparator::Ge
            });
            (cmp, Unit::Percent, String::new())
        } else {
            // A count: only with a qualifier, and followed by what is counted.
            let Some(cmp) = qualifier else { continue };
            let label: Vec<&str> = words[i + 1..]
                .iter()
                .take(2)
                .map(|w| w.trim_end_matches([',', ';', '.', ':']))
                .take_while(|w| w.chars().all(char::is_alphabetic) && !w.is_empty())
                .collect();
            if label.is_empty() {
                continue;
            }
            (cmp, Unit::Count, label.join(" "))
        };
        found.push((
            i,
            Commitment {
                comparator,
                value,
                unit,
                unit_label,
                scope: String::new(),
                text: sentence.trim().to_owned(),
                word: i,
            },
        ));
    }
    // Scopes: the `cấp …` words after each value, up to the next value.
    let starts: Vec<usize> = found.iter().map(|(i, _)| *i).collect();
    for (k, (i, c)) in found.iter_mut().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(words.len());
        c.scope = scope_in(&words[*i..end], &folded[*i..end]);
    }
    if found.len() > 1 {
        // Several levels in one sentence: each commitment covers its clause, from
        // its qualifier (or value) to the word before the next commitment's.
        let bounds: Vec<usize> = found
            .iter()
            .map(|(i, _)| clause_start(&folded, *i))
            .collect();
        for (k, (_, c)) in found.iter_mut().enumerate() {
            let from = if k == 0 { 0 } else { bounds[k] };
            let to = bounds.get(k + 1).copied().unwrap_or(words.len());
            c.text = words[from..to]
                .join(" ")
                .trim_end_matches([',', ';'])
                .to_owned();
        }
    }
    found.into_iter().map(|(_, c)| c).collect()
}

/// The qualifier just before word `i`: where it starts and its comparator. Filler
/// words between are allowed (`đạt trên 90%`, `tối thiểu là 80%`).
fn qualifier(folded: &[String], i: usize) -> Option<(usize, Comparator)> {
    let clean = |w: &String| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut j = i;
    while j > 0 && matches!(clean(&folded[j - 1]).as_str(), "la" | "muc" | "o" | "dat") {
        j -= 1;
    }
    QUALIFIERS.iter().find_map(|(q, cmp)| {
        let n = q.split(' ').count();
        (j >= n
            && folded[j - n..j]
                .iter()
                .map(clean)
                .collect::<Vec<_>>()
                .join(" ")
                == *q)
            .then(|| (j - n, *cmp))
    })
}

/// The comparator a stretch of words ends with (`tối thiểu`, `đạt trên`), as
/// before a value in a table cell.
pub fn qualifier_at_end(words: &str) -> Option<Comparator> {
    let folded: Vec<String> = words.split_whitespace().map(fold).collect();
    qualifier(&folded, folded.len()).map(|(_, c)| c)
}

fn qualifier_before(folded: &[String], i: usize) -> Option<Comparator> {
    qualifier(folded, i).map(|(_, c)| c)
}

/// Where the clause of the value at `i` starts: at its qualifier when there is one.
fn clause_start(folded: &[String], i: usize) -> usize {
    qualifier(folded, i).map(|(j, _)| j).unwrap_or(i)
}

/// `cấp xã`, `cấp quận và cấp phường` in a stretch of words.
fn scope_in(words: &[&str], folded: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (k, f) in folded.iter().enumerate() {
        if f == "cap" {
            if let Some(next) = words.get(k + 1) {
                let next = next.trim_end_matches([',', ';', '.', ':', ')']);
                let nf = fold(next);
                if crate::model::tier::TIER_WORDS.contains(&nf.as_str()) {
                    parts.push(format!("cấp {next}"));
                }
            }
        }
    }
    parts.join(", ")
}

/// A number as plans write it: `80`, `5.000` (dot groups thousands), `1,5` or `1.5`
/// (decimal). Years and document numbers are excluded by the caller's context.
pub fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !s.contains(',') {
        return groups.concat().parse().ok();
    }
    s.replace(',', ".").parse().ok()
}

/// The deadline a sentence states for its commitment (`đến năm 2025`, `đến hết năm
/// 2025`, `năm 2022`, `trong năm 2022`).
pub fn deadline_in(sentence: &str) -> Option<Deadline> {
    let folded = fold(sentence);
    let words: Vec<&str> = folded
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    for k in 0..words.len() {
        if words[k] != "nam" {
            continue;
        }
        let Some(y) = words
            .get(k + 1)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (1990..=2100).contains(y))
        else {
            continue;
        };
        let prev = |n: usize| if k >= n { words[k - n] } else { "" };
        if prev(1) == "het" {
            return Some(Deadline::EndOfYear { year: y });
        }
        if matches!(prev(1), "den" | "trong" | "dat" | "dau" | "") {
            return Some(Deadline::Year { year: y });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (Comparator, f64, Unit) {
        let c = commitments(s);
        assert_eq!(c.len(), 1, "{s}: {c:?}");
        (c[0].comparator, c[0].value, c[0].unit)
    }

    #[test]
    fn the_domain_table() {
        use Comparator::*;
        assert_eq!(
            one("100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình"),
            (Eq, 100.0, Unit::Percent)
        );
        assert_eq!(
            one("Tối thiểu 80% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình"),
            (Ge, 80.0, Unit::Percent)
        );
        assert_eq!(
            one("Tỷ lệ mức độ hài lòng của người dân đạt trên 90%"),
            (Gt, 90.0, Unit::Percent)
        );
        assert_eq!(
            one("Hạ tầng mạng băng thông rộng cáp quang phủ trên 80% hộ gia đình"),
            (Gt, 80.0, Unit::Percent)
        );
        assert_eq!(
            one("Kinh tế số chiếm khoảng 10% giá trị sản xuất"),
            (Approx, 10.0, Unit::Percent)
        );
        let c = commitments("tối thiểu 5.000 doanh nghiệp nhỏ và vừa được hỗ trợ");
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].comparator, c[0].value, c[0].unit),
            (Ge, 5000.0, Unit::Count)
        );
        assert_eq!(c[0].unit_label, "doanh nghiệp");
        assert_eq!(one("chi phí không quá 5% ngân sách").0, Le);
        assert_eq!(one("tỷ lệ hộ nghèo dưới 2%").0, Lt);
        assert_eq!(one("phủ 95% hộ gia đình").0, Ge);
    }

    #[test]
    fn several_levels_in_one_sentence() {
        let c = commitments("Tỷ lệ hồ sơ xử lý trực tuyến đạt 75% ở cấp xã, 70% ở cấp huyện");
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].value, c[0].scope.as_str()), (75.0, "cấp xã"));
        assert_eq!((c[1].value, c[1].scope.as_str()), (70.0, "cấp huyện"));
        assert!(c[0].text.starts_with("Tỷ lệ hồ sơ"), "{}", c[0].text);
        assert_eq!(c[1].text, "70% ở cấp huyện");
    }

    #[test]
    fn numbers_that_are_not_commitments() {
        assert!(commitments("Phổ cập dịch vụ mạng di động 4G/5G.").is_empty());
        assert!(commitments("Kế hoạch số 55/KH-UBND ngày 10/3/2022 năm 2024").is_empty());
        assert!(commitments("theo cấp độ (Cấp độ 1) phù hợp").is_empty());
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("5.000"), Some(5000.0));
        assert_eq!(parse_number("1.234.567"), Some(1234567.0));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("x"), None);
    }

    #[test]
    fn deadlines_in_sentences() {
        assert_eq!(
            deadline_in("Phấn đấu đến năm 2023, 100% các cơ sở y tế"),
            Some(Deadline::Year { year: 2023 })
        );
        assert_eq!(
            deadline_in("đến hết năm 2025 đạt 80%"),
            Some(Deadline::EndOfYear { year: 2025 })
        );
        assert_eq!(deadline_in("100% hồ sơ"), None);
    }
}
