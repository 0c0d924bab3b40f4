-- monosweep results schema, version 2: what a coordinator needs to take over a cluster's sweeps.

-- A sweep submitted to a cluster, with its spec's text, so that a coordinator that starts
-- anywhere (a cluster singleton that moved) can expand the same grid again and resume it.
CREATE TABLE IF NOT EXISTS sweep_specs (
  sweep     CHARACTER VARYING(200) PRIMARY KEY,
  origin    CHARACTER VARYING NOT NULL,
  spec_text CHARACTER VARYING NOT NULL,
  submitted TIMESTAMP WITH TIME ZONE NOT NULL,
  finished  TIMESTAMP WITH TIME ZONE
);

-- The attempt whose result a DONE cell holds: one row per cell, so the database itself refuses
-- a second result for a cell (a late report from an attempt whose lease was taken over).
CREATE TABLE IF NOT EXISTS cell_results (
  cell_id   CHARACTER(16) PRIMARY KEY REFERENCES cells (cell_id),
  attempt   INTEGER NOT NULL CHECK (attempt >= 1),
  node      CHARACTER VARYING NOT NULL,
  stored_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Results stored before version 2 get their row, so the rule holds for them too.
INSERT INTO cell_results (cell_id, attempt, node, stored_at)
  SELECT cell_id, GREATEST(attempt, 1), COALESCE(node, ''), COALESCE(finished_at, CURRENT_TIMESTAMP)
  FROM cells WHERE status = 'DONE' AND cell_id NOT IN (SELECT cell_id FROM cell_results);

-- Identity columns hand out values from a cache; H2's default cache of 32 made every 32nd
-- metric row flush the sequence to the file, a tenth of the write time in a 10,000-cell sweep
-- (measured). A crash only leaves a gap in the ids.
ALTER TABLE metrics ALTER COLUMN id SET CACHE 100000;
ALTER TABLE artifacts ALTER COLUMN id SET CACHE 100000;
