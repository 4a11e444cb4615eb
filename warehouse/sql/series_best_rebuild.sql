-- Before series_best is rebuilt from every vintage (series_best_merge.sql over every known visible
-- row, pop_known): at a schema set-up (a warehouse made before the table gets it here), by a
-- refresh by hand, and by a load that finds the table does not account for every row
-- (series_best_complete.sql).
DELETE FROM series_best;
