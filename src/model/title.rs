//! The words of a title (trích yếu): its first letter inside a sentence, and what
//! it is about without its period, the one rule derive (the child's title) and the
//! report (`Kết quả thực hiện Kế hoạch …`) both use.

use crate::text::fold;

/// Lower-cases the first letter, as a title reads inside a sentence (`về chuyển đổi số`).
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The title's words before its period: from `năm`, `giai đoạn`, `đến năm`,
/// `6 tháng`, `quý` … followed within five words by a year (`Chuyển đổi số xã Tân
/// An năm 2026` → `Chuyển đổi số xã Tân An`).
pub fn without_period(words: &[String]) -> usize {
    let f: Vec<String> = words
        .iter()
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    let starts = [
        "nam", "giai", "den", "6", "quy", "thang", "tam", "sau", "chin",
    ];
    (0..f.len())
        .find(|&i| {
            starts.contains(&f[i].as_str())
                && f[i..].iter().take(5).any(|w| {
                    w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y))
                })
        })
        .unwrap_or(words.len())
}

/// The title without its period, trimmed of a trailing comma or dash.
pub fn subject(title: &str) -> String {
    let words: Vec<String> = title.split_whitespace().map(str::to_owned).collect();
    let cut = without_period(&words);
    words[..cut]
        .join(" ")
        .trim_end_matches([',', ';', '-', '–', ' '])
        .to_owned()
}
