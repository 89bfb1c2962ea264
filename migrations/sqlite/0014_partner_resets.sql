-- "Can we reset?": a request from one partner (user_id) to the other, its answer, and a time to reconnect at
-- which both are reminded (a scheduled send, claimed like every other).
CREATE TABLE partner_resets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL,
    asked_at TEXT NOT NULL,
    -- NULL until answered: 'ready', 'time' or 'reconnect'.
    answer TEXT,
    answered_at TEXT,
    -- When both are reminded to reconnect; NULL once reminded (or when no time was set).
    reconnect_at TEXT,
    claimed_at TEXT,
    claimed_by TEXT
);
CREATE INDEX partner_resets_asker ON partner_resets (user_id, asked_at);
CREATE INDEX partner_resets_due ON partner_resets (reconnect_at);
