-- 0006: each view's filter, saved with the mesh. Never edit a shipped migration: add the next number.
-- One row per view that has a filter, the filter as JSON text. It is how the mesh is looked
-- at, not part of it: no edit records it and undo leaves it alone.

CREATE TABLE view_filter (
    view    TEXT PRIMARY KEY NOT NULL,
    body    TEXT NOT NULL
);
