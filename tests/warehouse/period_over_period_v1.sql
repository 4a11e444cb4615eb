-- The period-over-period chain as views.sql defined it before issue 13 (five plain views), kept as
-- the oracle of tests/warehouse/test_period_over_period_table.py: the table the loads refresh must
-- hold exactly the rows these views compute. The test renames each view with a v1_ prefix.

CREATE OR REPLACE VIEW best_observations AS
WITH ranked AS (
    SELECT
        o.*,
        row_number() OVER (
            PARTITION BY jurisdiction, category, metric, unit, period_label
            -- latest publication; a file with no stated date counts as published when fetched
            ORDER BY tier_rank(source_tier), coalesce(published_at, fetched_at) DESC NULLS LAST,
                     fetched_at DESC NULLS LAST, observation_id
        ) AS rank_in_key,
        count(*) OVER (PARTITION BY jurisdiction, category, metric, unit, period_label) AS n_vintages
    FROM known_observations AS o
),
winner AS (
    SELECT * FROM ranked WHERE rank_in_key = 1
),
-- Among copies of the winning publication that give the same value (the same source family, tier,
-- value and qualifier, published or fetched the same day: the CSC page in three languages), the
-- English one is shown, so links go to the page most readers can read.
best AS (
    SELECT r.* EXCLUDE (rank_in_key)
    FROM winner AS w
    JOIN ranked AS r
      ON r.jurisdiction = w.jurisdiction AND r.category = w.category AND r.metric = w.metric
     AND r.unit = w.unit AND r.period_label = w.period_label
     AND source_family(r.source_id) = source_family(w.source_id) AND r.source_tier = w.source_tier
     AND r.value = w.value AND r.qualifier = w.qualifier
     AND CAST(coalesce(r.published_at, r.fetched_at) AS DATE) = CAST(coalesce(w.published_at, w.fetched_at) AS DATE)
    QUALIFY row_number() OVER (
        PARTITION BY w.observation_id ORDER BY language_rank(r.source_id, r.document_url), r.rank_in_key
    ) = 1
),
disagreeing AS (
    SELECT b.observation_id, list_sort(list(DISTINCT o.value)) AS conflicting_values
    FROM best AS b
    JOIN known_observations AS o
      ON o.jurisdiction = b.jurisdiction AND o.category = b.category AND o.metric = b.metric
     AND o.unit = b.unit AND o.period_label = b.period_label AND o.observation_id <> b.observation_id
    WHERE NOT values_agree(b.unit, b.value, b.qualifier, o.value, o.qualifier)
    GROUP BY b.observation_id
)
SELECT
    best.*,
    d.observation_id IS NOT NULL AS conflict,
    coalesce(d.conflicting_values, []::DOUBLE[]) AS conflicting_values
FROM best
LEFT JOIN disagreeing AS d USING (observation_id);

-- Values never published but implied by cumulative releases, from best_observations of count and
-- money units: Q2 = H1 - Q1, H2 = FY - H1, Q3 = Jan-Sep - H1, Q4 = FY - Jan-Sep. In general: a
-- "whole" starting on 1 January minus a "part" with the same start, when the remainder is a
-- calendar quarter or half. Lineage: both labels and observation ids. Qualifier 'exact' only when
-- both parts are exact; tier the lower of the two; `mixed_vintage` when the parts come from
-- different documents or publication times (the earlier part may since have been revised).
CREATE OR REPLACE VIEW derived_observations AS
WITH pairs AS (
    SELECT
        w.jurisdiction, w.category, w.metric, w.unit,
        CAST(p.period_end + INTERVAL 1 DAY AS DATE) AS period_start,
        w.period_end,
        date_diff('month', CAST(p.period_end + INTERVAL 1 DAY AS DATE),
                  CAST(w.period_end + INTERVAL 1 DAY AS DATE)) AS n_months,
        w.value - p.value AS value,
        w AS whole,
        p AS part
    FROM best_observations AS w
    JOIN best_observations AS p
      ON p.jurisdiction = w.jurisdiction AND p.category = w.category AND p.metric = w.metric
     AND p.unit = w.unit AND p.period_start = w.period_start AND p.period_end < w.period_end
    WHERE w.unit IN ('count', 'HKD', 'USD')
      AND month(w.period_start) = 1 AND day(w.period_start) = 1
),
typed AS (
    SELECT
        *,
        CASE WHEN n_months = 3 AND month(period_start) IN (4, 7, 10) THEN 'quarter'
             WHEN n_months = 6 AND month(period_start) = 7 THEN 'half' END AS period_type
    FROM pairs
)
SELECT
    'derived-' || md5(whole.observation_id || '-' || part.observation_id) AS observation_id,
    jurisdiction, category, metric, unit,
    period_label_of(period_start, period_end, period_type) AS period_label,
    period_start, period_end, period_type,
    value,
    CASE WHEN whole.qualifier = 'exact' AND part.qualifier = 'exact' THEN 'exact' ELSE 'approx' END
        AS qualifier,
    CASE WHEN tier_rank(whole.source_tier) >= tier_rank(part.source_tier)
         THEN whole.source_tier ELSE part.source_tier END AS source_tier,
    whole.period_label || ' (' || whole.observation_id || ') - '
        || part.period_label || ' (' || part.observation_id || ')' AS derived_from,
    whole.period_label AS whole_period_label,
    whole.observation_id AS whole_observation_id,
    whole.value AS whole_value,
    whole.document_url AS whole_document_url,
    part.period_label AS part_period_label,
    part.observation_id AS part_observation_id,
    part.value AS part_value,
    part.document_url AS part_document_url,
    greatest(whole.published_at, part.published_at) AS published_at,
    (whole.document_url <> part.document_url
        OR whole.published_at IS DISTINCT FROM part.published_at) AS mixed_vintage
FROM typed
WHERE period_type IS NOT NULL;

-- Published best values, plus derived values for periods nobody published (a derived value never
-- replaces a published one for the same key).
CREATE OR REPLACE VIEW best_and_derived AS
SELECT
    observation_id, jurisdiction, category, metric, unit, period_label, period_start, period_end,
    period_type, value, qualifier, source_id, source_tier, document_url, published_at,
    derived_from, n_vintages, conflict, false AS is_derived, false AS mixed_vintage
FROM best_observations
UNION ALL
SELECT
    d.observation_id, d.jurisdiction, d.category, d.metric, d.unit, d.period_label, d.period_start,
    d.period_end, d.period_type, d.value, d.qualifier, 'derived' AS source_id, d.source_tier,
    d.whole_document_url AS document_url, d.published_at, d.derived_from, 0 AS n_vintages,
    false AS conflict, true AS is_derived, d.mixed_vintage
FROM derived_observations AS d
WHERE NOT EXISTS (
    SELECT 1 FROM best_observations AS b
    WHERE b.jurisdiction = d.jurisdiction AND b.category = d.category AND b.metric = d.metric
      AND b.unit = d.unit AND b.period_label = d.period_label
);

-- Every period present (published or derived) with the periods it is compared with: year_ago and
-- previous labels and dates, by date arithmetic (macro period_shift).
CREATE OR REPLACE VIEW period_calendar AS
WITH periods AS (
    SELECT DISTINCT period_label, period_start, period_end, period_type FROM visible_observations
    UNION
    SELECT DISTINCT period_label, period_start, period_end, period_type FROM derived_observations
)
SELECT period_label, period_start, period_end, period_type,
       unnest(period_shift(period_start, period_end, period_type))
FROM periods;

-- DESIGN section 4. One row per best-or-derived value and comparison; the prior value is found by
-- joining on the calendar's prior label, so a missing prior gives NULL with a reason, and a
-- partial period (2025-01/2025-07) only ever meets the same months of the other year.
CREATE OR REPLACE VIEW period_over_period AS
WITH wanted AS (
    SELECT period_label, 'year_ago' AS comparison, year_ago_label AS prior_label FROM period_calendar
    UNION ALL
    SELECT period_label, 'previous' AS comparison, previous_label AS prior_label FROM period_calendar
),
paired AS (
    SELECT cur.*, w.comparison, w.prior_label
    FROM best_and_derived AS cur
    JOIN wanted AS w USING (period_label)
)
SELECT
    x.jurisdiction, x.category, x.metric, x.unit, x.comparison, x.period_label, x.value,
    x.prior_label AS prior_period_label,
    p.value AS prior_value,
    x.value - p.value AS change_abs,
    CASE WHEN p.value <> 0 THEN round((x.value - p.value) / abs(p.value) * 100, 1) END AS change_pct,
    x.source_tier,
    CASE
        WHEN x.prior_label IS NULL THEN 'no previous period for a span of months (compare year_ago)'
        WHEN p.value IS NULL THEN 'no prior period published'
        WHEN p.value = 0 THEN 'prior value is zero: no percentage change'
    END AS reason,
    x.is_derived,
    p.is_derived AS prior_is_derived,
    -- provenance of both values (a derived value: the cumulative release it was computed from)
    x.document_url,
    p.source_tier AS prior_source_tier,
    p.document_url AS prior_document_url
FROM paired AS x
LEFT JOIN best_and_derived AS p
  ON p.jurisdiction = x.jurisdiction AND p.category = x.category AND p.metric = x.metric
 AND p.unit = x.unit AND p.period_label = x.prior_label;

