//! The few functions of Tesseract's C API (`tesseract/capi.h`) and Leptonica the
//! OCR uses, declared by hand: a thin surface instead of a bindgen-generated
//! binding (which would need libclang to build). Safe wrappers are in `engine.rs`.

#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_float, c_int, c_void};

pub type TessBaseAPI = c_void;
pub type TessResultIterator = c_void;
pub type TessPageIterator = c_void;
pub type Pix = c_void;

/// `TessPageIteratorLevel`.
pub const RIL_PARA: c_int = 1;
pub const RIL_TEXTLINE: c_int = 2;
pub const RIL_WORD: c_int = 3;

/// `TessPageSegMode::PSM_SINGLE_COLUMN` (tesseract's `--psm 4`).
pub const PSM_SINGLE_COLUMN: c_int = 4;
/// `TessPageSegMode::PSM_SINGLE_BLOCK` (`--psm 6`): a table cell.
pub const PSM_SINGLE_BLOCK: c_int = 6;
/// `TessOcrEngineMode::OEM_LSTM_ONLY`.
pub const OEM_LSTM_ONLY: c_int = 1;

#[link(name = "tesseract")]
extern "C" {
    pub fn TessBaseAPICreate() -> *mut TessBaseAPI;
    pub fn TessBaseAPIDelete(handle: *mut TessBaseAPI);
    pub fn TessBaseAPIInit2(
        handle: *mut TessBaseAPI,
        datapath: *const c_char,
        language: *const c_char,
        oem: c_int,
    ) -> c_int;
    pub fn TessBaseAPISetPageSegMode(handle: *mut TessBaseAPI, mode: c_int);
    pub fn TessBaseAPISetImage2(handle: *mut TessBaseAPI, pix: *mut Pix);
    pub fn TessBaseAPISetSourceResolution(handle: *mut TessBaseAPI, ppi: c_int);
    pub fn TessBaseAPIRecognize(handle: *mut TessBaseAPI, monitor: *mut c_void) -> c_int;
    pub fn TessBaseAPIGetIterator(handle: *mut TessBaseAPI) -> *mut TessResultIterator;
    pub fn TessBaseAPISetVariable(
        handle: *mut TessBaseAPI,
        name: *const c_char,
        value: *const c_char,
    ) -> c_int;
    pub fn TessResultIteratorDelete(handle: *mut TessResultIterator);
    pub fn TessResultIteratorNext(handle: *mut TessResultIterator, level: c_int) -> c_int;
    pub fn TessResultIteratorGetUTF8Text(
        handle: *const TessResultIterator,
        level: c_int,
    ) -> *mut c_char;
    pub fn TessResultIteratorConfidence(handle: *const TessResultIterator, level: c_int)
        -> c_float;
    pub fn TessResultIteratorGetPageIteratorConst(
        handle: *const TessResultIterator,
    ) -> *const TessPageIterator;
    pub fn TessPageIteratorIsAtBeginningOf(handle: *const TessPageIterator, level: c_int) -> c_int;
    pub fn TessPageIteratorBoundingBox(
        handle: *const TessPageIterator,
        level: c_int,
        left: *mut c_int,
        top: *mut c_int,
        right: *mut c_int,
        bottom: *mut c_int,
    ) -> c_int;
    pub fn TessDeleteText(text: *const c_char);
}

#[link(name = "leptonica")]
extern "C" {
    pub fn pixReadMem(data: *const u8, size: usize) -> *mut Pix;
    pub fn pixDestroy(pix: *mut *mut Pix);
    pub fn pixGetWidth(pix: *const Pix) -> c_int;
    pub fn pixGetHeight(pix: *const Pix) -> c_int;
    pub fn pixGetXRes(pix: *const Pix) -> c_int;
    pub fn pixScale(pix: *mut Pix, sx: c_float, sy: c_float) -> *mut Pix;
    pub fn pixDeskew(pix: *mut Pix, redsearch: c_int) -> *mut Pix;
    pub fn pixWriteMem(data: *mut *mut u8, size: *mut usize, pix: *mut Pix, format: c_int)
        -> c_int;
    pub fn lept_free(ptr: *mut c_void);
    pub fn boxCreate(x: c_int, y: c_int, w: c_int, h: c_int) -> *mut c_void;
    pub fn boxDestroy(b: *mut *mut c_void);
    pub fn pixClipRectangle(pix: *mut Pix, b: *mut c_void, clipped: *mut c_void) -> *mut Pix;
    pub fn pixAddBorder(pix: *mut Pix, npix: c_int, val: u32) -> *mut Pix;
    pub fn pixConvertTo1(pix: *mut Pix, threshold: c_int) -> *mut Pix;
    pub fn pixConvertTo8(pix: *mut Pix, cmapflag: c_int) -> *mut Pix;
    pub fn pixGetData(pix: *mut Pix) -> *mut u32;
    pub fn pixGetWpl(pix: *const Pix) -> c_int;
    pub fn pixRasterop(
        pixd: *mut Pix,
        dx: c_int,
        dy: c_int,
        dw: c_int,
        dh: c_int,
        op: c_int,
        pixs: *mut Pix,
        sx: c_int,
        sy: c_int,
    ) -> c_int;
}

/// Leptonica's `IFF_PNG`.
pub const IFF_PNG: c_int = 3;
/// Leptonica's `PIX_SET`: every bit of the rectangle set (white in a grey image).
pub const PIX_SET: c_int = 0xf;

// Debian's Tesseract is built with OpenMP, whose worker threads oversubscribe the
// cores as soon as two pages are read at once (measured: 8 pages in 30.7 s with it,
// 7.8 s without, on 2 cores). Pages are our unit of parallelism, so OpenMP's
// parallel regions are turned off; a Tesseract without OpenMP (the Windows build)
// has no such function to call.
#[cfg(target_os = "linux")]
#[link(name = "gomp")]
extern "C" {
    pub fn omp_set_max_active_levels(levels: c_int);
}
