-- Insert staged rows whose id is not in the table yet; rows already there keep their first load_id.
MERGE INTO {table} AS t
USING staged AS s
ON t.{key} = s.{key}
WHEN NOT MATCHED THEN INSERT BY NAME;
