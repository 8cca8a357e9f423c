//! The plan model (Kế hoạch) in the domain's terms.
//!
//! One `Plan` carries a whole document: header metadata, the parent reference, the
//! tree of numbered parts, the targets and tasks, recipients, signature and
//! appendices. The types derive serde and a JSON Schema: the interchange format
//! (`docs/plan-format.md`) is these types, so format and model cannot drift.

pub mod dates;
pub mod deadline;
pub mod fields;
pub mod measure;
pub mod numbering;
pub mod placement;
pub mod target;
pub mod tier;
pub mod title;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use deadline::Deadline;
pub use numbering::{LevelStyle, NumberingError};

/// The interchange format version this program reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A plan (Kế hoạch) or, more generally, an administrative document built the same
/// way (Quyết định, Báo cáo ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Always 1 for this version of the format.
    pub schema_version: u32,
    /// Document kind (thể loại văn bản).
    #[serde(default)]
    pub kind: DocumentKind,
    /// Registered number (số); absent until the clerk registers the document.
    #[serde(default, deserialize_with = "fields::de_document_number")]
    pub number: Option<u32>,
    /// Symbol (ký hiệu), e.g. `KH-UBND`.
    pub symbol: String,
    /// Issue date (ngày ban hành); absent until registered.
    #[serde(default, with = "opt_iso_date")]
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// Place name printed before the date (địa danh), e.g. `Tân An`.
    pub place: String,
    /// Summary title (trích yếu), e.g. `Chuyển đổi số xã Tân An năm 2026`.
    pub title: String,
    /// The period the plan covers (thời kỳ thực hiện).
    pub period: Period,
    /// The issuing agency (cơ quan ban hành) and its supervising agency.
    pub agency: Agency,
    /// The parent document this plan implements (văn bản cấp trên).
    #[serde(default)]
    pub parent: Option<DocumentRef>,
    /// Further legal bases (căn cứ), each a clause as printed.
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// The sentence closing the preamble, e.g. `Ủy ban nhân dân xã ban hành Kế hoạch ... như sau:`.
    #[serde(default)]
    pub intro: String,
    /// Numbering scheme, one style per depth of the section tree.
    #[serde(default = "numbering::default_scheme")]
    pub numbering: Vec<LevelStyle>,
    /// The body: a tree of numbered parts (phần, mục, khoản, điểm).
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The closing paragraph; the layout appends `./.`.
    #[serde(default)]
    pub closing: String,
    /// Targets (chỉ tiêu).
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Tasks (nhiệm vụ).
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Recipients (Nơi nhận), without the leading `- ` and trailing `;`.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Signature block (thẩm quyền ký).
    #[serde(default)]
    pub signature: Signature,
    /// Appendices (phụ lục).
    #[serde(default)]
    pub appendices: Vec<Appendix>,
    /// Draft or final.
    #[serde(default)]
    pub status: Status,
    /// When the plan was first stored (RFC 3339); set by the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the plan was last saved (RFC 3339); set by the store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// Document kind (thể loại văn bản) with its printed name and abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Kế hoạch (KH).
    #[default]
    KeHoach,
    /// Quyết định (QĐ).
    QuyetDinh,
    /// Chương trình (CTr).
    ChuongTrinh,
    /// Báo cáo (BC).
    BaoCao,
    /// Thông báo (TB).
    ThongBao,
    /// Hướng dẫn (HD).
    HuongDan,
    /// Tờ trình (TTr).
    ToTrinh,
    /// Công văn: no kind name is printed and the number has no abbreviation.
    CongVan,
}

impl DocumentKind {
    /// The kind as printed in sentences: `Kế hoạch`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::KeHoach => "Kế hoạch",
            DocumentKind::QuyetDinh => "Quyết định",
            DocumentKind::ChuongTrinh => "Chương trình",
            DocumentKind::BaoCao => "Báo cáo",
            DocumentKind::ThongBao => "Thông báo",
            DocumentKind::HuongDan => "Hướng dẫn",
            DocumentKind::ToTrinh => "Tờ trình",
            DocumentKind::CongVan => "Công văn",
        }
    }

    /// The abbreviation used in the symbol (`KH` in `KH-UBND`); none for Công văn.
    pub fn abbreviation(self) -> Option<&'static str> {
        match self {
            DocumentKind::KeHoach => Some("KH"),
            DocumentKind::QuyetDinh => Some("QĐ"),
            DocumentKind::ChuongTrinh => Some("CTr"),
            DocumentKind::BaoCao => Some("BC"),
            DocumentKind::ThongBao => Some("TB"),
            DocumentKind::HuongDan => Some("HD"),
            DocumentKind::ToTrinh => Some("TTr"),
            DocumentKind::CongVan => None,
        }
    }

    /// Recognises a kind from its printed name, in any case.
    pub fn from_name(s: &str) -> Option<DocumentKind> {
        let folded = crate::text::fold(s);
        [
            DocumentKind::KeHoach,
            DocumentKind::QuyetDinh,
            DocumentKind::ChuongTrinh,
            DocumentKind::BaoCao,
            DocumentKind::ThongBao,
            DocumentKind::HuongDan,
            DocumentKind::ToTrinh,
            DocumentKind::CongVan,
        ]
        .into_iter()
        .find(|k| crate::text::fold(k.name()) == folded)
    }
}

/// The period a plan covers (thời kỳ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Period {
    /// One calendar year: `năm 2026`.
    Year { year: i32 },
    /// Several years: `giai đoạn 2022 - 2025`.
    Years { from: i32, to: i32 },
    /// A date range with its wording, e.g. `6 tháng cuối năm 2025`.
    Range {
        #[serde(with = "iso_date")]
        #[schemars(with = "String")]
        from: NaiveDate,
        #[serde(with = "iso_date")]
        #[schemars(with = "String")]
        to: NaiveDate,
        label: String,
    },
}

impl Period {
    /// The first and last day the period covers.
    pub fn days(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self {
            Period::Range { from, to, .. } => (Some(*from), Some(*to)),
            _ => {
                let (a, b) = self.years();
                (
                    NaiveDate::from_ymd_opt(a, 1, 1),
                    NaiveDate::from_ymd_opt(b, 12, 31),
                )
            }
        }
    }

    /// First and last calendar year covered.
    pub fn years(&self) -> (i32, i32) {
        match self {
            Period::Year { year } => (*year, *year),
            Period::Years { from, to } => (*from, *to),
            Period::Range { from, to, .. } => (from.year(), to.year()),
        }
    }

    /// The period as a plan writes it.
    pub fn label(&self) -> String {
        match self {
            Period::Year { year } => format!("năm {year}"),
            Period::Years { from, to } => format!("giai đoạn {from} - {to}"),
            Period::Range { label, .. } => label.clone(),
        }
    }
}

/// An agency as printed in the header (cơ quan ban hành).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Full name as used in sentences: `Ủy ban nhân dân xã Tân An`.
    pub name: String,
    /// Supervising agency (cơ quan chủ quản) as printed above it, e.g.
    /// `UBND THÀNH PHỐ HẢI PHÒNG`; empty when there is none.
    #[serde(default)]
    pub supervising: String,
    /// The agency's tier word (cấp): xã, phường, đặc khu, huyện, tỉnh, thành phố ...
    #[serde(default)]
    pub tier: String,
}

impl Agency {
    /// The unit (đơn vị) the people's committee governs: `xã Tân An` from
    /// `Ủy ban nhân dân xã Tân An`; the whole name for other agencies.
    pub fn unit(&self) -> String {
        let folded = crate::text::fold(&self.name);
        let words = ["uy ban nhan dan ", "ubnd "]
            .iter()
            .find(|p| folded.starts_with(*p))
            .map_or(0, |p| p.split_whitespace().count());
        if words == 0 {
            return self.name.trim().to_owned();
        }
        self.name
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The archive line of the recipients (`Lưu: VT, …`), which closes the list.
pub fn is_archive_recipient(recipient: &str) -> bool {
    crate::text::fold(recipient).starts_with("luu")
}

/// A reference to another document (văn bản), e.g. the parent plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    #[serde(default)]
    pub kind: DocumentKind,
    #[serde(default, deserialize_with = "fields::de_document_number")]
    pub number: Option<u32>,
    #[serde(default)]
    pub symbol: String,
    #[serde(default, with = "opt_iso_date")]
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// Issuing agency, as used in sentences: `Ủy ban nhân dân thành phố Hải Phòng`.
    #[serde(default)]
    pub agency: String,
    /// Summary title: what the document is about (`về ...`).
    #[serde(default)]
    pub title: String,
}

impl DocumentRef {
    /// `Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về ...`
    pub fn citation(&self) -> String {
        let mut s = self.kind.name().to_owned();
        if self.number.is_some() || !self.symbol.is_empty() {
            s.push_str(" số ");
            if let Some(n) = self.number {
                s.push_str(&dates::doc_number(n));
            }
            if !self.symbol.is_empty() {
                s.push('/');
                s.push_str(&self.symbol);
            }
        }
        if let Some(d) = self.date {
            s.push_str(" ngày ");
            s.push_str(&dates::short_date(d));
        }
        if !self.agency.is_empty() {
            s.push_str(" của ");
            s.push_str(&self.agency);
        }
        if !self.title.is_empty() {
            s.push_str(" về ");
            s.push_str(&lowercase_first(&self.title));
        }
        s
    }
}

use title::lowercase_first;

/// A numbered part of the body (phần, mục, khoản, điểm) with its content.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Heading text without its label: `MỤC TIÊU, CHỈ TIÊU`.
    pub heading: String,
    /// False for an unnumbered heading; it takes no number from its siblings.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub numbered: bool,
    /// Guidance for the drafter from the template; never printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// Content blocks printed under the heading, before the children.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Sub-parts.
    #[serde(default)]
    pub children: Vec<Section>,
}

impl Section {
    /// The part assigning who does what (TỔ CHỨC THỰC HIỆN), which every plan has.
    pub fn is_implementation(&self) -> bool {
        crate::text::fold(&self.heading).contains("to chuc thuc hien")
    }

    /// A point written as a whole sentence (`1. Kinh phí thực hiện … hợp pháp
    /// khác.`), as plans number paragraphs: its heading is its content, printed as
    /// body text rather than as a title.
    pub fn is_numbered_paragraph(&self) -> bool {
        let h = self.heading.trim();
        self.numbered && h.ends_with(['.', ';', '…']) && h.split_whitespace().count() > 3
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A content block inside a section or an appendix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A justified paragraph.
    Paragraph { text: String },
    /// Bullet items (`-` or `+`).
    Bullets {
        items: Vec<String>,
        #[serde(default)]
        marker: BulletMarker,
    },
    /// The plan's targets of one group (all targets when `group` is absent).
    Targets {
        #[serde(default)]
        group: Option<String>,
    },
    /// The plan's tasks of one group (all tasks when `group` is absent).
    Tasks {
        #[serde(default)]
        group: Option<String>,
        #[serde(default)]
        layout: TaskLayout,
    },
    /// A table with a header row.
    Table {
        columns: Vec<Column>,
        #[serde(default)]
        rows: Vec<Vec<String>>,
    },
}

/// The mark in front of a bullet item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum BulletMarker {
    #[default]
    #[serde(rename = "-")]
    Dash,
    #[serde(rename = "+")]
    Plus,
}

impl BulletMarker {
    pub fn as_str(self) -> &'static str {
        match self {
            BulletMarker::Dash => "-",
            BulletMarker::Plus => "+",
        }
    }
}

/// How a task list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskLayout {
    /// Each task as a point with `Đơn vị chủ trì`, `Đơn vị phối hợp`, `Thời gian hoàn thành` lines.
    #[default]
    List,
    /// One table with a row per task.
    Table,
    /// Each task as a lettered point (`a)`, `b)` …) followed by its `- Thời gian hoàn
    /// thành`, `- Đơn vị chủ trì`, `- Đơn vị phối hợp` lines, as plans implementing a
    /// cooperation programme write them. The letters run within the block.
    Points,
}

/// A table column: its header text and optional width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub title: String,
    /// Width in millimetres; columns without one share the rest.
    #[serde(default)]
    pub width_mm: Option<f64>,
}

/// A target (chỉ tiêu): a measurable commitment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Stable identifier within the plan, used by child plans to link to it.
    #[serde(default)]
    pub id: String,
    /// Group (nhóm): Chính quyền số, Kinh tế số, Xã hội số ...
    #[serde(default)]
    pub group: String,
    /// The target as printed.
    pub text: String,
    /// Direction of the commitment; absent for a non-numeric target.
    #[serde(default)]
    pub comparator: Option<Comparator>,
    /// The committed value (`80` for 80 %, `5000` for 5.000 enterprises).
    #[serde(
        default,
        serialize_with = "ser_opt_number",
        deserialize_with = "de_opt_number"
    )]
    pub value: Option<f64>,
    /// Unit of the value.
    #[serde(default)]
    pub unit: Unit,
    /// What is counted, for a count or other unit: `doanh nghiệp`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit_label: String,
    /// Deadline (thời hạn).
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// Tier or scope the target applies to (`cấp xã`), empty for all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// Id of the parent plan's target this one implements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_target: Option<String>,
    /// Inheritance decision towards the parent target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Why the decision was taken (required for "not applicable").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// Direction of a target (so sánh).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    /// Exactly: `100%`.
    #[serde(rename = "=")]
    Eq,
    /// At least: `tối thiểu`, `ít nhất`.
    #[serde(rename = ">=", alias = "≥")]
    Ge,
    /// Above: `trên`.
    #[serde(rename = ">")]
    Gt,
    /// At most: `tối đa`, `không quá`.
    #[serde(rename = "<=", alias = "≤")]
    Le,
    /// Below: `dưới`.
    #[serde(rename = "<")]
    Lt,
    /// About: `khoảng`.
    #[serde(rename = "~", alias = "≈")]
    Approx,
}

impl Comparator {
    /// The mathematical symbol shown in tables.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
            Comparator::Le => "≤",
            Comparator::Lt => "<",
            Comparator::Approx => "≈",
        }
    }
}

/// Unit of a target value (đơn vị).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Percent,
    Count,
    Other,
}

/// What a child plan decided about a parent target (quyết định kế thừa).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Adopted as is (giữ nguyên).
    Adopted,
    /// Made stricter (nâng cao).
    Tightened,
    /// Made weaker than the parent (thấp hơn cấp trên): only ever computed, and an
    /// error of the check.
    Weakened,
    /// Not applicable to this unit, with a reason (không áp dụng).
    NotApplicable,
    /// The unit's own target (bổ sung mới).
    New,
}

impl Decision {
    /// The decision as the traceability appendix and the editor name it.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Adopted => "Giữ nguyên",
            Decision::Tightened => "Nâng cao",
            Decision::Weakened => "Thấp hơn cấp trên",
            Decision::NotApplicable => "Không áp dụng",
            Decision::New => "Bổ sung mới",
        }
    }
}

/// A task (nhiệm vụ).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Stable identifier within the plan, used by child plans to link to it.
    #[serde(default)]
    pub id: String,
    /// Group (lĩnh vực): hạ tầng số, chính quyền số ...
    #[serde(default)]
    pub group: String,
    /// The task as printed.
    pub text: String,
    /// Unit in charge (đơn vị chủ trì).
    #[serde(default)]
    pub lead: String,
    /// Coordinating units (đơn vị phối hợp).
    #[serde(default)]
    pub partners: Vec<String>,
    /// Deadline (thời gian hoàn thành).
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// Budget source (nguồn kinh phí), if stated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub budget: String,
    /// What the task delivers (sản phẩm, kết quả đầu ra), as task tables state it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub product: String,
    /// Paragraphs that detail the task (nội dung chi tiết), printed under its text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// Id of the parent plan's task this one picks up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_task: Option<String>,
}

/// The signature block (thẩm quyền ký).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Collective body signed for, printed `TM. ỦY BAN NHÂN DÂN`; empty when none.
    #[serde(default)]
    pub collective: String,
    /// Authority of a signer who signs for someone else (KT., Q., TL., TUQ.).
    #[serde(default)]
    pub authority: Option<Authority>,
    /// Whose position the authority refers to: `CHỦ TỊCH` in `KT. CHỦ TỊCH`.
    #[serde(default)]
    pub authority_of: String,
    /// The signer's position: `PHÓ CHỦ TỊCH`.
    #[serde(default)]
    pub position: String,
    /// The signer's name, without titles.
    #[serde(default)]
    pub signer: String,
}

/// Signing authority prefix other than `TM.` (which comes with a collective).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Authority {
    /// Ký thay (signs for the head): `KT.`
    #[serde(rename = "KT")]
    Kt,
    /// Quyền (acting): `Q.`
    #[serde(rename = "Q")]
    Q,
    /// Thừa lệnh: `TL.`
    #[serde(rename = "TL")]
    Tl,
    /// Thừa ủy quyền: `TUQ.`
    #[serde(rename = "TUQ")]
    Tuq,
}

impl Authority {
    pub fn prefix(self) -> &'static str {
        match self {
            Authority::Kt => "KT.",
            Authority::Q => "Q.",
            Authority::Tl => "TL.",
            Authority::Tuq => "TUQ.",
        }
    }

    /// Why a signer in `position` cannot sign with this authority (ND30: «KT.» is
    /// a deputy signing for the head); `None` when they can. The one place of the
    /// rule, for the plan's signature and the settings' default signer alike.
    pub fn misused_by(self, position: &str) -> Option<String> {
        (self == Authority::Kt && Authority::head_of_deputy(position).is_none()).then(|| {
            format!(
                "«KT.» (ký thay) dùng khi cấp phó ký thay cấp trưởng, nhưng chức vụ là «{}»",
                position.trim()
            )
        })
    }

    /// The head a deputy (cấp phó) signs for: `CHỦ TỊCH` for `PHÓ CHỦ TỊCH`;
    /// `None` for a position that is not a deputy's.
    pub fn head_of_deputy(position: &str) -> Option<String> {
        let position = position.trim();
        let (first, rest) = position.split_once(char::is_whitespace)?;
        (crate::text::fold(first) == "pho" && !rest.trim().is_empty())
            .then(|| rest.trim().to_owned())
    }
}

/// An appendix (phụ lục) with its own caption and page numbering.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Title, printed in capitals under `Phụ lục I`.
    pub title: String,
    #[serde(default)]
    pub orientation: Orientation,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// Page orientation of an appendix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Landscape when a table is too wide for portrait.
    #[default]
    Auto,
    Portrait,
    Landscape,
}

/// Whether the plan is still being drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Dự thảo.
    #[default]
    Draft,
    /// Chính thức.
    Final,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Dự thảo",
            Status::Final => "Chính thức",
        }
    }
}

/// A numbered section with its computed label, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledSection<'a> {
    /// JSON path of the section: `sections[1].children[0]`.
    pub path: String,
    /// Depth in the tree, 1 for top-level parts.
    pub depth: usize,
    /// Computed label (`I.`, `1.`, `a)`), empty for an unnumbered heading.
    pub label: String,
    pub section: &'a Section,
}

impl Plan {
    /// Every section in document order with its computed label.
    ///
    /// Fails on the first numbering error (more than 23 points at one level, or a
    /// tree deeper than the numbering scheme).
    pub fn labeled_sections(&self) -> Result<Vec<LabeledSection<'_>>, NumberingError> {
        let mut out = Vec::new();
        let mut ordinals = Vec::new();
        walk(
            &self.sections,
            "sections",
            &self.numbering,
            &mut ordinals,
            &mut out,
        )?;
        Ok(out)
    }

    /// The deadlines of targets and tasks that fall outside the plan's period
    /// (a 2026 plan's «đến hết năm 2025» taken from a 2025 parent): their JSON
    /// paths.
    pub fn deadlines_outside_period(&self) -> Vec<String> {
        let (first, last) = self.period.days();
        let outside = |d: &Option<Deadline>| {
            d.as_ref()
                .and_then(Deadline::last_day)
                .is_some_and(|day| first.is_some_and(|f| day < f) || last.is_some_and(|l| day > l))
        };
        let targets = self
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| outside(&t.deadline));
        let tasks = self
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| outside(&t.deadline));
        targets
            .map(|(i, _)| format!("targets[{i}].deadline"))
            .chain(tasks.map(|(i, _)| format!("tasks[{i}].deadline")))
            .collect()
    }

    /// Moves the deadlines outside the plan's period into it, each in its own
    /// form (`đến hết năm 2025` → `đến hết năm 2026`, `Quý IV/2025` → `Quý IV/2026`),
    /// to the nearest year of the period; how many moved.
    pub fn move_deadlines_into_period(&mut self) -> usize {
        let outside = self.deadlines_outside_period();
        let (from, to) = self.period.years();
        let mut moved = 0;
        let mut shift = |d: &mut Option<Deadline>| {
            if let Some(old) = d.as_ref() {
                let year = old.last_day().map_or(to, |day| day.year().clamp(from, to));
                let new = old.in_year(year);
                if &new != old {
                    *d = Some(new);
                    moved += 1;
                }
            }
        };
        for path in outside {
            let index = |p: &str| {
                p.split_once('[')
                    .and_then(|(_, r)| r.split_once(']'))
                    .and_then(|(n, _)| n.parse::<usize>().ok())
            };
            match (path.starts_with("targets"), index(&path)) {
                (true, Some(i)) => shift(&mut self.targets[i].deadline),
                (false, Some(i)) => shift(&mut self.tasks[i].deadline),
                _ => {}
            }
        }
        moved
    }

    /// Gives every target and task without an id a fresh one (`ct1`, `nv1` ...), so
    /// that child plans can link to them.
    pub fn assign_ids(&mut self) {
        // New ids continue after the highest one in use and never reuse a number: a
        // child plan may still link to an id whose target was deleted.
        fn fill<'a>(ids: impl Iterator<Item = &'a mut String>, prefix: &str) {
            let mut ids: Vec<&mut String> = ids.collect();
            let mut next = ids
                .iter()
                .filter_map(|s| s.strip_prefix(prefix)?.parse::<u64>().ok())
                .max()
                .unwrap_or(0);
            for id in ids.iter_mut().filter(|s| s.is_empty()) {
                next += 1;
                **id = format!("{prefix}{next}");
            }
        }
        fill(self.targets.iter_mut().map(|t| &mut t.id), "ct");
        fill(self.tasks.iter_mut().map(|t| &mut t.id), "nv");
    }

    /// The reference to this plan as a child's legal basis cites it (căn cứ).
    pub fn reference(&self) -> DocumentRef {
        DocumentRef {
            kind: self.kind,
            number: self.number,
            symbol: self.symbol.clone(),
            date: self.date,
            agency: self.agency.name.clone(),
            title: self.title.clone(),
        }
    }

    /// The preamble sentence generated from the parent reference:
    /// `Thực hiện Kế hoạch số 215/KH-UBND ngày 25/8/2025 của ... về ...;`
    pub fn parent_sentence(&self) -> Option<String> {
        self.parent
            .as_ref()
            .map(|p| format!("Thực hiện {}", p.citation()))
    }

    /// A plan with nothing but what the format requires, for a new draft.
    pub fn empty(agency: Agency, place: &str, year: i32) -> Plan {
        Plan {
            schema_version: SCHEMA_VERSION,
            kind: DocumentKind::KeHoach,
            number: None,
            symbol: "KH-UBND".into(),
            date: None,
            place: place.into(),
            title: String::new(),
            period: Period::Year { year },
            agency,
            parent: None,
            legal_bases: vec![],
            intro: String::new(),
            numbering: numbering::default_scheme(),
            sections: vec![],
            closing: String::new(),
            targets: vec![],
            tasks: vec![],
            recipients: vec![],
            signature: Signature::default(),
            appendices: vec![],
            status: Status::Draft,
            created: None,
            updated: None,
        }
    }
}

fn walk<'a>(
    sections: &'a [Section],
    base: &str,
    scheme: &[LevelStyle],
    ordinals: &mut Vec<usize>,
    out: &mut Vec<LabeledSection<'a>>,
) -> Result<(), NumberingError> {
    let mut n = 0;
    for (i, s) in sections.iter().enumerate() {
        let path = format!("{base}[{i}]");
        let label = if s.numbered {
            n += 1;
            ordinals.push(n);
            let place = format!("{path} «{}»", short(&s.heading));
            let l = numbering::label(scheme, ordinals, &place);
            ordinals.pop();
            l?
        } else {
            String::new()
        };
        out.push(LabeledSection {
            path: path.clone(),
            depth: ordinals.len() + 1,
            label,
            section: s,
        });
        // Children of an unnumbered heading continue the numbering depth of their
        // parent's level + 1 only when the heading itself is numbered.
        if s.numbered {
            ordinals.push(n);
        }
        walk(
            &s.children,
            &format!("{path}.children"),
            scheme,
            ordinals,
            out,
        )?;
        if s.numbered {
            ordinals.pop();
        }
    }
    Ok(())
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Numbers that are whole are written without a fraction (`80`, not `80.0`), so that
/// files written by the program read like files written by hand.
/// A value as plans write it: `80`, `5.000` (dot groups thousands), `1,5`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        let digits = (v.abs() as i64).to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        if v < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        v.to_string().replace('.', ",")
    }
}

fn ser_opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

fn de_opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    use serde::de::Error;
    let v = Option::<serde_json::Value>::deserialize(d)?;
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .map(Some)
            .ok_or_else(|| D::Error::custom("số không hợp lệ")),
        Some(other) => Err(D::Error::custom(format!(
            "cần một số, nhận được {}",
            describe_json(&other)
        ))),
    }
}

/// Describes a JSON value for an error message: `chuỗi "abc"`, `số 5`.
pub(crate) fn describe_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(b) => format!("giá trị logic {b}"),
        serde_json::Value::Number(n) => format!("số {n}"),
        serde_json::Value::String(s) => format!("chuỗi \"{s}\""),
        serde_json::Value::Array(_) => "một mảng".into(),
        serde_json::Value::Object(_) => "một đối tượng".into(),
    }
}

/// ISO dates (`2026-01-15`) with a Vietnamese error message.
pub(crate) mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        use serde::de::Error;
        let s = String::deserialize(d)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            D::Error::custom(format!(
                "ngày không hợp lệ «{s}»: cần dạng NNNN-TT-NN, ví dụ 2026-01-15"
            ))
        })
    }
}

pub(crate) mod opt_iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::iso_date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::iso_date")] NaiveDate);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_labels() {
        let d = |s: &str| serde_json::from_str::<Deadline>(s).unwrap().label();
        assert_eq!(
            d(r#"{"kind":"month","month":12,"year":2023}"#),
            "tháng 12 năm 2023"
        );
        assert_eq!(
            d(r#"{"kind":"month","month":2,"year":2023}"#),
            "tháng 02 năm 2023"
        );
        assert_eq!(
            d(r#"{"kind":"quarter","quarter":4,"year":2022}"#),
            "Quý IV năm 2022"
        );
        assert_eq!(d(r#"{"kind":"annually"}"#), "Hàng năm");
        assert_eq!(d(r#"{"kind":"annually","quarter":4}"#), "Quý IV hàng năm");
        assert_eq!(
            d(r#"{"kind":"before","date":"2022-07-01"}"#),
            "trước ngày 01/7/2022"
        );
    }

    #[test]
    fn deadlines_parse_from_their_wording() {
        for (text, label) in [
            ("tháng 12 năm 2023", "tháng 12 năm 2023"),
            ("Tháng 02 năm 2024.", "tháng 02 năm 2024"),
            ("Quý IV năm 2022", "Quý IV năm 2022"),
            ("Hàng năm", "Hàng năm"),
            ("tháng 02 hàng năm", "tháng 02 hàng năm"),
            ("Quý IV hàng năm", "Quý IV hàng năm"),
            ("trước ngày 01/7/2022", "trước ngày 01/7/2022"),
            ("đến hết năm 2025", "đến hết năm 2025"),
            ("năm 2025", "năm 2025"),
        ] {
            assert_eq!(Deadline::parse(text).label(), label, "{text}");
        }
        assert_eq!(
            Deadline::parse("theo hướng dẫn của Bộ"),
            Deadline::Text {
                text: "theo hướng dẫn của Bộ".into()
            }
        );
    }

    #[test]
    fn deadline_last_day() {
        let q = Deadline::Quarter {
            quarter: 4,
            year: 2022,
        };
        assert_eq!(q.last_day(), NaiveDate::from_ymd_opt(2022, 12, 31));
        let m = Deadline::Month {
            month: 2,
            year: 2024,
        };
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29));
        let b = Deadline::Before {
            date: NaiveDate::from_ymd_opt(2022, 7, 1).unwrap(),
        };
        assert_eq!(b.last_day(), NaiveDate::from_ymd_opt(2022, 6, 30));
    }

    #[test]
    fn citation_of_parent() {
        let p = DocumentRef {
            kind: DocumentKind::KeHoach,
            number: Some(215),
            symbol: "KH-UBND".into(),
            date: NaiveDate::from_ymd_opt(2025, 8, 25),
            agency: "Ủy ban nhân dân thành phố Hải Phòng".into(),
            title: "Chuyển đổi số thành phố Hải Phòng năm 2026".into(),
        };
        assert_eq!(
            p.citation(),
            "Kế hoạch số 215/KH-UBND ngày 25/8/2025 của Ủy ban nhân dân thành phố Hải Phòng về chuyển đổi số thành phố Hải Phòng năm 2026"
        );
    }
}
