//! `kehoach`: the command line over the engine. Messages are in Vietnamese; errors go
//! to stderr with the file and place, and a non-zero exit code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use kehoach::error::{Error, Result};
use kehoach::layout::Profile;
use kehoach::model::Status;
use kehoach::store::{self, ListFilter, PlanSummary, Store};
use kehoach::world::{SystemWorld, World};
use kehoach::{export, format, fsutil, import, lint, sample};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Soạn Kế hoạch theo Nghị định 30/2020/NĐ-CP: chuyển đổi, lưu trữ và quản lý kế hoạch"
)]
struct Cli {
    /// Tệp cơ sở dữ liệu (mặc định: biến môi trường KEHOACH_DB, hoặc thư mục dữ liệu của hệ thống).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Thể thức trình bày (JSON: cỡ chữ, lề, giãn dòng trong khoảng Nghị định 30 cho phép).
    #[arg(long, global = true, value_name = "PATH")]
    profile: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Chuyển đổi kế hoạch giữa các định dạng, theo phần mở rộng (.json, .txt, .docx → .json, .docx, .pdf).
    Convert {
        input: PathBuf,
        output: PathBuf,
        /// Thêm phụ lục đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch cấp trên này (tệp hoặc số kế hoạch).
        #[arg(long, value_name = "PARENT")]
        trace: Option<String>,
    },
    /// In ra một kế hoạch mẫu hoàn chỉnh (JSON).
    Sample {
        /// Lặp phần nội dung N lần (kế hoạch dài để đo tốc độ; 11 lần ≈ 30 trang).
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
    /// In ra JSON Schema của định dạng kế hoạch.
    Schema,
    /// Kiểm tra kế hoạch theo Nghị định 30/2020/NĐ-CP và, với --parent, đối chiếu với
    /// kế hoạch cấp trên (mã thoát 1 khi có lỗi).
    Check {
        plan: PathBuf,
        /// Kế hoạch cấp trên: tệp (.json, .txt, .docx) hoặc số kế hoạch trong cơ sở dữ liệu.
        #[arg(long)]
        parent: Option<String>,
        /// Sai lệch cho phép với chỉ tiêu «khoảng» (≈), theo đơn vị của chỉ tiêu.
        #[arg(long, default_value_t = 1.0)]
        tolerance: f64,
    },
    /// Kế hoạch cấp trên có phiên bản mới: liệt kê thay đổi (chỉ tiêu thêm, bỏ, đổi giá trị;
    /// nhiệm vụ thêm, bỏ) và mục bị ảnh hưởng; với --accept, áp dụng các thay đổi được chấp nhận.
    ParentUpdate {
        child: PathBuf,
        /// Phiên bản cũ của kế hoạch cấp trên (tệp hoặc số kế hoạch).
        #[arg(long)]
        old: String,
        /// Phiên bản mới (tệp hoặc số kế hoạch).
        #[arg(long)]
        new: String,
        /// Các thay đổi chấp nhận: «all», hoặc số thứ tự cách nhau bằng dấu phẩy (1,3); còn lại bị từ chối.
        #[arg(long)]
        accept: Option<String>,
        /// Tệp kết quả khi áp dụng (mặc định: ghi đè tệp kế hoạch).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.
    Derive {
        /// Kế hoạch cấp trên: tệp (.json, .txt, .docx) hoặc số kế hoạch trong cơ sở dữ liệu.
        parent: String,
        #[command(flatten)]
        unit: UnitArgs,
        /// Tệp kết quả (.json, .docx, .pdf).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Tạo kế hoạch mới từ một mẫu, với thông tin đơn vị.
    New {
        #[command(flatten)]
        unit: UnitArgs,
        /// Năm của kế hoạch (mặc định: năm sau).
        #[arg(long)]
        year: Option<i32>,
        /// Tệp kết quả (.json, .docx, .pdf); không có thì lưu vào cơ sở dữ liệu.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Mẫu kế hoạch và thư mục dùng chung.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Quản lý các kế hoạch trong cơ sở dữ liệu.
    Plans {
        #[command(subcommand)]
        command: PlansCommand,
    },
}

#[derive(Subcommand)]
enum PlansCommand {
    /// Liệt kê các kế hoạch.
    List {
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Tìm kế hoạch theo tên, cơ quan, năm (có dấu hoặc không dấu).
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Hiển thị một kế hoạch.
    Show { id: i64 },
    /// Thêm kế hoạch từ tệp (.json, hoặc nhập từ .txt, .docx).
    Add { file: PathBuf },
    /// Xuất kế hoạch ra tệp (theo phần mở rộng; "-" để in ra màn hình).
    Export { id: i64, file: PathBuf },
    /// Liệt kê các phiên bản đã lưu của một kế hoạch.
    Revisions { id: i64 },
    /// Khôi phục kế hoạch về một phiên bản đã lưu.
    Restore { id: i64, revision: i64 },
    /// Tạo bản sao của một kế hoạch.
    Duplicate { id: i64 },
    /// Chuyển kế hoạch vào thùng rác (có thể khôi phục).
    Delete { id: i64 },
    /// Khôi phục kế hoạch từ thùng rác.
    Undelete { id: i64 },
    /// Xóa hẳn một kế hoạch đang ở trong thùng rác.
    Purge { id: i64 },
}

/// The unit a plan is made for, and the template it starts from.
#[derive(clap::Args)]
struct UnitArgs {
    /// Tên cơ quan ban hành, vd «Ủy ban nhân dân xã Tân An».
    #[arg(long)]
    agency: String,
    /// Cấp của đơn vị: xã, phường, thị trấn, đặc khu, huyện, quận, thị xã, tỉnh, thành phố.
    #[arg(long)]
    tier: String,
    /// Địa danh (mặc định: tên đơn vị sau chữ chỉ cấp).
    #[arg(long)]
    place: Option<String>,
    /// Mẫu kế hoạch dùng làm bố cục (mã mẫu, xem «kehoach templates list»).
    #[arg(long, default_value = kehoach::template::DEFAULT_ID)]
    template: String,
}

impl UnitArgs {
    /// The agency (checked tier), its place and the template.
    fn resolve(
        self,
        db: Option<&Path>,
    ) -> Result<(kehoach::model::Agency, String, kehoach::template::Template)> {
        let name = kehoach::text::nfc(self.agency.trim());
        let tier = checked_tier(&self.tier)?;
        let template = load_template(&self.template, db)?;
        let place = self
            .place
            .map(|p| kehoach::text::nfc(p.trim()))
            .unwrap_or_else(|| kehoach::model::tier::place_of(&name, &tier));
        let agency = kehoach::model::Agency {
            name,
            supervising: String::new(),
            tier,
        };
        Ok((agency, place, template))
    }
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Liệt kê các mẫu (có sẵn, từ thư mục dùng chung, soạn trên máy).
    List,
    /// In nội dung một mẫu (JSON) để xem hoặc sửa.
    Show { id: String },
    /// Thêm hoặc cập nhật một mẫu soạn trên máy từ tệp JSON.
    Import { file: PathBuf },
    /// Đồng bộ mẫu và kế hoạch cấp trên với thư mục dùng chung.
    Sync { dir: PathBuf },
    /// Xuất bản một mẫu vào thư mục dùng chung (ghi tệp tạm rồi đổi tên).
    Publish { id: String, dir: PathBuf },
    /// Chọn bản giữ lại khi mẫu sửa trên máy khác với bản trong thư mục dùng chung.
    Resolve {
        id: String,
        /// «local»: giữ bản trên máy; «folder»: lấy bản trong thư mục.
        #[arg(long, value_parser = ["local", "folder"])]
        keep: String,
    },
    /// Liệt kê các kế hoạch cấp trên có trong thư mục dùng chung (lần đồng bộ gần nhất).
    Parents,
}

#[derive(clap::Args)]
struct FilterArgs {
    /// Chỉ các kế hoạch có thời kỳ bao gồm năm này.
    #[arg(long)]
    year: Option<i32>,
    /// Chỉ các kế hoạch ở trạng thái này (draft = dự thảo, final = chính thức).
    #[arg(long, value_parser = ["draft", "final"])]
    status: Option<String>,
    /// Liệt kê thùng rác.
    #[arg(long)]
    trash: bool,
}

impl FilterArgs {
    fn filter(&self) -> ListFilter {
        ListFilter {
            year: self.year,
            status: self.status.as_deref().map(|s| match s {
                "final" => Status::Final,
                _ => Status::Draft,
            }),
            trash: self.trash,
            limit: None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    let profile = match &cli.profile {
        Some(p) => format::from_json_typed::<Profile>(
            &format::read_text_file(p)?,
            &p.display().to_string(),
        )?,
        None => Profile::default(),
    };
    let open = || Store::open(&store::resolve_path(db.as_deref()));
    match cli.command {
        Command::Convert {
            input,
            output,
            trace,
        } => {
            let mut plan = read_plan(&input)?;
            if let Some(parent) = trace {
                let parent = load_parent(&parent, &open)?;
                plan.appendices
                    .push(kehoach::inherit::trace_appendix(&plan, &parent));
                let s = kehoach::inherit::summary(&plan);
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
            write_plan(&plan, &output, &profile)?
        }
        Command::Sample { repeat } => {
            print(&format::to_json_string(&sample::long_plan(repeat.max(1))))?
        }
        Command::Schema => print(&format::json_schema())?,
        Command::ParentUpdate {
            child,
            old,
            new,
            accept,
            output,
        } => {
            let mut plan = read_plan(&child)?;
            let (old, new) = (load_parent(&old, &open)?, load_parent(&new, &open)?);
            let changes = kehoach::inherit::parent_changes(&old, &new, &plan);
            let mut out = String::new();
            for (i, c) in changes.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", i + 1, c.describe(&plan)));
            }
            if changes.is_empty() {
                out.push_str("Kế hoạch cấp trên không thay đổi chỉ tiêu, nhiệm vụ.\n");
            }
            print(&out)?;
            if let Some(accept) = accept {
                let accepted: Vec<bool> = if accept.trim() == "all" {
                    vec![true; changes.len()]
                } else {
                    let mut v = vec![false; changes.len()];
                    for part in accept.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        match part.parse::<usize>() {
                            Ok(n) if (1..=changes.len()).contains(&n) => v[n - 1] = true,
                            _ => {
                                return Err(Error::Invalid(format!(
                                    "--accept: «{part}» không phải số thứ tự thay đổi (1–{})",
                                    changes.len()
                                )))
                            }
                        }
                    }
                    v
                };
                kehoach::inherit::apply_changes(&mut plan, &old, &new, &changes, &accepted);
                plan.parent = Some(new.reference());
                let target = output.unwrap_or(child);
                write_plan(&plan, &target, &profile)?;
                eprintln!(
                    "{}: đã áp dụng {} thay đổi, từ chối {}",
                    target.display(),
                    accepted.iter().filter(|a| **a).count(),
                    accepted.iter().filter(|a| !**a).count()
                );
            }
        }
        Command::Derive {
            parent,
            unit,
            output,
        } => {
            let (agency, place, template) = unit.resolve(db.as_deref())?;
            let parent = load_parent(&parent, &open)?;
            let child = kehoach::inherit::derive(
                &parent,
                &kehoach::template::Fill::unit(agency, &place),
                &template,
            );
            write_plan(&child, &output, &profile)?;
            let adopted = child
                .targets
                .iter()
                .filter(|t| t.decision == Some(kehoach::model::Decision::Adopted))
                .count();
            eprintln!(
                "{}: {adopted} chỉ tiêu kế thừa, {} chỉ tiêu không áp dụng cho cấp này, {} nhiệm vụ",
                output.display(),
                child.targets.len() - adopted,
                child.tasks.len()
            );
        }
        Command::Check {
            plan,
            parent,
            tolerance,
        } => {
            let child = read_plan(&plan)?;
            let mut findings = lint::check(&child, &profile, SystemWorld::new().fonts());
            if let Some(parent) = parent {
                let parent = load_parent(&parent, &open)?;
                findings.extend(kehoach::inherit::check(
                    &child,
                    &parent,
                    &kehoach::inherit::CheckOptions {
                        approx_tolerance: tolerance,
                    },
                ));
            }
            let mut out = String::new();
            for f in &findings {
                out.push_str(&format!("{}: {f}\n", plan.display()));
            }
            let errors = findings
                .iter()
                .filter(|f| f.severity == lint::Severity::Error)
                .count();
            out.push_str(&format!(
                "{}: {errors} lỗi, {} cảnh báo\n",
                plan.display(),
                findings.len() - errors
            ));
            print(&out)?;
            if errors > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::New { unit, year, output } => {
            let (agency, place, template) = unit.resolve(db.as_deref())?;
            let year = year
                .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()) + 1);
            let plan = template.instantiate(&kehoach::template::Fill {
                agency,
                place,
                year,
                ..Default::default()
            });
            match output {
                Some(o) => write_plan(&plan, &o, &profile)?,
                None => {
                    let id = open()?.add(&plan)?;
                    println!(
                        "Đã tạo kế hoạch số {id} từ mẫu «{}»: {}",
                        template.name, plan.title
                    );
                }
            }
        }
        Command::Templates { command } => templates_command(command, &open)?,
        Command::Plans { command } => match command {
            PlansCommand::List { filter } => print_list(&open()?.list(&filter.filter())?)?,
            PlansCommand::Search { query, filter } => {
                print_list(&open()?.search(&query, &filter.filter())?)?
            }
            PlansCommand::Show { id } => show(&open()?, id)?,
            PlansCommand::Add { file } => {
                let plan = read_plan(&file)?;
                let id = open()?.add(&plan)?;
                println!("Đã thêm kế hoạch số {id}: {}", plan.title);
            }
            PlansCommand::Export { id, file } => {
                let plan = open()?.get(id)?;
                write_plan(&plan, &file, &profile)?;
                if file != Path::new("-") {
                    println!("Đã xuất kế hoạch số {id} ra {}", file.display());
                }
            }
            PlansCommand::Revisions { id } => {
                let store = open()?;
                let mut out = String::new();
                for r in store.revisions(id)? {
                    out.push_str(&format!(
                        "{}\t{}\t{} byte\t{}\n",
                        r.id, r.saved_at, r.size, r.title
                    ));
                }
                print(&out)?;
            }
            PlansCommand::Restore { id, revision } => {
                let saved = open()?.restore(id, revision)?;
                match saved.revision {
                    Some(r) => println!(
                        "Đã khôi phục kế hoạch số {id} về phiên bản {revision} (lưu thành phiên bản {r})"
                    ),
                    None => println!("Kế hoạch số {id} đã giống phiên bản {revision}; không có gì thay đổi"),
                }
            }
            PlansCommand::Duplicate { id } => {
                let new_id = open()?.duplicate(id)?;
                println!("Đã tạo bản sao: kế hoạch số {new_id}");
            }
            PlansCommand::Delete { id } => {
                open()?.trash(id)?;
                println!("Đã chuyển kế hoạch số {id} vào thùng rác (khôi phục: kehoach plans undelete {id})");
            }
            PlansCommand::Undelete { id } => {
                open()?.untrash(id)?;
                println!("Đã khôi phục kế hoạch số {id} từ thùng rác");
            }
            PlansCommand::Purge { id } => {
                open()?.purge(id)?;
                println!("Đã xóa hẳn kế hoạch số {id}");
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn checked_tier(tier: &str) -> Result<String> {
    let tier = kehoach::text::nfc(tier.trim());
    if kehoach::model::tier::level(&tier).is_none() {
        return Err(Error::Invalid(format!(
            "--tier: {}",
            kehoach::model::tier::not_a_tier(&tier)
        )));
    }
    Ok(tier)
}

/// Template `id`: from the database when it exists (it may hold a newer version
/// from the shared folder), else a built-in one.
fn load_template(id: &str, db: Option<&Path>) -> Result<kehoach::template::Template> {
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

fn templates_command(command: TemplatesCommand, open: &dyn Fn() -> Result<Store>) -> Result<()> {
    use kehoach::sync::{self, DirFolder, SyncOptions};
    use kehoach::template::Template;
    match command {
        TemplatesCommand::List => {
            let mut out = String::new();
            for t in open()?.template_catalog(None)? {
                let origin = match t.origin.as_str() {
                    "builtin" => "có sẵn",
                    "folder" => "thư mục dùng chung",
                    _ => "soạn trên máy",
                };
                let mut flags = String::new();
                if t.modified {
                    flags.push_str(", đã sửa trên máy");
                }
                if t.conflict {
                    flags.push_str(", XUNG ĐỘT: cần chọn bản giữ lại");
                }
                out.push_str(&format!(
                    "{}\tphiên bản {}\t{}\t{origin}{flags}\n",
                    t.id, t.version, t.name
                ));
            }
            print(&out)
        }
        TemplatesCommand::Show { id } => print(&open()?.template(&id)?.to_json()),
        TemplatesCommand::Import { file } => {
            let text = format::read_text_file(&file)?;
            let t = Template::from_json(&text, &file.display().to_string())?;
            let saved = open()?.save_local_template(&t)?;
            println!(
                "Đã lưu mẫu «{}» ({}), phiên bản {}",
                saved.name, saved.id, saved.version
            );
            Ok(())
        }
        TemplatesCommand::Sync { dir } => {
            let mut store = open()?;
            let report = sync::sync(&mut store, &DirFolder::new(dir), &SyncOptions::default())?;
            let mut out = String::new();
            for p in &report.problems {
                let place = if p.path.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", p.path)
                };
                eprintln!("{}: {place}{} (bỏ qua)", p.file, p.message);
            }
            for f in &report.pending {
                eprintln!("{f}: tệp đang được ghi; sẽ đồng bộ lần sau");
            }
            for c in &report.conflicts {
                eprintln!("{c}: mẫu đã sửa trên máy khác với bản trong thư mục; chọn bản giữ lại: kehoach templates resolve {c} --keep local|folder");
            }
            for n in &report.notes {
                eprintln!("{}", n.message);
            }
            out.push_str(&report.summary());
            out.push('\n');
            print(&out)
        }
        TemplatesCommand::Publish { id, dir } => {
            let path = sync::publish(&mut open()?, &id, &DirFolder::new(dir))?;
            println!("Đã xuất bản mẫu «{id}» ra {path}");
            Ok(())
        }
        TemplatesCommand::Resolve { id, keep } => {
            open()?.resolve_template_conflict(&id, keep == "local")?;
            println!(
                "Mẫu «{id}»: {}",
                if keep == "local" {
                    "giữ bản trên máy (xuất bản để thay bản trong thư mục)"
                } else {
                    "đã lấy bản trong thư mục dùng chung"
                }
            );
            Ok(())
        }
        TemplatesCommand::Parents => {
            let mut out = String::new();
            for f in open()?.shared_parents()? {
                out.push_str(&format!("{}\t{}\t{}\n", f.name, f.title, f.agency));
            }
            if out.is_empty() {
                out.push_str("(thư mục dùng chung chưa có kế hoạch cấp trên)\n");
            }
            print(&out)
        }
    }
}

/// A parent plan by file (.json, .txt, .docx) or by its number in the store.
fn load_parent(arg: &str, open: &dyn Fn() -> Result<Store>) -> Result<kehoach::Plan> {
    match arg.parse::<i64>() {
        Ok(id) if !Path::new(arg).exists() => open()?.get(id),
        _ => read_plan(Path::new(arg)),
    }
}

fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Reads a plan from any supported input format, chosen by extension. What the
/// importer had to guess about a `.txt` or `.docx` goes to stderr, for review.
fn read_plan(input: &Path) -> Result<kehoach::Plan> {
    match extension(input).as_str() {
        "json" => format::read_json_file(input),
        "txt" | "text" | "docx" | "pdf" | "doc" | "png" | "jpg" | "jpeg" | "tif" | "tiff" => {
            let imported = import::import_file(input)?;
            for n in &imported.notes {
                match (n.page, n.line) {
                    (0, 0) => eprintln!("{}: {}", input.display(), n.message),
                    (0, l) => eprintln!("{}: dòng {l}: {}", input.display(), n.message),
                    (p, 0) => eprintln!("{}: trang {p}: {}", input.display(), n.message),
                    (p, l) => eprintln!("{}: trang {p}, dòng {l}: {}", input.display(), n.message),
                }
            }
            Ok(imported.plan)
        }
        ext => Err(Error::UnsupportedFormat {
            file: input.display().to_string(),
            extension: ext.to_owned(),
            purpose: "đọc được: .json, .pdf, .docx, .txt".into(),
        }),
    }
}

/// Writes a plan to any supported output format, chosen by extension; `-` is stdout.
fn write_plan(plan: &kehoach::Plan, output: &Path, profile: &Profile) -> Result<()> {
    if output == Path::new("-") {
        return print(&format::to_json_string(plan));
    }
    match extension(output).as_str() {
        "json" => {
            // Validate what a writer will need before producing the file.
            plan.labeled_sections()?;
            fsutil::write_atomic(output, format::to_json_string(plan).as_bytes())
        }
        "docx" | "pdf" => {
            let world = SystemWorld::new();
            let format = export::Format::of_path(output).expect("docx or pdf");
            let out = export::export(plan, profile, &world, format)?;
            // Export goes on with findings; they are shown so the officer can fix them.
            for f in &out.findings {
                eprintln!("{}: {f}", output.display());
            }
            fsutil::write_atomic(output, &out.bytes)
        }
        ext => Err(Error::UnsupportedFormat {
            file: output.display().to_string(),
            extension: ext.to_owned(),
            purpose: "ghi được: .json, .docx, .pdf".into(),
        }),
    }
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`kehoach sample | head`) is not an error worth reporting.
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("stdout", e)),
        _ => Ok(()),
    }
}

fn print_list(plans: &[PlanSummary]) -> Result<()> {
    let mut out = String::new();
    if plans.is_empty() {
        out.push_str("(không có kế hoạch nào)\n");
    }
    for p in plans {
        let years = if p.year_from == p.year_to {
            p.year_from.to_string()
        } else {
            format!("{}-{}", p.year_from, p.year_to)
        };
        let status = if p.status == "final" {
            "chính thức"
        } else {
            "dự thảo"
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            p.id, years, status, p.title, p.agency
        ));
    }
    print(&out)
}

fn show(store: &Store, id: i64) -> Result<()> {
    let plan = store.get(id)?;
    let summary = store.summary(id)?;
    let mut s = String::new();
    s.push_str(&format!("Kế hoạch số {id}: {}\n", plan.title));
    s.push_str(&format!("Cơ quan ban hành: {}\n", plan.agency.name));
    s.push_str(&format!("Thời kỳ: {}\n", plan.period.label()));
    s.push_str(&format!("Trạng thái: {}\n", plan.status.label()));
    if let Some(p) = plan.parent_sentence() {
        s.push_str(&format!("Căn cứ: {p}\n"));
    }
    s.push_str(&format!(
        "Tạo lúc: {}; cập nhật lúc: {}{}\n",
        summary.created_at,
        summary.updated_at,
        if summary.deleted_at.is_some() {
            " (trong thùng rác)"
        } else {
            ""
        }
    ));
    s.push_str("Bố cục:\n");
    match plan.labeled_sections() {
        Ok(sections) => {
            for l in sections {
                let indent = "  ".repeat(l.depth);
                s.push_str(&format!("{indent}{} {}\n", l.label, l.section.heading));
            }
        }
        Err(e) => s.push_str(&format!("  (lỗi đánh số: {e})\n")),
    }
    s.push_str(&format!(
        "Chỉ tiêu: {}; nhiệm vụ: {}; nơi nhận: {}; phụ lục: {}\n",
        plan.targets.len(),
        plan.tasks.len(),
        plan.recipients.len(),
        plan.appendices.len()
    ));
    print(&s)
}
