-- Headline year_ago lines: per (category, metric) and kind of period (year, half, quarter, span),
-- the newest period that has a prior value to compare with. A series with no comparable pair
-- shows its newest period once, with the reason in `reason`.
WITH headline AS (
    SELECT p.*, c.period_start, c.period_end, c.period_type
    FROM period_over_period AS p
    JOIN period_calendar AS c USING (period_label)
    WHERE p.comparison = 'year_ago'
      AND p.jurisdiction = 'HK'
      AND p.category IN ('technology_crime', 'overall_crime', 'violent_crime', 'deception')
      AND p.metric IN ('cases', 'loss')
),
ranked AS (
    SELECT *,
        row_number() OVER (
            PARTITION BY category, metric, unit, period_type, month(period_start), month(period_end)
            ORDER BY prior_value IS NULL, period_end DESC, period_start ASC
        ) AS rn,
        bool_or(prior_value IS NOT NULL) OVER (PARTITION BY category, metric, unit) AS series_has_pair,
        row_number() OVER (
            PARTITION BY category, metric, unit ORDER BY period_end DESC, period_start ASC
        ) AS newest
    FROM headline
)
SELECT * EXCLUDE (rn, series_has_pair, newest, period_start, period_end, period_type)
FROM ranked
WHERE (series_has_pair AND rn = 1 AND prior_value IS NOT NULL) OR (NOT series_has_pair AND newest = 1)
ORDER BY CASE category WHEN 'technology_crime' THEN 1 WHEN 'overall_crime' THEN 2
                       WHEN 'violent_crime' THEN 3 ELSE 4 END,
         metric, period_end DESC, period_label;
