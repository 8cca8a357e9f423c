//! Errors of the engine. Every error has a stable machine code (for the UI and
//! scripts) and a Vietnamese message naming the file and the place.

use std::io;

/// An engine error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A plan file that does not follow the interchange format.
    #[error("{file}: {}{reason}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Json {
        file: String,
        /// JSON path of the offending value (`targets[3].value`), empty for the whole file.
        path: String,
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("{file}: {reason}")]
    Io { file: String, reason: String },
    /// The database was written by a newer version of the program.
    #[error("{file}: cơ sở dữ liệu ở phiên bản {found}, mới hơn phiên bản chương trình hỗ trợ ({supported}); hãy cập nhật chương trình. Tệp không bị thay đổi.")]
    DatabaseTooNew {
        file: String,
        found: i64,
        supported: i64,
    },
    /// The file is not a kehoach database.
    #[error("{file}: không phải cơ sở dữ liệu của chương trình Kế hoạch ({reason}). Tệp không bị thay đổi.")]
    NotOurDatabase { file: String, reason: String },
    /// Any other database failure.
    #[error("{file}: lỗi cơ sở dữ liệu: {reason}")]
    Database { file: String, reason: String },
    /// No plan with this id (or it is in the trash when it should not be).
    #[error("không tìm thấy kế hoạch số {0}")]
    PlanNotFound(i64),
    /// No revision with this id for the plan.
    #[error("kế hoạch số {plan} không có phiên bản lưu số {revision}")]
    RevisionNotFound { plan: i64, revision: i64 },
    /// A numbering problem in the section tree.
    #[error("{0}")]
    Numbering(#[from] crate::model::NumberingError),
    /// A file type the command cannot read or write.
    #[error("{file}: không hỗ trợ định dạng «{extension}» ({purpose})")]
    UnsupportedFormat {
        file: String,
        extension: String,
        purpose: String,
    },
    /// Invalid input given on the command line or by the UI.
    #[error("{0}")]
    Invalid(String),
    /// A PDF whose pages are images (a scan): there is no text to read.
    #[error("{file}: tệp PDF là bản quét ({pages} trang đều là ảnh, không có chữ để đọc). Hãy xin cơ quan ban hành bản PDF gốc (xuất từ Word hoặc từ hệ thống quản lý văn bản) hoặc tệp Word; nếu chỉ có bản giấy, hãy nhập nội dung bằng tay.")]
    ScannedPdf { file: String, pages: usize },
    /// A scan (a scanned PDF or a page image) where the OCR library could not be
    /// loaded: everything else works, and the message says what is missing.
    #[error("{file}: là bản quét (ảnh), cần bộ nhận dạng chữ (OCR) để đọc, nhưng {what}. Hãy cài lại chương trình Kế hoạch (bộ cài có sẵn bộ nhận dạng chữ); hoặc xin cơ quan ban hành bản PDF gốc hay tệp Word của kế hoạch.")]
    OcrUnavailable { file: String, what: String },
    /// A file another program holds open (Word, a PDF viewer), which therefore
    /// could not be replaced: it is as it was, and `suggested` is a free name
    /// beside it.
    #[error("{file}: tệp đang mở trong chương trình khác (Word, trình xem PDF) nên không ghi đè được; tệp cũ vẫn còn nguyên. Hãy đóng tệp rồi thử lại, hoặc lưu với tên khác, ví dụ «{suggested}».")]
    FileInUse {
        file: String,
        suggested: String,
        /// The folder of `file`, where the save dialog offered again opens.
        folder: String,
    },
    /// A PDF that needs a password to open.
    #[error("{file}: tệp PDF được đặt mật khẩu, chương trình không mở được. Hãy xin bản không đặt mật khẩu, hoặc mở tệp bằng trình xem PDF, nhập mật khẩu rồi in ra tệp PDF mới.")]
    PdfPassword { file: String },
    /// A Word 97–2003 file (`.doc`), whatever its name says.
    #[error("{file}: đây là tệp Word 97–2003 (.doc), định dạng cũ chương trình không đọc được. Hãy mở tệp trong Word, chọn Tệp → Lưu thành → «Tài liệu Word (*.docx)», rồi nhập tệp .docx vừa lưu.")]
    OldWordFormat { file: String },
    /// A path the page sent that was neither chosen in the program's dialog nor
    /// written by the program.
    #[error("{path}: {reason}")]
    PathNotAllowed { path: String, reason: String },
    /// Settings that break a rule: nothing was saved.
    #[error("thiết lập không hợp lệ, chưa lưu: {}", .0.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; "))]
    InvalidSettings(Vec<crate::diag::Diagnostic>),
    /// The agency profile lacks what the use-case needs (its fields named): the app
    /// opens the profile instead of failing.
    #[error("chưa có hồ sơ đơn vị ({}): hãy điền ở Thiết lập → Hồ sơ đơn vị", .0.join(", "))]
    ProfileMissing(Vec<&'static str>),
    /// No program on this computer opens the file (no PDF viewer installed).
    #[error("{file}: máy này chưa có chương trình mở tệp {kind} ({reason}). Hãy cài một trình đọc PDF (vd Foxit Reader, Adobe Acrobat Reader), hoặc dùng «Mở thư mục» để tìm tệp")]
    NoViewer {
        file: String,
        kind: String,
        reason: String,
    },
    /// A results file with problems, each at its line and column: nothing was taken.
    #[error("{}", .0.iter().map(|d| format!("{}: dòng {}, cột {}: {}", d.file, d.line, d.field, d.message)).collect::<Vec<_>>().join("\n"))]
    InvalidResults(Vec<crate::diag::Diagnostic>),
    /// The officer stopped a long reading (OCR of a scan).
    #[error("đã dừng đọc bản quét theo yêu cầu; chưa có gì được lưu")]
    Cancelled,
    /// A file larger than the importer reads.
    #[error("{file}: tệp quá lớn ({}; chương trình đọc tệp đến {limit_mb} MB). Một kế hoạch thường dưới 5 MB: hãy kiểm tra đúng tệp chưa.", .size_mb.map_or(format!("hơn {limit_mb} MB"), |mb| format!("{mb} MB")))]
    FileTooLarge {
        file: String,
        /// `None` when the size was not known beforehand (a device, a pipe, a
        /// file still growing): only that reading went past the limit.
        size_mb: Option<u64>,
        limit_mb: u64,
    },
}

impl Error {
    /// A stable code the UI and scripts can rely on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "invalid_plan_file",
            Error::Io { .. } => "io",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotOurDatabase { .. } => "not_our_database",
            Error::Database { .. } => "database",
            Error::PlanNotFound(_) => "plan_not_found",
            Error::RevisionNotFound { .. } => "revision_not_found",
            Error::Numbering(_) => "numbering",
            Error::UnsupportedFormat { .. } => "unsupported_format",
            Error::Invalid(_) => "invalid",
            Error::ScannedPdf { .. } => "scanned_pdf",
            Error::OcrUnavailable { .. } => "ocr_unavailable",
            Error::FileInUse { .. } => "file_in_use",
            Error::PdfPassword { .. } => "pdf_password",
            Error::OldWordFormat { .. } => "old_word_format",
            Error::FileTooLarge { .. } => "file_too_large",
            Error::InvalidSettings(_) => "invalid_settings",
            Error::PathNotAllowed { .. } => "path_not_allowed",
            Error::ProfileMissing(_) => "profile_missing",
            Error::NoViewer { .. } => "no_viewer",
            Error::InvalidResults(_) => "invalid_results",
            Error::Cancelled => "cancelled",
        }
    }

    /// An I/O error on `file`, with the reason in Vietnamese.
    pub fn io(file: &str, e: io::Error) -> Error {
        let held = held(&e);
        let reason = match e.kind() {
            _ if held => "tệp đang được chương trình khác sử dụng: hãy đóng tệp rồi thử lại".to_owned(),
            io::ErrorKind::NotFound => "không tìm thấy tệp hoặc thư mục".to_owned(),
            // On Windows a file open in Word or a PDF viewer refuses to be
            // replaced with "access denied": the likelier cause when re-exporting.
            io::ErrorKind::PermissionDenied => "không có quyền truy cập, hoặc tệp đang mở trong chương trình khác (Word, trình xem PDF): hãy đóng tệp rồi thử lại".to_owned(),
            io::ErrorKind::AlreadyExists => "tệp đã tồn tại".to_owned(),
            io::ErrorKind::StorageFull => "ổ đĩa đã đầy".to_owned(),
            io::ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".to_owned(),
            _ => format!("lỗi đọc/ghi tệp ({e})"),
        };
        Error::Io {
            file: file.to_owned(),
            reason,
        }
    }
}

/// Whether another program holds the file: ERROR_SHARING_VIOLATION and
/// ERROR_LOCK_VIOLATION on Windows (std has no error kind for them), busy
/// elsewhere.
pub fn held(e: &io::Error) -> bool {
    (cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)))
        || e.kind() == io::ErrorKind::ResourceBusy
}

/// Result with the engine's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors reach the UI as a stable `{code, message}` object.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 4)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        // The UI shows each problem beside its field.
        if let Error::InvalidSettings(list) = self {
            st.serialize_field("diagnostics", list)?;
        }
        // The UI offers to save under this name instead.
        if let Error::FileInUse {
            suggested, folder, ..
        } = self
        {
            st.serialize_field("suggested", suggested)?;
            st.serialize_field("folder", folder)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = Error::PlanNotFound(42);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "plan_not_found", "message": "không tìm thấy kế hoạch số 42"})
        );
        let e = Error::Json {
            file: "a.json".into(),
            path: "targets[3].value".into(),
            reason: "cần một số".into(),
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap()["message"],
            "a.json: targets[3].value: cần một số"
        );
    }

    #[test]
    fn a_refused_write_names_the_file_and_the_likely_cause() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let e = Error::io("D:\\Kế hoạch\\ke-hoach.pdf", denied);
        assert_eq!(e.code(), "io");
        assert_eq!(
            e.to_string(),
            "D:\\Kế hoạch\\ke-hoach.pdf: không có quyền truy cập, hoặc tệp đang mở trong \
             chương trình khác (Word, trình xem PDF): hãy đóng tệp rồi thử lại"
        );
        let busy = Error::io("k.docx", io::Error::from(io::ErrorKind::ResourceBusy));
        assert_eq!(
            busy.to_string(),
            "k.docx: tệp đang được chương trình khác sử dụng: hãy đóng tệp rồi thử lại"
        );
    }
}
