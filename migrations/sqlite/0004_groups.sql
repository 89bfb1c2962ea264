-- Group accountability channels: one setup per server, its daily posts, who checked in, and who wants to be named.

CREATE TABLE groups (
    guild_id        INTEGER PRIMARY KEY NOT NULL,
    channel_id      INTEGER NOT NULL,
    local_time      TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL,
    -- A step slug, or 'guide' for one step a week in order.
    focus           TEXT    NOT NULL,
    -- The local day the setup began: the guide's weeks count from it.
    started_on      TEXT    NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1,
    -- Why the posts paused by themselves, until an admin has been told.
    paused_reason   TEXT,
    reason_told     INTEGER NOT NULL DEFAULT 1,
    -- The next daily post and the next weekly summary, as for nudges: UTC instant, local day, claim.
    due_at          TEXT,
    due_day         TEXT,
    claimed_at      TEXT,
    last_post_day   TEXT,
    -- The weekly summary's day (Mon … Sun) and local time.
    summary_weekday TEXT    NOT NULL DEFAULT 'Sun',
    summary_time    TEXT    NOT NULL DEFAULT '19:00',
    summary_due_at  TEXT,
    summary_due_day TEXT,
    summary_claimed_at TEXT,
    last_summary_day TEXT,
    -- Set when the bot was removed from the server; the server's data is deleted after a grace period.
    removed_at      TEXT
);

CREATE INDEX groups_due ON groups (due_at) WHERE enabled = 1;

CREATE TABLE group_posts (
    guild_id   INTEGER NOT NULL REFERENCES groups (guild_id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    channel_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    step_slug  TEXT    NOT NULL,
    practice   INTEGER NOT NULL,
    -- How many people checked in: kept even when a person's own data is deleted.
    checkins   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;

CREATE TABLE group_checkins (
    guild_id INTEGER NOT NULL,
    day      TEXT    NOT NULL,
    user_id  INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    at       TEXT    NOT NULL,
    PRIMARY KEY (guild_id, day, user_id),
    FOREIGN KEY (guild_id, day) REFERENCES group_posts (guild_id, day) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE group_shoutouts (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
