//! What the desktop does with a document the program wrote: print it with the
//! program the PC has for its type. On Windows that is the type's «print» verb,
//! what Explorer's right-click → In does (Acrobat Reader and Foxit show their
//! print dialog for it). Edge, the PDF reader of a fresh Windows 11, has no such
//! verb: the caller then opens the file, whose viewer prints with Ctrl+P.

use std::path::Path;

/// Prints `path` through its type's print verb. `Err` says why not (no program
/// with a print verb, or not Windows), and the caller opens the file instead.
pub fn print_with_program(path: &Path) -> Result<(), String> {
    #[cfg(windows)]
    {
        shell_print(path)
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        Err("chỉ Windows có lệnh in của chương trình".into())
    }
}

#[cfg(windows)]
fn shell_print(path: &Path) -> Result<(), String> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "shell32")]
    extern "system" {
        fn ShellExecuteW(
            hwnd: *mut std::ffi::c_void,
            operation: *const u16,
            file: *const u16,
            parameters: *const u16,
            directory: *const u16,
            show: i32,
        ) -> isize;
    }
    let wide =
        |s: &std::ffi::OsStr| -> Vec<u16> { s.encode_wide().chain(std::iter::once(0)).collect() };
    let verb = wide(std::ffi::OsStr::new("print"));
    let file = wide(path.as_os_str());
    let dir = path.parent().map(|d| wide(d.as_os_str()));
    const SW_SHOWNORMAL: i32 = 1;
    // SAFETY: NUL-terminated UTF-16 strings that outlive the call; no owner window.
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            dir.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
            SW_SHOWNORMAL,
        )
    };
    // Values above 32 mean the program was started (ShellExecute's convention).
    if code > 32 {
        Ok(())
    } else {
        Err(match code {
            // SE_ERR_NOASSOC: no program has a print verb for this type.
            31 => "không có chương trình in loại tệp này".into(),
            2 | 3 => "không tìm thấy tệp".into(),
            _ => format!("Windows không in được (mã {code})"),
        })
    }
}

#[cfg(all(test, windows))]
mod tests {
    use super::*;

    fn reg(args: &[&str]) {
        let ok = std::process::Command::new("reg")
            .args(args)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "reg {args:?}");
    }

    /// A type whose program has a print verb is printed through it; one without
    /// is refused, so that the caller opens the file. (Under Wine in CI: the
    /// verb is registered under HKCR, which Windows writes for this user, and its
    /// command copies the file where the test looks.)
    #[test]
    fn a_document_goes_to_its_programs_print_verb() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("Kế hoạch in.khtestprint");
        std::fs::write(&doc, b"%PDF-1.7 test").unwrap();
        let printed = dir.path().join("printed.txt");
        assert!(
            print_with_program(&doc).is_err(),
            "no program for the type yet"
        );
        let class = r"HKCR\kehoach.testprint";
        reg(&[
            "add",
            r"HKCR\.khtestprint",
            "/ve",
            "/d",
            "kehoach.testprint",
            "/f",
        ]);
        let command = format!("cmd /c copy \"%1\" \"{}\"", printed.display());
        reg(&[
            "add",
            &format!(r"{class}\shell\print\command"),
            "/ve",
            "/d",
            &command,
            "/f",
        ]);
        let result = print_with_program(&doc);
        for _ in 0..100 {
            if printed.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        reg(&["delete", r"HKCR\.khtestprint", "/f"]);
        reg(&["delete", class, "/f"]);
        result.unwrap();
        assert_eq!(std::fs::read(&printed).unwrap(), b"%PDF-1.7 test");
    }
}
