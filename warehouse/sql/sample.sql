-- Sample data (extract/sample.py): pages this project wrote are stored under the sample host, never
-- under a real publisher's address. Every reader output marks their rows (`sample`), and a warehouse
-- holding any of them says so in `warehouse_info` (read by every command: compare, query, check,
-- export, report, demo). Applied after views.sql and claims.sql; macro is_sample_url is in macros.sql.

-- One row: is this warehouse (partly) sample data, and how much of it. Derived from the documents
-- its completed loads published, so a demo load records it, a replay of the demo archive records it
-- again, and it can never disagree with the rows.
CREATE OR REPLACE VIEW warehouse_info AS
SELECT
    count(*) FILTER (WHERE is_sample_url(url)) > 0 AS sample,
    count(*) FILTER (WHERE is_sample_url(url)) AS sample_documents,
    count(*) AS documents,
    'sample.cyberstats.invalid' AS sample_host,
    CASE WHEN count(*) FILTER (WHERE is_sample_url(url)) > 0 THEN
        'SAMPLE DATA: built from pages written by cyberstats in the layouts of the real sources '
        || '(real published figures, the project''s own sentences); their addresses are under '
        || 'sample.cyberstats.invalid, and their quotes are not the publishers'' words'
    END AS note
FROM visible_documents;
