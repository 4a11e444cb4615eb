-- Does series_best account for every known row visible now (its vintages add up to them)? A load
-- checks it after its merge: rows written by hand since the last refresh (or a table left behind
-- by any other path) make it rebuild the table from every vintage instead of trusting it.
SELECT (SELECT coalesce(sum(n_vintages), 0) FROM series_best) = (SELECT count(*) FROM pop_known);
