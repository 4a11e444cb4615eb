-- The rows series_best_merge.sql adds after a load: that load's rows of known categories.
SELECT * FROM observations WHERE load_id = $load_id AND category <> 'unknown'
