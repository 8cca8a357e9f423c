//! The command line: adapters over the application layer ([`kehoach::app`]). Each
//! command reads its arguments, calls the use-case and prints the result; messages
//! are in Vietnamese, errors go to stderr with the file and place.

pub mod args;
mod files;
mod plans;
mod reports;
mod templates;

use args::{Cli, Command, FilterArgs, UnitArgs};
use kehoach::app::Session;
use kehoach::diag::Diagnostic;
use kehoach::error::{Error, Result};
use kehoach::layout::Profile;
use kehoach::model::{tier, Agency, Status};
use kehoach::store::{self, ListFilter, Store};
use kehoach::template::{Fill, Template};
use kehoach::{format, sample};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What every command may need: the database (opened only when used) and the
/// format profile given on the command line.
pub struct Ctx {
    db: Option<PathBuf>,
    profile: Option<Profile>,
}

impl Ctx {
    /// A session over the database.
    fn session(&self) -> Result<Session> {
        Ok(Session::open(self.db.as_deref())?.with_profile(self.profile.clone()))
    }

    /// The profile for file conversions that use no database.
    fn profile(&self) -> Profile {
        self.profile.clone().unwrap_or_default()
    }
}

/// Runs a command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let profile = match &cli.profile {
        Some(p) => Some(format::from_json_typed::<Profile>(
            &format::read_text_file(p)?,
            &p.display().to_string(),
        )?),
        None => None,
    };
    let ctx = Ctx {
        db: cli.db,
        profile,
    };
    match cli.command {
        Command::Convert {
            input,
            output,
            trace,
            final_copy,
        } => files::convert(
            &ctx,
            &input,
            &output,
            trace.as_deref(),
            args::finality(final_copy),
        )?,
        Command::Sample { repeat } => {
            print(&format::to_json_string(&sample::long_plan(repeat.max(1))))?
        }
        Command::Schema => print(&format::json_schema())?,
        Command::Check {
            plan,
            parent,
            tolerance,
        } => return files::check(&ctx, &plan, parent.as_deref(), tolerance),
        Command::ParentUpdate {
            child,
            old,
            new,
            accept,
            output,
        } => files::parent_update(&ctx, &child, &old, &new, accept.as_deref(), output)?,
        Command::Derive {
            parent,
            unit,
            year,
            take,
            output,
        } => files::derive(&ctx, &parent, unit, year, &take, &output)?,
        Command::New { unit, year, output } => files::new(&ctx, unit, year, output)?,
        Command::Templates { command } => templates::run(&ctx, command)?,
        Command::Plans { command } => plans::run(&ctx, command)?,
        Command::Report { command } => reports::run(&ctx, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

impl UnitArgs {
    /// The unit a plan is made for (tier checked) and the template it starts from.
    fn resolve(self, db: Option<&Path>) -> Result<(Fill<'static>, Template)> {
        let name = kehoach::text::nfc(self.agency.trim());
        let tier = kehoach::text::nfc(self.tier.trim());
        if tier::level(&tier).is_none() {
            return Err(Error::Invalid(format!(
                "--tier: {}",
                tier::not_a_tier(&tier)
            )));
        }
        let template = load_template(&self.template, db)?;
        let place = self
            .place
            .map(|p| kehoach::text::nfc(p.trim()))
            .unwrap_or_else(|| tier::place_of(&name, &tier));
        let agency = Agency {
            name,
            supervising: String::new(),
            tier,
        };
        Ok((Fill::unit(agency, &place), template))
    }
}

/// Template `id`: from the database when it exists (it may hold a newer version
/// from the shared folder), else a built-in one.
fn load_template(id: &str, db: Option<&Path>) -> Result<Template> {
    let path = store::resolve_path(db);
    if path.exists() {
        return Store::open(&path)?.template(id);
    }
    kehoach::template::builtin_by_id(id).ok_or_else(|| {
        Error::Invalid(format!(
            "--template: không có mẫu «{id}» (xem «kehoach templates list»)"
        ))
    })
}

impl FilterArgs {
    fn filter(&self) -> ListFilter {
        let status = self.status.as_deref().map(|s| match s {
            "final" => Status::Final,
            _ => Status::Draft,
        });
        Session::filter(self.year, status, self.trash)
    }
}

/// Prints diagnostics to stderr, each after `file`.
fn report(file: &Path, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}: {d}", file.display());
    }
}

/// The parent's targets and tasks left out of a derived plan, with their ids (for
/// `--take`) and why they were not taken.
fn report_left_out(candidates: &[kehoach::inherit::Candidate], choice: &kehoach::inherit::Choice) {
    let left: Vec<_> = candidates.iter().filter(|c| !choice.takes(c)).collect();
    if left.is_empty() {
        return;
    }
    eprintln!(
        "Chưa lấy từ kế hoạch cấp trên ({} mục; lấy thêm bằng --take MÃ):",
        left.len()
    );
    for c in left {
        let text: String = c.text.chars().take(80).collect();
        eprintln!("  {}	{text}	({})", c.id, c.reason);
    }
}

/// Says how the paper written to `file` is marked: «DỰ THẢO» while errors remain,
/// or unmarked with errors because `--final` asked for it.
fn report_paper(file: &Path, diagnostics: &[Diagnostic], draft: bool) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == kehoach::diag::Severity::Error)
        .count();
    if draft {
        eprintln!(
            "{}: còn {errors} lỗi nên bản in được đánh dấu «DỰ THẢO»; sửa các lỗi trên, hoặc dùng --final để in bản không đánh dấu",
            file.display()
        );
    } else if errors > 0 {
        eprintln!(
            "{}: bản in không đánh dấu «DỰ THẢO» (--final) dù còn {errors} lỗi",
            file.display()
        );
    }
}

pub fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`kehoach sample | head`) is not an error worth reporting.
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("stdout", e)),
        _ => Ok(()),
    }
}
