-- News figures checked against the official figures: inconsistent and disputed first, then those
-- without any data, then the others; newest articles first. Article title from the articles table.
-- report_checks is article_figure_checks materialised by report_views.sql.
SELECT
    f.*,
    a.title AS article_title,
    a.url AS article_url
FROM report_checks AS f
LEFT JOIN visible_articles AS a USING (article_id)
ORDER BY CASE f.verdict WHEN 'inconsistent' THEN 1 WHEN 'disputed' THEN 1 WHEN 'no_official_data' THEN 2 ELSE 3 END,
         f.published_at DESC NULLS LAST, f.document_url, f.category, f.metric, f.period_label, f.figure_id;
