-- 0001: the first schema. Never edit a shipped migration: add the next number.
-- Ids are UUID strings. Lists and bags that are read and written whole are JSON text.
-- References have no ON DELETE actions: the store deletes dependents itself so that
-- every removed row is recorded in the change log and comes back on undo.

CREATE TABLE mesh (
    singleton          INTEGER PRIMARY KEY CHECK (singleton = 1),
    name               TEXT NOT NULL,
    namespace          TEXT NOT NULL,
    description        TEXT,
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE person (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    email         TEXT
);

CREATE TABLE team (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    description        TEXT,
    email              TEXT,
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE team_member (
    team_id    TEXT NOT NULL REFERENCES team (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    role       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_member_person ON team_member (person_id);

CREATE TABLE domain (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    description        TEXT,
    parent_id          TEXT REFERENCES domain (id),
    owner_team_id      TEXT REFERENCES team (id),
    links              TEXT NOT NULL DEFAULT '[]',
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX domain_parent ON domain (parent_id);
CREATE INDEX domain_owner ON domain (owner_team_id);

CREATE TABLE source_system (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    description        TEXT,
    system_type        TEXT,
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE product (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL UNIQUE,
    display_name           TEXT NOT NULL,
    version                TEXT NOT NULL,
    purpose                TEXT,
    usage                  TEXT,
    limitations            TEXT,
    domain_id              TEXT NOT NULL REFERENCES domain (id),
    owner_team_id          TEXT REFERENCES team (id),
    accountable_person_id  TEXT REFERENCES person (id),
    status                 TEXT NOT NULL,
    archetype              TEXT,
    tags                   TEXT NOT NULL DEFAULT '[]',
    links                  TEXT NOT NULL DEFAULT '[]',
    custom_properties      TEXT NOT NULL DEFAULT '[]',
    extensions             TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX product_domain ON product (domain_id);
CREATE INDEX product_owner ON product (owner_team_id);
CREATE INDEX product_person ON product (accountable_person_id);

CREATE TABLE output_port (
    id                 TEXT PRIMARY KEY,
    product_id         TEXT NOT NULL REFERENCES product (id),
    name               TEXT NOT NULL,
    version            TEXT NOT NULL,
    port_type          TEXT NOT NULL,
    description        TEXT,
    visibility         TEXT NOT NULL,
    status             TEXT NOT NULL,
    contract           TEXT,
    contains_pii       INTEGER NOT NULL DEFAULT 0,
    classification     TEXT,
    service_levels     TEXT NOT NULL DEFAULT '[]',
    deprecation_date   TEXT,
    successor_port_id  TEXT REFERENCES output_port (id),
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}',
    UNIQUE (product_id, name, version)
);
CREATE INDEX output_port_successor ON output_port (successor_port_id);

CREATE TABLE input_port (
    id                 TEXT PRIMARY KEY,
    product_id         TEXT NOT NULL REFERENCES product (id),
    name               TEXT NOT NULL,
    description        TEXT,
    provider_port_id   TEXT REFERENCES output_port (id),
    source_system_id   TEXT REFERENCES source_system (id),
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}',
    UNIQUE (product_id, name),
    CHECK ((provider_port_id IS NULL) <> (source_system_id IS NULL))
);
CREATE INDEX input_port_provider ON input_port (provider_port_id);
CREATE INDEX input_port_source ON input_port (source_system_id);

CREATE TABLE position (
    entity_id  TEXT NOT NULL,
    view       TEXT NOT NULL,
    x          REAL NOT NULL,
    y          REAL NOT NULL,
    PRIMARY KEY (entity_id, view)
);

-- The persistent change log behind undo and redo. `changes` is the JSON list of
-- entity snapshots before and after; `undone` marks entries that redo can re-apply.
CREATE TABLE change_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    label    TEXT NOT NULL,
    at       TEXT NOT NULL,
    changes  TEXT NOT NULL,
    undone   INTEGER NOT NULL DEFAULT 0
);
