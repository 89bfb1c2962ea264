-- Daily practice nudges by DM, and the DM channel each person's nudges go to.

ALTER TABLE people ADD COLUMN dm_channel_id INTEGER;

CREATE TABLE nudges (
    user_id        INTEGER PRIMARY KEY NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    enabled        INTEGER NOT NULL DEFAULT 1,
    -- The person's chosen local time (HH:MM) and IANA zone.
    local_time     TEXT    NOT NULL,
    time_zone      TEXT    NOT NULL,
    -- No nudges up to and including this local day (YYYY-MM-DD).
    paused_through TEXT,
    -- The local day the last nudge was delivered for: at most one a day.
    last_sent_day  TEXT,
    -- The practice last sent, so the next one differs.
    last_step      TEXT,
    last_practice  INTEGER,
    -- The next nudge: when (UTC) and for which local day. NULL while nudges are off.
    due_at         TEXT,
    due_day        TEXT,
    -- Set while a tick is delivering the nudge; an old claim (a crash mid-send) is taken again.
    claimed_at     TEXT,
    -- Why nudges stopped by themselves ('dm_closed'), until the person has been told.
    stopped_reason TEXT,
    reason_told    INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX nudges_due ON nudges (due_at) WHERE enabled = 1;
