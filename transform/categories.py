"""Published row labels -> canonical category ids, from the versioned data file `categories.csv`.

The same category is printed many ways: `14. | 詐 騙`, `各類劫案 (1),包括:`, `- 傷 人`, `Deception`,
`诈骗`. `normalise_label` removes what is layout rather than meaning (row numbers, sub-row dashes,
footnote markers, "including:", the spaces the police put between CJK characters, case, full-width
forms), and the map is looked up exactly on the normalised label. There is no fuzzy matching: a
label the file does not list is reported as unknown (category "unknown", raw label kept), so that a
renamed row is seen and added to the file rather than guessed.

Labels can be scoped to one source: HKCERT's "Phishing" incidents are not the police's phishing
scams, so the HKCERT rows carry scope `hkcert` and only resolve with `scope="hkcert"`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from transform.exceptions import TransformError

__all__ = [
    "CATEGORY_VERSION",
    "DESIGN_SERIES",
    "KNOWN_CATEGORIES",
    "LANGS",
    "UNKNOWN",
    "CategoryEntry",
    "CategoryFileError",
    "CategoryMap",
    "load_categories",
    "lookup_category",
    "map_labels",
    "normalise_label",
    "split_footnotes",
]

UNKNOWN = "unknown"
LANGS = ("en", "zh-Hant", "zh-Hans")
DEFAULT_PATH = Path(__file__).with_name("categories.csv")
_COLUMNS = ["category_id", "lang", "label", "scope", "description"]
_LANG_ALIASES = {"tc": "zh-Hant", "sc": "zh-Hans"}
_ID = re.compile(r"[a-z][a-z0-9_]*")
_VERSION = re.compile(r"#\s*version:\s*(\S+)")


class CategoryFileError(TransformError):
    """The category data file is malformed: names the file, the line and what was wrong."""


# --- label normalisation -----------------------------------------------------------------------------

_FOOTNOTE = re.compile(
    r"\s*(?:[(（]\s*(?:\d{1,2}|[*#†‡]{1,3})\s*[)）]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[*#†‡]+(?=\s*[,，:：]?\s*$))"
)
_ROW_PREFIX = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-‐‑‒–—−•·])\s*")
_INCLUDING = re.compile(
    r"[\s,;:]*(?:including|which\s+includes?|of\s+which|包括|其中)?[\s,;:.]*$", re.IGNORECASE
)
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"} | {"’": "'", "‘": "'", "“": '"', "”": '"'})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_CLOSE = re.compile(r"\s+\)")
_OPEN_SPACE = re.compile(r"\(\s+")
_SLASH = re.compile(r"\s*/\s*")
_AMPERSAND = re.compile(r"\s*&\s*")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])", re.IGNORECASE)


def split_footnotes(label: str) -> tuple[str, list[str]]:
    """The label without its footnote markers ("(1)", "*", "¹"), and the markers, in order."""
    markers = [m.group().strip() for m in _FOOTNOTE.finditer(label)]
    return _FOOTNOTE.sub("", label).strip(), markers


def normalise_label(label: str) -> str:
    """The lookup key of a printed label: layout removed, meaning kept.

    "14. 詐 騙", "- 傷 人", "各類劫案 (1),包括:" and "Shop Theft" normalise to "詐騙", "傷人", "各類劫案"
    and "shop theft". Footnote markers are dropped here; `split_footnotes` returns them.
    """
    text, _ = split_footnotes(label)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    while (stripped := _ROW_PREFIX.sub("", text, count=1)) != text:
        text = stripped
    text = _INCLUDING.sub("", text)
    # each pattern below is tried only when its literal is in the text (a first parse reads every
    # label: issue 13); `str.split()` splits at exactly the spaces `\s` matches
    if ")" in text:
        text = _SPACE_CLOSE.sub(")", text)
    if "(" in text:
        text = _OPEN_SPACE.sub("(", text)
    if "/" in text:
        text = _SLASH.sub("/", text)
    if _CJK.search(text):
        return "".join(text.split())
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    if "-" in text:
        text = _WORD_HYPHEN.sub(" ", text)
    return " ".join(text.split()).casefold()


# --- the map -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryEntry:
    """One row of the data file."""

    category_id: str
    lang: str
    label: str
    scope: str = ""
    description: str = ""


class CategoryMap:
    """Normalised label (within a scope) -> category id, plus display labels per language."""

    def __init__(self, version: str, entries: Iterable[CategoryEntry], source: str = "<memory>") -> None:
        self.version = version
        self.entries = tuple(entries)
        self.source = source
        self._index: dict[tuple[str, str], str] = {}
        for entry in self.entries:
            self._add(entry)
        self.ids = frozenset(e.category_id for e in self.entries)

    def _add(self, entry: CategoryEntry) -> None:
        key = (entry.scope, normalise_label(entry.label))
        known = self._index.setdefault(key, entry.category_id)
        if known != entry.category_id:
            raise CategoryFileError(
                f"{self.source}: label {entry.label!r} (scope {entry.scope!r}) maps to both "
                f"{known!r} and {entry.category_id!r}"
            )

    def lookup(self, label: str, scope: str | None = None) -> str | None:
        """The id of a printed label, or None. With a scope, its own labels are tried first."""
        key = normalise_label(label)
        if scope and (scope, key) in self._index:
            return self._index[(scope, key)]
        return self._index.get(("", key))

    def map_labels(self, labels: Iterable[str], scope: str | None = None) -> tuple[dict[str, str], list[str]]:
        """({raw label: id} for the labels known, [raw labels not known] in first-seen order)."""
        known: dict[str, str] = {}
        unknown: list[str] = []
        for raw in labels:
            cid = self.lookup(raw, scope)
            if cid is not None:
                known[raw] = cid
            elif raw not in unknown:
                unknown.append(raw)
        return known, unknown

    def label(self, category_id: str, lang: str = "en") -> str:
        """The display label (first listed) of an id in a language ("en", "zh-Hant", "zh-Hans", "tc", "sc").

        Falls back to the English label when the language has none; an unknown id raises KeyError.
        """
        lang = _LANG_ALIASES.get(lang.lower(), lang)
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}, tc or sc")
        for wanted in (lang, "en"):
            for e in self.entries:
                if e.category_id == category_id and e.lang == wanted:
                    return e.label
        raise KeyError(f"no category {category_id!r} in {self.source} (version {self.version})")

    def description(self, category_id: str) -> str:
        """The description written on the id's first row ('' when none)."""
        described = (e.description for e in self.entries if e.category_id == category_id and e.description)
        return next(described, "")


def _parse_version(lines: list[tuple[int, str]], path: str) -> str:
    for _, line in lines:
        if m := _VERSION.match(line.strip()):
            return m.group(1)
    raise CategoryFileError(f"{path}: no '# version: ...' comment line found")


def _entry(row: list[str], lineno: int, path: str) -> CategoryEntry:
    if len(row) != len(_COLUMNS):
        raise CategoryFileError(f"{path}:{lineno}: expected {len(_COLUMNS)} columns, found {len(row)}: {row}")
    entry = CategoryEntry(*(cell.strip() for cell in row))
    if not _ID.fullmatch(entry.category_id) or entry.category_id == UNKNOWN:
        raise CategoryFileError(
            f"{path}:{lineno}: bad category id {entry.category_id!r} (lowercase a-z0-9_, not {UNKNOWN!r})"
        )
    if entry.lang not in LANGS:
        raise CategoryFileError(f"{path}:{lineno}: language {entry.lang!r} is not one of {', '.join(LANGS)}")
    if not normalise_label(entry.label):
        raise CategoryFileError(f"{path}:{lineno}: empty label for {entry.category_id!r}")
    return entry


def load_categories(path: str | Path | None = None) -> CategoryMap:
    """Read a category file: a `# version: ...` comment, then a table with the columns of `_COLUMNS`."""
    path = Path(path) if path is not None else DEFAULT_PATH
    numbered = list(enumerate(path.read_text(encoding="utf-8").splitlines(), start=1))
    version = _parse_version([(n, s) for n, s in numbered if s.lstrip().startswith("#")], str(path))
    data = [(n, s) for n, s in numbered if s.strip() and not s.lstrip().startswith("#")]
    rows = list(csv.reader(s for _, s in data))
    if not rows or [c.strip() for c in rows[0]] != _COLUMNS:
        found = rows[0] if rows else "nothing"
        raise CategoryFileError(f"{path}: expected header {','.join(_COLUMNS)}, found {found}")
    entries = [_entry(row, n, str(path)) for (n, _), row in zip(data[1:], rows[1:], strict=True)]
    return CategoryMap(version, entries, source=str(path))


_DEFAULT = load_categories()
CATEGORY_VERSION: str = _DEFAULT.version
KNOWN_CATEGORIES: frozenset[str] = _DEFAULT.ids

# DESIGN section 3's series, the ones `cyberstats figures` prints by default (the shared corpus's
# ANNOTATION.md lists these and nothing else); the table also knows kinds from the comparison tables
# (e-banking fraud, fake customer service ...), which are other offences there.
DESIGN_SERIES: frozenset[str] = frozenset(
    {
        "overall_crime",
        "violent_crime",
        "deception",
        "technology_crime",
        "internet_deception",
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
    }
)


def lookup_category(label: str, scope: str | None = None) -> str | None:
    """The id of a printed label in the shipped category file, or None when it is not listed."""
    return _DEFAULT.lookup(label, scope)


def map_labels(labels: Iterable[str], scope: str | None = None) -> tuple[dict[str, str], list[str]]:
    """Map raw labels with the shipped file: ({label: id} known, [labels] unknown, never dropped)."""
    return _DEFAULT.map_labels(labels, scope)
