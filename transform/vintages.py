"""Is a document's number a new vintage? Only when its value changed, never because its bytes did.

An observation's id includes the SHA-256 of the bytes it was read from (transform.schema), so a
page that changes only in markup (a new banner, a reordered attribute) would give every number a
new id, and each such run would add all its numbers again as another vintage (66 -> 132 -> 198).

The content key (issue 12): a series is (source_id, document_url, jurisdiction, category,
source_label, metric, unit, period_label): one labelled number of one document URL. A row is a new
vintage when its (value, qualifier) is not among the values that the latest earlier vintage of the
same series gave (the last document fetch of that URL that carried the series, in the warehouse or
earlier in the same batch). So:

* markup-only change: every series has the same value as last time, nothing is added;
* one number revised: only that row is added, as a new vintage of its series;
* a label changed (a renamed row): it is a new series, so it is added;
* A -> B -> A: the third fetch differs from the latest (B), so A is added again, as it should be
  (the publisher reverted).

Rows already stored (same observation_id) are left out too, so re-running a batch writes nothing.
The quote and the raw_sha256 are provenance, not content: a sentence reworded around the same
number is not a new vintage. Rows of one document are compared only with earlier documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Mapping
from itertools import groupby

SERIES_COLUMNS = (
    "source_id",
    "document_url",
    "jurisdiction",
    "category",
    "source_label",
    "metric",
    "unit",
    "period_label",
)

Series = tuple
Content = tuple  # (value, qualifier)


def series_key(row: Mapping) -> Series:
    """The series a row belongs to (see module docstring)."""
    return tuple(row.get(c) for c in SERIES_COLUMNS)


def content(row: Mapping) -> Content:
    """What a vintage says about its series."""
    return (float(row["value"]), row.get("qualifier"))


def new_vintages(
    rows: Iterable[dict],
    latest: Mapping[Series, set[Content]],
    stored_ids: Container[str] = (),
) -> list[dict]:
    """The rows that are new vintages, in order; `latest` holds each series' latest stored values."""
    seen: dict[Series, set[Content]] = {k: set(v) for k, v in latest.items()}
    kept: list[dict] = []
    for _doc, doc_rows in groupby(rows, key=lambda r: (r.get("document_url"), r.get("raw_sha256"))):
        this_doc: dict[Series, set[Content]] = defaultdict(set)
        for row in doc_rows:
            key, value = series_key(row), content(row)
            this_doc[key].add(value)
            if row.get("observation_id") in stored_ids or value in seen.get(key, ()):
                continue
            kept.append(row)
        seen.update(this_doc)
    return kept
