//! Nothing unfilled goes out unflagged (chỗ trống chưa điền): a template
//! placeholder whose value was not known when the plan was made (`{agency.name}`
//! before the agency profile was filled), the blank a template leaves for the
//! drafter (`{blank}`), and a citation of a document without its number or date.
//! Dots in the text are not guessed to be blanks: «(y tế, du lịch,...)» in a
//! parent's task is the parent's «etc.». The blanks kept for the
//! clerk (`Số: …/KH-UBND`, `ngày … tháng … năm`) are the layout's, not the plan's
//! text, so they are never found here.

use super::Findings;
use crate::model::Plan;

pub(super) fn check(plan: &Plan, f: &mut Findings) {
    // The live `{parent.citation}` prints from the plan's parent field (whose
    // missing number or date the citation rule names), so it is no blank.
    for (path, s) in super::printed_strings(plan) {
        text(&s, &path, plan.parent.is_some(), f);
    }
    if let Some(parent) = &plan.parent {
        if parent.number.is_none() {
            f.error(
                "citation",
                "parent.number",
                format!(
                    "trích dẫn văn bản cấp trên chưa có số: «{}»",
                    parent.citation()
                ),
            );
        }
        if parent.date.is_none() {
            f.error(
                "citation",
                "parent.date",
                format!(
                    "trích dẫn văn bản cấp trên chưa có ngày ban hành: «{}»",
                    parent.citation()
                ),
            );
        }
    }
}

fn text(s: &str, path: &str, has_parent: bool, f: &mut Findings) {
    let live = |name: &str| has_parent && crate::template::LIVE.contains(&name);
    for (name, what) in placeholders_in(s).into_iter().filter(|(n, _)| !live(n)) {
        f.error(
            "unfilled",
            path,
            format!("chỗ trống {{{name}}} ({what}) chưa được điền"),
        );
        if let Some(last) = f.0.last_mut() {
            last.hints.push(if name.starts_with("parent.") {
                "Nhập văn bản cấp trên ở thẻ Thông tin chung".into()
            } else if name == "blank" {
                "Viết nội dung thay cho chỗ trống".into()
            } else {
                "Điền hồ sơ đơn vị trong Thiết lập: chỗ trống sẽ tự điền theo".into()
            });
        }
    }
    if let Some(at) = citation_without_number(s) {
        f.error(
            "citation",
            path,
            format!("trích dẫn văn bản thiếu số: «{}»", around(s, at)),
        );
    }
}

/// The known placeholders left in a text, with what each stands for.
fn placeholders_in(s: &str) -> Vec<(&'static str, &'static str)> {
    crate::template::PLACEHOLDERS
        .iter()
        .filter(|(name, _)| s.contains(&format!("{{{name}}}")))
        .map(|(name, what)| (*name, what.split(':').next().unwrap_or(what)))
        .collect()
}

/// Where `số /KH-UBND` (a number left out before its symbol) starts.
fn citation_without_number(s: &str) -> Option<usize> {
    let folded = s.to_lowercase();
    let mut from = 0;
    while let Some(i) = folded[from..].find("số") {
        let at = from + i;
        let rest = folded[at + "số".len()..].trim_start_matches([' ', '\u{a0}']);
        if rest.starts_with('/') {
            return Some(at);
        }
        from = at + "số".len();
    }
    None
}

/// About 30 characters each side of byte `at`, for the message, widened to whole
/// words (a finding never quotes «n Hưng… Ủy ban nhân dâ»).
fn around(s: &str, at: usize) -> String {
    let start = s[..at].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
    let start = if start == 0 {
        0
    } else {
        s[..start].rfind(char::is_whitespace).map_or(0, |i| i + 1)
    };
    let end = s[at..]
        .char_indices()
        .nth(30)
        .map_or(s.len(), |(i, _)| at + i);
    let end = if end == s.len() {
        end
    } else {
        s[end..]
            .find(char::is_whitespace)
            .map_or(s.len(), |i| end + i)
    };
    let mut quote = s[start..end].trim().to_owned();
    if start > 0 {
        quote.insert(0, '…');
    }
    if end < s.len() {
        quote.push('…');
    }
    quote
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_whole_words() {
        let s = "Thực hiện Kế hoạch số /KH-UBND của Ủy ban nhân dân xã An Hưng về chuyển đổi số năm 2026";
        let at = s.find("số /").unwrap();
        let q = around(s, at);
        assert!(q.starts_with("Thực hiện Kế"), "{q}");
        for word in q.trim_matches('…').split_whitespace() {
            assert!(s.split_whitespace().any(|w| w == word), "«{word}» in «{q}»");
        }
    }
}
