-- The schema version a warehouse file was last set up with (none: a new file, or one made before
-- versions were stamped).
SELECT max(version) FROM cyberstats_schema;
