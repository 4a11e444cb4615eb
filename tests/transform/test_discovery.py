"""Incremental feed reading: cursor, look-back, backfill URL ranges, and the stored cursor (issue 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from transform.discovery import advance_cursor, backfill_index_urls, select_items
from transform.parsers.rss import FeedItem
from warehouse.db import connect
from warehouse.news_state import get_cursor, read_feed_state, set_cursor

CURSOR = datetime(2024, 2, 6, 9, 0, tzinfo=UTC)


def _item(name: str, hours_from_cursor: float | None) -> FeedItem:
    when = None if hours_from_cursor is None else CURSOR + timedelta(hours=hours_from_cursor)
    return FeedItem(
        title=name,
        url=f"https://www.info.gov.hk/gia/general/202402/06/{name}.htm",
        published_at=when,
        summary="",
    )


def _names(items) -> list[str]:
    return [i.title for i in items]


def test_new_items_are_taken_and_seen_items_are_reread_only_within_the_lookback():
    items = [_item("new", 2), _item("recent_seen", -1), _item("old_seen", -30), _item("old_unseen", -30)]
    seen = {i.url for i in items if "seen" in i.title and "unseen" not in i.title}
    chosen = select_items(items, CURSOR, timedelta(hours=6), seen)
    assert _names(chosen) == ["new", "recent_seen", "old_unseen"]


def test_first_run_without_cursor_takes_everything_once():
    items = [_item("a", -100), _item("b", None), _item("a", -100)]
    assert _names(select_items(items, None, timedelta(hours=6), set())) == ["a", "b"]


def test_a_seen_item_without_date_is_not_reread():
    items = [_item("undated", None)]
    assert select_items(items, CURSOR, timedelta(days=1), {items[0].url}) == []


def test_cursor_advances_to_the_latest_item_and_never_moves_back():
    items = [_item("a", -5), _item("b", 3), _item("c", None)]
    assert advance_cursor(items) == CURSOR + timedelta(hours=3)
    assert advance_cursor([_item("old", -50)], current=CURSOR) == CURSOR
    assert advance_cursor([], current=None) is None


def test_backfill_urls_cover_the_range_inclusive_across_a_month_end():
    urls = backfill_index_urls(date(2024, 1, 30), date(2024, 2, 2))
    assert urls == [
        "https://www.info.gov.hk/gia/general/202401/30.htm",
        "https://www.info.gov.hk/gia/general/202401/31.htm",
        "https://www.info.gov.hk/gia/general/202402/01.htm",
        "https://www.info.gov.hk/gia/general/202402/02.htm",
    ]
    assert backfill_index_urls(date(2024, 2, 29), date(2024, 2, 29)) == [
        "https://www.info.gov.hk/gia/general/202402/29.htm"
    ]


def test_backfill_refuses_a_reversed_range():
    with pytest.raises(ValueError, match=r"ends \(2024-01-01\) before it starts \(2024-02-01\)"):
        backfill_index_urls(date(2024, 2, 1), date(2024, 1, 1))


def test_backfill_refuses_more_than_366_days_unless_allowed():
    with pytest.raises(ValueError, match="367 days, over 366"):
        backfill_index_urls(date(2023, 1, 1), date(2024, 1, 2))
    assert len(backfill_index_urls(date(2023, 1, 1), date(2024, 1, 2), allow_long=True)) == 367


def test_stored_cursor_round_trips_and_never_moves_back(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    assert get_cursor(con, "gia_rss_en") == (None, None)
    later = CURSOR + timedelta(hours=1)
    set_cursor(con, "gia_rss_en", later, "https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm")
    set_cursor(con, "gia_rss_en", CURSOR, "https://www.info.gov.hk/gia/general/202402/06/older.htm")
    assert get_cursor(con, "gia_rss_en") == (
        later,
        "https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm",
    )
    assert get_cursor(con, "scmp_hk_rss") == (None, None)


def test_a_naive_cursor_time_is_refused(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    with pytest.raises(ValueError, match="gia_rss_en.*naive"):
        set_cursor(con, "gia_rss_en", datetime(2024, 2, 6, 17, 45), "https://www.info.gov.hk/x.htm")


def test_feed_state_before_any_load_is_empty(tmp_path):
    assert read_feed_state(tmp_path / "absent.duckdb", "gia_rss_en") == (None, set())


def test_feed_state_gives_the_cursor_and_the_urls_of_completed_loads_only(tmp_path):
    path = tmp_path / "w.duckdb"
    con = connect(path)
    day = "https://www.info.gov.hk/gia/general/202402/06"
    loaded, failed = f"{day}/P2024020600468.htm", f"{day}/other.htm"
    set_cursor(con, "gia_rss_en", CURSOR, loaded)
    for load_id, status, url in (("L1", "completed", loaded), ("L2", "failed", failed)):
        con.execute(
            "INSERT INTO loads (load_id, started_at, status) VALUES (?, ?, ?)", [load_id, CURSOR, status]
        )
        con.execute(
            "INSERT INTO articles (article_id, url, source_id, source_tier, sha256, load_id) "
            "VALUES (?, ?, 'gia_press_release', 'official_text', 'x', ?)",
            [load_id, url, load_id],
        )
    con.close()
    cursor, seen = read_feed_state(path, "gia_rss_en")
    assert cursor == CURSOR
    assert seen == {loaded}
