-- The country a person chose for crisis resources (ISO 3166-1 alpha-2), when they chose one.
ALTER TABLE people ADD COLUMN country TEXT;
