-- 0004: what an import keeps when it cannot place it. Never edit a shipped migration: add
-- the next number.
--
-- An input port may now name a provider the mesh does not hold yet (`unresolved_ref`, the
-- reference as the manifest wrote it). SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt with the same rows; nothing references input_port.
CREATE TABLE input_port_new (
    id                 TEXT PRIMARY KEY,
    product_id         TEXT NOT NULL REFERENCES product (id),
    name               TEXT NOT NULL,
    description        TEXT,
    provider_port_id   TEXT REFERENCES output_port (id),
    source_system_id   TEXT REFERENCES source_system (id),
    unresolved_ref     TEXT,
    custom_properties  TEXT NOT NULL DEFAULT '[]',
    extensions         TEXT NOT NULL DEFAULT '{}',
    UNIQUE (product_id, name),
    CHECK ((provider_port_id IS NOT NULL) + (source_system_id IS NOT NULL)
           + (unresolved_ref IS NOT NULL) = 1)
);
INSERT INTO input_port_new (id, product_id, name, description, provider_port_id,
                            source_system_id, custom_properties, extensions)
    SELECT id, product_id, name, description, provider_port_id, source_system_id,
           custom_properties, extensions
    FROM input_port;
DROP TABLE input_port;
ALTER TABLE input_port_new RENAME TO input_port;
CREATE INDEX input_port_provider ON input_port (provider_port_id);
CREATE INDEX input_port_source ON input_port (source_system_id);

-- Contracts kept whole as the documents they came as (a standalone ODCS file, a Data
-- Contract Specification file), attached to an output port or not.
CREATE TABLE contract (
    id              TEXT PRIMARY KEY,
    contract_id     TEXT NOT NULL,
    name            TEXT,
    version         TEXT,
    format          TEXT NOT NULL,
    output_port_id  TEXT REFERENCES output_port (id),
    document        TEXT NOT NULL
);
CREATE INDEX contract_port ON contract (output_port_id);
