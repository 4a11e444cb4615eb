-- Read one dataset's Parquet files into a temporary table, one row per id, stamped with the load.
-- {columns} and {key} are filled in from transform.schema (trusted names, not user input).
-- The same id in two files (the same content written by two runs) keeps the latest fetch.
CREATE OR REPLACE TEMP TABLE staged AS
SELECT * EXCLUDE (rn)
FROM (
    SELECT
        {columns},
        $load_id AS load_id,
        row_number() OVER (PARTITION BY {key} ORDER BY fetched_at DESC NULLS LAST, filename) AS rn
    FROM read_parquet(
        $files, hive_partitioning = true, hive_types_autocast = false, union_by_name = true, filename = true
    )
)
WHERE rn = 1;
