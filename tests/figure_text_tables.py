"""The figure reader on tables flattened to text, generated (`make figures-tables`).

A Legislative Council reply or a police review gives a series year by year in a table; a news page,
a PDF's text layer or a copy-paste flattens it into lines: cells separated by "|", tabs or runs of
spaces, years across the first row or down the first column, a unit in the heading ("(HK$ million)",
（百萬元）), or the same figures as a list or a "respectively" sentence. This module writes those
layouts out, in English and Chinese, around runs of real published figures
(`../shared/reference/published_figures.csv`), each with the figures ANNOTATION.md says a careful
reader records: every count and amount with its year, and no change (a table states levels).

It is a grammar of this project's own: its score measures these layouts, not real text. The score
as first measured is recorded in the README ("Tables flattened to text").

    python -m tests.figure_text_tables            # the score, by language and by layout
    python -m tests.figure_text_tables -v T4      # every miss and extra of the layouts named
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tests.figure_constructions import print_scores, template_of
from tests.figure_invariance import Item, score
from tests.figure_model import evaluator


@dataclass(frozen=True)
class Run:
    """A series' counts (and losses, where published) for consecutive years."""

    category: str
    years: tuple[int, ...]
    cases: tuple[int, ...]
    ref_date: str
    losses: tuple[int, ...] | None = None  # HK dollars


# Rows of ../shared/reference/published_figures.csv.
RUNS = (
    Run("deception", (2019, 2020, 2021), (8216, 15553, 19249), "2022-03-01"),
    Run("deception", (2022, 2023, 2024), (27923, 39824, 44480), "2025-03-01"),
    Run("overall_crime", (2016, 2017, 2018, 2019), (60646, 56017, 54225, 59225), "2020-03-01"),
    Run(
        "technology_crime",
        (2011, 2012, 2013),
        (2206, 3015, 5133),
        "2014-03-01",
        (148_000_000, 238_000_000, 863_000_000),
    ),
)

EN_ROW = {"deception": "Deception", "overall_crime": "Overall crime", "technology_crime": "Technology crime"}
ZH_ROW = {"deception": "詐騙案", "overall_crime": "整體罪案", "technology_crime": "科技罪案"}


def spaced(n: int) -> str:
    """A count as the Government's tables print it: "19 249"."""
    return f"{n:,}".replace(",", " ")


def millions(v: int) -> str:
    return f"{v / 1e6:g}"


def levels(run: Run) -> list[dict]:
    out = [_gold(run, "cases", n, "count", y) for y, n in zip(run.years, run.cases, strict=True)]
    if run.losses:
        out += [_gold(run, "loss", v, "HKD", y) for y, v in zip(run.years, run.losses, strict=True)]
    return out


def counts_only(run: Run) -> list[dict]:
    return [_gold(run, "cases", n, "count", y) for y, n in zip(run.years, run.cases, strict=True)]


def _gold(run: Run, metric: str, value: int, unit: str, year: int) -> dict:
    return {
        "kind": "level",
        "metric": metric,
        "category": run.category,
        "value": value,
        "unit": unit,
        "period": str(year),
    }


def _cells(values: list[str], sep: str) -> str:
    return sep.join(values)


Layout = tuple[str, str, Callable[[Run], str], Callable[[Run], list[dict]]]

LAYOUTS: list[Layout] = [
    (
        "T1",
        "EN",
        lambda r: (
            f"Year | {_cells([str(y) for y in r.years], ' | ')}\n"
            f"{EN_ROW[r.category]} cases | {_cells([spaced(n) for n in r.cases], ' | ')}"
        ),
        counts_only,
    ),
    (
        "T2",
        "EN",
        lambda r: (
            f"Year\t{_cells([str(y) for y in r.years], chr(9))}\n"
            f"Number of {EN_ROW[r.category].lower()} cases\t{_cells([spaced(n) for n in r.cases], chr(9))}"
        ),
        counts_only,
    ),
    (
        "T3",
        "EN",
        lambda r: (
            f"{EN_ROW[r.category]}\nYear      Number of cases\n"
            + "\n".join(f"{y}      {spaced(n)}" for y, n in zip(r.years, r.cases, strict=True))
        ),
        counts_only,
    ),
    (
        "T4",
        "EN",
        lambda r: (
            f"Year | {EN_ROW[r.category]} cases | Loss (HK$ million)\n"
            + "\n".join(
                f"{y} | {spaced(n)} | {millions(v)}"
                for y, n, v in zip(r.years, r.cases, r.losses or r.cases, strict=True)
            )
        ),
        levels,
    ),
    (
        "T5",
        "EN",
        lambda r: (
            f"{EN_ROW[r.category]} cases:\n"
            + "\n".join(f"- {y}: {n:,}" for y, n in zip(r.years, r.cases, strict=True))
        ),
        counts_only,
    ),
    (
        "T6",
        "EN",
        lambda r: (
            f"{EN_ROW[r.category]} cases numbered {', '.join(f'{n:,}' for n in r.cases[:-1])} and "
            f"{r.cases[-1]:,} in {', '.join(str(y) for y in r.years[:-1])} and {r.years[-1]} respectively."
        ),
        counts_only,
    ),
    (
        "T7",
        "ZH",
        lambda r: (
            f"年份 | {_cells([str(y) for y in r.years], ' | ')}\n"
            f"{ZH_ROW[r.category]}（宗） | {_cells([spaced(n) for n in r.cases], ' | ')}"
        ),
        counts_only,
    ),
    (
        "T8",
        "ZH",
        lambda r: (
            f"年份\t{ZH_ROW[r.category]}數字（宗）\t損失金額（百萬元）\n"
            + "\n".join(
                f"{y}\t{spaced(n)}\t{millions(v)}"
                for y, n, v in zip(r.years, r.cases, r.losses or r.cases, strict=True)
            )
        ),
        levels,
    ),
    (
        "T9",
        "ZH",
        lambda r: (
            f"{r.years[0]}至{r.years[-1]}年的{ZH_ROW[r.category]}分別有"
            f"{'、'.join(f'{n}宗' for n in r.cases[:-1])}及{r.cases[-1]}宗。"
        ),
        counts_only,
    ),
    (
        "T10",
        "ZH",
        lambda r: (
            f"{ZH_ROW[r.category]}數字：\n"
            + "\n".join(f"{y}年：{spaced(n)}宗" for y, n in zip(r.years, r.cases, strict=True))
        ),
        counts_only,
    ),
]


def _fits(tid: str, run: Run) -> bool:
    return run.losses is not None or tid not in ("T4", "T8")  # a loss column only where losses are published


def every_item() -> list[Item]:
    """Every layout crossed with every run it fits."""
    return list(_items())


def _items() -> Iterator[Item]:
    for tid, lang, text, gold in LAYOUTS:
        for n, run in enumerate(RUNS):
            if _fits(tid, run):
                yield {
                    "id": f"{tid}-{n}",
                    "lang": lang,
                    "ref_date": run.ref_date,
                    "text": text(run),
                    "expected": gold(run),
                }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("layout", nargs="*", help="only these layouts (T1...)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each text with its misses and extras")
    args = ap.parse_args()
    ev = evaluator()
    chosen = [i for i in every_item() if not args.layout or template_of(i) in args.layout]
    if args.verbose:
        for item in chosen:
            print("  ", item["id"], item["text"].replace("\n", " / "))
            score(ev, [item], verbose=True)
    print_scores(ev, chosen)


if __name__ == "__main__":
    main()
