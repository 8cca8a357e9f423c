//! Reports in the store (báo cáo): tied to their plan and period, every save a
//! revision, as plans are.

use super::{db_err, Store, StoreEvent};
use crate::error::{Error, Result};
use crate::report::Report;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

/// A stored report without its body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportSummary {
    pub id: i64,
    pub plan_id: i64,
    pub period_label: String,
    pub period_from: String,
    pub period_to: String,
    pub updated_at: String,
}

fn body(report: &Report) -> Result<String> {
    serde_json::to_string(report).map_err(|e| Error::Invalid(e.to_string()))
}

impl Store {
    /// Stores a new report on plan `plan_id`.
    pub fn add_report(&mut self, plan_id: i64, report: &Report) -> Result<i64> {
        self.summary(plan_id)?;
        let now = self.clock.timestamp();
        let body = body(report)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        tx.execute(
            "INSERT INTO reports (plan_id, period_from, period_to, period_label, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                plan_id,
                report.period.from.to_string(),
                report.period.to.to_string(),
                report.period.label,
                now
            ],
        )
        .map_err(|e| db_err(&self.file, e))?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO report_revisions (report_id, saved_at, body) VALUES (?1, ?2, ?3)",
            params![id, now, body],
        )
        .map_err(|e| db_err(&self.file, e))?;
        let rev = tx.last_insert_rowid();
        tx.execute(
            "UPDATE reports SET current_revision = ?2 WHERE id = ?1",
            params![id, rev],
        )
        .map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::ReportSaved { id, plan: plan_id });
        Ok(id)
    }

    /// Saves a new state of report `id` (nothing when unchanged); the period may
    /// not change (a report is tied to its period).
    pub fn save_report(&mut self, id: i64, report: &Report) -> Result<()> {
        let (plan_id, current) = self.report_row(id)?;
        let body = body(report)?;
        if current == body {
            return Ok(());
        }
        let now = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.file, e))?;
        tx.execute(
            "INSERT INTO report_revisions (report_id, saved_at, body) VALUES (?1, ?2, ?3)",
            params![id, now, body],
        )
        .map_err(|e| db_err(&self.file, e))?;
        let rev = tx.last_insert_rowid();
        tx.execute(
            "UPDATE reports SET current_revision = ?2, updated_at = ?3, period_label = ?4 WHERE id = ?1",
            params![id, rev, now, report.period.label],
        )
        .map_err(|e| db_err(&self.file, e))?;
        tx.commit().map_err(|e| db_err(&self.file, e))?;
        self.emit(StoreEvent::ReportSaved { id, plan: plan_id });
        Ok(())
    }

    fn report_row(&self, id: i64) -> Result<(i64, String)> {
        self.conn
            .query_row(
                "SELECT r.plan_id, v.body FROM reports r JOIN report_revisions v ON v.id = r.current_revision
                 WHERE r.id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| Error::Invalid(format!("không có báo cáo số {id}")))
    }

    /// Report `id` with the id of its plan.
    pub fn report(&self, id: i64) -> Result<(i64, Report)> {
        let (plan_id, body) = self.report_row(id)?;
        let report = crate::format::from_json_typed(&body, &format!("{}#báo cáo {id}", self.file))?;
        Ok((plan_id, report))
    }

    /// The reports on plan `plan_id` (all plans when `None`), newest period first.
    pub fn reports(&self, plan_id: Option<i64>) -> Result<Vec<ReportSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, plan_id, period_label, period_from, period_to, updated_at FROM reports
                 WHERE ?1 IS NULL OR plan_id = ?1 ORDER BY period_from DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![plan_id], |r| {
                Ok(ReportSummary {
                    id: r.get(0)?,
                    plan_id: r.get(1)?,
                    period_label: r.get(2)?,
                    period_from: r.get(3)?,
                    period_to: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// How many revisions report `id` has (each save keeps one).
    pub fn report_revision_count(&self, id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM report_revisions WHERE report_id = ?1",
                params![id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The ids of the plans derived from plan `id` (its child units' plans here).
    pub fn children(&self, id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM plans WHERE parent_id = ?1 AND deleted_at IS NULL ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }
}
