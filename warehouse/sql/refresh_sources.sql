-- What refresh_period_over_period.sql reads: the rows of visible_observations (pop_visible) and of
-- known_observations (pop_known). When every load that brought rows is completed (all_visible.sql),
-- those are the table's own rows: {visible} is then `observations`, and the refresh is spared a
-- semi-join of every vintage with the ledger at each of its passes (a tenth of it; issue 13);
-- otherwise {visible} is `visible_observations`. (Trusted names from warehouse/db.py.)
CREATE OR REPLACE TEMP VIEW pop_visible AS FROM {visible};
CREATE OR REPLACE TEMP VIEW pop_known AS SELECT * FROM pop_visible WHERE category <> 'unknown';
