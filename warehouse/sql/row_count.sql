-- How many rows a table holds ({table}: a trusted name from warehouse/db.py).
SELECT count(*) FROM {table};
