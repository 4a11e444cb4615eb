-- Headline lines: per series (category, metric, unit) of one jurisdiction, the newest year_ago
-- comparison that has a prior value or a change the release published itself (a longer period first when two end on the same day, so a
-- year beats its derived second half). A series with no comparable pair shows its newest period
-- once, with the reason.
WITH ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY category, metric, unit
            ORDER BY prior_value IS NULL AND published_change_pct IS NULL, period_end DESC, period_start ASC
        ) AS rn
    FROM report_comparisons
    WHERE comparison = 'year_ago' AND jurisdiction = $jurisdiction
)
SELECT * EXCLUDE (rn)
FROM ranked
WHERE rn = 1
ORDER BY category_rank, category, metric, unit;
