//! The report document (Báo cáo kết quả thực hiện kế hoạch), built from the plan and
//! the period as a document of kind Báo cáo: the same ND30 header, layout, lint and
//! writers as plans. `Số: …/BC-UBND`, title `BÁO CÁO` + `Kết quả thực hiện Kế hoạch
//! … 6 tháng đầu năm 2026`, the opening sentence citing the plan, I. results (a
//! targets table and a tasks table), II. assessment, III. tasks for the time ahead,
//! IV. proposals, Nơi nhận headed by the parent agency, the signature block.

use super::evaluate::{evaluate_target, evaluate_task, Verdict};
use super::template::ReportTemplate;
use super::Report;
use crate::model::{Block, Column, DocumentKind, Period, Plan, Section};

fn col(title: &str, width_mm: Option<f64>) -> Column {
    Column {
        title: title.into(),
        width_mm,
    }
}

fn section(heading: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
    Section {
        heading: heading.into(),
        numbered: true,
        guidance: String::new(),
        blocks,
        children,
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

/// `Chuyển đổi số xã Tân An năm 2026` → `chuyển đổi số xã Tân An`: what the plan is
/// about, its period left for the report's own.
fn subject(title: &str) -> String {
    use crate::model::title;
    title::lowercase_first(&title::subject(title))
}

/// The report of `plan` for its period, as a document, in the headings and wording
/// of its template; `tolerance` is the check's for `≈` targets.
pub fn report_document(plan: &Plan, report: &Report, tolerance: f64) -> Plan {
    let mut plan = plan.clone();
    plan.assign_ids();
    let period = &report.period;
    let t = super::template::choose(Some(&report.template), &period.kind)
        .or_else(|_| super::template::choose(None, &period.kind))
        .expect("a shipped template suits every period");
    let citation = plan.reference().citation();
    let subject_text = subject(&plan.title);
    let agency_name = plan.agency.name.trim().to_owned();
    let values = [
        ("period", period.label.as_str()),
        ("agency.name", agency_name.as_str()),
        ("plan.citation", citation.as_str()),
        ("plan.subject", subject_text.as_str()),
    ];
    let fill = |text: &str| ReportTemplate::fill(text, &values);
    let mut doc = Plan::empty(plan.agency.clone(), &plan.place, period.year());
    doc.kind = DocumentKind::BaoCao;
    doc.number = report.number;
    doc.symbol = report.symbol.clone();
    doc.date = report.date;
    doc.period = Period::Range {
        from: period.from,
        to: period.to,
        label: period.label.clone(),
    };
    doc.title = fill(&t.title);
    doc.intro = fill(&t.opening);

    // I.1 The targets.
    let mut rows = Vec::new();
    let (mut reached, mut not_met, mut no_data, mut counted) = (0, 0, 0, 0);
    for (i, t) in plan.targets.iter().enumerate() {
        let e = evaluate_target(t, report.target(&t.id), tolerance);
        match e.verdict {
            Verdict::NotApplicable => {}
            Verdict::Met | Verdict::Exceeded => reached += 1,
            Verdict::NotMet => not_met += 1,
            Verdict::NoData | Verdict::Unassessed => no_data += 1,
        }
        if e.verdict != Verdict::NotApplicable {
            counted += 1;
        }
        let note = report
            .target(&t.id)
            .map(|r| r.note.trim().to_owned())
            .filter(|n| !n.is_empty());
        let result = match note {
            Some(n) if e.achieved.is_empty() => n,
            Some(n) => format!("{} ({n})", e.achieved),
            None => e.achieved.clone(),
        };
        rows.push(vec![
            (i + 1).to_string(),
            t.text.trim().to_owned(),
            e.planned.clone(),
            result,
            e.rate_label.clone(),
            e.verdict.label().to_owned(),
        ]);
    }
    let targets_summary = format!(
        "Trong {counted} chỉ tiêu của Kế hoạch: {reached} chỉ tiêu đạt và vượt, {not_met} chỉ tiêu chưa đạt, {no_data} chỉ tiêu chưa có số liệu hoặc chưa đánh giá."
    );
    let targets_table = Block::Table {
        columns: vec![
            col("TT", Some(10.0)),
            col("Chỉ tiêu", None),
            col("Kế hoạch", Some(24.0)),
            col("Kết quả", Some(28.0)),
            col("Tỷ lệ", Some(20.0)),
            col("Đánh giá", Some(22.0)),
        ],
        rows,
    };

    // I.2 The tasks.
    let mut rows = Vec::new();
    let (mut done, mut overdue) = (0, 0);
    for (i, t) in plan.tasks.iter().enumerate() {
        let r = report.task(&t.id);
        let e = evaluate_task(t, r, period.to);
        done += usize::from(e.status == super::TaskStatus::Done);
        overdue += usize::from(e.overdue);
        let mut result = e.label.clone();
        if let Some(n) = r.map(|r| r.note.trim()).filter(|n| !n.is_empty()) {
            result = format!("{result}: {n}");
        }
        rows.push(vec![
            (i + 1).to_string(),
            t.text.trim().to_owned(),
            t.lead.trim().to_owned(),
            t.deadline.as_ref().map(|d| d.label()).unwrap_or_default(),
            result,
        ]);
    }
    let tasks_summary = format!(
        "Trong {} nhiệm vụ: {done} nhiệm vụ hoàn thành, {} nhiệm vụ đang hoặc chưa thực hiện ({overdue} nhiệm vụ quá hạn).",
        plan.tasks.len(),
        plan.tasks.len() - done
    );
    let tasks_table = Block::Table {
        columns: vec![
            col("TT", Some(10.0)),
            col("Nhiệm vụ", None),
            col("Đơn vị chủ trì", Some(34.0)),
            col("Thời hạn", Some(24.0)),
            col("Kết quả, tình trạng", Some(38.0)),
        ],
        rows,
    };

    // The officer's list, or (until they write one) the plan's tasks not yet done.
    let mut next: Vec<String> = report
        .next_tasks
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if next.is_empty() {
        next = report.unfinished(&plan);
    }
    doc.sections = vec![
        section(
            &fill(&t.results),
            vec![],
            vec![
                section(
                    &fill(&t.targets),
                    vec![paragraph(&targets_summary), targets_table],
                    vec![],
                ),
                section(
                    &fill(&t.tasks),
                    vec![paragraph(&tasks_summary), tasks_table],
                    vec![],
                ),
            ],
        ),
        section(
            &fill(&t.assessment),
            vec![],
            vec![
                section(
                    &fill(&t.strengths),
                    vec![paragraph(&report.strengths)],
                    vec![],
                ),
                section(&fill(&t.limits), vec![paragraph(&report.limits)], vec![]),
            ],
        ),
        section(
            &fill(&t.next),
            vec![Block::Bullets {
                items: next,
                marker: Default::default(),
            }],
            vec![],
        ),
        section(
            &fill(&t.proposals),
            vec![paragraph(&report.proposals)],
            vec![],
        ),
    ];
    doc.closing = fill(&t.closing);
    doc.recipients = report.recipients.clone();
    doc.signature = report.signature.clone();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_of_a_title() {
        assert_eq!(
            subject("Chuyển đổi số xã Tân An năm 2026"),
            "chuyển đổi số xã Tân An"
        );
        assert_eq!(
            subject("Ứng dụng CNTT giai đoạn 2026 - 2030"),
            "ứng dụng CNTT"
        );
    }
}
