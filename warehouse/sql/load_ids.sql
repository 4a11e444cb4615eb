-- How many rows and distinct ids one dataset's Parquet files hold: reads only the id column.
-- n_ids is what the load read (after dedupe). Run only when the insert alone cannot tell
-- (load.py: some ids already stored, or one id in two files).
SELECT count(*) AS n_rows, count(DISTINCT {key}) AS n_ids
-- (read_parquet( ends its line: DuckDB's error quote of it stays short, see test_report_browser)
FROM read_parquet(
    $files, hive_partitioning = true, hive_types_autocast = false, union_by_name = true
);
