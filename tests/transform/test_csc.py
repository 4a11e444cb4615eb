"""HKPF Crime Statistics Comparison page: tables found by meaning, every row checked (issue 3 "Sources")."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from extract.document import Document
from tests.drift import csc_page
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.agreement import compare_language_versions
from transform.parsers.csc import PARSER_VERSION, parse_csc, row_category
from transform.schema import OBSERVATION_SCHEMA, observation_id
from transform.tablecells import HK_TZ

FIXTURES = Path(__file__).parents[1] / "fixtures"
POLICE = "https://www.police.gov.hk"
FETCHED = datetime(2024, 8, 20, 2, 0, tzinfo=UTC)

# SOURCES.md section 2.1: (Jan-Jun 2023, Jan-Jun 2024) per category
CASES = {
    "overall_crime": (42923, 45315),
    "violent_crime": (4759, 5156),
    "homicide": (16, 11),
    "robbery": (59, 44),
    "burglary": (572, 684),
    "wounding_and_serious_assault": (1796, 1821),
    "wounding": (280, 281),
    "serious_assault": (1516, 1540),
    "serious_drug_offences": (592, 577),
    "criminal_intimidation": (728, 711),
    "blackmail": (1093, 1418),
    "arson": (132, 116),
    "rape": (21, 33),
    "indecent_assault": (565, 568),
    "theft": (11092, 11529),
    "snatching": (49, 22),
    "pickpocketing": (228, 287),
    "shop_theft": (3939, 4415),
    "theft_from_vehicle": (462, 287),
    "miscellaneous_thefts": (5987, 6125),
    "missing_motor_vehicles": (264, 185),
    "deception": (18743, 19897),
    "criminal_damage": (2568, 2421),
    "triad_related_crime": (912, 959),
    "domestic_violence_crime": (605, 552),
}
ARRESTS = {
    "juvenile_offenders": (591, 536),
    "young_persons": (938, 1005),
    "mainland_illegal_immigrants": (27, 16),
}
ROBBERY_SUB_ROWS = {
    "持真槍劫案": (0, 0),
    "持其他槍械劫案(電槍)": (0, 0),
    "持類似手槍物體劫案": (1, 1),
    "銀行劫案": (0, 0),
    "金舖 / 錶行劫案": (4, 2),
}
DATA_ROWS = len(CASES) + len(ARRESTS) + len(ROBBERY_SUB_ROWS)


def csc_doc(lang: str = "tc", body: bytes | None = None, path: str | None = None) -> Document:
    """A fetched copy of the CSC page in `lang`, from the site fixture or a drift variant."""
    file = FIXTURES / (path or f"site/www.police.gov.hk/ppp_{lang}/09_statistics/csc.html")
    body = file.read_bytes() if body is None else body
    return Document(
        source_id=f"hkpf_csc_{lang}",
        url=f"{POLICE}/ppp_{lang}/09_statistics/csc.html",
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=FETCHED,
    )


def values_by(result: ParseResult, key: str = "category") -> dict[str, tuple[float, float]]:
    """{category: (2023-H1 value, 2024-H1 value)} from the parsed rows."""
    out: dict[str, dict[str, float]] = {}
    for row in result.observations:
        out.setdefault(row[key], {})[row["period_label"]] = row["value"]
    return {k: (v["2023-H1"], v["2024-H1"]) for k, v in out.items()}


@pytest.fixture(scope="module")
def tc() -> ParseResult:
    return parse_csc(csc_doc("tc"))


def test_registry_names_this_parser():
    assert get_parser("hkpf_csc") is parse_csc


def test_every_row_gives_both_periods_with_the_published_numbers(tc):
    assert len(tc.observations) == 2 * DATA_ROWS
    assert tc.unknown_labels == []
    got = values_by(tc)
    for category, expected in {**CASES, **ARRESTS}.items():
        assert got[category] == expected, category


def test_sub_rows_are_their_own_rows_and_never_summed(tc):
    by_label = values_by(tc, "source_label")
    for label, expected in ROBBERY_SUB_ROWS.items():
        assert by_label[label] == expected
    assert by_label["各類劫案 (1),包括:"] == (59, 44)  # parent as printed, not the sum of its sub-rows


def test_periods_come_from_the_headings(tc):
    periods = {
        (r["period_label"], r["period_start"], r["period_end"], r["period_type"]) for r in tc.observations
    }
    assert periods == {
        ("2023-H1", date(2023, 1, 1), date(2023, 6, 30), "half"),
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), "half"),
    }


def test_provenance_and_contract_columns(tc):
    doc = csc_doc("tc")
    for row in tc.observations:
        assert row["source_id"] == "hkpf_csc_tc" and row["source_tier"] == "official_table"
        assert row["document_url"] == doc.url and row["raw_sha256"] == doc.sha256
        assert row["fetched_at"] == FETCHED and row["published_at"] is None
        assert (row["jurisdiction"], row["unit"], row["qualifier"]) == ("HK", "count", "exact")
        assert row["quote"] is None and row["derived_from"] is None
        assert row["parser_version"] == PARSER_VERSION == "csc/1"
        assert row["observation_id"] == observation_id(row)
    assert len({r["observation_id"] for r in tc.observations}) == len(tc.observations)
    table = pa.Table.from_pylist(tc.observations, schema=OBSERVATION_SCHEMA)
    assert table.num_rows == len(tc.observations)


def test_arrest_rows_have_metric_arrests_and_the_heading_row_gives_none(tc):
    metrics = {r["category"]: r["metric"] for r in tc.observations}
    assert {metrics[c] for c in ARRESTS} == {"arrests"}
    assert {metrics[c] for c in CASES} == {"cases"}
    assert "persons_arrested" not in metrics
    assert any("犯罪被捕人數" in note for note in tc.notes)


def test_bracketed_reference_value_is_marked(tc):
    rows = [r for r in tc.observations if r["category"] == "missing_motor_vehicles"]
    assert {r["source_label"] for r in rows} == {"失 車 [reference]"}
    assert {r["qualifier"] for r in rows} == {"exact"}
    assert any("(264)" in note and "reference" in note for note in tc.notes)


def test_nil_rows_are_zero(tc):
    assert values_by(tc, "source_label")["銀行劫案"] == (0, 0)


@pytest.mark.parametrize("lang", ["en", "sc"])
def test_other_languages_give_the_same_numbers(tc, lang):
    other = parse_csc(csc_doc(lang))
    assert values_by(other) == values_by(tc)
    assert other.unknown_labels == []
    assert compare_language_versions({"tc": tc, lang: other}) == []


def test_three_versions_agree_and_a_drifted_number_is_reported(tc):
    en, sc = parse_csc(csc_doc("en")), parse_csc(csc_doc("sc"))
    assert compare_language_versions({"en": en, "tc": tc, "sc": sc}) == []
    drifted = parse_csc(csc_doc("sc", body=csc_page("csc_sc_value_differs")))
    problems = compare_language_versions({"en": en, "tc": tc, "sc": drifted})
    assert problems == ["criminal_damage cases 2024-H1: values differ (en=2421, sc=2412, tc=2421)"]


def test_agreement_reports_rows_missing_in_a_version(tc):
    partial = ParseResult(observations=[r for r in tc.observations if r["category"] != "deception"])
    problems = compare_language_versions({"tc": tc, "en": partial})
    assert problems == [
        "deception cases 2023-H1: in tc but missing in en",
        "deception cases 2024-H1: in tc but missing in en",
    ]


def test_agreement_reports_a_category_read_twice_and_unknown_counts(tc):
    extra = dict(next(r for r in tc.observations if r["category"] == "arson"), source_label="x")
    unknown = dict(extra, category="unknown")
    problems = compare_language_versions(
        {"tc": ParseResult(observations=[*tc.observations, extra, unknown]), "en": tc}
    )
    assert any(p.startswith("tc: arson cases 2023-H1 appears 2 times") for p in problems)
    assert any("unknown category differ in number" in p for p in problems)


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("各類劫案 (1),包括:", "robbery"),
        ("- 傷 人", "wounding"),
        ("勒 索 (1)", "blackmail"),
        ("Robbery (1), including:", "robbery"),
        ("- Theft from Vehicle", "theft_from_vehicle"),
        ("盗窃案,包括:", "theft"),
        ("- 失 车", "missing_motor_vehicles"),
        ("Indecent Assault (1)", "indecent_assault"),
    ],
)
def test_row_labels_are_cleaned_before_lookup(label, category):
    assert row_category(label)[0] == category


def test_unknown_label_is_kept_and_reported():
    body = csc_doc("tc").body.replace("爆竊案".encode(), "新增類別".encode())
    result = parse_csc(csc_doc("tc", body=body))
    rows = [r for r in result.observations if r["source_label"] == "新增類別"]
    assert [(r["category"], r["value"]) for r in rows] == [("unknown", 572), ("unknown", 684)]
    assert "新增類別" in result.unknown_labels


def test_last_revision_date_becomes_published_at():
    body = csc_doc("en").body.replace(b"</body>", b"<p>Last revision date: 30-08-2024</p></body>")
    rows = parse_csc(csc_doc("en", body=body)).observations
    assert {r["published_at"] for r in rows} == {datetime(2024, 8, 30, tzinfo=HK_TZ)}


@pytest.mark.parametrize(
    ("path", "in_message"),
    [
        ("csc_tc_pct_mismatch", ["總體罪案", "% change 5.6", "'5.9'"]),
        ("csc_tc_change_mismatch", ["爆竊案", "684 - 572", "'121'"]),
        ("csc_tc_headers_not_periods", ["two periods", "項目甲", "項目乙"]),
        ("csc_tc_no_table", ["two periods", "1 table(s) without period headings", "罪案統計比較"]),
        ("csc_tc_big5_declared_utf8", ["utf-8", "<meta charset>", "offset"]),
    ],
)
def test_layout_drift_fails_loudly_naming_url_and_what_was_wrong(path, in_message):
    doc = csc_doc("tc", body=csc_page(path))
    with pytest.raises(LayoutChanged) as err:
        parse_csc(doc)
    assert err.value.url == doc.url
    for text in in_message:
        assert text in str(err.value)


def test_a_shifted_column_fails_the_row_check():
    body = csc_doc("tc").body.replace(
        b'<td align="right"><font size="2">2 392</font></td>',
        b'<td></td><td align="right"><font size="2">2 392</font></td>',
    )
    with pytest.raises(LayoutChanged, match="總體罪案"):
        parse_csc(csc_doc("tc", body=body))


def test_an_unreadable_number_names_the_row():
    body = csc_doc("tc").body.replace(b">16<", b">16a<")
    with pytest.raises(LayoutChanged, match=r"兇殺案.*16a"):
        parse_csc(csc_doc("tc", body=body))


def test_periods_in_the_wrong_order_are_refused():
    body = csc_doc("en").body.replace(b"June<br>2023", b"June<br>2025")
    with pytest.raises(LayoutChanged, match="earlier first"):
        parse_csc(csc_doc("en", body=body))


def mini_page(*rows: list[str]) -> Document:
    """A bare comparison table with the given rows (cells as printed) under English period headings."""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    html = (
        "<html><body><table><tr><th></th><th></th><th>January to June 2023</th>"
        f"<th>January to June 2024</th><th colspan=4>(January to June)</th></tr>{body}</table></body></html>"
    )
    return csc_doc("en", body=html.encode())


def test_nil_row_with_an_empty_percent_cell_is_accepted():
    result = parse_csc(mini_page(["", "- Bank robbery", "-", "-", "", "-", "", ""]))
    assert [(r["category"], r["value"]) for r in result.observations] == [
        ("bank_robbery", 0),
        ("bank_robbery", 0),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "- Bank robbery", "-", "-", "", "-", "", "5.6"], "whose base is nil"),
        (["5.", "Burglary", "572", "684", "", "112", "+", "19.6"], "B - A = signed change"),
        (["5.", "Burglary", "572", "684", "+", "112", "", "19.6"], "% change 19.6"),
        (["5.", "Burglary", "572", "684", "+", "112", "+", "19.6", "x"], "6 value cells"),
        (["5.", "Burglary", "572", "", "+", "112", "+", "19.6"], "values for both periods"),
        (["5.", "Burglary", "572", "684", "x", "112", "+", "19.6"], "not a sign cell"),
    ],
)
def test_row_checks(row, message):
    with pytest.raises(LayoutChanged, match=re.escape(message)):
        parse_csc(mini_page(row))


def test_a_table_with_headings_but_no_values_is_refused():
    with pytest.raises(LayoutChanged, match="no value rows"):
        parse_csc(mini_page(["18.", "Persons arrested for crime", "", "", "", "", "", ""]))
