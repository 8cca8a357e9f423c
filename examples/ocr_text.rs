//! Prints the text OCR reads from a scanned PDF, post-corrected, a line a line
//! (a table's row between `|`), as the scan review shows it: for looking at what a
//! scan gives without the importer.
//! `cargo run --release --example ocr_text -- scan.pdf`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ocr_text scan.pdf");
        std::process::exit(2);
    };
    let read = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| kehoach::import::ocr::scanned_pdf_text(&b, &path).map_err(|e| e.to_string()));
    match read {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
