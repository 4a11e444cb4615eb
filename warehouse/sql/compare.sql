-- Rows of period_over_period for one series and comparison, newest period first (longer periods
-- first among those ending on the same day); $period NULL means every period.
SELECT p.*
FROM period_over_period AS p
JOIN period_calendar AS c USING (period_label)
WHERE p.jurisdiction = $jurisdiction
  AND p.category = $category
  AND p.metric = $metric
  AND p.comparison = $comparison
  AND ($period IS NULL OR p.period_label = $period)
ORDER BY c.period_end DESC, c.period_start ASC, p.unit;
