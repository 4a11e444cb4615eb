-- series_best rebuilt from every vintage (pop_known: the known rows visible now, refresh_sources.sql):
-- at a schema set-up (a warehouse made before the table gets it here), by a refresh by hand, and
-- by a load that finds the table does not account for every row (series_best_complete.sql).
DELETE FROM series_best;
INSERT INTO series_best BY NAME FROM series_best_of('pop_known');
