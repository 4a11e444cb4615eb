-- Every non-official vintage of one figure's level (warehouse/claims.py): the sources a figure is
-- corroborated or disputed by where no official figure exists. Unknown labels are left out.
SELECT source_id, source_tier, document_url, value, qualifier, quote, published_at
FROM known_observations
WHERE source_tier NOT IN ('official_table', 'official_text')
  AND jurisdiction = $jurisdiction AND category = $category AND metric = $metric
  AND period_label = $period AND unit = $unit
ORDER BY tier_rank(source_tier), published_at DESC NULLS LAST, document_url;
