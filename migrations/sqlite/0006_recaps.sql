-- The weekly recap by DM, opted into; due on the person's Sunday evening.

CREATE TABLE recaps (
    user_id       INTEGER PRIMARY KEY NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    enabled       INTEGER NOT NULL DEFAULT 1,
    due_at        TEXT,
    due_day       TEXT,
    claimed_at    TEXT,
    last_sent_day TEXT
);

CREATE INDEX recaps_due ON recaps (due_at) WHERE enabled = 1;
