-- The bench baseline of `validate`: a columnar check of the same rules over the Arrow table `obs`
-- (not-null, known values, finite, sign, range per unit, period order, blank URL, known category,
-- unique ids), counting the rows that break each. Written as one DuckDB query, the fastest way this
-- machine has to ask those questions of a table.
SELECT
    count(*) FILTER (WHERE observation_id IS NULL OR jurisdiction IS NULL OR category IS NULL
                       OR metric IS NULL OR unit IS NULL OR period_label IS NULL OR period_start IS NULL
                       OR period_end IS NULL OR period_type IS NULL OR value IS NULL OR qualifier IS NULL
                       OR source_id IS NULL OR source_tier IS NULL OR document_url IS NULL
                       OR parser_version IS NULL) AS nulls,
    count(*) FILTER (WHERE unit NOT IN ('count', 'HKD', 'USD', 'percent', 'ratio')) AS bad_unit,
    count(*) FILTER (WHERE source_tier NOT IN ('official_table', 'official_text', 'media')) AS bad_tier,
    count(*) FILTER (WHERE qualifier NOT IN ('exact', 'approx', 'more_than', 'less_than')) AS bad_qualifier,
    count(*) FILTER (WHERE period_type NOT IN ('year', 'half', 'quarter', 'month', 'span')) AS bad_type,
    count(*) FILTER (WHERE NOT isfinite(value)) AS not_finite,
    count(*) FILTER (WHERE value < 0 AND unit <> 'percent') AS negative,
    count(*) FILTER (WHERE value > CASE unit WHEN 'count' THEN 1e10 WHEN 'percent' THEN 1e5
                                             WHEN 'ratio' THEN 1e5 ELSE 1e13 END
                        OR (unit = 'percent' AND value < -100)
                        OR (metric = 'detection_rate' AND unit = 'percent' AND value > 100)) AS out_of_range,
    count(*) FILTER (WHERE period_end < period_start) AS reversed,
    count(*) FILTER (WHERE trim(document_url) = '') AS blank_url,
    count(*) FILTER (WHERE category NOT IN (SELECT unnest($known))
                       AND NOT (category = 'unknown' AND trim(coalesce(source_label, '')) <> '')) AS bad_category,
    count(*) - count(DISTINCT observation_id) AS repeated_ids
FROM obs;
