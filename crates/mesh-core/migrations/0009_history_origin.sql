-- 0009: who made each edit of the history. Never edit a shipped migration: add the next
-- number.
-- `desktop:<window>` for a window of the app, `process:<pid>` for another program (the
-- command line); entries from before this migration have none and count as anyone's.
-- Undo in a window takes back its own edits, and refuses when an edit made elsewhere
-- since touched the same entity.
ALTER TABLE change_log ADD COLUMN origin TEXT;
