-- A load's private copy of the warehouse (warehouse/db.py, swapped_warehouse), attached to an
-- in-memory connection (then made its default database) with smaller row groups than DuckDB's
-- 122 880 rows (LOAD_ROW_GROUP_SIZE). Each load appends its rows as row groups of their own, and
-- the load's CHECKPOINT merges small adjacent ones, holding every row it merges in memory: at
-- DuckDB's size those merges grew with the table up to a full row group (57 MB at 120k
-- observations; issue 13). The size holds for this attach only: any connection reads the file.
ATTACH $path AS warehouse (ROW_GROUP_SIZE {row_group_size});
