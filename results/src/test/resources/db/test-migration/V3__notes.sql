-- A second schema version, only for the migration test.
ALTER TABLE sweeps ADD COLUMN IF NOT EXISTS notes CHARACTER VARYING;
