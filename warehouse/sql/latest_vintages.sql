-- The values of the latest vintage of each series (one labelled number of one document URL) of
-- the given sources: what transform/vintages.py compares a newly parsed row with. Columns in the
-- order of transform.vintages.SERIES_COLUMNS, then value and qualifier. $all_urls false: only the
-- series of the document URLs in $urls (those of the rows being tested).
SELECT source_id, document_url, jurisdiction, category, source_label, metric, unit, period_label,
       value, qualifier
FROM visible_observations
WHERE source_id IN (SELECT unnest($sources))
  AND ($all_urls OR document_url IN (SELECT unnest($urls::VARCHAR[])))
QUALIFY fetched_at IS NOT DISTINCT FROM max(fetched_at) OVER (
    PARTITION BY source_id, document_url, jurisdiction, category, source_label, metric, unit, period_label
);
