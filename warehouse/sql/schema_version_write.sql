-- Stamp the schema version, in the transaction that (re)created the tables, macros and views.
CREATE TABLE IF NOT EXISTS cyberstats_schema (version VARCHAR NOT NULL);
DELETE FROM cyberstats_schema;
INSERT INTO cyberstats_schema VALUES ($version);
