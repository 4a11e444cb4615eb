"""A vintage is new when its numbers or labels change, not its bytes (issue 12)."""

from __future__ import annotations

from transform.vintages import new_vintages, series_key

URL = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"


def row(sha: str, value: float, label: str = "Overall Crime", period: str = "2024-H1") -> dict:
    return {
        "observation_id": f"{sha}-{label}-{period}",
        "source_id": "hkpf_csc_en",
        "document_url": URL,
        "raw_sha256": sha,
        "jurisdiction": "HK",
        "category": "overall_crime",
        "source_label": label,
        "metric": "cases",
        "unit": "count",
        "period_label": period,
        "value": value,
        "qualifier": "exact",
    }


def test_markup_only_change_adds_nothing():
    first = [row("a", 45315), row("a", 42923, period="2023-H1")]
    latest = {series_key(r): {(r["value"], "exact")} for r in first}
    again = [row("b", 45315), row("b", 42923, period="2023-H1")]
    assert new_vintages(again, latest) == []


def test_a_revised_number_adds_only_its_row():
    latest = {
        series_key(row("a", 45315)): {(45315.0, "exact")},
        series_key(row("a", 1, period="2023-H1")): {(42923.0, "exact")},
    }
    revised = [row("b", 45316), row("b", 42923, period="2023-H1")]
    assert [r["value"] for r in new_vintages(revised, latest)] == [45316]


def test_a_renamed_label_is_a_new_series():
    latest = {series_key(row("a", 45315)): {(45315.0, "exact")}}
    assert len(new_vintages([row("b", 45315, label="Overall crime")], latest)) == 1


def test_within_one_batch_versions_are_compared_in_fetch_order_and_a_revert_counts():
    batch = [row("a", 1), row("b", 1), row("c", 2), row("d", 2), row("e", 1)]
    assert [r["raw_sha256"] for r in new_vintages(batch, {})] == ["a", "c", "e"]


def test_rows_already_stored_are_left_out():
    assert new_vintages([row("a", 1)], {}, stored_ids={"a-Overall Crime-2024-H1"}) == []


def test_rows_of_one_document_are_not_compared_with_each_other():
    twice = [row("a", 5), dict(row("a", 5), observation_id="other-quote")]
    assert len(new_vintages(twice, {})) == 2
