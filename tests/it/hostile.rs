//! Hostile and unlucky input (issue: nothing lost, memory bounded at every door):
//! each case refused with a Vietnamese message naming the file and the limit, the
//! whole command's peak memory measured from outside.

use crate::common;
use std::path::Path;
use std::process::Command;

/// Runs the CLI with `args` under a Python parent that reports the peak resident
/// memory of its children: (exit code, stderr, peak MB).
fn run_measured(args: &[&str]) -> (i32, String, u64) {
    let out = Command::new("python3")
        .args([
            "-c",
            "import resource, subprocess, sys\n\
             r = subprocess.run(sys.argv[1:], capture_output=True)\n\
             sys.stderr.buffer.write(r.stderr)\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n\
             sys.exit(r.returncode)",
            env!("CARGO_BIN_EXE_kehoach"),
        ])
        .args(args)
        .output()
        .expect("python3 runs");
    let kb: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        kb / 1024,
    )
}

/// Makes hostile input `kind` at `out` with `tests/fixtures/make/hostile.py`.
fn make(kind: &str, out: &Path, extra: &[&str]) {
    let ok = Command::new("python3")
        .arg(common::fixture("make/hostile.py"))
        .arg(kind)
        .arg(out)
        .args(extra)
        .status()
        .expect("python3 runs");
    assert!(ok.success(), "hostile.py {kind}");
}

#[test]
fn a_huge_picture_is_refused_from_its_header_before_it_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("anh-lon.png");
    make("huge-png", &png, &[]);
    let pdf = dir.path().join("anh-lon.pdf");
    make("huge-jpeg-pdf", &pdf, &[]);
    for input in [&png, &pdf] {
        let out = dir.path().join("ra.json");
        let (code, err, peak) =
            run_measured(&["convert", input.to_str().unwrap(), out.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("ảnh quá lớn (20000×20000 điểm ảnh") && err.contains("anh-lon."),
            "{err}"
        );
        // Decoded, the picture would be 400 MB (PNG, one byte a pixel) or more.
        assert!(peak < 150, "{}: {peak} MB", input.display());
    }
}

/// Every page of a multi-page TIFF (as fax software and scanners write a whole
/// document): Ghostscript's fax device prints the office PDF as one G4 TIFF.
#[test]
fn every_page_of_a_multi_page_tiff_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let tiff = dir.path().join("fax-nhieu-trang.tif");
    let pdf = common::fixture("hai-an-2024-cds.office.pdf");
    let ok = Command::new("gs")
        .args(["-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffg4", "-r200"])
        .arg(format!("-sOutputFile={}", tiff.display()))
        .arg(&pdf)
        .status()
        .expect("ghostscript runs");
    assert!(ok.success());
    let pages = common::poppler("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse::<usize>().unwrap())
        })
        .unwrap();
    assert!(pages >= 3, "{pages}");
    let from_pdf = kehoach::import::import_file(&pdf).unwrap();
    let from_tiff = kehoach::import::import_file(&tiff).unwrap();
    assert_eq!(from_tiff.plan.title, from_pdf.plan.title);
    let note = from_tiff
        .notes
        .iter()
        .map(|n| n.message.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(note.contains(&format!("{pages} trang ảnh quét")), "{note}");
    // The targets come from every page, the last ones included.
    assert_eq!(
        from_tiff.plan.targets.len(),
        from_pdf.plan.targets.len(),
        "{:#?}",
        from_tiff
            .plan
            .targets
            .iter()
            .map(|t| &t.text)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        from_tiff.scan.as_ref().map(|r| r.pages.len()),
        Some(pages),
        "a page picture for each page"
    );
}

#[test]
fn a_plan_file_with_a_key_twice_or_a_huge_string_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sample = kehoach::format::to_json_string(&kehoach::sample::sample_plan());
    let twice = sample.replacen("\"title\":", "\"title\": \"Kế hoạch cũ\",\n  \"title\":", 1);
    let path = dir.path().join("hai-lan.json");
    std::fs::write(&path, &twice).unwrap();
    let e = kehoach::format::read_json_file(&path)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("hai-lan.json") && e.contains("khóa «title» có hai lần") && e.contains("dòng"),
        "{e}"
    );

    let long = sample.replacen(
        "\"closing\": \"",
        &format!("\"closing\": \"{}", "a".repeat(2 << 20)),
        1,
    );
    let path = dir.path().join("chuoi-dai.json");
    std::fs::write(&path, &long).unwrap();
    let e = kehoach::format::read_json_file(&path)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("chuoi-dai.json") && e.contains("quá giới hạn 1 MB"),
        "{e}"
    );

    // A file over the limit is refused before it is read, by the CLI too.
    let big = dir.path().join("lon.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 << 20).unwrap();
    let out = dir.path().join("ra.pdf");
    let (code, err, peak) =
        run_measured(&["convert", big.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("lon.json: tệp quá lớn (100 MB; chương trình đọc tệp đến 16 MB)"),
        "{err}"
    );
    assert!(peak < 60, "{peak} MB");
}

/// A name that is a link to a device reads until memory runs out if its size is
/// trusted (a device says 0 bytes): it is no file, and is refused.
#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, target) in [
        ("ke-hoach.txt", "/dev/zero"),
        ("ke-hoach.json", "/dev/urandom"),
    ] {
        let link = dir.path().join(name);
        std::os::unix::fs::symlink(target, &link).unwrap();
        let out = dir.path().join("ra.pdf");
        let (code, err, peak) =
            run_measured(&["convert", link.to_str().unwrap(), out.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(name) && err.contains("không phải một tệp"),
            "{err}"
        );
        assert!(peak < 60, "{peak} MB");
    }
    // Below the file system: a reader that never ends stops at the limit.
    let e = kehoach::fsutil::read_bounded(std::io::repeat(b'a'), 1 << 20, 0).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
    assert_eq!(
        kehoach::fsutil::read_bounded(&b"abc"[..], 3, 0).unwrap(),
        b"abc"
    );
}

#[test]
fn a_huge_file_in_the_shared_folder_is_refused_unread_and_said_each_time() {
    use kehoach::sync::{self, DirFolder, SyncOptions};
    let share = tempfile::tempdir().unwrap();
    let big = share.path().join("rac.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let f = std::fs::File::options().write(true).open(&big).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let folder = DirFolder::new(share.path());
    let mut store = kehoach::store::Store::open_in_memory().unwrap();
    for _ in 0..2 {
        let r = sync::sync(&mut store, &folder, &SyncOptions::default()).unwrap();
        assert_eq!(r.files_read, 0, "{r:?}");
        assert_eq!(r.problems.len(), 1, "{r:?}");
        assert_eq!(r.problems[0].file, "rac.txt");
        assert!(
            r.problems[0]
                .message
                .contains("tệp quá lớn (1024 MB; chương trình đọc tệp đến 16 MB)"),
            "{}",
            r.problems[0].message
        );
    }
}

/// The roll-up: a unit's report that is too large, locked or being written is in
/// the result with the reason, never silently left out of the province's table.
#[test]
fn the_roll_up_names_every_report_file_it_could_not_use() {
    let share = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let big = share.path().join("bao-cao-xa-a.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(20 << 20).unwrap();
    f.set_modified(old).unwrap();
    std::fs::write(share.path().join("bao-cao-xa-b.json"), "{}").unwrap();
    std::fs::write(share.path().join("~$o-cao-xa-b.json"), "").unwrap();
    std::fs::write(share.path().join(".~lock.bao-cao-xa-b.json#"), "").unwrap();
    let folder = kehoach::sync::DirFolder::new(share.path());
    let parent = kehoach::sample::sample_plan();
    let c = kehoach::report::rollup::rollup(
        &parent,
        &folder,
        None,
        &[],
        std::time::Duration::from_secs(5),
        chrono::Utc::now(),
    )
    .unwrap();
    assert_eq!(c.pending, ["bao-cao-xa-b.json"], "{c:?}");
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert_eq!(c.problems[0].file, "bao-cao-xa-a.json");
    assert!(
        c.problems[0]
            .message
            .contains("tệp quá lớn (20 MB; chương trình đọc tệp đến 16 MB)"),
        "{}",
        c.problems[0].message
    );
}

/// A DOCX whose body is one table nested `depth` levels deep, a paragraph at each
/// level (`tầng 1` … `tầng depth`, outermost first).
fn nested_tables_docx(depth: usize) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for level in 1..=depth {
        xml.push_str(&format!(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>tầng {level}</w:t></w:r></w:p>"
        ));
    }
    xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
    xml.push_str("</w:body></w:document>");
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

/// Tables nested in tables: every level's text is read, in order, into the one
/// outer cell, in time growing with the depth (it grew with its square: 73 s for
/// 100,000 levels). Compared as a ratio in one process, best of three, so that
/// the machine's speed does not matter: four times the depth takes about four
/// times as long, where the square took sixteen.
#[test]
fn tables_nested_in_tables_are_read_in_linear_time() {
    use kehoach::import::{docx, Piece};
    let cell_lines = |depth: usize| {
        let (pieces, _) = docx::read(&nested_tables_docx(depth), "long-nhau.docx").unwrap();
        let tables: Vec<_> = pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        let text = tables[0].rows[0].cells[0].text.clone();
        text.lines().map(str::to_owned).collect::<Vec<_>>()
    };
    let lines = cell_lines(1000);
    assert_eq!(lines.len(), 1000);
    assert_eq!(lines[0], "tầng 1");
    assert_eq!(lines[999], "tầng 1000");
    let best = |depth: usize| {
        let bytes = nested_tables_docx(depth);
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                docx::read(&bytes, "long-nhau.docx").unwrap();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let (small, large) = (best(5_000), best(20_000));
    assert!(
        large / small < 9.0,
        "5,000 levels {small:.3} s, 20,000 levels {large:.3} s: not linear"
    );
}

/// Messages that say what is true, in Vietnamese only: an empty picture is empty
/// (not «an unsupported format»), a PDF without readable text says it is its
/// font, a damaged file is damaged without the libraries' English.
#[test]
fn messages_say_what_is_wrong_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let e = kehoach::import::import_bytes(b"", "anh.png")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("anh.png: tệp rỗng (0 byte)"), "{e}");

    // A picture whose header is damaged: libpng's own «IHDR: CRC error» stays out
    // of what the officer sees (it goes to the log).
    let png = dir.path().join("anh-hong.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend([0, 0, 1, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 1, 2, 3, 4]);
    std::fs::write(&png, &bytes).unwrap();
    let out = dir.path().join("ra.json");
    let (code, err, _) = run_measured(&["convert", png.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("anh-hong.png") && !err.contains("libpng") && !err.contains("Error"),
        "{err}"
    );

    let pdf = dir.path().join("khong-chu.pdf");
    make("no-text-pdf", &pdf, &[]);
    let e = kehoach::import::import_file(&pdf).unwrap_err().to_string();
    assert!(
        e.contains("khong-chu.pdf: không đọc được chữ nào")
            && e.contains("phông không kèm bảng mã Unicode"),
        "{e}"
    );

    let office = std::fs::read(common::fixture("hai-an-2024-cds.office.pdf")).unwrap();
    let half = match kehoach::import::import_bytes(&office[..40_000], "mot-nua.pdf") {
        Ok(_) => panic!("40 KB of a PDF read as a plan"),
        Err(e) => e.to_string(),
    };
    let docx = std::fs::read(common::fixture("hai-an-2024-cds.office.docx")).unwrap();
    // The compressed body of word/document.xml damaged (its local header kept).
    let mut broken = docx.clone();
    let at = broken
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap();
    broken[at + 40..at + 240].fill(0);
    let docx_broken = match kehoach::import::import_bytes(&broken, "hong.docx") {
        Ok(_) => panic!("a damaged document.xml was read"),
        Err(e) => e.to_string(),
    };
    for m in [&half, &docx_broken] {
        let english = [
            "invalid", "parse", "error", "EOCD", "trailer", "Zip", "stream", "deflate",
        ];
        assert!(
            !english
                .iter()
                .any(|w| m.to_lowercase().contains(&w.to_lowercase())),
            "{m}"
        );
        assert!(m.contains("hỏng"), "{m}");
    }
}

/// A PDF whose `startxref` is three bytes off (the file edited by a tool that
/// moved it): poppler reads it, and so do we, with a warning.
#[test]
fn a_pdf_with_its_cross_reference_a_few_bytes_off_is_repaired() {
    let office = std::fs::read(common::fixture("hai-an-2024-cds.office.pdf")).unwrap();
    let at = office.windows(9).rposition(|w| w == b"startxref").unwrap();
    let said: usize = std::str::from_utf8(&office[at + 9..])
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a startxref");
    let mut off = office[..at].to_vec();
    off.extend_from_slice(format!("startxref\n{}\n%%EOF\n", said + 3).as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lech.pdf");
    std::fs::write(&path, &off).unwrap();
    // poppler repairs it (the reference we follow).
    assert!(common::poppler("pdftotext", &[path.to_str().unwrap(), "-"]).contains("HẢI AN"));
    let read = kehoach::import::import_file(&path).unwrap();
    let original = kehoach::import::import_bytes(&office, "goc.pdf").unwrap();
    assert_eq!(read.plan.title, original.plan.title);
    assert_eq!(read.plan.targets.len(), original.plan.targets.len());
    assert!(
        read.notes.iter().any(|n| n.code == "pdf_repaired"),
        "{:?}",
        read.notes
    );
}
