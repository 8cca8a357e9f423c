//! Page content streams (ISO 32000-1, 8 and 9): highlights, rules and borders, then
//! the text, written straight from the placed lines.
//!
//! Lines are placed with absolute text matrices (`Tm`), never relative moves, so a
//! rounding error cannot creep down the page. A justified line's extra space goes
//! in after each space as a `TJ` adjustment: word spacing (`Tw`) does not apply to
//! two-byte codes. Glyphs are shown by their ids in the embedded subset
//! (Identity-H), two bytes each in literal strings: half the size of hexadecimal
//! ones, and a smaller stream to deflate.

use super::embed::GlyphMap;
use super::paginate::{Page, PlacedLine};
use crate::fonts::FaceStyle;

/// A face as the content streams refer to it: its resource name and its glyphs.
pub struct FontRef {
    pub resource: String,
    pub glyphs: GlyphMap,
}

/// The content stream of `page`. `fonts` holds the embedded faces in the order of
/// [`FaceStyle::ALL`]; a face no text uses may be absent.
pub fn page(page: &Page, fonts: &[Option<FontRef>; 4]) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(16 * 1024),
        fonts,
        font: None,
        array: false,
        string: false,
    };
    let flip = |y: f32| page.height - y;

    // Highlights behind text not filled in yet.
    let mut highlighted = false;
    for l in page.all_lines() {
        for (x, p) in l.pieces() {
            if p.placeholder {
                if !highlighted {
                    w.raw(b"1 0.93 0.2 rg\n");
                    highlighted = true;
                }
                let [x, top, width, height] = l.highlight(x, p);
                w.nums(&[x, flip(top + height), width, height]);
                w.raw(b"re f\n");
            }
        }
    }
    w.raw(b"0 g\n");

    if !page.strokes.is_empty() {
        w.raw(b"0 G\n");
        let mut thickness = -1.0;
        for s in &page.strokes {
            if (s.thickness - thickness).abs() > 0.001 {
                w.nums(&[s.thickness]);
                w.raw(b"w\n");
                thickness = s.thickness;
            }
            w.nums(&[s.x1, flip(s.y1)]);
            w.raw(b"m ");
            w.nums(&[s.x2, flip(s.y2)]);
            w.raw(b"l S\n");
        }
    }

    w.raw(b"BT\n");
    for l in page.all_lines() {
        w.line(l, flip(l.baseline));
    }
    w.raw(b"ET\n");
    w.out
}

struct Writer<'a> {
    out: Vec<u8>,
    fonts: &'a [Option<FontRef>; 4],
    /// The face and size set last (`Tf`).
    font: Option<(usize, f32)>,
    /// Inside a `TJ` array, and inside a string in it.
    array: bool,
    string: bool,
}

impl Writer<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Numbers, each followed by a space.
    fn nums(&mut self, values: &[f32]) {
        for v in values {
            number(&mut self.out, *v);
            self.out.push(b' ');
        }
    }

    fn line(&mut self, l: &PlacedLine, baseline: f32) {
        self.raw(b"1 0 0 1 ");
        self.nums(&[l.x, baseline]);
        self.raw(b"Tm\n");
        let n = l.line.words.len();
        for (wi, word) in l.line.words.iter().enumerate() {
            for p in &word.pieces {
                self.text(p.style, l.size, &p.text);
            }
            if wi + 1 < n && !word.space.is_empty() {
                self.text(word.space_style, l.size, &word.space);
                if l.stretch > 0.0 {
                    // In thousandths of the font size; negative moves right.
                    self.close_string();
                    number(&mut self.out, -l.stretch * 1000.0 / l.size);
                }
            }
        }
        self.close_array();
    }

    fn text(&mut self, style: FaceStyle, size: f32, text: &str) {
        let face = style as usize;
        if self.font != Some((face, size)) {
            self.close_array();
            if let Some(f) = &self.fonts[face] {
                self.out.push(b'/');
                self.out.extend_from_slice(f.resource.as_bytes());
                self.out.push(b' ');
                self.nums(&[size]);
                self.raw(b"Tf\n");
            }
            self.font = Some((face, size));
        }
        let Some(font) = &self.fonts[face] else {
            return; // no face embedded: nothing of it is printed
        };
        if !self.array {
            self.out.push(b'[');
            self.array = true;
        }
        if !self.string {
            self.out.push(b'(');
            self.string = true;
        }
        for c in text.chars() {
            for b in font.glyphs.get(c).to_be_bytes() {
                // A literal string holds any byte but these three, and a bare
                // carriage return, which readers would take for a line end.
                match b {
                    b'(' | b')' | b'\\' => self.out.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.out.extend_from_slice(b"\\r"),
                    _ => self.out.push(b),
                }
            }
        }
    }

    fn close_string(&mut self) {
        if self.string {
            self.out.push(b')');
            self.string = false;
        }
    }

    fn close_array(&mut self) {
        self.close_string();
        if self.array {
            self.raw(b"]TJ\n");
            self.array = false;
        }
    }
}

/// `v` to two decimals (a hundredth of a point is 3.5 µm), without trailing zeros.
fn number(out: &mut Vec<u8>, v: f32) {
    let mut hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
        hundredths = -hundredths;
    }
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut rest = whole;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if frac % 10 != 0 {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{number, FontRef, Page};

    fn n(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    /// Glyph ids whose bytes are the parentheses, the backslash and a carriage
    /// return survive as themselves when a PDF parser we did not write (lopdf's)
    /// reads the stream back.
    #[test]
    fn glyph_bytes_that_need_escaping_are_read_back_as_written() {
        use super::super::lines::{Line, Piece, Word};
        use crate::fonts::FaceStyle;
        let gids = [0x0028u16, 0x295C, 0x0D29, 0x0041];
        let mut glyphs = crate::fonts::CharMap::new(0);
        for (c, g) in ['a', 'b', 'c', 'd'].into_iter().zip(gids) {
            glyphs.insert(c, g);
        }
        let font = FontRef {
            resource: "F1".into(),
            glyphs,
        };
        let page = Page {
            width: 595.28,
            height: 841.89,
            lines: vec![super::PlacedLine {
                x: 85.05,
                baseline: 100.0,
                size: 14.0,
                line: Line {
                    words: vec![Word {
                        pieces: vec![Piece {
                            text: "abcd".into(),
                            style: FaceStyle::Regular,
                            placeholder: false,
                            width: 30.0,
                        }],
                        space: String::new(),
                        space_style: FaceStyle::Regular,
                        space_width: 0.0,
                    }],
                    last: true,
                },
                stretch: 0.0,
                measure: 400.0,
            }],
            number: None,
            strokes: Vec::new(),
        };
        let bytes = super::page(&page, &[Some(font), None, None, None]);
        let content = lopdf::content::Content::decode(&bytes).unwrap();
        let shown: Vec<u8> = content
            .operations
            .iter()
            .filter(|op| op.operator == "TJ")
            .flat_map(|op| op.operands[0].as_array().unwrap().clone())
            .flat_map(|item| item.as_str().unwrap().to_vec())
            .collect();
        let expected: Vec<u8> = gids.iter().flat_map(|g| g.to_be_bytes()).collect();
        assert_eq!(shown, expected);
        let tm = content
            .operations
            .iter()
            .find(|op| op.operator == "Tm")
            .unwrap();
        let y = tm.operands[5].as_float().unwrap();
        assert!((y - 741.89).abs() < 0.01, "baseline from the bottom: {y}");
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(n(0.0), "0");
        assert_eq!(n(13.0), "13");
        assert_eq!(n(841.89), "841.89");
        assert_eq!(n(85.05), "85.05");
        assert_eq!(n(0.5), "0.5");
        assert_eq!(n(-12.345), "-12.35");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(1234567.0), "1234567");
    }
}
