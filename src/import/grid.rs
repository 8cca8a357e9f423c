//! Tables found from their ruling lines (đường kẻ bảng): the rules a PDF draws,
//! or those a scan's pixels show, grouped into grids, and the cells a grid's
//! rules draw (merged where a rule is missing). Both readers place their text in
//! the cells this finds, so a table reads the same from a PDF and from its scan.

/// A horizontal or vertical ruling line (y down), in the reader's units (PDF
/// points, or a scan's pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// A grid found from ruling lines: column and row boundaries and the rules.
#[derive(Debug, Clone)]
pub struct GridLines {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    h: Vec<Rule>,
    v: Vec<Rule>,
    /// How far apart two rules may be and still be one boundary.
    tol: f32,
}

/// A cell of a grid's row: its first column, how many columns it spans, and
/// whether it continues the cell above (no rule between them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridCell {
    pub column: usize,
    pub span: usize,
    pub continued: bool,
}

/// Distinct positions, merged within `tol`.
fn distinct(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l <= tol => {}
            _ => out.push(x),
        }
    }
    out
}

/// Tables from a page's rules: groups of horizontal and vertical rules that
/// touch one another (within `tol`), with at least two boundaries each way.
pub fn grids(rules: &[Rule], tol: f32) -> Vec<GridLines> {
    let (h, v): (Vec<Rule>, Vec<Rule>) = rules.iter().copied().partition(Rule::horizontal);
    if h.len() < 2 || v.len() < 2 {
        return Vec::new();
    }
    // Union-find over rules; a horizontal and a vertical one touching join.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut hs: Vec<usize> = (0..h.len()).collect();
    hs.sort_by(|a, b| h[*a].y0.total_cmp(&h[*b].y0));
    for (j, vr) in v.iter().enumerate() {
        // Horizontal rules within the vertical one's span, found by binary search.
        let lo = hs.partition_point(|i| h[*i].y0 < vr.y0 - tol);
        for &i in &hs[lo..] {
            let hr = &h[i];
            if hr.y0 > vr.y1 + tol {
                break;
            }
            if vr.x0 >= hr.x0 - tol && vr.x0 <= hr.x1 + tol {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> =
        std::collections::BTreeMap::new();
    for (i, r) in h.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().0.push(*r);
    }
    for (j, r) in v.iter().enumerate() {
        let root = find(&mut parent, h.len() + j);
        groups.entry(root).or_default().1.push(*r);
    }
    let mut out = Vec::new();
    for (_, (h, v)) in groups {
        let ys = distinct(h.iter().map(|r| r.y0).collect(), tol);
        let xs = distinct(v.iter().map(|r| r.x0).collect(), tol);
        if ys.len() >= 2 && xs.len() >= 2 && xs.len() <= 40 && ys.len() <= 2000 {
            out.push(GridLines { xs, ys, h, v, tol });
        }
    }
    out
}

impl GridLines {
    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (x0, x1) = (self.xs[0], *self.xs.last().unwrap_or(&0.0));
        let (y0, y1) = (self.ys[0], *self.ys.last().unwrap_or(&0.0));
        x > x0 && x < x1 && y > y0 && y < y1
    }

    /// A vertical rule at `x` crossing height `y`.
    fn v_at(&self, x: f32, y: f32) -> bool {
        self.v
            .iter()
            .any(|r| (r.x0 - x).abs() <= self.tol && r.y0 - self.tol <= y && r.y1 + self.tol >= y)
    }

    /// A horizontal rule at `y` crossing `x`.
    fn h_at(&self, x: f32, y: f32) -> bool {
        self.h
            .iter()
            .any(|r| (r.y0 - y).abs() <= self.tol && r.x0 - self.tol <= x && r.x1 + self.tol >= x)
    }

    fn index_of(v: &[f32], p: f32) -> usize {
        v.partition_point(|b| *b < p)
            .saturating_sub(1)
            .min(v.len() - 2)
    }

    /// The cells the rules draw, row by row, and for each grid position (row,
    /// column) the cell it belongs to (the row and first column of the cell that
    /// holds its text).
    pub fn cells(&self) -> (Vec<Vec<GridCell>>, Vec<(usize, usize)>) {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut owner = vec![(0usize, 0usize); nr * nc];
        let mut rows = Vec::with_capacity(nr);
        for r in 0..nr {
            let ym = (self.ys[r] + self.ys[r + 1]) / 2.0;
            let mut row = Vec::new();
            let mut c = 0;
            while c < nc {
                let mut span = 1;
                while c + span < nc && !self.v_at(self.xs[c + span], ym) {
                    span += 1;
                }
                let xm = (self.xs[c] + self.xs[c + span]) / 2.0;
                let continued = r > 0 && !self.h_at(xm, self.ys[r]);
                let o = if continued {
                    owner[(r - 1) * nc + c]
                } else {
                    (r, c)
                };
                for k in c..c + span {
                    owner[r * nc + k] = o;
                }
                row.push(GridCell {
                    column: c,
                    span,
                    continued,
                });
                c += span;
            }
            rows.push(row);
        }
        (rows, owner)
    }

    /// The grid position (row, column) of a point inside the grid.
    pub fn position(&self, x: f32, y: f32) -> (usize, usize) {
        (Self::index_of(&self.ys, y), Self::index_of(&self.xs, x))
    }

    /// The widest rule's thickness (a scan's rules are a few pixels thick; a PDF's
    /// are drawn as lines of no width).
    pub fn thickness(&self) -> f32 {
        let h = self.h.iter().map(|r| (r.y1 - r.y0).abs());
        let v = self.v.iter().map(|r| (r.x1 - r.x0).abs());
        h.chain(v).fold(0.0, f32::max)
    }
}

/// Whether two grids' columns are the same (a table continued on the next page):
/// as many boundaries, each within `tol`.
pub fn same_columns(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}
