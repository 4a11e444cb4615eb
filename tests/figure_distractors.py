"""The figure reader on what a report says beside its figures, generated (`make figures-distractors`).

`tests/figure_constructions.py` writes the ways a report states a series' figures. A real report
says more than that, and most of what the reader gets wrong on text it has never seen is what it
reads there: the calls a hotline answered, the people arrested, one victim's loss, one operation's
haul, a detection rate, a share, a change since a year long past, another place's figures, a
sub-type, a month so far. ANNOTATION.md lists none of them. And it names the counted thing in one
sentence and counts it in the next ("The tally rose 47.3% to 15,637.").

This module writes both out, in English and Chinese, in the project's own words:

* **distractors**: one sentence that states no figure of a series, put before or after a sentence
  that states one (a real published figure and the change it implies, as in the constructions),
  so that the gold is that sentence's figures and nothing else; the distractor's own quantities
  are made up for the test and belong to no series and no publisher;
* **anaphora**: a series named in one sentence and counted in the next, with a bare count, "such
  cases", "the tally", "the total", 這類案件 or 相關數字; the gold carries the named series.

Its score measures these patterns as this project writes them, not a score on real text; the score
as first measured is recorded in the README ("What a report says beside its figures").

    python -m tests.figure_distractors              # the score, by language and by template
    python -m tests.figure_distractors -v N3 Y9     # every miss and extra of the templates named
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator

from tests.figure_constructions import (
    FACTS,
    PAIRS,
    Fact,
    PairTemplate,
    Template,
    Words,
    _always,
    _cap,
    _has_loss,
    _has_loss_change,
    en_bare_period,
    en_count,
    en_money,
    en_pct,
    items,
    level,
    loss,
    loss_pct,
    pair_items,
    pct,
    template_of,
    zh_money,
)
from tests.figure_invariance import Item, score
from tests.figure_model import evaluator

# --- the sentence whose figures are the gold ----------------------------------------------------------

Carrier = tuple[Callable[[Words], str], Callable[[Fact], list[dict]]]


def _en_carriers() -> list[Carrier]:
    return [
        (
            lambda w: (
                f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded, {w.adverb()} "
                f"{en_pct(w.fact.pct, w.i)} on {w.prev_np}."
            ),
            lambda f: [level(f), pct(f)],
        ),
        (
            lambda w: (
                f"Police recorded {en_count(w.fact.cases)} {w.count_np} {w.period}, {w.adverb()} "
                f"{en_pct(w.fact.pct, w.i)} year on year."
            ),
            lambda f: [level(f), pct(f)],
        ),
    ]


def _zh_carriers() -> list[Carrier]:
    return [
        (
            lambda w: (
                f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗，按年{w.zh_verb()}{abs(w.fact.pct):g}%。"
            ),
            lambda f: [level(f), pct(f)],
        ),
        (
            lambda w: (
                f"警方公布，{w.zh_period}共錄得{w.fact.cases}宗{w.zh_name}，較{w.zh_prev}{w.zh_verb()}"
                f"{abs(w.fact.pct):g}%。"
            ),
            lambda f: [level(f), pct(f)],
        ),
    ]


CARRIERS = {"EN": _en_carriers(), "ZH": _zh_carriers()}

# --- distractors: (id, language, the sentence) ----------------------------------------------------------

Distractor = tuple[str, str, Callable[[Words], str]]

EN_DISTRACTORS: list[Distractor] = [
    ("N1", "EN", lambda w: f"The Anti-Scam Helpline 18222 answered 41,206 calls {w.period}."),
    ("N2", "EN", lambda w: f"{_cap(w.period)}, 1,873 people were arrested."),
    ("N3", "EN", lambda w: "The detection rate was 16.2 per cent."),
    ("N4", "EN", lambda w: "In the largest single case, a 62-year-old woman lost HK$14.3 million."),
    (
        "N5",
        "EN",
        lambda w: (
            "In a two-week operation, officers smashed a syndicate linked to 212 cases "
            "involving HK$38 million."
        ),
    ),
    ("N6", "EN", lambda w: f"That is 140 per cent more than in {w.fact.year - 5}."),
    ("N7", "EN", lambda w: "In Singapore, scam and cybercrime cases rose to 50,376 in 2023."),
    (
        "N8",
        "EN",
        lambda w: "Macao's Judiciary Police handled 1,432 cases of computer crime over the same period.",
    ),
    ("N9", "EN", lambda w: "Elderly victims were involved in 1,204 of the cases."),
    (
        "N10",
        "EN",
        lambda w: (
            "The Anti-Deception Coordination Centre intercepted HK$1.2 billion before it reached fraudsters."
        ),
    ),
    ("N11", "EN", lambda w: "About 70 per cent of the cases took place online."),
    ("N12", "EN", lambda w: "Since the start of this month, 402 more cases have been reported."),
    ("N13", "EN", lambda w: "Over the past 16 months, officers received 5,100 reports of this kind."),
    ("N14", "EN", lambda w: "Among them, 1,201 were so-called 'guess who I am' scams."),
    (
        "N15",
        "EN",
        lambda w: (
            "The Hong Kong Computer Emergency Response Team Coordination Centre handled 7,752 "
            "security incidents."
        ),
    ),
    ("N16", "EN", lambda w: "The privacy commissioner received 3,311 complaints over the same period."),
    ("N17", "EN", lambda w: "The centre handled 92,310 enquiries."),
    ("N18", "EN", lambda w: "The victims were aged between 12 and 89."),
    ("N19", "EN", lambda w: "Officers now see 20 to 30 such cases a day."),
    ("N20", "EN", lambda w: "In May 2017, the WannaCry ransomware hit computers around the world."),
    ("N21", "EN", lambda w: "More than 3,000 people attended an anti-scam carnival in Kowloon Park."),
    ("N22", "EN", lambda w: "Officers also seized 120 kilograms of cannabis worth HK$24 million."),
    ("N23", "EN", lambda w: "Young people aged 10 to 20 made up 12 per cent of those arrested."),
    ("N24", "EN", lambda w: f"The number has doubled since {w.fact.year - 4}."),
]

ZH_DISTRACTORS: list[Distractor] = [
    ("Y1", "ZH", lambda w: "防騙易18222熱線接獲41 206個來電。"),
    ("Y2", "ZH", lambda w: f"{w.zh_period}警方共拘捕1 873人。"),
    ("Y3", "ZH", lambda w: "破案率為16.2%。"),
    ("Y4", "ZH", lambda w: "最大宗個案中，一名62歲婦人被騙1 430萬元。"),
    ("Y5", "ZH", lambda w: "警方在一次為期兩周的行動中瓦解一個詐騙集團，涉及212宗案件及3 800萬元。"),
    ("Y6", "ZH", lambda w: f"數字較{w.fact.year - 5}年上升1.6倍。"),
    ("Y7", "ZH", lambda w: "澳門司法警察局同期處理的電腦犯罪案件有1 432宗。"),
    ("Y8", "ZH", lambda w: "台灣警政署指，當地同期詐騙案有2萬1千件。"),
    ("Y9", "ZH", lambda w: "公安部表示，2023年全国共破获电信网络诈骗案件43.7万起。"),
    ("Y10", "ZH", lambda w: "涉及長者的個案有1 204宗。"),
    ("Y11", "ZH", lambda w: "反詐騙協調中心成功攔截12億元款項。"),
    ("Y12", "ZH", lambda w: "當中約七成在網上發生。"),
    ("Y13", "ZH", lambda w: "本月至今再有402宗同類個案。"),
    ("Y14", "ZH", lambda w: "過去一個月，警方接獲5 100宗同類舉報。"),
    ("Y15", "ZH", lambda w: "其中「猜猜我是誰」騙案有1 201宗。"),
    ("Y16", "ZH", lambda w: "香港電腦保安事故協調中心處理了7 752宗保安事故。"),
    ("Y17", "ZH", lambda w: "私隱專員公署同期接獲3 311宗投訴。"),
    ("Y18", "ZH", lambda w: "中心處理了92 310宗查詢。"),
    ("Y19", "ZH", lambda w: "受害人年齡介乎12至89歲。"),
    ("Y20", "ZH", lambda w: "警方現時每日接獲20至30宗同類舉報。"),
    ("Y21", "ZH", lambda w: "2017年5月，勒索軟件WannaCry在全球肆虐。"),
    ("Y22", "ZH", lambda w: "逾3 000名市民參加了防騙嘉年華。"),
    ("Y23", "ZH", lambda w: "警方又檢獲120公斤大麻，市值2 400萬元。"),
    ("Y24", "ZH", lambda w: "被捕人士中，青少年佔一成二。"),
    ("Y25", "ZH", lambda w: f"數字比{w.fact.year - 4}年翻了一番。"),
]

# Set 2, written after set 1's fixes and scored before any of its errors was read: distractors that
# look like a series' figures (a change, a level, "cases"), of a sub-type, a part, a region, arrests, a
# rate, a quarter before, an average, a forecast.
EN_DISTRACTORS_2: list[Distractor] = [
    ("N31", "EN", lambda w: "So-called 'guess who I am' scams rose 31 per cent to 1,201 cases."),
    ("N32", "EN", lambda w: "Fake customer service scams jumped 64% to 2,310 cases over the same period."),
    ("N33", "EN", lambda w: "Cases involving elderly victims rose 20 per cent to 1,204."),
    ("N34", "EN", lambda w: "Students were cheated in 2,100 of the cases, up 12 per cent."),
    (
        "N35",
        "EN",
        lambda w: (
            f"The figure is the highest since {w.fact.year - 9} and 3.8 times that of {w.fact.year - 5}."
        ),
    ),
    ("N36", "EN", lambda w: "Compared with the previous quarter, the number of cases fell 5.2 per cent."),
    ("N37", "EN", lambda w: "The detection rate fell 2.1 percentage points to 13.4 per cent."),
    ("N38", "EN", lambda w: "Arrests rose 20 per cent to 3,400 people."),
    ("N39", "EN", lambda w: "In Kowloon West Region alone, cases rose 10 per cent to 4,020."),
    ("N40", "EN", lambda w: "That works out at an average of 109 cases a day."),
    ("N41", "EN", lambda w: "The average loss per case was HK$226,000."),
    ("N42", "EN", lambda w: "Police expect the number to exceed 45,000 by the end of the year."),
    ("N43", "EN", lambda w: "Officers recovered HK$310 million for victims."),
    ("N44", "EN", lambda w: "Singapore's scam losses came to S$651.8 million in 2023."),
    ("N45", "EN", lambda w: "About 1,500 of the victims were aged 60 or over, up 8 per cent."),
    ("N46", "EN", lambda w: "Mule accounts linked to the cases numbered 6,700, down 3 per cent."),
    ("N47", "EN", lambda w: "Phone and e-mail scams together made up 5,600 cases."),
    ("N48", "EN", lambda w: "One syndicate alone was behind 412 of the cases."),
    ("N49", "EN", lambda w: "Victims lost HK$83,000 on average in each case, 9 per cent more than before."),
    (
        "N50",
        "EN",
        lambda w: f"Between {w.fact.year - 6} and {w.fact.year - 1}, the number grew by 240 per cent.",
    ),
]

ZH_DISTRACTORS_2: list[Distractor] = [
    ("Y31", "ZH", lambda w: "「猜猜我是誰」騙案上升31%至1 201宗。"),
    ("Y32", "ZH", lambda w: "假冒客服騙案同期急升64%至2 310宗。"),
    ("Y33", "ZH", lambda w: "涉及長者受害人的個案上升20%至1 204宗。"),
    ("Y34", "ZH", lambda w: "學生受騙的個案有2 100宗，按年上升12%。"),
    ("Y35", "ZH", lambda w: f"數字創{w.fact.year - 9}年以來新高，是{w.fact.year - 5}年的3.8倍。"),
    ("Y36", "ZH", lambda w: "按季比較，案件數字下跌5.2%。"),
    ("Y37", "ZH", lambda w: "破案率下跌2.1個百分點至13.4%。"),
    ("Y38", "ZH", lambda w: "被捕人數上升20%至3 400人。"),
    ("Y39", "ZH", lambda w: "單是西九龍總區，案件已上升10%至4 020宗。"),
    ("Y40", "ZH", lambda w: "即平均每日有109宗。"),
    ("Y41", "ZH", lambda w: "每宗案件平均損失22.6萬元。"),
    ("Y42", "ZH", lambda w: "警方預計全年數字將超過45 000宗。"),
    ("Y43", "ZH", lambda w: "警方為受害人追回3.1億元。"),
    ("Y44", "ZH", lambda w: "新加坡去年的詐騙損失達6.518億新元。"),
    ("Y45", "ZH", lambda w: "約1 500名受害人年屆60歲或以上，按年上升8%。"),
    ("Y46", "ZH", lambda w: "與案件有關的傀儡戶口有6 700個，按年減少3%。"),
    ("Y47", "ZH", lambda w: "電話騙案和電郵騙案合共佔5 600宗。"),
    ("Y48", "ZH", lambda w: "單一集團已涉及其中412宗。"),
    ("Y49", "ZH", lambda w: "每宗平均損失8.3萬元，較之前多9%。"),
    ("Y50", "ZH", lambda w: f"{w.fact.year - 6}年至{w.fact.year - 1}年間，數字增加了240%。"),
]

DISTRACTORS = EN_DISTRACTORS + ZH_DISTRACTORS + EN_DISTRACTORS_2 + ZH_DISTRACTORS_2

# Another place's figures: the sentences after them in one paragraph go on about that place ("In
# Singapore, ... . Police recorded 15,637 cases" is Singapore's, as a reader takes it), so put before
# a Hong Kong sentence they stand in a paragraph of their own, as a report sets them.
OTHER_PLACES = frozenset({"N7", "N8", "Y7", "Y8", "Y9", "N39", "N44", "Y39", "Y44"})


def distractor_items(distractors: list[Distractor] = DISTRACTORS) -> Iterator[Item]:
    """Every distractor beside every fact's sentence: after it in one wording, before it in the next."""
    for tid, lang, said in distractors:
        for n, fact in enumerate(FACTS):
            for v in range(2):
                words = Words(fact, n + v)
                text, gold = CARRIERS[lang][(n + v) % len(CARRIERS[lang])]
                stated, beside = text(words), said(words)
                yield {
                    "id": f"{tid}-{n}-{v}",
                    "lang": lang,
                    "ref_date": fact.ref_date,
                    "text": f"{stated} {beside}" if v == 0 else f"{beside}{_between(tid)}{stated}",
                    "expected": gold(fact),
                }


def _between(tid: str) -> str:
    return "\n\n" if tid in OTHER_PLACES else " "


# --- anaphora: the series named, then counted -----------------------------------------------------------

Anaphor = tuple[str, str, Callable[[Words], str], Callable[[Fact], list[dict]]]


def _more(w: Words) -> str:
    return "higher" if w.up else "lower"


def _moved(w: Words) -> str:
    return "kept climbing" if w.up else "eased"


ANAPHORA: list[Anaphor] = [
    (
        "A1",
        "EN",
        lambda w: (
            f"{_cap(w.subject)} {_moved(w)} {w.period}. The tally {w.verb()} {en_pct(w.fact.pct, w.i)} to "
            f"{en_count(w.fact.cases)}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A2",
        "EN",
        lambda w: (
            f"Figures on {w.subject} were released on Monday. Police recorded {en_count(w.fact.cases)} "
            f"{w.period}, {w.adverb()} {en_pct(w.fact.pct, w.i)}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A3",
        "EN",
        lambda w: (
            f"The police also gave figures for {w.subject}. {_cap(w.period)} there were "
            f"{en_count(w.fact.cases)} such cases, against {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "A4",
        "EN",
        lambda w: (
            f"{_cap(w.subject)} remained a concern. The number of these crimes {w.verb()} to "
            f"{en_count(w.fact.cases)} {w.period}."
        ),
        lambda f: [level(f)],
    ),
    (
        "A5",
        "EN",
        lambda w: (
            f"Police released figures on {w.subject} on Tuesday. The total {w.period} was "
            f"{en_count(w.fact.cases)}, {en_pct(w.fact.pct, w.i)} {_more(w)} than {w.prev_np}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A6",
        "EN",
        lambda w: (
            f"As for {w.subject}, {en_count(w.fact.cases)} cases were recorded {w.period}, {w.adverb()} "
            f"{en_pct(w.fact.pct, w.i)}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A7",
        "ZH",
        lambda w: (
            f"警方今日公布{w.zh_name}數字。{w.zh_period}共錄得{w.fact.cases}宗，按年{w.zh_verb()}"
            f"{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A8",
        "ZH",
        lambda w: (
            f"{w.zh_name}情況持續。{w.zh_period}這類案件有{w.fact.cases}宗，{w.zh_prev}則有"
            f"{w.fact.prev_cases}宗。"
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "A9",
        "ZH",
        lambda w: (
            f"至於{w.zh_name}，{w.zh_period}錄得{w.fact.cases}宗，按年{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "A10",
        "ZH",
        lambda w: (
            f"{w.zh_name}方面，{w.zh_period}的相關數字為{w.fact.cases}宗，較{w.zh_prev}{w.zh_verb()}"
            f"{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
]


def anaphora_items(templates: list[Anaphor] = ANAPHORA) -> Iterator[Item]:
    """Every anaphora template crossed with every fact, in two wordings each."""
    for tid, lang, text, gold in templates:
        for n, fact in enumerate(FACTS):
            for v in range(2):
                yield {
                    "id": f"{tid}-{n}-{v}",
                    "lang": lang,
                    "ref_date": fact.ref_date,
                    "text": text(Words(fact, n + v)),
                    "expected": gold(fact),
                }


# Set 2 of anaphora, written after the first sets' fixes: the change, the loss or the year before stated
# in the sentence after the level ("That was up 47.3% ...", "Losses in these cases ...", 涉及金額 ...).


def _loss_verb(w: Words) -> str:
    return "rose" if (w.fact.loss_pct or 0) > 0 else "fell"


def _zh_loss_verb(w: Words) -> str:
    return "上升" if (w.fact.loss_pct or 0) > 0 else "下跌"


ANAPHORA_2: list[Template] = [
    (
        "B1",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, police recorded {en_count(w.fact.cases)} {w.count_np}. That was {w.adverb()} "
            f"{en_pct(w.fact.pct, w.i)} on {w.prev_np}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "B2",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)} {w.verb()} {en_pct(w.fact.pct, w.i)} {w.period}, to {en_count(w.fact.cases)} "
            f"cases. This compares with {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), pct(f), level(f, prev=True)],
    ),
    (
        "B3",
        "EN",
        _has_loss,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded. Losses in these cases "
            f"came to {en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "B4",
        "EN",
        _has_loss,
        lambda w: (
            f"There were {en_count(w.fact.cases)} {w.count_np} {w.period}. The amount involved was "
            f"{en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "B5",
        "EN",
        _has_loss_change,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded. The losses involved "
            f"{_loss_verb(w)} {abs(w.fact.loss_pct or 0):g}% to {en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), loss(f), loss_pct(f)],
    ),
    (
        "B6",
        "EN",
        _has_loss,
        lambda w: (
            f"Police recorded {en_count(w.fact.cases)} {w.count_np} {w.period}. In the same period, victims "
            f"lost {en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "B7",
        "EN",
        _always,
        lambda w: (
            f"The figures for {'' if w.fact.span == 'year' else 'the '}{en_bare_period(w.fact)} came out on "
            f"Sunday. {_cap(w.subject)} {w.verb()} {en_pct(w.fact.pct, w.i)} to "
            f"{en_count(w.fact.cases)} cases."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "B8",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded. A year earlier there "
            f"had been {en_count(w.fact.prev_cases)}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "B9",
        "ZH",
        _has_loss,
        lambda w: f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗。涉及金額達{zh_money(w.fact.loss or 0)}。",
        lambda f: [level(f), loss(f)],
    ),
    (
        "B10",
        "ZH",
        _has_loss_change,
        lambda w: (
            f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗。損失金額亦{_zh_loss_verb(w)}"
            f"{abs(w.fact.loss_pct or 0):g}%至{zh_money(w.fact.loss or 0)}。"
        ),
        lambda f: [level(f), loss(f), loss_pct(f)],
    ),
    (
        "B11",
        "ZH",
        _has_loss,
        lambda w: f"{w.zh_period}共有{w.fact.cases}宗{w.zh_name}。同期損失{zh_money(w.fact.loss or 0)}。",
        lambda f: [level(f), loss(f)],
    ),
    (
        "B12",
        "ZH",
        _always,
        lambda w: (
            f"警方公布{w.zh_period}的罪案數字。{w.zh_name}{w.zh_verb()}{abs(w.fact.pct):g}%至{w.fact.cases}宗。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "B13",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗。數字較{w.zh_prev}{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "B14",
        "ZH",
        _always,
        lambda w: f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗。一年前則為{w.fact.prev_cases}宗。",
        lambda f: [level(f), level(f, prev=True)],
    ),
]


# Two series in one passage, set 2 (the constructions' set 3 has four): a list, "A and B rose X% and Y%"
# with and without "respectively", an ellipsis after a semicolon, brackets, 分別 after the counts.


def _signed(w: Words) -> str:
    return f"{'+' if w.up else '-'}{abs(w.fact.pct):g}%"


def _up_down_zh(w: Words) -> str:
    return "上升" if w.up else "下跌"


PAIR_TEMPLATES_2: list[PairTemplate] = [
    (
        "Q1",
        "EN",
        lambda a, b: (
            f"{_cap(en_bare_period(a.fact))}:\n- {_cap(a.count_np)}: {en_count(a.fact.cases)} "
            f"({_signed(a)})\n- {_cap(b.count_np)}: {en_count(b.fact.cases)} ({_signed(b)})"
        ),
        lambda f, g: [level(f), pct(f), level(g), pct(g)],
    ),
    (
        "Q2",
        "EN",
        lambda a, b: (
            f"{_cap(a.subject)} and {b.subject} {a.verb()} {abs(a.fact.pct):g}% and {abs(b.fact.pct):g}% "
            f"respectively {a.period}."
        ),
        lambda f, g: [pct(f), pct(g)],
    ),
    (
        "Q3",
        "EN",
        lambda a, b: (
            f"{_cap(a.period)}, {a.subject} and {b.subject} {a.verb()} {abs(a.fact.pct):g}% and "
            f"{abs(b.fact.pct):g}%."
        ),
        lambda f, g: [pct(f), pct(g)],
    ),
    (
        "Q4",
        "ZH",
        lambda a, b: (
            f"{a.zh_period}{a.zh_name}和{b.zh_name}分別{_up_down_zh(a)}{abs(a.fact.pct):g}%和{abs(b.fact.pct):g}%。"
        ),
        lambda f, g: [pct(f), pct(g)],
    ),
    (
        "Q5",
        "EN",
        lambda a, b: (
            f"{_cap(a.count_np)} numbered {en_count(a.fact.cases)} {a.period}, {a.adverb()} "
            f"{abs(a.fact.pct):g}%; {b.count_np}, {en_count(b.fact.cases)}, {b.adverb()} "
            f"{abs(b.fact.pct):g}%."
        ),
        lambda f, g: [level(f), pct(f), level(g), pct(g)],
    ),
    (
        "Q6",
        "ZH",
        lambda a, b: (
            f"{a.zh_period}{a.zh_name}錄得{a.fact.cases}宗（{_signed(a)}），{b.zh_name}則錄得{b.fact.cases}宗"
            f"（{_signed(b)}）。"
        ),
        lambda f, g: [level(f), pct(f), level(g), pct(g)],
    ),
    (
        "Q7",
        "EN",
        lambda a, b: (
            f"{_cap(a.period)}, police recorded {en_count(a.fact.cases)} {a.count_np} and "
            f"{en_count(b.fact.cases)} {b.count_np}."
        ),
        lambda f, g: [level(f), level(g)],
    ),
    (
        "Q8",
        "ZH",
        lambda a, b: (
            f"{a.zh_period}{a.zh_name}有{a.fact.cases}宗，{b.zh_name}有{b.fact.cases}宗，按年分別"
            f"{_up_down_zh(a)}{abs(a.fact.pct):g}%及{abs(b.fact.pct):g}%。"
        ),
        lambda f, g: [level(f), level(g), pct(f), pct(g)],
    ),
]


def every_item() -> list[Item]:
    """All the generated texts, each once."""
    every = [*distractor_items(), *anaphora_items(), *items(ANAPHORA_2), *pair_items(PAIR_TEMPLATES_2, PAIRS)]
    return list({i["text"]: i for i in every}.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("template", nargs="*", help="only these templates (N1..., Y1..., A1...)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each text with its misses and extras")
    args = ap.parse_args()
    ev = evaluator()
    chosen = [i for i in every_item() if not args.template or template_of(i) in args.template]
    if args.verbose:
        for item in chosen:
            print("  ", item["id"], item["text"])
            score(ev, [item], verbose=True)
    sets = {"distractors": [i for i in chosen if template_of(i)[0] in "NY" and int(template_of(i)[1:]) < 31]}
    sets["distractors 2"] = [i for i in chosen if template_of(i)[0] in "NY" and int(template_of(i)[1:]) >= 31]
    sets["anaphora"] = [i for i in chosen if template_of(i)[0] == "A"]
    sets["anaphora 2"] = [i for i in chosen if template_of(i)[0] == "B"]
    sets["two series 2"] = [i for i in chosen if template_of(i)[0] == "Q"]
    for name, group in sets.items():
        if not group:
            continue
        t = score(ev, group)
        langs = " ".join(
            f"{lang} {t.recall(lang):.3f}/{t.precision(lang):.3f}"
            for lang in ("EN", "ZH")
            if lang in t.counts
        )
        print(
            f"{name:<12} recall {t.recall():.3f} precision {t.precision():.3f} ({len(group)} texts; {langs})"
        )
    for tid in dict.fromkeys(template_of(i) for i in chosen):
        s = score(ev, [i for i in chosen if template_of(i) == tid])
        print(f"  {tid:<4} recall {s.recall():.3f} precision {s.precision():.3f}")


if __name__ == "__main__":
    main()
