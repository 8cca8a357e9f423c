//! The page images of a scanned PDF, as files Leptonica reads: a JPEG or JPEG 2000
//! stream as it is, an uncompressed or Flate-compressed image written as a PNM. The
//! largest image of each page is its scan.

use crate::{Error, Result};
use lopdf::{Document, Object};

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
    let doc = Document::load_mem(bytes)
        .map_err(|e| Error::Invalid(format!("{name}: không đọc được tệp PDF ({e})")))?;
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
                let filter = name_of(s.dict.get(b"Filter").ok()).unwrap_or_default();
                let image = match filter.as_str() {
                    "DCTDecode" | "JPXDecode" => s.content.clone(),
                    "CCITTFaxDecode" => {
                        return Err(Error::Invalid(format!(
                            "{name}, trang {no}: ảnh quét nén kiểu fax (CCITT) chưa đọc được: hãy quét lại thành PDF ảnh màu hoặc xám, hoặc gửi ảnh PNG/TIFF từng trang"
                        )))
                    }
                    _ => {
                        let Ok(data) = s.decompressed_content().or_else(|_| Ok::<_, lopdf::Error>(s.content.clone())) else {
                            continue;
                        };
                        let space = name_of(s.dict.get(b"ColorSpace").ok()).unwrap_or_default();
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
