-- Headline year_ago lines for the headline series. Per (category, metric) and kind of period
-- (year, H1, H2, Q1..Q4, a span of months), the newest period that can be compared: either both
-- values are in the warehouse, or a release published the change itself (`published_change_pct`,
-- e.g. "losses up 28%" when last year's loss was never stated). A series with nothing comparable
-- shows its newest period once, with the reason in `reason`.
WITH headline AS (
    SELECT p.*, pc.published_change_pct, pc.published_change_tier, pc.published_change_url,
           c.period_start, c.period_end, c.period_type,
           p.prior_value IS NOT NULL OR pc.published_change_pct IS NOT NULL AS comparable
    FROM period_over_period AS p
    JOIN period_calendar AS c USING (period_label)
    LEFT JOIN published_changes AS pc USING (jurisdiction, category, metric, period_label)
    WHERE p.comparison = 'year_ago'
      AND p.jurisdiction = 'HK'
      AND p.category IN ('technology_crime', 'overall_crime', 'violent_crime', 'deception')
      AND p.metric IN ('cases', 'loss')
),
ranked AS (
    SELECT *,
        row_number() OVER (
            PARTITION BY category, metric, unit, period_type, month(period_start), month(period_end)
            ORDER BY NOT comparable, period_end DESC, period_start ASC
        ) AS rn,
        bool_or(comparable) OVER (PARTITION BY category, metric, unit) AS series_comparable,
        row_number() OVER (
            PARTITION BY category, metric, unit ORDER BY period_end DESC, period_start ASC
        ) AS newest
    FROM headline
)
SELECT * EXCLUDE (rn, series_comparable, newest, comparable, period_start, period_end, period_type)
FROM ranked
WHERE (series_comparable AND rn = 1 AND comparable) OR (NOT series_comparable AND newest = 1)
ORDER BY CASE category WHEN 'technology_crime' THEN 1 WHEN 'overall_crime' THEN 2
                       WHEN 'violent_crime' THEN 3 ELSE 4 END,
         metric, period_end DESC, period_label;
