//! `kehoach report …`: reports on stored plans, through the session.

use super::args::ReportCommand;
use super::{print, report, Ctx};
use kehoach::app::ReportView;
use kehoach::error::Result;

pub fn run(ctx: &Ctx, command: ReportCommand) -> Result<()> {
    let mut session = ctx.session()?;
    match command {
        ReportCommand::New {
            plan,
            period,
            template,
        } => {
            let id = session.new_report(plan, &period, template.as_deref())?;
            println!("{id}");
            let view = session.report_view(id)?;
            eprintln!(
                "Đã lập báo cáo số {id}: kế hoạch số {plan} «{}», {}",
                view.plan_title, view.report.period.label
            );
            Ok(())
        }
        ReportCommand::Templates => {
            let mut out = String::new();
            for t in session.report_templates() {
                out.push_str(&format!(
                    "{}\t{}\t(kỳ: {})\n",
                    t.id,
                    t.name,
                    t.periods.join(", ")
                ));
            }
            print(&out)
        }
        ReportCommand::List { plan } => {
            let mut out = String::new();
            for r in session.reports(plan)? {
                out.push_str(&format!(
                    "{}\tkế hoạch {}\t{}\t{} – {}\n",
                    r.id, r.plan_id, r.period_label, r.period_from, r.period_to
                ));
            }
            print(&out)
        }
        ReportCommand::Set { report: id, file } => {
            let view = session.set_results(id, &file)?;
            println!("Đã nhập kết quả từ {} vào báo cáo số {id}", file.display());
            print(&show(&view))
        }
        ReportCommand::Show { report: id } => print(&show(&session.report_view(id)?)),
        ReportCommand::Export { report: id, file } => {
            let diagnostics = session.export_report(id, &file)?;
            report(&file, &diagnostics);
            println!("Đã xuất báo cáo số {id} ra {}", file.display());
            Ok(())
        }
        ReportCommand::Rollup {
            parent,
            dir,
            output,
            period,
        } => {
            let done = session.export_rollup(parent, &dir, period.as_deref(), &output)?;
            report(&output, &done.diagnostics);
            let t = &done.table;
            for name in &t.pending {
                eprintln!("{}: tệp đang được ghi, bỏ qua lần này", name);
            }
            println!(
                "Đã tổng hợp {} báo cáo của {} đơn vị ({}) ra {}; chưa báo cáo: {}",
                t.reports,
                t.units.len(),
                t.period
                    .as_ref()
                    .map(|p| p.label.as_str())
                    .unwrap_or("chưa có kỳ"),
                output.display(),
                if t.silent.is_empty() {
                    "không".to_owned()
                } else {
                    t.silent.join(", ")
                }
            );
            Ok(())
        }
    }
}

/// Each target and task with its result and evaluation, a line each.
fn show(v: &ReportView) -> String {
    let mut out = format!(
        "Báo cáo số {} — kế hoạch số {} «{}», {}\n\nChỉ tiêu:\n",
        v.id, v.plan_id, v.plan_title, v.report.period.label
    );
    for (t, e) in &v.targets {
        out.push_str(&format!(
            "{}\t{}\tkế hoạch {}\tkết quả {}\t{}\t{}\n",
            t.id,
            e.verdict.label(),
            if e.planned.is_empty() {
                "—"
            } else {
                &e.planned
            },
            if e.achieved.is_empty() {
                "—"
            } else {
                &e.achieved
            },
            if e.rate_label.is_empty() {
                ""
            } else {
                &e.rate_label
            },
            t.text
        ));
    }
    out.push_str("\nNhiệm vụ:\n");
    for (t, e) in &v.tasks {
        out.push_str(&format!("{}\t{}\t{}\n", t.id, e.label, t.text));
    }
    out
}
