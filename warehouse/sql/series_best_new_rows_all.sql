-- The rows series_best_merge.sql adds for a rebuild: every known visible row.
SELECT * FROM pop_known
