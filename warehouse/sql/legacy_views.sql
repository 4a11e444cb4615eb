-- Relations that were views in warehouses made by earlier versions and are tables now: listed so
-- that ensure_schema can drop the old view before creating the table (issue 13).
SELECT view_name FROM duckdb_views()
WHERE NOT internal AND schema_name = 'main' AND view_name IN ('period_over_period');
