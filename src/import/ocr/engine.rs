//! The safe side of the Tesseract binding: one page image in, its lines of words
//! with their confidences out. Each call has its own engine, so pages can be read
//! on several threads at once.

use super::ffi;
use crate::{Error, Result};
use std::ffi::{CStr, CString};

/// A word as recognised, with Tesseract's confidence (0–100).
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    pub text: String,
    pub confidence: f32,
    /// Where on the page image the word is: left, top, right, bottom, in pixels of
    /// the image as recognised (after the clean-up), for the review screen.
    pub bbox: [i32; 4],
}

/// A line of words; whether it starts a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub words: Vec<OcrWord>,
    pub paragraph_start: bool,
}

impl OcrWord {
    /// A word without a place on a page (tests, corrections).
    pub fn unplaced(text: &str, confidence: f32) -> OcrWord {
        OcrWord {
            text: text.into(),
            confidence,
            bbox: [0; 4],
        }
    }
}

impl OcrLine {
    /// The line's words with a space between.
    pub fn text(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        words.join(" ")
    }
}

/// One page's text.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    pub number: u32,
    pub lines: Vec<OcrLine>,
    /// The size of the image as recognised, in pixels (what `bbox` refers to).
    pub size: [i32; 2],
    /// The page as the review screen shows it: a PNG at most [`PREVIEW_WIDTH`]
    /// pixels wide, and its size (a word's box times `preview_size[0] / size[0]`).
    pub preview: Vec<u8>,
    pub preview_size: [i32; 2],
}

/// The width of a page's picture on the review screen.
pub const PREVIEW_WIDTH: i32 = 1000;

/// The page's picture for the review screen, as PNG bytes, and its size.
fn preview(pix: &Pix, size: [i32; 2]) -> (Vec<u8>, [i32; 2]) {
    let f = (PREVIEW_WIDTH as f32 / size[0].max(1) as f32).min(1.0);
    // SAFETY: pix is valid; the scaled copy is owned by `small` (or null).
    let small = Pix(unsafe { ffi::pixScale(pix.0, f, f) });
    if small.0.is_null() {
        return (Vec::new(), [0, 0]);
    }
    let (mut data, mut len) = (std::ptr::null_mut::<u8>(), 0usize);
    // SAFETY: Leptonica allocates `data` (freed below with lept_free) and writes
    // its length.
    unsafe {
        let out_size = [ffi::pixGetWidth(small.0), ffi::pixGetHeight(small.0)];
        if ffi::pixWriteMem(&mut data, &mut len, small.0, ffi::IFF_PNG) != 0 || data.is_null() {
            return (Vec::new(), [0, 0]);
        }
        let bytes = std::slice::from_raw_parts(data, len).to_vec();
        ffi::lept_free(data.cast());
        (bytes, out_size)
    }
}

/// The most pixels a page image may have (an A3 page at 600 dpi is 70 million):
/// beyond, the memory Tesseract needs is not bounded by what a page needs.
const MAX_PIXELS: i64 = 120_000_000;

/// Owns a Leptonica image.
struct Pix(*mut ffi::Pix);

impl Drop for Pix {
    fn drop(&mut self) {
        // SAFETY: the pointer came from pixReadMem and is destroyed once.
        unsafe { ffi::pixDestroy(&mut self.0) }
    }
}

/// Owns a Tesseract engine.
struct Api(*mut ffi::TessBaseAPI);

impl Drop for Api {
    fn drop(&mut self) {
        // SAFETY: created by TessBaseAPICreate, deleted once.
        unsafe { ffi::TessBaseAPIDelete(self.0) }
    }
}

/// The page clean-up before recognition (measured in `tests/it/ocr.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Cleanup {
    /// Straighten a page scanned askew (Leptonica's `pixDeskew`).
    pub deskew: bool,
    /// Bring a scan below 250 dpi or above 400 dpi to 300 dpi, where the model
    /// reads best (and a 600 dpi A3 page costs a quarter of the memory and time).
    pub resolution: bool,
}

impl Default for Cleanup {
    fn default() -> Self {
        Cleanup {
            deskew: true,
            resolution: true,
        }
    }
}

/// Recognises page `page` of file `name`, an image in any format Leptonica reads
/// (PNG, JPEG, TIFF, PNM, JPEG 2000), cleaned up first.
pub fn recognise(image: &[u8], name: &str, page: u32) -> Result<OcrPage> {
    recognise_with(image, name, page, Cleanup::default())
}

/// [`recognise`] with the clean-up given.
pub fn recognise_with(image: &[u8], name: &str, page: u32, cleanup: Cleanup) -> Result<OcrPage> {
    let place = if page > 1 {
        format!("{name}, trang {page}")
    } else {
        name.to_owned()
    };
    // SAFETY: Leptonica reads the buffer and copies what it needs; null on failure.
    let pix = Pix(unsafe { ffi::pixReadMem(image.as_ptr(), image.len()) });
    if pix.0.is_null() {
        return Err(Error::Invalid(format!(
            "{place}: ảnh hỏng hoặc không đọc được (cần PNG, JPEG hoặc TIFF)"
        )));
    }
    // SAFETY: pix is a valid image.
    let (w, h, dpi) = unsafe {
        (
            ffi::pixGetWidth(pix.0),
            ffi::pixGetHeight(pix.0),
            ffi::pixGetXRes(pix.0),
        )
    };
    if i64::from(w) * i64::from(h) > MAX_PIXELS {
        return Err(Error::Invalid(format!(
            "{place}: ảnh quá lớn ({w}×{h} điểm ảnh): hãy quét ở 300 dpi"
        )));
    }
    // Clean-up: each step makes a new image (or returns null, keeping the last).
    let mut pix = pix;
    let mut dpi = dpi;
    if cleanup.resolution && ((70..250).contains(&dpi) || (400..=2400).contains(&dpi)) {
        let f = 300.0 / dpi as f32;
        // SAFETY: pix is valid; the result is a new image or null.
        let scaled = unsafe { ffi::pixScale(pix.0, f, f) };
        if !scaled.is_null() {
            pix = Pix(scaled);
            dpi = 300;
        }
    }
    if cleanup.deskew {
        // SAFETY: as above.
        let straight = unsafe { ffi::pixDeskew(pix.0, 0) };
        if !straight.is_null() {
            pix = Pix(straight);
        }
    }
    // SAFETY: pix is a valid image.
    let size = unsafe { [ffi::pixGetWidth(pix.0), ffi::pixGetHeight(pix.0)] };
    #[cfg(target_os = "linux")]
    // SAFETY: sets one of OpenMP's global settings; callable from any thread.
    unsafe {
        ffi::omp_set_max_active_levels(0)
    };
    // SAFETY: a new engine, owned by `api`.
    let api = Api(unsafe { ffi::TessBaseAPICreate() });
    let lang = CString::new("vie").expect("no NUL");
    let datapath = std::env::var("TESSDATA_PREFIX")
        .ok()
        .and_then(|p| CString::new(p).ok());
    // SAFETY: valid engine and C strings that outlive the call.
    let status = unsafe {
        ffi::TessBaseAPIInit2(
            api.0,
            datapath.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
            lang.as_ptr(),
            ffi::OEM_LSTM_ONLY,
        )
    };
    if status != 0 {
        return Err(Error::Invalid(
            "không tìm thấy dữ liệu nhận dạng tiếng Việt (vie.traineddata) của Tesseract: cài lại chương trình, hoặc đặt TESSDATA_PREFIX chỉ tới thư mục tessdata".into(),
        ));
    }
    let keep = CString::new("preserve_interword_spaces").expect("no NUL");
    let one = CString::new("1").expect("no NUL");
    // SAFETY: valid engine and image; the image outlives recognition (pix is
    // dropped after api).
    unsafe {
        ffi::TessBaseAPISetVariable(api.0, keep.as_ptr(), one.as_ptr());
        ffi::TessBaseAPISetPageSegMode(api.0, ffi::PSM_SINGLE_COLUMN);
        ffi::TessBaseAPISetImage2(api.0, pix.0);
        if !(70..=1200).contains(&dpi) {
            ffi::TessBaseAPISetSourceResolution(api.0, 300);
        }
        if ffi::TessBaseAPIRecognize(api.0, std::ptr::null_mut()) != 0 {
            return Err(Error::Invalid(format!("{place}: không nhận dạng được ảnh")));
        }
    }
    let mut lines: Vec<OcrLine> = Vec::new();
    // SAFETY: the iterator belongs to the engine and is deleted before it; the
    // texts it returns are freed with TessDeleteText.
    unsafe {
        let it = ffi::TessBaseAPIGetIterator(api.0);
        if it.is_null() {
            let (preview, preview_size) = preview(&pix, size);
            return Ok(OcrPage {
                number: page,
                lines,
                size,
                preview,
                preview_size,
            });
        }
        loop {
            let pit = ffi::TessResultIteratorGetPageIteratorConst(it);
            let new_line = ffi::TessPageIteratorIsAtBeginningOf(pit, ffi::RIL_TEXTLINE) != 0;
            let new_para = ffi::TessPageIteratorIsAtBeginningOf(pit, ffi::RIL_PARA) != 0;
            let raw = ffi::TessResultIteratorGetUTF8Text(it, ffi::RIL_WORD);
            if !raw.is_null() {
                let text = CStr::from_ptr(raw).to_string_lossy().trim().to_owned();
                ffi::TessDeleteText(raw);
                let confidence = ffi::TessResultIteratorConfidence(it, ffi::RIL_WORD);
                let mut b = [0i32; 4];
                ffi::TessPageIteratorBoundingBox(
                    pit,
                    ffi::RIL_WORD,
                    &mut b[0],
                    &mut b[1],
                    &mut b[2],
                    &mut b[3],
                );
                if !text.is_empty() {
                    if new_line || lines.is_empty() {
                        lines.push(OcrLine {
                            words: Vec::new(),
                            paragraph_start: new_para,
                        });
                    }
                    if let Some(l) = lines.last_mut() {
                        l.words.push(OcrWord {
                            text,
                            confidence,
                            bbox: b,
                        });
                    }
                }
            }
            if ffi::TessResultIteratorNext(it, ffi::RIL_WORD) == 0 {
                break;
            }
        }
        ffi::TessResultIteratorDelete(it);
    }
    drop(api);
    let (preview, preview_size) = preview(&pix, size);
    drop(pix);
    Ok(OcrPage {
        number: page,
        lines,
        size,
        preview,
        preview_size,
    })
}
