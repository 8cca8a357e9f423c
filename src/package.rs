//! The zip packages of OOXML files (DOCX, XLSX) made the same, byte for byte, on
//! every system: the zip crate records the system that wrote each entry ("version
//! made by"), so a DOCX exported on Windows differed from Linux's by 26 bytes, and
//! a file's timestamp is the package's, not the clock's.

use std::io::{Cursor, Read, Write};

/// The options of every entry we write: deflated, a fixed time, Unix as the
/// system that made it (what Linux writes, chosen so that the files the tests
/// check on Linux are the ones Windows writes).
pub fn entry_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
}

/// A package written by another library, re-packed with [`entry_options`].
pub fn repack(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(|e| e.to_string())?;
        let name = f.name().to_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| e.to_string())?;
        out.start_file(name, entry_options())
            .map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}
