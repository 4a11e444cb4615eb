"""Row labels -> category ids (issue 2 item 4): the shipped data file, normalisation, unknown labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transform.categories import (
    CATEGORY_VERSION,
    DESIGN_SERIES,
    KNOWN_CATEGORIES,
    UNKNOWN,
    CategoryEntry,
    CategoryFileError,
    CategoryMap,
    load_categories,
    lookup_category,
    map_labels,
    normalise_label,
    split_footnotes,
)

# DESIGN section 3 names these; parsers and the figure extractor code against them.
REQUIRED = (
    "overall_crime",
    "violent_crime",
    "deception",
    "technology_crime",
    "online_shopping_fraud",
    "online_business_fraud",
    "email_scam",
    "social_media_deception",
    "romance_scam",
    "investment_fraud",
    "employment_fraud",
    "telephone_deception",
    "phishing",
    "hacking",
    "ransomware",
    "naked_chat_blackmail",
    "internet_deception",
)
CSC_ROWS = (
    "homicide",
    "robbery",
    "robbery_genuine_firearms",
    "robbery_other_firearms",
    "robbery_pistol_like_objects",
    "bank_robbery",
    "goldsmith_watch_shop_robbery",
    "burglary",
    "wounding_and_serious_assault",
    "wounding",
    "serious_assault",
    "serious_drug_offences",
    "criminal_intimidation",
    "blackmail",
    "arson",
    "rape",
    "indecent_assault",
    "theft",
    "snatching",
    "pickpocketing",
    "shop_theft",
    "theft_from_vehicle",
    "miscellaneous_thefts",
    "missing_motor_vehicles",
    "criminal_damage",
    "triad_related_crime",
    "domestic_violence_crime",
    "persons_arrested",
    "juvenile_offenders",
    "young_persons",
    "mainland_illegal_immigrants",
    "visitors",
)
HKCERT = (
    "hkcert_botnet",
    "hkcert_phishing",
    "hkcert_malware",
    "hkcert_defacement",
    "hkcert_ddos",
    "hkcert_other",
    "hkcert_total",
)


def test_every_required_id_is_known_and_unknown_is_not_an_id() -> None:
    assert set(REQUIRED + CSC_ROWS + HKCERT) <= KNOWN_CATEGORIES
    assert UNKNOWN not in KNOWN_CATEGORIES


@pytest.mark.parametrize("category_id", REQUIRED + CSC_ROWS + HKCERT)
def test_every_required_id_has_a_label_in_each_language(category_id: str) -> None:
    langs = {e.lang for e in load_categories().entries if e.category_id == category_id}
    assert langs == {"en", "zh-Hant", "zh-Hans"}


def test_version_is_read_from_the_file() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\d+", CATEGORY_VERSION)


@pytest.mark.parametrize(
    ("label", "category_id"),
    [
        # Traditional Chinese CSC rows as printed (SOURCES 2.1): row numbers, footnotes, CJK spacing
        ("1.", None),
        ("總體罪案", "overall_crime"),
        ("3. 兇殺案 (1)", "homicide"),
        ("各類劫案 (1),包括:", "robbery"),
        ("- 持其他槍械劫案(電槍)", "robbery_other_firearms"),
        ("- 金舖 / 錶行劫案", "goldsmith_watch_shop_robbery"),
        ("- 傷 人", "wounding"),
        ("勒 索 (1)", "blackmail"),
        ("盜竊案，包括：", "theft"),
        ("- 扒竊 (打荷包)", "pickpocketing"),
        ("- 失 車", "missing_motor_vehicles"),
        ("14. 詐 騙", "deception"),
        ("- 少年罪犯(十至十五歲)", "juvenile_offenders"),
        ("- 內地非法入境者", "mainland_illegal_immigrants"),
        # English
        ("Overall Crime", "overall_crime"),
        ("Wounding and Serious Assault (1)", "wounding_and_serious_assault"),
        ("Robbery (1), including:", "robbery"),
        ("- Goldsmith / Watch Shop Robbery", "goldsmith_watch_shop_robbery"),
        ("Triad Related Crime", "triad_related_crime"),
        ("Triad-related crime", "triad_related_crime"),
        ("Juvenile offenders (10–15)", "juvenile_offenders"),
        ("Internet shopping fraud", "online_shopping_fraud"),
        ("Technology-related crime", "technology_crime"),
        ("Naked Chat Blackmail", "naked_chat_blackmail"),
        # Simplified Chinese
        ("总体罪案", "overall_crime"),
        ("诈 骗", "deception"),
        ("网上购物骗案", "online_shopping_fraud"),
        ("杂项盗窃", "miscellaneous_thefts"),
    ],
)
def test_lookup_published_labels(label: str, category_id: str | None) -> None:
    assert lookup_category(label) == category_id


@pytest.mark.parametrize(
    ("label", "normalised"),
    [
        ("14. 詐 騙", "詐騙"),
        ("- 傷 人", "傷人"),
        ("各類劫案 (1),包括:", "各類劫案"),
        ("各類劫案（1），包括：", "各類劫案"),
        ("  Shop   Theft ", "shop theft"),
        ("Robbery, including:", "robbery"),
        ("Homicide¹", "homicide"),
        ("ＤＤｏＳ", "ddos"),
        ("Robbery with arms (including stun guns)", "robbery with arms (including stun guns)"),
        ("扒竊 ( 打荷包 )", "扒竊(打荷包)"),
    ],
)
def test_normalise_label(label: str, normalised: str) -> None:
    assert normalise_label(label) == normalised


@pytest.mark.parametrize(
    ("label", "clean", "markers"),
    [
        ("兇殺案 (1)", "兇殺案", ["(1)"]),
        ("各類劫案 (1),包括:", "各類劫案,包括:", ["(1)"]),
        ("Homicide (1)(2)", "Homicide", ["(1)", "(2)"]),
        ("Robbery*", "Robbery", ["*"]),
        ("Blackmail²", "Blackmail", ["²"]),
        ("少年罪犯(十至十五歲)", "少年罪犯(十至十五歲)", []),  # content in brackets is not a footnote
        ("Juvenile offenders (10-15)", "Juvenile offenders (10-15)", []),
    ],
)
def test_split_footnotes_returns_the_markers(label: str, clean: str, markers: list[str]) -> None:
    assert split_footnotes(label) == (clean, markers)


def test_map_labels_reports_unknown_labels_raw_and_once() -> None:
    labels = ["詐 騙", "Deception", "- 旅客(全新標籤)", "Lottery fraud", "- 旅客(全新標籤)"]
    known, unknown = map_labels(labels)
    assert known == {"詐 騙": "deception", "Deception": "deception"}
    assert unknown == ["- 旅客(全新標籤)", "Lottery fraud"]


def test_hkcert_labels_resolve_only_in_their_scope() -> None:
    assert lookup_category("Phishing") == "phishing"
    assert lookup_category("Phishing", scope="hkcert") == "hkcert_phishing"
    assert lookup_category("Botnet") is None
    assert lookup_category("Botnet", scope="hkcert") == "hkcert_botnet"
    assert lookup_category("Deception", scope="hkcert") == "deception"  # unscoped labels still apply


@pytest.mark.parametrize(
    ("lang", "label"),
    [("en", "Deception"), ("zh-Hant", "詐騙"), ("zh-Hans", "诈骗"), ("tc", "詐騙"), ("SC", "诈骗")],
)
def test_display_label_per_language(lang: str, label: str) -> None:
    assert load_categories().label("deception", lang) == label


def test_display_label_falls_back_to_english_and_refuses_unknowns() -> None:
    cmap = load_categories()
    assert cmap.label("e_banking_fraud", "zh-Hant") == "E-banking fraud"
    with pytest.raises(KeyError, match="no_such_id"):
        cmap.label("no_such_id")
    with pytest.raises(ValueError, match="klingon"):
        cmap.label("deception", "klingon")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "categories.csv"
    path.write_text(body, encoding="utf-8")
    return path


HEADER = "# version: 2026-01-01.1\ncategory_id,lang,label,scope,description\n"


def test_load_a_small_file(tmp_path: Path) -> None:
    cmap = load_categories(
        _write(tmp_path, HEADER + "deception,en,Deception,,All deception\ndeception,zh-Hant,詐騙,,\n")
    )
    assert (cmap.version, cmap.ids) == ("2026-01-01.1", frozenset({"deception"}))
    assert cmap.lookup("詐 騙") == "deception" and cmap.description("deception") == "All deception"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("category_id,lang,label,scope,description\n", "no '# version"),
        ("# version: 1\nid,label\n", "expected header"),
        (HEADER + "deception,fr,Escroquerie,,\n", r":3: language 'fr'"),
        (HEADER + "deception,en,Deception\n", r":3: expected 5 columns"),
        (HEADER + "unknown,en,Something,,\n", r":3: bad category id 'unknown'"),
        (HEADER + "Deception,en,Deception,,\n", r":3: bad category id 'Deception'"),
        (HEADER + "deception,en,(1),,\n", r":3: empty label"),
        (HEADER + "deception,en,Deception,,\ntheft,en,DECEPTION,,\n", "maps to both 'deception' and 'theft'"),
    ],
)
def test_malformed_files_fail_naming_file_line_and_problem(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(CategoryFileError, match=message) as err:
        load_categories(path)
    assert str(path) in str(err.value)


def test_same_label_in_two_scopes_is_not_a_conflict() -> None:
    cmap = CategoryMap(
        "t",
        [
            CategoryEntry("phishing", "en", "Phishing"),
            CategoryEntry("hkcert_phishing", "en", "Phishing", scope="hkcert"),
        ],
    )
    assert (cmap.lookup("phishing"), cmap.lookup("PHISHING", "hkcert")) == ("phishing", "hkcert_phishing")


def test_the_series_figures_prints_by_default_are_designs():
    assert frozenset(REQUIRED) == DESIGN_SERIES
    assert DESIGN_SERIES <= KNOWN_CATEGORIES
