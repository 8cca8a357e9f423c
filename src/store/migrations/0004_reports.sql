-- Reports on a plan (báo cáo kết quả thực hiện), one per period, each save a
-- revision as for plans. A report goes with its plan when the plan is purged.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    period_label TEXT NOT NULL,
    current_revision INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE report_revisions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    saved_at TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX reports_by_plan ON reports (plan_id, period_from);
CREATE INDEX report_revisions_by_report ON report_revisions (report_id);
