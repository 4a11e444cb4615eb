-- Per source: observations a load brought in, and how many of them revise a value that an
-- earlier load already held for the same series and period (a new vintage that disagrees).
-- Loads in $same_run (earlier batches of the same run) do not count as earlier loads.
SELECT
    n.source_id,
    count(*) AS new_observations,
    count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM observations AS o
        WHERE o.load_id <> n.load_id AND NOT list_contains($same_run::VARCHAR[], o.load_id)
          AND o.jurisdiction = n.jurisdiction AND o.category = n.category AND o.metric = n.metric
          AND o.unit = n.unit AND o.period_label = n.period_label
          AND NOT values_agree(o.unit, o.value, o.qualifier, n.value, n.qualifier)
    )) AS revisions
FROM observations AS n
WHERE n.load_id = $load_id
GROUP BY n.source_id;
