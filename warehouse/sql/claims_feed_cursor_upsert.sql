-- warehouse/news_state.py:set_cursor. Insert or move a feed cursor forward (never back in time).
INSERT INTO feed_cursors (feed_id, last_item_published_at, last_item_url, updated_at)
VALUES ($feed_id, $published_at, $url, $now)
ON CONFLICT (feed_id) DO UPDATE SET
    last_item_published_at = excluded.last_item_published_at,
    last_item_url = excluded.last_item_url,
    updated_at = excluded.updated_at
WHERE feed_cursors.last_item_published_at IS NULL
   OR excluded.last_item_published_at >= feed_cursors.last_item_published_at;
