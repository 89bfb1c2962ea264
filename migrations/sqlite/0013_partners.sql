-- Practice partners: two people who chose each other. One row per person in a partnership (so each person has
-- at most one partner, and their own row is theirs to export and delete), invitations as the inviter's rows,
-- and "don't ask again" as the blocker's rows.
CREATE TABLE partners (
    user_id INTEGER PRIMARY KEY REFERENCES people (user_id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL,
    since TEXT NOT NULL,
    -- Whether this person shows their current streak to their partner in /partner status.
    share_streak INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX partners_partner ON partners (partner_id);

CREATE TABLE partner_invites (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    invitee_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    -- 'pending', 'accepted', 'declined' or 'withdrawn' (a "don't ask again" reads as 'declined' here).
    status TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX partner_invites_invitee ON partner_invites (invitee_id, status);
CREATE INDEX partner_invites_inviter ON partner_invites (user_id, status);

CREATE TABLE partner_blocks (
    user_id INTEGER NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
    blocked_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);
