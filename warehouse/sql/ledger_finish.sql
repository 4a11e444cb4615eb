-- The load's rows become visible to readers when this row commits with them.
UPDATE loads SET
    status = 'completed',
    finished_at = $finished_at,
    observations_read = $observations_read,
    observations_inserted = $observations_inserted,
    articles_read = $articles_read,
    articles_inserted = $articles_inserted,
    article_figures_read = $article_figures_read,
    article_figures_inserted = $article_figures_inserted,
    documents_read = $documents_read,
    documents_inserted = $documents_inserted
WHERE load_id = $load_id;
