//! Page content streams (ISO 32000-1, 8 and 9): highlights, rules and borders, then
//! the text, written straight from the placed lines.
//!
//! Lines are placed with absolute text matrices (`Tm`), never relative moves, so a
//! rounding error cannot creep down the page. A justified line's extra space is a
//! `TJ` adjustment after each gap between words. Text is shown in literal strings
//! of the face's codes, mostly one byte a character.

use super::embed::{FontRef, STRETCHED_SPACE};
use super::paginate::{Page, PlacedLine};
use crate::fonts::FaceStyle;

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
        for [x, top, width, height] in l.highlights() {
            if !highlighted {
                w.raw(b"1 0.93 0.2 rg\n");
                highlighted = true;
            }
            w.nums(&[x, flip(top + height), width, height]);
            w.raw(b"re f\n");
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
        // A justified line's extra space is a `TJ` adjustment after each gap, not
        // word spacing (`Tw`): poppler (pdftotext, Evince) applied `Tw` to other
        // one-byte codes of these fonts than the space's and split words
        // ("KH-UBN D"), while MuPDF placed them right.
        let stretch = l.stretch.max(0.0);
        let n = l.line.words.len();
        for (wi, word) in l.line.words.iter().enumerate() {
            for p in &word.pieces {
                self.text(p.style, l.size, &p.text, false);
            }
            if wi + 1 < n && !word.space.is_empty() {
                self.text(word.space_style, l.size, &word.space, false);
                if stretch > 0.0 {
                    // In thousandths of the font size; negative moves right.
                    self.close_string();
                    number(&mut self.out, -stretch * 1000.0 / l.size);
                }
            }
        }
        self.close_array();
    }

    /// Shows `text`; its first character as the stretched space when `gap`.
    fn text(&mut self, style: FaceStyle, size: f32, text: &str, gap: bool) {
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
        for (i, c) in text.chars().enumerate() {
            let code = if gap && i == 0 {
                STRETCHED_SPACE
            } else {
                font.codes.get(c)
            };
            if code < 0x100 {
                // One-byte codes leave out the bytes a literal string escapes.
                self.out.push(code as u8);
                continue;
            }
            for b in code.to_be_bytes() {
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
    decimal(out, v, 2);
}

/// `v` to `places` decimals, without trailing zeros.
fn decimal(out: &mut Vec<u8>, v: f32, places: u32) {
    let unit = 10i64.pow(places);
    let mut scaled = (f64::from(v) * unit as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
        scaled = -scaled;
    }
    let (whole, mut frac) = (scaled / unit, scaled % unit);
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
        let mut div = unit / 10;
        while frac != 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
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

    /// One-byte and two-byte codes, with second bytes a literal string must
    /// escape, survive as themselves when a PDF parser we did not write (lopdf's)
    /// reads the stream back; the gap between two words is followed by the line's
    /// stretch as a `TJ` adjustment, the space inside a word is not, and no word
    /// spacing (`Tw`) is set.
    #[test]
    fn codes_are_read_back_as_written_and_gaps_are_stretched_by_adjustments() {
        use super::super::lines::{Line, Piece, Word};
        use crate::fonts::FaceStyle;
        let codes = [0x41u16, 0xF028, 0xF05C, 0xF00D, 0x42];
        let mut map = crate::fonts::CharMap::new(0);
        for (c, code) in ['a', 'b', 'c', 'd', ' '].into_iter().zip(codes) {
            map.insert(c, code);
        }
        let font = FontRef {
            resource: "F1".into(),
            codes: map,
        };
        let word = |text: &str, space: &str| Word {
            pieces: vec![Piece {
                text: text.into(),
                style: FaceStyle::Regular,
                placeholder: false,
                width: 30.0,
            }],
            space: space.into(),
            space_style: FaceStyle::Regular,
            space_width: 3.5,
        };
        let page = Page {
            width: 595.28,
            height: 841.89,
            lines: vec![super::PlacedLine {
                x: 85.05,
                baseline: 100.0,
                size: 14.0,
                line: Line {
                    // Two spaces in the gap: only the first is stretched.
                    words: vec![word("abcd", "  "), word("a b", "")],
                    last: false,
                },
                stretch: 1.23456,
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
            .filter_map(|item| item.as_str().ok().map(<[u8]>::to_vec))
            .flatten()
            .collect();
        let expected = [
            0x41, 0xF0, 0x28, 0xF0, 0x5C, 0xF0, 0x0D, // abcd
            0x42, 0x42, // the gap: two spaces
            0x41, 0x42, 0xF0, 0x28, // a b: the space inside a word is plain
        ];
        assert_eq!(shown, expected);
        let op = |name: &str| {
            content
                .operations
                .iter()
                .find(|op| op.operator == name)
                .unwrap()
                .clone()
        };
        let y = op("Tm").operands[5].as_float().unwrap();
        assert!((y - 741.89).abs() < 0.01, "baseline from the bottom: {y}");
        assert!(!content.operations.iter().any(|op| op.operator == "Tw"));
        let adjustments: Vec<f32> = content
            .operations
            .iter()
            .filter(|op| op.operator == "TJ")
            .flat_map(|op| op.operands[0].as_array().unwrap().clone())
            .filter_map(|item| item.as_float().ok())
            .collect();
        assert_eq!(adjustments.len(), 1, "one gap, one adjustment");
        assert!(
            (adjustments[0] + 1.23456 * 1000.0 / 14.0).abs() < 0.01,
            "{adjustments:?}"
        );
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
        assert_eq!(n(0.07), "0.07");
        let mut out = Vec::new();
        super::decimal(&mut out, 1.23456, 4);
        assert_eq!(out, b"1.2346");
    }
}
