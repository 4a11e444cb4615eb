"""CI gate: the figure reader on the shared dev corpus of real passages (issue 8).

The floors are the cross-fold estimate (each fold scored before its errors were looked at, README
"Figures in text"), not the score after tuning: a change that loses generality fails here. They are
pinned; lowering one is a decision to write in the README's history, never a silent edit.

The passages stay in ../shared (other people's text); the shared evaluator's own matching rules are
imported from ../shared/eval so that this gate and `figures_eval.py` cannot disagree.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "news_dev.jsonl"
EVALUATOR = SHARED / "eval" / "figures_eval.py"

# Cross-fold first measurements (folds 1-4 after the redesign, README): recall 0.834, precision 0.759.
FLOOR_RECALL = 0.83
FLOOR_PRECISION = 0.75
FLOOR_PER_LANGUAGE = 0.72

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not found at {CORPUS}")


def _evaluator():
    spec = importlib.util.spec_from_file_location("figures_eval", EVALUATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score() -> dict[str, list[int]]:
    """Matched, expected and found figures by language, through the harness's own reading of a passage."""
    from tests.figure_invariance import read_passage

    ev = _evaluator()
    totals: dict[str, list[int]] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        want, missed, extra = read_passage(ev, item)
        hit = len(want) - len(missed)
        for key in ("all", item["lang"].upper()):
            t = totals.setdefault(key, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + hit, t[1] + len(want), t[2] + hit + len(extra)
    return totals


def test_the_reader_stays_above_the_cross_fold_floors():
    totals = _score()
    matched, expected, found = totals["all"]
    recall, precision = matched / expected, matched / found
    assert recall >= FLOOR_RECALL and precision >= FLOOR_PRECISION, (recall, precision)
    for lang in ("EN", "ZH"):
        m, e, f = totals[lang]
        assert m / e >= FLOOR_PER_LANGUAGE and m / f >= FLOOR_PER_LANGUAGE, (lang, m / e, m / f)
