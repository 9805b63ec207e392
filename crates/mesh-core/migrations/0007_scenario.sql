-- 0007: scenarios, named to-be meshes kept beside the as-is. Never edit a shipped
-- migration: add the next number.
-- One row per scenario: the as-is it began from and its to-be, each a whole mesh as JSON.
-- A scenario is not part of the as-is: no edit of the as-is records it.

CREATE TABLE scenario (
    id       TEXT PRIMARY KEY NOT NULL,
    name     TEXT NOT NULL UNIQUE,
    created  TEXT NOT NULL,
    base     TEXT NOT NULL,
    to_be    TEXT NOT NULL
);
