-- Every claim on a scheduled send names the run of the bot that made it, so a restart can release at once
-- the claims a crashed run left behind. A snoozed nudge keeps the practice it showed.

ALTER TABLE nudges ADD COLUMN claimed_by TEXT;
ALTER TABLE nudges ADD COLUMN snoozed_step TEXT;
ALTER TABLE nudges ADD COLUMN snoozed_practice INTEGER;
ALTER TABLE recaps ADD COLUMN claimed_by TEXT;
ALTER TABLE groups ADD COLUMN claimed_by TEXT;
ALTER TABLE groups ADD COLUMN summary_claimed_by TEXT;

CREATE INDEX recaps_due_at ON recaps (due_at) WHERE enabled = 1;
CREATE INDEX groups_summary_due ON groups (summary_due_at) WHERE enabled = 1;
