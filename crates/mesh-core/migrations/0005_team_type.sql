-- 0005: a team's Team Topologies type. Never edit a shipped migration: add the next number.
-- NULL means not said, so existing meshes need no data change.

ALTER TABLE team ADD COLUMN team_type TEXT
    CHECK (team_type IN ('stream-aligned', 'platform', 'enabling', 'complicated-subsystem'));
