//! The preamble (căn cứ): legal bases, the parent plan cited among them, and the
//! sentence that introduces the body.

use super::lines::Paragraph;
use super::{split_top_level, strip_folded_prefix, ImportNote};
use crate::model::{DocumentKind, DocumentRef, Plan};
use crate::text::fold;
use chrono::NaiveDate;

pub(super) fn preamble(paras: &[Paragraph], plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    if paras.is_empty() {
        return;
    }
    let text = paras
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // The implementing sentence: from the last `Ủy ban nhân dân`/`UBND` that opens a
    // clause to the end (`… ban hành Kế hoạch …, cụ thể như sau:`).
    let mut intro_at = None;
    for pat in ["Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND"] {
        for (i, _) in text.match_indices(pat) {
            let before = text[..i].trim_end();
            if before.is_empty() || before.ends_with([',', ';', '.', ':']) {
                intro_at = intro_at.max(Some(i));
            }
        }
    }
    let (bases, intro) = match intro_at {
        Some(i) if fold(&text[i..]).contains("ke hoach") || text.trim_end().ends_with(':') => {
            (text[..i].trim(), text[i..].trim())
        }
        _ if text.trim_end().ends_with(':') => ("", text.trim()),
        _ => (text.trim(), ""),
    };
    plan.intro = intro.to_owned();
    let mut clauses: Vec<String> = split_top_level(bases, ';')
        .into_iter()
        .map(|c| c.trim().trim_end_matches([',', ';', '.']).trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    // The parent plan: the last clause when it cites a plan of another agency.
    if let Some(last) = clauses.last() {
        if let Some(parent) = parse_citation(last) {
            if parent.kind == DocumentKind::KeHoach && !parent.agency.is_empty() {
                plan.parent = Some(parent);
                clauses.pop();
            }
        }
    }
    if plan.parent.is_none() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "no_parent",
            line: paras[0].line,
            page: paras[0].page,
            message: "không nhận ra kế hoạch cấp trên trong phần căn cứ".into(),
            ..Default::default()
        });
    }
    plan.legal_bases = clauses;
}

/// A document's number and symbol as written: `215/KH-UBND`, `/KH-UBND` (not yet
/// numbered), or `215-KH-UBND` (a hyphen for the slash, as some offices type it).
pub(super) fn number_and_symbol(token: &str) -> Option<(Option<u32>, String)> {
    let token = token.trim().trim_end_matches([',', ';', '.']);
    if let Some((n, sym)) = token.split_once('/') {
        return Some((n.trim().parse().ok(), sym.trim().to_owned()));
    }
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let rest = token[digits..].strip_prefix('-')?;
    ((1..=5).contains(&digits) && rest.starts_with(|c: char| c.is_alphabetic()))
        .then(|| (token[..digits].parse().ok(), rest.to_owned()))
}

/// The date after «ngày» in a citation, in figures (`25/8/2025`, `25-8-2025`,
/// `25.8.2025`) or in words (`05 tháng 6 năm 2023`), and how many bytes of `s` it
/// took; a date that is not one takes its first word.
fn citation_date(s: &str) -> (Option<NaiveDate>, usize) {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .take(5)
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    let end_of = |i: usize| words.get(i).map_or(s.len(), |(at, w)| at + w.len());
    let number = |w: &str| w.trim_end_matches([',', ';', '.']).parse::<u32>().ok();
    // In words: «05 tháng 6 năm 2023», or with the day and month left blank for
    // the clerk («ngày   tháng   năm 2023»): through the year either way.
    let at = |word: &str| words.iter().position(|(_, w)| fold(w) == word);
    if let (Some(t), Some(n)) = (at("thang"), at("nam")) {
        let year = words.get(n + 1).and_then(|(_, y)| number(y));
        if t < n && t <= 1 && year.is_some() {
            let day = t.checked_sub(1).and_then(|i| number(words[i].1));
            let month = (n == t + 2).then(|| number(words[t + 1].1)).flatten();
            let date = match (day, month, year) {
                (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            };
            return (date, end_of(n + 1));
        }
    }
    let Some((_, first)) = words.first() else {
        return (None, 0);
    };
    let p: Vec<Option<u32>> = first
        .trim_end_matches([',', ';'])
        .split(['/', '-', '.'])
        .map(number)
        .collect();
    let date = match p.as_slice() {
        [Some(d), Some(m), Some(y)] => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    };
    (date, end_of(0))
}

/// `Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố
/// Hải Phòng về chuyển đổi số …` → its parts.
pub fn parse_citation(clause: &str) -> Option<DocumentRef> {
    let mut s = clause.trim();
    for lead in ["Thực hiện", "Căn cứ", "Theo"] {
        if let Some(rest) = s.strip_prefix(lead) {
            s = rest.trim_start();
        }
    }
    let kinds = [
        DocumentKind::KeHoach,
        DocumentKind::QuyetDinh,
        DocumentKind::ChuongTrinh,
        DocumentKind::HuongDan,
        DocumentKind::ThongBao,
        DocumentKind::BaoCao,
    ];
    let kind = kinds.into_iter().find(|k| {
        fold(s).starts_with(&format!("{} so", fold(k.name())))
            || fold(s).starts_with(&format!("{} ", fold(k.name())))
    })?;
    let mut rest = strip_folded_prefix(s, &fold(kind.name()))?;
    let mut r = DocumentRef {
        kind,
        ..Default::default()
    };
    rest = rest.trim_start();
    if let Some(after) = strip_folded_prefix(rest, "so").filter(|a| a.starts_with(' ')) {
        let after = after.trim_start();
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        let token = &after[..end];
        match number_and_symbol(token) {
            Some((n, sym)) => {
                r.number = n;
                r.symbol = sym;
            }
            None => r.symbol = token.to_owned(),
        }
        rest = after[end..].trim_start();
    }
    if let Some(after) = strip_folded_prefix(rest, "ngay").filter(|a| a.starts_with(' ')) {
        let after = after.trim_start();
        let (date, used) = citation_date(after);
        r.date = date;
        rest = after[used..].trim_start();
    }
    if let Some(after) = rest.strip_prefix("của") {
        let after = after.trim_start();
        match after.find(" về ") {
            Some(v) => {
                r.agency = after[..v].trim().to_owned();
                rest = &after[v + 1..];
            }
            None => {
                r.agency = after.trim().to_owned();
                rest = "";
            }
        }
    }
    if let Some(after) = rest.strip_prefix("về") {
        let t = after.trim();
        let mut c = t.chars();
        r.title = match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        };
    }
    (r.number.is_some() || !r.symbol.is_empty()).then_some(r)
}
