-- 0008: what an output port's contract says about its data (schema objects and their
-- properties, quality rules, servers, terms of use). Never edit a shipped migration: add
-- the next number.
--
-- One JSON text column, read and written whole like the port's other lists: the body is
-- edited as part of its port, so undo and redo carry it with the port's row. Rows of older
-- files get the empty body.
ALTER TABLE output_port ADD COLUMN contract_body TEXT NOT NULL DEFAULT '{}';
