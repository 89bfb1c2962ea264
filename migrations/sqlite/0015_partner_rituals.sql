-- A weekly ritual two partners chose (step 4): proposed by one (user_id), accepted by the other. One instant a
-- week, kept in the proposer's zone; both are reminded an hour before (a scheduled send), and "We did it"
-- counts once a week for both.
CREATE TABLE partner_rituals (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL,
    -- 0 is Monday, 6 is Sunday.
    weekday INTEGER NOT NULL,
    local_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    what TEXT NOT NULL,
    -- 'proposed', 'accepted' or 'declined'.
    status TEXT NOT NULL DEFAULT 'proposed',
    next_at TEXT NOT NULL,
    -- Due: an hour before next_at, once accepted.
    remind_at TEXT,
    -- The instant last marked "We did it".
    done_for TEXT,
    claimed_at TEXT,
    claimed_by TEXT
);
CREATE INDEX partner_rituals_due ON partner_rituals (remind_at);
CREATE INDEX partner_rituals_partner ON partner_rituals (partner_id);
