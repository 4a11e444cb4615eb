"""Figure-reader case: chars/s of extract_figures over the fixture articles."""

from __future__ import annotations

import re

from tests.bench.core import Case, Context, best_of
from tests.bench.data import passages
from transform.figures import extract_figures

NUMBER_SCAN = re.compile(r"\d[\d,. ]*\d|\d")
CHARS_PER_S_GOAL = 200_000  # issue 13: the reader at >= 200k chars/s


def run(ctx: Context) -> list[Case]:
    return [bench_figures(passages(), ctx.repeat, ctx.min_time)]


def bench_figures(texts, repeat: int, min_time: float) -> Case:
    """extract_figures over every passage vs a regex number scan of the same text."""
    n_chars = sum(len(t) for t, _ in texts)
    n_figures = sum(len(extract_figures(t, ref_date=d)) for t, d in texts)
    extract = best_of(lambda: [extract_figures(t, ref_date=d) for t, d in texts], repeat, min_time)
    scan = best_of(lambda: [NUMBER_SCAN.findall(t) for t, _ in texts], repeat, min_time)
    chars_per_s = round(n_chars / extract)
    extra = {
        "passages": len(texts),
        "chars": n_chars,
        "figures": n_figures,
        "chars_per_s": chars_per_s,
        "baseline_chars_per_s": round(n_chars / scan),
    }
    return Case(
        "figures",
        "extract_figures",
        extract,
        "regex number scan",
        scan,
        extra,
        goal=f">= {CHARS_PER_S_GOAL:,} chars/s",
        met=chars_per_s >= CHARS_PER_S_GOAL,
    )
