-- Templates (mẫu kế hoạch) taken from the shared folder or made here. The built-in
-- templates live in the program, not here.
CREATE TABLE templates (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    -- The template in its canonical JSON text, and that text's SHA-256.
    body        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    -- 'folder': as taken from (or published to) the shared folder; 'local': only here.
    source      TEXT NOT NULL CHECK (source IN ('folder', 'local')),
    -- 1 when edited here since it was last taken from or published to the folder:
    -- such an edit is never overwritten by a sync without the officer's choice.
    modified    INTEGER NOT NULL DEFAULT 0,
    -- Hash of the folder's version this one is based on; NULL if never in the folder.
    base_hash   TEXT,
    -- Its file name in the shared folder.
    file        TEXT,
    updated_at  TEXT NOT NULL
);

-- A folder version of a template that differs from a local edit, kept until the
-- officer chooses which one stays.
CREATE TABLE template_conflicts (
    id          TEXT PRIMARY KEY REFERENCES templates (id) ON DELETE CASCADE,
    file        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    body        TEXT NOT NULL,
    detected_at TEXT NOT NULL
);

-- What the last sync saw of each file of the shared folder: a file whose size and
-- modification time are unchanged is not read again, so a sync of an unchanged
-- folder costs one directory listing.
CREATE TABLE shared_files (
    name        TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    -- 'template', 'parent' (a plan to derive from) or 'invalid'.
    kind        TEXT NOT NULL CHECK (kind IN ('template', 'parent', 'invalid')),
    -- SHA-256 of the file's bytes.
    hash        TEXT NOT NULL,
    template_id TEXT,
    template_version INTEGER,
    -- The canonical hash of the template in the file.
    template_hash TEXT,
    -- Template name or parent plan title, for lists.
    title       TEXT NOT NULL DEFAULT '',
    agency      TEXT NOT NULL DEFAULT '',
    -- Where an invalid file is wrong (JSON path or line) and why it was refused.
    problem_path TEXT NOT NULL DEFAULT '',
    message     TEXT NOT NULL DEFAULT '',
    -- A parent plan in the interchange format, so it can be used when the share is away.
    body        TEXT
);
