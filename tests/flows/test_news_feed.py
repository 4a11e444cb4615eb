"""flows.news.collect_feed refuses a catalogue entry that is not a feed before fetching anything."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from flows.news import collect_feed


class NoNetwork:
    """A client that fails the test if anything is fetched."""

    def fetch(self, *args, **kwargs):
        raise AssertionError("collect_feed fetched before checking the catalogue entry")


def test_a_source_without_follows_is_refused_by_name(tmp_path: Path):
    with pytest.raises(ValueError, match="'hkpf_csc_en'.*no `follows`"):
        collect_feed(NoNetwork(), tmp_path / "warehouse.duckdb", "hkpf_csc_en", timedelta(hours=48))
