//! A page's content stream run for what reading needs: every glyph with its
//! place, size, weight and font; the ruling lines that draw tables; how much of
//! the page images cover (a scan).

use super::font::Font;
use super::obj::{array, deref, get, number, stream_bytes, Doc};
use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;

/// A shown glyph, in page coordinates with y growing downwards from the top.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Origin (left end of the baseline).
    pub x: f32,
    pub y: f32,
    /// Advance width on the page.
    pub w: f32,
    /// Font size on the page (its height in points).
    pub size: f32,
    pub text: String,
    /// Index of the font in [`Fonts`].
    pub font: u16,
}

pub use crate::import::grid::Rule;

/// What a page shows.
#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Area covered by images, in square points.
    pub image_area: f32,
    /// Glyphs whose font gives no text (no `ToUnicode`, no encoding).
    pub unreadable: usize,
}

/// The fonts met so far, shared by every page (a font is one object).
#[derive(Default)]
pub struct Fonts {
    pub list: Vec<Font>,
    by_id: HashMap<ObjectId, u16>,
}

impl Fonts {
    fn of(&mut self, doc: &Doc, obj: &Object) -> Option<u16> {
        if let Object::Reference(id) = obj {
            if let Some(i) = self.by_id.get(id) {
                return Some(*i);
            }
        }
        let dict = deref(doc, obj).as_dict().ok()?;
        if self.list.len() >= u16::MAX as usize {
            return None;
        }
        let i = self.list.len() as u16;
        self.list.push(Font::load(doc, dict));
        if let Object::Reference(id) = obj {
            self.by_id.insert(*id, i);
        }
        Some(i)
    }
}

type M = [f32; 6];
const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` in PDF's row-vector convention (apply `a`, then `b`).
fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<u16>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> State {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Bounds on one page's work: hostile files must end.
const MAX_OPS: usize = 4_000_000;
const MAX_GLYPHS: usize = 400_000;
const MAX_DEPTH: usize = 8;

struct Run<'a> {
    doc: &'a Doc,
    fonts: &'a mut Fonts,
    page: Page,
    /// Page space → reading space (y down from the top-left corner).
    to_page: M,
    ops: usize,
    stack: Vec<ObjectId>,
}

/// Runs a page's content.
pub fn read_page(doc: &Doc, page_id: ObjectId, fonts: &mut Fonts) -> Result<Page, String> {
    let page_dict = doc
        .get_object(page_id)
        .and_then(Object::as_dict)
        .map_err(|e| format!("trang hỏng ({e})"))?;
    let (x0, y0, x1, y1) = media_box(doc, page_dict);
    let (w, h) = (x1 - x0, y1 - y0);
    let rotate = inherited(doc, page_id, b"Rotate")
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0) as i64;
    let rotate = rotate.rem_euclid(360);
    // Move the box to the origin and flip y, then turn as the viewer shows it.
    let flip: M = [1.0, 0.0, 0.0, -1.0, -x0, y1];
    let turn: M = match rotate {
        90 => [0.0, 1.0, -1.0, 0.0, h, 0.0],
        180 => [-1.0, 0.0, 0.0, -1.0, w, h],
        270 => [0.0, -1.0, 1.0, 0.0, 0.0, w],
        _ => IDENTITY,
    };
    let (width, height) = if rotate == 90 || rotate == 270 {
        (h, w)
    } else {
        (w, h)
    };
    let content = doc
        .get_page_content_with_limit(page_id, super::obj::MAX_STREAM)
        .map_err(|e| format!("nội dung trang không đọc được ({e})"))?;
    let resources = inherited(doc, page_id, b"Resources").and_then(|o| o.as_dict().ok());
    let mut run = Run {
        doc,
        fonts,
        page: Page {
            width,
            height,
            ..Default::default()
        },
        to_page: mul(&flip, &turn),
        ops: 0,
        stack: Vec::new(),
    };
    run.content(&content, resources, State::default(), 0);
    Ok(run.page)
}

fn media_box(doc: &Doc, page: &Dictionary) -> (f32, f32, f32, f32) {
    let b = ["CropBox", "MediaBox"].iter().find_map(|k| {
        let a = get(doc, page, k.as_bytes()).and_then(array)?;
        let v: Vec<f32> = a
            .iter()
            .filter_map(|o| number(doc, o))
            .map(|x| x as f32)
            .collect();
        (v.len() == 4 && v[2] != v[0] && v[3] != v[1]).then_some(v)
    });
    match b {
        Some(v) => (
            v[0].min(v[2]),
            v[1].min(v[3]),
            v[0].max(v[2]),
            v[1].max(v[3]),
        ),
        None => (0.0, 0.0, 595.0, 842.0),
    }
}

/// A page attribute, looked up the page tree (Resources, Rotate, MediaBox).
fn inherited<'a>(doc: &'a Doc, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut id = page;
    for _ in 0..32 {
        let d = doc.get_object(id).ok()?.as_dict().ok()?;
        if let Some(o) = get(doc, d, key) {
            return Some(o);
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) if r.is_finite() => *r,
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (o, v) in out.iter_mut().zip(&ops[ops.len() - N..]) {
        *o = num(v);
    }
    Some(out)
}

impl Run<'_> {
    fn content(
        &mut self,
        data: &[u8],
        resources: Option<&Dictionary>,
        mut st: State,
        depth: usize,
    ) {
        let Ok(content) = Content::decode(data) else {
            return;
        };
        let mut saved: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // The path being built, in user space: segments and rectangles.
        let mut segments: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut rects: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut start = (0.0f32, 0.0f32);
        let mut at = (0.0f32, 0.0f32);
        for op in &content.operations {
            self.ops += 1;
            if self.ops > MAX_OPS || self.page.glyphs.len() > MAX_GLYPHS {
                return;
            }
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if saved.len() < 64 => saved.push(st.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        st = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(o) {
                        st.ctm = mul(&m, &st.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(size)) = (o.first(), o.get(1)) {
                        st.size = num(size);
                        st.font = resources
                            .and_then(|r| get(self.doc, r, b"Font"))
                            .and_then(|f| f.as_dict().ok())
                            .and_then(|f| f.get(n).ok())
                            .and_then(|f| self.fonts.of(self.doc, f));
                    }
                }
                "Tc" => st.char_space = o.first().map(num).unwrap_or(0.0),
                "Tw" => st.word_space = o.first().map(num).unwrap_or(0.0),
                "Tz" => st.scale = o.first().map(num).unwrap_or(100.0) / 100.0,
                "TL" => st.leading = o.first().map(num).unwrap_or(0.0),
                "Ts" => st.rise = o.first().map(num).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some([tx, ty]) = nums::<2>(o) {
                        if op.operator == "TD" {
                            st.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            if let Some([aw, ac]) = nums::<2>(&o[..o.len().saturating_sub(1)]) {
                                st.word_space = aw;
                                st.char_space = ac;
                            }
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &st, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for it in items {
                            match it {
                                Object::String(s, _) => self.show(s, &st, &mut tm),
                                other => {
                                    let adj = num(other);
                                    let tx = -adj / 1000.0 * st.size * st.scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        start = (x, y);
                        at = (x, y);
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        if segments.len() < 100_000 {
                            segments.push((at.0, at.1, x, y));
                        }
                        at = (x, y);
                    }
                }
                "c" | "v" | "y" => {
                    if let (Some(x), Some(y)) = (o.get(o.len().wrapping_sub(2)), o.last()) {
                        at = (num(x), num(y));
                    }
                }
                "h" => {
                    segments.push((at.0, at.1, start.0, start.1));
                    at = start;
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(o) {
                        if rects.len() < 100_000 {
                            rects.push((x, y, w, h));
                        }
                        start = (x, y);
                        at = (x, y);
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let stroke =
                        matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                    self.rules(&st.ctm, &segments, &rects, stroke);
                    segments.clear();
                    rects.clear();
                }
                "n" => {
                    segments.clear();
                    rects.clear();
                }
                "Do" => {
                    if let Some(Object::Name(n)) = o.first() {
                        self.xobject(n, resources, &st, depth);
                    }
                }
                "BI" => self.image(&st.ctm),
                _ => {}
            }
        }
    }

    fn show(&mut self, bytes: &[u8], st: &State, tm: &mut M) {
        let Some(fi) = st.font else { return };
        let codes = self.fonts.list[fi as usize].decode(bytes);
        let fs = st.size;
        for c in codes {
            let trm = mul(
                &mul(&[fs * st.scale, 0.0, 0.0, fs, 0.0, st.rise], tm),
                &mul(&st.ctm, &self.to_page),
            );
            let advance =
                (c.width * fs + st.char_space + if c.space { st.word_space } else { 0.0 })
                    * st.scale;
            // Text that is not upright (a rotated stamp, a vertical note) is not
            // part of the reading.
            let upright = trm[1].abs() <= trm[0].abs() * 0.1 && trm[2].abs() <= trm[3].abs() * 0.1;
            let size = trm[3].abs();
            if upright && size > 0.5 && trm[0] > 0.0 {
                if c.text.is_empty() {
                    self.page.unreadable += 1;
                } else {
                    let (x, y) = apply(&trm, 0.0, 0.0);
                    self.page.glyphs.push(Glyph {
                        x,
                        y,
                        w: c.width * trm[0],
                        size,
                        text: c.text,
                        font: fi,
                    });
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        }
    }

    fn rules(
        &mut self,
        ctm: &M,
        segments: &[(f32, f32, f32, f32)],
        rects: &[(f32, f32, f32, f32)],
        stroke: bool,
    ) {
        let m = mul(ctm, &self.to_page);
        let mut push = |a: (f32, f32), b: (f32, f32)| {
            let r = Rule {
                x0: a.0.min(b.0),
                y0: a.1.min(b.1),
                x1: a.0.max(b.0),
                y1: a.1.max(b.1),
            };
            let (dx, dy) = (r.x1 - r.x0, r.y1 - r.y0);
            // Only straight rules long enough to bound a cell.
            if ((dy <= 0.8 && dx >= 4.0) || (dx <= 0.8 && dy >= 4.0))
                && self.page.rules.len() < 50_000
            {
                self.page.rules.push(r);
            }
        };
        if stroke {
            for (x0, y0, x1, y1) in segments {
                push(apply(&m, *x0, *y0), apply(&m, *x1, *y1));
            }
        }
        for (x, y, w, h) in rects {
            let a = apply(&m, *x, *y);
            let b = apply(&m, x + w, y + h);
            let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
            if !stroke && dy <= 2.5 && dx > dy {
                // A filled hairline: Word and LibreOffice draw cell borders so.
                let y = (a.1 + b.1) / 2.0;
                push((a.0, y), (b.0, y));
            } else if !stroke && dx <= 2.5 && dy > dx {
                let x = (a.0 + b.0) / 2.0;
                push((x, a.1), (x, b.1));
            } else if stroke {
                push((a.0, a.1), (b.0, a.1));
                push((a.0, b.1), (b.0, b.1));
                push((a.0, a.1), (a.0, b.1));
                push((b.0, a.1), (b.0, b.1));
            }
        }
    }

    fn image(&mut self, ctm: &M) {
        let m = mul(ctm, &self.to_page);
        let area = (m[0] * m[3] - m[1] * m[2]).abs();
        if area.is_finite() {
            self.page.image_area += area.min(self.page.width * self.page.height);
        }
    }

    fn xobject(&mut self, name: &[u8], resources: Option<&Dictionary>, st: &State, depth: usize) {
        let Some(obj) = resources
            .and_then(|r| get(self.doc, r, b"XObject"))
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = obj.as_reference().ok();
        let Object::Stream(s) = deref(self.doc, obj) else {
            return;
        };
        let subtype = s.dict.get(b"Subtype").ok().and_then(super::obj::name);
        match subtype.as_deref() {
            Some("Image") => self.image(&st.ctm),
            Some("Form") if depth < MAX_DEPTH => {
                if let Some(id) = id {
                    if self.stack.contains(&id) {
                        return;
                    }
                    self.stack.push(id);
                }
                let mut inner = st.clone();
                if let Some(m) = get(self.doc, &s.dict, b"Matrix").and_then(array) {
                    if let Some(m) = nums::<6>(m) {
                        inner.ctm = mul(&m, &st.ctm);
                    }
                }
                let res = get(self.doc, &s.dict, b"Resources")
                    .and_then(|o| o.as_dict().ok())
                    .or(resources);
                if let Some(data) = stream_bytes(self.doc, obj) {
                    self.content(&data, res, inner, depth + 1);
                }
                if id.is_some() {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }
}
