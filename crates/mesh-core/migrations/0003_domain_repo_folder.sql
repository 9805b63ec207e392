-- 0003: where each domain's manifests are exported. Never edit a shipped migration: add the
-- next number. NULL means the domain's name, so existing meshes need no data change.

ALTER TABLE domain ADD COLUMN repo_folder TEXT;
