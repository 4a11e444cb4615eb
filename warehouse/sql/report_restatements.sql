-- Restatements: a later document giving a different value for a period than its first publication.
SELECT *
FROM restatements
ORDER BY jurisdiction, category, metric, period_label, later_published_at NULLS LAST, later_document_url;
