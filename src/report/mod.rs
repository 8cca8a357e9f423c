//! The plan's second half (báo cáo kết quả thực hiện): results per reporting period
//! ([`period`]), each target's achieved value and each task's status, evaluated by
//! the target's direction in one place ([`evaluate`]), the report document built
//! from the plan and the period ([`document`]) for the same layout, lint and writers
//! as plans, results read from a CSV ([`results`]), and the roll-up of the child
//! units' reports for the parent ([`rollup`], with its XLSX in [`xlsx`]).

pub mod document;
pub mod evaluate;
pub mod period;
pub mod results;
pub mod rollup;
pub mod template;
pub mod xlsx;

pub use evaluate::{evaluate_target, evaluate_task, Evaluation, TaskEvaluation, Verdict};
pub use period::ReportingPeriod;

use crate::model::{Agency, DocumentRef, Signature};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The version of the report format this program reads and writes.
pub const REPORT_FORMAT: u32 = 1;

/// What became of a task in the period (tình trạng thực hiện).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Hoàn thành (with the day it was done).
    Done,
    /// Đang thực hiện.
    InProgress,
    /// Chưa thực hiện.
    #[default]
    NotStarted,
    /// Dừng thực hiện.
    Stopped,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::Stopped => "Dừng thực hiện",
        }
    }

    /// Reads the CSV's and the CLI's word (`done`, `in_progress` …; the Vietnamese
    /// labels too).
    pub fn parse(s: &str) -> Option<TaskStatus> {
        let f = crate::text::fold(s.trim());
        Some(match f.as_str() {
            "done" | "hoan thanh" | "da hoan thanh" => TaskStatus::Done,
            "in_progress" | "dang thuc hien" => TaskStatus::InProgress,
            "not_started" | "chua thuc hien" => TaskStatus::NotStarted,
            "stopped" | "dung thuc hien" | "dung" => TaskStatus::Stopped,
            _ => return None,
        })
    }
}

/// A target's result in the period (kết quả chỉ tiêu).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TargetResult {
    /// The plan's target id.
    pub target: String,
    /// The achieved figure, in the target's unit.
    pub value: Option<f64>,
    /// For a target without a number: whether the officer judges it met.
    pub met: Option<bool>,
    /// A note or the source of the figure.
    pub note: String,
}

/// A task's result in the period (kết quả nhiệm vụ).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskResult {
    /// The plan's task id.
    pub task: String,
    pub status: TaskStatus,
    /// When it was done.
    #[serde(with = "crate::model::opt_iso_date")]
    pub done_on: Option<NaiveDate>,
    pub note: String,
}

/// A report on a plan for a period (báo cáo kết quả thực hiện kế hoạch), as stored:
/// the results, and the officer's own text of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub report_format: u32,
    pub period: ReportingPeriod,
    /// The report template (mẫu báo cáo) its headings and wording come from.
    #[serde(default = "default_template")]
    pub template: String,
    /// Số of the report; absent until registered.
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default = "default_symbol")]
    pub symbol: String,
    #[serde(default, with = "crate::model::opt_iso_date")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub targets: Vec<TargetResult>,
    #[serde(default)]
    pub tasks: Vec<TaskResult>,
    /// II.1 Ưu điểm (kết quả nổi bật).
    #[serde(default)]
    pub strengths: String,
    /// II.2 Hạn chế, nguyên nhân.
    #[serde(default)]
    pub limits: String,
    /// III. Nhiệm vụ kỳ tới, one a line; empty: the plan's tasks not yet done.
    #[serde(default)]
    pub next_tasks: Vec<String>,
    /// IV. Đề xuất, kiến nghị.
    #[serde(default)]
    pub proposals: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub signature: Signature,
}

fn default_symbol() -> String {
    "BC-UBND".into()
}

fn default_template() -> String {
    template::DEFAULT_ID.into()
}

/// A target's result in an earlier period, the starting point of this one (kết
/// quả kỳ trước).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierResult {
    pub target: String,
    pub value: f64,
    /// The earlier period as its report names it: `6 tháng đầu năm 2026`.
    pub period: String,
}

impl Report {
    /// Takes over from the plan's earlier reports what stays true: a task done in
    /// an earlier period stays done, with its date and note (a task marked done on
    /// 20/5/2026 is not overdue in the second half of the year). Only reports whose
    /// period ended before this one starts count; a task this report already says
    /// something of keeps it.
    pub fn carry_over(&mut self, earlier: &[Report]) {
        for r in &mut self.tasks {
            if r.status != TaskStatus::default() || r.done_on.is_some() {
                continue;
            }
            let done = earlier
                .iter()
                .filter(|e| e.period.to < self.period.from)
                .filter_map(|e| e.task(&r.task))
                .filter(|t| t.status == TaskStatus::Done)
                .max_by_key(|t| t.done_on);
            if let Some(done) = done {
                r.status = TaskStatus::Done;
                r.done_on = done.done_on;
                if r.note.is_empty() {
                    r.note = done.note.clone();
                }
            }
        }
    }

    /// Each target's latest result in the plan's earlier reports (whose period
    /// ended before this one starts): where this period starts from.
    pub fn earlier_results(&self, earlier: &[Report]) -> Vec<EarlierResult> {
        let mut before: Vec<&Report> = earlier
            .iter()
            .filter(|e| e.period.to < self.period.from)
            .collect();
        before.sort_by_key(|e| e.period.to);
        self.targets
            .iter()
            .filter_map(|t| {
                before.iter().rev().find_map(|e| {
                    let value = e.target(&t.target)?.value?;
                    Some(EarlierResult {
                        target: t.target.clone(),
                        value,
                        period: e.period.label.clone(),
                    })
                })
            })
            .collect()
    }

    /// A new report on `plan` for `period`: every target and task listed without a
    /// result, the parent agency first among the recipients, the plan's signer.
    pub fn new(plan: &crate::model::Plan, period: ReportingPeriod, template: &str) -> Report {
        let mut plan = plan.clone();
        plan.assign_ids();
        let parent_agency = plan.parent.as_ref().map(|p| p.agency.clone());
        let mut recipients: Vec<String> = parent_agency
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        recipients.push("Lưu: VT".into());
        Report {
            report_format: REPORT_FORMAT,
            period,
            template: template.to_owned(),
            number: None,
            symbol: default_symbol(),
            date: None,
            targets: plan
                .targets
                .iter()
                .map(|t| TargetResult {
                    target: t.id.clone(),
                    ..Default::default()
                })
                .collect(),
            tasks: plan
                .tasks
                .iter()
                .map(|t| TaskResult {
                    task: t.id.clone(),
                    ..Default::default()
                })
                .collect(),
            strengths: String::new(),
            limits: String::new(),
            next_tasks: vec![],
            proposals: String::new(),
            recipients,
            signature: plan.signature.clone(),
        }
    }

    pub fn target(&self, id: &str) -> Option<&TargetResult> {
        self.targets.iter().find(|r| r.target == id)
    }

    pub fn task(&self, id: &str) -> Option<&TaskResult> {
        self.tasks.iter().find(|r| r.task == id)
    }

    /// The tasks for the next period: those not done, in the plan's words.
    pub fn unfinished(&self, plan: &crate::model::Plan) -> Vec<String> {
        plan.tasks
            .iter()
            .filter(|t| {
                self.task(&t.id)
                    .is_none_or(|r| r.status != TaskStatus::Done)
            })
            .map(|t| t.text.clone())
            .collect()
    }
}

/// A report as a unit sends it to its parent (the shared folder's `*.bc.json`):
/// self-contained, each target with its parent's id, its plan and its evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    pub report_format: u32,
    /// The reporting unit.
    pub agency: Agency,
    /// The unit's plan reported on.
    pub plan: DocumentRef,
    /// The parent plan it implements, when it has one.
    #[serde(default)]
    pub parent: Option<DocumentRef>,
    pub period: ReportingPeriod,
    pub targets: Vec<ReportedTarget>,
    #[serde(default)]
    pub tasks: Vec<ReportedTask>,
}

/// One target in a [`ReportFile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedTarget {
    pub id: String,
    #[serde(default)]
    pub parent_target: Option<String>,
    pub text: String,
    /// The plan's level as printed: `≥80%`.
    pub planned: String,
    pub value: Option<f64>,
    pub verdict: Verdict,
    #[serde(default)]
    pub rate: Option<f64>,
}

/// One task in a [`ReportFile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedTask {
    pub id: String,
    #[serde(default)]
    pub parent_task: Option<String>,
    pub text: String,
    pub status: TaskStatus,
    pub overdue: bool,
}
