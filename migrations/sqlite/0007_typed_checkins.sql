-- A check-in being typed in the DM: the bot asked for the feeling, then for the need.

CREATE TABLE pending_checkins (
    user_id    INTEGER PRIMARY KEY NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    started_at TEXT    NOT NULL,
    -- NULL while the bot waits for the feeling; set while it waits for the need.
    feeling    TEXT
);
