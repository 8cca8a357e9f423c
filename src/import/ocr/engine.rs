//! The safe side of the Tesseract binding: one page image in, its lines of words
//! with their confidences out. Each call has its own engine, so pages can be read
//! on several threads at once.

use super::ffi;
use super::tables;
use crate::import::grid::GridLines;
use crate::{Error, Result};
use std::ffi::{CStr, CString};
use std::os::raw::c_int;
use std::path::PathBuf;
use std::sync::OnceLock;

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

/// A cell of a table read from a scan: its lines, how many columns it spans,
/// whether it continues the cell above (merged down, its text is there).
#[derive(Debug, Clone, PartialEq)]
pub struct OcrCell {
    pub lines: Vec<OcrLine>,
    pub span: usize,
    pub continued: bool,
}

/// A ruled table read from a scan (bảng), cell by cell.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrTable {
    /// Its box on the page image: left, top, right, bottom.
    pub bbox: [i32; 4],
    /// Its column boundaries (x), to join a table continued on the next page.
    pub xs: Vec<i32>,
    pub rows: Vec<Vec<OcrCell>>,
}

/// One page's text.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    pub number: u32,
    /// The text outside the tables, line by line.
    pub lines: Vec<OcrLine>,
    /// The tables, top to bottom.
    pub tables: Vec<OcrTable>,
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

/// An image of more than [`MAX_PIXELS`] refused, naming its size (`place`: the
/// file, and the page when there are several).
pub(super) fn refuse_too_large(place: &str, w: i64, h: i64) -> Result<()> {
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(Error::Invalid(format!(
            "{place}: ảnh quá lớn ({w}×{h} điểm ảnh, tối đa {} triệu): hãy quét ở 300 dpi",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Width and height as the image's header says them, without decoding it.
fn header_size(image: &[u8]) -> Option<(i32, i32)> {
    let (mut format, mut w, mut h, mut bps, mut spp, mut cmap) = (0, 0, 0, 0, 0, 0);
    let _quiet = super::quiet::quiet();
    // SAFETY: Leptonica reads the header from the buffer; the outputs are locals.
    let status = unsafe {
        ffi::pixReadHeaderMem(
            image.as_ptr(),
            image.len(),
            &mut format,
            &mut w,
            &mut h,
            &mut bps,
            &mut spp,
            &mut cmap,
        )
    };
    (status == 0).then_some((w, h))
}

/// The most pages read from one TIFF (a fax of a plan is a few dozen).
const MAX_TIFF_PAGES: i32 = 500;

/// The pages of a multi-page TIFF (scanners and fax software write one file for
/// a whole document), each as a PNG for [`recognise`]: page sizes are checked
/// from the headers before each page is decoded, one page in memory at a time.
/// `None` when the image is not a TIFF of more than one page.
pub fn tiff_pages(image: &[u8], name: &str) -> Option<Result<Vec<Vec<u8>>>> {
    if !(image.starts_with(b"II*\0") || image.starts_with(b"MM\0*")) || available(name).is_err() {
        return None;
    }
    let page_size = |n: i32| {
        let _quiet = super::quiet::quiet();
        let (mut w, mut h, mut bps, mut spp, mut res, mut cmap, mut format) = (0, 0, 0, 0, 0, 0, 0);
        // SAFETY: as header_size, for page n (0-based); an error past the last page.
        let status = unsafe {
            ffi::readHeaderMemTiff(
                image.as_ptr(),
                image.len(),
                n,
                &mut w,
                &mut h,
                &mut bps,
                &mut spp,
                &mut res,
                &mut cmap,
                &mut format,
            )
        };
        (status == 0).then_some((w, h))
    };
    let sizes: Vec<(i32, i32)> = (0..MAX_TIFF_PAGES).map_while(page_size).collect();
    if sizes.len() < 2 {
        return None;
    }
    let pages = (0..).zip(sizes).map(|(n, (w, h))| {
        let place = format!("{name}, trang {}", n + 1);
        refuse_too_large(&place, w.into(), h.into())?;
        // SAFETY: Leptonica decodes page n from the buffer; null on failure.
        let pix = {
            let _quiet = super::quiet::quiet();
            Pix(unsafe { ffi::pixReadMemTiff(image.as_ptr(), image.len(), n) })
        };
        if pix.0.is_null() {
            return Err(Error::Invalid(format!("{place}: ảnh hỏng, không đọc được")));
        }
        let (mut data, mut len) = (std::ptr::null_mut(), 0usize);
        // SAFETY: pix is valid; Leptonica allocates the PNG, freed below.
        unsafe {
            if ffi::pixWriteMem(&mut data, &mut len, pix.0, ffi::IFF_PNG) != 0 || data.is_null() {
                return Err(Error::Invalid(format!("{place}: ảnh hỏng, không đọc được")));
            }
            let png = std::slice::from_raw_parts(data, len).to_vec();
            ffi::lept_free(data.cast());
            Ok(png)
        }
    });
    Some(pages.collect())
}

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

/// Loads the OCR library if it is not yet: `Err` (`ocr_unavailable`, naming file
/// `name`) says what is missing. Called before any page is rendered or read.
pub fn available(name: &str) -> Result<()> {
    ffi::load().map_err(|what| Error::OcrUnavailable {
        file: name.to_owned(),
        what,
    })
}

/// Recognises page `page` of file `name`, an image in any format Leptonica reads
/// (PNG, JPEG, TIFF, PNM, JPEG 2000), cleaned up first.
pub fn recognise(image: &[u8], name: &str, page: u32) -> Result<OcrPage> {
    recognise_with(image, name, page, Cleanup::default())
}

/// [`recognise`] with the clean-up given.
pub fn recognise_with(image: &[u8], name: &str, page: u32, cleanup: Cleanup) -> Result<OcrPage> {
    recognise_using(image, name, page, cleanup, &Engines::default())
}

/// The Tesseract engines of one worker, one per language, each started on first
/// use and kept for every page the worker reads: starting one loads its model
/// (15 MB for Vietnamese), which cost as much as reading a small page when it was
/// done for every page, and again for every table's figures.
#[derive(Default)]
pub struct Engines {
    started: std::cell::RefCell<Vec<(&'static str, Option<Shared>)>>,
}

/// An engine the page's readers share (the text's and the tables').
type Shared = std::rc::Rc<Api>;

impl Engines {
    /// The engine for `lang`; `None` without its model.
    fn get(&self, lang: &'static str) -> Option<Shared> {
        let mut started = self.started.borrow_mut();
        if let Some((_, api)) = started.iter().find(|(l, _)| *l == lang) {
            return api.clone();
        }
        let api = engine(lang).map(std::rc::Rc::new);
        started.push((lang, api.clone()));
        api
    }

    /// Every engine lets go of the page it read (its image and results), so that
    /// the page's pictures can be freed and the next page starts clean.
    fn clear(&self) {
        for (_, api) in self.started.borrow().iter() {
            if let Some(api) = api {
                // SAFETY: a valid engine; clearing keeps the model loaded.
                unsafe { ffi::TessBaseAPIClear(api.0) };
            }
        }
    }
}

/// [`recognise_with`] with the worker's engines.
pub fn recognise_using(
    image: &[u8],
    name: &str,
    page: u32,
    cleanup: Cleanup,
    engines: &Engines,
) -> Result<OcrPage> {
    let place = if page > 1 {
        format!("{name}, trang {page}")
    } else {
        name.to_owned()
    };
    available(name)?;
    // The size from the header first: a picture too large is refused before a
    // byte of it is decoded (a 20000×20000 PNG would take gigabytes).
    if let Some((w, h)) = header_size(image) {
        refuse_too_large(&place, w.into(), h.into())?;
    }
    // SAFETY: Leptonica reads the buffer and copies what it needs; null on failure.
    let pix = {
        let _quiet = super::quiet::quiet();
        Pix(unsafe { ffi::pixReadMem(image.as_ptr(), image.len()) })
    };
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
    refuse_too_large(&place, w.into(), h.into())?;
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
    ffi::single_threaded_pages();
    let Some(api) = engines.get("vie") else {
        return Err(Error::Invalid(
            "không tìm thấy dữ liệu nhận dạng tiếng Việt (vie.traineddata) của Tesseract: cài lại chương trình, hoặc đặt TESSDATA_PREFIX chỉ tới thư mục tessdata".into(),
        ));
    };
    // Tables are found from their rules and read a cell at a time; the text
    // around them is read from a copy with the tables painted white.
    let bits = ink(&pix);
    let grids = bits.as_ref().map(tables::tables).unwrap_or_default();
    // A page with (nearly) no ink outside its tables is not read as text: a
    // blank page, or the rest of a page a table fills, scanned with its specks,
    // holds no text, and Tesseract spends minutes on the specks (measured: 345 s
    // on the specks of a degraded 200 dpi page).
    let blank = bits.as_ref().is_some_and(|b| {
        let tables: usize = grids.iter().map(|g| b.count(table_box(g))).sum();
        b.total().saturating_sub(tables) < b.width * b.height / 10_000
    });
    // One grey copy of a page with tables: its cells are read from it, then the
    // tables are painted white on it and the text around them read.
    // SAFETY: pix is valid; the copy is owned by `grey` (or null).
    let grey = (!grids.is_empty())
        .then(|| Pix(unsafe { ffi::pixConvertTo8(pix.0, 0) }))
        .filter(|g| !g.0.is_null());
    // What Tesseract is told of the resolution: the image's, where it is sensible.
    let ppi = if (70..=1200).contains(&dpi) { dpi } else { 300 };
    let keep = CString::new("preserve_interword_spaces").expect("no NUL");
    let one = CString::new("1").expect("no NUL");
    // SAFETY: valid engine and C strings.
    unsafe { ffi::TessBaseAPISetVariable(api.0, keep.as_ptr(), one.as_ptr()) };
    let tables = match &grey {
        Some(g) => read_tables(&api, g, &grids, ppi, bits.as_ref(), engines),
        None => Vec::new(),
    };
    if let Some(g) = &grey {
        paint_tables_white(g, &grids);
    }
    // SAFETY: valid engine and images; the images outlive recognition (they are
    // dropped after api).
    unsafe {
        ffi::TessBaseAPISetPageSegMode(api.0, ffi::PSM_SINGLE_COLUMN);
        ffi::TessBaseAPISetImage2(api.0, grey.as_ref().map_or(pix.0, |p| p.0));
        ffi::TessBaseAPISetSourceResolution(api.0, ppi);
        if !blank && ffi::TessBaseAPIRecognize(api.0, std::ptr::null_mut()) != 0 {
            return Err(Error::Invalid(format!("{place}: không nhận dạng được ảnh")));
        }
    }
    let lines = if blank { Vec::new() } else { read_lines(&api) };
    // The engines let go of this page's pictures before they are freed.
    engines.clear();
    drop(api);
    drop(grey);
    let (preview, preview_size) = preview(&pix, size);
    drop(pix);
    Ok(OcrPage {
        number: page,
        lines,
        tables,
        size,
        preview,
        preview_size,
    })
}

/// An engine for language `lang`, started from its model's bytes (see
/// [`model`]); `None` without the model.
fn engine(lang: &str) -> Option<Api> {
    let data = model(lang)?;
    // SAFETY: a new engine, owned by `api`.
    let api = Api(unsafe { ffi::TessBaseAPICreate() });
    let lang = CString::new(lang).ok()?;
    // SAFETY: valid engine, C string and buffer that outlive the call (Tesseract
    // copies the model).
    let status = unsafe {
        ffi::TessBaseAPIInit5(
            api.0,
            data.as_ptr().cast(),
            c_int::try_from(data.len()).ok()?,
            lang.as_ptr(),
            ffi::OEM_LSTM_ONLY,
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
            0,
        )
    };
    (status == 0).then_some(api)
}

/// The folders a model is looked for in: the one [`ffi::tessdata`] names, then
/// where Linux distributions put Tesseract's.
fn tessdata_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = ffi::tessdata().into_iter().collect();
    if !cfg!(windows) {
        for f in [
            "/usr/share/tesseract-ocr/5/tessdata",
            "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata",
            "/usr/local/share/tessdata",
        ] {
            folders.push(PathBuf::from(f));
        }
    }
    folders
}

/// A language's model (`vie.traineddata`, `eng.traineddata`), read once and kept.
/// The engine is given the bytes, not a folder: Tesseract opens files through the
/// C library, which on Windows reads a path in the ANSI code page, so a program
/// installed under a user name with Vietnamese letters (C:\Users\Nguyễn…) would
/// find no model.
fn model(lang: &str) -> Option<&'static [u8]> {
    static VIE: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    static ENG: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    let cell = match lang {
        "vie" => &VIE,
        "eng" => &ENG,
        _ => return None,
    };
    cell.get_or_init(|| {
        tessdata_folders()
            .iter()
            .find_map(|dir| std::fs::read(dir.join(format!("{lang}.traineddata"))).ok())
    })
    .as_deref()
}

/// The words the engine recognised, line by line.
fn read_lines(api: &Api) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    // SAFETY: the iterator belongs to the engine and is deleted before it; the
    // texts it returns are freed with TessDeleteText.
    unsafe {
        let it = ffi::TessBaseAPIGetIterator(api.0);
        if it.is_null() {
            return lines;
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
    lines
}

/// The page's black pixels (a fixed threshold: rules are the darkest ink).
fn ink(pix: &Pix) -> Option<tables::Ink> {
    // SAFETY: pix is valid; the 1-bit copy is owned by `bits` and its data read
    // within its bounds (height rows of wpl words).
    unsafe {
        let bits = Pix(ffi::pixConvertTo1(pix.0, 160));
        if bits.0.is_null() {
            return None;
        }
        let (w, h, wpl) = (
            ffi::pixGetWidth(bits.0),
            ffi::pixGetHeight(bits.0),
            ffi::pixGetWpl(bits.0),
        );
        let data = ffi::pixGetData(bits.0);
        if data.is_null() || w <= 0 || h <= 0 || wpl <= 0 {
            return None;
        }
        let words = std::slice::from_raw_parts(data, (h as usize) * (wpl as usize)).to_vec();
        Some(tables::Ink {
            width: w as usize,
            height: h as usize,
            wpl: wpl as usize,
            words,
        })
    }
}

/// A table's box on the page, its rules included.
fn table_box(g: &GridLines) -> [usize; 4] {
    let (x1, y1) = (*g.xs.last().unwrap_or(&0.0), *g.ys.last().unwrap_or(&0.0));
    [
        (g.xs[0] as usize).saturating_sub(2),
        (g.ys[0] as usize).saturating_sub(2),
        x1 as usize + 8,
        y1 as usize + 8,
    ]
}

/// The tables painted white on the grey page (their text is read from the cells).
fn paint_tables_white(grey: &Pix, grids: &[GridLines]) {
    for g in grids {
        let [x0, y0, x1, y1] = table_box(g).map(|v| v as i32);
        // SAFETY: grey is a valid 8-bit image; Leptonica clips the rectangle.
        unsafe {
            ffi::pixRasterop(
                grey.0,
                x0,
                y0,
                x1 - x0,
                y1 - y0,
                ffi::PIX_SET,
                std::ptr::null_mut(),
                0,
                0,
            );
        }
    }
}

/// A cell's text that is a figure: digits (or the letters the Vietnamese model
/// reads for them), signs and spaces, at least one digit.
fn figure_like(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " %.,/<>=+-–≥≤SOolIBZG|".contains(c))
}

/// White space around a cell's picture: Tesseract reads text touching the
/// image's edge worse.
const CELL_BORDER: i32 = 20;

/// A cell's area of the (grey) page read as a block of text, its words placed on
/// the page.
fn read_cell(api: &Api, grey: &Pix, a: [i32; 4], ppi: i32) -> Vec<OcrLine> {
    // SAFETY: grey is valid; the box and the images made are owned here and
    // freed (the box by boxDestroy, the images by Pix's drop) after use.
    let cell = unsafe {
        let mut area = ffi::boxCreate(a[0], a[1], a[2] - a[0], a[3] - a[1]);
        if area.is_null() {
            return Vec::new();
        }
        let clipped = Pix(ffi::pixClipRectangle(grey.0, area, std::ptr::null_mut()));
        ffi::boxDestroy(&mut area);
        if clipped.0.is_null() {
            return Vec::new();
        }
        Pix(ffi::pixAddBorder(clipped.0, CELL_BORDER, 255))
    };
    if cell.0.is_null() {
        return Vec::new();
    }
    // SAFETY: valid engine and image; the image outlives the recognition.
    let ok = unsafe {
        ffi::TessBaseAPISetImage2(api.0, cell.0);
        ffi::TessBaseAPISetSourceResolution(api.0, ppi);
        ffi::TessBaseAPIRecognize(api.0, std::ptr::null_mut()) == 0
    };
    if !ok {
        return Vec::new();
    }
    let mut lines = read_lines(api);
    let (dx, dy) = (a[0] - CELL_BORDER, a[1] - CELL_BORDER);
    for w in lines.iter_mut().flat_map(|l| &mut l.words) {
        w.bbox = [
            w.bbox[0] + dx,
            w.bbox[1] + dy,
            w.bbox[2] + dx,
            w.bbox[3] + dy,
        ];
    }
    lines
}

/// Each table's cells read one by one from the grey page, as blocks of text.
fn read_tables(
    api: &Api,
    grey: &Pix,
    grids: &[GridLines],
    ppi: i32,
    bits: Option<&tables::Ink>,
    engines: &Engines,
) -> Vec<OcrTable> {
    // SAFETY: valid engine.
    unsafe { ffi::TessBaseAPISetPageSegMode(api.0, ffi::PSM_SINGLE_BLOCK) };
    // Figures alone in a cell (a target's value, a phone number) are read again
    // with the English model, which has seen far more digits than the Vietnamese
    // one (that reads a lone «500» as «S00» or «900»), when it is installed.
    let mut figures: Option<Option<Shared>> = None;
    let mut read = |a: [i32; 4]| {
        let lines = read_cell(api, grey, a, ppi);
        let text: Vec<String> = lines.iter().map(OcrLine::text).collect();
        if !figure_like(&text.join(" ")) {
            return lines;
        }
        let Some(eng) = figures
            .get_or_insert_with(|| {
                let eng = engines.get("eng")?;
                // SAFETY: valid engine.
                unsafe { ffi::TessBaseAPISetPageSegMode(eng.0, ffi::PSM_SINGLE_BLOCK) };
                Some(eng)
            })
            .as_ref()
        else {
            return lines;
        };
        let again = read_cell(eng, grey, a, ppi);
        let text: Vec<String> = again.iter().map(OcrLine::text).collect();
        if figure_like(&text.join(" ")) {
            again
        } else {
            lines
        }
    };
    let mut out = Vec::new();
    for g in grids {
        let rows = tables::cell_areas(g)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|cell| {
                        let inked = |a: [i32; 4]| {
                            bits.is_none_or(|b| b.count(a.map(|v| v.max(0) as usize)) > 20)
                        };
                        let lines = match cell.area {
                            Some(a) if inked(a) => read(a),
                            _ => Vec::new(),
                        };
                        OcrCell {
                            lines,
                            span: cell.span,
                            continued: cell.continued,
                        }
                    })
                    .collect()
            })
            .collect();
        out.push(OcrTable {
            bbox: [
                g.xs[0] as i32,
                g.ys[0] as i32,
                *g.xs.last().unwrap_or(&0.0) as i32,
                *g.ys.last().unwrap_or(&0.0) as i32,
            ],
            xs: g.xs.iter().map(|x| *x as i32).collect(),
            rows,
        });
    }
    out
}
