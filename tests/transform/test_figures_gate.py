"""Accuracy gate for figures read from text (issue 4), in the manner of trafilatura's evaluation.

The gate corpus (tests/fixtures/figures/gate_en.jsonl, gate_zh.jsonl) is written by this project:
neutral prose around published figures (reference/published_figures.csv, SOURCES.md), each passage
with the figures a careful reader finds in it. It uses the same format and the same matching rule as
the shared evaluation script: kind, metric, category, unit and period equal, and the value equal
(counts), within 0.5% (money) or within 0.05 points (percent); precision counts Hong Kong figures in
count / HKD / percent only.

The floors are pinned and never lowered silently; the hashes make any change to a gate file visible
here, so that a fixture cannot be edited to fit the code without this test being edited too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from transform.figures import extract_figures

GATE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "figures"
GATE_SHA256 = {
    "gate_en.jsonl": "4c1a73ee09bd11c9eea8fbddf2bb265f73e35f0d4fc82dffd36d8f3c47b4dac7",
    "gate_zh.jsonl": "3fcd013631f89a14561961bf2f245d3b583e39f96713b21326326eb7201782c0",
}
MIN_RECALL = 0.95
MIN_PRECISION = 0.95
# Held-out passages in new phrasings (headlines, lists with "respectively"/分別, Simplified releases, mixed
# Hong Kong and Macao/Singapore/Taiwan paragraphs ...), written to measure robustness before rules were added.
HOLDOUT_SHA256 = {
    "holdout_en.jsonl": "1f5ab0230ca9ba6816ef49f4df63121611c66ad4e41fad987f38eb2874765e13",
    "holdout_zh.jsonl": "6938feb70bd6e3d29bf6959c107f9eebc9a0934acfa6ac0447396377cbd5ea45",
}
HOLDOUT_MIN_RECALL = 0.95
HOLDOUT_MIN_PRECISION = 0.90
SCORED_UNITS = {"count", "HKD", "percent"}


def _value_ok(unit: str, got: float, want: float) -> bool:
    if unit == "percent":
        return abs(got - want) <= 0.05
    if unit == "count":
        return abs(got - want) <= 0.5
    return abs(got - want) <= 0.005 * abs(want)


def _matches(got: dict, want: dict) -> bool:
    return all(got[k] == want[k] for k in ("kind", "metric", "category", "unit", "period")) and _value_ok(
        want["unit"], float(got["value"]), want["value"]
    )


def _score(path: Path) -> tuple[int, int, int, list[str]]:
    """(expected, found, matched, notes) over one gate file."""
    expected = found = matched = 0
    notes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        figures = extract_figures(item["text"], ref_date=date.fromisoformat(item["ref_date"]))
        got = [f.to_dict() for f in figures if f.unit in SCORED_UNITS and f.jurisdiction == "HK"]
        expected += len(item["expected"])
        found += len(got)
        for want in item["expected"]:
            hit = next((g for g in got if _matches(g, want)), None)
            if hit is None:
                notes.append(f"{item['id']}: missed {want}")
            else:
                got.remove(hit)
                matched += 1
        notes += [f"{item['id']}: extra {g['kind']} {g['category']} {g['value']} {g['period']}" for g in got]
    return expected, found, matched, notes


PINNED = {**GATE_SHA256, **HOLDOUT_SHA256}
FLOORS = {name: (MIN_RECALL, MIN_PRECISION) for name in GATE_SHA256} | {
    name: (HOLDOUT_MIN_RECALL, HOLDOUT_MIN_PRECISION) for name in HOLDOUT_SHA256
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_gate_files_are_unchanged(name):
    digest = hashlib.sha256((GATE_DIR / name).read_bytes()).hexdigest()
    assert digest == PINNED[name], f"{name} changed: review the change, then update its pinned sha256"


@pytest.mark.parametrize("name", sorted(PINNED))
def test_gate_recall_and_precision(name):
    expected, found, matched, notes = _score(GATE_DIR / name)
    assert expected >= 25, "the gate must stay large enough to mean something"
    recall, precision = matched / expected, matched / found if found else 0.0
    min_recall, min_precision = FLOORS[name]
    assert recall >= min_recall and precision >= min_precision, (
        f"{name}: recall {recall:.3f} (floor {min_recall}), precision {precision:.3f} "
        f"(floor {min_precision})\n" + "\n".join(notes)
    )


def test_gate_passages_carry_only_published_figures_in_both_languages():
    items = [
        json.loads(line)
        for name in GATE_SHA256
        for line in (GATE_DIR / name).read_text(encoding="utf-8").splitlines()
    ]
    assert {i["lang"] for i in items} == {"EN", "ZH-Hant"}
    assert any(not i["expected"] for i in items), "the gate includes passages that must yield nothing"
    assert len({i["id"] for i in items}) == len(items)


def test_holdout_passages_cover_both_scripts_and_passages_that_must_yield_nothing():
    items = [
        json.loads(line)
        for name in HOLDOUT_SHA256
        for line in (GATE_DIR / name).read_text(encoding="utf-8").splitlines()
    ]
    assert len(items) >= 25
    assert {i["lang"] for i in items} == {"EN", "ZH-Hant", "ZH-Hans"}
    assert sum(i["lang"].startswith("ZH") for i in items) * 2 >= len(items), "half of them Chinese"
    assert any(not i["expected"] for i in items)
    assert len({i["id"] for i in items}) == len(items)
    assert all(i["url"] == "project-fixture" for i in items)
