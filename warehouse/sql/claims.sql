-- Claim checks: every stored article figure against the official figure for the same thing.
-- Applied after macros.sql and views.sql (uses rounding_step, visible_article_figures,
-- best_observations and period_over_period). The rules are those of warehouse/claims.py:check_figure,
-- which documents them; keep the two in step (tests/warehouse/test_claims.py runs both on one table).

-- Does `official` agree with a figure `v` stated at its own precision `step` (rounding_step(v)) with
-- qualifier `q`? exact/approx: within half a step; more_than: at or above (less half a step), at most one step
-- above; less_than ("nearly"): at or below (plus half a step), at most one step below.
CREATE OR REPLACE MACRO claims_consistent_at(v, step, q, official) AS
    CASE
        WHEN official IS NULL OR v IS NULL THEN NULL
        WHEN q = 'more_than' THEN official >= v - step / 2 - 1e-9 * greatest(abs(official), 1)
                              AND official <= v + step + 1e-9 * greatest(abs(official), 1)
        WHEN q = 'less_than' THEN official <= v + step / 2 + 1e-9 * greatest(abs(official), 1)
                              AND official >= v - step - 1e-9 * greatest(abs(official), 1)
        ELSE abs(official - v) <= step / 2 + 1e-9 * greatest(abs(official), 1)
    END;
-- The same with the step of `v` computed once, in a column, where one row asks several times:
-- each use of the macro above expands rounding_step five times, and binding those expansions was
-- most of the cost of creating the view below (at every schema set-up; issue 13).
CREATE OR REPLACE MACRO claims_consistent(v, q, official) AS claims_consistent_at(v, rounding_step(v), q, official);

-- Number of positions at which two equally long digit strings differ (NULL when lengths differ).
CREATE OR REPLACE MACRO claims_digits_differing(a, b) AS
    CASE WHEN len(a) = len(b)
         THEN len(list_filter(range(1, len(a) + 1), lambda i: substr(a, i, 1) <> substr(b, i, 1))) END;

-- Do two publications of one number agree: either reads as the other at its own precision?
CREATE OR REPLACE MACRO claims_agree(v, q, o, oq) AS
    coalesce(claims_consistent(v, q, o), false) OR coalesce(claims_consistent(o, oq, v), false);

-- Tier 1: the official value (level, computed change with both values official, else a change an
-- official release stated itself). Tier 2, where there is none: the other publishers of the same
-- key (media observations for a level; changes stated in other articles), excluding the figure's own
-- document: corroborated (two or more publishers agree), single_source (one), disputed (any
-- disagrees). `unclear` when the reader's confidence is below its threshold, 0.55
-- (transform/figures/confidence.py THRESHOLD = claims.py UNCLEAR_BELOW; a test keeps them equal);
-- a figure without a confidence counts as confident. `verdict_if_read_right` keeps the tier verdict.
CREATE OR REPLACE VIEW article_figure_checks AS
WITH figures AS (
    SELECT af.*, coalesce(af.qualifier, 'exact') AS q FROM visible_article_figures AS af
),
joined AS (
    SELECT
        f.*,
        lv.value AS level_value,
        lv.document_url AS level_document_url,
        lv.source_tier AS level_source_tier,
        ch.change_pct AS official_change_pct,
        ch.change_abs AS official_change_abs,
        ch.document_url AS change_document_url,
        ch.source_tier AS change_source_tier
    FROM figures f
    LEFT JOIN best_observations lv
        ON lv.source_tier IN ('official_table', 'official_text')
        AND lv.jurisdiction = f.jurisdiction AND lv.category = f.category AND lv.metric = f.metric
        AND lv.period_label = f.period_label AND (f.kind <> 'level' OR lv.unit = f.unit)
    LEFT JOIN period_over_period ch
        ON ch.source_tier IN ('official_table', 'official_text')
        AND ch.prior_source_tier IN ('official_table', 'official_text')
        AND ch.jurisdiction = f.jurisdiction AND ch.category = f.category AND ch.metric = f.metric
        AND ch.period_label = f.period_label AND (f.kind <> 'level' OR ch.unit = f.unit)
        AND (ch.prior_period_label = f.compared_with OR (f.compared_with IS NULL AND ch.comparison = 'year_ago'))
    -- a year's year_ago is also its previous period: one comparison per figure, year_ago first
    QUALIFY row_number() OVER (PARTITION BY f.figure_id ORDER BY ch.comparison = 'year_ago' DESC) = 1
),
-- changes stated by stored documents, for the same key and kind as a change figure
stated AS (
    SELECT f.figure_id, s.source_id, s.source_tier, s.document_url, s.value, s.qualifier,
           s.source_tier IN ('official_table', 'official_text') AS official,
           row_number() OVER (PARTITION BY f.figure_id, s.source_tier IN ('official_table', 'official_text')
                              ORDER BY tier_rank(s.source_tier), s.published_at DESC NULLS LAST,
                                       s.document_url, s.char_start) AS rn
    FROM joined f
    JOIN visible_article_figures s
      ON f.kind <> 'level' AND s.kind = f.kind AND s.figure_id <> f.figure_id
     AND s.document_url <> f.document_url
     AND s.jurisdiction = f.jurisdiction AND s.category = f.category AND s.metric = f.metric
     AND s.period_label = f.period_label
     AND (s.compared_with IS NOT DISTINCT FROM f.compared_with OR s.compared_with IS NULL OR f.compared_with IS NULL)
),
valued AS (
    SELECT
        j.*,
        CASE j.kind
            WHEN 'level' THEN j.level_value
            WHEN 'change_pct' THEN coalesce(j.official_change_pct, st.value)
            WHEN 'change_abs' THEN coalesce(j.official_change_abs, st.value)
            WHEN 'fold' THEN j.official_change_pct / 100
        END AS official_value,
        CASE WHEN j.kind = 'level' THEN j.level_document_url
             WHEN j.official_change_pct IS NOT NULL AND j.kind IN ('change_pct', 'fold') THEN j.change_document_url
             WHEN j.official_change_abs IS NOT NULL AND j.kind = 'change_abs' THEN j.change_document_url
             ELSE st.document_url END AS official_document_url,
        CASE WHEN j.kind = 'level' THEN j.level_source_tier
             WHEN j.official_change_pct IS NOT NULL AND j.kind IN ('change_pct', 'fold') THEN j.change_source_tier
             WHEN j.official_change_abs IS NOT NULL AND j.kind = 'change_abs' THEN j.change_source_tier
             ELSE st.source_tier END AS official_source_tier,
        rounding_step(j.value) AS figure_step
    FROM joined j
    LEFT JOIN stated st
      ON st.figure_id = j.figure_id AND st.official AND st.rn = 1 AND j.kind IN ('change_pct', 'change_abs')
),
others AS (
    SELECT v.figure_id, o.source_id, o.source_tier, o.document_url, o.value AS other_value,
           claims_agree(v.value, v.q, o.value, o.qualifier) AS agrees
    FROM valued v
    JOIN known_observations o
      ON v.official_value IS NULL AND v.kind = 'level'
     AND o.source_tier NOT IN ('official_table', 'official_text') AND o.document_url <> v.document_url
     AND o.jurisdiction = v.jurisdiction AND o.category = v.category AND o.metric = v.metric
     AND o.period_label = v.period_label AND o.unit = v.unit
    UNION ALL
    SELECT v.figure_id, s.source_id, s.source_tier, s.document_url, s.value,
           claims_agree(v.value, v.q, s.value, s.qualifier)
    FROM valued v
    JOIN stated s ON s.figure_id = v.figure_id AND NOT s.official AND v.official_value IS NULL
),
tally AS (
    SELECT
        figure_id,
        count(DISTINCT source_id) FILTER (WHERE agrees) AS n_agreeing_sources,
        count(*) FILTER (WHERE NOT agrees) AS n_disagreeing,
        list(DISTINCT source_id ORDER BY source_id) FILTER (WHERE agrees) AS agreeing_sources,
        min(tier_rank(source_tier)) AS best_rank,
        arg_min(other_value, document_url) FILTER (WHERE NOT agrees) AS disputing_value,
        min(document_url) FILTER (WHERE NOT agrees) AS disputing_document_url
    FROM others
    GROUP BY figure_id
),
judged AS (
    SELECT
        v.*,
        t.n_agreeing_sources, t.agreeing_sources, t.disputing_value, t.disputing_document_url,
        CASE WHEN v.official_value IS NOT NULL THEN v.official_value ELSE t.disputing_value END AS compared_value,
        CASE
            WHEN v.official_value IS NOT NULL AND claims_consistent_at(v.value, v.figure_step, v.q, v.official_value)
                THEN 'consistent'
            WHEN v.official_value IS NOT NULL THEN 'inconsistent'
            WHEN t.n_disagreeing > 0 THEN 'disputed'
            WHEN t.n_agreeing_sources >= 2 THEN 'corroborated'
            WHEN t.n_agreeing_sources = 1 THEN 'single_source'
            ELSE 'no_official_data'
        END AS tier_verdict,
        CASE WHEN v.official_value IS NOT NULL THEN v.official_source_tier
             ELSE CASE t.best_rank WHEN 1 THEN 'official_table' WHEN 2 THEN 'official_text'
                                   WHEN 3 THEN 'media' END END AS basis
    FROM valued v
    LEFT JOIN tally t USING (figure_id)
),
-- the steps likely_cause compares at, each once per figure (see claims_consistent_at)
stepped AS (
    SELECT
        *,
        rounding_step(value * 1e3) AS step_x1e3, rounding_step(value * 1e6) AS step_x1e6,
        rounding_step(value / 1e3) AS step_d1e3, rounding_step(value / 1e6) AS step_d1e6,
        rounding_step(compared_value) AS compared_step
    FROM judged
)
SELECT
    figure_id, article_id, jurisdiction, category, metric, unit, period_label, kind, compared_with,
    value, qualifier, quote, document_url, source_tier, published_at,
    official_value, official_document_url, official_source_tier,
    CASE WHEN confidence < 0.55 THEN 'unclear' ELSE tier_verdict END AS verdict,
    CASE
        WHEN tier_verdict NOT IN ('inconsistent', 'disputed') THEN NULL
        WHEN kind = 'level' AND (coalesce(claims_consistent_at(value, figure_step, q, official_change_pct), FALSE)
                                 OR coalesce(claims_consistent_at(value, figure_step, q, official_change_abs), FALSE))
            THEN 'change_read_as_level'
        WHEN kind = 'level' AND unit <> 'percent'
             AND (claims_consistent_at(value * 1e3, step_x1e3, q, compared_value)
                  OR claims_consistent_at(value * 1e6, step_x1e6, q, compared_value)
                  OR claims_consistent_at(value / 1e3, step_d1e3, q, compared_value)
                  OR claims_consistent_at(value / 1e6, step_d1e6, q, compared_value))
            THEN 'wrong_unit'
        WHEN figure_step > compared_step
             AND abs(round(value / figure_step) - round(compared_value / figure_step)) <= 1
            THEN 'rounding'
        WHEN figure_step <= compared_step
             AND claims_digits_differing(CAST(CAST(round(abs(value) / figure_step) AS HUGEINT) AS VARCHAR),
                                     CAST(CAST(round(abs(compared_value) / figure_step) AS HUGEINT) AS VARCHAR))
             BETWEEN 1 AND 2
            THEN 'digit_slip'
    END AS likely_cause,
    basis,
    n_agreeing_sources,
    agreeing_sources,
    disputing_value,
    disputing_document_url,
    confidence,
    tier_verdict AS verdict_if_read_right,
    is_sample_url(document_url) OR is_sample_url(official_document_url) AS sample
FROM stepped;
