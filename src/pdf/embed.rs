//! Embedding a face (nhúng phông chữ): the face cut down to the glyphs the plan
//! prints, as a Type 0 font over a TrueType CID font, with the widths of those
//! glyphs and a ToUnicode map, so that the text extracts as the NFC text of the
//! plan (ISO 32000-1, 9.7 and 9.10).
//!
//! Each character gets a code of its own: one byte for the first 235 characters of
//! a face (all a Vietnamese plan uses), two bytes beyond, through an embedded CMap
//! (9.7.5.3): half the bytes of two-byte glyph ids in every content stream. Code 32
//! is kept for the space between words (a justified line stretches it with a `TJ`
//! adjustment, see `content`).

use super::Packer;
use crate::fonts::{CharMap, CharSet, Face};
use crate::{Error, Result};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeSet;
use std::fmt::Write;

/// A face as the content streams refer to it: its resource name and the code of
/// each character.
pub struct FontRef {
    pub resource: String,
    pub codes: CodeMap,
}

/// The code of each character a face prints (< 0x100: one byte, else two).
pub type CodeMap = CharMap<u16>;

/// The code of the space between two words of a line: the one space that word
/// spacing stretches. Spaces anywhere else take the space's own code.
pub const STRETCHED_SPACE: u16 = 0x20;

/// The codes characters get, in order: one byte, except the stretched space and
/// the bytes a literal string must escape; then two bytes.
fn codes_in_order() -> impl Iterator<Item = u16> {
    (0x00..=0xEFu16)
        .filter(|b| ![STRETCHED_SPACE, 0x0D, 0x28, 0x29, 0x5C].contains(b))
        .chain(0xF000..=0xFFFF)
}

/// The code space of both CMaps: one byte up to <EF>, two bytes from <F000>.
const CODESPACE: &str = "2 begincodespacerange\n<00> <EF>\n<F000> <FFFF>\nendcodespacerange\n";

/// A face cut down to the glyphs a plan prints, packed, not yet numbered into a
/// document.
pub struct EmbeddedFace {
    resource: String,
    codes: CodeMap,
    program: Stream,
    encoding: Stream,
    to_unicode: Stream,
    descriptor: Dictionary,
    cid_font: Dictionary,
    font: Dictionary,
}

impl EmbeddedFace {
    /// Adds the face's objects to `pdf`: the font dictionary's id, and the face
    /// as the content streams refer to it.
    pub fn add_to(self, pdf: &mut lopdf::Document) -> (ObjectId, FontRef) {
        let mut descriptor = self.descriptor;
        descriptor.set("FontFile2", pdf.add_object(self.program));
        let mut cid_font = self.cid_font;
        cid_font.set("FontDescriptor", pdf.add_object(descriptor));
        let mut font = self.font;
        font.set("Encoding", pdf.add_object(self.encoding));
        font.set("DescendantFonts", vec![Object::Dictionary(cid_font)]);
        font.set("ToUnicode", pdf.add_object(self.to_unicode));
        let id = pdf.add_object(font);
        (
            id,
            FontRef {
                resource: self.resource,
                codes: self.codes,
            },
        )
    }
}

/// `face` cut down to `chars`, under the resource name `resource`.
pub fn embed(
    face: &Face,
    chars: &CharSet,
    resource: &str,
    packer: &mut Packer,
) -> Result<EmbeddedFace> {
    let err = |e: String| Error::Invalid(format!("phông chữ {}: {e}", face.source));
    let full = ttf_parser::Face::parse(face.data(), 0).map_err(|e| err(e.to_string()))?;
    let Subset {
        program,
        tag,
        remapper,
    } = subset(face, &full, chars).map_err(err)?;
    let small = ttf_parser::Face::parse(&program, 0)
        .map_err(|e| err(format!("không đọc lại được phông đã rút gọn: {e}")))?;

    // Code → glyph (the CID; CIDToGIDMap is the identity) and code → text.
    let mut codes = CodeMap::new(0);
    let mut cids: Vec<(u16, u16)> = Vec::new();
    let mut texts: Vec<(u16, char)> = Vec::new();
    let mut gids = BTreeSet::new();
    let mut free = codes_in_order();
    for c in chars.iter() {
        let code = free.next().ok_or_else(|| {
            err(format!(
                "kế hoạch dùng quá {} ký tự khác nhau trong một kiểu chữ",
                codes_in_order().count()
            ))
        })?;
        let gid = full
            .glyph_index(c)
            .and_then(|g| remapper.get(g.0))
            .unwrap_or(0);
        codes.insert(c, code);
        cids.push((code, gid));
        texts.push((code, c));
        gids.insert(gid);
        if c == ' ' {
            cids.push((STRETCHED_SPACE, gid));
            texts.push((STRETCHED_SPACE, ' '));
        }
    }
    cids.sort_unstable();
    texts.sort_unstable();

    let scale = 1000.0 / f32::from(full.units_per_em());
    let units = |v: f32| Object::Integer((v * scale).round() as i64);
    let name = format!("{tag}+{}", postscript_name(&full));
    let widths = widths(&small, &gids, scale);
    let bbox = full.global_bounding_box();
    let italic_angle = full.italic_angle();
    // Flags (Table 123): serif, non-symbolic, italic.
    let flags = 2 | 32 | if italic_angle != 0.0 { 64 } else { 0 };
    // No table carries the stem width; the usual estimate from the weight class.
    let stem_v = 50
        + (f32::from(full.weight().to_number()) / 65.0)
            .powi(2)
            .round() as i64;

    let program_len = program.len() as i64;
    let program = packer.stream(dictionary! { "Length1" => program_len }, program);
    let descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![
            units(f32::from(bbox.x_min)),
            units(f32::from(bbox.y_min)),
            units(f32::from(bbox.x_max)),
            units(f32::from(bbox.y_max)),
        ],
        "ItalicAngle" => Object::Real(italic_angle),
        "Ascent" => units(f32::from(full.ascender())),
        "Descent" => units(f32::from(full.descender())),
        "CapHeight" => units(f32::from(full.capital_height().unwrap_or(full.ascender()))),
        "StemV" => stem_v,
    };
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => system_info(),
        "CIDToGIDMap" => "Identity",
        "W" => widths,
    };
    let cmap_name = format!("KH-{resource}-{tag}");
    let encoding = packer.stream(
        dictionary! {
            "Type" => "CMap",
            "CMapName" => Object::Name(cmap_name.clone().into_bytes()),
            "CIDSystemInfo" => system_info(),
        },
        encoding_cmap(&cmap_name, &cids).into_bytes(),
    );
    let to_unicode = packer.stream(Dictionary::new(), to_unicode_cmap(&texts).into_bytes());
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
    };
    Ok(EmbeddedFace {
        resource: resource.to_owned(),
        codes,
        program,
        encoding,
        to_unicode,
        descriptor,
        cid_font,
        font,
    })
}

/// Adobe-Identity-0: glyphs are named by their ids, for the CID font and its CMap.
fn system_info() -> Dictionary {
    dictionary! {
        "Registry" => Object::String(b"Adobe".to_vec(), StringFormat::Literal),
        "Ordering" => Object::String(b"Identity".to_vec(), StringFormat::Literal),
        "Supplement" => 0,
    }
}

/// A code as a CMap writes it: two or four hex digits.
fn code_hex(out: &mut String, code: u16) {
    let _ = if code < 0x100 {
        write!(out, "<{code:02X}>")
    } else {
        write!(out, "<{code:04X}>")
    };
}

/// `entries` in blocks of at most 100 (the limit of a CMap block).
fn blocks<T>(out: &mut String, entries: &[T], keyword: &str, entry: impl Fn(&mut String, &T)) {
    for block in entries.chunks(100) {
        let _ = writeln!(out, "{} begin{keyword}", block.len());
        for e in block {
            entry(out, e);
            out.push('\n');
        }
        let _ = writeln!(out, "end{keyword}");
    }
}

/// The embedded CMap from codes to glyphs (9.7.5.3).
fn encoding_cmap(name: &str, cids: &[(u16, u16)]) -> String {
    let mut out = format!(
        "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\n\
         begincmap\n/CIDSystemInfo 3 dict dup begin\n/Registry (Adobe) def\n/Ordering (Identity) def\n\
         /Supplement 0 def\nend def\n/CMapName /{name} def\n/CMapType 1 def\n/WMode 0 def\n{CODESPACE}"
    );
    blocks(&mut out, cids, "cidchar", |out, (code, cid)| {
        code_hex(out, *code);
        let _ = write!(out, " {cid}");
    });
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The ToUnicode CMap from codes to text, in UTF-16BE (9.10.3).
fn to_unicode_cmap(texts: &[(u16, char)]) -> String {
    let mut out = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n{CODESPACE}"
    );
    blocks(&mut out, texts, "bfchar", |out, (code, c)| {
        code_hex(out, *code);
        out.push_str(" <");
        for unit in c.encode_utf16(&mut [0; 2]) {
            let _ = write!(out, "{unit:04X}");
        }
        out.push('>');
    });
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The `W` array: runs of consecutive glyph ids with their advances in
/// thousandths of an em (`first [w1 w2 …]`).
fn widths(face: &ttf_parser::Face<'_>, gids: &BTreeSet<u16>, scale: f32) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut first = 0u16;
    let mut next = 0u16;
    for gid in gids {
        if run.is_empty() || *gid != next {
            if !run.is_empty() {
                out.push(Object::Integer(i64::from(first)));
                out.push(Object::Array(std::mem::take(&mut run)));
            }
            first = *gid;
        }
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(*gid))
            .unwrap_or(0);
        // Fractions kept: whole thousandths of an em would move the end of a
        // justified line by up to half a point from where the layout measured it.
        run.push(Object::Real(
            (f32::from(advance) * scale * 100.0).round() / 100.0,
        ));
        next = gid + 1;
    }
    if !run.is_empty() {
        out.push(Object::Integer(i64::from(first)));
        out.push(Object::Array(run));
    }
    out
}

/// A face cut down to the glyphs of some text.
struct Subset {
    /// The font program: no cmap, glyphs renumbered from 0 (.notdef).
    program: Vec<u8>,
    /// Subset tag derived from the glyph set (ISO 32000-1, 9.6.4), the same for
    /// the same text.
    tag: String,
    /// Old glyph id → glyph id in `program` (the CID, as CIDToGIDMap is the identity).
    remapper: subsetter::GlyphRemapper,
}

/// The face cut down to the glyphs of `chars` and the glyphs they are built from.
fn subset(
    face: &Face,
    full: &ttf_parser::Face<'_>,
    chars: &CharSet,
) -> std::result::Result<Subset, String> {
    let mut gids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| full.glyph_index(c))
        .map(|g| g.0)
        .collect();
    gids.remove(&0);
    // .notdef first; the glyphs keep the order of their old ids, and the glyphs
    // that composite glyphs are built from come after them.
    let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &id in &ids {
        remapper.remap(id);
    }
    let program = subsetter::subset(face.data(), 0, &remapper).map_err(|e| e.to_string())?;
    Ok(Subset {
        program,
        tag: subset_tag(&ids),
        remapper,
    })
}

fn postscript_name(face: &ttf_parser::Face<'_>) -> String {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| "Serif".to_owned())
}

/// Six capital letters from a hash (FNV-1a) of the glyph ids.
fn subset_tag(ids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for id in ids {
        for b in id.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}
