-- Observations whose label did not map to a category: kept with the raw label, listed for review.
SELECT jurisdiction, source_label, source_id, metric, unit, period_label, value, qualifier,
       source_tier, document_url, published_at
FROM visible_observations
WHERE category = 'unknown'
ORDER BY source_id, source_label, period_end DESC, document_url;
