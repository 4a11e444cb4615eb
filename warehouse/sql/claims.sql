-- Claim checks: every stored article figure against the official figure for the same thing.
-- Applied after macros.sql and views.sql (uses rounding_step, visible_article_figures,
-- best_observations and period_over_period). The rules are those of warehouse/claims.py:check_figure,
-- which documents them; keep the two in step (tests/warehouse/test_claims.py runs both on one table).

-- Does `official` agree with a figure `v` stated at its own precision (rounding_step) with qualifier
-- `q`? exact/approx: within half a step; more_than: at or above (less half a step), at most one step
-- above; less_than ("nearly"): at or below (plus half a step), at most one step below.
CREATE OR REPLACE MACRO claims_consistent(v, q, official) AS
    CASE
        WHEN official IS NULL OR v IS NULL THEN NULL
        WHEN q = 'more_than' THEN official >= v - rounding_step(v) / 2 - 1e-9 * greatest(abs(official), 1)
                              AND official <= v + rounding_step(v) + 1e-9 * greatest(abs(official), 1)
        WHEN q = 'less_than' THEN official <= v + rounding_step(v) / 2 + 1e-9 * greatest(abs(official), 1)
                              AND official >= v - rounding_step(v) - 1e-9 * greatest(abs(official), 1)
        ELSE abs(official - v) <= rounding_step(v) / 2 + 1e-9 * greatest(abs(official), 1)
    END;

-- Number of positions at which two equally long digit strings differ (NULL when lengths differ).
CREATE OR REPLACE MACRO claims_digits_differing(a, b) AS
    CASE WHEN len(a) = len(b)
         THEN len(list_filter(range(1, len(a) + 1), lambda i: substr(a, i, 1) <> substr(b, i, 1))) END;

CREATE OR REPLACE VIEW article_figure_checks AS
WITH figures AS (
    SELECT af.*, coalesce(af.qualifier, 'exact') AS q FROM visible_article_figures AS af
),
joined AS (
    SELECT
        f.*,
        lv.value AS level_value,
        lv.document_url AS official_document_url,
        lv.source_tier AS official_source_tier,
        ch.change_pct AS official_change_pct,
        ch.change_abs AS official_change_abs
    FROM figures f
    LEFT JOIN best_observations lv
        ON lv.source_tier IN ('official_table', 'official_text')
        AND lv.jurisdiction = f.jurisdiction AND lv.category = f.category AND lv.metric = f.metric
        AND lv.period_label = f.period_label AND (f.kind <> 'level' OR lv.unit = f.unit)
    LEFT JOIN period_over_period ch
        ON ch.source_tier IN ('official_table', 'official_text')
        AND ch.jurisdiction = f.jurisdiction AND ch.category = f.category AND ch.metric = f.metric
        AND ch.period_label = f.period_label AND (f.kind <> 'level' OR ch.unit = f.unit)
        AND (ch.prior_period_label = f.compared_with OR (f.compared_with IS NULL AND ch.comparison = 'year_ago'))
    -- a year's year_ago is also its previous period: one comparison per figure, year_ago first
    QUALIFY row_number() OVER (PARTITION BY f.figure_id ORDER BY ch.comparison = 'year_ago' DESC) = 1
),
valued AS (
    SELECT
        *,
        CASE kind
            WHEN 'level' THEN level_value
            WHEN 'change_pct' THEN official_change_pct
            WHEN 'change_abs' THEN official_change_abs
            WHEN 'fold' THEN official_change_pct / 100
        END AS official_value,
        rounding_step(value) AS figure_step
    FROM joined
),
judged AS (
    SELECT
        *,
        CASE
            WHEN official_value IS NULL THEN 'no_official_data'
            WHEN claims_consistent(value, q, official_value) THEN 'consistent'
            ELSE 'inconsistent'
        END AS verdict
    FROM valued
)
SELECT
    figure_id, article_id, jurisdiction, category, metric, unit, period_label, kind, compared_with,
    value, qualifier, quote, document_url, source_tier, published_at,
    official_value, official_document_url, official_source_tier, verdict,
    CASE
        WHEN verdict <> 'inconsistent' THEN NULL
        WHEN kind = 'level' AND (coalesce(claims_consistent(value, q, official_change_pct), FALSE)
                                 OR coalesce(claims_consistent(value, q, official_change_abs), FALSE))
            THEN 'change_read_as_level'
        WHEN kind = 'level' AND unit <> 'percent'
             AND (claims_consistent(value * 1e3, q, official_value) OR claims_consistent(value * 1e6, q, official_value)
                  OR claims_consistent(value / 1e3, q, official_value)
                  OR claims_consistent(value / 1e6, q, official_value))
            THEN 'wrong_unit'
        WHEN figure_step > rounding_step(official_value)
             AND abs(round(value / figure_step) - round(official_value / figure_step)) <= 1
            THEN 'rounding'
        WHEN figure_step <= rounding_step(official_value)
             AND claims_digits_differing(CAST(CAST(round(abs(value) / figure_step) AS HUGEINT) AS VARCHAR),
                                     CAST(CAST(round(abs(official_value) / figure_step) AS HUGEINT) AS VARCHAR))
             BETWEEN 1 AND 2
            THEN 'digit_slip'
    END AS likely_cause
FROM judged;
