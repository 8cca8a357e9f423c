//! ND30 lint: what breaks Decree 30/2020/NĐ-CP or common practice, each finding with
//! a severity, the JSON path of the place and a Vietnamese message. Export goes on
//! with warnings and shows them; errors make `kehoach check` exit with 1.

mod spelling;
mod unfilled;

use crate::fonts::FontSet;
use crate::layout::Profile;
use crate::model::{dates, Authority, Decision, DocumentKind, Plan};
use crate::text;

pub use crate::diag::{Diagnostic as Finding, Severity};

struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, rule: &'static str, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding::error(rule, message).at(path));
    }
    fn warning(&mut self, rule: &'static str, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding::warning(rule, message).at(path));
    }
}

/// The placeholders the paper prints (`layout::Document::blanks`), each an error
/// at its place unless the check already has an error there: what prints is what
/// was judged, whatever rule made the layout print a placeholder.
pub fn blanks(doc: &crate::layout::Document, found: &[Finding]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for b in doc.blanks() {
        let judged = found
            .iter()
            .chain(out.iter())
            .any(|f| f.severity == Severity::Error && f.path == b.at);
        if !judged {
            out.push(
                Finding::error(
                    "blank",
                    format!(
                        "bản in sẽ có chỗ trống «{}»: cần soạn trước khi ban hành",
                        b.text
                    ),
                )
                .at(b.at),
            );
        }
    }
    out
}

/// Fields that never print (ids, links, the drafter's guidance, the store's times).
const NOT_PRINTED: &[&str] = &[
    "guidance",
    "id",
    "parent_target",
    "parent_task",
    "created",
    "updated",
    "schema_version",
    "status",
    "kind",
    "decision",
    "numbering",
    "orientation",
    "layout",
    "unit",
    "comparator",
    "type",
    "marker",
];

/// Every string of the plan that prints, with its JSON path (what the text rules
/// read: blanks, spelling).
fn printed_strings(plan: &Plan) -> Vec<(String, String)> {
    fn collect(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        use serde_json::Value;
        match v {
            Value::String(s) => out.push((path.to_owned(), s.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    collect(item, &format!("{path}[{i}]"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    if NOT_PRINTED.contains(&k.as_str()) {
                        continue;
                    }
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    collect(item, &p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(plan) {
        collect(&value, "", &mut out);
    }
    out
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Checks a plan, the format profile it will be printed with, and whether the
/// document font has every character it uses.
pub fn check(plan: &Plan, profile: &Profile, fonts: &FontSet) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    header(plan, &mut f);
    for p in profile.problems() {
        let path = format!("profile.{}", p.field);
        f.0.push(p.at(path));
    }
    texts(plan, &mut f);
    sections(plan, &mut f);
    targets(plan, &mut f);
    recipients(plan, &mut f);
    signature(plan, &mut f);
    unfilled::check(plan, &mut f);
    spelling::check(plan, &mut f);
    for path in plan.deadlines_outside_period() {
        f.warning(
            "deadline_outside_period",
            path,
            format!(
                "thời hạn nằm ngoài thời kỳ của kế hoạch ({}): có thể do lấy từ kế hoạch cấp trên của thời kỳ khác; chuyển vào thời kỳ của kế hoạch bằng nút «Chuyển thời hạn vào thời kỳ» ở thẻ Chỉ tiêu",
                plan.period.label()
            ),
        );
    }
    font_coverage(plan, fonts, &mut f);
    f.0
}

fn header(plan: &Plan, f: &mut Findings) {
    for (path, value, what) in [
        ("agency.name", &plan.agency.name, "tên cơ quan ban hành"),
        ("place", &plan.place, "địa danh"),
        ("title", &plan.title, "trích yếu nội dung"),
    ] {
        if value.trim().is_empty() {
            f.error("required", path, format!("chưa nhập {what}"));
        }
    }
    if plan.number == Some(0) {
        f.error("number_format", "number", "số văn bản phải từ 1 trở lên");
    }
    let symbol = plan.symbol.trim();
    if symbol.is_empty() {
        f.error(
            "number_format",
            "symbol",
            "chưa nhập ký hiệu văn bản (ví dụ KH-UBND)",
        );
    } else {
        if symbol.contains(char::is_whitespace) {
            f.error(
                "number_format",
                "symbol",
                format!("ký hiệu «{symbol}» không được có dấu cách"),
            );
        }
        match plan.kind.abbreviation() {
            Some(abbr) if !symbol.starts_with(&format!("{abbr}-")) => f.error(
                "number_format",
                "symbol",
                format!(
                    "ký hiệu của {} phải bắt đầu bằng «{abbr}-» (ví dụ {abbr}-UBND), không phải «{symbol}»",
                    plan.kind.name()
                ),
            ),
            None if plan.kind == DocumentKind::CongVan && symbol.starts_with("CV-") => f.warning(
                "number_format",
                "symbol",
                "công văn không có chữ viết tắt tên loại trong ký hiệu (ví dụ UBND-VX)",
            ),
            _ => {}
        }
    }
    if plan.number.is_some() != plan.date.is_some() && plan.status == crate::model::Status::Final {
        f.warning(
            "number_format",
            if plan.number.is_some() {
                "date"
            } else {
                "number"
            },
            "văn bản chính thức cần có cả số và ngày ban hành",
        );
    }
}

/// Every free text of the plan with its JSON path.
fn all_texts(plan: &Plan) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for (i, b) in plan.legal_bases.iter().enumerate() {
        out.push((format!("legal_bases[{i}]"), b));
    }
    out.push(("intro".into(), &plan.intro));
    out.push(("closing".into(), &plan.closing));
    fn walk<'a>(secs: &'a [crate::model::Section], base: &str, out: &mut Vec<(String, &'a str)>) {
        for (i, s) in secs.iter().enumerate() {
            let path = format!("{base}[{i}]");
            out.push((format!("{path}.heading"), &s.heading));
            for (j, b) in s.blocks.iter().enumerate() {
                match b {
                    crate::model::Block::Paragraph { text } => {
                        out.push((format!("{path}.blocks[{j}].text"), text))
                    }
                    crate::model::Block::Bullets { items, .. } => {
                        for (k, it) in items.iter().enumerate() {
                            out.push((format!("{path}.blocks[{j}].items[{k}]"), it));
                        }
                    }
                    _ => {}
                }
            }
            walk(&s.children, &format!("{path}.children"), out);
        }
    }
    walk(&plan.sections, "sections", &mut out);
    for (i, t) in plan.targets.iter().enumerate() {
        out.push((format!("targets[{i}].text"), &t.text));
    }
    for (i, t) in plan.tasks.iter().enumerate() {
        out.push((format!("tasks[{i}].text"), &t.text));
    }
    out
}

/// Dates written inside sentences: `ngày 5/4/2022` must be `ngày 05/4/2022`, and
/// `ngày 05/02/2022` keeps the zero of January and February.
fn texts(plan: &Plan, f: &mut Findings) {
    for (path, t) in all_texts(plan) {
        for (written, day, month, year) in dates_in(t) {
            let expected = format!("{}/{}/{year}", dates::day(day), dates::month(month));
            if written != expected {
                f.warning(
                    "date_format",
                    path.clone(),
                    format!("ngày «{written}» phải viết là «{expected}» (ngày dưới 10 và tháng 1, 2 có số 0 ở trước)"),
                );
            }
        }
        for (written, day, month) in long_dates_in(t) {
            let expected = format!("ngày {} tháng {}", dates::day(day), dates::month(month));
            if written != expected {
                f.warning(
                    "date_format",
                    path.clone(),
                    format!("«{written}» phải viết là «{expected}»"),
                );
            }
        }
    }
}

/// `D/M/YYYY` after the word `ngày`: (as written, day, month, year).
fn dates_in(t: &str) -> Vec<(String, u32, u32, u32)> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find("ngày ") {
        rest = &rest[i + "ngày ".len()..];
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '/')
            .collect();
        let parts: Vec<&str> = token.split('/').collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty()) && parts[2].len() == 4 {
            if let (Ok(d), Ok(m), Ok(y)) = (parts[0].parse(), parts[1].parse(), parts[2].parse()) {
                if (1..=31).contains(&d) && (1..=12).contains(&m) {
                    out.push((token.clone(), d, m, y));
                }
            }
        }
    }
    out
}

/// `ngày D tháng M` in full: (as written, day, month).
fn long_dates_in(t: &str) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    let words: Vec<&str> = t.split_whitespace().collect();
    for w in words.windows(4) {
        if w[0] == "ngày" && w[2] == "tháng" {
            let m_str = w[3].trim_end_matches([',', '.', ';']);
            if let (Ok(d), Ok(m)) = (w[1].parse::<u32>(), m_str.parse::<u32>()) {
                if (1..=31).contains(&d) && (1..=12).contains(&m) {
                    out.push((format!("ngày {} tháng {m_str}", w[1]), d, m));
                }
            }
        }
    }
    out
}

fn sections(plan: &Plan, f: &mut Findings) {
    if let Err(e) = plan.labeled_sections() {
        f.error("numbering", "sections", e.to_string());
    }
    if plan.sections.is_empty() {
        f.error(
            "empty_section",
            "sections",
            "kế hoạch chưa có nội dung (chưa có mục nào)",
        );
        return;
    }
    fn walk(secs: &[crate::model::Section], base: &str, f: &mut Findings) {
        for (i, s) in secs.iter().enumerate() {
            let path = format!("{base}[{i}]");
            if s.heading.trim().is_empty() {
                f.error(
                    "empty_section",
                    format!("{path}.heading"),
                    "mục chưa có tiêu đề",
                );
            }
            let empty_blocks = s.blocks.iter().all(|b| match b {
                crate::model::Block::Paragraph { text } => text.trim().is_empty(),
                crate::model::Block::Bullets { items, .. } => {
                    items.iter().all(|i| i.trim().is_empty())
                }
                _ => false,
            });
            if empty_blocks && s.children.is_empty() && !s.is_numbered_paragraph() {
                f.error(
                    "empty_section",
                    path.clone(),
                    format!("mục «{}» chưa có nội dung", s.heading.trim()),
                );
            }
            // Tasks printed as points a), b) … letter themselves within their block;
            // sub-points of the same section would take the same letters again.
            let points = s.blocks.iter().any(|b| {
                matches!(
                    b,
                    crate::model::Block::Tasks {
                        layout: crate::model::TaskLayout::Points,
                        ..
                    }
                )
            });
            if points && !s.children.is_empty() {
                f.warning(
                    "numbering",
                    path.clone(),
                    format!(
                        "mục «{}» có nhiệm vụ in dạng điểm a), b)… và cả các mục con: chữ cái sẽ bị trùng; hãy in nhiệm vụ dạng danh sách hoặc bảng",
                        s.heading.trim()
                    ),
                );
            }
            walk(&s.children, &format!("{path}.children"), f);
        }
    }
    walk(&plan.sections, "sections", f);
    let has_implementation = plan
        .sections
        .iter()
        .any(crate::model::Section::is_implementation);
    if plan.kind == DocumentKind::KeHoach && !has_implementation {
        f.warning(
            "empty_section",
            "sections",
            "kế hoạch chưa có phần «TỔ CHỨC THỰC HIỆN» (phân công đơn vị thực hiện, chế độ báo cáo)",
        );
    }
}

/// A deadline kept as written, no date read from it: neither the check against
/// the parent nor the tracking (overdue) can date it.
fn unread_deadline(deadline: &Option<crate::model::Deadline>, path: &str, f: &mut Findings) {
    if let Some(crate::model::Deadline::Text { text }) = deadline {
        f.warning(
            "deadline_text",
            format!("{path}.deadline"),
            format!("thời hạn «{text}» không đọc được thành ngày (viết như 31/12/2026, tháng 12/2026, Quý IV/2026, 6 tháng đầu năm 2026): chương trình không so được với kế hoạch cấp trên và không báo được quá hạn"),
        );
    }
}

fn targets(plan: &Plan, f: &mut Findings) {
    for (i, t) in plan.tasks.iter().enumerate() {
        unread_deadline(&t.deadline, &format!("tasks[{i}]"), f);
    }
    for (i, t) in plan.targets.iter().enumerate() {
        let path = format!("targets[{i}]");
        if t.text.trim().is_empty() {
            f.error(
                "target",
                format!("{path}.text"),
                "chỉ tiêu chưa có nội dung",
            );
        }
        match (t.comparator, t.value) {
            (Some(_), None) => f.error(
                "target",
                format!("{path}.value"),
                "chỉ tiêu có so sánh nhưng chưa có giá trị",
            ),
            (None, Some(_)) => f.warning(
                "target",
                format!("{path}.comparator"),
                "chỉ tiêu có giá trị nhưng chưa chọn so sánh (=, ≥, >, ≤, <, ≈)",
            ),
            _ => {}
        }
        if t.comparator.is_some() && t.unit == crate::model::Unit::Percent {
            if let Some(v) = t.value {
                if !(0.0..=100.0).contains(&v) {
                    f.error(
                        "target",
                        format!("{path}.value"),
                        format!("tỷ lệ {v}% nằm ngoài 0–100%"),
                    );
                }
            }
        }
        if t.deadline.is_none() {
            f.warning(
                "target",
                format!("{path}.deadline"),
                "chỉ tiêu chưa có thời hạn",
            );
        }
        unread_deadline(&t.deadline, &path, f);
        let printed = t.decision != Some(Decision::NotApplicable);
        if let Some((sentence, fields)) = t.disagreement().filter(|_| printed) {
            f.error(
                "target_mismatch",
                format!("{path}.value"),
                format!(
                    "câu chỉ tiêu ghi {} nhưng ô so sánh, giá trị ghi {}: bản in theo câu, hãy sửa cho khớp",
                    sentence.symbolic(),
                    fields.symbolic()
                ),
            );
        }
        if t.decision == Some(Decision::NotApplicable) && t.reason.trim().is_empty() {
            f.error(
                "target",
                format!("{path}.reason"),
                "chỉ tiêu «không áp dụng» phải nêu lý do",
            );
        }
    }
}

fn recipients(plan: &Plan, f: &mut Findings) {
    let n = plan.recipients.len();
    if n == 0 {
        f.error(
            "recipients",
            "recipients",
            "chưa có nơi nhận (ít nhất «Lưu: VT»)",
        );
        return;
    }
    let archive = plan
        .recipients
        .iter()
        .position(|r| crate::model::is_archive_recipient(r));
    match archive {
        None => f.error(
            "recipients",
            "recipients",
            "thiếu «Lưu: VT» ở cuối danh sách nơi nhận",
        ),
        Some(i) if i + 1 != n => f.error(
            "recipients",
            format!("recipients[{i}]"),
            "«Lưu: VT» phải là dòng cuối của nơi nhận",
        ),
        Some(i) => {
            let r = plan.recipients[i].trim().trim_end_matches(['.', ';']);
            let after = r.split_once(':').map(|(_, a)| a.trim());
            match after {
                None => f.error(
                    "recipients",
                    format!("recipients[{i}]"),
                    format!("«{r}» phải viết là «Lưu: VT» (có dấu hai chấm)"),
                ),
                Some(a) if !a.starts_with("VT") => f.error(
                    "recipients",
                    format!("recipients[{i}]"),
                    format!("bản lưu phải bắt đầu bằng «VT» (Văn thư): «Lưu: VT, ...», không phải «{r}»"),
                ),
                Some(a) => {
                    if a.contains(',') && a.split(',').skip(1).any(|p| !p.starts_with(' ')) {
                        f.warning(
                            "recipients",
                            format!("recipients[{i}]"),
                            format!("sau dấu phẩy cần một dấu cách: «{r}»"),
                        );
                    }
                }
            }
        }
    }
    for (i, r) in plan.recipients.iter().enumerate() {
        let t = r.trim();
        if t.is_empty() {
            f.error(
                "recipients",
                format!("recipients[{i}]"),
                "dòng nơi nhận trống",
            );
        } else if t.starts_with('-') || t.ends_with(';') || (t.ends_with('.') && !t.ends_with(".."))
        {
            f.warning(
                "recipients",
                format!("recipients[{i}]"),
                format!("«{t}»: không gõ «- » ở đầu và «;» hoặc «.» ở cuối; chương trình tự thêm khi in"),
            );
        }
    }
}

fn signature(plan: &Plan, f: &mut Findings) {
    let s = &plan.signature;
    let deputy = Authority::head_of_deputy(&s.position).is_some();
    if s.position.trim().is_empty() {
        f.error(
            "signature",
            "signature.position",
            "chưa nhập chức vụ người ký",
        );
    }
    if s.signer.trim().is_empty() {
        f.error("signature", "signature.signer", "chưa nhập họ tên người ký");
    }
    if let Some(why) = s.authority.and_then(|a| a.misused_by(&s.position)) {
        f.error("signature", "signature.authority", why);
    } else {
        match s.authority {
            Some(Authority::Kt) if s.authority_of.trim().is_empty() => f.error(
                "signature",
                "signature.authority_of",
                "«KT.» phải ghi rõ ký thay ai (ví dụ «KT. CHỦ TỊCH»)",
            ),
            None if deputy && !s.collective.trim().is_empty() => f.error(
                "signature",
                "signature.authority",
                format!(
                    "cấp phó («{}») ký văn bản của tập thể phải ghi «KT. CHỦ TỊCH» dưới «TM. {}»",
                    s.position.trim(),
                    s.collective.trim()
                ),
            ),
            _ => {}
        }
    }
    let signer = text::fold(&s.signer);
    for title in [
        "ong ", "ba ", "ts.", "ths.", "pgs.", "gs.", "ks.", "ls.", "bs.",
    ] {
        if signer.starts_with(title) {
            f.warning(
                "signature",
                "signature.signer",
                format!(
                    "họ tên người ký không kèm học hàm, học vị hay danh xưng: «{}»",
                    s.signer.trim()
                ),
            );
            break;
        }
    }
}

/// Characters the document font has no glyph for (chữ ngoài bộ phông): the PDF
/// would print an empty box in their place and Word another font's glyph, so the
/// one font ND30 asks for is not kept. Every text of the plan is looked at, through
/// its serialised form so that no field is missed, except the template's guidance,
/// which is never printed.
fn font_coverage(plan: &Plan, fonts: &FontSet, f: &mut Findings) {
    fn walk(v: &serde_json::Value, path: &str, fonts: &FontSet, f: &mut Findings) {
        match v {
            serde_json::Value::String(s) => {
                let mut missing: Vec<char> = Vec::new();
                for c in s.chars() {
                    let printed = !c.is_whitespace() && !c.is_control();
                    if printed && !missing.contains(&c) && !fonts.regular().has_glyph(c) {
                        missing.push(c);
                    }
                }
                if missing.is_empty() {
                    return;
                }
                let listed: Vec<String> = missing
                    .iter()
                    .take(5)
                    .map(|c| format!("«{c}» (U+{:04X})", u32::from(*c)))
                    .collect();
                let more = if missing.len() > 5 {
                    format!(" và {} ký tự khác", missing.len() - 5)
                } else {
                    String::new()
                };
                f.warning(
                    "font_coverage",
                    path,
                    format!(
                        "{}{more} không có trong phông {}: bản PDF in ô trống, bản Word in bằng phông khác",
                        listed.join(", "),
                        fonts.family
                    ),
                );
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), fonts, f);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, item) in fields {
                    if key == "guidance" {
                        continue;
                    }
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(item, &path, fonts, f);
                }
            }
            _ => {}
        }
    }
    // Most plans are all in the font: one pass over the serialised plan (where
    // every non-ASCII character is written as itself) finds that out, and only
    // then is the tree walked for the paths.
    let Ok(json) = serde_json::to_string(plan) else {
        return;
    };
    let all_covered = json
        .chars()
        .all(|c| c.is_ascii() || c.is_whitespace() || fonts.regular().has_glyph(c));
    if all_covered {
        return;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
        walk(&value, "", fonts, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_in_sentences() {
        let d =
            dates_in("Kế hoạch số 86/KH-UBND ngày 5/4/2022 và ngày 05/02/2022, ngày 12/12/2021.");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0], ("5/4/2022".into(), 5, 4, 2022));
        let l = long_dates_in("ngày 5 tháng 2 năm 2025");
        assert_eq!(l, [("ngày 5 tháng 2".into(), 5, 2)]);
    }

    fn font_coverage_of(plan: &Plan, fonts: &FontSet) -> Vec<Finding> {
        let mut f = Findings(Vec::new());
        font_coverage(plan, fonts, &mut f);
        f.0
    }

    #[test]
    fn characters_outside_the_font_are_found_in_any_field() {
        let fonts = FontSet::bundled();
        let mut plan = crate::sample::sample_plan();
        assert_eq!(
            font_coverage_of(&plan, &fonts),
            [],
            "the sample prints whole"
        );
        plan.tasks[0].lead = "Phòng Văn hóa – Xã hội ✓ 😀 😀".into();
        plan.targets[1].text = "Tỷ lệ ≥ 90% «đạt» 中".into();
        plan.sections[0].guidance = "Hướng dẫn 😀 không in".into();
        let found = font_coverage_of(&plan, &fonts);
        let paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["targets[1].text", "tasks[0].lead"]);
        assert!(found.iter().all(|f| f.code == "font_coverage"));
        assert!(found.iter().all(|f| f.severity == Severity::Warning));
        // Each character once, with its code point; the Vietnamese, the en dash,
        // ≥ and the guillemets are in the font.
        assert_eq!(
            found[1].message,
            "«✓» (U+2713), «😀» (U+1F600) không có trong phông Liberation Serif: \
             bản PDF in ô trống, bản Word in bằng phông khác"
        );
        assert!(found[0].message.starts_with("«中» (U+4E2D) không có"));
    }
}
