//! Fonts and their metrics.
//!
//! ND30 wants Times New Roman. A DOCX only names it; a PDF must embed a font, and
//! both writers need glyph advances to measure text (rules as long as the motto,
//! line breaking). The PC's Times New Roman is used when it is installed, otherwise
//! the shipped Liberation Serif, which is metric-compatible with it (the font
//! LibreOffice substitutes for Times New Roman), so measurements agree either way.

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

/// A font face: its bytes and the advances of the characters plans use.
#[derive(Clone)]
pub struct Face {
    data: Arc<Vec<u8>>,
    units_per_em: f32,
    advances: HashMap<char, u16>,
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

/// Character ranges measured ahead of time: Latin, Vietnamese, combining marks,
/// punctuation. Anything else is looked up when first needed.
const RANGES: [(u32, u32); 5] = [
    (0x20, 0x24F),
    (0x300, 0x36F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x2200, 0x22FF),
];

impl Face {
    /// Parses a TrueType face.
    pub fn from_bytes(data: Vec<u8>, source: &str) -> Result<Face, String> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| format!("{source}: {e}"))?;
        let units_per_em = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        for (lo, hi) in RANGES {
            for cp in lo..=hi {
                if let Some(c) = char::from_u32(cp) {
                    if let Some(g) = face.glyph_index(c) {
                        advances.insert(c, face.glyph_hor_advance(g).unwrap_or(0));
                    }
                }
            }
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
        self.advances.contains_key(&c)
            || ttf_parser::Face::parse(&self.data, 0)
                .ok()
                .and_then(|f| f.glyph_index(c))
                .is_some()
    }

    /// Advance of `c` in font units.
    fn advance(&self, c: char) -> u16 {
        match self.advances.get(&c) {
            Some(a) => *a,
            None => ttf_parser::Face::parse(&self.data, 0)
                .ok()
                .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                .unwrap_or(self.default_advance),
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
            Face::from_bytes(bytes.to_vec(), &format!("bundled:{name}"))
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
