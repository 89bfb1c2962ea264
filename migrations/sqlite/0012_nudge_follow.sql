-- Which step a person's nudges follow: NULL for the first step not marked complete (and, once all are, every
-- step in turn), 'all' for every step in turn (one a week), or a step's slug for that one step.
ALTER TABLE people ADD COLUMN nudge_follow TEXT;
