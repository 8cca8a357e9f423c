//! Tables in a scan (bảng trong bản quét): the ruling lines found in the page's
//! pixels, grouped into grids by the same code as a PDF's drawn rules
//! ([`crate::import::grid`]), so that each cell can be read apart. Tesseract's
//! page layout reads a table row as one line, its cells joined; a cell read on
//! its own keeps its text, its paragraphs and its place in the row.

use crate::import::grid::{grids, GridLines, Rule};

/// The black pixels of a page (1 bit a pixel, as Leptonica keeps them: rows of
/// 32-bit words, the leftmost pixel in the highest bit).
pub struct Ink {
    pub width: usize,
    pub height: usize,
    /// 32-bit words a row.
    pub wpl: usize,
    pub words: Vec<u32>,
}

impl Ink {
    /// A white page (tests draw on it).
    #[cfg(test)]
    pub fn blank(width: usize, height: usize) -> Ink {
        let wpl = width.div_ceil(32);
        Ink {
            width,
            height,
            wpl,
            words: vec![0; wpl * height],
        }
    }

    pub fn black(&self, x: usize, y: usize) -> bool {
        (self.words[y * self.wpl + x / 32] >> (31 - (x % 32))) & 1 == 1
    }

    #[cfg(test)]
    pub fn set(&mut self, x: usize, y: usize) {
        self.words[y * self.wpl + x / 32] |= 1 << (31 - (x % 32));
    }

    /// How many black pixels the page holds.
    pub fn total(&self) -> usize {
        let used = self.width % 32;
        (0..self.height)
            .map(|y| {
                let row = &self.words[y * self.wpl..(y + 1) * self.wpl];
                let full = self.width / 32;
                let mut n: usize = row[..full].iter().map(|w| w.count_ones() as usize).sum();
                if used > 0 {
                    // The row's last word: only its first `used` pixels are the page.
                    n += (row[full] >> (32 - used)).count_ones() as usize;
                }
                n
            })
            .sum()
    }

    /// How many black pixels the rectangle holds.
    pub fn count(&self, [x0, y0, x1, y1]: [usize; 4]) -> usize {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        (y0..y1)
            .map(|y| (x0..x1).filter(|x| self.black(*x, y)).count())
            .sum()
    }
}

/// Gaps a rule may have (a scanned line is not solid after JPEG and noise).
const GAP: usize = 2;

/// Black runs along one line of `len` pixels at least `min` long, gaps of up to
/// [`GAP`] pixels bridged.
fn runs(len: usize, black: impl Fn(usize) -> bool, min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    for i in 0..len {
        if black(i) {
            if start.is_none() {
                start = Some(i);
            }
            last = i;
        } else if let Some(s) = start {
            if i - last > GAP {
                if last + 1 - s >= min {
                    out.push((s, last + 1));
                }
                start = None;
            }
        }
    }
    if let Some(s) = start {
        if last + 1 - s >= min {
            out.push((s, last + 1));
        }
    }
    out
}

/// A rule being gathered from the runs of neighbouring pixel lines: its extent
/// along the run, the first and the last pixel line it covers.
struct Open {
    from: usize,
    to: usize,
    first: usize,
    last: usize,
}

/// Rules along one direction: `lines` pixel lines of `len` pixels, `black(line,
/// i)`; runs on neighbouring lines that overlap are one rule, as thick as the
/// lines it covers. Rules thicker than `thickest` are ink (a picture, a black
/// margin), not rules.
fn gather(
    lines: usize,
    len: usize,
    black: impl Fn(usize, usize) -> bool,
    min: usize,
    thickest: usize,
) -> Vec<Open> {
    let mut open: Vec<Open> = Vec::new();
    let mut done = Vec::new();
    for line in 0..lines {
        for (from, to) in runs(len, |i| black(line, i), min) {
            let near = open
                .iter_mut()
                .find(|o| o.last + 1 + GAP >= line && from < o.to && to > o.from);
            match near {
                Some(o) => {
                    o.from = o.from.min(from);
                    o.to = o.to.max(to);
                    o.last = line;
                }
                None => open.push(Open {
                    from,
                    to,
                    first: line,
                    last: line,
                }),
            }
        }
        let (keep, closed): (Vec<Open>, Vec<Open>) =
            open.into_iter().partition(|o| o.last + 1 + GAP >= line);
        open = keep;
        done.extend(closed);
    }
    done.extend(open);
    done.retain(|o| o.last + 1 - o.first <= thickest);
    done
}

/// The ruling lines of the page: black runs long enough to bound a cell (a
/// letter's stroke is shorter than a row of a table is high), away from the
/// image's edges (where a scanner leaves the paper's border).
pub fn rules(ink: &Ink) -> Vec<Rule> {
    let short = ink.width.min(ink.height);
    // At 300 dpi on A4: 1.5 cm across, 0.5 cm down, 0.2 cm thick at most.
    let (min_h, min_v, thickest) = (short / 14, short / 40, (short / 100).max(4));
    let margin = short / 200;
    let inside = |x0: usize, x1: usize, y0: usize, y1: usize| {
        x0 > margin && y0 > margin && x1 + margin < ink.width && y1 + margin < ink.height
    };
    // A run along a pixel line (`along`) over neighbouring lines (`across`).
    let rule = |along: (usize, usize), across: (usize, usize), horizontal: bool| {
        let ((a0, a1), (c0, c1)) = (along, across);
        let (x0, x1, y0, y1) = if horizontal {
            (a0, a1, c0, c1)
        } else {
            (c0, c1, a0, a1)
        };
        inside(x0, x1, y0, y1).then_some(Rule {
            x0: x0 as f32,
            y0: y0 as f32,
            x1: x1 as f32,
            y1: y1 as f32,
        })
    };
    let rows = gather(
        ink.height,
        ink.width,
        |y, x| ink.black(x, y),
        min_h,
        thickest,
    );
    let columns = gather(
        ink.width,
        ink.height,
        |x, y| ink.black(x, y),
        min_v,
        thickest,
    );
    let mut out: Vec<Rule> = rows
        .iter()
        .filter_map(|o| rule((o.from, o.to), (o.first, o.last + 1), true))
        .collect();
    out.extend(
        columns
            .iter()
            .filter_map(|o| rule((o.from, o.to), (o.first, o.last + 1), false)),
    );
    out
}

/// The page's tables: grids of at least two columns (a frame around a block of
/// text is read as text).
pub fn tables(ink: &Ink) -> Vec<GridLines> {
    let tol = (ink.width.min(ink.height) / 300).max(4) as f32;
    let mut found = grids(&rules(ink), tol);
    found.retain(|g| g.xs.len() >= 3);
    found.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    found
}

/// A cell of a grid and where its text is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellArea {
    pub column: usize,
    pub span: usize,
    /// Merged into the cell above (its text is there).
    pub continued: bool,
    /// Inside its rules: left, top, right, bottom; none when merged or too small.
    pub area: Option<[i32; 4]>,
}

/// The cells of a grid row by row, each with the area of the page that holds
/// its text.
pub fn cell_areas(grid: &GridLines) -> Vec<Vec<CellArea>> {
    let (rows, owner) = grid.cells();
    let nc = grid.xs.len() - 1;
    let pad = grid.thickness().ceil() as i32 + 3;
    rows.iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .map(|cell| {
                    let c = cell.column;
                    // Down to the last row merged into this cell.
                    let mut last = r;
                    while last + 1 < rows.len() && owner[(last + 1) * nc + c] == (r, c) {
                        last += 1;
                    }
                    let area = [
                        grid.xs[c] as i32 + pad,
                        grid.ys[r] as i32 + pad,
                        grid.xs[c + cell.span] as i32 - 3,
                        grid.ys[last + 1] as i32 - 3,
                    ];
                    let area = (!cell.continued && area[2] - area[0] > 6 && area[3] - area[1] > 6)
                        .then_some(area);
                    CellArea {
                        column: c,
                        span: cell.span,
                        continued: cell.continued,
                        area,
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with a 3-column, 3-row grid ruled 3 px thick, the second column's
    /// rule missing in the last row (merged across), slightly uneven, with
    /// letter-sized strokes in its cells and a rule-like underline outside it.
    fn page() -> Ink {
        let mut ink = Ink::blank(1200, 1600);
        let (xs, ys) = ([100usize, 300, 800, 1100], [200usize, 400, 600, 900]);
        for (i, y) in ys.iter().enumerate() {
            for x in xs[0]..=xs[3] + 2 {
                for t in 0..3 {
                    // A one-pixel step half-way, as a scan leaves after deskew.
                    ink.set(x, y + t + usize::from(x > 600 && i % 2 == 0));
                }
            }
        }
        for (i, x) in xs.iter().enumerate() {
            let bottom = if i == 2 { ys[2] + 2 } else { ys[3] + 2 };
            for y in ys[0]..=bottom {
                if y % 97 == 0 {
                    continue; // a speck of white
                }
                for t in 0..3 {
                    ink.set(x + t, y);
                }
            }
        }
        if let Some(v) = ink.words.get_mut(0) {
            *v |= 1; // ink at the very edge is the scanner's
        }
        // Strokes of letters: 30 px high, 4 px wide, inside the cells.
        for k in 0..20 {
            for y in 450..480 {
                for t in 0..4 {
                    ink.set(320 + k * 20 + t, y);
                }
            }
        }
        // An underline below the title, alone.
        for x in 400..700 {
            ink.set(x, 100);
        }
        ink
    }

    #[test]
    fn the_grid_is_found_with_its_merged_cells() {
        let ink = page();
        let found = tables(&ink);
        assert_eq!(
            found.len(),
            1,
            "{:?}",
            found.iter().map(|g| &g.xs).collect::<Vec<_>>()
        );
        let g = &found[0];
        assert_eq!(g.xs.len(), 4, "{:?}", g.xs);
        assert_eq!(g.ys.len(), 4, "{:?}", g.ys);
        let areas = cell_areas(g);
        assert_eq!(areas.len(), 3);
        assert_eq!(areas[0].len(), 3);
        // The last row's middle rule is missing: one cell over two columns.
        assert_eq!(areas[2].len(), 2);
        assert_eq!((areas[2][1].column, areas[2][1].span), (1, 2));
        // A cell's area lies inside its rules.
        let a = areas[1][1].area.unwrap();
        assert!(
            a[0] > 303 && a[2] < 800 && a[1] > 403 && a[3] < 600,
            "{a:?}"
        );
    }

    #[test]
    fn letters_and_an_underline_are_no_table() {
        let mut ink = Ink::blank(1200, 1600);
        for k in 0..40 {
            for y in 450..490 {
                for t in 0..4 {
                    ink.set(100 + k * 25 + t, y);
                }
            }
        }
        for x in 200..900 {
            for t in 0..2 {
                ink.set(x, 500 + t);
            }
        }
        assert!(tables(&ink).is_empty());
        // A frame around a block of text (one column) is not a table either.
        let mut ink = Ink::blank(1200, 1600);
        for x in 100..1000 {
            ink.set(x, 200);
            ink.set(x, 800);
        }
        for y in 200..=800 {
            ink.set(100, y);
            ink.set(1000, y);
        }
        assert!(tables(&ink).is_empty());
    }
}
