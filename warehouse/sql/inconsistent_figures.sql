-- News figures whose verdict is 'inconsistent', for run summaries and the report.
SELECT category, metric, period_label, kind, value, unit, official_value, likely_cause,
       document_url, quote
FROM article_figure_checks
WHERE verdict = 'inconsistent'
ORDER BY published_at DESC NULLS LAST, document_url, period_label
LIMIT $limit;
