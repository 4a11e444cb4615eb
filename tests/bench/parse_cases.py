"""Parser cases: the Crime Statistics Comparison pages against a bare lxml parse of the same bytes."""

from __future__ import annotations

import lxml.html

from tests.bench.core import Case, Context, best_of
from tests.bench.data import CSC_PAGES, fixture_doc
from transform.parsers.csc import parse_csc

CSC_GOAL = 2.0  # issue 13: parse_csc within 2x of lxml.html.fromstring


def run(ctx: Context) -> list[Case]:
    return [bench_csc(ctx.repeat, ctx.min_time)]


def bench_csc(repeat: int, min_time: float) -> Case:
    """parse_csc of the three CSC pages vs lxml.html.fromstring of the same bytes."""
    docs = [fixture_doc(rel, source_id) for rel, source_id in CSC_PAGES]
    n_obs = sum(len(parse_csc(d).observations) for d in docs)
    parse = best_of(lambda: [parse_csc(d) for d in docs], repeat, min_time)
    bare = best_of(lambda: [lxml.html.fromstring(d.body) for d in docs], repeat, min_time)
    extra = {"pages": len(docs), "bytes": sum(len(d.body) for d in docs), "observations": n_obs}
    baseline = "lxml.html.fromstring(body)"
    return Case("csc_parse", "parse_csc", parse, baseline, bare, extra, goal_ratio=CSC_GOAL)
