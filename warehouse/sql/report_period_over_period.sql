-- Every comparison (year_ago and previous) of one jurisdiction, newest period first per series.
SELECT *
FROM report_comparisons
WHERE jurisdiction = $jurisdiction
ORDER BY category_rank, category, metric, unit, period_end DESC, period_start ASC,
         comparison = 'year_ago' DESC;
