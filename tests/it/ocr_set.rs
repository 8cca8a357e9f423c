//! The OCR test set: the reference plans as an office prints them (LibreOffice's
//! PDF of a python-docx layout), rendered by poppler at 300 and 200 dpi, and
//! degraded copies (a 1–2° skew, salt-and-pepper noise, a slight blur, JPEG at
//! quality 60; Pillow, the library img2pdf itself uses), wrapped into PDFs by
//! img2pdf as a scanner's software would. And what is measured on each: character
//! error rate and words in order against the source text, target and task recall
//! against the expectation files, and whether every misread target is marked.

use crate::common::{fixture, poppler, words_kept_in_order};
use std::path::{Path, PathBuf};

/// The three reference plans.
pub const PLANS: [&str; 3] = [
    "hai-an-2024-cds",
    "cat-hai-2022-chi-so-cds",
    "hai-phong-2022-2025-phoi-hop-btttt",
];

/// One scan of the set.
#[derive(Debug, Clone, Copy)]
pub struct Scan {
    pub plan: &'static str,
    pub dpi: u32,
    pub degraded: bool,
}

impl Scan {
    pub fn label(&self) -> String {
        format!(
            "{} dpi{}",
            self.dpi,
            if self.degraded { ", degraded" } else { "" }
        )
    }
}

/// A scan made: the PDF of page images and the page images themselves.
pub struct Made {
    pub pdf: PathBuf,
    pub pages: Vec<PathBuf>,
}

/// Degrades page images as a tired office scanner would; each page skewed by its
/// own angle of 1–2° either way (seeded, so every run makes the same pages).
const DEGRADE: &str = "import sys, random
from PIL import Image, ImageFilter
random.seed(int(sys.argv[1]))
dpi = int(sys.argv[2])
for p in sys.argv[3:]:
    angle = random.uniform(1.0, 2.0) * random.choice((-1, 1))
    im = Image.open(p).convert('L').rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    px = im.load()
    w, h = im.size
    for _ in range(w * h // 200):
        x, y = random.randrange(w), random.randrange(h)
        px[x, y] = random.choice((0, 255))
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    im.save(p[:-4] + '.jpg', quality=60, dpi=(dpi, dpi))
";

/// Renders, degrades and wraps one scan into `dir`.
pub fn make(dir: &Path, scan: Scan) -> Made {
    make_from(dir, &format!("{}.office.pdf", scan.plan), scan)
}

/// [`make`] from the fixture PDF `pdf` (`scan.plan` only names it).
pub fn make_from(dir: &Path, pdf: &str, scan: Scan) -> Made {
    let prefix = dir.join("trang");
    poppler(
        "pdftoppm",
        &[
            "-r",
            &scan.dpi.to_string(),
            "-gray",
            "-png",
            fixture(pdf).to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    if scan.degraded {
        let ok = std::process::Command::new("python3")
            .args(["-c", DEGRADE, &scan.dpi.to_string(), &scan.dpi.to_string()])
            .args(&pages)
            .status()
            .expect("python3 runs");
        assert!(ok.success(), "Pillow degraded the pages");
        pages = pages.iter().map(|p| p.with_extension("jpg")).collect();
    }
    let pdf = dir.join("ban-quet.pdf");
    img2pdf(&pdf, &pages);
    Made { pdf, pages }
}

/// Wraps page images into the PDF `out` as a scanner's software would (img2pdf
/// keeps JPEG, PNG and fax TIFF streams as they are).
pub fn img2pdf(out: &Path, pages: &[PathBuf]) {
    let ok = std::process::Command::new("python3")
        .args([
            "-c",
            "import img2pdf, sys; open(sys.argv[1], 'wb').write(img2pdf.convert(sys.argv[2:]))",
        ])
        .arg(out)
        .args(pages)
        .status()
        .expect("python3 runs");
    assert!(ok.success(), "img2pdf wrapped the pages");
}

/// The source text of a plan (what its office PDF was laid out from).
pub fn source(plan: &str) -> String {
    std::fs::read_to_string(fixture(&format!("{plan}.txt"))).unwrap()
}

/// Character error rate, in percent: the edits (a substitution counting once)
/// that turn the source into the text read, over the source's characters; both
/// with their white space collapsed to single spaces.
pub fn character_error_rate(source: &str, read: &str) -> f64 {
    use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
    let collapse = |s: &str| -> Vec<char> {
        let s = kehoach::text::nfc(s);
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect()
    };
    let (a, b) = (collapse(source), collapse(read));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline));
    let edits: usize = ops
        .iter()
        .map(|op| match *op {
            DiffOp::Equal { .. } => 0,
            DiffOp::Delete { old_len, .. } => old_len,
            DiffOp::Insert { new_len, .. } => new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => old_len.max(new_len),
        })
        .sum();
    100.0 * edits as f64 / a.len().max(1) as f64
}

/// What the expectation file and an imported plan say of the targets and tasks.
#[derive(Debug, Default, Clone, Copy)]
pub struct Recall {
    pub targets: usize,
    pub targets_found: usize,
    /// Targets read with another level than the paper's.
    pub misread: usize,
    /// Of them, those whose figure is marked doubtful (an `ocr_figure` warning).
    pub misread_marked: usize,
    pub tasks: usize,
    pub tasks_found: usize,
}

/// `(comparator value unit)` of a measure, in the interchange format's words.
fn level(comparator: &serde_json::Value, value: f64, unit: &serde_json::Value) -> String {
    format!(
        "{} {} {}",
        comparator.as_str().unwrap_or(""),
        value,
        unit.as_str().unwrap_or("")
    )
}

/// Target and task recall of `read` against the plan's expectation file.
pub fn recall(plan: &str, read: &kehoach::import::Imported) -> Recall {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("{plan}.expected.json"))).unwrap(),
    )
    .unwrap();
    let want: Vec<String> = expected["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| !t["comparator"].is_null())
        .map(|t| level(&t["comparator"], t["value"].as_f64().unwrap(), &t["unit"]))
        .collect();
    let mut r = Recall {
        targets: want.len(),
        ..Default::default()
    };
    let mut unmatched = want.clone();
    for (i, t) in read.plan.targets.iter().enumerate() {
        let Some(m) = t.printed_measure() else {
            continue;
        };
        let v = serde_json::to_value(&m).unwrap();
        let got = level(&v["comparator"], m.value, &v["unit"]);
        if let Some(k) = unmatched.iter().position(|w| *w == got) {
            unmatched.remove(k);
            r.targets_found += 1;
        } else {
            r.misread += 1;
            let at = format!("targets[{i}].value");
            if read.notes.iter().any(|n| {
                n.code == "ocr_figure"
                    && n.severity == kehoach::diag::Severity::Warning
                    && n.path == at
            }) {
                r.misread_marked += 1;
            }
        }
    }
    let tasks = expected["tasks"].as_array().unwrap();
    r.tasks = tasks.len();
    let mut used = vec![false; read.plan.tasks.len()];
    for t in tasks {
        let found = read.plan.tasks.iter().enumerate().position(|(i, got)| {
            !used[i]
                && got.lead == t["lead"].as_str().unwrap_or("")
                && serde_json::to_value(&got.deadline).unwrap() == t["deadline"]
                && words_kept_in_order(t["text"].as_str().unwrap(), &got.text) >= 90.0
        });
        if let Some(i) = found {
            used[i] = true;
            r.tasks_found += 1;
        }
    }
    r
}

/// The naive pipeline, the baseline: the tesseract command line, `-l vie --psm 4`,
/// page by page, the pages' text one after the other.
pub fn tesseract_cli(pages: &[PathBuf]) -> String {
    let mut text = String::new();
    for p in pages {
        let out = std::process::Command::new("tesseract")
            .arg(p)
            .args(["-", "-l", "vie", "--psm", "4"])
            .output()
            .expect("the tesseract command line is installed (scripts/setup: tesseract-ocr)");
        assert!(out.status.success(), "tesseract {}", p.display());
        text.push_str(&String::from_utf8_lossy(&out.stdout));
        text.push('\n');
    }
    text
}
