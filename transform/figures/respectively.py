"""Lists spread over items by "respectively" / 分別: which item each number of the list belongs to.

LegCo replies and press releases write "the number of cases was A, B and C in 2013, 2014 and 2015" but
also "the amounts lost were $43.1 million, $48.4 million and $40.4 million respectively", and Chinese
"二〇一三至二〇一七年，網上商業騙案分別有1 449宗、2 375宗……" or "案件及損失分別上升42.9%及87.1%". Read
number by number, every member of such a list takes the one period or subject of the sentence; the
marker says instead that the i-th number goes with the i-th item. The items are, in this order:

1. a period written right before the marker (去年同期分別為X及Y): every number takes that period;
2. a run of years ("二〇一三至二〇一七年", "from 2013 to 2017") with as many years as the list has numbers;
3. the periods named in the sentence, when there are as many;
4. the category words before the list, when there are as many ("網購騙案及投資騙案分別有X宗及Y宗");
5. the metrics of the figures before the list, when the list is of changes ("有X宗，損失Y元，分別上升A%及B%");
6. the periods of the figures of the sentence before, when there are as many (the LegCo reply above).

When no item list has the length of the number list nothing is changed: a guess is worse than the
sentence's own period.

Without a marker, a list of k crimes joined right before a list of k numbers of one kind is paired in
order too ("Online shopping fraud and investment fraud rose 20 per cent and 30 per cent"), unless the
sentence names as many periods, which the numbers could be of instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from transform.figures import categories_text as cats
from transform.periods import Period, SamePeriodRef, period_from_label
from transform.regex_gate import gated_compile

__all__ = ["find_lists", "has_list_marker", "spread"]

_MARKER = gated_compile(r"\brespectively\b|分別|分别", re.IGNORECASE)
# Between two members of a list: units, separators, "and", and the direction of the next member's
# change (分別上升47.3%及下跌5.9%, "up 3.5% and down 6.2%") only.
_LIST_GAP = gated_compile(
    r"(?:\s|宗|起|個案|个案|萬元|万元|億元|亿元|元|cases?|reports?|per\s?cent|percent|%|HK\$|US\$|\$|million|"
    r"billion|[、,，]|及|和|與|与|以及|\band\b|\bor\b"
    r"|上升|下跌|下降|增加|減少|减少|回落|\bup\b|\bdown\b)*",
    re.IGNORECASE,
)
_CONNECTOR = gated_compile(r"[、,，及和與与]|\band\b|\bor\b", re.IGNORECASE)
# Between 分別 and the first number ("分別有", "分別為", "分別上升"), or the last number and "respectively".
# 分別較去年同期減少, 分別較2017年同期減少: words, or a year written out, between the marker and the list
_ZH_LEAD = gated_compile(r"^(?:(?:19|20)\d\d\s*年|[^\d，。；;,.]){0,10}$")
_EN_TAIL = gated_compile(r"^[^\d;.。]{0,40}$")
_ZH_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_YEAR = r"(?:(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3})"
_YEAR_RANGE = gated_compile(
    rf"(?P<a>{_YEAR})\s*年?\s*(?:至|到|-|–|—|\bto\b|\band\b|\bthrough\b)\s*(?P<b>{_YEAR})(?!\d)",
    re.IGNORECASE,
)


def has_list_marker(text: str) -> bool:
    """Whether a sentence says "respectively" / 分別."""
    return bool(_MARKER.search(text))


def _year(raw: str) -> int:
    return int("".join(_ZH_YEAR_DIGITS.get(ch, ch) for ch in raw))


def _is_gap(gap: str) -> bool:
    return bool(_LIST_GAP.fullmatch(gap)) and bool(_CONNECTOR.search(gap))


def _without(text: str, start: int, end: int, blanks: Sequence[tuple[int, int]]) -> str:
    """text[start:end] with the spans `blanks` (period phrases) written as spaces."""
    chars = list(text[start:end])
    for s, e in blanks:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def find_lists(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]],
    period_spans: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, list[int]]]:
    """(marker offset, starts of the numbers it spreads) for each marker in text[start:end].

    `spans` are the (start, end) of the figures of the sentence in text order; `period_spans` those of
    its period phrases, which may stand between the numbers and the marker ("27 923 and 39 824 in
    2022 and 2023 respectively").
    """
    out = []
    for m in _MARKER.finditer(text, start, end):
        if m.group().isascii():
            before = [i for i, (_, e) in enumerate(spans) if e <= m.start()]
            tail = _without(text, spans[before[-1]][1], m.start(), period_spans) if before else ""
            if not before or not _EN_TAIL.match(tail):
                continue
            idx = [before[-1]]
            while idx[0] > 0 and _is_gap(text[spans[idx[0] - 1][1] : spans[idx[0]][0]]):
                idx.insert(0, idx[0] - 1)
        else:
            after = [i for i, (s, _) in enumerate(spans) if s >= m.end()]
            if not after or not _ZH_LEAD.match(text[m.end() : spans[after[0]][0]]):
                continue
            idx = [after[0]]
            while idx[-1] + 1 < len(spans) and _is_gap(text[spans[idx[-1]][1] : spans[idx[-1] + 1][0]]):
                idx.append(idx[-1] + 1)
        if len(idx) >= 2:
            out.append((m.start(), [spans[i][0] for i in idx]))
    return out


def _metric_words(text: str, start: int, end: int) -> list[str]:
    """The distinct case/loss words of the clause before a list, in order (宗數及損失金額)."""
    clause_start = max(start, *(text.rfind(c, start, end) + 1 for c in "，,;；"))
    words = [t.key for t in cats.find_metric_terms(text[clause_start:end]) if t.key in ("cases", "loss")]
    return list(dict.fromkeys(words))


def _years_in_range(text: str, start: int, end: int, count: int) -> list[Period] | None:
    for m in _YEAR_RANGE.finditer(text, start, end):
        a, b = _year(m.group("a")), _year(m.group("b"))
        if b - a + 1 == count:
            return [period_from_label(str(y)) for y in range(a, b + 1)]
    return None


# (a member may end in its head noun and open with "the": "the overall crime figure and violent crime")
_TERM_JOIN = gated_compile(
    r"(?:案|cases?|crimes?|\s*figures?|\s*numbers?|\s*totals?)?\s*"
    r"(?:[、,，]|及|和|與|与|以及|,?\s*\band\b|,?\s*\bor\b)\s*(?:the\s+)?",
    re.IGNORECASE,
)


def _listed_terms(text: str, terms: list[cats.Term], k: int) -> list[cats.Term]:
    """The category words a list of k numbers spreads over: all of them when there are k, else the last
    k when they are written as one list ("整體罪案…，而勒索、爆竊案及暴力罪案分別…")."""
    if len(terms) <= k:
        return terms
    last = terms[-k:]
    joined = all(_TERM_JOIN.fullmatch(text[a.end : b.start]) for a, b in zip(last, last[1:], strict=False))
    return last if joined else terms


def spread(
    text: str,
    sentence: tuple[int, int],
    figures: list,
    periods: Sequence[tuple[int, int, Period | SamePeriodRef]],
    categories: Sequence[cats.Term],
    previous_periods: Sequence[Period],
    resolve: Callable[[Period | SamePeriodRef], Period | None],
    set_period: Callable[[Any, Period], None],
) -> None:
    """Give each member of a "respectively" list its own item (see the module doc), in place.

    A member given a crime outside the project's series gets the category "unknown" and its words in
    source_label: the caller decides whether such figures are kept.

    `figures` are the figures of one sentence (objects with char_start, char_end, kind, metric, category,
    source_label); `periods` and `categories` the period and category mentions of the sentence.
    """
    s_start, s_end = sentence
    ordered = sorted(figures, key=lambda f: f.char_start)
    by_start = {f.char_start: f for f in ordered}
    figure_spans = [(f.char_start, f.char_end) for f in ordered]
    period_spans = [(s, e) for s, e, _ in periods]
    marked = find_lists(text, s_start, s_end, figure_spans, period_spans)
    _spread_unmarked(text, ordered, categories, periods, {s for _, starts in marked for s in starts})
    for marker, starts in marked:
        members = [by_start[s] for s in starts]
        k, first = len(members), starts[0]
        # "27 923 and 39 824 in 2022 and 2023 respectively": the periods after the members, in order
        between = [
            v for s, e, v in periods if members[-1].char_end <= s and e <= marker and isinstance(v, Period)
        ]
        if len(between) == k:
            for fig, period in zip(members, between, strict=True):
                set_period(fig, period)
            continue
        near = [v for s, e, v in periods if e <= marker and not text[e:marker].strip(" 的則则為为")]
        if near and (shared := resolve(near[-1])) is not None:
            for fig in members:
                set_period(fig, shared)
            continue
        last = members[-1].char_end
        own = [v for s, _, v in periods if isinstance(v, Period) and not first <= s <= last]
        found = _years_in_range(text, s_start, s_end, k) or (own if len(own) == k else None)
        if found is None and len(previous_periods) == k and not own:
            found = list(previous_periods)
        if found is not None:
            for fig, period in zip(members, found, strict=True):
                set_period(fig, period)
            continue
        terms = _listed_terms(text, [t for t in categories if t.end <= first], k)
        if len(terms) == k and len({t.label.lower() for t in terms}) == k:
            for fig, term in zip(members, terms, strict=True):
                fig.category, fig.source_label = term.key, term.label
                fig.evidence.update(category=term.label, category_rule="list_item")
            continue
        earlier = [f for f in ordered if f.char_end <= first and f.kind == "level"]
        metrics = list(dict.fromkeys(f.metric for f in earlier))
        named = _metric_words(text, s_start, first)
        if len(named) == k and all(f.kind in ("change_pct", "change_abs") for f in members):
            metrics = named  # 宗數及損失金額分別上升2成及3成: the metrics are named in order
        if len(metrics) == k and all(f.kind in ("change_pct", "change_abs") for f in members):
            for fig, metric in zip(members, metrics, strict=True):
                fig.metric = metric


# The last join of a list of crimes: "A and B", "A, B and C", A及B, A、B和C.
_LAST_JOIN = gated_compile(r"\band\b|及|以及|和|與|与", re.IGNORECASE)


def _spread_unmarked(
    text: str,
    ordered: list,
    categories: Sequence[cats.Term],
    periods: Sequence[tuple[int, int, Period | SamePeriodRef]],
    in_marked_lists: set[int],
) -> None:
    """ "Online shopping fraud and investment fraud rose 20 per cent and 30 per cent": a list of k
    crimes written as the subject of a list of k numbers of one kind pairs them in order without
    "respectively". Only when the crimes are joined into one list right before the numbers, and the
    sentence names no run of k periods that the numbers could be instead."""
    runs: list[list] = []
    for fig in ordered:
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and fig.kind == prev.kind
            and fig.metric == prev.metric
            and _is_gap(text[prev.char_end : fig.char_start])
        ):
            runs[-1].append(fig)
        else:
            runs.append([fig])
    for members in runs:
        k, first = len(members), members[0].char_start
        if k < 2 or any(f.char_start in in_marked_lists for f in members):
            continue
        if sum(1 for _, _, v in periods if isinstance(v, Period)) >= k:
            continue  # "8,000 and 3,500 in 2022 and 2023": a list of years, not of crimes
        before = [t for t in categories if t.end <= first]
        terms = before[-k:]
        if len(terms) < k or len({t.key for t in terms}) < k:
            continue
        joins = [text[a.end : b.start] for a, b in zip(terms, terms[1:], strict=False)]
        if not all(_TERM_JOIN.fullmatch(j) for j in joins) or not _LAST_JOIN.search(joins[-1]):
            continue
        for fig, term in zip(members, terms, strict=True):
            fig.category, fig.source_label = term.key, term.label
            fig.evidence.update(category=term.label, category_rule="list_item")
