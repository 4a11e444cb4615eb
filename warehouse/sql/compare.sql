-- Rows of period_over_period for one series and comparison, newest period first (longer periods
-- first among those ending on the same day); $period NULL means every period. Each row carries the
-- URL and tier of both values (from the view), the change a release stated itself where the prior
-- level is not stored (published_changes, as the demo table shows it), and `sample` when either
-- value or the stated change comes from a page this project wrote (sql/sample.sql).
SELECT p.*, pc.published_change_pct, pc.published_change_tier, pc.published_change_url,
       is_sample_url(p.document_url) OR is_sample_url(p.prior_document_url)
           OR is_sample_url(pc.published_change_url) AS sample
FROM period_over_period AS p
JOIN period_calendar AS c USING (period_label)
LEFT JOIN published_changes AS pc
  ON p.comparison = 'year_ago' AND pc.jurisdiction = p.jurisdiction AND pc.category = p.category
 AND pc.metric = p.metric AND pc.period_label = p.period_label
WHERE p.jurisdiction = $jurisdiction
  AND p.category = $category
  AND p.metric = $metric
  AND p.comparison = $comparison
  AND ($period IS NULL OR p.period_label = $period)
ORDER BY c.period_end DESC, c.period_start ASC, p.unit;
