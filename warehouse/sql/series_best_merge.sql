-- The series_best rows of the keys a load brought rows for ($load_id), from the stored row and the
-- load's own rows: the older vintages are not read again, except in the one case below.
-- * winner: the least best_order of the stored winner and the new rows';
-- * n_vintages, key_values, last_day: added up, united, the later;
-- * the row shown: the least shown_order among the copies in the winner's group (source family,
--   tier, value, qualifier, day). When the stored winner stands, that group's older copies are
--   summed up by the stored row (it is their least), so the stored row and the new rows of the
--   group decide. When a new row wins, the group is the stored row's own, or is one no older copy
--   can be in because it is of a day after every older vintage (`last_day`), or else (a new row
--   wins on a day older copies may share: a better tier, a later time on the same day) the older
--   rows of that group are read (`lookup`, from pop_known).
-- Written to sb_next; series_best_replace.sql swaps the rows in.
CREATE OR REPLACE TEMP TABLE sb_next AS
WITH new_rows AS MATERIALIZED (
    SELECT * FROM observations WHERE load_id = $load_id AND category <> 'unknown'
),
new_groups AS MATERIALIZED (
    FROM vintage_groups_of('new_rows')
),
new_keys AS (
    SELECT
        jurisdiction, category, metric, unit, period_label,
        min(first) AS winner,
        sum(n) AS n,
        list(DISTINCT {'value': value, 'qualifier': qualifier}) AS key_values,
        max(day) AS last_day
    FROM new_groups
    GROUP BY jurisdiction, category, metric, unit, period_label
),
stored AS MATERIALIZED (
    SELECT
        s.*,
        source_family(s.source_id) AS family,
        vintage_day(s.published_at, s.fetched_at) AS day,
        shown_order(s.source_id, s.document_url, s.published_at, s.fetched_at, s.observation_id) AS shown
    FROM series_best AS s
    SEMI JOIN new_keys AS k
      ON s.jurisdiction = k.jurisdiction AND s.category = k.category AND s.metric = k.metric
     AND s.unit = k.unit AND s.period_label = k.period_label
),
merged AS (
    SELECT
        k.jurisdiction, k.category, k.metric, k.unit, k.period_label,
        least(s.winner, k.winner) AS winner,
        CAST(coalesce(s.n_vintages, 0) + k.n AS BIGINT) AS n_vintages,
        list_sort(list_distinct(coalesce(s.key_values, []) || k.key_values)) AS key_values,
        greatest(s.last_day, k.last_day) AS last_day,
        s.winner IS NOT NULL AND s.winner.id = least(s.winner, k.winner).id AS kept,
        s.winner IS NOT NULL AS existed,
        s.last_day AS stored_last_day,
        s.observation_id AS stored_id, s.shown AS stored_shown,
        s.family AS stored_family, s.source_tier AS stored_tier, s.value AS stored_value,
        s.qualifier AS stored_qualifier, s.day AS stored_day
    FROM new_keys AS k
    LEFT JOIN stored AS s
      ON s.jurisdiction = k.jurisdiction AND s.category = k.category AND s.metric = k.metric
     AND s.unit = k.unit AND s.period_label = k.period_label
),
-- the winner's group: the stored row's when the stored winner stands, else the new winner's
grouped AS (
    SELECT
        m.*,
        CASE WHEN m.kept THEN m.stored_family ELSE g.family END AS w_family,
        CASE WHEN m.kept THEN m.stored_tier ELSE g.source_tier END AS w_tier,
        CASE WHEN m.kept THEN m.stored_value ELSE g.value END AS w_value,
        CASE WHEN m.kept THEN m.stored_qualifier ELSE g.qualifier END AS w_qualifier,
        CASE WHEN m.kept THEN m.stored_day ELSE g.day END AS w_day
    FROM merged AS m
    LEFT JOIN new_groups AS g
      ON NOT m.kept AND g.jurisdiction = m.jurisdiction AND g.category = m.category
     AND g.metric = m.metric AND g.unit = m.unit AND g.period_label = m.period_label
     AND g.first.id = m.winner.id
),
placed AS (
    SELECT
        w.*,
        w.stored_id IS NOT NULL AND w.stored_family = w.w_family AND w.stored_tier = w.w_tier
            AND w.stored_value = w.w_value AND w.stored_qualifier = w.w_qualifier
            AND w.stored_day = w.w_day AS stored_in_group,
        g.shown AS new_shown
    FROM grouped AS w
    LEFT JOIN new_groups AS g
      ON g.jurisdiction = w.jurisdiction AND g.category = w.category AND g.metric = w.metric
     AND g.unit = w.unit AND g.period_label = w.period_label AND g.family = w.w_family
     AND g.source_tier = w.w_tier AND g.value = w.w_value AND g.qualifier = w.w_qualifier
     AND g.day = w.w_day
),
flagged AS (
    SELECT
        *,
        w_day IS NOT NULL AND existed AND NOT stored_in_group
            AND stored_last_day IS NOT NULL AND w_day <= stored_last_day AS lookup
    FROM placed
),
looked_up AS (
    SELECT
        f.jurisdiction, f.category, f.metric, f.unit, f.period_label,
        min(shown_order(o.source_id, o.document_url, o.published_at, o.fetched_at, o.observation_id)) AS shown
    FROM pop_known AS o
    JOIN (FROM flagged WHERE lookup) AS f
      ON o.jurisdiction = f.jurisdiction AND o.category = f.category AND o.metric = f.metric
     AND o.unit = f.unit AND o.period_label = f.period_label
     AND source_family(o.source_id) = f.w_family AND o.source_tier = f.w_tier
     AND o.value = f.w_value AND o.qualifier = f.w_qualifier
     AND vintage_day(o.published_at, o.fetched_at) = f.w_day
    GROUP BY f.jurisdiction, f.category, f.metric, f.unit, f.period_label
),
chosen AS MATERIALIZED (
    SELECT
        f.jurisdiction, f.category, f.metric, f.unit, f.period_label,
        f.winner, f.n_vintages, f.key_values, f.last_day, f.lookup,
        CASE WHEN f.w_day IS NOT NULL THEN
            least(f.new_shown, CASE WHEN f.stored_in_group THEN f.stored_shown END, l.shown).id
        END AS best_id
    FROM flagged AS f
    LEFT JOIN looked_up AS l
      ON l.jurisdiction = f.jurisdiction AND l.category = f.category AND l.metric = f.metric
     AND l.unit = f.unit AND l.period_label = f.period_label
),
-- the rows best_id can name: the load's, the stored ones, and older ones found by a lookup
candidates AS (
    FROM new_rows
    UNION ALL
    SELECT * EXCLUDE (n_vintages, conflict, conflicting_values, winner, key_values, last_day,
                      family, day, shown)
    FROM stored
    WHERE observation_id IS NOT NULL
    UNION ALL
    SELECT o.* FROM pop_known AS o
    SEMI JOIN (FROM chosen WHERE lookup) AS c ON o.observation_id = c.best_id
    WHERE o.load_id <> $load_id
      AND o.observation_id NOT IN (SELECT observation_id FROM stored WHERE observation_id IS NOT NULL)
)
FROM series_best_rows('chosen', 'candidates');
