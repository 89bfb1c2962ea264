-- Every running process of the bot, with the shards it runs and when it last said it was alive. A claim on a
-- scheduled send names its process; when a process stops heartbeating, the others release what it held.
CREATE TABLE processes (
    boot         TEXT PRIMARY KEY NOT NULL,
    -- The shards it runs, as SHARDS spells them ("0-1/4"), or "all".
    shards       TEXT NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL
);

-- The one send budget every process draws on, so their bulk sends together keep to SENDS_PER_SECOND: each
-- send takes the next slot after `next_at`.
CREATE TABLE send_pace (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    next_at TIMESTAMPTZ NOT NULL
);
INSERT INTO send_pace (id, next_at) VALUES (1, now());
