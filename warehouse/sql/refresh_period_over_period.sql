-- Refresh the period_over_period table (DESIGN section 4) from the macros of views.sql, each step
-- once, as materialised CTEs of one statement (temporary tables cost a plan each). Run by every load
-- that brings observations, on its copy of the warehouse after its rows and 'completed' ledger row
-- commit there and before the copy is swapped in (warehouse/load.py), and when the schema of a
-- warehouse with observations is set up (warehouse/db.py). Same rows as
-- FROM period_over_period_of('best_and_derived', 'period_calendar') over the views.
-- The best observation of each key is read from the series_best table, which the refresh has just
-- brought up to date (series_best_merge.sql after a load, series_best_build.sql otherwise): one
-- row per key, not every vintage (issue 13: recomputing best_observations over every vintage made
-- the refresh's memory grow with the vintages, and was most of its time).
-- It reads the temporary views pop_visible and pop_known, which db.py makes first
-- (refresh_sources.sql): the rows of visible_observations and known_observations (the calendar
-- takes every period of the visible rows).
-- DuckDB's common-subplan optimiser would materialise every column of every visible row for the
-- calendar (it did so for best_observations_of, half its time at 1M rows): off for this statement.
SET disabled_optimizers = 'common_subplan';
CREATE OR REPLACE TABLE period_over_period AS
WITH pop_best AS MATERIALIZED (
    SELECT * EXCLUDE (winner, key_values, last_day) FROM series_best WHERE observation_id IS NOT NULL
),
pop_derived AS MATERIALIZED (
    FROM derived_observations_of('pop_best')
),
pop_best_and_derived AS MATERIALIZED (
    FROM best_and_derived_of('pop_best', 'pop_derived')
),
pop_calendar AS MATERIALIZED (
    FROM period_calendar_of('pop_visible', 'pop_derived')
)
FROM period_over_period_of('pop_best_and_derived', 'pop_calendar');
RESET disabled_optimizers;
DROP VIEW pop_known;
DROP VIEW pop_visible;
