-- Insert one dataset's Parquet rows whose id is not in the table yet, stamped with the load; rows
-- already there keep their first load_id. Straight from the files into the table: no staging copy,
-- and no key index (an anti-join on the id keeps ids unique; issue 13: a PRIMARY KEY made loads
-- 4x slower and the file 6.5x bigger, and the file is copied by every load).
-- The column list, table and key slots are filled in from transform.schema (trusted names, not user
-- input); no slot is named in a comment, since a filled slot can span lines and end the comment.
-- The dedupe slot is empty when every id is in one file only; otherwise it keeps, per id, the latest
-- fetch (then the first file name), as a QUALIFY clause.
INSERT INTO {table} BY NAME
SELECT {columns}, $load_id AS load_id
FROM read_parquet(
    $files, hive_partitioning = true, hive_types_autocast = false, union_by_name = true, filename = true
) AS s
WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.{key} = s.{key})
{dedupe};
