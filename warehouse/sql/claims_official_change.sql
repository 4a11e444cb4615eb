-- The official change for one figure's period (warehouse/claims.py): against the period the figure
-- names ($compared_with), else the same period a year earlier. Both values must be official.
SELECT change_pct, change_abs, document_url, source_tier, prior_document_url, prior_source_tier
FROM period_over_period
WHERE source_tier IN ('official_table', 'official_text')
  AND prior_source_tier IN ('official_table', 'official_text')
  AND jurisdiction = $jurisdiction AND category = $category AND metric = $metric
  AND period_label = $period AND ($unit IS NULL OR unit = $unit)
  AND (prior_period_label = $compared_with OR ($compared_with IS NULL AND comparison = 'year_ago'))
ORDER BY comparison = 'year_ago' DESC, unit
LIMIT 1;
