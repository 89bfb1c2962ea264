-- People, the steps they have completed, and the practices they have logged.
-- Discord ids are snowflakes below 2^63, stored as INTEGER. Instants are UTC, written RFC 3339.

CREATE TABLE people (
    user_id       INTEGER PRIMARY KEY NOT NULL,
    first_seen_at TEXT    NOT NULL,
    -- IANA time zone name; NULL means the person has not chosen one yet (days are then UTC days).
    time_zone     TEXT
);

CREATE TABLE step_progress (
    user_id      INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    step_slug    TEXT    NOT NULL,
    completed_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, step_slug)
) WITHOUT ROWID;

CREATE TABLE practice_log (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    step_slug    TEXT    NOT NULL,
    -- 1, 2 or 3: the practice's place in its step.
    practice     INTEGER NOT NULL CHECK (practice BETWEEN 1 AND 3),
    -- The person's own calendar day the practice counts for (YYYY-MM-DD).
    practice_day TEXT    NOT NULL,
    logged_at    TEXT    NOT NULL,
    -- Where it was logged from: 'step' for now; nudges and group channels add their own.
    source       TEXT    NOT NULL DEFAULT 'step',
    -- A double click, or logging the same practice twice in a day, counts once.
    UNIQUE (user_id, step_slug, practice, practice_day)
);

CREATE INDEX practice_log_recent ON practice_log (user_id, logged_at DESC);
