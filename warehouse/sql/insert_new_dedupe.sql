QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY fetched_at DESC NULLS LAST, filename) = 1
