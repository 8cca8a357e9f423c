//! CMaps as PDF fonts carry them: the `ToUnicode` map (code → text) and the
//! encoding of a composite font (code → CID), with the code space that says how
//! many bytes each code takes.

use std::collections::HashMap;

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// Code space ranges: (bytes, low, high).
    pub space: Vec<(usize, u32, u32)>,
    /// Code → text (`ToUnicode`).
    pub unicode: HashMap<u32, String>,
    /// Code ranges → text, the last character counting up (`bfrange`).
    unicode_ranges: Vec<(u32, u32, Vec<u16>)>,
    /// Code → CID (an encoding CMap).
    cid: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
}

/// Bounds on what a CMap may declare: a damaged or hostile font must not make the
/// reader allocate without end.
const MAX_ENTRIES: usize = 1 << 17;
const MAX_RANGE: u32 = 1 << 16;

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Int(u32),
    Word(String),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_ENTRIES * 4 {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut hex = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        hex.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        u8::from_str_radix(std::str::from_utf8(p).unwrap_or("00"), 16).unwrap_or(0)
                    })
                    .collect();
                out.push(Token::Hex(bytes));
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings (names of the CMap): skipped, with nesting.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !matches!(data[i], b'<' | b'>' | b'[' | b']' | b'(' | b'/' | b'%')
                {
                    i += 1;
                }
                if c == b'/' {
                    i += 1;
                    while i < data.len()
                        && !data[i].is_ascii_whitespace()
                        && !matches!(data[i], b'<' | b'>' | b'[' | b']' | b'(' | b'/' | b'%')
                    {
                        i += 1;
                    }
                }
                let w = String::from_utf8_lossy(&data[start..i]).into_owned();
                match w.parse::<u32>() {
                    Ok(n) => out.push(Token::Int(n)),
                    Err(_) => out.push(Token::Word(w)),
                }
                if i == start {
                    i += 1;
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| match p {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut m = CMap::default();
        let mut i = 0;
        let mut entries = 0usize;
        while i < toks.len() {
            let Token::Word(w) = &toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w.as_str() {
                "begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if !lo.is_empty() && lo.len() <= 4 {
                            m.space.push((lo.len(), code_of(lo), code_of(hi)));
                        }
                        i += 2;
                    }
                }
                "beginbfchar" => {
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        entries += 1;
                        if entries < MAX_ENTRIES {
                            m.unicode
                                .insert(code_of(src), String::from_utf16_lossy(&utf16(dst)));
                        }
                        i += 2;
                    }
                }
                "beginbfrange" => loop {
                    match (toks.get(i), toks.get(i + 1), toks.get(i + 2)) {
                        (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Hex(dst))) => {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            if hi >= lo && hi - lo < MAX_RANGE {
                                m.unicode_ranges.push((lo, hi, utf16(dst)));
                            }
                            i += 3;
                        }
                        (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Open)) => {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            i += 3;
                            let mut code = lo;
                            while let Some(Token::Hex(dst)) = toks.get(i) {
                                entries += 1;
                                if code <= hi && entries < MAX_ENTRIES {
                                    m.unicode
                                        .insert(code, String::from_utf16_lossy(&utf16(dst)));
                                }
                                code = code.saturating_add(1);
                                i += 1;
                            }
                            if toks.get(i) == Some(&Token::Close) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                },
                "begincidchar" => {
                    while let (Some(Token::Hex(src)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        entries += 1;
                        if entries < MAX_ENTRIES {
                            m.cid.insert(code_of(src), *cid);
                        }
                        i += 2;
                    }
                }
                "begincidrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        m.cid_ranges.push((code_of(lo), code_of(hi), *cid));
                        i += 3;
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The text of a code, from `bfchar` or `bfrange` entries.
    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.unicode.get(&code) {
            return Some(t.clone());
        }
        self.unicode_ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, dst)| {
                let mut units = dst.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((code - lo) as u16);
                }
                String::from_utf16_lossy(&units)
            })
    }

    /// The CID of a code in an encoding CMap.
    pub fn cid(&self, code: u32) -> Option<u32> {
        self.cid.get(&code).copied().or_else(|| {
            self.cid_ranges
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
                .map(|(lo, _, start)| start + (code - lo))
        })
    }

    /// Splits a string into codes by the code space (two bytes each without one).
    pub fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let mut taken = None;
            for n in 1..=4 {
                if i + n > bytes.len() {
                    break;
                }
                let code = code_of(&bytes[i..i + n]);
                if self
                    .space
                    .iter()
                    .any(|(len, lo, hi)| *len == n && (*lo..=*hi).contains(&code))
                {
                    taken = Some((n, code));
                    break;
                }
            }
            let (n, code) = taken.unwrap_or_else(|| {
                let n = if self.space.is_empty() { 2 } else { 1 }.min(bytes.len() - i);
                (n, code_of(&bytes[i..i + n]))
            });
            out.push(code);
            i += n;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_maps_pdf_writers_make() {
        let m = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              2 begincodespacerange <00> <EF> <F000> <FFFF> endcodespacerange\n\
              2 beginbfchar <01> <0055> <F001> <1EA1> endbfchar\n\
              1 beginbfrange <10> <12> <0061> endbfrange\n\
              1 beginbfrange <20> <21> [<0066 0069> <00410301>] endbfrange\n\
              1 begincidrange <00> <EF> 1 endcidrange\n\
              endcmap CMapName currentdict /CMap defineresource pop end end",
        );
        assert_eq!(m.codes(&[0x01, 0xF0, 0x01, 0x11]), vec![0x01, 0xF001, 0x11]);
        assert_eq!(m.text(0x01).as_deref(), Some("U"));
        assert_eq!(m.text(0xF001).as_deref(), Some("ạ"));
        assert_eq!(m.text(0x12).as_deref(), Some("c"));
        assert_eq!(m.text(0x20).as_deref(), Some("fi"));
        assert_eq!(m.text(0x21).as_deref(), Some("A\u{301}"));
        assert_eq!(m.cid(0x05), Some(6));
    }

    #[test]
    fn garbage_gives_an_empty_map() {
        let m = CMap::parse(b"\xff\x00 begincodespacerange <zz> endbfrange [[[ (((");
        assert!(m.unicode.is_empty());
        assert_eq!(m.codes(&[1, 2, 3]).len(), 2);
    }
}
