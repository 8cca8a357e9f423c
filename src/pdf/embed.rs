//! Embedding a face (nhúng phông chữ): the face cut down to the glyphs the plan
//! prints, as a Type 0 font with Identity-H encoding over a TrueType CID font, with
//! the widths of those glyphs and a ToUnicode map, so that the text extracts as the
//! NFC text of the plan (ISO 32000-1, 9.7 and 9.10).

use super::content::FontRef;
use super::Packer;
use crate::fonts::{CharMap, CharSet, Face};
use crate::{Error, Result};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::{BTreeMap, BTreeSet};

/// The glyph id, in the embedded subset, of each character a face prints; 0
/// (.notdef) for any other.
pub type GlyphMap = CharMap<u16>;

/// A face cut down to the glyphs a plan prints, packed, not yet numbered into a
/// document (it is made on another thread than the document's).
pub struct EmbeddedFace {
    resource: String,
    glyphs: GlyphMap,
    program: Stream,
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
        font.set("DescendantFonts", vec![Object::Dictionary(cid_font)]);
        font.set("ToUnicode", pdf.add_object(self.to_unicode));
        let id = pdf.add_object(font);
        (
            id,
            FontRef {
                resource: self.resource,
                glyphs: self.glyphs,
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
    let (program, tag) = subset(face, &full, chars).map_err(err)?;
    let small = ttf_parser::Face::parse(&program, 0)
        .map_err(|e| err(format!("không đọc lại được phông đã rút gọn: {e}")))?;

    let mut glyphs = GlyphMap::new(0);
    let mut to_unicode: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut gids = BTreeSet::new();
    for c in chars.iter() {
        let gid = small.glyph_index(c).map_or(0, |g| g.0);
        glyphs.insert(c, gid);
        if gid != 0 {
            gids.insert(gid);
            // Two characters on one glyph (a space and a no-break space): the
            // first is what copying the text gives.
            to_unicode.entry(u32::from(gid)).or_insert(vec![c as u32]);
        }
    }

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
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            "Ordering" => Object::String(b"Identity".to_vec(), StringFormat::Literal),
            "Supplement" => 0,
        },
        "CIDToGIDMap" => "Identity",
        "W" => widths,
    };
    let cmap = printpdf::ToUnicodeCMap {
        mappings: to_unicode,
    }
    .to_cmap_string(resource);
    let to_unicode = packer.stream(Dictionary::new(), cmap.into_bytes());
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
    };
    Ok(EmbeddedFace {
        resource: resource.to_owned(),
        glyphs,
        program,
        to_unicode,
        descriptor,
        cid_font,
        font,
    })
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

/// The face cut down to the glyphs of `chars` (and the glyphs they are built
/// from), keeping a Unicode cmap to find them by. Returns the font program and a
/// subset tag derived from the glyph set (ISO 32000-1, 9.6.4), the same for the
/// same text.
fn subset(
    face: &Face,
    full: &ttf_parser::Face<'_>,
    chars: &CharSet,
) -> std::result::Result<(Vec<u8>, String), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let mut gids: BTreeSet<u16> = chars
        .iter()
        .filter_map(|c| full.glyph_index(c))
        .map(|g| g.0)
        .collect();
    gids.remove(&0);
    // .notdef first: allsorts renumbers in the order given.
    let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
    let scope = ReadScope::new(face.data());
    let data = scope.read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())?;
    Ok((bytes, subset_tag(&ids)))
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
