-- After a rollback, in its own transaction: the attempt and its error, with no rows attached.
INSERT OR REPLACE INTO loads (load_id, started_at, finished_at, status, parquet_files, note)
VALUES ($load_id, $started_at, $finished_at, 'failed', $parquet_files, $note);
