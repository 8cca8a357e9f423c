//! The few functions of Tesseract's C API (`tesseract/capi.h`) and Leptonica the
//! OCR uses, declared by hand (a bindgen-generated binding would need libclang to
//! build) and **loaded only when a scan is read**: the program starts, and does
//! everything but OCR, on a PC where the library is missing or broken, and a scan
//! then gets a message saying what is missing. Loading Tesseract's 57 shared
//! libraries at start cost every command 7 ms and 11 MiB (docs/benchmarks.md).
//!
//! One library holds both APIs: on Linux the system's `libtesseract.so.5`, whose
//! dependencies (Leptonica, OpenMP) answer for their own symbols through its
//! handle; on Windows `kehoach-ocr.dll` beside the program, into which
//! `scripts/windows/build-ocr` links Tesseract, Leptonica and the image libraries.
//! `KEHOACH_OCR_LIBRARY` names another file (tests of a missing or broken one).
//! Safe wrappers are in `engine.rs`.

#![allow(non_camel_case_types, non_snake_case)]

use std::os::raw::{c_char, c_float, c_int, c_void};
use std::path::PathBuf;
use std::sync::OnceLock;

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
/// Leptonica's `IFF_PNG`.
pub const IFF_PNG: c_int = 3;
/// Leptonica's `PIX_SET`: every bit of the rectangle set (white in a grey image).
pub const PIX_SET: c_int = 0xf;
/// Leptonica's `L_SEVERITY_NONE`: it prints nothing on standard error (a
/// Leptonica built without some image format would print at every engine start).
const L_SEVERITY_NONE: c_int = 6;

/// Declares the functions the OCR needs from the library: a table of pointers
/// filled when it is loaded, and a forwarding function of the same name for each,
/// so that the engine calls them as it would a linked library.
macro_rules! functions {
    ($( fn $name:ident ( $($arg:ident : $ty:ty),* ) $(-> $ret:ty)? ; )*) => {
        /// The loaded library and its functions.
        struct Functions {
            _library: libloading::Library,
            /// OpenMP's, where Tesseract was built with it (Debian's; not ours for
            /// Windows).
            omp_set_max_active_levels: Option<unsafe extern "C" fn(c_int)>,
            $( $name: unsafe extern "C" fn($($ty),*) $(-> $ret)?, )*
        }

        impl Functions {
            /// # Safety
            /// `library` must be a Tesseract 5 and Leptonica build whose functions
            /// have the C signatures declared here.
            unsafe fn from(library: libloading::Library) -> Result<Functions, String> {
                Ok(Functions {
                    omp_set_max_active_levels: library
                        .get(b"omp_set_max_active_levels\0")
                        .ok()
                        .map(|s: libloading::Symbol<'_, unsafe extern "C" fn(c_int)>| *s),
                    $( $name: *library
                        .get(concat!(stringify!($name), "\0").as_bytes())
                        .map_err(|_| format!("thiếu hàm {}", stringify!($name)))?, )*
                    _library: library,
                })
            }
        }

        $(
            /// # Safety
            /// As the C function of the same name; [`load`] has succeeded.
            // The C signatures as they are (Init5 takes 11 arguments).
            #[allow(dead_code, clippy::too_many_arguments)]
            pub unsafe fn $name($($arg: $ty),*) $(-> $ret)? {
                (loaded().$name)($($arg),*)
            }
        )*
    };
}

functions! {
    fn TessBaseAPICreate() -> *mut TessBaseAPI;
    fn TessBaseAPIDelete(handle: *mut TessBaseAPI);
    fn TessBaseAPIInit5(handle: *mut TessBaseAPI, data: *const c_char, data_size: c_int, language: *const c_char, oem: c_int, configs: *mut *mut c_char, configs_size: c_int, vars_vec: *mut *mut c_char, vars_values: *mut *mut c_char, vars_vec_size: usize, set_only_non_debug_params: c_int) -> c_int;
    fn TessBaseAPISetPageSegMode(handle: *mut TessBaseAPI, mode: c_int);
    fn TessBaseAPISetImage2(handle: *mut TessBaseAPI, pix: *mut Pix);
    fn TessBaseAPISetSourceResolution(handle: *mut TessBaseAPI, ppi: c_int);
    fn TessBaseAPIRecognize(handle: *mut TessBaseAPI, monitor: *mut c_void) -> c_int;
    fn TessBaseAPIClear(handle: *mut TessBaseAPI);
    fn TessBaseAPIGetIterator(handle: *mut TessBaseAPI) -> *mut TessResultIterator;
    fn TessBaseAPISetVariable(handle: *mut TessBaseAPI, name: *const c_char, value: *const c_char) -> c_int;
    fn TessResultIteratorDelete(handle: *mut TessResultIterator);
    fn TessResultIteratorNext(handle: *mut TessResultIterator, level: c_int) -> c_int;
    fn TessResultIteratorGetUTF8Text(handle: *const TessResultIterator, level: c_int) -> *mut c_char;
    fn TessResultIteratorConfidence(handle: *const TessResultIterator, level: c_int) -> c_float;
    fn TessResultIteratorGetPageIteratorConst(handle: *const TessResultIterator) -> *const TessPageIterator;
    fn TessPageIteratorIsAtBeginningOf(handle: *const TessPageIterator, level: c_int) -> c_int;
    fn TessPageIteratorBoundingBox(handle: *const TessPageIterator, level: c_int, left: *mut c_int, top: *mut c_int, right: *mut c_int, bottom: *mut c_int) -> c_int;
    fn TessDeleteText(text: *const c_char);
    fn pixReadMem(data: *const u8, size: usize) -> *mut Pix;
    fn pixReadHeaderMem(data: *const u8, size: usize, format: *mut c_int, w: *mut c_int, h: *mut c_int, bps: *mut c_int, spp: *mut c_int, iscmap: *mut c_int) -> c_int;
    fn readHeaderMemTiff(data: *const u8, size: usize, n: c_int, w: *mut c_int, h: *mut c_int, bps: *mut c_int, spp: *mut c_int, res: *mut c_int, cmap: *mut c_int, format: *mut c_int) -> c_int;
    fn pixReadMemTiff(data: *const u8, size: usize, n: c_int) -> *mut Pix;
    fn pixDestroy(pix: *mut *mut Pix);
    fn pixGetWidth(pix: *const Pix) -> c_int;
    fn pixGetHeight(pix: *const Pix) -> c_int;
    fn pixGetXRes(pix: *const Pix) -> c_int;
    fn pixScale(pix: *mut Pix, sx: c_float, sy: c_float) -> *mut Pix;
    fn pixDeskew(pix: *mut Pix, redsearch: c_int) -> *mut Pix;
    fn pixWriteMem(data: *mut *mut u8, size: *mut usize, pix: *mut Pix, format: c_int) -> c_int;
    fn lept_free(ptr: *mut c_void);
    fn boxCreate(x: c_int, y: c_int, w: c_int, h: c_int) -> *mut c_void;
    fn boxDestroy(b: *mut *mut c_void);
    fn pixClipRectangle(pix: *mut Pix, b: *mut c_void, clipped: *mut c_void) -> *mut Pix;
    fn pixAddBorder(pix: *mut Pix, npix: c_int, val: u32) -> *mut Pix;
    fn pixConvertTo1(pix: *mut Pix, threshold: c_int) -> *mut Pix;
    fn pixConvertTo8(pix: *mut Pix, cmapflag: c_int) -> *mut Pix;
    fn pixGetData(pix: *mut Pix) -> *mut u32;
    fn pixGetWpl(pix: *const Pix) -> c_int;
    fn pixRasterop(pixd: *mut Pix, dx: c_int, dy: c_int, dw: c_int, dh: c_int, op: c_int, pixs: *mut Pix, sx: c_int, sy: c_int) -> c_int;
    fn setMsgSeverity(severity: c_int) -> c_int;
}

/// The library, loaded at the first scan: its functions, or why it could not be.
static LIBRARY: OnceLock<Result<Functions, String>> = OnceLock::new();

/// Loads the OCR library (once; later calls return what the first found). `Err`
/// says in Vietnamese what is missing or broken, for the message a scan gets.
pub fn load() -> Result<(), String> {
    match LIBRARY.get_or_init(open) {
        Ok(_) => Ok(()),
        Err(why) => Err(why.clone()),
    }
}

/// The functions of the loaded library.
fn loaded() -> &'static Functions {
    match LIBRARY.get() {
        Some(Ok(f)) => f,
        // Every entry point of the OCR calls `load` first and stops on its error.
        _ => unreachable!("the OCR library is used before load() succeeded"),
    }
}

/// Turns off OpenMP's parallel regions where Tesseract has them. Debian's
/// Tesseract is built with OpenMP, whose worker threads oversubscribe the cores as
/// soon as two pages are read at once (measured: 8 pages in 30.7 s with it, 7.8 s
/// without, on 2 cores); pages are our unit of parallelism.
pub fn single_threaded_pages() {
    if let Some(f) = loaded().omp_set_max_active_levels {
        // SAFETY: sets one of OpenMP's global settings; callable from any thread.
        unsafe { f(0) }
    }
}

/// The files tried, in order.
fn candidates() -> Vec<PathBuf> {
    if let Some(path) = std::env::var_os("KEHOACH_OCR_LIBRARY").filter(|p| !p.is_empty()) {
        return vec![PathBuf::from(path)];
    }
    if cfg!(windows) {
        // Beside the program first: the installer puts it there, and a DLL of the
        // same name elsewhere on the PATH must not be taken instead.
        let beside = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|d| d.join(WINDOWS_LIBRARY)));
        beside.into_iter().collect()
    } else if cfg!(target_os = "macos") {
        vec!["libtesseract.5.dylib".into(), "libtesseract.dylib".into()]
    } else {
        vec!["libtesseract.so.5".into(), "libtesseract.so".into()]
    }
}

/// The OCR library of the Windows build (`scripts/windows/build-ocr`).
pub const WINDOWS_LIBRARY: &str = "kehoach-ocr.dll";

fn open() -> Result<Functions, String> {
    let tried = candidates();
    let mut last = String::new();
    for path in &tried {
        // SAFETY: loading runs the library's initialisers; Tesseract's and
        // Leptonica's only set up their own globals.
        match unsafe { libloading::Library::new(path) } {
            Ok(library) => {
                // SAFETY: a library found under Tesseract's name has its C API.
                let functions = unsafe { Functions::from(library) }
                    .map_err(|e| format!("thư viện {} không dùng được: {e}", path.display()))?;
                // SAFETY: a plain setter of Leptonica's global message level.
                unsafe { (functions.setMsgSeverity)(L_SEVERITY_NONE) };
                return Ok(functions);
            }
            Err(e) => {
                // dlerror names the file; Windows' error needs the path and the
                // system's reason (its source) added.
                use std::error::Error as _;
                last = match e.source() {
                    Some(why) => format!("{}: {why}", path.display()),
                    None => e.to_string(),
                };
            }
        }
    }
    Err(if cfg!(windows) {
        format!("không nạp được thư viện nhận dạng chữ {WINDOWS_LIBRARY} ({last})")
    } else {
        format!("không nạp được thư viện Tesseract ({last}); trên Debian/Ubuntu cài gói libtesseract5 và tesseract-ocr-vie")
    })
}

/// The tessdata folder the engine is started with: `TESSDATA_PREFIX`, else a
/// `tessdata` folder beside the program (the Windows installer's), else `None`,
/// Tesseract's own default (Debian's models).
pub fn tessdata() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TESSDATA_PREFIX").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let beside = std::env::current_exe().ok()?.parent()?.join("tessdata");
    beside.join("vie.traineddata").is_file().then_some(beside)
}
