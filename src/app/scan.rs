//! The scan review's «Đọc lại»: the officer corrects the recognised text against
//! the paper (the doubtful words highlighted beside the page's picture) and has
//! it read again by the same text importer.

use crate::import::{import_text, Imported};
use crate::Result;

/// The corrected text of scan `name` read as a plan; the review keeps its pages.
pub fn read_corrected_scan(text: &str, name: &str) -> Result<Imported> {
    let mut read = import_text(&crate::text::nfc(text), name)?;
    read.notes.insert(
        0,
        crate::diag::Diagnostic {
            severity: crate::diag::Severity::Note,
            code: "ocr",
            message: "văn bản nhận dạng từ ảnh quét, đã sửa theo bản giấy".into(),
            ..Default::default()
        },
    );
    Ok(read)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_corrected_word_is_read_again() {
        let text = "ỦY BAN NHÂN DÂN\nQUẬN HẢI AN\nSố: 87/KH-UBND\nKẾ HOẠCH\nChuyển đổi số quận Hải An năm 2024\nI. MỤC TIÊU\n1. Chỉ tiêu\n- 100% thủ tục hành chính được cung cấp trực tuyến toàn trình.\n";
        let read = super::read_corrected_scan(text, "scan.pdf").unwrap();
        assert_eq!(read.plan.title, "Chuyển đổi số quận Hải An năm 2024");
        assert_eq!(read.plan.number, Some(87));
        // What the officer typed is NFC like every input (decomposed «ổ» here).
        let read =
            super::read_corrected_scan(&text.replace("đổi", "đo\u{302}\u{309}i"), "scan.pdf")
                .unwrap();
        assert_eq!(read.plan.title, "Chuyển đổi số quận Hải An năm 2024");
        assert_eq!(read.notes[0].code, "ocr");
    }
}
