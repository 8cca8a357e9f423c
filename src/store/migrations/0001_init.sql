-- Plans: the current state of each plan, with the columns lists and search need.
CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    agency      TEXT NOT NULL,
    year_from   INTEGER NOT NULL,
    year_to     INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    -- Title, agency, place, period and number folded to lower case without
    -- diacritics, so that "chuyen doi so" finds "chuyển đổi số".
    search_text TEXT NOT NULL,
    -- The revision holding the current content. Bodies live only in `revisions`,
    -- so this table stays small and lists and searches scan little.
    current_revision INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    -- Set when the plan is in the trash; NULL otherwise.
    deleted_at  TEXT
);
CREATE INDEX plans_listing ON plans (deleted_at, updated_at DESC, id DESC);

-- Revisions: a snapshot (the plan in the interchange format, without timestamps)
-- at every save, thinned but never the latest ones.
CREATE TABLE revisions (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    saved_at TEXT NOT NULL,
    body     TEXT NOT NULL
);
CREATE INDEX revisions_by_plan ON revisions (plan_id, id DESC);

-- Settings of the installation (agency profile, format profile, shared folder ...).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
