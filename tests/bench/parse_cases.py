"""Parser cases: each parser against the natural baseline for its input, on the same bytes, same run.

* csc_parse: the Crime Statistics Comparison pages vs a bare `lxml.html.fromstring` (issue 13
  goal: within 2x). Its `extra` also gives the ratio with the parser's label and heading caches
  emptied before every parse (`cold_ratio`: the first parse in a fresh process), and with the
  tables read by lxml as before lexbor (`lxml_reader_ratio`, tests/transform/csc_reference.py).
* csv_parse: the two HKPF CSV files vs the stdlib csv module reading the same decoded text.
* hkcert_parse: the HKCERT JSON vs `json.loads` of the same bytes.
* gia_parse / media_parse: press releases and news pages vs `lxml.html.fromstring`; both include
  the figure reader (transform/figures, measured on its own by the `figures` group), so their
  `extra` gives the page-reading part alone too (`page_ratio`: the parser up to its text).
"""

from __future__ import annotations

import csv
import io
import json

import lxml.html

from tests.bench.core import Case, Context, best_of
from tests.bench.data import ARTICLE_PAGES, CSC_PAGES, OBSERVATION_PAGES, fixture_doc
from tests.transform.csc_reference import read_tables_lxml
from transform.parsers import csc, gia, hkcert, hkpf_csv, media

CSC_GOAL = 2.0  # issue 13: parse_csc within 2x of lxml.html.fromstring
CSV_PAGES = OBSERVATION_PAGES[3:5]
HKCERT_PAGES = OBSERVATION_PAGES[5:6]
GIA_PAGES = tuple(p for p in ARTICLE_PAGES if p[1] == "gia_press_release")
MEDIA_PAGES = tuple(p for p in ARTICLE_PAGES if p[1] != "gia_press_release")


def run(ctx: Context) -> list[Case]:
    return [
        bench_csc(ctx.repeat, ctx.min_time),
        bench_csv(ctx.repeat, ctx.min_time),
        bench_hkcert(ctx.repeat, ctx.min_time),
        bench_gia(ctx.repeat, ctx.min_time),
        bench_media(ctx.repeat, ctx.min_time),
    ]


def _bare_html(docs) -> object:
    return lambda: [lxml.html.fromstring(d.body) for d in docs]


def _cold_csc(docs) -> list:
    """parse_csc as the first parse in a process: the label and heading caches emptied first."""
    out = []
    for d in docs:
        csc._label.cache_clear()
        csc._period_or_none.cache_clear()
        out.append(csc.parse_csc(d))
    return out


def bench_csc(repeat: int, min_time: float) -> Case:
    """parse_csc of the three CSC pages vs lxml.html.fromstring of the same bytes."""
    docs = [fixture_doc(rel, source_id) for rel, source_id in CSC_PAGES]
    n_obs = sum(len(csc.parse_csc(d).observations) for d in docs)
    parse = best_of(lambda: [csc.parse_csc(d) for d in docs], repeat, min_time)
    bare = best_of(_bare_html(docs), repeat, min_time)
    cold = best_of(lambda: _cold_csc(docs), repeat, min_time)
    on_lxml = best_of(lambda: [csc.parse_csc_with(d, read_tables_lxml) for d in docs], repeat, min_time)
    extra = {
        "pages": len(docs),
        "bytes": sum(len(d.body) for d in docs),
        "observations": n_obs,
        "cold_ratio": round(cold / bare, 2),
        "lxml_reader_ratio": round(on_lxml / bare, 2),
    }
    baseline = "lxml.html.fromstring(body)"
    return Case("csc_parse", "parse_csc", parse, baseline, bare, extra, goal_ratio=CSC_GOAL)


def bench_csv(repeat: int, min_time: float) -> Case:
    """Both HKPF CSV parsers vs csv.reader over the same bytes decoded the same way."""
    (monthly, detail) = [fixture_doc(rel, source_id) for rel, source_id in CSV_PAGES]
    pairs = (
        (monthly, hkpf_csv.parse_overall_monthly, "utf-8"),
        (detail, hkpf_csv.parse_detail_annual, "big5hkscs"),
    )
    n_obs = sum(len(fn(d).observations) for d, fn, _ in pairs)
    parse = best_of(lambda: [fn(d) for d, fn, _ in pairs], repeat, min_time)
    bare = best_of(
        lambda: [list(csv.reader(io.StringIO(d.body.decode(enc), newline=""))) for d, _, enc in pairs],
        repeat,
        min_time,
    )
    extra = {"files": 2, "bytes": monthly.body.__len__() + detail.body.__len__(), "observations": n_obs}
    return Case("csv_parse", "hkpf_csv parsers", parse, "csv.reader(decoded body)", bare, extra)


def bench_hkcert(repeat: int, min_time: float) -> Case:
    """The HKCERT JSON parser vs json.loads of the same bytes."""
    (doc,) = [fixture_doc(rel, source_id) for rel, source_id in HKCERT_PAGES]
    n_obs = len(hkcert.parse_monthly(doc).observations)
    parse = best_of(lambda: hkcert.parse_monthly(doc), repeat, min_time)
    bare = best_of(lambda: json.loads(doc.body), repeat, min_time)
    extra = {"bytes": len(doc.body), "observations": n_obs}
    return Case("hkcert_parse", "hkcert.parse_monthly", parse, "json.loads(body)", bare, extra)


def _bench_article_pages(name: str, what: str, docs, parse, read, repeat: int, min_time: float) -> Case:
    """A page parser vs lxml.html.fromstring of the same bytes; `page_ratio`: its page reading alone."""
    whole = best_of(lambda: [parse(d) for d in docs], repeat, min_time)
    page = best_of(lambda: [read(d) for d in docs], repeat, min_time)
    bare = best_of(_bare_html(docs), repeat, min_time)
    extra = {"pages": len(docs), "bytes": sum(len(d.body) for d in docs), "page_ratio": round(page / bare, 2)}
    return Case(name, what, whole, "lxml.html.fromstring(body)", bare, extra)


def bench_gia(repeat: int, min_time: float) -> Case:
    """parse_press_release of the GIA fixture releases vs lxml.html.fromstring of the same bytes."""
    docs = [fixture_doc(rel, source_id) for rel, source_id in GIA_PAGES]
    what = "gia.parse_press_release"
    return _bench_article_pages(
        "gia_parse", what, docs, gia.parse_press_release, gia.read_release, repeat, min_time
    )


def bench_media(repeat: int, min_time: float) -> Case:
    """parse_article of the news fixtures (RTHK, SCMP, news.gov.hk) vs lxml.html.fromstring."""
    docs = [fixture_doc(rel, source_id) for rel, source_id in MEDIA_PAGES]
    what = "media.parse_article"
    return _bench_article_pages(
        "media_parse", what, docs, media.parse_article, media.read_article, repeat, min_time
    )
