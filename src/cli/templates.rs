//! `kehoach templates …`: templates and the shared folder, through the session.

use super::args::TemplatesCommand;
use super::{print, Ctx};
use kehoach::error::Result;
use kehoach::format;
use kehoach::template::Template;

pub fn run(ctx: &Ctx, command: TemplatesCommand) -> Result<()> {
    let mut session = ctx.session()?;
    match command {
        TemplatesCommand::List => {
            let mut out = String::new();
            for t in session.store().template_catalog(None)? {
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
        TemplatesCommand::Show { id } => print(&session.template_json(&id)?),
        TemplatesCommand::Import { file } => {
            let text = format::read_text_file(&file)?;
            let t = Template::from_json(&text, &file.display().to_string())?;
            let saved = session.store_mut().save_local_template(&t)?;
            println!(
                "Đã lưu mẫu «{}» ({}), phiên bản {}",
                saved.name, saved.id, saved.version
            );
            Ok(())
        }
        TemplatesCommand::Sync { dir } => {
            let report = session.sync_with(&dir)?;
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
            print(&format!("{}\n", report.summary()))
        }
        TemplatesCommand::Publish { id, dir } => {
            let path = kehoach::sync::publish(
                session.store_mut(),
                &id,
                &kehoach::sync::DirFolder::new(dir),
            )?;
            println!("Đã xuất bản mẫu «{id}» ra {path}");
            Ok(())
        }
        TemplatesCommand::Resolve { id, keep } => {
            session.resolve_template_conflict(&id, keep == "local")?;
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
            for f in session.shared_parents()? {
                out.push_str(&format!("{}\t{}\t{}\n", f.name, f.title, f.agency));
            }
            if out.is_empty() {
                out.push_str("(thư mục dùng chung chưa có kế hoạch cấp trên)\n");
            }
            print(&out)
        }
    }
}
