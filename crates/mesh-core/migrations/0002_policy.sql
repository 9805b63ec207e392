-- 0002: the mesh's governance policy. Never edit a shipped migration: add the next number.
-- One row holding the whole policy as JSON text, read and written whole like the other
-- JSON columns. No row means the default policy (every built-in rule, default settings).

CREATE TABLE policy (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    body       TEXT NOT NULL
);
