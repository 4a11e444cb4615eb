-- How many rows the load inserted into one table, and how many distinct ids among them: fewer ids
-- than rows means an id was in two of its files (load.py then inserts one copy per id instead).
SELECT count(*) AS n_rows, count(DISTINCT {key}) AS n_ids FROM {table} WHERE load_id = $load_id;
