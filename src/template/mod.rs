//! Templates (mẫu kế hoạch): the skeleton of a kind of plan, as data.
//!
//! A template names its kind of plan and the tiers it suits, and carries the
//! section tree with guidance for the drafter, the preamble and closing wording,
//! default recipients and signature block. Strings may hold placeholders
//! (`{agency.name}`, `{period}`, `{parent.citation}` …) filled from the agency
//! profile and the parent plan when a plan is made from it. No code runs from a
//! template: placeholders are looked up in a fixed table, nothing else.
//! The format is documented in `docs/template-format.md`.

mod follow;

pub use follow::{blank_unfilled, fill_placeholders, follow_profile};

use crate::error::{Error, Result};
use crate::format;
use crate::model::{
    numbering, Agency, Appendix, DocumentKind, LevelStyle, Period, Plan, Section, Signature,
};
use crate::text;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of the template format this program reads and writes.
pub const TEMPLATE_FORMAT: u32 = 1;

/// A template (mẫu kế hoạch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Always 1 for this version of the format; marks a JSON file as a template.
    pub template_format: u32,
    /// Stable identifier (lower-case ASCII letters, digits and `-`): a newer version
    /// of the same template keeps its id.
    pub id: String,
    /// Name shown in the app: `Kế hoạch chuyển đổi số năm của xã`.
    pub name: String,
    /// What the template is for, shown under the name.
    #[serde(default)]
    pub description: String,
    /// Document kind of the plans made from it.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Tiers the template suits (xã, phường …); empty for any.
    #[serde(default)]
    pub tiers: Vec<String>,
    /// Version, raised at every published change (1, 2, 3 …).
    pub version: u32,
    /// Who wrote or maintains it (cơ quan, người soạn).
    #[serde(default)]
    pub author: String,
    /// The period a plan made from it covers, relative to its year.
    #[serde(default)]
    pub period: PeriodTemplate,
    /// The plan skeleton.
    pub plan: Skeleton,
}

/// The period of plans made from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PeriodTemplate {
    /// One calendar year: `năm 2026`.
    #[default]
    Year,
    /// January to June: `6 tháng đầu năm 2026`.
    FirstHalf,
    /// July to December: `6 tháng cuối năm 2026`.
    SecondHalf,
    /// Several years from the plan's year: `giai đoạn 2026 - 2030`.
    Years { count: u8 },
}

impl PeriodTemplate {
    /// The concrete period starting in `year`.
    pub fn period(self, year: i32) -> Period {
        let date = |m, d| chrono::NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
        match self {
            PeriodTemplate::Year => Period::Year { year },
            PeriodTemplate::FirstHalf => Period::Range {
                from: date(1, 1),
                to: date(6, 30),
                label: format!("6 tháng đầu năm {year}"),
            },
            PeriodTemplate::SecondHalf => Period::Range {
                from: date(7, 1),
                to: date(12, 31),
                label: format!("6 tháng cuối năm {year}"),
            },
            PeriodTemplate::Years { count } => Period::Years {
                from: year,
                to: year + i32::from(count.max(1)) - 1,
            },
        }
    }
}

/// The parts of a plan a template gives; the rest (agency, period, targets, tasks)
/// comes from the profile, the parent and the drafter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skeleton {
    /// Symbol (ký hiệu), `KH-UBND` unless given.
    #[serde(default = "default_symbol")]
    pub symbol: String,
    /// Summary title (trích yếu), usually with placeholders.
    pub title: String,
    /// Legal bases (căn cứ) besides the parent plan, which is cited automatically.
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// The sentence closing the preamble.
    #[serde(default)]
    pub intro: String,
    #[serde(default = "numbering::default_scheme")]
    pub numbering: Vec<LevelStyle>,
    /// The section tree with guidance; `targets` and `tasks` blocks mark where the
    /// plan's targets and tasks are printed.
    pub sections: Vec<Section>,
    #[serde(default)]
    pub closing: String,
    /// Default recipients (Nơi nhận).
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Default signature block; `{signer.position}` and `{signer.name}` come from
    /// the agency profile.
    #[serde(default)]
    pub signature: Signature,
    #[serde(default)]
    pub appendices: Vec<Appendix>,
}

fn default_symbol() -> String {
    "KH-UBND".into()
}

/// What fills a template's placeholders.
#[derive(Debug, Clone, Default)]
pub struct Fill<'a> {
    pub agency: Agency,
    /// Place name printed before the date (địa danh).
    pub place: String,
    /// First year of the plan's period.
    pub year: i32,
    /// The period, when it is given (a derived plan takes its parent's); otherwise
    /// the template's period from `year`.
    pub period: Option<Period>,
    pub signer_position: String,
    pub signer_name: String,
    /// The signer's authority and whose position it refers to (`KT.`, `CHỦ TỊCH`),
    /// given to a template's signature that has none.
    pub signer_authority: (Option<crate::model::Authority>, String),
    /// The parent plan, when the plan implements one.
    pub parent: Option<&'a Plan>,
}

impl Fill<'static> {
    /// What a unit fills in without a signer, a year or a parent: `agency` at `place`.
    pub fn unit(agency: Agency, place: &str) -> Fill<'static> {
        Fill {
            agency,
            place: place.to_owned(),
            ..Default::default()
        }
    }
}

/// The placeholders a template may use, with what each is replaced by (for the
/// documentation and the error message naming the allowed ones).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("agency.name", "tên cơ quan ban hành: Ủy ban nhân dân xã Tân An"),
    ("agency.short", "tên đơn vị: xã Tân An"),
    ("agency.tier", "cấp: xã"),
    ("agency.supervising", "cơ quan chủ quản: UBND THÀNH PHỐ HẢI PHÒNG"),
    ("place", "địa danh: Tân An"),
    ("year", "năm: 2026"),
    ("period", "thời kỳ: năm 2026, 6 tháng đầu năm 2026, giai đoạn 2026 - 2030"),
    ("parent.citation", "kế hoạch cấp trên: Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về …"),
    ("parent.agency", "cơ quan ban hành kế hoạch cấp trên"),
    ("parent.title", "trích yếu kế hoạch cấp trên"),
    ("signer.position", "chức vụ người ký: CHỦ TỊCH"),
    ("signer.name", "họ tên người ký"),
    // A blank the template leaves for the drafter to write: never filled by the
    // program, always named by the lint until it is written over.
    ("blank", "nội dung người soạn điền: ví dụ số liệu, tên văn bản"),
];

/// The profile's signing authority on a signature that has none (a template's
/// signature names the collective and the position, never whose deputy signs).
pub(crate) fn give_authority(signature: &mut crate::model::Signature, fill: &Fill<'_>) -> bool {
    let (authority, of) = &fill.signer_authority;
    // Only for the profile's signer: a template's own fixed position keeps its own.
    if signature.authority.is_some()
        || authority.is_none()
        || signature.position.trim() != fill.signer_position.trim()
    {
        return false;
    }
    signature.authority = *authority;
    if signature.authority_of.trim().is_empty() {
        signature.authority_of = of.clone();
    }
    true
}

/// Placeholders printed from the plan's own fields when it is laid out
/// ([`blank_unfilled`]), never filled into its text.
pub const LIVE: &[&str] = &["parent.citation"];

/// Printed where a placeholder has no value yet (no parent plan, no agency
/// profile) inside running text; the plan keeps the placeholder itself.
pub const MISSING: &str = "…";

/// List fields whose entries are left out when a placeholder in them has no value
/// (a recipient `{parent.agency}` when there is no parent).
const DROPPABLE_LISTS: &[&str] = &["legal_bases", "recipients", "items"];

/// Fields of the signature block, left empty (not `…`) when their placeholder has
/// no value.
const SIGNATURE_FIELDS: &[&str] = &["collective", "authority_of", "position", "signer"];

impl Template {
    /// Parses and checks a template from JSON text; `origin` names the file in errors.
    pub fn from_json(json: &str, origin: &str) -> Result<Template> {
        Template::from_value(format::parse_value(json, origin)?, origin)
    }

    /// The same from JSON already parsed with [`format::parse_value`].
    pub fn from_value(value: Value, origin: &str) -> Result<Template> {
        let t: Template = format::from_value(value, origin)?;
        t.validate(origin)?;
        Ok(t)
    }

    /// The canonical JSON text (two-space indent, trailing newline): what is stored,
    /// hashed and published.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a template always serialises");
        s.push('\n');
        s
    }

    /// Content hash of the canonical text (hex SHA-256): the same template gives the
    /// same hash whatever the whitespace of its file.
    pub fn hash(&self) -> String {
        content_hash(self.to_json().as_bytes())
    }

    fn validate(&self, origin: &str) -> Result<()> {
        let bad = |path: &str, reason: String| Error::Json {
            file: origin.to_owned(),
            path: path.to_owned(),
            reason,
        };
        if self.template_format != TEMPLATE_FORMAT {
            return Err(bad(
                "template_format",
                format!(
                    "phiên bản định dạng mẫu {} không được hỗ trợ (chương trình đọc phiên bản {TEMPLATE_FORMAT})",
                    self.template_format
                ),
            ));
        }
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(bad(
                "id",
                format!(
                    "mã mẫu «{}» chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 64 ký tự)",
                    self.id
                ),
            ));
        }
        if self.name.trim().is_empty() {
            return Err(bad("name", "mẫu chưa có tên".into()));
        }
        if self.version == 0 {
            return Err(bad("version", "phiên bản mẫu bắt đầu từ 1".into()));
        }
        if let PeriodTemplate::Years { count: 0 } = self.period {
            return Err(bad("period.count", "số năm phải từ 1 trở lên".into()));
        }
        for (i, tier) in self.tiers.iter().enumerate() {
            if crate::model::tier::level(tier).is_none() {
                return Err(bad(
                    &format!("tiers[{i}]"),
                    crate::model::tier::not_a_tier(tier),
                ));
            }
        }
        if self.plan.sections.is_empty() {
            return Err(bad("plan.sections", "mẫu chưa có mục nào".into()));
        }
        let value = serde_json::to_value(&self.plan).expect("a skeleton always serialises");
        let mut problem = None;
        walk_strings(&value, "plan", &mut |path, s| {
            if problem.is_some() {
                return;
            }
            if let Err(reason) = placeholders_in(s) {
                problem = Some((path.to_owned(), reason));
            }
        });
        match problem {
            Some((path, reason)) => Err(bad(&path, reason)),
            None => Ok(()),
        }
    }

    /// A new plan from the template, its placeholders filled.
    pub fn instantiate(&self, fill: &Fill<'_>) -> Plan {
        let period = fill
            .period
            .clone()
            .unwrap_or_else(|| self.period.period(fill.year));
        let values = Values::new(fill, &period);
        let mut skeleton = serde_json::to_value(&self.plan).expect("a skeleton always serialises");
        substitute(&mut skeleton, None, &values);
        let skeleton: Skeleton = serde_json::from_value(skeleton)
            .expect("substituting strings keeps the skeleton's shape");
        let mut plan = Plan::empty(fill.agency.clone(), &fill.place, period.years().0);
        plan.kind = self.kind;
        plan.period = period;
        plan.symbol = skeleton.symbol;
        plan.title = skeleton.title;
        plan.legal_bases = skeleton.legal_bases;
        plan.intro = skeleton.intro;
        plan.numbering = skeleton.numbering;
        plan.sections = skeleton.sections;
        plan.closing = skeleton.closing;
        plan.recipients = skeleton.recipients;
        plan.signature = skeleton.signature;
        give_authority(&mut plan.signature, fill);
        plan.appendices = skeleton.appendices;
        plan.parent = fill.parent.map(Plan::reference);
        plan
    }

    /// Whether the template suits an agency of `tier` (tiers named together, such
    /// as xã and phường, suit each other).
    pub fn suits(&self, tier: &str) -> bool {
        self.tiers.is_empty()
            || crate::model::tier::level(tier).is_some_and(|l| {
                self.tiers
                    .iter()
                    .any(|t| crate::model::tier::level(t) == Some(l))
            })
    }

    /// A template made from a plan: its skeleton (sections with their text and
    /// guidance, preamble, closing, recipients, signature), with the agency and
    /// period words turned back into placeholders.
    pub fn from_plan(plan: &Plan, id: &str, name: &str, version: u32) -> Result<Template> {
        let fill = Fill {
            agency: plan.agency.clone(),
            place: plan.place.clone(),
            year: plan.period.years().0,
            period: Some(plan.period.clone()),
            signer_position: plan.signature.position.clone(),
            signer_name: plan.signature.signer.clone(),
            signer_authority: (
                plan.signature.authority,
                plan.signature.authority_of.clone(),
            ),
            parent: None,
        };
        let period = plan.period.clone();
        let values = Values::new(&fill, &period);
        let skeleton = Skeleton {
            symbol: plan.symbol.clone(),
            title: plan.title.clone(),
            legal_bases: plan.legal_bases.clone(),
            intro: plan.intro.clone(),
            numbering: plan.numbering.clone(),
            sections: plan.sections.clone(),
            closing: plan.closing.clone(),
            recipients: plan
                .recipients
                .iter()
                .filter(|r| Some(r.as_str()) != plan.parent.as_ref().map(|p| p.agency.as_str()))
                .cloned()
                .collect(),
            signature: plan.signature.clone(),
            appendices: vec![],
        };
        let mut v = serde_json::to_value(&skeleton).expect("a skeleton always serialises");
        generalise(&mut v, &values);
        let mut skeleton: Skeleton = serde_json::from_value(v).expect("same shape");
        if !plan.signature.position.is_empty() {
            skeleton.signature.position = "{signer.position}".into();
        }
        if !plan.signature.signer.is_empty() {
            skeleton.signature.signer = "{signer.name}".into();
        }
        let period = match &plan.period {
            Period::Year { .. } => PeriodTemplate::Year,
            Period::Years { from, to } => PeriodTemplate::Years {
                count: u8::try_from((to - from + 1).clamp(1, 20)).unwrap_or(1),
            },
            Period::Range { from, .. } => {
                if chrono::Datelike::month(from) >= 7 {
                    PeriodTemplate::SecondHalf
                } else {
                    PeriodTemplate::FirstHalf
                }
            }
        };
        let t = Template {
            template_format: TEMPLATE_FORMAT,
            id: id.to_owned(),
            name: text::nfc(name.trim()),
            description: String::new(),
            kind: plan.kind,
            tiers: if plan.agency.tier.is_empty() {
                vec![]
            } else {
                vec![plan.agency.tier.clone()]
            },
            version,
            author: plan.agency.name.clone(),
            period,
            plan: skeleton,
        };
        t.validate("kế hoạch")?;
        Ok(t)
    }
}

/// Hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A template id from a name: `Kế hoạch CĐS của xã` → `ke-hoach-cds-cua-xa`.
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in text::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id: String = id.chars().take(64).collect();
    match id.trim_end_matches('-') {
        "" => "mau".into(),
        id => id.to_owned(),
    }
}

/// A stretch of template text: literal text, or a placeholder's name.
enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// `s` cut into text and placeholders, in order; `{{` and `}}` stand for literal
/// braces. An unclosed or stray brace is an error with the reason.
fn pieces(s: &str) -> std::result::Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        out.push(Piece::Text(&rest[..i]));
        if rest[i..].starts_with("{{") || rest[i..].starts_with("}}") {
            out.push(Piece::Text(&rest[i..i + 1]));
            rest = &rest[i + 2..];
            continue;
        }
        if rest.as_bytes()[i] == b'}' {
            return Err("dấu «}» thừa (viết «}}» để in dấu ngoặc)".into());
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find('}') else {
            return Err("thiếu dấu «}» đóng ô điền (viết «{{» để in dấu ngoặc)".into());
        };
        out.push(Piece::Field(after[..end].trim()));
        rest = &after[end + 1..];
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// The placeholder names in `s`; an unknown name or a brace out of place is an
/// error with the reason.
fn placeholders_in(s: &str) -> std::result::Result<Vec<&str>, String> {
    let mut names = Vec::new();
    for p in pieces(s)? {
        let Piece::Field(name) = p else { continue };
        if !PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
            let known: Vec<String> = PLACEHOLDERS
                .iter()
                .map(|(n, _)| format!("{{{n}}}"))
                .collect();
            return Err(format!(
                "ô điền «{{{name}}}» không có; các ô điền dùng được: {}",
                known.join(", ")
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// The values of the placeholders for one plan.
struct Values {
    pairs: Vec<(&'static str, Option<String>)>,
    /// The plan has a parent: its live placeholders print from that field.
    has_parent: bool,
}

impl Values {
    fn new(fill: &Fill<'_>, period: &Period) -> Values {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let short = fill.agency.unit();
        let parent = fill.parent;
        debug_assert!(LIVE.contains(&"parent.citation"));
        let pairs = vec![
            ("agency.name", some(&fill.agency.name)),
            ("agency.short", some(&short)),
            ("agency.tier", some(&fill.agency.tier)),
            ("agency.supervising", some(&fill.agency.supervising)),
            ("place", some(&fill.place)),
            ("year", Some(period.years().0.to_string())),
            ("period", Some(period.label())),
            // Live: printed from the plan's own parent field (blank_unfilled), so
            // that a number or date filled in later reaches every place it is
            // cited; never written into the text.
            ("parent.citation", None),
            ("parent.agency", parent.and_then(|p| some(&p.agency.name))),
            ("parent.title", parent.and_then(|p| some(&p.title))),
            ("signer.position", some(&fill.signer_position)),
            ("signer.name", some(&fill.signer_name)),
            ("blank", None),
        ];
        Values {
            pairs,
            has_parent: parent.is_some(),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// `s` with its placeholders filled; `None` when one has no value and
    /// `droppable` (the entry is then left out of its list).
    fn fill(&self, s: &str, droppable: bool) -> Option<String> {
        // Validation refuses a brace out of place; such text is kept as written.
        let Ok(pieces) = pieces(s) else {
            return Some(s.to_owned());
        };
        let mut out = String::with_capacity(s.len());
        for p in pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                // A live placeholder stays, to print from the plan's own field (a
                // plan without a parent has none to print: it is missing).
                Piece::Field(name) if self.has_parent && LIVE.contains(&name) => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
                Piece::Field(name) => match self.get(name) {
                    Some(v) => out.push_str(v),
                    None if droppable => return None,
                    // Kept as the placeholder: it follows the profile (or the
                    // parent) once that is filled, and the lint names it until then.
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        Some(out)
    }
}

/// Calls `f` with the JSON path and text of every string in `v`.
fn walk_strings(v: &Value, path: &str, f: &mut impl FnMut(&str, &str)) {
    match v {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_strings(item, &format!("{path}[{i}]"), f);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                walk_strings(item, &format!("{path}.{k}"), f);
            }
        }
        _ => {}
    }
}

/// Fills every string of `v`; `key` is the field holding `v`.
fn substitute(v: &mut Value, key: Option<&str>, values: &Values) {
    match v {
        Value::String(s) => {
            // An empty signature line is for lint to flag; `…` there would print.
            let blank = key.is_some_and(|k| SIGNATURE_FIELDS.contains(&k));
            let filled = values.fill(s, blank).unwrap_or_default();
            *s = filled;
        }
        Value::Array(items) => {
            let droppable = key.is_some_and(|k| DROPPABLE_LISTS.contains(&k));
            if droppable && items.iter().all(Value::is_string) {
                items.retain_mut(|item| {
                    let s = item.as_str().unwrap_or_default();
                    match values.fill(s, true) {
                        Some(filled) => {
                            *item = Value::String(filled);
                            true
                        }
                        None => false,
                    }
                });
            } else {
                for item in items {
                    substitute(item, key, values);
                }
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                substitute(item, Some(k), values);
            }
        }
        _ => {}
    }
}

/// The reverse of [`substitute`] for a plan turned into a template: the agency's
/// name, unit, place and period words replaced by their placeholders (longest
/// first, so `Ủy ban nhân dân xã Tân An` becomes `{agency.name}`, not
/// `Ủy ban nhân dân {agency.short}`).
fn generalise(v: &mut Value, values: &Values) {
    let mut pairs: Vec<(String, &str)> = ["agency.name", "agency.short", "period"]
        .iter()
        .filter_map(|n| values.get(n).map(|v| (v.to_owned(), *n)))
        .filter(|(v, _)| v.chars().count() >= 4)
        .collect();
    pairs.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
    fn walk(v: &mut Value, pairs: &[(String, &str)]) {
        match v {
            Value::String(s) => {
                let escaped = s.replace('{', "{{").replace('}', "}}");
                let mut out = escaped;
                for (value, name) in pairs {
                    out = out.replace(value.as_str(), &format!("{{{name}}}"));
                }
                *s = out;
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, pairs)),
            Value::Object(map) => map.values_mut().for_each(|i| walk(i, pairs)),
            _ => {}
        }
    }
    walk(v, &pairs);
}

/// The templates shipped with the program (`assets/templates/`).
const BUILTIN: &[(&str, &str)] = &[
    (
        "assets/templates/ke-hoach-chung.json",
        include_str!("../../assets/templates/ke-hoach-chung.json"),
    ),
    (
        "assets/templates/cds-xa-hang-nam.json",
        include_str!("../../assets/templates/cds-xa-hang-nam.json"),
    ),
    (
        "assets/templates/nang-cao-chi-so-cds.json",
        include_str!("../../assets/templates/nang-cao-chi-so-cds.json"),
    ),
    (
        "assets/templates/ung-dung-cntt-6-thang.json",
        include_str!("../../assets/templates/ung-dung-cntt-6-thang.json"),
    ),
    (
        "assets/templates/thuc-hien-chuong-trinh-phoi-hop.json",
        include_str!("../../assets/templates/thuc-hien-chuong-trinh-phoi-hop.json"),
    ),
];

/// The id of the template used when none is chosen.
pub const DEFAULT_ID: &str = "ke-hoach-chung";

/// The built-in templates, parsed once per process (listings ask for them often).
pub fn builtin() -> &'static [Template] {
    static PARSED: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(origin, json)| {
                Template::from_json(json, origin)
                    .expect("the shipped templates are valid (checked by tests)")
            })
            .collect()
    })
}

/// The built-in template `id`.
pub fn builtin_by_id(id: &str) -> Option<Template> {
    builtin().iter().find(|t| t.id == id).cloned()
}

/// Whether a built-in template is preferred to a stored one of the same id: only
/// when the program brings a newer version than the stored one.
pub fn builtin_wins(builtin: &Template, stored_version: u32) -> bool {
    builtin.version > stored_version
}

/// The general template (mẫu chung), used when none is chosen.
pub fn default_template() -> Template {
    builtin_by_id(DEFAULT_ID).expect("the general template is shipped")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_checked() {
        assert_eq!(placeholders_in("Kế hoạch {year} {{x}}").unwrap(), ["year"]);
        assert!(placeholders_in("{năm}").unwrap_err().contains("{năm}"));
        assert!(placeholders_in("{year").unwrap_err().contains("thiếu"));
        assert!(placeholders_in("year}").unwrap_err().contains("thừa"));
    }

    #[test]
    fn ids_from_names() {
        assert_eq!(id_from_name("Kế hoạch CĐS của xã!"), "ke-hoach-cds-cua-xa");
        assert_eq!(id_from_name("  "), "mau");
    }
}
