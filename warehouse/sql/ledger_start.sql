-- A load begins (inside the load's transaction: never visible as 'running' to another reader).
INSERT INTO loads (load_id, started_at, status, parquet_files)
VALUES ($load_id, $started_at, 'running', $parquet_files);
