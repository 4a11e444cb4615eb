-- The official best value for one figure's key (warehouse/claims.py), with its provenance. $unit is
-- NULL for change figures, whose own unit (percent) is not the unit of the level.
SELECT value, document_url, source_tier, source_id, quote, published_at
FROM best_observations
WHERE source_tier IN ('official_table', 'official_text')
  AND jurisdiction = $jurisdiction AND category = $category AND metric = $metric
  AND period_label = $period AND ($unit IS NULL OR unit = $unit)
ORDER BY unit
LIMIT 1;
