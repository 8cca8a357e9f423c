//! The header block and title (phần đầu văn bản): agency lines, number and
//! symbol, place and date, the document kind and its summary; then the agency,
//! its tier and the period inferred from them and from the implementing sentence.

use super::lines::{split_label, Lead, SourceLine};
use super::{strip_folded_prefix, ImportNote};
use crate::model::{DocumentKind, Period, Plan};
use crate::text::fold;
use chrono::NaiveDate;

/// Parses the lines before the body: agency lines, number, place and date, the
/// document kind and the summary. Returns where the body starts and the line
/// index of the kind.
pub(super) fn header(
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
    let texts: Vec<String> = lines[..k].iter().map(|l| l.text.clone()).collect();
    for (l, mut t) in lines[..k].iter().zip(date_unwrapped(without_motto(&texts))) {
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
                severity: crate::diag::Severity::Warning,
                code: "header_line_unread",
                line: l.line,
                page: l.page,
                message: format!("dòng đầu văn bản không nhận ra, bỏ qua: «{t}»"),
                ..Default::default()
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
            severity: crate::diag::Severity::Warning,
            code: "no_title",
            line: lines[k].line,
            page: lines[k].page,
            message: "không thấy trích yếu dưới tên loại văn bản".into(),
            ..Default::default()
        });
    }
    (end, Some(k))
}

/// The place and date joined again where a narrow column wrapped them («Cát Hải,
/// ngày 05 tháng 3 năm» / «2024»): a line that only continues a date (the year,
/// or from «tháng» or «năm» on) goes onto the line before it that holds «ngày»,
/// and leaves an empty line in its place (so the lines keep their places).
fn date_unwrapped(mut lines: Vec<String>) -> Vec<String> {
    for i in 1..lines.len() {
        let f = fold(lines[i].trim());
        let continues = !f.is_empty()
            && (f.chars().all(|c| c.is_ascii_digit())
                || f.starts_with("thang ")
                || f.starts_with("nam "));
        let before = fold(&lines[i - 1]);
        if continues
            && (before.contains(", ngay") || before.contains(",ngay"))
            && !ends_with_year(&before)
        {
            let rest = std::mem::take(&mut lines[i]);
            lines[i - 1] = format!("{} {}", lines[i - 1].trim_end(), rest.trim());
        }
    }
    lines
}

/// Whether a folded place-and-date line already ends with its year.
fn ends_with_year(folded: &str) -> bool {
    folded
        .split_whitespace()
        .last()
        .is_some_and(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
}

/// The national motto (quốc hiệu), as its words fold.
const MOTTO: [&str; 8] = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"];

/// The header's lines without the national motto, wherever it sits: on a line of
/// its own, after the agency on the same line (a PDF's two columns read as one
/// line), or wrapped over two lines where the header's right column is narrow
/// («CỘNG HÒA XÃ HỘI» / «CHỦ NGHĨA VIỆT NAM», each perhaps after a line of the
/// agency). Its words are taken in order across the lines; when they are not all
/// there, the lines are left as they were.
fn without_motto(lines: &[String]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let mut found = 0;
    for words in out.iter_mut() {
        if found == MOTTO.len() {
            break;
        }
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        // The longest run of this line that continues the motto where it stands.
        let best = (0..folded.len())
            .map(|i| {
                let n = folded[i..]
                    .iter()
                    .zip(&MOTTO[found..])
                    .take_while(|(w, m)| w == *m)
                    .count();
                (n, i)
            })
            .max_by_key(|(n, i)| (*n, std::cmp::Reverse(*i)));
        if let Some((n, i)) = best {
            // Two words at least (a lone «NAM» is no motto), or the last ones.
            let is_upper = words[i..i + n]
                .iter()
                .all(|w| !w.chars().any(char::is_lowercase));
            if is_upper && (n >= 2 || (found > 0 && found + n == MOTTO.len())) {
                words.drain(i..i + n);
                found += n;
            }
        }
    }
    if found < MOTTO.len() {
        return lines.to_vec();
    }
    out.into_iter().map(|w| w.join(" ")).collect()
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
    let first = s.split_whitespace().next().unwrap_or("");
    let Some(slash) = s.find('/') else {
        // `215-KH-UBND`: a hyphen for the slash.
        if let Some((n, sym)) = super::preamble::number_and_symbol(first) {
            plan.number = n;
            plan.symbol = sym;
            return s[first.len()..].to_owned();
        }
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

pub(super) fn header_year(lines: &[SourceLine]) -> Option<i32> {
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
pub(super) fn sentence_case_agency(caps: &str) -> String {
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
    let tier = crate::model::tier::TIER_WORDS
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

pub(super) fn infer_agency(plan: &mut Plan, notes: &mut Vec<ImportNote>) {
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
    let tier = crate::model::tier::TIER_WORDS
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
            severity: crate::diag::Severity::Warning,
            code: "no_agency",
            line: 0,
            page: 0,
            message: "không nhận ra cơ quan ban hành".into(),
            ..Default::default()
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

pub(super) fn infer_period(plan: &mut Plan, year_hint: Option<i32>, notes: &mut Vec<ImportNote>) {
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
                severity: crate::diag::Severity::Warning,
                code: "no_year",
                line: 0,
                page: 0,
                message: format!("không thấy năm của kế hoạch; tạm lấy năm {y}"),
                ..Default::default()
            });
        }
    }
}
