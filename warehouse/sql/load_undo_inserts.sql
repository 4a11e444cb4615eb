-- Take back the rows one load inserted into one table (inside its transaction, before a retry).
DELETE FROM {table} WHERE load_id = $load_id;
