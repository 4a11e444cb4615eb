-- Reader views. Every view reads only rows whose load is 'completed' in the ledger, and every
-- period comparison joins on a calendar of periods (never on the previous row: lag() over data
-- with gaps compares with the wrong period).

CREATE OR REPLACE VIEW visible_observations AS
SELECT * FROM observations
WHERE load_id IN (SELECT load_id FROM loads WHERE status = 'completed');

CREATE OR REPLACE VIEW visible_articles AS
SELECT * FROM articles
WHERE load_id IN (SELECT load_id FROM loads WHERE status = 'completed');

CREATE OR REPLACE VIEW visible_article_figures AS
SELECT * FROM article_figures
WHERE load_id IN (SELECT load_id FROM loads WHERE status = 'completed');

-- A percentage change a release stated itself, per series and period (best tier, then latest):
-- shown where the prior level is not stored ("losses up 28%" when last year's loss was never given).
CREATE OR REPLACE VIEW published_changes AS
SELECT jurisdiction, category, metric, period_label, value AS published_change_pct,
       source_tier AS published_change_tier, document_url AS published_change_url
FROM visible_article_figures
WHERE kind = 'change_pct' AND unit = 'percent' AND period_label IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY jurisdiction, category, metric, period_label
    ORDER BY tier_rank(source_tier), published_at DESC NULLS LAST, figure_id
) = 1;

CREATE OR REPLACE VIEW visible_documents AS
SELECT * FROM documents
WHERE load_id IN (SELECT load_id FROM loads WHERE status = 'completed');

-- One row per (jurisdiction, category, metric, unit, period_label): highest tier, then latest
-- publication, then latest fetch, then observation_id (so ties resolve the same way every time);
-- then the English copy of that same publication when one gives the same value (below).
-- `conflict` is true when another vintage for the key disagrees with the chosen value beyond
-- rounding (macro values_agree); `conflicting_values` lists those values.
-- Rows of category 'unknown' are left out: their labels did not map, so rows of one key may be
-- different offences (one is not a vintage of another). They stay in observations, for review.
CREATE OR REPLACE VIEW known_observations AS
SELECT * FROM visible_observations WHERE category <> 'unknown';

-- The views of the period-over-period chain are table macros over the relations they read
-- (query_table), each wrapped by its view: the load refreshes the period_over_period table from
-- the same macros, step by step over temporary tables, so each step runs once (as views, the
-- chain evaluated best_observations ten times over every vintage: 7-10 s at 1M rows; issue 13).
CREATE OR REPLACE MACRO best_observations_of(obs) AS TABLE
WITH keyed AS NOT MATERIALIZED (
    SELECT * FROM query_table(obs)
),
-- The winner of each key by aggregates over narrow columns (a window carrying every column of
-- every vintage was most of the cost): the least of (tier rank, latest publication, a file with
-- no stated date counting as published when fetched, nulls last; latest fetch, nulls last;
-- observation_id), the order a row_number() window would give. Taken in two steps: first per
-- distinct (key, value, qualifier), which are also the values the conflict check needs (one pass
-- over every vintage instead of two; issue 13), then per key over those few rows.
per_value AS MATERIALIZED (
    SELECT
        jurisdiction, category, metric, unit, period_label, value, qualifier,
        min({
            'tier': tier_rank(source_tier),
            'undated': coalesce(published_at, fetched_at) IS NULL,
            'published': coalesce(-epoch_us(coalesce(published_at, fetched_at)), 0),
            'unfetched': fetched_at IS NULL,
            'fetched': coalesce(-epoch_us(fetched_at), 0),
            'id': observation_id
        }) AS first,
        count(*) AS n
    FROM keyed
    GROUP BY jurisdiction, category, metric, unit, period_label, value, qualifier
),
winner AS (
    SELECT min(first).id AS observation_id, CAST(sum(n) AS BIGINT) AS n_vintages
    FROM per_value
    GROUP BY jurisdiction, category, metric, unit, period_label
),
winner_rows AS (
    SELECT k.*, w.n_vintages FROM keyed AS k JOIN winner AS w ON k.observation_id = w.observation_id
),
-- Among copies of the winning publication that give the same value (the same source family, tier,
-- value and qualifier, published or fetched the same day: the CSC page in three languages), the
-- English one is shown, so links go to the page most readers can read; then the order above.
candidates AS (
    SELECT r.*, w.n_vintages, w.observation_id AS winner_id, w.source_id AS winner_source_id
    FROM winner_rows AS w
    JOIN keyed AS r
      ON r.jurisdiction = w.jurisdiction AND r.category = w.category AND r.metric = w.metric
     AND r.unit = w.unit AND r.period_label = w.period_label
     AND r.source_tier = w.source_tier AND r.value = w.value AND r.qualifier = w.qualifier
     AND CAST(coalesce(r.published_at, r.fetched_at) AS DATE) = CAST(coalesce(w.published_at, w.fetched_at) AS DATE)
),
best AS (
    SELECT * EXCLUDE (winner_id, winner_source_id)
    FROM candidates
    WHERE source_family(source_id) = source_family(winner_source_id)
    QUALIFY row_number() OVER (
        PARTITION BY winner_id
        ORDER BY language_rank(source_id, document_url), tier_rank(source_tier),
                 coalesce(published_at, fetched_at) DESC NULLS LAST, fetched_at DESC NULLS LAST, observation_id
    ) = 1
),
-- the distinct (value, qualifier) of each key, not every vintage: a vintage giving the chosen
-- row's own value and qualifier always agrees with it, so leaving the chosen row out changes nothing
key_values AS (
    SELECT jurisdiction, category, metric, unit, period_label, value, qualifier FROM per_value
),
disagreeing AS (
    SELECT b.observation_id, list_sort(list(DISTINCT o.value)) AS conflicting_values
    FROM best AS b
    JOIN key_values AS o
      ON o.jurisdiction = b.jurisdiction AND o.category = b.category AND o.metric = b.metric
     AND o.unit = b.unit AND o.period_label = b.period_label
    WHERE NOT values_agree(b.unit, b.value, b.qualifier, o.value, o.qualifier)
    GROUP BY b.observation_id
)
SELECT
    best.*,
    d.observation_id IS NOT NULL AS conflict,
    coalesce(d.conflicting_values, []::DOUBLE[]) AS conflicting_values
FROM best
LEFT JOIN disagreeing AS d USING (observation_id);

CREATE OR REPLACE VIEW best_observations AS FROM best_observations_of('known_observations');

-- The series_best table (schema.sql) holds the same picks as best_observations_of, one row per key,
-- kept up to date by the loads (series_best_merge.sql, issue 13). This is its last step: the row
-- each key's `best_id` names, with the conflict flag and the values that disagree with it beyond
-- rounding (macro values_agree), as best_observations_of gives them; from `chosen` (key, winner,
-- n_vintages, key_values, last_day, best_id) and `candidates` (observation rows holding best_id).
CREATE OR REPLACE MACRO series_best_rows(chosen, candidates) AS TABLE
WITH shown_rows AS (
    SELECT o.* FROM query_table(candidates) AS o
    SEMI JOIN query_table(chosen) AS c ON o.observation_id = c.best_id
),
picked AS MATERIALIZED (
    SELECT
        o.* REPLACE (c.jurisdiction AS jurisdiction, c.category AS category, c.metric AS metric,
                     c.unit AS unit, c.period_label AS period_label),
        c.n_vintages, c.winner, c.key_values, c.last_day
    FROM query_table(chosen) AS c
    LEFT JOIN shown_rows AS o ON o.observation_id = c.best_id
),
key_values AS (
    SELECT jurisdiction, category, metric, unit, period_label, value, qualifier, unnest(key_values) AS kv
    FROM picked
    WHERE observation_id IS NOT NULL
),
-- (the tolerance once per pair, then values_agree_within: values_agree itself expands it five times)
toleranced AS (
    SELECT *, value_tolerance(unit, value, qualifier, kv.value, kv.qualifier) AS tolerance
    FROM key_values
),
disagreeing AS (
    SELECT
        jurisdiction, category, metric, unit, period_label,
        list_sort(list(DISTINCT kv.value)) AS conflicting_values
    FROM toleranced
    WHERE NOT values_agree_within(value, qualifier, kv.value, kv.qualifier, tolerance)
    GROUP BY jurisdiction, category, metric, unit, period_label
)
SELECT
    p.* EXCLUDE (winner, key_values, last_day),
    d.period_label IS NOT NULL AS conflict,
    coalesce(d.conflicting_values, []::DOUBLE[]) AS conflicting_values,
    p.winner, p.key_values, p.last_day
FROM picked AS p
LEFT JOIN disagreeing AS d
  ON d.jurisdiction = p.jurisdiction AND d.category = p.category AND d.metric = p.metric
 AND d.unit = p.unit AND d.period_label = p.period_label;

-- Values never published but implied by cumulative releases, from best_observations of count and
-- money units: Q2 = H1 - Q1, H2 = FY - H1, Q3 = Jan-Sep - H1, Q4 = FY - Jan-Sep. In general: a
-- "whole" starting on 1 January minus a "part" with the same start, when the remainder is a
-- calendar quarter or half. Lineage: both labels and observation ids. Qualifier 'exact' only when
-- both parts are exact; tier the lower of the two; `mixed_vintage` when the parts come from
-- different documents or publication times (the earlier part may since have been revised).
CREATE OR REPLACE MACRO derived_observations_of(best) AS TABLE
WITH best_rows AS (
    FROM query_table(best)
),
pairs AS (
    SELECT
        w.jurisdiction, w.category, w.metric, w.unit,
        CAST(p.period_end + INTERVAL 1 DAY AS DATE) AS period_start,
        w.period_end,
        date_diff('month', CAST(p.period_end + INTERVAL 1 DAY AS DATE),
                  CAST(w.period_end + INTERVAL 1 DAY AS DATE)) AS n_months,
        w.value - p.value AS value,
        w AS whole,
        p AS part
    FROM best_rows AS w
    JOIN best_rows AS p
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

CREATE OR REPLACE VIEW derived_observations AS FROM derived_observations_of('best_observations');

-- Published best values, plus derived values for periods nobody published (a derived value never
-- replaces a published one for the same key).
CREATE OR REPLACE MACRO best_and_derived_of(best, derived) AS TABLE
WITH best_rows AS (
    FROM query_table(best)
)
SELECT
    observation_id, jurisdiction, category, metric, unit, period_label, period_start, period_end,
    period_type, value, qualifier, source_id, source_tier, document_url, published_at,
    derived_from, n_vintages, conflict, false AS is_derived, false AS mixed_vintage
FROM best_rows
UNION ALL
SELECT
    d.observation_id, d.jurisdiction, d.category, d.metric, d.unit, d.period_label, d.period_start,
    d.period_end, d.period_type, d.value, d.qualifier, 'derived' AS source_id, d.source_tier,
    d.whole_document_url AS document_url, d.published_at, d.derived_from, 0 AS n_vintages,
    false AS conflict, true AS is_derived, d.mixed_vintage
FROM query_table(derived) AS d
WHERE NOT EXISTS (
    SELECT 1 FROM best_rows AS b
    WHERE b.jurisdiction = d.jurisdiction AND b.category = d.category AND b.metric = d.metric
      AND b.unit = d.unit AND b.period_label = d.period_label
);

-- (best_observations named once: through derived_observations the view bound it twice)
CREATE OR REPLACE VIEW best_and_derived AS
WITH bd_best AS (FROM best_observations), bd_derived AS (FROM derived_observations_of('bd_best'))
FROM best_and_derived_of('bd_best', 'bd_derived');

-- Every period present (published or derived) with the periods it is compared with: year_ago and
-- previous labels and dates, by date arithmetic (macro period_shift).
CREATE OR REPLACE MACRO period_calendar_of(obs, derived) AS TABLE
WITH periods AS (
    SELECT DISTINCT period_label, period_start, period_end, period_type FROM query_table(obs)
    UNION
    SELECT DISTINCT period_label, period_start, period_end, period_type FROM query_table(derived)
),
-- (the shift is computed once per period and then taken apart: unnesting the macro call itself
-- expanded it once per field, which made the view slow to bind)
shifted AS (
    SELECT *, period_shift(period_start, period_end, period_type) AS shift FROM periods
)
SELECT period_label, period_start, period_end, period_type, unnest(shift)
FROM shifted;

CREATE OR REPLACE VIEW period_calendar AS FROM period_calendar_of('visible_observations', 'derived_observations');

-- DESIGN section 4. One row per best-or-derived value and comparison; the prior value is found by
-- joining on the calendar's prior label, so a missing prior gives NULL with a reason, and a
-- partial period (2025-01/2025-07) only ever meets the same months of the other year.
-- period_over_period itself is a TABLE with these columns, refreshed by every load before its copy
-- of the warehouse is swapped in (sql/refresh_period_over_period.sql). To compute it afresh from the views, e.g. after
-- writing rows by hand: FROM period_over_period_of('best_and_derived', 'period_calendar'). (Not a
-- view of its own: binding one costs a quarter of a second at every schema set-up.)
CREATE OR REPLACE MACRO period_over_period_of(bad, calendar) AS TABLE
WITH bad_rows AS (
    FROM query_table(bad)
),
wanted AS (
    SELECT period_label, 'year_ago' AS comparison, year_ago_label AS prior_label FROM query_table(calendar)
    UNION ALL
    SELECT period_label, 'previous' AS comparison, previous_label AS prior_label FROM query_table(calendar)
),
paired AS (
    SELECT cur.*, w.comparison, w.prior_label
    FROM bad_rows AS cur
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
LEFT JOIN bad_rows AS p
  ON p.jurisdiction = x.jurisdiction AND p.category = x.category AND p.metric = x.metric
 AND p.unit = x.unit AND p.period_label = x.prior_label;

-- A later document giving a different value (beyond rounding) for a period than the first
-- publication of it. One row per differing later observation. Order of publication: published_at,
-- else fetched_at. Unknown labels are left out (known_observations).
CREATE OR REPLACE VIEW restatements AS
WITH ordered AS (
    SELECT
        o.*,
        row_number() OVER (
            PARTITION BY jurisdiction, category, metric, unit, period_label
            ORDER BY coalesce(published_at, fetched_at) NULLS LAST, fetched_at NULLS LAST, observation_id
        ) AS seq
    FROM known_observations AS o
)
SELECT
    f.jurisdiction, f.category, f.metric, f.unit, f.period_label,
    f.value AS first_value, f.qualifier AS first_qualifier, f.document_url AS first_document_url,
    f.published_at AS first_published_at, f.source_tier AS first_source_tier,
    l.value AS later_value, l.qualifier AS later_qualifier, l.document_url AS later_document_url,
    l.published_at AS later_published_at, l.source_tier AS later_source_tier,
    l.value - f.value AS change_abs
FROM ordered AS f
JOIN ordered AS l
  ON l.jurisdiction = f.jurisdiction AND l.category = f.category AND l.metric = f.metric
 AND l.unit = f.unit AND l.period_label = f.period_label AND l.seq > 1
WHERE f.seq = 1
  AND NOT values_agree(f.unit, f.value, f.qualifier, l.value, l.qualifier);
