//! `kehoach plans …`: the store, through the session.

use super::args::PlansCommand;
use super::files::{read_plan, summary_line};
use super::{print, report, Ctx};
use kehoach::app::{DeriveFrom, PlanInfo};
use kehoach::error::Result;
use kehoach::format;
use kehoach::store::PlanSummary;
use std::path::Path;

pub fn run(ctx: &Ctx, command: PlansCommand) -> Result<()> {
    let mut session = ctx.session()?;
    match command {
        PlansCommand::List { filter } => print_list(&session.list("", &filter.filter())?),
        PlansCommand::Search { query, filter } => {
            print_list(&session.list(&query, &filter.filter())?)
        }
        PlansCommand::Show { id } => print(&show(&session.info(id)?)),
        PlansCommand::Add { file } => {
            let plan = read_plan(&file)?;
            let id = session.add(&plan)?;
            println!("Đã thêm kế hoạch số {id}: {}", plan.title);
            Ok(())
        }
        PlansCommand::Export {
            id,
            file,
            final_copy,
        } => {
            if file == Path::new("-") || file.extension().is_some_and(|e| e == "json") {
                let json = format::to_json_string(&session.plan(id)?);
                return if file == Path::new("-") {
                    print(&json)
                } else {
                    kehoach::fsutil::write_atomic(&file, json.as_bytes())
                };
            }
            // The stored plan's document (with its parent's appendix and check),
            // laid out and written once.
            let out = session.export_to(id, &file, super::args::finality(final_copy))?;
            summary_line(&file, out.summary.as_ref());
            report(&file, &out.diagnostics);
            super::report_paper(&file, &out.diagnostics, out.draft);
            println!("Đã xuất kế hoạch số {id} ra {}", file.display());
            Ok(())
        }
        PlansCommand::Derive {
            parent,
            unit,
            year,
            take,
        } => {
            let template = unit.template.clone();
            let (fill, _) = unit.resolve(ctx.db.as_deref())?;
            let period = year.map(|year| kehoach::model::Period::Year { year });
            let candidates =
                session.derive_candidates(DeriveFrom::Stored(parent), Some(&fill.agency.tier))?;
            let choice = take.choice(&candidates)?;
            let id = session.derive_chosen(
                DeriveFrom::Stored(parent),
                Some(&template),
                Some(fill),
                period,
                &choice,
            )?;
            super::report_left_out(&candidates, &choice);
            let info = session.info(id)?;
            println!(
                "Đã lập kế hoạch số {id} từ kế hoạch cấp trên số {parent}: {} ({} chỉ tiêu, {} nhiệm vụ)",
                info.plan.title,
                info.plan.targets.len(),
                info.plan.tasks.len()
            );
            Ok(())
        }
        PlansCommand::Revisions { id } => {
            let mut out = String::new();
            for r in session.revisions(id)? {
                out.push_str(&format!(
                    "{}\t{}\t{} byte\t{}\n",
                    r.id, r.saved_at, r.size, r.title
                ));
            }
            print(&out)
        }
        PlansCommand::Compare { id, older, newer } => {
            let changes = session.compare_revisions(id, older, newer)?;
            let mut out = String::new();
            // One line a change: a text's own line breaks shown as « / ».
            let one = |s: &str| s.split('\n').collect::<Vec<_>>().join(" / ");
            let with = |mark: &str, place: &str, text: &str| match text {
                "" => format!("{mark} {place}\n"),
                t => format!("{mark} {place}: {}\n", one(t)),
            };
            for c in &changes {
                out.push_str(&match c.kind {
                    "added" => with("+", &c.place, &c.after),
                    "removed" => with("-", &c.place, &c.before),
                    _ => format!(
                        "~ {}: «{}» → «{}»\n",
                        c.place,
                        one(&c.before),
                        one(&c.after)
                    ),
                });
            }
            if changes.is_empty() {
                out.push_str("Hai phiên bản giống nhau.\n");
            }
            print(&out)
        }
        PlansCommand::Restore { id, revision } => {
            match session.restore_revision(id, revision)?.revision {
                Some(r) => println!(
                    "Đã khôi phục kế hoạch số {id} về phiên bản {revision} (lưu thành phiên bản {r})"
                ),
                None => println!(
                    "Kế hoạch số {id} đã giống phiên bản {revision}; không có gì thay đổi"
                ),
            }
            Ok(())
        }
        PlansCommand::Duplicate { id } => {
            let new_id = session.duplicate(id)?;
            println!("Đã tạo bản sao: kế hoạch số {new_id}");
            Ok(())
        }
        PlansCommand::Delete { id } => {
            session.trash(id)?;
            println!(
                "Đã chuyển kế hoạch số {id} vào thùng rác (khôi phục: kehoach plans undelete {id})"
            );
            Ok(())
        }
        PlansCommand::Undelete { id } => {
            session.untrash(id)?;
            println!("Đã khôi phục kế hoạch số {id} từ thùng rác");
            Ok(())
        }
        PlansCommand::Purge { id } => {
            session.purge(id)?;
            println!("Đã xóa hẳn kế hoạch số {id}");
            Ok(())
        }
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

fn show(info: &PlanInfo) -> String {
    let (plan, summary) = (&info.plan, &info.summary);
    let mut s = String::new();
    s.push_str(&format!("Kế hoạch số {}: {}\n", summary.id, plan.title));
    s.push_str(&format!("Cơ quan ban hành: {}\n", plan.agency.name));
    s.push_str(&format!("Thời kỳ: {}\n", plan.period.label()));
    s.push_str(&format!("Trạng thái: {}\n", plan.status.label()));
    if let Some(p) = &info.parent {
        s.push_str(&format!(
            "Kế hoạch cấp trên: số {}: {} ({})\n",
            p.id, p.title, p.agency
        ));
    }
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
    s
}
