//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `kehoach` binary built by cargo for this test run.
pub fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the CLI with `--db db` and returns (exit code, stdout, stderr).
pub fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = kehoach().arg("--db").arg(db).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Converts a document to PDF with LibreOffice (a consumer we did not write) and
/// returns the PDF's path.
pub fn soffice_pdf(input: &Path, outdir: &Path) -> PathBuf {
    soffice_convert(input, outdir, "pdf", "pdf")
}

/// Converts a document with LibreOffice to `filter` (the `--convert-to` argument)
/// and returns the path of the file it wrote, with extension `ext`. Each call gets
/// its own LibreOffice profile so that tests can run in parallel.
pub fn soffice_convert(input: &Path, outdir: &Path, filter: &str, ext: &str) -> PathBuf {
    let profile = outdir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(outdir)
        .arg(input)
        .output()
        .expect("LibreOffice (soffice) is installed: run ./scripts/setup");
    let converted = outdir.join(input.with_extension(ext).file_name().unwrap());
    assert!(
        out.status.success() && converted.exists(),
        "LibreOffice failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    converted
}

/// Runs a PDF reader's command-line tool (poppler, MuPDF, Ghostscript) and returns
/// its standard output.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed (scripts/setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Checks that every word of `expected` occurs in `actual`, in order; returns the
/// words that could not be found in sequence.
pub fn words_in_order(expected: &str, actual: &str) -> Vec<String> {
    let norm = |w: &str| {
        unicode_normalization::UnicodeNormalization::nfc(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
        )
        .collect::<String>()
    };
    let actual: Vec<String> = actual
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect();
    let mut pos = 0;
    let mut missing = Vec::new();
    for w in expected
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
    {
        match actual[pos..].iter().position(|a| *a == w) {
            Some(i) => pos += i + 1,
            None => missing.push(w),
        }
    }
    missing
}

/// A fixed world: the bundled fonts and 23/11/2026.
pub fn world() -> kehoach::world::FixedWorld {
    kehoach::world::FixedWorld::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
}

/// The share of `expected`'s words that `actual` keeps in the same order: the
/// longest common subsequence of the two word lists (NFC, edge punctuation off),
/// over the expected count. Unlike a greedy scan, one misread word costs one word.
pub fn words_kept_in_order(expected: &str, actual: &str) -> f64 {
    let norm = |w: &str| {
        let w: String = unicodedata_nfc(w);
        w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
    };
    let e: Vec<String> = expected
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect();
    let a: Vec<String> = actual
        .split_whitespace()
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect();
    let mut prev = vec![0u32; a.len() + 1];
    for x in &e {
        let mut cur = vec![0u32; a.len() + 1];
        for (j, y) in a.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    100.0 * f64::from(prev[a.len()]) / e.len().max(1) as f64
}

fn unicodedata_nfc(w: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(w).collect()
}

/// What python-docx reads of a DOCX (`tests/python/inspect_docx.py`): paragraphs
/// with their formatting, sections, tables.
pub fn inspect_docx(path: &Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/python/inspect_docx.py"
        ))
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python-docx: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
