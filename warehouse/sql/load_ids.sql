-- How many rows and distinct ids one dataset's Parquet files hold: reads only the id column.
-- n_ids is what the load read (after dedupe); n_rows > n_ids means the same id is in two files
-- (the same content written by two runs), and insert_new.sql must then keep one copy per id.
SELECT count(*) AS n_rows, count(DISTINCT {key}) AS n_ids
-- (read_parquet( ends its line: DuckDB's error quote of it stays short, see test_report_browser)
FROM read_parquet(
    $files, hive_partitioning = true, hive_types_autocast = false, union_by_name = true
);
