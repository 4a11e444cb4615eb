-- Conflicts: the best value of a period next to each other vintage that disagrees with it beyond
-- rounding (the same rule as best_observations.conflict), each with its own document. Copies of one
-- publication in several languages giving the same other value are shown once, by the English copy.
SELECT
    b.jurisdiction, b.category, b.metric, b.unit, b.period_label,
    b.value, b.qualifier, b.source_tier, b.document_url, b.published_at, b.n_vintages,
    o.value AS other_value, o.qualifier AS other_qualifier, o.source_tier AS other_source_tier,
    o.document_url AS other_document_url, o.published_at AS other_published_at
FROM best_observations AS b
JOIN visible_observations AS o
  ON o.jurisdiction = b.jurisdiction AND o.category = b.category AND o.metric = b.metric
 AND o.unit = b.unit AND o.period_label = b.period_label AND o.observation_id <> b.observation_id
WHERE b.conflict
  AND NOT values_agree(b.unit, b.value, b.qualifier, o.value, o.qualifier)
QUALIFY row_number() OVER (
    PARTITION BY b.observation_id, source_family(o.source_id), o.value, o.qualifier,
                 CAST(coalesce(o.published_at, o.fetched_at) AS DATE)
    ORDER BY language_rank(o.source_id, o.document_url), o.published_at DESC NULLS LAST, o.document_url
) = 1
ORDER BY b.jurisdiction, b.category, b.metric, b.period_end DESC, b.period_start,
         o.published_at DESC NULLS LAST, o.document_url;
