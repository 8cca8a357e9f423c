//! The layout model: the printed plan as pages of blocks, with every ND30 decision
//! already taken (sizes, weights, alignment, spacing, rules, labels, date forms).
//! The DOCX and PDF writers translate this model and decide nothing themselves, so
//! each rule of the decree lives here, once.

mod blocks;
pub mod profile;

use blocks::body_block;

use crate::fonts::FontSet;
use crate::model::{dates, numbering, Block, LevelStyle, Orientation, Plan, TaskLayout};
use crate::text;
use crate::world::World;
pub use profile::Profile;

/// A4 in millimetres.
pub const A4_SHORT_MM: f32 = 210.0;
pub const A4_LONG_MM: f32 = 297.0;
/// The documents' language (tiếng Việt), as the DOCX and PDF declare it.
pub const LANGUAGE: &str = "vi-VN";
/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub profile: Profile,
    /// Document title for the file properties.
    pub title: String,
    /// The issuing agency (cơ quan ban hành), as author in the file properties.
    pub author: String,
    /// Page groups: the main text, then one per appendix.
    pub parts: Vec<Part>,
}

/// A placeholder the paper prints (chỗ trống): its text, and the JSON path of what
/// the plan lacks there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blank {
    pub at: String,
    pub text: String,
}

impl Document {
    /// Every placeholder the paper prints, in the order it prints them. The check
    /// reports each one (`lint::blanks`), so nothing is printed that it has not
    /// judged.
    pub fn blanks(&self) -> Vec<Blank> {
        fn para(p: &Para, out: &mut Vec<Blank>) {
            for r in &p.runs {
                if let Some(at) = &r.placeholder {
                    out.push(Blank {
                        at: at.clone(),
                        text: r.text.clone(),
                    });
                }
            }
        }
        fn blocks(list: &[LBlock], out: &mut Vec<Blank>) {
            for b in list {
                match b {
                    LBlock::Para(p) => para(p, out),
                    LBlock::Rule(_) => {}
                    LBlock::Grid(g) => {
                        for cell in g.rows.iter().flatten() {
                            blocks(cell, out);
                        }
                    }
                    LBlock::Table(t) => {
                        for p in t.header.iter().chain(t.rows.iter().flatten()) {
                            para(p, out);
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        for part in &self.parts {
            blocks(&part.blocks, &mut out);
        }
        out
    }

    /// Marks the paper as a draft: «DỰ THẢO» in bold at the top right of its first
    /// page, above the header, as offices mark a draft, so that a paper with errors
    /// cannot pass for the one to sign. Both writers and the preview print it.
    pub fn mark_draft(&mut self) {
        let size = self.profile.body_pt;
        let mark = Para {
            runs: vec![run(DRAFT_MARK, true, false)],
            align: Align::Right,
            size_pt: size,
            first_line_mm: 0.0,
            indent_left_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 6.0,
            line_spacing: 1.0,
            keep_with_next: true,
            role: Role::DraftMark,
        };
        if let Some(first) = self.parts.first_mut() {
            first.blocks.insert(0, LBlock::Para(mark));
        }
    }
}

/// Word's default left and right cell margin of a data table (0.19 cm), which
/// LibreOffice keeps and the PDF uses.
pub const CELL_MARGIN_MM: f32 = 1.9;

/// The words that mark a draft.
pub const DRAFT_MARK: &str = "DỰ THẢO";

/// A run of pages with one orientation and its own page numbering.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub landscape: bool,
    /// Page numbers restart at 1 at the start of this part.
    pub restart_numbering: bool,
    /// Page numbers are printed, centred in the top margin, from the part's second page.
    pub page_numbers: bool,
    pub blocks: Vec<LBlock>,
}

impl Part {
    /// Width of the text area in millimetres.
    pub fn text_width_mm(&self, p: &Profile) -> f32 {
        self.page_width_mm() - p.margin_left_mm - p.margin_right_mm
    }

    pub fn page_width_mm(&self) -> f32 {
        if self.landscape {
            A4_LONG_MM
        } else {
            A4_SHORT_MM
        }
    }

    pub fn page_height_mm(&self) -> f32 {
        if self.landscape {
            A4_SHORT_MM
        } else {
            A4_LONG_MM
        }
    }
}

/// A block of the layout.
#[derive(Debug, Clone, PartialEq)]
pub enum LBlock {
    Para(Para),
    /// A drawn horizontal rule, centred in its column.
    Rule(Rule),
    /// A borderless grid used to place things side by side (page-1 header block,
    /// recipients beside the signature).
    Grid(Grid),
    /// A data table with a grid and a header row repeated on every page.
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Size of the paragraph (all runs share it).
    pub size_pt: f32,
    pub first_line_mm: f32,
    pub indent_left_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Multiple of single line spacing.
    pub line_spacing: f32,
    /// Keep on the same page as the next paragraph (headings).
    pub keep_with_next: bool,
    /// What the paragraph is, for tests and for the PDF paginator.
    pub role: Role,
}

/// What a paragraph is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// «DỰ THẢO» at the top of a paper made while the check still finds errors.
    DraftMark,
    SupervisingAgency,
    IssuingAgency,
    Number,
    NationalName,
    Motto,
    PlaceDate,
    Kind,
    Summary,
    LegalBasis,
    Intro,
    Heading,
    Body,
    Closing,
    RecipientsHeading,
    Recipient,
    SignatureAuthority,
    SignaturePosition,
    SignatureSpace,
    Signer,
    AppendixCaption,
    AppendixTitle,
    AppendixReference,
    TableHeader,
    TableCell,
}

/// A run of text with one weight and slant.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Text the user has not filled in yet, printed so it is seen: the JSON path
    /// of what is missing (`signature.position`, `sections[2].blocks[0]`), which
    /// the check reports there ([`Document::blanks`]).
    pub placeholder: Option<String>,
}

/// A horizontal rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub width_mm: f32,
    pub thickness_pt: f32,
    /// Space between the text above and the rule.
    pub space_before_pt: f32,
}

/// A borderless grid of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub columns_mm: Vec<f32>,
    pub rows: Vec<Vec<Vec<LBlock>>>,
    /// Offset of the grid from the left margin (negative: into the margin).
    pub indent_mm: f32,
    /// Padding left and right inside each cell.
    pub padding_mm: f32,
}

/// A data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns_mm: Vec<f32>,
    pub header: Vec<Para>,
    pub rows: Vec<Vec<Para>>,
}

/// Text printed where the user has not written anything yet: `what` is missing
/// at JSON path `at`.
pub(super) fn placeholder(what: &str, at: &str) -> Run {
    Run {
        text: format!("[{what}]"),
        bold: false,
        italic: false,
        placeholder: Some(at.to_owned()),
    }
}

pub(super) fn run(text: &str, bold: bool, italic: bool) -> Run {
    Run {
        text: text.to_owned(),
        bold,
        italic,
        placeholder: None,
    }
}

/// Builds paragraphs with the profile's defaults.
pub(super) struct Styler<'a> {
    p: &'a Profile,
}

impl Styler<'_> {
    pub(super) fn centered(&self, role: Role, size: f32, runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Center,
            size_pt: size,
            first_line_mm: 0.0,
            indent_left_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            role,
        }
    }

    pub(super) fn body(&self, role: Role, runs: Vec<Run>) -> Para {
        Para {
            runs,
            align: Align::Justify,
            size_pt: self.p.body_pt,
            first_line_mm: self.p.first_line_indent_mm,
            indent_left_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: self.p.paragraph_spacing_pt,
            line_spacing: self.p.line_spacing,
            keep_with_next: false,
            role,
        }
    }

    pub(super) fn left(&self, role: Role, size: f32, runs: Vec<Run>) -> Para {
        Para {
            align: Align::Left,
            size_pt: size,
            ..self.centered(role, size, runs)
        }
    }
}

/// Text, or a placeholder for `what` (at JSON path `at`) when it is empty.
pub(super) fn text_or(text: &str, what: &str, at: &str, bold: bool, italic: bool) -> Run {
    if text.trim().is_empty() {
        Run {
            bold,
            italic,
            ..placeholder(what, at)
        }
    } else {
        run(text, bold, italic)
    }
}

/// Splits an agency name into header lines: `ỦY BAN NHÂN DÂN` / `XÃ TÂN AN`.
pub fn agency_lines(name: &str) -> Vec<String> {
    let upper = text::upper(name.trim());
    for head in ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"] {
        if let Some(rest) = upper.strip_prefix(head) {
            let rest = rest.trim();
            if !rest.is_empty() {
                return vec![head.to_owned(), rest.to_owned()];
            }
        }
    }
    vec![upper]
}

/// `Số: 05/KH-UBND`, or `Số:      /KH-UBND` before registration.
pub fn number_line(plan: &Plan) -> String {
    match plan.number {
        Some(n) => format!("Số: {}/{}", dates::doc_number(n), plan.symbol),
        None => format!("Số:{}/{}", dates::BLANK, plan.symbol),
    }
}

/// The year printed in a blank date: the plan's own date's, else this year (the
/// clerk registers a draft within days).
fn issue_year(plan: &Plan, today_year: i32) -> i32 {
    plan.date
        .map(|d| chrono::Datelike::year(&d))
        .unwrap_or(today_year)
}

/// `Tân An, ngày 05 tháng 02 năm 2026`, blank day and month before registration.
pub fn place_date_line(plan: &Plan, today_year: i32) -> String {
    let year = issue_year(plan, today_year);
    format!(
        "{}, {}",
        plan.place.trim(),
        dates::long_date(plan.date, year)
    )
}

/// Lays out a plan for printing.
pub fn layout(plan: &Plan, profile: &Profile, world: &dyn World) -> crate::Result<Document> {
    // A placeholder still without a value prints as the blank the drafter fills.
    let plan = &crate::template::blank_unfilled(plan);
    let fonts = world.fonts();
    let s = Styler { p: profile };
    let today_year = chrono::Datelike::year(&world.today());
    let portrait_width = A4_SHORT_MM - profile.margin_left_mm - profile.margin_right_mm;
    let mut main = Vec::new();

    // Page 1 header block: two columns, two rows so that `Số:` and the date line up.
    let national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let lines = if plan.agency.name.trim().is_empty() {
        vec![String::new()]
    } else {
        agency_lines(&plan.agency.name)
    };
    let (left_w, right_w, indent) =
        header_columns(plan, &lines, national, profile, fonts, portrait_width);
    let mut agency = Vec::new();
    if !plan.agency.supervising.trim().is_empty() {
        agency.push(LBlock::Para(s.centered(
            Role::SupervisingAgency,
            profile.agency_pt,
            vec![run(
                &text::upper(plan.agency.supervising.trim()),
                false,
                false,
            )],
        )));
    }
    let mut widest: f32 = 0.0;
    for l in &lines {
        widest = widest.max(fonts.width_pt(l, true, false, profile.agency_pt));
        agency.push(LBlock::Para(s.centered(
            Role::IssuingAgency,
            profile.agency_pt,
            vec![text_or(
                l,
                "Tên cơ quan ban hành",
                "agency.name",
                true,
                false,
            )],
        )));
    }
    // The rule under the issuing agency: 1/3 to 1/2 of the name's length; 40 %.
    agency.push(LBlock::Rule(Rule {
        width_mm: (widest * 0.4 / PT_PER_MM).max(15.0),
        thickness_pt: 0.5,
        space_before_pt: 3.0,
    }));
    let state = vec![
        LBlock::Para(s.centered(
            Role::NationalName,
            profile.national_name_pt,
            vec![run(national, true, false)],
        )),
        LBlock::Para(s.centered(Role::Motto, profile.motto_pt, vec![run(motto, true, false)])),
        // The rule under the motto is as long as the motto.
        LBlock::Rule(Rule {
            width_mm: fonts.width_pt(motto, true, false, profile.motto_pt) / PT_PER_MM,
            thickness_pt: 0.5,
            space_before_pt: 3.0,
        }),
    ];
    let number = vec![LBlock::Para(Para {
        space_before_pt: 6.0,
        ..s.centered(
            Role::Number,
            profile.number_pt,
            vec![run(&number_line(plan), false, false)],
        )
    })];
    let place_date = if plan.place.trim().is_empty() {
        vec![
            placeholder("Địa danh", "place"),
            run(&place_date_line(plan, today_year), false, true),
        ]
    } else {
        vec![run(&place_date_line(plan, today_year), false, true)]
    };
    let date = vec![LBlock::Para(Para {
        space_before_pt: 6.0,
        ..s.centered(Role::PlaceDate, profile.date_pt, place_date)
    })];
    main.push(LBlock::Grid(Grid {
        columns_mm: vec![left_w, right_w],
        rows: vec![vec![agency, state], vec![number, date]],
        indent_mm: indent,
        padding_mm: 0.0,
    }));

    // Title: kind, summary, a short rule.
    main.push(LBlock::Para(Para {
        space_before_pt: 18.0,
        keep_with_next: true,
        ..s.centered(
            Role::Kind,
            profile.title_pt,
            vec![run(&text::upper(plan.kind.name()), true, false)],
        )
    }));
    main.push(LBlock::Para(Para {
        keep_with_next: true,
        ..s.centered(
            Role::Summary,
            profile.title_pt,
            vec![text_or(
                plan.title.trim(),
                "Trích yếu nội dung kế hoạch",
                "title",
                true,
                false,
            )],
        )
    }));
    let summary_w = fonts
        .width_pt(plan.title.trim(), true, false, profile.title_pt)
        .min(portrait_width * PT_PER_MM);
    main.push(LBlock::Rule(Rule {
        width_mm: (summary_w * 0.4 / PT_PER_MM).clamp(20.0, portrait_width / 3.0),
        thickness_pt: 0.5,
        space_before_pt: 3.0,
    }));

    // Legal basis (căn cứ), in italics; the parent sentence generated, never typed.
    let mut bases: Vec<String> = plan
        .legal_bases
        .iter()
        .map(|b| b.trim().to_owned())
        .collect();
    if let Some(p) = plan.parent_sentence() {
        bases.push(p);
    }
    for (i, b) in bases.iter().enumerate() {
        let mut t = b.trim_end_matches([';', '.', ',']).to_owned();
        t.push(';');
        let mut para = s.body(Role::LegalBasis, vec![run(&t, false, true)]);
        if i == 0 {
            para.space_before_pt = 12.0;
        }
        main.push(LBlock::Para(para));
    }
    if !plan.intro.trim().is_empty() {
        let mut para = s.body(Role::Intro, vec![run(plan.intro.trim(), false, false)]);
        if bases.is_empty() {
            para.space_before_pt = 12.0;
        }
        main.push(LBlock::Para(para));
    }

    // Body: the section tree with computed labels.
    let sections = plan.labeled_sections()?;
    if sections.is_empty() {
        main.push(LBlock::Para(s.body(
            Role::Body,
            vec![placeholder("Nội dung kế hoạch", "sections")],
        )));
    }
    for l in &sections {
        let style = if l.label.is_empty() {
            None
        } else {
            plan.numbering.get(l.depth - 1).copied()
        };
        let heading_text = match style {
            Some(LevelStyle::Part) | Some(LevelStyle::Roman) => {
                text::upper(l.section.heading.trim())
            }
            _ => l.section.heading.trim().to_owned(),
        };
        let (bold, italic) = match style {
            // Below the parts, a numbered sentence is body text, not a title.
            Some(LevelStyle::Arabic | LevelStyle::Decimal | LevelStyle::Letter)
                if l.section.is_numbered_paragraph() =>
            {
                (false, false)
            }
            Some(LevelStyle::Part)
            | Some(LevelStyle::Roman)
            | Some(LevelStyle::Arabic)
            | Some(LevelStyle::Decimal) => (true, false),
            Some(LevelStyle::Letter) => (false, true),
            _ => (false, false),
        };
        let mut runs = Vec::new();
        if !l.label.is_empty() {
            runs.push(run(&format!("{} ", l.label), bold, italic));
        }
        runs.push(text_or(
            &heading_text,
            "Tiêu đề mục",
            &format!("{}.heading", l.path),
            bold,
            italic,
        ));
        let mut head = s.body(Role::Heading, runs);
        head.keep_with_next = true;
        if l.depth == 1 {
            head.space_before_pt = profile.paragraph_spacing_pt;
        }
        main.push(LBlock::Para(head));
        for (k, b) in l.section.blocks.iter().enumerate() {
            let at = format!("{}.blocks[{k}]", l.path);
            body_block(plan, b, &at, fonts, &s, profile, portrait_width, &mut main);
        }
    }

    // Closing sentence and the end mark `./.`.
    let closing = plan
        .closing
        .trim()
        .trim_end_matches("./.")
        .trim_end_matches('.');
    let mut runs = vec![text_or(
        closing,
        "Câu kết thúc kế hoạch",
        "closing",
        false,
        false,
    )];
    runs.push(run("./.", false, false));
    // The signature block never stands alone on a page: it keeps the closing lines.
    main.push(LBlock::Para(Para {
        keep_with_next: true,
        ..s.body(Role::Closing, runs)
    }));

    main.push(footer_block(plan, &s, profile, portrait_width));

    let mut parts = vec![Part {
        landscape: false,
        restart_numbering: false,
        page_numbers: true,
        blocks: main,
    }];

    // Appendices: their own pages, caption, reference line and numbering.
    for (i, a) in plan.appendices.iter().enumerate() {
        let landscape = match a.orientation {
            Orientation::Landscape => true,
            Orientation::Portrait => false,
            Orientation::Auto => a.blocks.iter().any(|b| match b {
                Block::Tasks { layout, .. } => *layout == TaskLayout::Table,
                Block::Table { columns, .. } => columns.len() >= 5,
                _ => false,
            }),
        };
        let width = if landscape { A4_LONG_MM } else { A4_SHORT_MM }
            - profile.margin_left_mm
            - profile.margin_right_mm;
        let mut blocks = vec![
            LBlock::Para(s.centered(
                Role::AppendixCaption,
                14.0,
                vec![run(
                    &format!("Phụ lục {}", numbering::roman(i + 1)),
                    true,
                    false,
                )],
            )),
            LBlock::Para(s.centered(
                Role::AppendixTitle,
                profile.title_pt,
                vec![text_or(
                    &text::upper(a.title.trim()),
                    "Tên phụ lục",
                    &format!("appendices[{i}].title"),
                    true,
                    false,
                )],
            )),
            LBlock::Para(Para {
                space_after_pt: 12.0,
                ..s.centered(
                    Role::AppendixReference,
                    profile.body_pt,
                    vec![run(&appendix_reference(plan, today_year), false, true)],
                )
            }),
        ];
        for (k, b) in a.blocks.iter().enumerate() {
            let at = format!("appendices[{i}].blocks[{k}]");
            body_block(plan, b, &at, fonts, &s, profile, width, &mut blocks);
        }
        parts.push(Part {
            landscape,
            restart_numbering: true,
            page_numbers: true,
            blocks,
        });
    }

    Ok(Document {
        profile: profile.clone(),
        title: format!("{} {}", plan.kind.name(), plan.title.trim()),
        author: plan.agency.name.trim().to_owned(),
        parts,
    })
}

/// Widths of the header block's columns and its offset into the left margin.
///
/// The national name must sit on one line (as on every hand-typed plan), so the right
/// column is as wide as it; the left column fits the agency names. When both do not
/// fit the text width, the block reaches into the left margin, up to 15 mm, as
/// Word templates for ND30 documents do.
fn header_columns(
    plan: &Plan,
    agency_lines: &[String],
    national: &str,
    profile: &Profile,
    fonts: &FontSet,
    width: f32,
) -> (f32, f32, f32) {
    const SLACK_MM: f32 = 2.0;
    let right = text_width_mm(fonts, national, true, profile.national_name_pt) + SLACK_MM;
    let mut left = agency_lines
        .iter()
        .map(|l| text_width_mm(fonts, l, true, profile.agency_pt))
        .fold(0.0, f32::max);
    if !plan.agency.supervising.trim().is_empty() {
        let sup = text::upper(plan.agency.supervising.trim());
        left = left.max(text_width_mm(fonts, &sup, false, profile.agency_pt));
    }
    let left = (left + SLACK_MM).max(width * 0.35);
    let over = (left + right - width).clamp(0.0, 15.0);
    let left = (width + over - right).max(width * 0.3);
    (left, right, -over)
}

/// `(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Tân An)`
pub fn appendix_reference(plan: &Plan, today_year: i32) -> String {
    let number = match plan.number {
        Some(n) => format!("{}/{}", dates::doc_number(n), plan.symbol),
        None => format!("{}/{}", dates::BLANK.trim_end(), plan.symbol),
    };
    let year = issue_year(plan, today_year);
    format!(
        "(Kèm theo {} số {} {} của {})",
        plan.kind.name(),
        number,
        dates::long_date(plan.date, year),
        plan.agency.name.trim()
    )
}

/// Recipients (left) beside the signature block (right).
fn footer_block(plan: &Plan, s: &Styler<'_>, profile: &Profile, width_mm: f32) -> LBlock {
    let mut left = vec![LBlock::Para(Para {
        space_before_pt: 12.0,
        ..s.left(
            Role::RecipientsHeading,
            profile.recipients_heading_pt,
            vec![run("Nơi nhận:", true, true)],
        )
    })];
    let n = plan.recipients.len();
    if n == 0 {
        left.push(LBlock::Para(s.left(
            Role::Recipient,
            profile.recipients_pt,
            vec![
                run("- ", false, false),
                placeholder("Nơi nhận", "recipients"),
                run(";", false, false),
            ],
        )));
    }
    for (i, r) in plan.recipients.iter().enumerate() {
        let text = r.trim().trim_end_matches([';', '.']);
        let end = if i + 1 == n { "." } else { ";" };
        left.push(LBlock::Para(s.left(
            Role::Recipient,
            profile.recipients_pt,
            vec![run(&format!("- {text}{end}"), false, false)],
        )));
    }
    let sig = &plan.signature;
    let size = profile.signature_pt;
    let mut right = Vec::new();
    let mut first = true;
    let mut line = |role: Role, text: String, right: &mut Vec<LBlock>| {
        let mut p = s.centered(role, size, vec![run(&text, true, false)]);
        if first {
            p.space_before_pt = 12.0;
            first = false;
        }
        right.push(LBlock::Para(p));
    };
    if !sig.collective.trim().is_empty() {
        line(
            Role::SignatureAuthority,
            format!("TM. {}", text::upper(sig.collective.trim())),
            &mut right,
        );
    }
    if let Some(a) = sig.authority {
        let of = if sig.authority_of.trim().is_empty() {
            "CHỦ TỊCH".to_owned()
        } else {
            text::upper(sig.authority_of.trim())
        };
        line(
            Role::SignatureAuthority,
            format!("{} {of}", a.prefix()),
            &mut right,
        );
    }
    if sig.position.trim().is_empty() {
        let mut p = s.centered(
            Role::SignaturePosition,
            size,
            vec![placeholder("Chức vụ người ký", "signature.position")],
        );
        p.runs[0].bold = true;
        right.push(LBlock::Para(p));
    } else {
        line(
            Role::SignaturePosition,
            text::upper(sig.position.trim()),
            &mut right,
        );
    }
    // Space for the signature and the seal.
    right.push(LBlock::Para(Para {
        space_after_pt: 60.0,
        ..s.centered(Role::SignatureSpace, size, vec![])
    }));
    right.push(LBlock::Para(s.centered(
        Role::Signer,
        size,
        vec![text_or(
            sig.signer.trim(),
            "Họ và tên người ký",
            "signature.signer",
            true,
            false,
        )],
    )));
    LBlock::Grid(Grid {
        columns_mm: vec![width_mm * 0.45, width_mm * 0.55],
        rows: vec![vec![left, right]],
        indent_mm: 0.0,
        padding_mm: 0.0,
    })
}

/// Measures with the document font: used by the writers for rules and by tests.
pub fn text_width_mm(fonts: &FontSet, text: &str, bold: bool, size_pt: f32) -> f32 {
    fonts.width_pt(text, bold, false, size_pt) / PT_PER_MM
}
