-- Step two of bringing series_best up to date (after series_best_keys.sql): per key of sb_keys the
-- row shown, the least shown_order among the copies in the winner's group (the rows
-- best_observations_of picks the English copy among): from the new rows (CTE new_rows, the same
-- query as step one's), the stored row when it is in the group, and, for keys flagged `lookup`,
-- the older rows of the group (pop_known). Written to sb_next; series_best_replace.sql swaps the
-- rows in. The query is put in by warehouse/db.py. (The rows are first kept to the winners' days,
-- a one-column test, so the joins with their ten conditions meet few rows: see series_best_build.sql.)
CREATE OR REPLACE TEMP TABLE sb_next AS
WITH new_rows AS NOT MATERIALIZED (
    {new_rows}
),
new_shown AS (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        min(shown_order(o.source_id, o.document_url, o.published_at, o.fetched_at, o.observation_id)) AS shown
    FROM (FROM new_rows WHERE vintage_day(published_at, fetched_at) IN (SELECT winner.day FROM sb_keys)) AS o
    JOIN sb_keys AS k
      ON o.jurisdiction = k.jurisdiction AND o.category = k.category AND o.metric = k.metric
     AND o.unit = k.unit AND o.period_label = k.period_label
     AND o.source_tier = k.winner.source_tier AND o.value = k.winner.value
     AND o.qualifier = k.winner.qualifier AND vintage_day(o.published_at, o.fetched_at) = k.winner.day
     AND source_family(o.source_id) = source_family(k.winner.source_id)
    GROUP BY k.jurisdiction, k.category, k.metric, k.unit, k.period_label
),
looked_up AS (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        min(shown_order(o.source_id, o.document_url, o.published_at, o.fetched_at, o.observation_id)) AS shown
    FROM (
        FROM pop_known
        WHERE vintage_day(published_at, fetched_at) IN (SELECT winner.day FROM sb_keys WHERE lookup)
    ) AS o
    JOIN (FROM sb_keys WHERE lookup) AS k
      ON o.jurisdiction = k.jurisdiction AND o.category = k.category AND o.metric = k.metric
     AND o.unit = k.unit AND o.period_label = k.period_label
     AND o.source_tier = k.winner.source_tier AND o.value = k.winner.value
     AND o.qualifier = k.winner.qualifier AND vintage_day(o.published_at, o.fetched_at) = k.winner.day
     AND source_family(o.source_id) = source_family(k.winner.source_id)
    GROUP BY k.jurisdiction, k.category, k.metric, k.unit, k.period_label
),
chosen AS MATERIALIZED (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        k.winner, k.n_vintages, k.key_values, k.last_day, k.lookup, k.stored_in_group,
        CASE WHEN k.winner.day IS NOT NULL THEN
            least(n.shown, CASE WHEN k.stored_in_group THEN k.stored_shown END, l.shown).id
        END AS best_id
    FROM sb_keys AS k
    LEFT JOIN new_shown AS n
      ON n.jurisdiction = k.jurisdiction AND n.category = k.category AND n.metric = k.metric
     AND n.unit = k.unit AND n.period_label = k.period_label
    LEFT JOIN looked_up AS l
      ON l.jurisdiction = k.jurisdiction AND l.category = k.category AND l.metric = k.metric
     AND l.unit = k.unit AND l.period_label = k.period_label
),
-- the rows best_id can name: a new one, the stored one, or an older one a lookup found
candidates AS (
    SELECT o.* FROM new_rows AS o
    SEMI JOIN chosen AS c ON o.observation_id = c.best_id
    UNION ALL
    SELECT s.* EXCLUDE (n_vintages, conflict, conflicting_values, winner, key_values, last_day)
    FROM series_best AS s
    SEMI JOIN (FROM chosen WHERE stored_in_group) AS c ON s.observation_id = c.best_id
    UNION ALL
    SELECT o.* FROM pop_known AS o
    SEMI JOIN (FROM chosen WHERE lookup AND NOT stored_in_group) AS c ON o.observation_id = c.best_id
    WHERE o.load_id IS DISTINCT FROM $load_id
)
FROM series_best_rows('chosen', 'candidates');
