-- How many rows one dataset's Parquet files hold, from their footers alone (no column is read).
SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata($files);
