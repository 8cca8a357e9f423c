-- The plan a plan was derived from (kế hoạch cấp trên), as data. Until version 2 the
-- app kept it as settings keys `parent_of.{id}`, which nothing checked: a purge of
-- the parent left them dangling, and the CLI never saw them. Purging a parent now
-- leaves its children valid, unlinked.
ALTER TABLE plans ADD COLUMN parent_id INTEGER REFERENCES plans (id) ON DELETE SET NULL;

-- The old keys move over; one naming a plan that is gone (or the plan itself) is
-- dropped, and every `parent_of.` key goes.
UPDATE plans SET parent_id = (
    SELECT CAST(s.value AS INTEGER) FROM settings s
    WHERE s.key = 'parent_of.' || plans.id
      AND CAST(s.value AS INTEGER) <> plans.id
      AND CAST(s.value AS INTEGER) IN (SELECT id FROM plans)
);
DELETE FROM settings WHERE key LIKE 'parent\_of.%' ESCAPE '\';

CREATE INDEX plans_by_parent ON plans (parent_id);
