-- A value sealed with DATA_KEY when text was first sealed: a different key is noticed at start-up.
CREATE TABLE key_check (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    sealed TEXT    NOT NULL
);
