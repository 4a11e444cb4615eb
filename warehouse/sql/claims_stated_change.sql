-- Changes (kind $kind: change_pct, change_abs, fold) that stored documents stated themselves for one
-- figure's key (warehouse/claims.py): the official ones are the fallback when the prior level is not
-- stored ("losses up 28%"), the others are the sources a figure is corroborated or disputed by.
-- A figure naming no base period is taken to compare with the same period a year earlier.
SELECT source_id, source_tier, document_url, value, qualifier, quote, published_at
FROM visible_article_figures
WHERE jurisdiction = $jurisdiction AND category = $category AND metric = $metric
  AND period_label = $period AND kind = $kind
  AND (compared_with IS NOT DISTINCT FROM $compared_with OR compared_with IS NULL OR $compared_with IS NULL)
  AND (source_tier IN ('official_table', 'official_text')) = $official
ORDER BY tier_rank(source_tier), published_at DESC NULLS LAST, document_url, char_start;
