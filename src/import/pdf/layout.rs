//! From glyphs to the page's reading order: lines (glyphs on one baseline, words
//! where the gaps are), the two-column blocks of the header and the footer read
//! one column after the other, and tables found from their ruling lines, each
//! cell's text read apart.

use super::content::{Glyph, Page};
use crate::import::grid::{grids, GridLines};

/// A run of text in one font (old encodings are decoded per font, later).
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    pub font: u16,
    pub text: String,
}

/// A line of text on the page.
#[derive(Debug, Clone)]
pub struct PLine {
    pub x0: f32,
    pub x1: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    pub size: f32,
    pub segs: Vec<Seg>,
    /// Whether it reaches the right edge of the text; `None` inside a column.
    pub full: Option<bool>,
    pub indented: bool,
}

/// A cell of a ruled table.
#[derive(Debug, Clone, Default)]
pub struct PCell {
    pub lines: Vec<PLine>,
    pub span: usize,
    pub continued: bool,
}

/// A table drawn with ruling lines.
#[derive(Debug, Clone)]
pub struct PTable {
    pub y0: f32,
    /// Column boundaries (x), for joining a table continued on the next page.
    pub xs: Vec<f32>,
    pub rows: Vec<Vec<PCell>>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Line(PLine),
    Table(PTable),
}

/// The page's items in reading order.
pub fn items(page: &Page) -> Vec<Item> {
    let glyphs = dedupe(&page.glyphs);
    let grids = grids(&page.rules, 2.0);
    let mut in_table: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        let (cx, cy) = (g.x + g.w / 2.0, g.y - g.size * 0.3);
        match grids.iter().position(|t| t.contains(cx, cy)) {
            Some(i) => in_table[i].push(g),
            None => free.push(g),
        }
    }
    let lines = columns(&free);
    let mut tables: Vec<PTable> = grids
        .iter()
        .zip(in_table)
        .map(|(t, gs)| fill(t, &gs))
        .collect();
    tables.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    // Lines keep their reading order (a two-column block is read column by
    // column); a table goes before the first line below its top.
    let mut items = Vec::with_capacity(lines.len() + tables.len());
    let mut tables = tables.into_iter().peekable();
    for l in lines {
        while tables.peek().is_some_and(|t| t.y0 < l.y - l.size) {
            items.extend(tables.next().map(Item::Table));
        }
        items.push(Item::Line(l));
    }
    items.extend(tables.map(Item::Table));
    items
}

/// Drops glyphs drawn twice in the same place (a bold faked by overprinting).
fn dedupe(glyphs: &[Glyph]) -> Vec<&Glyph> {
    let mut idx: Vec<&Glyph> = glyphs.iter().collect();
    idx.sort_by(|a, b| {
        (a.y.round() as i64, a.x.round() as i64)
            .cmp(&(b.y.round() as i64, b.x.round() as i64))
            .then(a.x.total_cmp(&b.x))
    });
    let mut out: Vec<&Glyph> = Vec::with_capacity(idx.len());
    for g in idx {
        if let Some(p) = out.last() {
            if p.text == g.text && (p.x - g.x).abs() < g.size * 0.15 && (p.y - g.y).abs() < 0.5 {
                continue;
            }
        }
        out.push(g);
    }
    out
}

/// Glyphs in rows (one baseline each), each row in reading order.
fn rows<'a>(glyphs: &[&'a Glyph]) -> Vec<Vec<&'a Glyph>> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let mut row_y = f32::NEG_INFINITY;
    let mut row_size = 0.0f32;
    for g in gs {
        let tol = 0.35 * g.size.max(row_size);
        if (g.y - row_y).abs() <= tol {
            if let Some(r) = rows.last_mut() {
                r.push(g);
                row_size = row_size.max(g.size);
                continue;
            }
        }
        rows.push(vec![g]);
        row_y = g.y;
        row_size = g.size;
    }
    for r in rows.iter_mut() {
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

fn is_mark(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(unicode_normalization::char::is_combining_mark)
}

/// A line from glyphs of one row (already in order): words where the gaps are.
fn line(glyphs: &[&Glyph]) -> PLine {
    let mut segs: Vec<Seg> = Vec::new();
    let mut prev_end: Option<f32> = None;
    let mut size = 0.0f32;
    let mut y = 0.0;
    for g in glyphs {
        size = size.max(g.size);
        y = g.y;
        let mut text = String::new();
        if let Some(end) = prev_end {
            let gap = g.x - end;
            let last_space = segs
                .last()
                .is_some_and(|s| s.text.ends_with(char::is_whitespace));
            if gap > 0.15 * g.size && !last_space && !g.text.starts_with(' ') && !is_mark(&g.text) {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        match segs.last_mut() {
            Some(s) if s.font == g.font => s.text.push_str(&text),
            _ => segs.push(Seg { font: g.font, text }),
        }
        prev_end = Some(if is_mark(&g.text) {
            prev_end.unwrap_or(g.x).max(g.x + g.w)
        } else {
            g.x + g.w
        });
    }
    let x0 = glyphs.first().map_or(0.0, |g| g.x);
    let x1 = glyphs.iter().map(|g| g.x + g.w).fold(x0, f32::max);
    PLine {
        x0,
        x1,
        y,
        size,
        segs,
        full: None,
        indented: false,
    }
}

/// A row cut where the gap is wider than an em: the pieces that may belong to
/// two columns.
fn fragments<'a, 'b>(row: &'b [&'a Glyph]) -> Vec<&'b [&'a Glyph]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..row.len() {
        let prev = row[i - 1];
        let gap = row[i].x - (prev.x + prev.w);
        if gap > 1.2 * row[i].size.max(prev.size) && !is_mark(&row[i].text) {
            out.push(&row[start..i]);
            start = i;
        }
    }
    if !row.is_empty() {
        out.push(&row[start..]);
    }
    out
}

fn extent(f: &[&Glyph]) -> (f32, f32) {
    let x0 = f.first().map_or(0.0, |g| g.x);
    (x0, f.iter().map(|g| g.x + g.w).fold(x0, f32::max))
}

/// The free text of a page as lines in reading order: two-column blocks (the
/// header: agency | national name; the footer: recipients | signature) read
/// left column first, everything else row by row.
fn columns(glyphs: &[&Glyph]) -> Vec<PLine> {
    let rows = rows(glyphs);
    let frags: Vec<Vec<&[&Glyph]>> = rows.iter().map(|r| fragments(r)).collect();
    let ext: Vec<Vec<(f32, f32)>> = frags
        .iter()
        .map(|fs| fs.iter().map(|f| extent(f)).collect())
        .collect();
    let left = ext
        .iter()
        .flatten()
        .map(|e| e.0)
        .fold(f32::INFINITY, f32::min);
    let right = ext.iter().flatten().map(|e| e.1).fold(0.0, f32::max);
    let middle = (left + right) / 2.0;
    let width = (right - left).max(1.0);
    // The gutter a row offers: its widest gap.
    let gutter = |i: usize| -> Option<(f32, f32)> {
        ext[i]
            .windows(2)
            .map(|w| (w[0].1, w[1].0))
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
    };
    // Whether row `i` keeps clear of the gutter `g`, and the gutter narrowed by it.
    let fits = |i: usize, g: (f32, f32)| -> Option<(f32, f32, bool, bool)> {
        let (mut gl, mut gr) = g;
        let (mut l, mut r) = (false, false);
        let single = ext[i].len() == 1;
        for &(x0, x1) in &ext[i] {
            if x0 < gl && x1 > gr {
                return None;
            }
            let centre_left = (x0 + x1) / 2.0 < (gl + gr) / 2.0;
            if x1 <= gr && (x0 < gl || centre_left) {
                gl = gl.max(x1);
                l = true;
            } else if x0 >= gl {
                gr = gr.min(x0);
                r = true;
            } else {
                return None;
            }
        }
        // A line centred on the page (the kind, the title) ends a block.
        if single {
            let (x0, x1) = ext[i][0];
            if x0 > left + 0.1 * width && ((x0 + x1) / 2.0 - middle).abs() < 0.05 * width {
                return None;
            }
        }
        (gr - gl >= 3.0).then_some((gl, gr, l, r))
    };
    let n = rows.len();
    let mut band_of: Vec<Option<usize>> = vec![None; n];
    let mut bands: Vec<(usize, usize, f32, f32)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(g0) = gutter(i).filter(|_| band_of[i].is_none()) else {
            i += 1;
            continue;
        };
        let Some((mut gl, mut gr, _, _)) = fits(i, g0) else {
            i += 1;
            continue;
        };
        let (mut top, mut bottom) = (i, i);
        let (mut two, mut right_only) = (1, 0);
        while bottom + 1 < n && band_of[bottom + 1].is_none() {
            match fits(bottom + 1, (gl, gr)) {
                Some((a, b, l, r)) => {
                    (gl, gr) = (a, b);
                    two += usize::from(l && r);
                    right_only += usize::from(r && !l);
                    bottom += 1;
                }
                None => break,
            }
        }
        while top > 0 && band_of[top - 1].is_none() {
            match fits(top - 1, (gl, gr)) {
                Some((a, b, l, r)) => {
                    (gl, gr) = (a, b);
                    two += usize::from(l && r);
                    right_only += usize::from(r && !l);
                    top -= 1;
                }
                None => break,
            }
        }
        if two >= 2 || right_only >= 1 {
            for b in band_of.iter_mut().take(bottom + 1).skip(top) {
                *b = Some(bands.len());
            }
            bands.push((top, bottom, gl, gr));
            i = bottom + 1;
        } else {
            i += 1;
        }
    }
    let mut out: Vec<PLine> = Vec::new();
    let mut i = 0;
    while i < n {
        match band_of[i] {
            Some(b) => {
                let (top, bottom, gl, gr) = bands[b];
                let mid = (gl + gr) / 2.0;
                for side in [true, false] {
                    for r in top..=bottom {
                        let glyphs: Vec<&Glyph> = frags[r]
                            .iter()
                            .zip(&ext[r])
                            .filter(|(_, e)| (e.1 <= mid) == side)
                            .flat_map(|(f, _)| f.iter().copied())
                            .collect();
                        if !glyphs.is_empty() {
                            out.push(line(&glyphs));
                        }
                    }
                }
                i = bottom + 1;
            }
            None => {
                let mut l = line(&rows[i]);
                l.full = Some(l.x1 >= right - 1.5 * l.size);
                l.indented = l.x0 > left + 0.6 * l.size;
                out.push(l);
                i += 1;
            }
        }
    }
    out
}

/// The table with its text: the cells the rules draw (merged where a rule is
/// missing), each with the glyphs inside it.
fn fill(grid: &GridLines, glyphs: &[&Glyph]) -> PTable {
    let (cells, owner) = grid.cells();
    let nc = grid.xs.len() - 1;
    let mut by_owner: std::collections::HashMap<(usize, usize), Vec<&Glyph>> =
        std::collections::HashMap::new();
    for g in glyphs {
        let (cx, cy) = (g.x + g.w / 2.0, g.y - g.size * 0.3);
        let (r, c) = grid.position(cx, cy);
        by_owner.entry(owner[r * nc + c]).or_default().push(*g);
    }
    let rows = cells
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            row.into_iter()
                .map(|cell| PCell {
                    lines: by_owner
                        .get(&(r, cell.column))
                        .map(|gs| rows(gs).iter().map(|row| line(row)).collect())
                        .unwrap_or_default(),
                    span: cell.span,
                    continued: cell.continued,
                })
                .collect()
        })
        .collect();
    PTable {
        y0: grid.ys[0],
        xs: grid.xs.clone(),
        rows,
    }
}
