-- series_best built at once from every known visible row (pop_known), into an empty table: at a
-- schema set-up, by a refresh by hand, by a load that finds the stored table does not account for
-- every row (series_best_complete.sql), and by the first load of a new home (nothing stored yet:
-- the load's rows are every row). The same rows series_best_keys.sql and series_best_merge.sql
-- give when they merge every row into an empty table (tested), in one statement without the
-- stored row or the lookups: those two statements' planning was most of a first load's refresh
-- beyond the old one (issue 13). It empties the table first; the INSERT's row count (the result of
-- the last statement) is how many keys it wrote.
DELETE FROM series_best;
INSERT INTO series_best BY NAME
-- first per distinct value and qualifier (the values the conflict check needs), then per key
WITH per_value AS MATERIALIZED (
    SELECT
        jurisdiction, category, metric, unit, period_label, value, qualifier,
        min(vintage_order(source_id, source_tier, value, qualifier, published_at, fetched_at,
                          observation_id)) AS first,
        count(*) AS n,
        max(vintage_day(published_at, fetched_at)) AS last_day
    FROM pop_known
    GROUP BY jurisdiction, category, metric, unit, period_label, value, qualifier
),
keys AS MATERIALIZED (
    SELECT
        jurisdiction, category, metric, unit, period_label,
        min(first) AS winner,
        CAST(sum(n) AS BIGINT) AS n_vintages,
        list_sort(list_distinct(list({'value': value, 'qualifier': qualifier}))) AS key_values,
        max(last_day) AS last_day
    FROM per_value
    GROUP BY jurisdiction, category, metric, unit, period_label
),
-- the row shown: the least shown_order among the copies in the winner's group (none when every
-- vintage of the key is undated: the winner's day is NULL and matches no row). Only rows of a
-- winner's day can be in a group: that one-column test first, so the join with its ten conditions
-- meets few rows (it cost a quarter of the statement at 100k rows).
shown AS (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        min(shown_order(o.source_id, o.document_url, o.published_at, o.fetched_at, o.observation_id)).id
            AS best_id
    FROM (FROM pop_known WHERE vintage_day(published_at, fetched_at) IN (SELECT winner.day FROM keys)) AS o
    JOIN keys AS k
      ON o.jurisdiction = k.jurisdiction AND o.category = k.category AND o.metric = k.metric
     AND o.unit = k.unit AND o.period_label = k.period_label
     AND o.source_tier = k.winner.source_tier AND o.value = k.winner.value
     AND o.qualifier = k.winner.qualifier AND vintage_day(o.published_at, o.fetched_at) = k.winner.day
     AND source_family(o.source_id) = source_family(k.winner.source_id)
    GROUP BY k.jurisdiction, k.category, k.metric, k.unit, k.period_label
),
chosen AS MATERIALIZED (
    SELECT k.*, s.best_id
    FROM keys AS k
    LEFT JOIN shown AS s
      ON s.jurisdiction = k.jurisdiction AND s.category = k.category AND s.metric = k.metric
     AND s.unit = k.unit AND s.period_label = k.period_label
)
FROM series_best_rows('chosen', 'pop_known');
