-- How many published documents are sample pages (warehouse/sample.py); reads the tables, not the
-- warehouse_info view, so a warehouse built before the view existed still answers.
SELECT count(*) FILTER (WHERE starts_with(url, $prefix)), count(*)
FROM documents
WHERE load_id IN (SELECT load_id FROM loads WHERE status = 'completed');
