//! What the import review screen shows of a scan read by OCR (bản quét): the text
//! as recognised, which the officer corrects against the paper and has read
//! again, and each page's picture with the places of the doubtful words.

/// A scan's review.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ScanReview {
    /// The text the importer read, a line a line (the lines the marks name).
    pub text: String,
    pub pages: Vec<ReviewPage>,
}

/// One page: its picture (a `data:` URL of a PNG) and size, and its marks.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReviewPage {
    pub number: u32,
    pub image: String,
    pub width: i32,
    pub height: i32,
    pub marks: Vec<ReviewMark>,
}

/// A word to check: where it is in the text (1-based line) and on the picture
/// (left, top, right, bottom, in the picture's pixels); doubtful (read with a low
/// confidence, or put right by the post-correction), or a figure a field of the
/// plan was read from (a target's level, the number, the date).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReviewMark {
    pub text: String,
    pub line: usize,
    pub confidence: f32,
    pub bbox: [i32; 4],
    pub figure: bool,
}

/// PNG bytes as a `data:` URL the page's `<img>` shows.
pub fn png_data_url(png: &[u8]) -> String {
    use base64::Engine;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}
