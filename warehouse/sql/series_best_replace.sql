-- The rows series_best_merge.sql computed (sb_next) replace those of the same keys; nothing else
-- in series_best is written.
DELETE FROM series_best AS s
USING sb_next AS n
WHERE s.jurisdiction = n.jurisdiction AND s.category = n.category AND s.metric = n.metric
  AND s.unit = n.unit AND s.period_label = n.period_label;
INSERT INTO series_best BY NAME FROM sb_next;
DROP TABLE sb_next;
DROP TABLE sb_keys;
