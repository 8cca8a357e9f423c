//! Pagination (phân trang): the layout model's parts into pages of placed lines,
//! rules and table borders. Coordinates are points from the page's top-left corner.
//!
//! The rules are those Word and LibreOffice apply to our DOCX: a heading stays with
//! the lines after it (keep with next), no line of a paragraph alone at the top or
//! the bottom of a page (widow and orphan control), table rows are not split and the
//! header row is repeated on every page, a grid (the header block, the signature
//! block) is never split, and the closing line stays with the signature block.

use super::lines::{break_lines, Line};
use crate::fonts::FontSet;
use crate::layout::{Align, Document, Grid, LBlock, Para, Part, Rule, Table, PT_PER_MM};

use crate::layout::CELL_MARGIN_MM;
/// Page numbers sit in the top margin, 10 mm from the edge (as in the DOCX header).
const PAGE_NUMBER_FROM_TOP_MM: f32 = 10.0;

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<PlacedLine>,
    /// The page number in the top margin, when the page shows one.
    pub number: Option<PlacedLine>,
    /// Rules and table borders, as segments.
    pub strokes: Vec<Stroke>,
}

impl Page {
    /// Every line of text on the page: the flow, then the page number.
    pub fn all_lines(&self) -> impl Iterator<Item = &PlacedLine> {
        self.lines.iter().chain(self.number.iter())
    }
}

/// A line of text at its place.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Left end of the text.
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub line: Line,
    /// Extra space added at each gap (justified lines).
    pub stretch: f32,
    /// The measure the line was broken to (for checks).
    pub measure: f32,
}

impl PlacedLine {
    /// Each piece of text with the x where it starts (justification included).
    pub fn pieces(&self) -> Vec<(f32, &super::lines::Piece)> {
        let mut out = Vec::new();
        let mut x = self.x;
        let n = self.line.words.len();
        for (wi, w) in self.line.words.iter().enumerate() {
            for p in &w.pieces {
                out.push((x, p));
                x += p.width;
            }
            if wi + 1 < n {
                x += w.space_width
                    + if w.space.is_empty() {
                        0.0
                    } else {
                        self.stretch
                    };
            }
        }
        out
    }

    /// The boxes behind text not filled in yet (x, top, width, height): one per
    /// stretch of placeholder pieces, the spaces between them included, as Word
    /// highlights a whole run.
    pub fn highlights(&self) -> Vec<[f32; 4]> {
        let (top, height) = (self.baseline - self.size * 0.9, self.size * 1.15);
        let mut boxes: Vec<[f32; 4]> = Vec::new();
        let mut extending = false;
        for (x, p) in self.pieces() {
            if !p.placeholder {
                extending = false;
                continue;
            }
            match boxes.last_mut() {
                Some(b) if extending => b[2] = x + p.width - b[0],
                _ => boxes.push([x, top, p.width, height]),
            }
            extending = true;
        }
        boxes
    }
}

/// A straight line segment.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stroke {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness: f32,
}

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Lays out every part of `doc` on pages.
pub fn paginate(doc: &Document, fonts: &FontSet) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut number = 0u32;
    for part in &doc.parts {
        if part.restart_numbering {
            number = 0;
        }
        let mut flow = Flow::new(doc, part, fonts);
        flow.blocks(&part.blocks);
        // Centred over the text column, as the DOCX header paragraph is.
        let column_centre = flow.left + flow.measure / 2.0;
        let first = pages.len();
        pages.extend(flow.pages);
        for (i, page) in pages[first..].iter_mut().enumerate() {
            number += 1;
            if part.page_numbers && i > 0 {
                let size = doc.profile.body_pt;
                let line = break_lines(
                    &[crate::layout::Run {
                        text: number.to_string(),
                        bold: false,
                        italic: false,
                        placeholder: None,
                    }],
                    fonts,
                    size,
                    page.width,
                    page.width,
                )
                .remove(0);
                let w = line.width();
                page.number = Some(PlacedLine {
                    x: column_centre - w / 2.0,
                    baseline: mm(PAGE_NUMBER_FROM_TOP_MM) + fonts.regular().ascent_pt(size),
                    size,
                    line,
                    stretch: 0.0,
                    measure: page.width,
                });
            }
        }
    }
    pages
}

/// A paragraph broken into lines, with its vertical metrics.
struct Broken<'a> {
    para: &'a Para,
    lines: Vec<Line>,
    line_height: f32,
    /// Text area offsets of the first and the other lines.
    first_x: f32,
    rest_x: f32,
    first_measure: f32,
    rest_measure: f32,
}

impl<'a> Broken<'a> {
    fn new(para: &'a Para, fonts: &FontSet, width: f32) -> Broken<'a> {
        let left = mm(para.indent_left_mm);
        let first = mm(para.first_line_mm);
        let first_measure = (width - left - first).max(1.0);
        let rest_measure = (width - left).max(1.0);
        let lines = break_lines(&para.runs, fonts, para.size_pt, first_measure, rest_measure);
        Broken {
            para,
            lines,
            line_height: fonts.regular().line_height_pt(para.size_pt) * para.line_spacing,
            first_x: left + first,
            rest_x: left,
            first_measure,
            rest_measure,
        }
    }

    fn height(&self) -> f32 {
        self.para.space_before_pt
            + self.lines.len() as f32 * self.line_height
            + self.para.space_after_pt
    }

    /// Places `line`, the paragraph's first when `first`, with its top at `top`,
    /// in a column starting at `x0`.
    fn place(&self, line: Line, first: bool, x0: f32, top: f32, fonts: &FontSet) -> PlacedLine {
        let (x, measure) = if first {
            (x0 + self.first_x, self.first_measure)
        } else {
            (x0 + self.rest_x, self.rest_measure)
        };
        let slack = (measure - line.width()).max(0.0);
        let (dx, stretch) = match self.para.align {
            Align::Left => (0.0, 0.0),
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
            Align::Justify if !line.last && line.gaps() > 0 => (0.0, slack / line.gaps() as f32),
            Align::Justify => (0.0, 0.0),
        };
        // Extra line spacing goes below the text, as in Word and LibreOffice.
        let baseline = top + fonts.regular().ascent_pt(self.para.size_pt);
        PlacedLine {
            x: x + dx,
            baseline,
            size: self.para.size_pt,
            line,
            stretch,
            measure,
        }
    }
}

/// The flow of one part's blocks down its pages.
struct Flow<'a> {
    fonts: &'a FontSet,
    width: f32,
    height: f32,
    left: f32,
    top: f32,
    bottom: f32,
    measure: f32,
    pages: Vec<Page>,
    y: f32,
    /// Space after the last paragraph, not yet added: LibreOffice (in Word
    /// compatibility) separates two paragraphs by the larger of the space after the
    /// first and the space before the second, not their sum.
    pending: f32,
}

impl<'a> Flow<'a> {
    fn new(doc: &Document, part: &Part, fonts: &'a FontSet) -> Flow<'a> {
        let p = &doc.profile;
        let width = mm(part.page_width_mm());
        let height = mm(part.page_height_mm());
        let mut flow = Flow {
            fonts,
            width,
            height,
            left: mm(p.margin_left_mm),
            top: mm(p.margin_top_mm),
            bottom: height - mm(p.margin_bottom_mm),
            measure: mm(part.text_width_mm(p)),
            pages: Vec::new(),
            y: 0.0,
            pending: 0.0,
        };
        flow.new_page();
        flow
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            lines: Vec::new(),
            number: None,
            strokes: Vec::new(),
        });
        self.y = self.top;
        self.pending = 0.0;
    }

    /// Space before a block: none at the top of a page, else the larger of the
    /// pending space after and the block's own space before.
    fn gap(&self, before: f32) -> f32 {
        if self.at_top() {
            0.0
        } else {
            self.pending.max(before)
        }
    }

    /// Moves down by the gap before a block.
    fn open(&mut self, before: f32) {
        self.y += self.gap(before);
        self.pending = 0.0;
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn at_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    fn blocks(&mut self, blocks: &[LBlock]) {
        // The next paragraph, when it was already broken to see whether it fits
        // after a heading (breaking is most of pagination's time).
        let mut cached: Option<Broken<'_>> = None;
        for (i, b) in blocks.iter().enumerate() {
            match b {
                LBlock::Para(p) => {
                    let broken = cached
                        .take()
                        .unwrap_or_else(|| Broken::new(p, self.fonts, self.measure));
                    let keep = if p.keep_with_next {
                        if let Some(LBlock::Para(next)) = blocks.get(i + 1) {
                            cached = Some(Broken::new(next, self.fonts, self.measure));
                        }
                        self.min_height(&blocks[i + 1..], p.space_after_pt, cached.as_ref())
                    } else {
                        0.0
                    };
                    self.para(broken, keep);
                }
                LBlock::Rule(r) => {
                    let h = r.space_before_pt + 2.0;
                    if self.gap(0.0) + h > self.room() && !self.at_top() {
                        self.new_page();
                    }
                    self.open(0.0);
                    let (x, y, m) = (self.left, self.y, self.measure);
                    self.page().strokes.push(rule(r, x, m, y));
                    self.y += h;
                }
                LBlock::Grid(g) => {
                    let h = grid_height(g, self.fonts);
                    if self.gap(0.0) + h > self.room() && !self.at_top() {
                        self.new_page();
                    }
                    self.open(0.0);
                    let (x, y) = (self.left, self.y);
                    let fonts = self.fonts;
                    draw_grid(g, x, y, fonts, self.page());
                    self.y += h;
                }
                LBlock::Table(t) => self.table(t),
            }
        }
    }

    /// The least height that must follow a keep-with-next paragraph on its page
    /// (whose space after is `after`): the first lines the next paragraph would put
    /// there (two, or all of a paragraph of three lines or fewer, which widow and
    /// orphan control does not split), all of it and what follows when it is kept
    /// with the next too; the whole of a grid or rule; a table's header and first row.
    fn min_height(&self, rest: &[LBlock], after: f32, first: Option<&Broken<'_>>) -> f32 {
        match rest.first() {
            None => 0.0,
            Some(LBlock::Para(p)) => {
                let owned;
                let b = match first {
                    Some(b) => b,
                    None => {
                        owned = Broken::new(p, self.fonts, self.measure);
                        &owned
                    }
                };
                let gap = after.max(p.space_before_pt);
                let n = b.lines.len();
                if p.keep_with_next {
                    gap + n as f32 * b.line_height
                        + self.min_height(&rest[1..], p.space_after_pt, None)
                } else if n <= 3 {
                    gap + n as f32 * b.line_height + p.space_after_pt
                } else {
                    gap + 2.0 * b.line_height
                }
            }
            Some(LBlock::Rule(r)) => after + r.space_before_pt + 2.0,
            Some(LBlock::Grid(g)) => after + grid_height(g, self.fonts),
            Some(LBlock::Table(t)) => {
                let cols = table_columns(t);
                after
                    + row_height(&t.header, &cols, self.fonts)
                    + t.rows
                        .first()
                        .map_or(0.0, |r| row_height(r, &cols, self.fonts))
            }
        }
    }

    fn para(&mut self, mut b: Broken<'_>, keep: f32) {
        // The lines move onto the pages (copying them was a tenth of pagination).
        let mut lines = std::mem::take(&mut b.lines).into_iter().enumerate();
        let n = lines.len();
        let lh = b.line_height;
        // Keep with next: the paragraph and the start of what follows on one page.
        let whole = self.gap(b.para.space_before_pt) + n as f32 * lh;
        if keep > 0.0 && !self.at_top() && whole + keep > self.room() {
            self.new_page();
        }
        let mut i = 0;
        while i < n {
            self.open(b.para.space_before_pt);
            let fit = ((self.room() + 0.01) / lh).floor().max(0.0) as usize;
            let left = n - i;
            // The space after a paragraph belongs to it (as in LibreOffice): its last
            // line fits only with that space below it.
            let all = left as f32 * lh + b.para.space_after_pt <= self.room() + 0.01;
            let take = if all {
                left
            } else {
                // Widow and orphan control: never one line alone on either page.
                let mut k = fit.min(left - 1);
                if left >= 2 && k == left - 1 {
                    k = left - 2;
                }
                if k == 1 && left > 1 {
                    k = 0;
                }
                if k == 0 && self.at_top() {
                    k = fit.max(1); // taller than a page: break anyway
                }
                k
            };
            if take == 0 {
                self.new_page();
                continue;
            }
            for (j, line) in lines.by_ref().take(take) {
                let placed = b.place(line, j == 0, self.left, self.y, self.fonts);
                self.page().lines.push(placed);
                self.y += lh;
            }
            i += take;
            if i < n {
                self.new_page();
            }
        }
        self.pending = b.para.space_after_pt;
    }

    fn table(&mut self, t: &Table) {
        let cols = table_columns(t);
        let fonts = self.fonts;
        let header = break_row(&t.header, &cols, fonts);
        let rows: Vec<BrokenRow<'_>> = t.rows.iter().map(|r| break_row(r, &cols, fonts)).collect();
        let first_h = rows.first().map_or(0.0, |r| r.height);
        if self.gap(0.0) + header.height + first_h > self.room() && !self.at_top() {
            self.new_page();
        }
        self.open(0.0);
        let x = self.left;
        let y = self.y;
        draw_row(&header, &cols, x, y, fonts, self.page());
        self.y += header.height;
        for (i, row) in rows.iter().enumerate() {
            // A row kept with the next (a group's row) moves with it.
            let keep = t.rows[i].first().is_some_and(|p| p.keep_with_next);
            let with_next = if keep {
                rows.get(i + 1).map_or(0.0, |r| r.height)
            } else {
                0.0
            };
            if row.height + with_next > self.room() {
                // Rows are not split; the header row is repeated on the new page.
                self.new_page();
                let y = self.y;
                draw_row(&header, &cols, x, y, fonts, self.page());
                self.y += header.height;
            }
            let y = self.y;
            draw_row(row, &cols, x, y, fonts, self.page());
            self.y += row.height;
        }
    }
}

/// A table row with its cells broken into lines, and its height.
struct BrokenRow<'a> {
    cells: Vec<Broken<'a>>,
    height: f32,
}

fn break_row<'a>(cells: &'a [Para], cols: &[f32], fonts: &FontSet) -> BrokenRow<'a> {
    let cells: Vec<Broken<'a>> = cells
        .iter()
        .zip(cols)
        .map(|(p, w)| Broken::new(p, fonts, cell_measure(*w)))
        .collect();
    // The row's border takes its own height, as in Word and LibreOffice (measured:
    // LibreOffice's rows of the sample's task table are 0.45–0.6 pt taller than
    // their text, which over a page of rows moves the page break).
    let height = cells.iter().map(Broken::height).fold(0.0, f32::max) + BORDER_PT;
    BrokenRow { cells, height }
}

/// A rule centred in a column of width `measure` starting at `x`, below `top`.
fn rule(r: &Rule, x: f32, measure: f32, top: f32) -> Stroke {
    let w = mm(r.width_mm).min(measure);
    let x1 = x + (measure - w) / 2.0;
    let y = top + r.space_before_pt + 2.0;
    Stroke {
        x1,
        y1: y,
        x2: x1 + w,
        y2: y,
        thickness: r.thickness_pt,
    }
}

fn table_columns(t: &Table) -> Vec<f32> {
    t.columns_mm.iter().map(|w| mm(*w)).collect()
}

fn cell_measure(col: f32) -> f32 {
    (col - 2.0 * mm(CELL_MARGIN_MM)).max(1.0)
}

fn row_height(cells: &[Para], cols: &[f32], fonts: &FontSet) -> f32 {
    break_row(cells, cols, fonts).height
}

/// The thickness of a table's borders, in points.
const BORDER_PT: f32 = 0.5;

fn draw_row(row: &BrokenRow<'_>, cols: &[f32], x: f32, top: f32, fonts: &FontSet, page: &mut Page) {
    let h = row.height;
    let width: f32 = cols.iter().sum();
    let thin = BORDER_PT;
    let mut stroke = |x1: f32, y1: f32, x2: f32, y2: f32| {
        page.strokes.push(Stroke {
            x1,
            y1,
            x2,
            y2,
            thickness: thin,
        });
    };
    stroke(x, top, x + width, top);
    stroke(x, top + h, x + width, top + h);
    stroke(x, top, x, top + h);
    let mut cx = x;
    for w in cols {
        cx += w;
        stroke(cx, top, cx, top + h);
    }
    let mut cx = x;
    for (b, w) in row.cells.iter().zip(cols) {
        let mut y = top + b.para.space_before_pt;
        // Cloned: a header row is drawn again on every page.
        for (i, line) in b.lines.iter().enumerate() {
            page.lines
                .push(b.place(line.clone(), i == 0, cx + mm(CELL_MARGIN_MM), y, fonts));
            y += b.line_height;
        }
        cx += w;
    }
}

/// Height of the blocks of one grid cell laid out in `measure`.
fn cell_height(blocks: &[LBlock], measure: f32, fonts: &FontSet) -> f32 {
    // Paragraphs in a cell are separated like those on the page (the larger space).
    let mut collapsed = 0.0;
    let mut prev_after: Option<f32> = None;
    for b in blocks {
        if let LBlock::Para(p) = b {
            if let Some(a) = prev_after {
                collapsed += a.min(p.space_before_pt);
            }
            prev_after = Some(p.space_after_pt);
        } else {
            prev_after = None;
        }
    }
    -collapsed
        + blocks
            .iter()
            .map(|b| match b {
                LBlock::Para(p) => Broken::new(p, fonts, measure).height(),
                LBlock::Rule(r) => r.space_before_pt + 2.0,
                LBlock::Grid(g) => grid_height(g, fonts),
                LBlock::Table(t) => {
                    let cols = table_columns(t);
                    row_height(&t.header, &cols, fonts)
                        + t.rows
                            .iter()
                            .map(|r| row_height(r, &cols, fonts))
                            .sum::<f32>()
                }
            })
            .sum::<f32>()
}

fn grid_height(g: &Grid, fonts: &FontSet) -> f32 {
    g.rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(&g.columns_mm)
                .map(|(blocks, w)| cell_height(blocks, mm(w - 2.0 * g.padding_mm), fonts))
                .fold(0.0, f32::max)
        })
        .sum()
}

fn draw_grid(g: &Grid, x: f32, top: f32, fonts: &FontSet, page: &mut Page) {
    let mut y = top;
    for row in &g.rows {
        let mut cx = x + mm(g.indent_mm);
        let mut row_h = 0.0f32;
        for (blocks, w) in row.iter().zip(&g.columns_mm) {
            let inner_x = cx + mm(g.padding_mm);
            let measure = mm(w - 2.0 * g.padding_mm);
            let mut cy = y;
            let mut prev_after: Option<f32> = None;
            for b in blocks {
                match b {
                    LBlock::Para(p) => {
                        let mut br = Broken::new(p, fonts, measure);
                        cy += p.space_before_pt
                            - prev_after.map_or(0.0, |a| a.min(p.space_before_pt));
                        for (i, line) in std::mem::take(&mut br.lines).into_iter().enumerate() {
                            page.lines.push(br.place(line, i == 0, inner_x, cy, fonts));
                            cy += br.line_height;
                        }
                        cy += p.space_after_pt;
                        prev_after = Some(p.space_after_pt);
                        continue;
                    }
                    LBlock::Rule(r) => {
                        prev_after = None;
                        page.strokes.push(rule(r, inner_x, measure, cy));
                        cy += r.space_before_pt + 2.0;
                    }
                    LBlock::Grid(inner) => {
                        prev_after = None;
                        draw_grid(inner, inner_x, cy, fonts, page);
                        cy += grid_height(inner, fonts);
                    }
                    LBlock::Table(t) => {
                        let cols = table_columns(t);
                        prev_after = None;
                        let header = break_row(&t.header, &cols, fonts);
                        draw_row(&header, &cols, inner_x, cy, fonts, page);
                        cy += header.height;
                        for r in &t.rows {
                            let row = break_row(r, &cols, fonts);
                            draw_row(&row, &cols, inner_x, cy, fonts, page);
                            cy += row.height;
                        }
                    }
                }
            }
            row_h = row_h.max(cy - y);
            cx += mm(*w);
        }
        y += row_h;
    }
}
