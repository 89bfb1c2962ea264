-- The attachment-style quiz: one conversation at a time per person, its answers, and finished results.

CREATE TABLE quiz_sessions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    started_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    -- The item ids in the order they are asked, comma-separated, fixed when the quiz starts.
    item_ids   TEXT    NOT NULL,
    -- Index into item_ids of the question on screen; equal to the item count once all are answered.
    position   INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished', 'expired'))
);

-- At most one quiz in progress per person.
CREATE UNIQUE INDEX quiz_sessions_one_active ON quiz_sessions (user_id) WHERE status = 'active';

CREATE TABLE quiz_answers (
    session_id  INTEGER NOT NULL REFERENCES quiz_sessions (id) ON DELETE CASCADE,
    item_id     TEXT    NOT NULL,
    -- NULL when the question was skipped.
    raw         INTEGER,
    answered_at TEXT    NOT NULL,
    PRIMARY KEY (session_id, item_id)
) WITHOUT ROWID;

CREATE TABLE quiz_results (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    session_id         INTEGER NOT NULL UNIQUE REFERENCES quiz_sessions (id) ON DELETE CASCADE,
    finished_at        TEXT    NOT NULL,
    anxiety            REAL,
    avoidance          REAL,
    anxiety_answered   INTEGER NOT NULL,
    avoidance_answered INTEGER NOT NULL,
    -- leaning, leaning_close, on_the_line, withheld_same, withheld_inconsistent or incomplete.
    verdict            TEXT    NOT NULL,
    -- Style keys (secure, anxious, dismissive, fearful), comma-separated; empty when none is given.
    styles             TEXT    NOT NULL DEFAULT '',
    -- The dimension whose answers contradicted each other, for withheld_inconsistent.
    dimension          TEXT
);

CREATE INDEX quiz_results_by_user ON quiz_results (user_id, finished_at);
