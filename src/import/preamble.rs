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
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        let p: Vec<&str> = after[..end].split('/').collect();
        if p.len() == 3 {
            r.date =
                NaiveDate::from_ymd_opt(p[2].parse().ok()?, p[1].parse().ok()?, p[0].parse().ok()?);
        }
        rest = after[end..].trim_start();
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
