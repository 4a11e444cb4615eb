-- One row of counts for the top of the report (after report_views.sql).
SELECT
    (SELECT count(*) FROM visible_observations) AS observations,
    (SELECT count(*) FROM best_observations) AS periods,
    (SELECT count(*) FROM best_observations WHERE conflict) AS conflicts,
    (SELECT count(*) FROM restatements) AS restatements,
    (SELECT count(*) FROM visible_articles) AS articles,
    (SELECT count(*) FROM report_checks) AS figures_checked,
    (SELECT count(*) FROM report_checks WHERE verdict = 'inconsistent') AS figures_inconsistent,
    (SELECT count(*) FROM visible_observations WHERE category = 'unknown') AS unknown_labels,
    (SELECT count(*) FROM loads WHERE status = 'completed') AS loads_completed,
    (SELECT count(*) FROM loads WHERE status = 'failed') AS loads_failed,
    (SELECT max(finished_at) FROM loads WHERE status = 'completed') AS last_completed_at;
