"""Figures to rows: every figure kept as an article figure, only HK levels become observations (issue 4)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from extract.document import Document
from transform.articles import article_row, figures_to_rows, language_of
from transform.schema import ARTICLE_COLUMNS, ARTICLE_FIGURE_COLUMNS, OBSERVATION_COLUMNS, content_id

URL = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3233523/x"
BODY = (
    "Losses from technology crime in the first half of 2023 amounted to HK$2.03 billion "
    "(US$259 million), up 28 per cent on the same period last year."
)
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class FakeFigure:
    """Shaped like transform.figures.Figure, so the conversion is tested independently of the extractor."""

    value: float
    unit: str = "count"
    metric: str = "cases"
    category: str = "technology_crime"
    kind: str = "level"
    jurisdiction: str = "HK"
    period: str | None = "2023-H1"
    period_start: date | None = date(2023, 1, 1)
    period_end: date | None = date(2023, 6, 30)
    period_type: str | None = "half"
    qualifier: str = "exact"
    compared_with: str | None = None
    source_label: str | None = None
    quote: str = BODY
    char_start: int = 0
    char_end: int = 1


def _article(body: str = BODY) -> dict:
    doc = Document("scmp_article", URL, body.encode(), hashlib.sha256(body.encode()).hexdigest(), FETCHED)
    return article_row(
        doc,
        source_tier="media",
        title="t",
        body=body,
        published_at=datetime(2023, 8, 1, 2, 0, tzinfo=UTC),
        language="en",
        relevance="r",
    )


def _rows(figures, tier="media", body=BODY):
    return figures_to_rows(
        figures,
        article=_article(body),
        source_id="scmp_article",
        source_tier=tier,
        document_url=URL,
        fetched_at=FETCHED,
        raw_sha256="abc",
        parser_version="media/1",
    )


def _span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def test_hk_level_becomes_an_observation_with_provenance_and_quote():
    observations, figures = _rows([FakeFigure(15637)])
    assert len(observations) == 1 and len(figures) == 1
    obs = observations[0]
    assert set(obs) == set(OBSERVATION_COLUMNS)
    assert (obs["jurisdiction"], obs["category"], obs["metric"], obs["value"], obs["period_label"]) == (
        "HK",
        "technology_crime",
        "cases",
        15637.0,
        "2023-H1",
    )
    assert (obs["source_tier"], obs["document_url"], obs["raw_sha256"]) == ("media", URL, "abc")
    assert obs["quote"] == BODY
    assert obs["published_at"] == datetime(2023, 8, 1, 2, 0, tzinfo=UTC)
    assert obs["observation_id"]


def test_official_text_source_gives_official_text_observations():
    figure = FakeFigure(90276, category="overall_crime", period="2023")
    observations, _ = _rows([figure], tier="official_text")
    assert observations[0]["source_tier"] == "official_text"


def test_money_is_kept_in_whole_units():
    start, end = _span("HK$2.03 billion")
    observations, _ = _rows(
        [FakeFigure(2029999999.9999998, unit="HKD", metric="loss", char_start=start, char_end=end)]
    )
    assert observations[0]["value"] == 2030000000.0


def test_converted_usd_amount_is_an_article_figure_but_never_an_observation():
    start, end = _span("US$259 million")
    usd = FakeFigure(259000000, unit="USD", metric="loss", char_start=start, char_end=end)
    # even if a reader mislabelled the conversion as HKD, its own text says US$
    mislabelled = FakeFigure(259000000, unit="HKD", metric="loss", char_start=start, char_end=end)
    observations, figures = _rows([usd, mislabelled])
    assert observations == []
    assert [f["unit"] for f in figures] == ["USD", "HKD"]


@pytest.mark.parametrize(
    "figure",
    [
        FakeFigure(19080, jurisdiction="MO"),
        FakeFigure(47.3, unit="percent", kind="change_pct", compared_with="2022-H1"),
        FakeFigure(3.8, unit="ratio", kind="fold"),
        FakeFigure(15637, period=None, period_start=None, period_end=None, period_type=None),
        FakeFigure(15637, category="unknown", source_label="compensated dating"),
    ],
    ids=["macao", "change_pct", "fold", "no_period", "unknown_category"],
)
def test_figures_that_are_not_hk_levels_stay_article_figures_only(figure):
    observations, figures = _rows([figure])
    assert observations == []
    assert len(figures) == 1
    row = figures[0]
    assert set(row) == set(ARTICLE_FIGURE_COLUMNS)
    assert (row["jurisdiction"], row["kind"]) == (figure.jurisdiction, figure.kind)
    assert row["value"] == figure.value
    assert row["compared_with"] == figure.compared_with


def test_level_percentage_such_as_detection_rate_is_an_observation():
    # the value is only a number here (47.3 from the H1 2023 fixture), not a published detection rate
    figure = FakeFigure(47.3, unit="percent", metric="detection_rate", category="overall_crime")
    observations, _ = _rows([figure])
    assert observations[0]["unit"] == "percent" and observations[0]["value"] == 47.3


def test_figure_id_is_stable_and_distinguishes_kind_and_position():
    article_id = _article()["article_id"]
    _, first = _rows(
        [FakeFigure(15637, char_start=5), FakeFigure(47.3, unit="percent", kind="change_pct", char_start=40)]
    )
    _, again = _rows([FakeFigure(15637, char_start=5)])
    assert (
        first[0]["figure_id"]
        == again[0]["figure_id"]
        == content_id(article_id, 5, "level", "cases", "technology_crime", "2023-H1")
    )
    assert first[0]["figure_id"] != first[1]["figure_id"]
    assert all(f["article_id"] == article_id for f in first)


def test_dict_figures_are_accepted_as_well():
    observations, _ = _rows(
        [
            {
                "value": 7361,
                "unit": "count",
                "metric": "cases",
                "category": "technology_crime",
                "kind": "level",
                "jurisdiction": "HK",
                "period": "2023-Q1",
                "period_start": date(2023, 1, 1),
                "period_end": date(2023, 3, 31),
                "period_type": "quarter",
                "qualifier": "exact",
                "quote": "q",
                "char_start": 0,
                "char_end": 4,
            }
        ]
    )
    assert observations[0]["period_label"] == "2023-Q1"


def test_article_row_id_is_url_plus_content_hash():
    row = _article()
    assert set(row) == set(ARTICLE_COLUMNS)
    assert row["article_id"] == content_id(URL, hashlib.sha256(BODY.encode()).hexdigest())


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Police recorded 15 637 cases", "en"),
        ("警方表示，今年首七個月錄得19 080宗科技罪案", "zh"),
        ("科技罪案 (technology crime) 上升", "zh"),
        ("", "en"),
    ],
)
def test_language_from_the_share_of_chinese_characters(text, language):
    assert language_of(text) == language


def test_validation_fills_a_missing_id_with_the_same_recipe_the_parser_stamps():
    # issue 11: articles.py and validate.py used two recipes for the same rows; now one per table
    from transform.validate import validate_article_figures, validate_articles, validate_documents

    article = _article()
    _, figures = _rows([FakeFigure(15637, char_start=5), FakeFigure(47.3, unit="percent", kind="change_pct")])
    unstamped_article = {k: v for k, v in article.items() if k != "article_id"}
    unstamped_figures = [{k: v for k, v in f.items() if k != "figure_id"} for f in figures]
    assert validate_articles([unstamped_article]).column("article_id").to_pylist() == [article["article_id"]]
    filled = validate_article_figures(unstamped_figures).column("figure_id").to_pylist()
    assert filled == [f["figure_id"] for f in figures] and len(set(filled)) == 2
    document = {"url": URL, "source_id": "scmp_article", "sha256": article["sha256"], "fetched_at": FETCHED}
    # one URL's one body: the documents row and the articles row of the same fetch share the id
    assert validate_documents([document]).column("document_id").to_pylist() == [article["article_id"]]
