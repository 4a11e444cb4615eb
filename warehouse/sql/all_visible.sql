-- Does every row of observations belong to a completed load (then visible_observations is the
-- whole table)? Reads the load_id column only: the ids of the few loads, not of every row.
SELECT NOT EXISTS (
    SELECT 1 FROM (SELECT DISTINCT load_id FROM observations) AS o
    WHERE o.load_id NOT IN (SELECT load_id FROM loads WHERE status = 'completed')
);
