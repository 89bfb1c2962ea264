-- Every running process of the bot, with the shards it runs and when it last said it was alive. A claim on a
-- scheduled send names its process; when a process stops heartbeating, the others release what it held.
CREATE TABLE processes (
    boot         TEXT PRIMARY KEY NOT NULL,
    -- The shards it runs, as SHARDS spells them ("0-1/4"), or "all".
    shards       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);
