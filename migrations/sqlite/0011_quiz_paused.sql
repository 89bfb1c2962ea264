-- A quiz stopped with "Stop for now" keeps its answers but no longer reads typed DMs as answers: it
-- resumes only when asked (`/quiz start`, its Continue button, or an answer button of its own).
ALTER TABLE quiz_sessions ADD COLUMN paused_at TEXT;
