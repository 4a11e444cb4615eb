-- Temporary tables for the HTML report (warehouse/report.py), created on its read-only connection
-- (temporary objects live in memory, not in the file). Materialised once because several report
-- queries read them and the views behind them are recomputed on every read.
-- report_comparisons: period_over_period with what the report needs to show provenance: the
-- document each value and prior value comes from (for a derived value, the cumulative release it
-- was computed from), its qualifier, lineage, and the period dates used for ordering.
CREATE OR REPLACE TEMP TABLE report_comparisons AS
SELECT
    p.jurisdiction, p.category, p.metric, p.unit, p.comparison, p.period_label,
    c.period_start, c.period_end, c.period_type,
    p.value, c.qualifier, c.document_url, c.derived_from, c.mixed_vintage,
    p.prior_period_label, p.prior_value, q.qualifier AS prior_qualifier,
    q.document_url AS prior_document_url, q.derived_from AS prior_derived_from,
    q.source_tier AS prior_source_tier,
    p.change_abs, p.change_pct, p.source_tier, p.reason, p.is_derived, p.prior_is_derived,
    pc.published_change_pct, pc.published_change_url,
    CASE p.category WHEN 'technology_crime' THEN 1 WHEN 'overall_crime' THEN 2
                    WHEN 'violent_crime' THEN 3 WHEN 'deception' THEN 4 ELSE 5 END AS category_rank
FROM period_over_period AS p
JOIN best_and_derived AS c
  ON c.jurisdiction = p.jurisdiction AND c.category = p.category AND c.metric = p.metric
 AND c.unit = p.unit AND c.period_label = p.period_label
LEFT JOIN best_and_derived AS q
  ON q.jurisdiction = p.jurisdiction AND q.category = p.category AND q.metric = p.metric
 AND q.unit = p.unit AND q.period_label = p.prior_period_label
LEFT JOIN published_changes AS pc
  ON p.comparison = 'year_ago' AND pc.jurisdiction = p.jurisdiction AND pc.category = p.category
 AND pc.metric = p.metric AND pc.period_label = p.period_label;

-- report_checks: the claim checks of every stored news figure (warehouse/sql/claims.sql).
CREATE OR REPLACE TEMP TABLE report_checks AS
SELECT * FROM article_figure_checks;
