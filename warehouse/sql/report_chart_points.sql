-- Points of the report's trend charts (warehouse/charts.py): cases and losses of one jurisdiction
-- by year and by half-year. `role` says how a point is drawn:
--   chosen : the value the warehouse uses (best_and_derived), with its tier and whether derived;
--   media  : another vintage from a news item (media tier) that the chosen official value outranks,
--            so a reader sees what the press printed beside the official figure.
-- Technology crime and deception first, then the crime totals, then the other offences by name.
WITH chosen AS (
    SELECT 'chosen' AS role, category, metric, unit, period_type, period_label, period_start, value,
           source_tier, is_derived, document_url
    FROM best_and_derived
    WHERE jurisdiction = $jurisdiction
),
media AS (
    SELECT 'media' AS role, o.category, o.metric, o.unit, o.period_type, o.period_label, o.period_start,
           o.value, o.source_tier, false AS is_derived, o.document_url
    FROM known_observations AS o
    JOIN chosen AS c
      ON c.category = o.category AND c.metric = o.metric AND c.unit = o.unit
     AND c.period_label = o.period_label AND c.source_tier <> 'media'
    WHERE o.jurisdiction = $jurisdiction AND o.source_tier = 'media'
),
points AS (
    SELECT * FROM chosen
    UNION ALL
    SELECT * FROM media
)
SELECT *,
       CASE category WHEN 'technology_crime' THEN 1 WHEN 'deception' THEN 2 WHEN 'overall_crime' THEN 3
                     WHEN 'violent_crime' THEN 4 ELSE 5 END AS category_rank
FROM points
WHERE metric IN ('cases', 'loss') AND unit IN ('count', 'HKD') AND period_type IN ('year', 'half')
ORDER BY category_rank, category, metric = 'loss', period_type = 'half', period_start, role, value;
