//! The page images of a scanned PDF, as files Leptonica reads: a JPEG or JPEG 2000
//! stream as it is, an uncompressed or Flate-compressed image written as a PNM, a
//! fax-compressed (CCITT) one wrapped as a TIFF. The largest image of each page is
//! its scan.

use crate::{Error, Result};
use lopdf::Object;

/// One page's scan.
pub struct PageImage {
    pub page: u32,
    pub bytes: Vec<u8>,
}

fn name_of(o: Option<&Object>) -> Option<String> {
    match o? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        Object::Array(a) => match a.first()? {
            Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// The scan of every page, in order; a page without one is skipped, a scan in a
/// form not read (a fax's CCITT) is said with its page.
pub fn page_images(bytes: &[u8], name: &str) -> Result<Vec<PageImage>> {
    let (doc, _) = crate::import::pdf::load(bytes, lopdf::LoadOptions::default())
        .map_err(|e| crate::import::pdf::unreadable(name, &e))?;
    let mut out = Vec::new();
    for (no, id) in doc.get_pages() {
        let mut best: Option<(i64, Vec<u8>)> = None;
        let (resources, ids) = doc.get_page_resources(id).unwrap_or((None, vec![]));
        let mut dicts: Vec<&lopdf::Dictionary> = resources.into_iter().collect();
        for rid in ids {
            if let Ok(d) = doc.get_dictionary(rid) {
                dicts.push(d);
            }
        }
        for res in dicts {
            let Ok(xobjects) = res
                .get(b"XObject")
                .and_then(|o| doc.dereference(o).map(|(_, o)| o))
            else {
                continue;
            };
            let Ok(xobjects) = xobjects.as_dict() else {
                continue;
            };
            for (_, o) in xobjects.iter() {
                let Ok((_, Object::Stream(s))) = doc.dereference(o) else {
                    continue;
                };
                if name_of(s.dict.get(b"Subtype").ok()).as_deref() != Some("Image") {
                    continue;
                }
                let int = |k: &[u8]| {
                    s.dict
                        .get(k)
                        .ok()
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(0)
                };
                let (w, h, bpc) = (int(b"Width"), int(b"Height"), int(b"BitsPerComponent"));
                if best.as_ref().is_some_and(|(a, _)| *a >= w * h) {
                    continue;
                }
                // Refused from the PDF's own numbers before anything is decoded or
                // copied (the scan's header is checked again before decoding).
                super::engine::refuse_too_large(&format!("{name}, trang {no}"), w, h)?;
                let filter = name_of(s.dict.get(b"Filter").ok()).unwrap_or_default();
                let image = match filter.as_str() {
                    "DCTDecode" | "JPXDecode" => s.content.clone(),
                    "CCITTFaxDecode" => match fax_tiff(s, w, h) {
                        Some(tiff) => tiff,
                        None => {
                            return Err(Error::Invalid(format!(
                                "{name}, trang {no}: ảnh quét nén kiểu fax (CCITT) có tham số lạ, không đọc được: hãy quét lại thành PDF ảnh xám, hoặc gửi ảnh PNG/TIFF từng trang"
                            )))
                        }
                    },
                    _ => {
                        let space = name_of(s.dict.get(b"ColorSpace").ok()).unwrap_or_default();
                        let colors = if space.ends_with("RGB") { 3 } else { 1 };
                        let data = match predicted_flate(s, w, h, colors * bpc) {
                            Some(d) => d,
                            None => s
                                .decompressed_content()
                                .unwrap_or_else(|_| s.content.clone()),
                        };
                        pnm(&data, w, h, bpc, &space).unwrap_or_default()
                    }
                };
                if !image.is_empty() {
                    best = Some((w * h, image));
                }
            }
        }
        if let Some((_, bytes)) = best {
            out.push(PageImage { page: no, bytes });
        }
    }
    if out.is_empty() {
        return Err(Error::Invalid(format!(
            "{name}: không tìm thấy ảnh trang nào để nhận dạng"
        )));
    }
    Ok(out)
}

/// The samples of a Flate image with PNG predictors, which img2pdf writes for a
/// PNG page (PDF 32000-1 §7.4.4.4), decoded here: lopdf 0.44 adds the "Average"
/// filter's left byte whole instead of halving it with the byte above, which
/// drew a line of noise over the scan wherever a row used it (and Tesseract
/// misread the text line under it). None for any other image.
fn predicted_flate(s: &lopdf::Stream, w: i64, h: i64, bits_per_pixel: i64) -> Option<Vec<u8>> {
    use std::io::Read;
    let params = s.dict.get(b"DecodeParms").ok()?.as_dict().ok()?;
    let predictor = params.get(b"Predictor").ok()?.as_i64().ok()?;
    if name_of(s.dict.get(b"Filter").ok()).as_deref() != Some("FlateDecode")
        || !(10..=15).contains(&predictor)
        || w <= 0
        || h <= 0
        || bits_per_pixel <= 0
    {
        return None;
    }
    let row = usize::try_from((w * bits_per_pixel + 7) / 8).ok()?;
    let bpp = usize::try_from((bits_per_pixel + 7) / 8).ok()?;
    let rows = usize::try_from(h).ok()?;
    // Read no more than the image can hold: the memory stays that of the page.
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&s.content[..])
        .take(((row + 1) * rows) as u64)
        .read_to_end(&mut raw)
        .ok()?;
    Some(unfilter_png(&raw, row, bpp, rows))
}

/// Undoes PNG row filters: each row is a filter byte and `row` bytes; `bpp` is
/// the distance to the byte of the pixel on the left. A short stream gives the
/// rows it holds.
fn unfilter_png(raw: &[u8], row: usize, bpp: usize, rows: usize) -> Vec<u8> {
    let mut out = vec![0u8; row * rows];
    let mut prev = vec![0u8; row];
    for (y, chunk) in raw.chunks(row + 1).take(rows).enumerate() {
        let (kind, data) = (chunk[0], &chunk[1..]);
        let cur = &mut out[y * row..y * row + data.len()];
        for i in 0..data.len() {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            let guess = match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            cur[i] = data[i].wrapping_add(guess);
        }
        prev[..cur.len()].copy_from_slice(cur);
    }
    out
}

/// The PNG Paeth predictor: the neighbour nearest to left + up − up-left.
fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// A fax-compressed (CCITT) scan, what office scanners write in black-and-white
/// mode, wrapped as the one strip of a TIFF file, which Leptonica reads through
/// libtiff: the PDF's `K` says the group (< 0: group 4; 0: group 3, 1-D; > 0:
/// group 3, 2-D). The codes say which runs are black whatever `BlackIs1` says of
/// the decoded bits, so the TIFF is always a fax's "white is zero".
fn fax_tiff(s: &lopdf::Stream, w: i64, h: i64) -> Option<Vec<u8>> {
    let params = s.dict.get(b"DecodeParms").ok().and_then(|o| match o {
        Object::Array(a) => a.first().and_then(|o| o.as_dict().ok()),
        o => o.as_dict().ok(),
    });
    let get = |k: &[u8]| params.and_then(|p| p.get(k).ok());
    let k = get(b"K").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let columns = get(b"Columns").and_then(|o| o.as_i64().ok()).unwrap_or(w);
    let rows = get(b"Rows").and_then(|o| o.as_i64().ok()).unwrap_or(h);
    let (columns, rows) = (u32::try_from(columns).ok()?, u32::try_from(rows).ok()?);
    if columns == 0 || rows == 0 || s.content.is_empty() {
        return None;
    }
    let (compression, options) = match k {
        k if k < 0 => (4u32, None),
        0 => (3, Some((292u16, 0u32))),
        _ => (3, Some((292, 1))),
    };
    // Little-endian TIFF: header, the strip, then one directory of sorted tags.
    let data = &s.content;
    let strip_at = 8u32;
    let ifd_at = strip_at + u32::try_from(data.len()).ok()? + (data.len() % 2) as u32;
    let mut tags: Vec<(u16, u16, u32)> = vec![
        (256, 4, columns),           // ImageWidth
        (257, 4, rows),              // ImageLength
        (258, 3, 1),                 // BitsPerSample
        (259, 3, compression),       // Compression
        (262, 3, 0),                 // Photometric: white is zero
        (273, 4, strip_at),          // StripOffsets
        (277, 3, 1),                 // SamplesPerPixel
        (278, 4, rows),              // RowsPerStrip
        (279, 4, data.len() as u32), // StripByteCounts
    ];
    if let Some((tag, value)) = options {
        tags.push((tag, 4, value)); // T4Options
    }
    tags.sort_by_key(|t| t.0);
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&ifd_at.to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out.extend_from_slice(&(tags.len() as u16).to_le_bytes());
    for (tag, kind, value) in tags {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        if kind == 3 {
            out.extend_from_slice(&(value as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    Some(out)
}

/// Raw samples as a PNM file: 8-bit gray (P5), 8-bit RGB (P6), 1-bit (P4, where
/// PDF's 1 is white and PBM's is black).
fn pnm(data: &[u8], w: i64, h: i64, bpc: i64, space: &str) -> Option<Vec<u8>> {
    if w <= 0 || h <= 0 {
        return None;
    }
    let (magic, row) = match (bpc, space) {
        (8, "DeviceGray" | "CalGray") => ("P5", w),
        (8, "DeviceRGB" | "CalRGB") => ("P6", 3 * w),
        (1, _) => ("P4", (w + 7) / 8),
        _ => return None,
    };
    let need = (row * h) as usize;
    if data.len() < need {
        return None;
    }
    let mut out = match magic {
        "P4" => format!("P4\n{w} {h}\n"),
        m => format!("{m}\n{w} {h}\n255\n"),
    }
    .into_bytes();
    if magic == "P4" {
        out.extend(data[..need].iter().map(|b| !b));
    } else {
        out.extend_from_slice(&data[..need]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows filtered by hand with each PNG filter, decoded back (the "Average"
    /// row is the one lopdf 0.44 got wrong).
    #[test]
    fn every_png_filter_decodes_to_the_samples() {
        let samples: [[u8; 4]; 5] = [
            [10, 200, 30, 255],
            [20, 100, 60, 250],
            [200, 10, 90, 0],
            [201, 12, 250, 3],
            [7, 8, 9, 10],
        ];
        let bpp = 1;
        let mut raw = Vec::new();
        let mut prev = [0u8; 4];
        for (kind, row) in samples.iter().enumerate() {
            raw.push(kind as u8);
            for i in 0..4 {
                let left = if i >= bpp { row[i - bpp] } else { 0 };
                let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
                let guess = match kind {
                    0 => 0,
                    1 => left,
                    2 => prev[i],
                    3 => ((u16::from(left) + u16::from(prev[i])) / 2) as u8,
                    _ => paeth(left, prev[i], up_left),
                };
                raw.push(row[i].wrapping_sub(guess));
            }
            prev = *row;
        }
        assert_eq!(unfilter_png(&raw, 4, bpp, 5), samples.concat());
        // A stream cut short keeps the rows it has; the rest stays white-less 0.
        assert_eq!(unfilter_png(&raw[..7], 4, bpp, 5)[..4], samples[0]);
    }
}
