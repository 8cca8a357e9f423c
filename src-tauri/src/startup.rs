//! What is checked before the window is built, and what the officer is told when
//! the program cannot start. A window program on Windows has no console: a start
//! that fails must say so in a message box, in Vietnamese, and in the log for the
//! unit's IT; it must never end in a panic nobody sees.

use kehoach::places;

/// The log of the desktop app (in `places::log_dir()`).
pub const LOG: &str = "kehoach-app.log";

/// The message when the Microsoft Edge WebView2 runtime, which draws the window
/// on Windows, is missing (Windows 11 and current Windows 10 have it; an old or
/// stripped-down Windows 10 may not).
#[cfg_attr(not(windows), allow(dead_code))]
pub const NO_WEBVIEW2: &str = "Máy tính này chưa có Microsoft Edge WebView2 Runtime, thành phần của Windows mà chương trình Kế hoạch dùng để hiển thị cửa sổ (Windows 11 và Windows 10 được cập nhật đều có sẵn).\n\nCách cài, không cần mạng Internet trên máy này: bộ phận tin học của đơn vị, trên một máy có mạng, tải «Evergreen Standalone Installer» bản x64 tại trang developer.microsoft.com/microsoft-edge/webview2, chép sang máy này và chạy tệp đó; sau đó mở lại chương trình Kế hoạch.\n\nTrong khi chờ, dòng lệnh kehoach.exe (trong thư mục cài đặt) vẫn dùng được.";

/// Logs every panic with its place before the default hook runs: in a window
/// program it would otherwise vanish.
pub fn log_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        places::log(LOG, &format!("lỗi nghiêm trọng (panic): {info}"));
        default(info);
    }));
}

/// The WebView2 runtime's version, or why there is none. Elsewhere than Windows
/// the web view is the system's WebKit, a dependency of the package.
pub fn check_webview() -> Result<(), String> {
    #[cfg(windows)]
    {
        match tauri::webview_version() {
            Ok(version) if !version.is_empty() => {
                places::log(LOG, &format!("WebView2 {version}"));
                Ok(())
            }
            Ok(_) => Err(NO_WEBVIEW2.to_owned()),
            Err(e) => {
                places::log(LOG, &format!("WebView2: {e}"));
                Err(NO_WEBVIEW2.to_owned())
            }
        }
    }
    #[cfg(not(windows))]
    Ok(())
}

/// Tells the officer the program cannot start, and why: a message box on Windows,
/// standard error elsewhere; and the log.
pub fn cannot_start(message: &str) {
    places::log(LOG, &format!("không khởi động được: {message}"));
    #[cfg(windows)]
    message_box("Kế hoạch", message);
    #[cfg(not(windows))]
    eprintln!("Kế hoạch: {message}");
}

/// A modal message box with an error icon (MessageBoxW of user32, which every
/// Windows has; declared here rather than adding a binding crate for one call).
#[cfg(windows)]
fn message_box(title: &str, text: &str) {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "user32")]
    extern "system" {
        fn MessageBoxW(
            hwnd: *mut std::ffi::c_void,
            text: *const u16,
            caption: *const u16,
            kind: u32,
        ) -> i32;
    }
    let wide = |s: &str| -> Vec<u16> {
        std::ffi::OsStr::new(s)
            .encode_wide()
            .chain(std::iter::once(0))
            .collect()
    };
    let (text, title) = (wide(text), wide(title));
    const MB_ICONERROR: u32 = 0x10;
    const MB_SETFOREGROUND: u32 = 0x10000;
    // SAFETY: two NUL-terminated UTF-16 strings that outlive the call; no owner
    // window.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}
