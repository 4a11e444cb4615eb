-- Step one of bringing series_best up to date: per key the new rows (CTE new_rows) are of, what the
-- stored row and those rows add up to, into the temporary table sb_keys (series_best_merge.sql
-- then picks the row shown). After a load, the new rows are the load's own (its load_id,
-- series_best_new_rows_load.sql): the older vintages are not read again, except in the one case
-- below. (An empty series_best is built at once instead, series_best_build.sql: the same rows.)
-- The query is put in by warehouse/db.py.
-- * winner: the least vintage_order of the stored winner and the new rows' (it carries its group
--   of copies: source family, tier, value, qualifier, day);
-- * n_vintages, key_values, last_day: added up, united, the later;
-- * stored_in_group: the stored row is in the winner's group. When the stored winner stands it
--   is, and it sums that group's older copies up (it is their least shown_order). When a new row
--   wins, its group is the stored row's own, or one no older copy can be in because its day is
--   after every older vintage's (`last_day`), or else (a new row wins on a day older copies may
--   share: a better tier, a later time that day) `lookup`: the older rows of the group are read.
-- (Steps apart, so that the joins with the rows build on these few rows per key: in one
-- statement the optimiser built them on the rows, 3x the old refresh at 100k rows; issue 13.)
CREATE OR REPLACE TEMP TABLE sb_keys AS
WITH new_rows AS NOT MATERIALIZED (
    {new_rows}
),
-- first per distinct value and qualifier (the values the conflict check needs), then per key
per_value AS (
    SELECT
        jurisdiction, category, metric, unit, period_label, value, qualifier,
        min(vintage_order(source_id, source_tier, value, qualifier, published_at, fetched_at,
                          observation_id)) AS first,
        count(*) AS n,
        max(vintage_day(published_at, fetched_at)) AS last_day
    FROM new_rows
    GROUP BY jurisdiction, category, metric, unit, period_label, value, qualifier
),
new_keys AS (
    SELECT
        jurisdiction, category, metric, unit, period_label,
        min(first) AS winner,
        sum(n) AS n,
        list({'value': value, 'qualifier': qualifier}) AS key_values,
        max(last_day) AS last_day
    FROM per_value
    GROUP BY jurisdiction, category, metric, unit, period_label
),
merged AS (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        least(s.winner, k.winner) AS winner,
        CAST(coalesce(s.n_vintages, 0) + k.n AS BIGINT) AS n_vintages,
        list_sort(list_distinct(coalesce(s.key_values, []) || k.key_values)) AS key_values,
        greatest(s.last_day, k.last_day) AS last_day,
        s.winner IS NOT NULL AS existed,
        s.last_day AS stored_last_day,
        s.observation_id AS stored_id,
        s.winner AS stored_winner,
        shown_order(s.source_id, s.document_url, s.published_at, s.fetched_at, s.observation_id)
            AS stored_shown
    FROM new_keys AS k
    LEFT JOIN series_best AS s
      ON s.jurisdiction = k.jurisdiction AND s.category = k.category AND s.metric = k.metric
     AND s.unit = k.unit AND s.period_label = k.period_label
),
placed AS (
    SELECT
        * EXCLUDE (stored_winner),
        coalesce(stored_id IS NOT NULL
            AND source_family(stored_winner.source_id) = source_family(winner.source_id)
            AND stored_winner.source_tier = winner.source_tier AND stored_winner.value = winner.value
            AND stored_winner.qualifier = winner.qualifier AND stored_winner.day = winner.day, false)
            AS stored_in_group
    FROM merged
)
SELECT
    *,
    coalesce(winner.day IS NOT NULL AND existed AND NOT stored_in_group
        AND winner.day <= stored_last_day, false) AS lookup
FROM placed;
