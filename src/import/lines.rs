//! From raw lines to paragraphs: the damage text extraction does to a document
//! undone, and nothing of the document dropped.
//!
//! Extracted text breaks lines inside sentences, leaves stray spaces at line ends,
//! puts page numbers alone on a line, marks emphasis with `*`, and mixes decomposed
//! and precomposed Vietnamese. Lines are normalised to NFC and cleaned; then lines
//! are joined into paragraphs: a line continues the paragraph before it unless it
//! starts with a label or a bullet, or the paragraph before it is finished (ends a
//! sentence, or is a short numbered heading). Readers that know more than the text
//! (a DOCX paragraph is whole; a PDF line has a width and a weight) say so on the
//! line, and the joiner uses it.

use crate::text;

/// A cleaned source line with its place in the source, for messages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceLine {
    /// 1-based line of a text file, paragraph of a DOCX, or line of a PDF page.
    pub line: usize,
    /// 1-based page of a PDF; 0 for sources without pages.
    pub page: u32,
    pub text: String,
    /// The line starts further in than the text's left edge (a first-line indent).
    pub indented: bool,
    /// The whole line is bold (a heading, in documents that mark them so).
    pub bold: bool,
    /// The whole line is italic.
    pub italic: bool,
    /// The line is a whole paragraph (a DOCX paragraph): a numbered heading ends
    /// with it even when the next paragraph starts in capitals.
    pub whole: bool,
    /// Whether the line reaches the right edge of the text (wrapped by the page);
    /// `None` when the source does not say (plain text).
    pub full: Option<bool>,
    /// The line stands for the table with this index (see `import::table`).
    pub table: Option<usize>,
}

/// A paragraph joined from one or more source lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// Line of the source where the paragraph starts.
    pub line: usize,
    /// Page where it starts (0 without pages).
    pub page: u32,
    pub text: String,
    /// The paragraph stands for a table.
    pub table: Option<usize>,
}

/// Cleans one raw line: NFC, no `*` emphasis marks, no control characters, spaces
/// collapsed. `None` when nothing is left.
pub fn clean_text(raw: &str) -> Option<String> {
    let l = text::nfc(raw);
    let mut s = String::with_capacity(l.len());
    let mut space = false;
    for c in l.chars() {
        let c = match c {
            '*' => continue,
            '\u{a0}' | '\t' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
            '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{200c}' | '\u{200d}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.push(c);
    }
    (!s.is_empty()).then_some(s)
}

/// Cleans the raw text: each line through [`clean_text`], page numbers alone on a
/// line and empty lines dropped.
pub fn clean(raw: &str) -> Vec<SourceLine> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = Vec::new();
    for (i, l) in raw.lines().enumerate() {
        let Some(s) = clean_text(l) else { continue };
        if is_page_number(&s) {
            continue;
        }
        out.push(SourceLine {
            text: s,
            ..raw_line(i, l)
        });
    }
    out
}

/// Line `i` (from 0) of a text as it stands, before cleaning: its number and
/// whether it starts indented.
pub fn raw_line(i: usize, l: &str) -> SourceLine {
    SourceLine {
        line: i + 1,
        text: l.to_owned(),
        indented: l.starts_with([' ', '\t', '\u{a0}']),
        ..Default::default()
    }
}

/// A page number alone on its line (`6`, `- 6 -`, `Trang 6`).
pub fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c == '-' || c == ' ');
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// What a paragraph starts with, as far as structure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// `PHẦN I`, `Phần thứ nhất`.
    Part,
    /// `I.`
    Roman,
    /// `1.`
    Arabic,
    /// `1.1.`
    Decimal,
    /// `a)`
    Letter,
    /// `-`, `–`, `•`
    Dash,
    /// `+`
    Plus,
    /// Anything else.
    Text,
}

/// Splits a paragraph into its leading label (as written) and the rest.
pub fn split_label(s: &str) -> (Lead, &str, &str) {
    let b = s.as_bytes();
    // `PHẦN I`, `Phần II.`
    if let Some(rest) = strip_prefix_ci(s, "phần ") {
        let n = rest
            .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L'))
            .unwrap_or(rest.len());
        if n > 0 {
            let after = rest[n..].trim_start_matches(['.', ':']).trim_start();
            let label_len = s.len() - after.len();
            return (Lead::Part, s[..label_len].trim_end(), after);
        }
    }
    // Roman `I.` … `XX.` followed by a space or a capital.
    let n = s
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
        .unwrap_or(s.len());
    if n > 0 && n <= 5 && b.get(n) == Some(&b'.') && roman_value(&s[..n]).is_some() {
        let after = &s[n + 1..];
        if after.starts_with(' ') || after.chars().next().is_some_and(char::is_uppercase) {
            return (Lead::Roman, &s[..=n], after.trim_start());
        }
    }
    // `1.`, `12.`, `1.1.`, `2.2 ` (a missing final dot is common), `3.Văn phòng`.
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d1 = digits(0);
    if (1..=2).contains(&d1) && b.get(d1) == Some(&b'.') {
        let d2 = digits(d1 + 1);
        if (1..=2).contains(&d2) {
            let mut end = d1 + 1 + d2;
            // `1.1.1.`
            while b.get(end) == Some(&b'.') && (1..=2).contains(&digits(end + 1)) {
                end += 1 + digits(end + 1);
            }
            if b.get(end) == Some(&b'.') {
                end += 1;
            }
            let after = &s[end..];
            if after.starts_with(' ') || after.chars().next().is_some_and(char::is_uppercase) {
                return (Lead::Decimal, &s[..end], after.trim_start());
            }
        } else {
            let after = &s[d1 + 1..];
            if after.starts_with(' ') || after.chars().next().is_some_and(char::is_uppercase) {
                return (Lead::Arabic, &s[..=d1], after.trim_start());
            }
        }
    }
    // `a)`, `đ)`; also `f)`, `j)`, `w)`, `z)`, which Word's lettered lists show
    // (the labels are computed again from the Vietnamese alphabet).
    let mut chars = s.char_indices();
    if let (Some((_, c)), Some((i, ')'))) = (chars.next(), chars.next()) {
        if (c.is_ascii_lowercase()
            || crate::model::numbering::POINT_LETTERS
                .iter()
                .any(|l| l.starts_with(c)))
            && s[i + 1..].starts_with(' ')
        {
            return (Lead::Letter, &s[..=i], s[i + 1..].trim_start());
        }
    }
    // `i.`, `ii.`: Word's lower Roman lists, items below a point (printed `+`).
    let n = s
        .find(|c: char| !matches!(c, 'i' | 'v' | 'x'))
        .unwrap_or(s.len());
    if n > 0
        && n <= 4
        && b.get(n) == Some(&b'.')
        && s[n + 1..].starts_with(' ')
        && roman_value(&s[..n].to_uppercase()).is_some()
    {
        return (Lead::Plus, &s[..=n], s[n + 1..].trim_start());
    }
    // Bullets: `- text`, `-text`, `– text`, `• text`, `+ text`; `- + text` is a `+` item.
    for (marker, lead) in [
        ("- +", Lead::Plus),
        ("-", Lead::Dash),
        ("–", Lead::Dash),
        ("•", Lead::Dash),
        ("+", Lead::Plus),
    ] {
        if let Some(rest) = s.strip_prefix(marker) {
            // `-50%` is a number, not a bullet.
            if rest.starts_with(|c: char| c.is_ascii_digit()) && marker != "- +" {
                continue;
            }
            return (lead, marker, rest.trim_start());
        }
    }
    (Lead::Text, "", s)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let n = prefix.chars().count();
    let end = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
    (s[..end].to_lowercase() == prefix.to_lowercase()).then(|| &s[end..])
}

/// The value of a Roman numeral up to 39, if `s` is one.
pub fn roman_value(s: &str) -> Option<usize> {
    (1..40).find(|n| crate::model::numbering::roman(*n) == s)
}

/// Words a paragraph of the footer or of a task starts with, that begin a new
/// paragraph whatever came before.
const STARTERS: [&str; 10] = [
    "Nơi nhận",
    "TM.",
    "KT.",
    "TL.",
    "TUQ.",
    "Q.",
    "Thời gian hoàn thành",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Số:",
];

/// What is known of the paragraph being built, kept up to date line by line so that
/// joining stays linear in the input (rescanning the paragraph for every line made
/// a long run of capitals quadratic).
#[derive(Default)]
struct Building {
    /// A single labelled line so far (a numbered heading).
    single_labelled: bool,
    /// It starts with a label (a numbered heading, maybe wrapped).
    labelled: bool,
    /// Its letters so far are all capitals (and there is at least one).
    caps: bool,
}

/// Whether a line is in capitals: letters, none of them lower case.
fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Joins cleaned lines into paragraphs.
pub fn paragraphs(lines: &[SourceLine]) -> Vec<Paragraph> {
    let full = full_line_length(lines);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut building = Building::default();
    let mut prev: Option<&SourceLine> = None;
    for l in lines {
        let t = l.text.as_str();
        let (lead, _, _) = split_label(t);
        let line_caps = all_caps(t);
        let starts_new = match (out.last(), prev) {
            (Some(p), Some(pl)) if l.table.is_none() && pl.table.is_none() => {
                let p = p.text.as_str();
                let first = t.chars().next().unwrap_or(' ');
                let upper_start = first.is_uppercase()
                    || first.is_ascii_digit()
                    || matches!(first, '"' | '“' | '(' | '\'');
                let finished = p.ends_with(['.', ':', '!', '?', '…'])
                    || (p.ends_with(';') && lead != Lead::Text);
                if lead != Lead::Text || STARTERS.iter().any(|s| t.starts_with(s)) {
                    true
                } else if l.bold != pl.bold {
                    // A heading set in bold ends where the bold ends.
                    true
                } else if building.caps && line_caps {
                    // A heading in capitals wrapped over two lines.
                    false
                } else if pl.full == Some(false) {
                    // The line before ended short of the right edge: the author
                    // ended the paragraph there, the page did not.
                    true
                } else if pl.full == Some(true) && !finished {
                    false
                } else if finished {
                    upper_start
                } else if building.labelled && upper_start && l.indented {
                    // An indented line after a numbered heading starts its text.
                    true
                } else if building.single_labelled && upper_start && (l.whole || pl.whole) {
                    // A numbered heading that is a paragraph of its own (a DOCX).
                    true
                } else if building.single_labelled && upper_start {
                    // A numbered heading ends where its line ends, unless the line
                    // was nearly full (wrapped by the page, not by the author).
                    full.is_none_or(|f| pl.text.chars().count() * 10 < f * 7)
                } else {
                    false
                }
            }
            _ => true,
        };
        if starts_new {
            building.single_labelled =
                lead != Lead::Text && lead != Lead::Dash && lead != Lead::Plus;
            building.labelled = building.single_labelled;
            building.caps = line_caps;
            out.push(Paragraph {
                line: l.line,
                page: l.page,
                text: t.to_owned(),
                table: l.table,
            });
        } else if let Some(p) = out.last_mut() {
            building.single_labelled = false;
            building.caps &= line_caps;
            // A word broken at a hyphen (`03-` / `NQ/TU`) is joined without a space.
            if p.text.ends_with('-') && !p.text.ends_with(" -") {
                p.text.push_str(t);
            } else {
                p.text.push(' ');
                p.text.push_str(t);
            }
        }
        prev = Some(l);
    }
    out
}

/// The length of a full line when the text was wrapped by a page (the 75th
/// percentile of line lengths); `None` for text with one paragraph per line.
fn full_line_length(lines: &[SourceLine]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|n| *n > 20)
        .collect();
    if lens.len() < 8 {
        return None;
    }
    lens.sort_unstable();
    let p75 = lens[lens.len() * 3 / 4];
    (p75 <= 130).then_some(p75)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<String> {
        paragraphs(&clean(s)).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn labels() {
        assert_eq!(split_label("I. MỤC TIÊU").0, Lead::Roman);
        assert_eq!(split_label("IV. TỔ CHỨC").1, "IV.");
        assert_eq!(split_label("1. Mục đích").2, "Mục đích");
        assert_eq!(split_label("3.Văn phòng").0, Lead::Arabic);
        assert_eq!(split_label("1.1. Cập nhật").0, Lead::Decimal);
        assert_eq!(split_label("2.2 Rà soát").1, "2.2");
        assert_eq!(split_label("đ) Chính quyền số").0, Lead::Letter);
        assert_eq!(split_label("- Xây dựng").0, Lead::Dash);
        assert_eq!(split_label("- + Sở Du lịch").0, Lead::Plus);
        assert_eq!(split_label("PHẦN II. KẾT QUẢ").0, Lead::Part);
        assert_eq!(split_label("2022. Triển khai").0, Lead::Text);
        assert_eq!(split_label("1.000 doanh nghiệp").0, Lead::Text);
        assert_eq!(split_label("In ấn").0, Lead::Text);
        assert_eq!(split_label("-50% chi phí").0, Lead::Text);
        assert_eq!(split_label("f) Rà soát").0, Lead::Letter);
        assert_eq!(split_label("ii. Báo cáo năm").0, Lead::Plus);
        assert_eq!(split_label("in ấn").0, Lead::Text);
    }

    #[test]
    fn joins_broken_lines_and_keeps_headings() {
        let p = paras(
            "b) Triển khai cơ chế, chính sách \n\n100% các cơ quan triển khai kế \n\nhoạch chuyển đổi số. \n6\n- Tăng cường\ncông tác. \n",
        );
        assert_eq!(
            p,
            vec![
                "b) Triển khai cơ chế, chính sách",
                "100% các cơ quan triển khai kế hoạch chuyển đổi số.",
                "- Tăng cường công tác.",
            ]
        );
    }

    #[test]
    fn nfc_and_emphasis() {
        let p = paras("a) *Đa\u{302}\u{309}y mạnh*\n");
        assert_eq!(p, vec!["a) Đẩy mạnh"]);
    }

    #[test]
    fn hyphenated_words_join() {
        let p = paras("Nghị quyết số 03-\nNQ/TU ngày 26/10/2021\n");
        assert_eq!(p, vec!["Nghị quyết số 03-NQ/TU ngày 26/10/2021"]);
    }
}
