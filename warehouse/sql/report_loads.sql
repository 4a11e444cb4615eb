-- The loads ledger, newest first: every attempt, completed, failed or still running.
SELECT load_id, status, started_at, finished_at,
       observations_read, observations_inserted, articles_read, articles_inserted,
       article_figures_read, article_figures_inserted,
       coalesce(len(parquet_files), 0) AS n_files, note
FROM loads
ORDER BY started_at DESC, load_id;
