-- Daily check-ins (feeling, need, how steady) and a private journal.

CREATE TABLE checkins (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    -- The person's own calendar day, for streaks.
    day       TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    feeling   TEXT    NOT NULL,
    need      TEXT    NOT NULL,
    -- 1 (shaky) to 5 (steady), when given.
    steadiness INTEGER CHECK (steadiness BETWEEN 1 AND 5)
);

CREATE INDEX checkins_by_user ON checkins (user_id, at DESC);

CREATE TABLE journal (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    at      TEXT    NOT NULL,
    prompt  TEXT,
    text    TEXT    NOT NULL
);

CREATE INDEX journal_by_user ON journal (user_id, at DESC);
