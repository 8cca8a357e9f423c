//! Fonts of a PDF page as far as reading needs them: how a string splits into
//! codes, the text of each code (`ToUnicode` first, then the encoding with its
//! `Differences`), its width, and whether the face is bold or italic.

use super::cmap::CMap;
use super::obj::{array, get, name, number, stream_bytes, Doc};
use lopdf::{Dictionary, Object};
use std::collections::HashMap;

/// A shown code: its text (empty when the font does not say) and its advance in
/// text space for a font size of 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub text: String,
    pub width: f32,
    /// A one-byte code 32: word spacing (`Tw`) applies to it.
    pub space: bool,
}

#[derive(Debug)]
enum Kind {
    Simple {
        encoding: Box<[Option<char>; 256]>,
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        encoding: Option<CMap>,
        widths: HashMap<u32, f32>,
        default_width: f32,
    },
}

/// A font resource.
#[derive(Debug)]
pub struct Font {
    /// `BaseFont` without the subset tag: `LiberationSerif-Bold`, `.VnTimeH`.
    pub name: String,
    pub bold: bool,
    pub italic: bool,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space to text space (1/1000, or a Type3 font's matrix).
    scale: f32,
}

impl Font {
    pub fn load(doc: &Doc, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype")
            .and_then(name)
            .unwrap_or_default();
        let base = get(doc, dict, b"BaseFont")
            .and_then(name)
            .unwrap_or_default();
        let name = base.rsplit('+').next().unwrap_or(&base).to_owned();
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b));
        let scale = if subtype == "Type3" {
            get(doc, dict, b"FontMatrix")
                .and_then(array)
                .and_then(|a| a.first().and_then(|o| number(doc, o)))
                .map(|v| v as f32)
                .filter(|v| v.is_finite() && *v != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let mut descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let kind = if subtype == "Type0" {
            let descendant = get(doc, dict, b"DescendantFonts")
                .and_then(array)
                .and_then(|a| a.first())
                .and_then(|o| super::obj::deref(doc, o).as_dict().ok());
            if let Some(d) = descendant {
                descriptor = get(doc, d, b"FontDescriptor").and_then(|o| o.as_dict().ok());
            }
            let encoding = match get(doc, dict, b"Encoding") {
                Some(Object::Name(n)) if n.starts_with(b"Identity") => None,
                Some(o) => stream_bytes(doc, o).map(|b| CMap::parse(&b)),
                None => None,
            };
            let (widths, default_width) = descendant
                .map(|d| cid_widths(doc, d))
                .unwrap_or_else(|| (HashMap::new(), 1000.0));
            Kind::Composite {
                encoding,
                widths,
                default_width,
            }
        } else {
            let first = get(doc, dict, b"FirstChar")
                .and_then(|o| number(doc, o))
                .unwrap_or(0.0) as u32;
            let widths = get(doc, dict, b"Widths")
                .and_then(array)
                .map(|a| {
                    a.iter()
                        .take(256)
                        .map(|o| number(doc, o).unwrap_or(0.0) as f32)
                        .collect()
                })
                .unwrap_or_default();
            let missing = descriptor
                .and_then(|d| get(doc, d, b"MissingWidth"))
                .and_then(|o| number(doc, o))
                .map(|v| v as f32)
                .unwrap_or(0.5 / scale);
            Kind::Simple {
                encoding: simple_encoding(doc, dict, &name),
                first,
                widths,
                missing,
            }
        };
        let flags = descriptor
            .and_then(|d| get(doc, d, b"Flags"))
            .and_then(|o| number(doc, o))
            .unwrap_or(0.0) as u32;
        let weight = descriptor
            .and_then(|d| get(doc, d, b"FontWeight"))
            .and_then(|o| number(doc, o))
            .unwrap_or(400.0);
        let angle = descriptor
            .and_then(|d| get(doc, d, b"ItalicAngle"))
            .and_then(|o| number(doc, o))
            .unwrap_or(0.0);
        let lower = name.to_ascii_lowercase();
        let bold = lower.contains("bold")
            || lower.contains("black")
            || lower.contains("heavy")
            || lower.contains("semibold")
            || lower.ends_with(",b")
            || weight >= 600.0
            || flags & (1 << 18) != 0;
        let italic = lower.contains("italic")
            || lower.contains("oblique")
            || lower.ends_with(",i")
            || flags & (1 << 6) != 0
            || angle.abs() > 1.0;
        Font {
            name,
            bold,
            italic,
            kind,
            to_unicode,
            scale,
        }
    }

    /// The codes of a shown string.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        match &self.kind {
            Kind::Simple {
                encoding,
                first,
                widths,
                missing,
            } => bytes
                .iter()
                .map(|b| {
                    let code = u32::from(*b);
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(code))
                        .or_else(|| encoding[*b as usize].map(String::from))
                        .unwrap_or_default();
                    let w = code
                        .checked_sub(*first)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .unwrap_or(*missing);
                    Code {
                        text,
                        width: w * self.scale,
                        space: *b == 32,
                    }
                })
                .collect(),
            Kind::Composite {
                encoding,
                widths,
                default_width,
            } => {
                let codes = match (encoding, &self.to_unicode) {
                    (Some(e), _) if !e.space.is_empty() => e.codes(bytes),
                    (_, Some(u)) if !u.space.is_empty() => u.codes(bytes),
                    _ => bytes
                        .chunks(2)
                        .map(|p| p.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)))
                        .collect(),
                };
                codes
                    .into_iter()
                    .map(|code| {
                        let cid = encoding.as_ref().and_then(|e| e.cid(code)).unwrap_or(code);
                        let text = self
                            .to_unicode
                            .as_ref()
                            .and_then(|m| m.text(code))
                            .unwrap_or_default();
                        Code {
                            text,
                            width: widths.get(&cid).copied().unwrap_or(*default_width) * self.scale,
                            space: false,
                        }
                    })
                    .collect()
            }
        }
    }
}

/// `W` and `DW` of a CID font.
fn cid_widths(doc: &Doc, d: &Dictionary) -> (HashMap<u32, f32>, f32) {
    let dw = get(doc, d, b"DW")
        .and_then(|o| number(doc, o))
        .unwrap_or(1000.0) as f32;
    let mut map = HashMap::new();
    let Some(w) = get(doc, d, b"W").and_then(array) else {
        return (map, dw);
    };
    let mut i = 0;
    while i < w.len() && map.len() < 1 << 16 {
        let Some(start) = number(doc, &w[i]) else {
            i += 1;
            continue;
        };
        let start = start as u32;
        match w.get(i + 1).map(|o| super::obj::deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(1 << 16) {
                    if let Some(v) = number(doc, o) {
                        map.insert(start + k as u32, v as f32);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let end = number(doc, o).unwrap_or(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| number(doc, o)).unwrap_or(0.0) as f32;
                for c in start..=end.min(start + (1 << 16)) {
                    map.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    (map, dw)
}

/// The code → character table of a simple font: its base encoding (WinAnsi,
/// MacRoman, Standard; the font's own for symbolic fonts) with `Differences`.
fn simple_encoding(doc: &Doc, dict: &Dictionary, font_name: &str) -> Box<[Option<char>; 256]> {
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let base = |n: &str, t: &mut [Option<char>; 256]| match n {
        "MacRomanEncoding" => {
            for (i, c) in t.iter_mut().enumerate() {
                *c = mac_roman(i as u8);
            }
        }
        "StandardEncoding" => {
            for (i, c) in t.iter_mut().enumerate() {
                *c = standard(i as u8);
            }
        }
        _ => {
            for (i, c) in t.iter_mut().enumerate() {
                *c = win_ansi(i as u8);
            }
        }
    };
    let symbolic = font_name.contains("Symbol") || font_name.contains("Dingbats");
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => base(&String::from_utf8_lossy(n), &mut table),
        Some(Object::Dictionary(d)) => {
            let b = get(doc, d, b"BaseEncoding")
                .and_then(name)
                .unwrap_or_else(|| "StandardEncoding".into());
            base(&b, &mut table);
            if let Some(diff) = get(doc, d, b"Differences").and_then(array) {
                let mut code = 0usize;
                for o in diff {
                    match super::obj::deref(doc, o) {
                        Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                        Object::Name(n) => {
                            if code < 256 {
                                table[code] = glyph_char(&String::from_utf8_lossy(n));
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ if symbolic => {}
        _ => base("StandardEncoding", &mut table),
    }
    table
}

fn win_ansi(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x20..=0x7e | 0xa0..=0xff => Some(char::from(b)),
        0x80..=0x9f => char::from_u32(u32::from(HIGH[(b - 0x80) as usize])).filter(|c| *c != '\0'),
        _ => None,
    }
}

fn standard(b: u8) -> Option<char> {
    match b {
        0x27 => Some('’'),
        0x60 => Some('‘'),
        0x20..=0x7e => Some(char::from(b)),
        _ => None,
    }
}

fn mac_roman(b: u8) -> Option<char> {
    const HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";
    match b {
        0x20..=0x7e => Some(char::from(b)),
        0x80..=0xff => HIGH.chars().nth((b - 0x80) as usize),
        _ => None,
    }
}

/// The character a glyph name stands for: `uni1EA1`, `u1EA1`, `a`, `Ohorn`, `dcroat` ….
pub fn glyph_char(name: &str) -> Option<char> {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(&hex[..4], 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if name.len() == 1 {
        return name.chars().next().filter(|c| c.is_ascii_alphabetic());
    }
    GLYPH_NAMES
        .binary_search_by_key(&name, |(n, _)| n)
        .ok()
        .map(|i| GLYPH_NAMES[i].1)
}

/// Adobe Glyph List names for ASCII punctuation, digits, Latin-1 and the letters
/// of Vietnamese (sorted for binary search).
const GLYPH_NAMES: &[(&str, char)] = &[
    ("AE", 'Æ'),
    ("Aacute", 'Á'),
    ("Abreve", 'Ă'),
    ("Acircumflex", 'Â'),
    ("Adieresis", 'Ä'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Ccedilla", 'Ç'),
    ("Dcroat", 'Đ'),
    ("Eacute", 'É'),
    ("Ecircumflex", 'Ê'),
    ("Edieresis", 'Ë'),
    ("Egrave", 'È'),
    ("Eth", 'Ð'),
    ("Iacute", 'Í'),
    ("Icircumflex", 'Î'),
    ("Idieresis", 'Ï'),
    ("Igrave", 'Ì'),
    ("Itilde", 'Ĩ'),
    ("Ntilde", 'Ñ'),
    ("OE", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocircumflex", 'Ô'),
    ("Odieresis", 'Ö'),
    ("Ograve", 'Ò'),
    ("Ohorn", 'Ơ'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Scaron", 'Š'),
    ("Thorn", 'Þ'),
    ("Uacute", 'Ú'),
    ("Ucircumflex", 'Û'),
    ("Udieresis", 'Ü'),
    ("Ugrave", 'Ù'),
    ("Uhorn", 'Ư'),
    ("Utilde", 'Ũ'),
    ("Yacute", 'Ý'),
    ("Ydieresis", 'Ÿ'),
    ("Zcaron", 'Ž'),
    ("aacute", 'á'),
    ("abreve", 'ă'),
    ("acircumflex", 'â'),
    ("acute", '´'),
    ("acutecomb", '\u{301}'),
    ("adieresis", 'ä'),
    ("ae", 'æ'),
    ("agrave", 'à'),
    ("ampersand", '&'),
    ("aring", 'å'),
    ("asciicircum", '^'),
    ("asciitilde", '~'),
    ("asterisk", '*'),
    ("at", '@'),
    ("atilde", 'ã'),
    ("backslash", '\\'),
    ("bar", '|'),
    ("braceleft", '{'),
    ("braceright", '}'),
    ("bracketleft", '['),
    ("bracketright", ']'),
    ("brokenbar", '¦'),
    ("bullet", '•'),
    ("ccedilla", 'ç'),
    ("cedilla", '¸'),
    ("cent", '¢'),
    ("colon", ':'),
    ("comma", ','),
    ("copyright", '©'),
    ("currency", '¤'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("dcroat", 'đ'),
    ("degree", '°'),
    ("dieresis", '¨'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("dotbelowcomb", '\u{323}'),
    ("eacute", 'é'),
    ("ecircumflex", 'ê'),
    ("edieresis", 'ë'),
    ("egrave", 'è'),
    ("eight", '8'),
    ("ellipsis", '…'),
    ("emdash", '—'),
    ("endash", '–'),
    ("equal", '='),
    ("eth", 'ð'),
    ("exclam", '!'),
    ("exclamdown", '¡'),
    ("fi", 'ﬁ'),
    ("five", '5'),
    ("fl", 'ﬂ'),
    ("four", '4'),
    ("germandbls", 'ß'),
    ("grave", '`'),
    ("gravecomb", '\u{300}'),
    ("greater", '>'),
    ("guillemotleft", '«'),
    ("guillemotright", '»'),
    ("hookabovecomb", '\u{309}'),
    ("hyphen", '-'),
    ("iacute", 'í'),
    ("icircumflex", 'î'),
    ("idieresis", 'ï'),
    ("igrave", 'ì'),
    ("itilde", 'ĩ'),
    ("less", '<'),
    ("logicalnot", '¬'),
    ("macron", '¯'),
    ("minus", '−'),
    ("mu", 'µ'),
    ("multiply", '×'),
    ("nbspace", '\u{a0}'),
    ("nine", '9'),
    ("ntilde", 'ñ'),
    ("numbersign", '#'),
    ("oacute", 'ó'),
    ("ocircumflex", 'ô'),
    ("odieresis", 'ö'),
    ("oe", 'œ'),
    ("ograve", 'ò'),
    ("ohorn", 'ơ'),
    ("one", '1'),
    ("onehalf", '½'),
    ("onequarter", '¼'),
    ("ordfeminine", 'ª'),
    ("ordmasculine", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("paragraph", '¶'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("percent", '%'),
    ("period", '.'),
    ("periodcentered", '·'),
    ("perthousand", '‰'),
    ("plus", '+'),
    ("plusminus", '±'),
    ("question", '?'),
    ("questiondown", '¿'),
    ("quotedbl", '"'),
    ("quotedblbase", '„'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotesinglbase", '‚'),
    ("quotesingle", '\''),
    ("registered", '®'),
    ("scaron", 'š'),
    ("section", '§'),
    ("semicolon", ';'),
    ("seven", '7'),
    ("six", '6'),
    ("slash", '/'),
    ("space", ' '),
    ("sterling", '£'),
    ("thorn", 'þ'),
    ("three", '3'),
    ("threequarters", '¾'),
    ("tildecomb", '\u{303}'),
    ("trademark", '™'),
    ("two", '2'),
    ("uacute", 'ú'),
    ("ucircumflex", 'û'),
    ("udieresis", 'ü'),
    ("ugrave", 'ù'),
    ("uhorn", 'ư'),
    ("underscore", '_'),
    ("utilde", 'ũ'),
    ("yacute", 'ý'),
    ("ydieresis", 'ÿ'),
    ("yen", '¥'),
    ("zcaron", 'ž'),
    ("zero", '0'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_read_as_their_letters() {
        assert!(GLYPH_NAMES.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(glyph_char("uni1EA1"), Some('ạ'));
        assert_eq!(glyph_char("u1EA1"), Some('ạ'));
        assert_eq!(glyph_char("ohorn"), Some('ơ'));
        assert_eq!(glyph_char("dcroat"), Some('đ'));
        assert_eq!(glyph_char("a.sc"), Some('a'));
        assert_eq!(glyph_char("space"), Some(' '));
        assert_eq!(glyph_char("g123"), None);
    }

    #[test]
    fn win_ansi_is_windows_1252() {
        assert_eq!(win_ansi(0x93), Some('“'));
        assert_eq!(win_ansi(0xe0), Some('à'));
        assert_eq!(win_ansi(0x81), None);
        assert_eq!(mac_roman(0x87), Some('á'));
    }
}
