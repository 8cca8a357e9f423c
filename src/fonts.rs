//! Fonts and their metrics.
//!
//! ND30 wants Times New Roman. A DOCX only names it; a PDF must embed a font, and
//! both writers need glyph advances to measure text (rules as long as the motto,
//! line breaking). The PC's Times New Roman is used when it is installed, otherwise
//! the shipped Liberation Serif, which is metric-compatible with it (the font
//! LibreOffice substitutes for Times New Roman), so measurements agree either way.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One of the four faces a plan uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FaceStyle {
    pub fn of(bold: bool, italic: bool) -> FaceStyle {
        match (bold, italic) {
            (false, false) => FaceStyle::Regular,
            (true, false) => FaceStyle::Bold,
            (false, true) => FaceStyle::Italic,
            (true, true) => FaceStyle::BoldItalic,
        }
    }

    pub const ALL: [FaceStyle; 4] = [
        FaceStyle::Regular,
        FaceStyle::Bold,
        FaceStyle::Italic,
        FaceStyle::BoldItalic,
    ];
}

/// A value for each character, looked up in a table for the characters of
/// Vietnamese text (Latin, combining marks, Vietnamese letters, general
/// punctuation: all below U+2100) and in a map for the rest. Measuring and
/// writing text look up every character; hashing each was a tenth of a PDF
/// export (callgrind).
#[derive(Debug, Clone)]
pub struct CharMap<T> {
    dense: Vec<T>,
    other: HashMap<char, T>,
    missing: T,
}

impl<T: Copy> CharMap<T> {
    const DENSE: usize = 0x2100;

    /// An empty map; `missing` is what characters not in it give.
    pub fn new(missing: T) -> CharMap<T> {
        CharMap {
            dense: Vec::new(),
            other: HashMap::new(),
            missing,
        }
    }

    pub fn insert(&mut self, c: char, value: T) {
        let i = c as usize;
        if i < Self::DENSE {
            if self.dense.is_empty() {
                self.dense = vec![self.missing; Self::DENSE];
            }
            self.dense[i] = value;
        } else {
            self.other.insert(c, value);
        }
    }

    pub fn get(&self, c: char) -> T {
        let i = c as usize;
        if i < Self::DENSE {
            self.dense.get(i).copied().unwrap_or(self.missing)
        } else {
            self.other.get(&c).copied().unwrap_or(self.missing)
        }
    }
}

/// A set of characters (the text a face must print), a bit per character below
/// U+2100 and an ordered set above; iterated in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CharSet {
    dense: Vec<u64>,
    other: std::collections::BTreeSet<char>,
}

impl CharSet {
    pub fn insert(&mut self, c: char) {
        let i = c as usize;
        if i < CharMap::<u16>::DENSE {
            if self.dense.is_empty() {
                self.dense = vec![0; CharMap::<u16>::DENSE / 64];
            }
            self.dense[i / 64] |= 1 << (i % 64);
        } else {
            self.other.insert(c);
        }
    }

    pub fn contains(&self, c: char) -> bool {
        let i = c as usize;
        if i < CharMap::<u16>::DENSE {
            self.dense
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
        } else {
            self.other.contains(&c)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.dense.iter().all(|w| *w == 0) && self.other.is_empty()
    }

    /// The characters in order.
    pub fn iter(&self) -> impl Iterator<Item = char> + '_ {
        let dense = self.dense.iter().enumerate().flat_map(|(wi, w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .filter_map(move |b| char::from_u32((wi * 64 + b) as u32))
        });
        dense.chain(self.other.iter().copied())
    }
}

impl Extend<char> for CharSet {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            self.insert(c);
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> CharSet {
        let mut set = CharSet::default();
        set.extend(chars);
        set
    }
}

/// Marks a character the face has no glyph for in [`Face`]'s advances.
const NO_GLYPH: u16 = u16::MAX;

/// A font face: its bytes and the advances of the characters plans use.
#[derive(Clone)]
pub struct Face {
    /// Borrowed for the bundled faces, which are in the binary: copying them would
    /// be 1.5 MB of fresh memory to fault in on every start of the CLI.
    data: Arc<Cow<'static, [u8]>>,
    units_per_em: f32,
    /// Advances in font units; [`NO_GLYPH`] where the face has none.
    advances: CharMap<u16>,
    default_advance: u16,
    /// hhea ascender, descender (negative) and line gap, in font units: what Word
    /// and LibreOffice make a single line of (1.15 em for Times New Roman).
    ascender: f32,
    descender: f32,
    line_gap: f32,
    /// Where the face came from (a path, or `bundled`).
    pub source: String,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("source", &self.source)
            .finish()
    }
}

/// Characters measured ahead of time besides those below U+2100: mathematical
/// operators (≤, ≥). Anything else is looked up when first needed.
const MATH: (u32, u32) = (0x2200, 0x22FF);

impl Face {
    /// Parses a TrueType face.
    pub fn from_bytes(data: impl Into<Cow<'static, [u8]>>, source: &str) -> Result<Face, String> {
        let data = data.into();
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("{source}: {e}"))?;
        let units_per_em = f32::from(face.units_per_em());
        let mut advances = CharMap::new(NO_GLYPH);
        // Walk the cmap once rather than look up thousands of code points.
        // One Unicode subtable is enough (fonts carry the same mappings twice, as
        // format 4 and 12): the first, which covers the Basic Multilingual Plane.
        let unicode = face
            .tables()
            .cmap
            .and_then(|cmap| cmap.subtables.into_iter().find(|s| s.is_unicode()));
        if let Some(sub) = unicode {
            sub.codepoints(|cp| {
                let wanted =
                    (cp as usize) < CharMap::<u16>::DENSE || (MATH.0..=MATH.1).contains(&cp);
                let glyph = sub.glyph_index(cp).filter(|g| g.0 != 0);
                if let (true, Some(c), Some(g)) = (wanted, char::from_u32(cp), glyph) {
                    let advance = face.glyph_hor_advance(g).unwrap_or(0).min(NO_GLYPH - 1);
                    advances.insert(c, advance);
                }
            });
        }
        let default_advance = face.units_per_em() / 2;
        let (ascender, descender, line_gap) = (
            f32::from(face.ascender()),
            f32::from(face.descender()),
            f32::from(face.line_gap()),
        );
        Ok(Face {
            data: Arc::new(data),
            units_per_em,
            advances,
            default_advance,
            ascender,
            descender,
            line_gap,
            source: source.to_owned(),
        })
    }

    /// The font file's bytes (for embedding).
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.advances.get(c) != NO_GLYPH
            || ttf_parser::Face::parse(&self.data, 0)
                .ok()
                .and_then(|f| f.glyph_index(c))
                .is_some()
    }

    /// Advance of `c` in font units.
    fn advance(&self, c: char) -> u16 {
        match self.advances.get(c) {
            NO_GLYPH => ttf_parser::Face::parse(&self.data, 0)
                .ok()
                .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                .unwrap_or(self.default_advance),
            a => a,
        }
    }

    /// Height of a single-spaced line at `size_pt`, in points.
    pub fn line_height_pt(&self, size_pt: f32) -> f32 {
        (self.ascender - self.descender + self.line_gap) * size_pt / self.units_per_em
    }

    /// Distance from the top of a line to its baseline at `size_pt`, in points.
    pub fn ascent_pt(&self, size_pt: f32) -> f32 {
        self.ascender * size_pt / self.units_per_em
    }

    /// Width of `text` set at `size_pt`, in points (no kerning, as Word and
    /// LibreOffice set body text by default).
    pub fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text.chars().map(|c| u32::from(self.advance(c))).sum();
        units as f32 * size_pt / self.units_per_em
    }
}

/// The four faces of the document font.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// Family name as written in the DOCX and the PDF.
    pub family: String,
    faces: [Face; 4],
}

const BUNDLED: [(&str, &[u8]); 4] = [
    (
        "LiberationSerif-Regular.ttf",
        include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Bold.ttf",
        include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-Italic.ttf",
        include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// File names of Times New Roman's faces on Windows and in Linux packages.
const TIMES_FILES: [[&str; 2]; 4] = [
    ["times.ttf", "Times_New_Roman.ttf"],
    ["timesbd.ttf", "Times_New_Roman_Bold.ttf"],
    ["timesi.ttf", "Times_New_Roman_Italic.ttf"],
    ["timesbi.ttf", "Times_New_Roman_Bold_Italic.ttf"],
];

impl FontSet {
    /// Liberation Serif as shipped in `assets/fonts/` (deterministic, for tests).
    pub fn bundled() -> FontSet {
        let faces = BUNDLED.map(|(name, bytes)| {
            Face::from_bytes(bytes, &format!("bundled:{name}"))
                .expect("bundled fonts parse (checked by tests)")
        });
        FontSet {
            family: "Liberation Serif".into(),
            faces,
        }
    }

    /// The PC's Times New Roman when all four faces are installed, else the bundled
    /// Liberation Serif.
    pub fn system_or_bundled() -> FontSet {
        FontSet::find_times(&font_dirs()).unwrap_or_else(FontSet::bundled)
    }

    /// Looks for Times New Roman's four faces in `dirs` (and one level below).
    pub fn find_times(dirs: &[PathBuf]) -> Option<FontSet> {
        let find = |names: &[&str; 2]| -> Option<PathBuf> {
            for dir in dirs {
                let mut candidates = vec![dir.clone()];
                if let Ok(rd) = std::fs::read_dir(dir) {
                    candidates.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
                }
                for d in candidates {
                    for n in names {
                        for variant in [n.to_string(), n.to_uppercase(), n.to_lowercase()] {
                            let p = d.join(&variant);
                            if p.is_file() {
                                return Some(p);
                            }
                        }
                    }
                }
            }
            None
        };
        let mut faces = Vec::new();
        for names in &TIMES_FILES {
            let path = find(names)?;
            let data = std::fs::read(&path).ok()?;
            faces.push(Face::from_bytes(data, &path.display().to_string()).ok()?);
        }
        Some(FontSet {
            family: "Times New Roman".into(),
            faces: faces.try_into().ok()?,
        })
    }

    /// The regular face: its metrics set the line height of every line.
    pub fn regular(&self) -> &Face {
        self.face(FaceStyle::Regular)
    }

    pub fn face(&self, style: FaceStyle) -> &Face {
        &self.faces[style as usize]
    }

    /// Width of `text` in points in the given face and size.
    pub fn width_pt(&self, text: &str, bold: bool, italic: bool, size_pt: f32) -> f32 {
        self.face(FaceStyle::of(bold, italic))
            .width_pt(text, size_pt)
    }
}

/// Where fonts are installed on this platform.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if cfg!(windows) {
        let root = std::env::var_os("WINDIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| "C:\\Windows".into());
        dirs.push(root.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(Path::new(&local).join("Microsoft\\Windows\\Fonts"));
        }
    } else {
        // fontconfig's standard folders (spawning fc-list would cost 14 ms on every
        // export, 40 % of a 30-page PDF), with the usual place of ttf-mscorefonts.
        dirs.push("/usr/share/fonts/truetype/msttcorefonts".into());
        dirs.push("/usr/share/fonts/truetype".into());
        dirs.push("/usr/share/fonts".into());
        dirs.push("/usr/local/share/fonts".into());
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(Path::new(&home).join(".fonts"));
            dirs.push(Path::new(&home).join(".local/share/fonts"));
        }
        dirs.push("/Library/Fonts".into());
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_maps_and_sets_hold_characters_in_and_beyond_the_table() {
        let mut map = CharMap::new(7u16);
        for (c, v) in [('a', 1), ('ệ', 2), ('\u{2013}', 3), ('≤', 4), ('😀', 5)] {
            map.insert(c, v);
        }
        assert_eq!(
            ['a', 'ệ', '\u{2013}', '≤', '😀', 'b', '中'].map(|c| map.get(c)),
            [1, 2, 3, 4, 5, 7, 7]
        );
        assert_eq!(
            CharMap::new(0u16).get('a'),
            0,
            "an empty map has no table yet"
        );

        let set: CharSet = "Tỷ lệ ≥ 95% – đạt".chars().collect();
        assert!(set.contains('ỷ') && set.contains('≥') && !set.contains('x'));
        let mut expected: Vec<char> = "Tỷ lệ ≥ 95% – đạt".chars().collect();
        expected.sort();
        expected.dedup();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            expected,
            "in order, once each"
        );
        assert!(CharSet::default().is_empty() && !set.is_empty());
    }

    #[test]
    fn measured_advances_are_the_fonts() {
        // Every advance in the table is the one ttf-parser reads from the font.
        let fonts = FontSet::bundled();
        let face = fonts.regular();
        let ttf = ttf_parser::Face::parse(face.data(), 0).unwrap();
        for c in ['A', 'ẫ', 'Đ', '\u{201C}', '≤', ' '] {
            let g = ttf.glyph_index(c).unwrap();
            assert_eq!(face.advance(c), ttf.glyph_hor_advance(g).unwrap(), "{c}");
        }
        assert!(face.has_glyph('ỹ') && !face.has_glyph('\u{E000}'));
    }

    #[test]
    fn bundled_fonts_measure_text() {
        let fonts = FontSet::bundled();
        let w = fonts.width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, 13.0);
        assert!(w > 200.0 && w < 320.0, "{w}");
        assert!(
            fonts.width_pt("ii", false, false, 14.0) < fonts.width_pt("MM", false, false, 14.0)
        );
    }

    #[test]
    fn times_is_found_in_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(FontSet::find_times(&[dir.path().to_path_buf()]).is_none());
        let sub = dir.path().join("msttcorefonts");
        std::fs::create_dir(&sub).unwrap();
        for ((_, bytes), names) in BUNDLED.iter().zip(TIMES_FILES) {
            std::fs::write(sub.join(names[0]), bytes).unwrap();
        }
        let set = FontSet::find_times(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(set.family, "Times New Roman");
        assert!(set.face(FaceStyle::Bold).source.ends_with("timesbd.ttf"));
    }
}
