//! Commands on files: convert, check, derive, new, parent-update. A plain file
//! conversion opens no database; a stored plan (given by its number) is printed by
//! the session, with its parent.

use super::{print, report, report_paper, Ctx, UnitArgs};
use kehoach::app::{self, Document, Finality};
use kehoach::error::{Error, Result};
use kehoach::export::Format;
use kehoach::inherit::{self, CheckOptions};
use kehoach::layout::Profile;
use kehoach::model::{Decision, Plan};
use kehoach::world::SystemWorld;
use kehoach::{format, fsutil, import, lint};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// A stored plan's number, when `arg` is one and no file has that name.
fn stored_id(arg: &str) -> Option<i64> {
    arg.parse::<i64>().ok().filter(|_| !Path::new(arg).exists())
}

/// Reads a plan from any supported input, chosen by its content and extension;
/// what the importer had to guess goes to stderr, for review.
pub fn read_plan(input: &Path) -> Result<Plan> {
    if extension(input) == "json" {
        return format::read_json_file(input);
    }
    if !import::READABLE.contains(&extension(input).as_str()) {
        // Old Word files and pictures get their own message from the importer.
        let ext = extension(input);
        if ![
            "doc", "png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp",
        ]
        .contains(&ext.as_str())
        {
            return Err(Error::UnsupportedFormat {
                file: input.display().to_string(),
                extension: ext,
                purpose: "đọc được: .json, .pdf, .docx, .txt".into(),
            });
        }
    }
    // A scan is read page by page: the count goes to stderr as it goes.
    let never = std::sync::atomic::AtomicBool::new(false);
    let page = |done: usize, total: usize| {
        if total > 1 {
            eprint!("\r{}: đang nhận dạng trang {done}/{total}", input.display());
            if done == total {
                eprintln!();
            }
        }
    };
    let progress = import::Progress {
        page: &page,
        cancel: &never,
    };
    let imported = import::import_file_with(input, &progress)?;
    report(input, &imported.notes);
    Ok(imported.plan)
}

/// A parent plan by file or by its number in the store.
pub fn load_parent(ctx: &Ctx, arg: &str) -> Result<Plan> {
    match stored_id(arg) {
        Some(id) => ctx.session()?.plan(id),
        None => read_plan(Path::new(arg)),
    }
}

/// Writes a document to `output` by its extension (`-`: JSON on stdout), and shows
/// its diagnostics.
fn write_document(
    doc: &Document,
    output: &Path,
    profile: &Profile,
    finality: Finality,
) -> Result<()> {
    if output == Path::new("-") {
        return print(&format::to_json_string(&doc.plan));
    }
    match extension(output).as_str() {
        "json" => {
            // Validate what a writer will need before producing the file.
            doc.plan.labeled_sections()?;
            fsutil::write_atomic(output, format::to_json_string(&doc.plan).as_bytes())
        }
        "docx" | "pdf" => {
            let format = Format::of_path(output).unwrap_or(Format::Pdf);
            let out = doc.write(format, profile, &SystemWorld::new(), finality)?;
            // Export goes on with findings; they are shown so the officer can fix them.
            report(output, &out.diagnostics);
            fsutil::write_atomic(output, &out.bytes)?;
            report_paper(output, &out.diagnostics, out.draft);
            Ok(())
        }
        ext => Err(Error::UnsupportedFormat {
            file: output.display().to_string(),
            extension: ext.to_owned(),
            purpose: "ghi được: .json, .docx, .pdf".into(),
        }),
    }
}

/// The document of a plan read from a file, implementing `parent` when given.
fn file_document(
    plan: &Plan,
    parent: Option<&Plan>,
    profile: &Profile,
    tolerance: f64,
) -> Document {
    app::document(
        plan,
        parent,
        profile,
        &CheckOptions {
            approx_tolerance: tolerance,
        },
        &SystemWorld::new(),
    )
}

pub fn summary_line(output: &Path, summary: Option<&kehoach::inherit::Summary>) {
    if let Some(s) = summary {
        eprintln!(
            "{}: giữ nguyên {}, nâng cao {}, không áp dụng {}, bổ sung mới {} chỉ tiêu; {} nhiệm vụ cấp trên được thực hiện",
            output.display(),
            s.adopted,
            s.tightened,
            s.not_applicable,
            s.new,
            s.tasks_picked_up
        );
    }
}

/// `convert INPUT OUTPUT [--trace PARENT]`: a file, or a stored plan by number.
pub fn convert(
    ctx: &Ctx,
    input: &str,
    output: &Path,
    trace: Option<&str>,
    finality: Finality,
) -> Result<()> {
    let (doc, profile) = match stored_id(input) {
        Some(id) => {
            let session = ctx.session()?;
            (session.document(id, None)?, session.profile()?)
        }
        None => {
            let plan = read_plan(Path::new(input))?;
            let parent = trace.map(|p| load_parent(ctx, p)).transpose()?;
            let profile = ctx.profile();
            (
                file_document(
                    &plan,
                    parent.as_ref(),
                    &profile,
                    CheckOptions::default().approx_tolerance,
                ),
                profile,
            )
        }
    };
    summary_line(output, doc.summary.as_ref());
    write_document(&doc, output, &profile, finality)
}

/// `check PLAN [--parent PARENT]`: exit code 1 when there are errors.
pub fn check(ctx: &Ctx, path: &Path, parent: Option<&str>, tolerance: f64) -> Result<ExitCode> {
    let plan = read_plan(path)?;
    let parent = parent.map(|p| load_parent(ctx, p)).transpose()?;
    // The plan's own findings, then the check against the parent: its document's.
    let findings = file_document(&plan, parent.as_ref(), &ctx.profile(), tolerance).diagnostics;
    let mut out = String::new();
    for f in &findings {
        out.push_str(&format!("{}: {f}\n", path.display()));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == lint::Severity::Error)
        .count();
    out.push_str(&format!(
        "{}: {errors} lỗi, {} cảnh báo\n",
        path.display(),
        findings.len() - errors
    ));
    print(&out)?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `derive PARENT --agency … --tier … -o FILE`: the draft, to a file.
pub fn derive(
    ctx: &Ctx,
    parent: &str,
    unit: UnitArgs,
    year: Option<i32>,
    take: &super::args::TakeArgs,
    output: &Path,
) -> Result<()> {
    let (mut fill, template) = unit.resolve(ctx.db.as_deref())?;
    if let Some(year) = year {
        fill.year = year;
        fill.period = Some(kehoach::model::Period::Year { year });
    }
    let parent = load_parent(ctx, parent)?;
    let candidates = inherit::candidates(&parent, &fill.agency.tier);
    let choice = take.choice(&candidates)?;
    let child = inherit::derive_with(&parent, &fill, &template, &choice);
    super::report_left_out(&candidates, &choice);
    let profile = ctx.profile();
    write_document(
        &file_document(&child, None, &profile, 1.0),
        output,
        &profile,
        Finality::Draft,
    )?;
    let adopted = child
        .targets
        .iter()
        .filter(|t| t.decision == Some(Decision::Adopted))
        .count();
    eprintln!(
        "{}: {adopted} chỉ tiêu kế thừa, {} chỉ tiêu không áp dụng cho cấp này, {} nhiệm vụ",
        output.display(),
        child.targets.len() - adopted,
        child.tasks.len()
    );
    Ok(())
}

/// `new --agency … --tier … [--year] [-o FILE]`: to a file, or stored.
pub fn new(ctx: &Ctx, unit: UnitArgs, year: Option<i32>, output: Option<PathBuf>) -> Result<()> {
    let (mut fill, template) = unit.resolve(ctx.db.as_deref())?;
    fill.year = year.unwrap_or_else(|| {
        use kehoach::world::Clock;
        chrono::Datelike::year(&kehoach::world::SystemClock.today()) + 1
    });
    let plan = template.instantiate(&fill);
    match output {
        Some(o) => {
            let profile = ctx.profile();
            write_document(
                &file_document(&plan, None, &profile, 1.0),
                &o,
                &profile,
                Finality::Draft,
            )
        }
        None => {
            let id = ctx.session()?.add(&plan)?;
            println!(
                "Đã tạo kế hoạch số {id} từ mẫu «{}»: {}",
                template.name, plan.title
            );
            Ok(())
        }
    }
}

/// `parent-update CHILD --old … --new … [--accept …]`.
pub fn parent_update(
    ctx: &Ctx,
    child: &Path,
    old: &str,
    new: &str,
    accept: Option<&str>,
    output: Option<PathBuf>,
) -> Result<()> {
    let mut plan = read_plan(child)?;
    let (old, new) = (load_parent(ctx, old)?, load_parent(ctx, new)?);
    let changes = inherit::parent_changes(&old, &new, &plan);
    let mut out = String::new();
    for (i, c) in changes.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, c.describe(&plan)));
    }
    if changes.is_empty() {
        out.push_str("Kế hoạch cấp trên không thay đổi chỉ tiêu, nhiệm vụ.\n");
    }
    print(&out)?;
    let Some(accept) = accept else {
        return Ok(());
    };
    let accepted = accepted_changes(accept, changes.len())?;
    inherit::apply_changes(&mut plan, &old, &new, &changes, &accepted);
    plan.parent = Some(new.reference());
    let target = output.unwrap_or_else(|| child.to_owned());
    let profile = ctx.profile();
    write_document(
        &file_document(&plan, None, &profile, 1.0),
        &target,
        &profile,
        Finality::Draft,
    )?;
    eprintln!(
        "{}: đã áp dụng {} thay đổi, từ chối {}",
        target.display(),
        accepted.iter().filter(|a| **a).count(),
        accepted.iter().filter(|a| !**a).count()
    );
    Ok(())
}

/// `all`, or the numbers of the accepted changes (`1,3`).
fn accepted_changes(accept: &str, n: usize) -> Result<Vec<bool>> {
    if accept.trim() == "all" {
        return Ok(vec![true; n]);
    }
    let mut v = vec![false; n];
    for part in accept.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => v[k - 1] = true,
            _ => {
                return Err(Error::Invalid(format!(
                    "--accept: «{part}» không phải số thứ tự thay đổi (1–{n})"
                )))
            }
        }
    }
    Ok(v)
}
