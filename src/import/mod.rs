//! Import (nhập kế hoạch): plans as they arrive (text extracted from a PDF or a
//! DOCX, or a DOCX itself) turned into the structured model that inheritance uses.
//!
//! The pipeline: raw text → cleaned lines ([`lines::clean`]) → header block and
//! title (line by line, before the document kind) → paragraphs joined across the
//! broken lines ([`lines::paragraphs`]) → preamble (legal bases, the parent plan,
//! the implementing sentence) → the numbered tree, targets and tasks → the closing
//! `./.`, recipients and signature (line by line again: the footer's two columns
//! come out of extraction as short lines that must not be joined).
//!
//! Nothing of the document is dropped: what is not recognised stays as text in
//! its place, and every guess the importer makes is reported as an [`ImportNote`]
//! with its line.

pub mod docx;
pub mod lines;
pub mod targets;

use crate::model::{
    numbering, Agency, Authority, Block, BulletMarker, DocumentKind, DocumentRef, LevelStyle,
    Period, Plan, Section, Signature, Target, Task, TaskLayout,
};
use crate::text::fold;
use crate::{Error, Result};
use chrono::NaiveDate;
use lines::{split_label, Lead, Paragraph, SourceLine};

/// A plan read from a document, with what the importer had to guess.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Imported {
    pub plan: Plan,
    pub notes: Vec<ImportNote>,
}

/// Something the officer should review: a line of the source and what happened.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImportNote {
    /// 1-based line (or paragraph, for DOCX) of the source; 0 for the whole file.
    pub line: usize,
    pub message: String,
}

/// Reads a plan from a file by its extension: `.txt` (text extracted from a PDF or
/// DOCX) or `.docx`.
pub fn import_file(path: &std::path::Path) -> Result<Imported> {
    let name = path.display().to_string();
    // An unsupported extension is said as such, before the file is looked for.
    let ext = extension(&name);
    if !READABLE.contains(&ext.as_str()) {
        return Err(unsupported(&name, ext));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(&name, e))?;
    import_bytes(&bytes, &name)
}

/// The extensions the importer reads.
const READABLE: &[&str] = &["txt", "text", "docx"];

fn unsupported(name: &str, extension: String) -> Error {
    Error::UnsupportedFormat {
        file: name.to_owned(),
        extension,
        purpose: "nhập được: .txt, .docx".into(),
    }
}

fn extension(name: &str) -> String {
    std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Reads a plan from the content of a file named `name` (the extension decides how).
pub fn import_bytes(bytes: &[u8], name: &str) -> Result<Imported> {
    let ext = extension(name);
    match ext.as_str() {
        "txt" | "text" => {
            let text = decode_text(bytes, name)?;
            import_text(&text, name)
        }
        "docx" => import_docx(bytes, name),
        _ => Err(unsupported(name, ext)),
    }
}

/// UTF-8 (with or without BOM) or UTF-16 with BOM, as Windows Notepad saves.
fn decode_text(bytes: &[u8], name: &str) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return Ok(String::from_utf16_lossy(&units));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Ok(String::from_utf16_lossy(&units));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(Error::Invalid(format!(
                "{name}: dòng {line}: tệp không phải văn bản Unicode (UTF-8); hãy lưu lại với bảng mã UTF-8"
            )))
        }
    }
}

/// Reads a DOCX: its paragraphs in order (table cells row by row), then as text.
pub fn import_docx(bytes: &[u8], name: &str) -> Result<Imported> {
    let paragraphs = docx::paragraphs(bytes, name)?;
    import_text(&paragraphs.join("\n"), name)
}

/// Reads a plan from text as extracted from an official document.
pub fn import_text(raw: &str, name: &str) -> Result<Imported> {
    let lines = lines::clean(raw);
    if lines.is_empty() {
        return Err(Error::Invalid(format!("{name}: tệp không có nội dung")));
    }
    let mut notes = Vec::new();
    let mut plan = Plan::empty(Agency::default(), "", 0);
    plan.symbol = String::new();

    // Header block and title, line by line.
    let (header_end, kind_at) = header(&lines, &mut plan, &mut notes);
    let mut year_hint = plan.date.map(|d| chrono::Datelike::year(&d));
    if year_hint.is_none() {
        year_hint = header_year(&lines[..header_end]);
    }

    // Footer: from `Nơi nhận` (or the signature) to the end; appendices after it.
    let footer_at = footer_start(&lines, header_end);
    let appendix_at = lines[footer_at..]
        .iter()
        .position(|l| is_appendix_caption(&l.text))
        .map(|p| footer_at + p)
        .unwrap_or(lines.len());
    footer(&lines[footer_at..appendix_at], &mut plan, &mut notes);

    let paras = lines::paragraphs(&lines[header_end..footer_at]);
    let body_start = paras
        .iter()
        .position(|p| matches!(split_label(&p.text).0, Lead::Part | Lead::Roman))
        .or_else(|| {
            paras
                .iter()
                .position(|p| fold(&p.text).trim_end().ends_with("nhu sau:"))
                .map(|i| i + 1)
        })
        .unwrap_or(0);
    preamble(&paras[..body_start], &mut plan, &mut notes);

    // The closing `./.`: the last paragraph that carries it.
    let mut body: Vec<Paragraph> = paras[body_start..].to_vec();
    if let Some(at) = body.iter().rposition(|p| p.text.contains("./.")) {
        let p = &body[at];
        let text = p
            .text
            .trim_end()
            .trim_end_matches("./.")
            .trim_end()
            .to_owned();
        if split_label(&p.text).0 == Lead::Text && at + 1 == body.len() {
            plan.closing = text;
            body.pop();
        } else {
            body[at].text = text;
            notes.push(ImportNote {
                line: body[at].line,
                message:
                    "dấu kết thúc «./.» nằm trong một mục đánh số: câu kết thúc để trống, cần soạn"
                        .into(),
            });
        }
    } else {
        notes.push(ImportNote {
            line: 0,
            message: "không thấy dấu kết thúc «./.»".into(),
        });
    }

    // Agency and period, from the header, the implementing sentence and the title.
    infer_agency(&mut plan, &mut notes);
    infer_period(&mut plan, year_hint, &mut notes);
    if kind_at.is_none() {
        notes.push(ImportNote {
            line: lines[0].line,
            message: "không thấy tên loại văn bản (KẾ HOẠCH): coi là kế hoạch".into(),
        });
    }

    let tree = build_tree(&body, &mut plan.numbering, &mut notes);
    plan.sections = tree;
    extract_tasks(&mut plan, &mut notes);
    extract_targets(&mut plan);
    if appendix_at < lines.len() {
        appendices(&lines[appendix_at..], &mut plan);
    }
    plan.assign_ids();
    Ok(Imported { plan, notes })
}

// ---------------------------------------------------------------------------
// Header block and title.

/// Parses the lines before the body: agency lines, number, place and date, the
/// document kind and the summary. Returns where the body starts and the line
/// index of the kind.
fn header(
    lines: &[SourceLine],
    plan: &mut Plan,
    notes: &mut Vec<ImportNote>,
) -> (usize, Option<usize>) {
    let limit = lines.len().min(30);
    let kind_at = lines[..limit]
        .iter()
        .position(|l| kind_line(&l.text).is_some());
    let Some(k) = kind_at else {
        return (0, None);
    };
    plan.kind = kind_line(&lines[k].text).unwrap_or_default();
    let mut caps: Vec<String> = Vec::new();
    for l in &lines[..k] {
        let mut t = l.text.clone();
        for national in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ] {
            t = t.replace(national, " ");
        }
        if let Some(at) = t.find("Độc lập") {
            let end = t[at..]
                .find("Hạnh phúc")
                .map(|e| at + e + "Hạnh phúc".len())
                .unwrap_or(t.len());
            t.replace_range(at..end, " ");
        }
        // `Số: 05/KH-UBND   Cát Hải, ngày … năm 2022` may share a line.
        if let Some(at) = t.find("Số:") {
            let rest = t[at + "Số:".len()..].to_owned();
            t.truncate(at);
            let rest = number_and_symbol(&rest, plan);
            place_and_date(&rest, plan);
        } else if t.contains(", ngày") || fold(&t).contains(", ngay") {
            place_and_date(&t, plan);
            t.clear();
        }
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() && !t.chars().any(char::is_lowercase) {
            caps.push(t);
        } else if !t.is_empty() {
            notes.push(ImportNote {
                line: l.line,
                message: format!("dòng đầu văn bản không nhận ra, bỏ qua: «{t}»"),
            });
        }
    }
    agency_from_caps(&caps, plan);
    // The summary: the lines after the kind, up to the preamble.
    let mut title = Vec::new();
    let mut end = k + 1;
    while end < lines.len() && title.len() < 4 {
        let t = &lines[end].text;
        let f = fold(t);
        // `Thực hiện Kế hoạch số 86/KH-UBND ngày …` opens the preamble; a summary may
        // start with the same words (`Thực hiện chương trình phối hợp …`) but cites
        // no document.
        let cites = t.contains('/') || fold(t).contains("ngay ");
        if split_label(t).0 != Lead::Text
            || ["can cu", "uy ban", "ubnd"]
                .iter()
                .any(|s| f.starts_with(s))
            || (["thuc hien", "theo ", "trien khai"]
                .iter()
                .any(|s| f.starts_with(s))
                && cites)
        {
            break;
        }
        title.push(t.trim().to_owned());
        end += 1;
    }
    plan.title = title.join(" ");
    if plan.title.is_empty() {
        notes.push(ImportNote {
            line: lines[k].line,
            message: "không thấy trích yếu dưới tên loại văn bản".into(),
        });
    }
    (end, Some(k))
}

fn kind_line(t: &str) -> Option<DocumentKind> {
    let t = t.trim();
    if t.chars().any(char::is_lowercase) {
        return None;
    }
    DocumentKind::from_name(t).filter(|k| *k != DocumentKind::CongVan)
}

/// `  05/KH-UBND rest` → number 5, symbol `KH-UBND`; returns the rest.
fn number_and_symbol(s: &str, plan: &mut Plan) -> String {
    let s = s.trim_start();
    let Some(slash) = s.find('/') else {
        return s.to_owned();
    };
    let number = s[..slash].trim();
    let after = &s[slash + 1..];
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    plan.number = number.parse().ok();
    plan.symbol = after[..end].to_owned();
    after[end..].to_owned()
}

/// `Cát Hải, ngày 05 tháng 02 năm 2022` (blanks allowed).
fn place_and_date(s: &str, plan: &mut Plan) {
    let Some(comma) = s.find(',') else { return };
    let place = s[..comma].trim();
    if !place.is_empty() {
        plan.place = place.to_owned();
    }
    let f = fold(&s[comma..]);
    let words: Vec<&str> = f.split_whitespace().collect();
    let after = |w: &str| -> Option<u32> {
        let i = words.iter().position(|x| *x == w)?;
        words.get(i + 1)?.trim_end_matches('.').parse().ok()
    };
    if let (Some(d), Some(m), Some(y)) = (after("ngay"), after("thang"), after("nam")) {
        plan.date = NaiveDate::from_ymd_opt(y as i32, m, d);
    }
}

fn header_year(lines: &[SourceLine]) -> Option<i32> {
    lines.iter().find_map(|l| {
        let f = fold(&l.text);
        let i = f.find("nam ")?;
        f[i + 4..]
            .split_whitespace()
            .next()?
            .parse()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// Agency lines in capitals: `UBND THÀNH PHỐ HẢI PHÒNG` / `ỦY BAN NHÂN DÂN` /
/// `HUYỆN CÁT HẢI` (supervising first when there are more than the issuing body's).
fn agency_from_caps(caps: &[String], plan: &mut Plan) {
    if caps.is_empty() {
        return;
    }
    let issuing_from = caps
        .iter()
        .rposition(|c| {
            let f = fold(c);
            f.starts_with("uy ban nhan dan") || f.starts_with("ubnd")
        })
        .unwrap_or(0);
    if issuing_from > 0 {
        plan.agency.supervising = caps[..issuing_from].join(" ");
    }
    let name = caps[issuing_from..].join(" ");
    plan.agency.name = sentence_case_agency(&name);
}

/// `ỦY BAN NHÂN DÂN HUYỆN CÁT HẢI` → `Ủy ban nhân dân huyện Cát Hải`.
fn sentence_case_agency(caps: &str) -> String {
    let lower = crate::text::nfc(&caps.to_lowercase());
    let f = fold(&lower);
    let (head, rest) = if f.starts_with("uy ban nhan dan") {
        let n = "ủy ban nhân dân".chars().count();
        let cut = lower
            .char_indices()
            .nth(n)
            .map(|(i, _)| i)
            .unwrap_or(lower.len());
        ("Ủy ban nhân dân".to_owned(), lower[cut..].trim().to_owned())
    } else if let Some(rest) = strip_folded_prefix(&lower, "ubnd") {
        ("UBND".to_owned(), rest.trim().to_owned())
    } else {
        return capitalize_words(&lower);
    };
    let mut out = head;
    if rest.is_empty() {
        return out;
    }
    // The tier word stays lower case; the place name is capitalised.
    let rf = fold(&rest);
    let tier = crate::inherit::TIER_WORDS
        .iter()
        .filter(|t| rf.starts_with(*t) && rf[t.len()..].starts_with([' ']) || rf == **t)
        .max_by_key(|t| t.len());
    out.push(' ');
    match tier {
        Some(t) => {
            let n = t.chars().count();
            let cut = rest
                .char_indices()
                .nth(n)
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            out.push_str(&rest[..cut]);
            let name = rest[cut..].trim();
            if !name.is_empty() {
                out.push(' ');
                out.push_str(&capitalize_words(name));
            }
        }
        None => out.push_str(&capitalize_words(&rest)),
    }
    out
}

fn capitalize_words(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` after its first characters whose folded form is `prefix` (`Nơi nhận`,
/// `NOI NHAN`, `Noi nhan` all strip `noi nhan`): byte lengths differ between the
/// written forms, so the cut is found character by character.
fn strip_folded_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let ends = s.char_indices().map(|(i, _)| i).skip(1).chain([s.len()]);
    for end in ends {
        let f = fold(&s[..end]);
        if f == prefix {
            return Some(&s[end..]);
        }
        if f.len() > prefix.len() || !prefix.starts_with(&f) {
            return None;
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Preamble: legal bases, the parent plan, the implementing sentence.

fn preamble(paras: &[Paragraph], plan: &mut Plan, notes: &mut Vec<ImportNote>) {
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
            line: paras[0].line,
            message: "không nhận ra kế hoạch cấp trên trong phần căn cứ".into(),
        });
    }
    plan.legal_bases = clauses;
}

/// Splits at `sep` outside parentheses.
fn split_top_level(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
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
        if let Some((n, sym)) = token.split_once('/') {
            r.number = n.parse().ok();
            r.symbol = sym.to_owned();
        } else {
            r.symbol = token.to_owned();
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

// ---------------------------------------------------------------------------
// Agency and period.

fn infer_agency(plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let title = plan.title.clone();
    if plan.agency.name.is_empty() {
        // `Ủy ban nhân dân quận ban hành …` / `Ủy ban nhân dân thành phố Hải Phòng xây dựng …`
        let intro = plan.intro.clone();
        let f = fold(&intro);
        let start = ["uy ban nhan dan ", "ubnd "]
            .iter()
            .find_map(|p| f.strip_prefix(p).map(|r| (f.len() - r.len(), *p)));
        if let Some((at, _)) = start {
            let words: Vec<&str> = intro[char_offset(&intro, &f, at)..]
                .split_whitespace()
                .collect();
            let fw: Vec<String> = words.iter().map(|w| fold(w)).collect();
            let stop = fw
                .iter()
                .position(|w| matches!(w.as_str(), "ban" | "xay" | "yeu" | "trien" | "to"))
                .unwrap_or(words.len().min(4));
            let tier_and_name = words[..stop].join(" ");
            plan.agency.name = format!("Ủy ban nhân dân {tier_and_name}").trim().to_owned();
        }
    }
    let name_f = fold(&plan.agency.name);
    let rest = name_f
        .strip_prefix("uy ban nhan dan ")
        .or_else(|| name_f.strip_prefix("ubnd "))
        .unwrap_or("");
    let tier = crate::inherit::TIER_WORDS
        .iter()
        .filter(|t| rest == **t || rest.starts_with(&format!("{t} ")))
        .max_by_key(|t| t.len());
    if let Some(t) = tier {
        plan.agency.tier = plan
            .agency
            .name
            .split_whitespace()
            .skip(if fold(&plan.agency.name).starts_with("ubnd") {
                1
            } else {
                4
            })
            .take(t.split(' ').count())
            .collect::<Vec<_>>()
            .join(" ");
        // `Ủy ban nhân dân quận` without its name: the name follows the tier word in
        // the summary (`Chuyển đổi số quận Hải An năm 2024`).
        if rest == *t {
            let tf = format!(" {}", fold(&title));
            let key = format!(" {t} ");
            if let Some(i) = tf.find(&key).map(|i| i.saturating_sub(1)) {
                let from = char_offset(&title, &tf, i + key.len());
                let name: Vec<&str> = title[from..]
                    .split_whitespace()
                    .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .collect();
                if !name.is_empty() {
                    plan.agency.name = format!("{} {}", plan.agency.name, name.join(" "));
                }
            }
        }
    }
    if plan.agency.name.is_empty() {
        notes.push(ImportNote {
            line: 0,
            message: "không nhận ra cơ quan ban hành".into(),
        });
    }
    if plan.place.is_empty() {
        // The place is the unit's name (`Cát Hải`) when the header does not print it.
        let words: Vec<&str> = plan.agency.name.split_whitespace().collect();
        let skip = 4 + plan.agency.tier.split_whitespace().count();
        if words.len() > skip {
            plan.place = words[skip..].join(" ");
        }
    }
    if plan.symbol.is_empty() {
        plan.symbol = match plan.kind.abbreviation() {
            Some(a) => format!("{a}-UBND"),
            None => "UBND".into(),
        };
    }
}

/// The byte offset in `original` of the character at byte `at` of its folded form
/// (folding keeps one character per character for Vietnamese letters).
fn char_offset(original: &str, folded: &str, at: usize) -> usize {
    let n = folded[..at].chars().count();
    original
        .char_indices()
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or(original.len())
}

fn infer_period(plan: &mut Plan, year_hint: Option<i32>, notes: &mut Vec<ImportNote>) {
    let f = fold(&plan.title);
    let words: Vec<&str> = f
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y));
    for (i, w) in words.iter().enumerate() {
        if *w == "doan" || *w == "giai" {
            let ys: Vec<i32> = words[i + 1..]
                .iter()
                .flat_map(|w| w.split('-'))
                .filter_map(year)
                .take(2)
                .collect();
            if ys.len() == 2 {
                plan.period = Period::Years {
                    from: ys[0],
                    to: ys[1],
                };
                return;
            }
        }
    }
    let title_year = words
        .windows(2)
        .filter(|w| w[0] == "nam")
        .find_map(|w| year(w[1]));
    match title_year.or(year_hint) {
        Some(y) => plan.period = Period::Year { year: y },
        None => {
            let y = plan
                .parent
                .as_ref()
                .and_then(|p| p.date)
                .map(|d| chrono::Datelike::year(&d))
                .unwrap_or(2000);
            plan.period = Period::Year { year: y };
            notes.push(ImportNote {
                line: 0,
                message: format!("không thấy năm của kế hoạch; tạm lấy năm {y}"),
            });
        }
    }
}

// ---------------------------------------------------------------------------
// The numbered tree.

fn style_of(lead: Lead) -> Option<LevelStyle> {
    match lead {
        Lead::Part => Some(LevelStyle::Part),
        Lead::Roman => Some(LevelStyle::Roman),
        Lead::Arabic => Some(LevelStyle::Arabic),
        Lead::Decimal => Some(LevelStyle::Decimal),
        Lead::Letter => Some(LevelStyle::Letter),
        _ => None,
    }
}

/// Builds the section tree from the body paragraphs. The numbering scheme is the
/// styles in the order the document nests them; labels are recomputed by the
/// model, so a skipped or repeated number in the source is noted.
fn build_tree(
    body: &[Paragraph],
    scheme: &mut Vec<LevelStyle>,
    notes: &mut Vec<ImportNote>,
) -> Vec<Section> {
    scheme.clear();
    let mut root: Vec<Section> = Vec::new();
    // Path of indices from the root to the open section.
    let mut path: Vec<usize> = Vec::new();
    let mut expected: Vec<usize> = Vec::new();
    for p in body {
        let (lead, label, rest) = split_label(&p.text);
        if let Some(style) = style_of(lead) {
            let depth = match scheme.iter().position(|s| *s == style) {
                Some(d) if d <= path.len() => d,
                _ => {
                    let d = path.len();
                    if d < scheme.len() {
                        notes.push(ImportNote {
                            line: p.line,
                            message: format!(
                                "«{label}» nằm ở cấp đã đánh số kiểu khác; số thứ tự sẽ được tính lại"
                            ),
                        });
                        d
                    } else {
                        scheme.push(style);
                        d
                    }
                }
            };
            path.truncate(depth);
            expected.truncate(depth + 1);
            // Numbering checks: the source's number against the position.
            let ordinal = label_ordinal(style, label);
            let next = expected.get(depth).copied().unwrap_or(0) + 1;
            if let Some(o) = ordinal {
                if o != next {
                    notes.push(ImportNote {
                        line: p.line,
                        message: format!(
                            "«{label}» không liền sau mục trước; số thứ tự sẽ được tính lại"
                        ),
                    });
                }
            }
            if expected.len() <= depth {
                expected.resize(depth + 1, 0);
            }
            expected[depth] = next;
            let siblings = children_at(&mut root, &path);
            siblings.push(Section {
                heading: rest.trim().to_owned(),
                numbered: true,
                ..Default::default()
            });
            let i = siblings.len() - 1;
            path.push(i);
            continue;
        }
        let block_text = rest.trim().to_owned();
        let siblings_path = path.clone();
        let target = if siblings_path.is_empty() {
            // Text before any heading: an unnumbered section keeps it in place.
            if root.is_empty() {
                root.push(Section {
                    heading: String::new(),
                    numbered: false,
                    ..Default::default()
                });
            }
            let last = root.len() - 1;
            path.push(last);
            let s = section_at(&mut root, &path);
            path.pop();
            s
        } else {
            section_at(&mut root, &siblings_path)
        };
        push_text(target, lead, &block_text);
    }
    root
}

fn label_ordinal(style: LevelStyle, label: &str) -> Option<usize> {
    let l = label.trim_end_matches(['.', ')']);
    match style {
        LevelStyle::Roman => lines::roman_value(l),
        LevelStyle::Part => lines::roman_value(l.split_whitespace().last()?),
        LevelStyle::Arabic => l.parse().ok(),
        LevelStyle::Decimal => l.rsplit('.').next()?.parse().ok(),
        LevelStyle::Letter => numbering::POINT_LETTERS
            .iter()
            .position(|x| *x == l)
            .map(|i| i + 1),
        _ => None,
    }
}

fn children_at<'a>(root: &'a mut Vec<Section>, path: &[usize]) -> &'a mut Vec<Section> {
    let mut v = root;
    for i in path {
        v = &mut v[*i].children;
    }
    v
}

fn section_at<'a>(root: &'a mut [Section], path: &[usize]) -> &'a mut Section {
    let (first, rest) = path.split_first().expect("a non-empty path");
    let mut s = &mut root[*first];
    for i in rest {
        s = &mut s.children[*i];
    }
    s
}

/// Adds a paragraph or a bullet item to a section, after its children's blocks
/// when it has children (text after sub-points belongs to the last sub-point).
fn push_text(section: &mut Section, lead: Lead, text: &str) {
    let marker = match lead {
        Lead::Dash => Some(BulletMarker::Dash),
        Lead::Plus => Some(BulletMarker::Plus),
        _ => None,
    };
    match marker {
        Some(m) => match section.blocks.last_mut() {
            Some(Block::Bullets { items, marker }) if *marker == m => items.push(text.to_owned()),
            _ => section.blocks.push(Block::Bullets {
                items: vec![text.to_owned()],
                marker: m,
            }),
        },
        None => section.blocks.push(Block::Paragraph {
            text: text.to_owned(),
        }),
    }
}

// ---------------------------------------------------------------------------
// Tasks: points with `Thời gian hoàn thành`, `Đơn vị chủ trì`, `Đơn vị phối hợp`.

const DEADLINE: &str = "thoi gian hoan thanh";
const LEAD: &str = "don vi chu tri";
const PARTNERS: &str = "don vi phoi hop";

/// Which task field a line opens, and the value after `:` (or `,`).
fn task_field(item: &str) -> Option<(&'static str, String)> {
    let f = fold(item);
    for key in [DEADLINE, LEAD, PARTNERS] {
        if f.starts_with(key) {
            let n = key.chars().count();
            let rest: String = item.chars().skip(n).collect();
            let rest = rest.trim_start_matches([':', ',', ' ']).trim();
            return Some((key, rest.to_owned()));
        }
    }
    None
}

/// A point whose own lines name its unit in charge or deadline (`a) …` then
/// `- Đơn vị chủ trì: …`): the point is a task.
fn is_task_section(s: &Section) -> bool {
    s.children.is_empty()
        && s.blocks.iter().any(|b| match b {
            Block::Bullets { items, marker } => {
                *marker == BulletMarker::Dash && items.iter().any(|i| task_field(i).is_some())
            }
            Block::Paragraph { text } => task_field(text).is_some(),
            _ => false,
        })
}

/// Tasks written as `- text` items each followed by `+ Đơn vị chủ trì: …` lines
/// (our own list layout): they become tasks of the section's group, listed where
/// the first of them was.
fn list_tasks(s: &mut Section, tasks: &mut Vec<Task>) {
    let has_fields = |b: &Block| match b {
        Block::Bullets { items, marker } => {
            *marker == BulletMarker::Plus && items.iter().any(|i| task_field(i).is_some())
        }
        _ => false,
    };
    if !s.blocks.windows(2).any(|w| {
        matches!(
            &w[0],
            Block::Bullets {
                marker: BulletMarker::Dash,
                ..
            }
        ) && has_fields(&w[1])
    }) {
        return;
    }
    let group = s.heading.clone();
    let mut out: Vec<Block> = Vec::new();
    let mut placed = false;
    let mut blocks = std::mem::take(&mut s.blocks).into_iter().peekable();
    while let Some(b) = blocks.next() {
        let fields_next = blocks.peek().is_some_and(has_fields);
        match b {
            Block::Bullets {
                mut items,
                marker: BulletMarker::Dash,
            } if fields_next => {
                let text = items.pop().unwrap_or_default();
                if !items.is_empty() {
                    out.push(Block::Bullets {
                        items,
                        marker: BulletMarker::Dash,
                    });
                }
                let Some(fields) = blocks.next() else { break };
                let section = Section {
                    heading: text,
                    blocks: vec![match fields {
                        Block::Bullets { items, .. } => Block::Bullets {
                            items,
                            marker: BulletMarker::Dash,
                        },
                        other => other,
                    }],
                    ..Default::default()
                };
                tasks.push(task_of(section, &group));
                if !placed {
                    out.push(Block::Tasks {
                        group: Some(group.clone()),
                        layout: TaskLayout::List,
                    });
                    placed = true;
                }
            }
            other => out.push(other),
        }
    }
    s.blocks = out;
}

fn extract_tasks(plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let mut tasks = Vec::new();
    fn walk(sections: &mut [Section], tasks: &mut Vec<Task>, notes: &mut Vec<ImportNote>) {
        for s in sections.iter_mut() {
            list_tasks(s, tasks);
            let n_task = s.children.iter().filter(|c| is_task_section(c)).count();
            if n_task > 0 && n_task == s.children.len() {
                let group = s.heading.clone();
                for c in std::mem::take(&mut s.children) {
                    tasks.push(task_of(c, &group));
                }
                s.blocks.push(Block::Tasks {
                    group: Some(group),
                    layout: TaskLayout::Points,
                });
            } else {
                if n_task > 0 {
                    notes.push(ImportNote {
                        line: 0,
                        message: format!(
                            "mục «{}» có cả nhiệm vụ và nội dung khác: giữ nguyên dạng văn bản",
                            short(&s.heading)
                        ),
                    });
                }
                walk(&mut s.children, tasks, notes);
            }
        }
    }
    walk(&mut plan.sections, &mut tasks, notes);
    plan.tasks = tasks;
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn task_of(s: Section, group: &str) -> Task {
    let mut task = Task {
        group: group.to_owned(),
        text: s.heading.trim_end_matches('.').trim().to_owned(),
        ..Default::default()
    };
    let mut current: Option<&'static str> = None;
    let mut lead_parts: Vec<String> = Vec::new();
    let value = |v: &str| v.trim().trim_end_matches(['.', ';']).trim().to_owned();
    let items: Vec<(bool, String)> = s
        .blocks
        .into_iter()
        .flat_map(|b| match b {
            Block::Bullets { items, marker } => items
                .into_iter()
                .map(|i| (marker == BulletMarker::Plus, i))
                .collect::<Vec<_>>(),
            Block::Paragraph { text } => vec![(false, text)],
            _ => vec![],
        })
        .collect();
    for (plus, item) in items {
        if let Some((key, v)) = task_field(&item) {
            current = Some(key);
            match key {
                DEADLINE => task.deadline = Some(crate::model::Deadline::parse(&v)),
                LEAD => {
                    if !v.is_empty() {
                        lead_parts.push(value(&v));
                    }
                }
                _ => {
                    task.partners = split_top_level(&v, ';')
                        .into_iter()
                        .map(value)
                        .filter(|p| !p.is_empty())
                        .collect()
                }
            }
        } else if plus && current == Some(LEAD) {
            lead_parts.push(value(&item));
        } else if plus && current == Some(PARTNERS) {
            task.partners.push(value(&item));
        } else {
            current = None;
            task.details.push(item);
        }
    }
    task.lead = lead_parts.join("; ");
    task
}

// ---------------------------------------------------------------------------
// Targets in the objectives parts.

fn is_objectives(heading: &str) -> bool {
    let f = fold(heading);
    f.contains("muc tieu") || f.contains("chi tieu") || f.contains("muc dich")
}

fn extract_targets(plan: &mut Plan) {
    let period_end = plan.period.years().1;
    let mut targets = Vec::new();
    let mut groups_used: Vec<String> = Vec::new();
    fn walk(
        sections: &mut [Section],
        inside: bool,
        part_heading: &str,
        period_end: i32,
        targets: &mut Vec<Target>,
        groups_used: &mut Vec<String>,
    ) {
        for s in sections.iter_mut() {
            let here = inside || is_objectives(&s.heading);
            if here {
                let group_base = if inside {
                    s.heading.clone()
                } else {
                    part_heading.to_owned()
                };
                let group_base = if group_base.is_empty() {
                    s.heading.clone()
                } else {
                    group_base
                };
                for b in s.blocks.iter_mut() {
                    let items: Vec<String> = match b {
                        Block::Bullets { items, .. } => items.clone(),
                        Block::Paragraph { text } => vec![text.clone()],
                        _ => continue,
                    };
                    if !items.iter().any(|i| !targets::commitments(i).is_empty()) {
                        continue;
                    }
                    let mut group = group_base.clone();
                    let mut n = 2;
                    while groups_used.contains(&group) {
                        group = format!("{group_base} ({n})");
                        n += 1;
                    }
                    groups_used.push(group.clone());
                    for item in &items {
                        let found = targets::commitments(item);
                        let deadline = targets::deadline_in(item)
                            .or(Some(crate::model::Deadline::EndOfYear { year: period_end }));
                        if found.is_empty() {
                            targets.push(Target {
                                group: group.clone(),
                                text: item.clone(),
                                deadline: deadline.clone(),
                                ..Default::default()
                            });
                        }
                        for c in found {
                            targets.push(Target {
                                group: group.clone(),
                                text: c.text,
                                comparator: Some(c.comparator),
                                value: Some(c.value),
                                unit: c.unit,
                                unit_label: c.unit_label,
                                deadline: deadline.clone(),
                                scope: c.scope,
                                ..Default::default()
                            });
                        }
                    }
                    *b = Block::Targets { group: Some(group) };
                }
            }
            let heading = if here && !inside {
                s.heading.clone()
            } else {
                part_heading.to_owned()
            };
            walk(
                &mut s.children,
                here,
                &heading,
                period_end,
                targets,
                groups_used,
            );
        }
    }
    walk(
        &mut plan.sections,
        false,
        "",
        period_end,
        &mut targets,
        &mut groups_used,
    );
    plan.targets = targets;
}

// ---------------------------------------------------------------------------
// Footer: recipients and signature.

fn footer_start(lines: &[SourceLine], from: usize) -> usize {
    if let Some(i) = lines[from..]
        .iter()
        .rposition(|l| fold(&l.text).starts_with("noi nhan"))
    {
        return from + i;
    }
    // No `Nơi nhận`: the signature block (`TM.`, `KT.` …) in the last lines.
    let tail = lines.len().saturating_sub(15).max(from);
    lines[tail..]
        .iter()
        .position(|l| authority_prefix(&l.text).is_some())
        .map(|i| tail + i)
        .unwrap_or(lines.len())
}

fn authority_prefix(t: &str) -> Option<(&'static str, &str)> {
    ["TM.", "KT.", "TUQ.", "TL.", "Q."]
        .into_iter()
        .find_map(|p| t.strip_prefix(p).map(|r| (p, r.trim())))
}

fn footer(lines: &[SourceLine], plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let mut sig: Vec<String> = Vec::new();
    for l in lines {
        let mut t = l.text.as_str();
        if let Some(rest) = strip_folded_prefix(t, "noi nhan") {
            t = rest.trim_start_matches([':', ' ']);
            if t.is_empty() {
                continue;
            }
        }
        // A recipient and the signature on one line (two columns extracted together).
        let (recipient, rest) = match t.find(" TM. ").or_else(|| t.find(" KT. ")) {
            Some(i) if t.starts_with('-') => (&t[..i], t[i..].trim()),
            _ => (t, ""),
        };
        let (lead, _, item) = split_label(recipient);
        if lead == Lead::Dash {
            plan.recipients
                .push(item.trim().trim_end_matches([';', '.']).trim().to_owned());
        } else if !recipient.is_empty() && !sig.is_empty() || authority_prefix(recipient).is_some()
        {
            sig.push(recipient.to_owned());
        } else if let Some(last) = plan.recipients.last_mut() {
            // A recipient wrapped over two lines.
            last.push(' ');
            last.push_str(recipient.trim_end_matches([';', '.']));
        } else {
            sig.push(recipient.to_owned());
        }
        if !rest.is_empty() {
            sig.push(rest.to_owned());
        }
    }
    signature(&sig, &mut plan.signature);
    if plan.recipients.is_empty() {
        notes.push(ImportNote {
            line: lines.first().map(|l| l.line).unwrap_or(0),
            message: "không thấy danh sách nơi nhận".into(),
        });
    }
    if plan.signature.position.is_empty() {
        notes.push(ImportNote {
            line: lines.last().map(|l| l.line).unwrap_or(0),
            message: "không thấy chức vụ người ký".into(),
        });
    }
}

fn signature(lines: &[String], sig: &mut Signature) {
    let mut caps: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim();
        if let Some((p, rest)) = authority_prefix(l) {
            match p {
                "TM." => sig.collective = rest.to_owned(),
                other => {
                    sig.authority = Some(match other {
                        "KT." => Authority::Kt,
                        "Q." => Authority::Q,
                        "TL." => Authority::Tl,
                        _ => Authority::Tuq,
                    });
                    sig.authority_of = rest.to_owned();
                }
            }
        } else if !l.chars().any(char::is_lowercase) {
            caps.push(l.to_owned());
        } else {
            sig.signer = l.to_owned();
        }
    }
    sig.position = caps.join(" ");
}

// ---------------------------------------------------------------------------
// Appendices (in DOCX files: after the signature).

fn is_appendix_caption(t: &str) -> bool {
    let f = fold(t);
    let Some(rest) = f.strip_prefix("phu luc") else {
        return false;
    };
    let r = rest.trim();
    r.is_empty()
        || r.split_whitespace().next().is_some_and(|w| {
            lines::roman_value(w.to_uppercase().trim_end_matches(['.', ':'])).is_some()
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

fn appendices(lines: &[SourceLine], plan: &mut Plan) {
    let mut current: Option<crate::model::Appendix> = None;
    let mut expect_title = false;
    for l in lines {
        if is_appendix_caption(&l.text) {
            if let Some(a) = current.take() {
                plan.appendices.push(a);
            }
            current = Some(crate::model::Appendix::default());
            expect_title = true;
            continue;
        }
        let Some(a) = current.as_mut() else { continue };
        if expect_title && !l.text.chars().any(char::is_lowercase) {
            if !a.title.is_empty() {
                a.title.push(' ');
            }
            a.title.push_str(&l.text);
            continue;
        }
        expect_title = false;
        if l.text.starts_with("(Kèm theo") {
            continue; // printed by the layout from the plan's own number and date
        }
        let (lead, _, rest) = split_label(&l.text);
        let mut s = Section::default();
        std::mem::swap(&mut s.blocks, &mut a.blocks);
        push_text(&mut s, lead, rest);
        a.blocks = s.blocks;
    }
    if let Some(a) = current {
        plan.appendices.push(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation() {
        let r = parse_citation("Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số năm 2026").unwrap();
        assert_eq!(r.number, Some(215));
        assert_eq!(r.symbol, "KH-UBND");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 8, 25));
        assert_eq!(r.agency, "Ủy ban nhân dân thành phố Hải Phòng");
        assert_eq!(r.title, "Chuyển đổi số năm 2026");
        assert_eq!(
            format!("Thực hiện {}", r.citation()),
            "Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số năm 2026"
        );
    }

    #[test]
    fn prefixes_are_cut_whatever_the_spelling() {
        assert_eq!(strip_folded_prefix("Nơi nhận: x", "noi nhan"), Some(": x"));
        assert_eq!(strip_folded_prefix("NƠI NHẬN:", "noi nhan"), Some(":"));
        assert_eq!(strip_folded_prefix("Noi nhan: é", "noi nhan"), Some(": é"));
        assert_eq!(strip_folded_prefix("Nơi khác", "noi nhan"), None);
        let r = parse_citation("Ke hoach so 5/KH-UBND ngay 1/2/2022").unwrap();
        assert_eq!(r.number, Some(5));
        // Found by the fuzzer: a kind in capitals is longer in bytes than its name.
        assert_eq!(
            parse_citation("QUYẾT ĐỊNH số 5/QĐ-UBND").unwrap().number,
            Some(5)
        );
        let text = "ে QUYẾT ĐỊNH - Lưu: VT. đổi PHÓ CHỦ TỊCH số /KH-UBND đổi chuyển Ủy ban nhân dân Nơi nhận: tháng thành phố : UBND . quận Ủy ban nhân dân Đơn vị chủ trì: TM. ỦY BAN NHÂN DÂN đ)";
        assert!(import_text(text, "fuzz.txt").is_ok());
    }

    #[test]
    fn agency_case() {
        assert_eq!(
            sentence_case_agency("ỦY BAN NHÂN DÂN HUYỆN CÁT HẢI"),
            "Ủy ban nhân dân huyện Cát Hải"
        );
        assert_eq!(
            sentence_case_agency("ỦY BAN NHÂN DÂN THỊ TRẤN CÁT BÀ"),
            "Ủy ban nhân dân thị trấn Cát Bà"
        );
    }

    #[test]
    fn empty_input_is_an_error_naming_the_file() {
        let e = import_text(" \n\n", "x.txt").unwrap_err();
        assert!(e.to_string().contains("x.txt"), "{e}");
    }
}
