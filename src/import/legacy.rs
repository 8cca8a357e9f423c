//! Old Vietnamese encodings (bảng mã cũ): text typed in TCVN3 (ABC) or VNI fonts
//! before Unicode, as it reaches us inside newer files.
//!
//! Such a font draws Vietnamese letters at the codes of Western ones: Word stores
//! `Kế hoạch` typed in `.VnTime` as `KÕ ho¹ch`, which looks right only on a PC with
//! the font. Readers hand us the characters with their font's name; [`Encoding::of_font`]
//! names the encoding and [`Encoding::decode`] gives Unicode NFC. When the font's
//! name is lost (a PDF printed with a substitute), [`detect`] recognises the
//! encoding from the characters themselves.
//!
//! The tables are the ones Unikey's converter (VnConv, `data.cpp`) uses: for TCVN3
//! one byte per letter, the toned capitals sharing the small letters' codes (the
//! `…H` faces draw every code as a capital); for VNI a base letter followed by a
//! byte for its mark.

/// An old encoding of Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// TCVN 5712:1993 VN3 (ABC), fonts `.VnTime`, `.VnArial` …; `capitals` for the
    /// `.VnTimeH` faces, which draw capitals.
    Tcvn3 { capitals: bool },
    /// VNI-Windows, fonts `VNI-Times`, `VNI-Helve` ….
    Vni,
}

impl Encoding {
    /// The encoding of a font by its name (`.VnTime`, `.VnTimeH`, `VNI-Times`, as
    /// Word names them, or `ABCDEF+.VnTimeH,Bold`, as a PDF does).
    pub fn of_font(font: &str) -> Option<Encoding> {
        let name = font.rsplit('+').next().unwrap_or(font).trim();
        // Style suffixes a PDF adds: `,Bold`, `-BoldItalic`.
        let base = name
            .split([',', '-'])
            .next()
            .unwrap_or(name)
            .trim_end_matches(" Bold")
            .trim_end_matches(" Italic")
            .trim();
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("vni-") || lower.starts_with("vni ") {
            return Some(Encoding::Vni);
        }
        let b = base.strip_prefix('.').unwrap_or(base);
        let mut chars = b.chars();
        let vn = matches!(
            (chars.next(), chars.next(), chars.next()),
            (Some('V' | 'v'), Some('N' | 'n'), Some(c)) if c.is_ascii_uppercase()
        );
        if vn {
            // `.VnTimeH`, `.VnArialH`, `.VnArial NarrowH`: the capital faces.
            return Some(Encoding::Tcvn3 {
                capitals: b.ends_with('H'),
            });
        }
        None
    }

    /// The encoding's name, for import notes.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 { .. } => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }

    /// The text in Unicode NFC.
    pub fn decode(self, s: &str) -> String {
        let out = match self {
            Encoding::Tcvn3 { capitals } => {
                let mut out = String::with_capacity(s.len() + s.len() / 2);
                for c in s.chars() {
                    let d = tcvn3_char(c).unwrap_or(c);
                    if capitals {
                        out.extend(d.to_uppercase());
                    } else {
                        out.push(d);
                    }
                }
                out
            }
            Encoding::Vni => {
                let chars: Vec<char> = s.chars().collect();
                let mut out = String::with_capacity(s.len());
                let mut i = 0;
                while i < chars.len() {
                    if let Some(&next) = chars.get(i + 1) {
                        if let Some(d) = vni_pair(chars[i], next) {
                            out.push(d);
                            i += 2;
                            continue;
                        }
                    }
                    out.push(vni_single(chars[i]).unwrap_or(chars[i]));
                    i += 1;
                }
                out
            }
        };
        crate::text::nfc(&out)
    }
}

fn tcvn3_char(c: char) -> Option<char> {
    let b = u8::try_from(u32::from(c)).ok()?;
    TCVN3
        .binary_search_by_key(&b, |(k, _)| *k)
        .ok()
        .map(|i| TCVN3[i].1)
}

fn vni_pair(a: char, b: char) -> Option<char> {
    if u32::from(b) < 0x80 {
        return None;
    }
    VNI.iter()
        .find(|(seq, _)| {
            let mut it = seq.chars();
            it.next() == Some(a) && it.next() == Some(b) && it.next().is_none()
        })
        .map(|(_, d)| *d)
}

fn vni_single(a: char) -> Option<char> {
    if u32::from(a) < 0x80 {
        return None;
    }
    VNI.iter()
        .find(|(seq, _)| {
            let mut it = seq.chars();
            it.next() == Some(a) && it.next().is_none()
        })
        .map(|(_, d)| *d)
}

/// Latin-1 letters Vietnamese uses; any other character from U+00A1 to U+00FF
/// in Vietnamese text betrays an old encoding.
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

fn foreign(c: char) -> bool {
    ('\u{a1}'..='\u{ff}').contains(&c) && !VIETNAMESE_LATIN1.contains(c) && !"«»°±²³·×÷".contains(c)
        || matches!(c, '¸' | 'µ' | '¶' | '¹')
}

/// The old encoding a text is in, judged from its characters alone: `None` for
/// Unicode text (or too little to judge).
pub fn detect(s: &str) -> Option<Encoding> {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let odd = s.chars().filter(|c| foreign(*c)).count();
    // Unicode Vietnamese has none of them; a word or two of French may have some.
    if odd < 3 || odd * 50 < letters {
        return None;
    }
    let left = |e: Encoding| e.decode(s).chars().filter(|c| foreign(*c)).count();
    let vni = left(Encoding::Vni);
    let tcvn = left(Encoding::Tcvn3 { capitals: false });
    if vni * 10 <= odd && vni <= tcvn {
        Some(Encoding::Vni)
    } else if tcvn * 10 <= odd {
        Some(Encoding::Tcvn3 { capitals: false })
    } else {
        None
    }
}

/// TCVN3 (ABC) bytes 0xA1–0xFE and the letter each stands for in the plain faces
/// (`.VnTime`); the capital faces (`.VnTimeH`) draw the same codes as capitals.
const TCVN3: [(u8, char); 74] = [
    (0xA1, '\u{0102}'), // Ă
    (0xA2, '\u{00C2}'), // Â
    (0xA3, '\u{00CA}'), // Ê
    (0xA4, '\u{00D4}'), // Ô
    (0xA5, '\u{01A0}'), // Ơ
    (0xA6, '\u{01AF}'), // Ư
    (0xA7, '\u{0110}'), // Đ
    (0xA8, '\u{0103}'), // ă
    (0xA9, '\u{00E2}'), // â
    (0xAA, '\u{00EA}'), // ê
    (0xAB, '\u{00F4}'), // ô
    (0xAC, '\u{01A1}'), // ơ
    (0xAD, '\u{01B0}'), // ư
    (0xAE, '\u{0111}'), // đ
    (0xB5, '\u{00E0}'), // à
    (0xB6, '\u{1EA3}'), // ả
    (0xB7, '\u{00E3}'), // ã
    (0xB8, '\u{00E1}'), // á
    (0xB9, '\u{1EA1}'), // ạ
    (0xBB, '\u{1EB1}'), // ằ
    (0xBC, '\u{1EB3}'), // ẳ
    (0xBD, '\u{1EB5}'), // ẵ
    (0xBE, '\u{1EAF}'), // ắ
    (0xC6, '\u{1EB7}'), // ặ
    (0xC7, '\u{1EA7}'), // ầ
    (0xC8, '\u{1EA9}'), // ẩ
    (0xC9, '\u{1EAB}'), // ẫ
    (0xCA, '\u{1EA5}'), // ấ
    (0xCB, '\u{1EAD}'), // ậ
    (0xCC, '\u{00E8}'), // è
    (0xCE, '\u{1EBB}'), // ẻ
    (0xCF, '\u{1EBD}'), // ẽ
    (0xD0, '\u{00E9}'), // é
    (0xD1, '\u{1EB9}'), // ẹ
    (0xD2, '\u{1EC1}'), // ề
    (0xD3, '\u{1EC3}'), // ể
    (0xD4, '\u{1EC5}'), // ễ
    (0xD5, '\u{1EBF}'), // ế
    (0xD6, '\u{1EC7}'), // ệ
    (0xD7, '\u{00EC}'), // ì
    (0xD8, '\u{1EC9}'), // ỉ
    (0xDC, '\u{0129}'), // ĩ
    (0xDD, '\u{00ED}'), // í
    (0xDE, '\u{1ECB}'), // ị
    (0xDF, '\u{00F2}'), // ò
    (0xE1, '\u{1ECF}'), // ỏ
    (0xE2, '\u{00F5}'), // õ
    (0xE3, '\u{00F3}'), // ó
    (0xE4, '\u{1ECD}'), // ọ
    (0xE5, '\u{1ED3}'), // ồ
    (0xE6, '\u{1ED5}'), // ổ
    (0xE7, '\u{1ED7}'), // ỗ
    (0xE8, '\u{1ED1}'), // ố
    (0xE9, '\u{1ED9}'), // ộ
    (0xEA, '\u{1EDD}'), // ờ
    (0xEB, '\u{1EDF}'), // ở
    (0xEC, '\u{1EE1}'), // ỡ
    (0xED, '\u{1EDB}'), // ớ
    (0xEE, '\u{1EE3}'), // ợ
    (0xEF, '\u{00F9}'), // ù
    (0xF1, '\u{1EE7}'), // ủ
    (0xF2, '\u{0169}'), // ũ
    (0xF3, '\u{00FA}'), // ú
    (0xF4, '\u{1EE5}'), // ụ
    (0xF5, '\u{1EEB}'), // ừ
    (0xF6, '\u{1EED}'), // ử
    (0xF7, '\u{1EEF}'), // ữ
    (0xF8, '\u{1EE9}'), // ứ
    (0xF9, '\u{1EF1}'), // ự
    (0xFA, '\u{1EF3}'), // ỳ
    (0xFB, '\u{1EF7}'), // ỷ
    (0xFC, '\u{1EF9}'), // ỹ
    (0xFD, '\u{00FD}'), // ý
    (0xFE, '\u{1EF5}'), // ỵ
];

/// VNI-Windows sequences (a base letter, then the byte carrying its mark, both as
/// Windows-1252 characters) and the letter they stand for.
const VNI: [(&str, char); 134] = [
    ("A\u{00D8}", '\u{00C0}'),        // À
    ("A\u{00D9}", '\u{00C1}'),        // Á
    ("A\u{00C2}", '\u{00C2}'),        // Â
    ("A\u{00D5}", '\u{00C3}'),        // Ã
    ("E\u{00D8}", '\u{00C8}'),        // È
    ("E\u{00D9}", '\u{00C9}'),        // É
    ("E\u{00C2}", '\u{00CA}'),        // Ê
    ("\u{00CC}", '\u{00CC}'),         // Ì
    ("\u{00CD}", '\u{00CD}'),         // Í
    ("O\u{00D8}", '\u{00D2}'),        // Ò
    ("O\u{00D9}", '\u{00D3}'),        // Ó
    ("O\u{00C2}", '\u{00D4}'),        // Ô
    ("O\u{00D5}", '\u{00D5}'),        // Õ
    ("U\u{00D8}", '\u{00D9}'),        // Ù
    ("U\u{00D9}", '\u{00DA}'),        // Ú
    ("Y\u{00D9}", '\u{00DD}'),        // Ý
    ("a\u{00F8}", '\u{00E0}'),        // à
    ("a\u{00F9}", '\u{00E1}'),        // á
    ("a\u{00E2}", '\u{00E2}'),        // â
    ("a\u{00F5}", '\u{00E3}'),        // ã
    ("e\u{00F8}", '\u{00E8}'),        // è
    ("e\u{00F9}", '\u{00E9}'),        // é
    ("e\u{00E2}", '\u{00EA}'),        // ê
    ("\u{00EC}", '\u{00EC}'),         // ì
    ("\u{00ED}", '\u{00ED}'),         // í
    ("o\u{00F8}", '\u{00F2}'),        // ò
    ("o\u{00F9}", '\u{00F3}'),        // ó
    ("o\u{00E2}", '\u{00F4}'),        // ô
    ("o\u{00F5}", '\u{00F5}'),        // õ
    ("u\u{00F8}", '\u{00F9}'),        // ù
    ("u\u{00F9}", '\u{00FA}'),        // ú
    ("y\u{00F9}", '\u{00FD}'),        // ý
    ("A\u{00CA}", '\u{0102}'),        // Ă
    ("a\u{00EA}", '\u{0103}'),        // ă
    ("\u{00D1}", '\u{0110}'),         // Đ
    ("\u{00F1}", '\u{0111}'),         // đ
    ("\u{00D3}", '\u{0128}'),         // Ĩ
    ("\u{00F3}", '\u{0129}'),         // ĩ
    ("U\u{00D5}", '\u{0168}'),        // Ũ
    ("u\u{00F5}", '\u{0169}'),        // ũ
    ("\u{00D4}", '\u{01A0}'),         // Ơ
    ("\u{00F4}", '\u{01A1}'),         // ơ
    ("\u{00D6}", '\u{01AF}'),         // Ư
    ("\u{00F6}", '\u{01B0}'),         // ư
    ("A\u{00CF}", '\u{1EA0}'),        // Ạ
    ("a\u{00EF}", '\u{1EA1}'),        // ạ
    ("A\u{00DB}", '\u{1EA2}'),        // Ả
    ("a\u{00FB}", '\u{1EA3}'),        // ả
    ("A\u{00C1}", '\u{1EA4}'),        // Ấ
    ("a\u{00E1}", '\u{1EA5}'),        // ấ
    ("A\u{00C0}", '\u{1EA6}'),        // Ầ
    ("a\u{00E0}", '\u{1EA7}'),        // ầ
    ("A\u{00C5}", '\u{1EA8}'),        // Ẩ
    ("a\u{00E5}", '\u{1EA9}'),        // ẩ
    ("A\u{00C3}", '\u{1EAA}'),        // Ẫ
    ("a\u{00E3}", '\u{1EAB}'),        // ẫ
    ("A\u{00C4}", '\u{1EAC}'),        // Ậ
    ("a\u{00E4}", '\u{1EAD}'),        // ậ
    ("A\u{00C9}", '\u{1EAE}'),        // Ắ
    ("a\u{00E9}", '\u{1EAF}'),        // ắ
    ("A\u{00C8}", '\u{1EB0}'),        // Ằ
    ("a\u{00E8}", '\u{1EB1}'),        // ằ
    ("A\u{00DA}", '\u{1EB2}'),        // Ẳ
    ("a\u{00FA}", '\u{1EB3}'),        // ẳ
    ("A\u{00DC}", '\u{1EB4}'),        // Ẵ
    ("a\u{00FC}", '\u{1EB5}'),        // ẵ
    ("A\u{00CB}", '\u{1EB6}'),        // Ặ
    ("a\u{00EB}", '\u{1EB7}'),        // ặ
    ("E\u{00CF}", '\u{1EB8}'),        // Ẹ
    ("e\u{00EF}", '\u{1EB9}'),        // ẹ
    ("E\u{00DB}", '\u{1EBA}'),        // Ẻ
    ("e\u{00FB}", '\u{1EBB}'),        // ẻ
    ("E\u{00D5}", '\u{1EBC}'),        // Ẽ
    ("e\u{00F5}", '\u{1EBD}'),        // ẽ
    ("E\u{00C1}", '\u{1EBE}'),        // Ế
    ("e\u{00E1}", '\u{1EBF}'),        // ế
    ("E\u{00C0}", '\u{1EC0}'),        // Ề
    ("e\u{00E0}", '\u{1EC1}'),        // ề
    ("E\u{00C5}", '\u{1EC2}'),        // Ể
    ("e\u{00E5}", '\u{1EC3}'),        // ể
    ("E\u{00C3}", '\u{1EC4}'),        // Ễ
    ("e\u{00E3}", '\u{1EC5}'),        // ễ
    ("E\u{00C4}", '\u{1EC6}'),        // Ệ
    ("e\u{00E4}", '\u{1EC7}'),        // ệ
    ("\u{00C6}", '\u{1EC8}'),         // Ỉ
    ("\u{00E6}", '\u{1EC9}'),         // ỉ
    ("\u{00D2}", '\u{1ECA}'),         // Ị
    ("\u{00F2}", '\u{1ECB}'),         // ị
    ("O\u{00CF}", '\u{1ECC}'),        // Ọ
    ("o\u{00EF}", '\u{1ECD}'),        // ọ
    ("O\u{00DB}", '\u{1ECE}'),        // Ỏ
    ("o\u{00FB}", '\u{1ECF}'),        // ỏ
    ("O\u{00C1}", '\u{1ED0}'),        // Ố
    ("o\u{00E1}", '\u{1ED1}'),        // ố
    ("O\u{00C0}", '\u{1ED2}'),        // Ồ
    ("o\u{00E0}", '\u{1ED3}'),        // ồ
    ("O\u{00C5}", '\u{1ED4}'),        // Ổ
    ("o\u{00E5}", '\u{1ED5}'),        // ổ
    ("O\u{00C3}", '\u{1ED6}'),        // Ỗ
    ("o\u{00E3}", '\u{1ED7}'),        // ỗ
    ("O\u{00C4}", '\u{1ED8}'),        // Ộ
    ("o\u{00E4}", '\u{1ED9}'),        // ộ
    ("\u{00D4}\u{00D9}", '\u{1EDA}'), // Ớ
    ("\u{00F4}\u{00F9}", '\u{1EDB}'), // ớ
    ("\u{00D4}\u{00D8}", '\u{1EDC}'), // Ờ
    ("\u{00F4}\u{00F8}", '\u{1EDD}'), // ờ
    ("\u{00D4}\u{00DB}", '\u{1EDE}'), // Ở
    ("\u{00F4}\u{00FB}", '\u{1EDF}'), // ở
    ("\u{00D4}\u{00D5}", '\u{1EE0}'), // Ỡ
    ("\u{00F4}\u{00F5}", '\u{1EE1}'), // ỡ
    ("\u{00D4}\u{00CF}", '\u{1EE2}'), // Ợ
    ("\u{00F4}\u{00EF}", '\u{1EE3}'), // ợ
    ("U\u{00CF}", '\u{1EE4}'),        // Ụ
    ("u\u{00EF}", '\u{1EE5}'),        // ụ
    ("U\u{00DB}", '\u{1EE6}'),        // Ủ
    ("u\u{00FB}", '\u{1EE7}'),        // ủ
    ("\u{00D6}\u{00D9}", '\u{1EE8}'), // Ứ
    ("\u{00F6}\u{00F9}", '\u{1EE9}'), // ứ
    ("\u{00D6}\u{00D8}", '\u{1EEA}'), // Ừ
    ("\u{00F6}\u{00F8}", '\u{1EEB}'), // ừ
    ("\u{00D6}\u{00DB}", '\u{1EEC}'), // Ử
    ("\u{00F6}\u{00FB}", '\u{1EED}'), // ử
    ("\u{00D6}\u{00D5}", '\u{1EEE}'), // Ữ
    ("\u{00F6}\u{00F5}", '\u{1EEF}'), // ữ
    ("\u{00D6}\u{00CF}", '\u{1EF0}'), // Ự
    ("\u{00F6}\u{00EF}", '\u{1EF1}'), // ự
    ("Y\u{00D8}", '\u{1EF2}'),        // Ỳ
    ("y\u{00F8}", '\u{1EF3}'),        // ỳ
    ("\u{00CE}", '\u{1EF4}'),         // Ỵ
    ("\u{00EE}", '\u{1EF5}'),         // ỵ
    ("Y\u{00DB}", '\u{1EF6}'),        // Ỷ
    ("y\u{00FB}", '\u{1EF7}'),        // ỷ
    ("Y\u{00D5}", '\u{1EF8}'),        // Ỹ
    ("y\u{00F5}", '\u{1EF9}'),        // ỹ
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_name_their_encoding() {
        assert_eq!(
            Encoding::of_font(".VnTime"),
            Some(Encoding::Tcvn3 { capitals: false })
        );
        assert_eq!(
            Encoding::of_font(".VnTimeH"),
            Some(Encoding::Tcvn3 { capitals: true })
        );
        assert_eq!(
            Encoding::of_font("ABCDEF+.VnArialH,Bold"),
            Some(Encoding::Tcvn3 { capitals: true })
        );
        assert_eq!(Encoding::of_font("VNI-Times"), Some(Encoding::Vni));
        assert_eq!(Encoding::of_font("Times New Roman"), None);
        assert_eq!(Encoding::of_font("Verdana"), None);
        // Found by the fuzzer: a damaged font name with a multi-byte character.
        assert_eq!(Encoding::of_font("L\u{fffd}berationSerif"), None);
        assert_eq!(Encoding::of_font("V\u{fffd}"), None);
    }

    #[test]
    fn tables_are_sorted_and_complete() {
        assert!(TCVN3.windows(2).all(|w| w[0].0 < w[1].0));
        // 67 small letters with marks plus 7 capitals of their own (Ă Â Ê Ô Ơ Ư Đ).
        assert_eq!(TCVN3.len(), 74);
        assert_eq!(VNI.len(), 134);
    }

    #[test]
    fn unicode_text_is_left_alone() {
        assert_eq!(detect("Kế hoạch chuyển đổi số xã Tân An năm 2026"), None);
        assert_eq!(detect("Café à la carte"), None);
    }
}
