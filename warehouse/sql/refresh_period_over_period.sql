-- Refresh the period_over_period table (DESIGN section 4) from the macros of views.sql, each step
-- once over temporary tables. Run by every load that brings observations, on its copy of the
-- warehouse after its rows and 'completed' ledger row commit there and before the copy is swapped
-- in (warehouse/load.py), and when the schema of a warehouse with observations is set up. Same rows as
-- FROM period_over_period_of('best_and_derived', 'period_calendar') over the views. DuckDB's
-- common-subplan optimiser would materialise every column of every vintage for
-- best_observations_of (half its time at 1M rows): off for these statements.
SET disabled_optimizers = 'common_subplan';
CREATE OR REPLACE TEMP TABLE pop_best AS FROM best_observations_of('known_observations');
CREATE OR REPLACE TEMP TABLE pop_derived AS FROM derived_observations_of('pop_best');
CREATE OR REPLACE TEMP TABLE pop_best_and_derived AS FROM best_and_derived_of('pop_best', 'pop_derived');
CREATE OR REPLACE TEMP TABLE pop_calendar AS FROM period_calendar_of('visible_observations', 'pop_derived');
CREATE OR REPLACE TABLE period_over_period AS
FROM period_over_period_of('pop_best_and_derived', 'pop_calendar');
DROP TABLE pop_best;
DROP TABLE pop_derived;
DROP TABLE pop_best_and_derived;
DROP TABLE pop_calendar;
RESET disabled_optimizers;
