//! Text hygiene shared by every boundary: NFC normalisation and the
//! diacritic-free folding used for search.
//!
//! Vietnamese arrives both precomposed (NFC) and decomposed (a base letter plus
//! combining marks, from the Windows keyboard and from PDF extraction). Mixing the
//! two breaks search, sorting and PDF glyph placement, so every string that enters
//! the engine goes through [`nfc`].

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `s` in Unicode Normalization Form C.
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// Appends `s` to `out` in NFC, copying it as it is when it is already NFC.
pub fn push_nfc(out: &mut String, s: &str) {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => out.push_str(s),
        _ => out.extend(s.nfc()),
    }
}

/// Normalises a string in place to NFC, allocating only when it is not already NFC.
pub fn nfc_in_place(s: &mut String) {
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        *s = s.nfc().collect();
    }
}

/// The encodings Windows programs save text in (bảng mã).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Notepad's «Unicode», Excel's «Unicode Text»: UTF-16 with its BOM.
    Utf16,
    /// The Vietnamese ANSI code page: Excel's plain «CSV» and old Notepad's
    /// «ANSI» on a Vietnamese Windows.
    Windows1258,
}

/// Text as Windows programs save it, in NFC: UTF-8 with or without its BOM,
/// UTF-16 with its BOM, and, with `legacy`, Windows-1258 for bytes that are not
/// UTF-8 (whose tone marks are combining characters: NFC makes them one letter
/// with the vowel). `Err` is the line of the first byte that is not UTF-8.
pub fn decode_windows(bytes: &[u8], legacy: bool) -> Result<(String, Encoding), usize> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = &bytes[bom..];
        let (text, _) = encoding.decode_without_bom_handling(rest);
        let kind = if encoding == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        return Ok((nfc(&text), kind));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((nfc(s), Encoding::Utf8)),
        Err(_) if legacy => {
            let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
            Ok((nfc(&text), Encoding::Windows1258))
        }
        Err(e) => Err(bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1),
    }
}

/// Folds text for diacritic-insensitive search: lower case, marks removed, `đ` → `d`,
/// runs of whitespace collapsed. "Chuyển đổi số" and "chuyen doi so" fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Upper-cases Vietnamese text for header lines (`Ủy ban nhân dân` → `ỦY BAN NHÂN DÂN`).
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "chuye\u{0302}\u{0309}n đo\u{0302}\u{0309}i so\u{0302}\u{0301}";
        assert_eq!(nfc(decomposed), "chuyển đổi số");
        assert_eq!(nfc(decomposed).chars().count(), 13);
    }

    #[test]
    fn fold_removes_marks_and_d_stroke() {
        assert_eq!(fold("Chuyển  Đổi SỐ"), "chuyen doi so");
        assert_eq!(
            fold("Ủy ban nhân dân xã Tân An"),
            "uy ban nhan dan xa tan an"
        );
        assert_eq!(fold("chuye\u{0302}\u{0309}n"), "chuyen");
    }

    #[test]
    fn upper_handles_vietnamese() {
        assert_eq!(
            upper("Ủy ban nhân dân xã Tân An"),
            "ỦY BAN NHÂN DÂN XÃ TÂN AN"
        );
        assert_eq!(upper("huyện đảo"), "HUYỆN ĐẢO");
    }
}
