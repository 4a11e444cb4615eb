"""Do the English, Traditional and Simplified Chinese versions of one table say the same thing?

The police publish the comparison page in three languages. They are typed separately, so a
disagreement means one of them (or our parsing of it) is wrong: the lead refuses to load a vintage
whose versions disagree. Rows are matched on what they mean (category, metric, period), never on
their labels, which differ by language. Rows whose label mapped to no category cannot be matched
across languages; only their number is compared.
"""

from __future__ import annotations

from collections.abc import Mapping

from transform.document import ParseResult

__all__ = ["compare_language_versions"]

Key = tuple[str, str, str]  # (category, metric, period_label)


def _values_by_key(result: ParseResult) -> tuple[dict[Key, list[float]], int]:
    """Values per (category, metric, period) and the number of rows with an unknown category."""
    values: dict[Key, list[float]] = {}
    unknown = 0
    for row in result.observations:
        if row["category"] == "unknown":
            unknown += 1
            continue
        values.setdefault((row["category"], row["metric"], row["period_label"]), []).append(row["value"])
    return values, unknown


def _describe(key: Key) -> str:
    category, metric, period = key
    return f"{category} {metric} {period}"


def compare_language_versions(results: Mapping[str, ParseResult]) -> list[str]:
    """Human-readable disagreements between language versions (empty when they all agree).

    `results` maps a language tag (e.g. "en", "tc", "sc") to the ParseResult of that version.
    Reported: the same category, metric and period with different values; a row present in some
    versions only; a category appearing twice within one version; different numbers of rows with
    an unknown category.
    """
    by_lang = {lang: _values_by_key(result) for lang, result in results.items()}
    problems: list[str] = []
    for lang, (values, _) in by_lang.items():
        problems += [
            f"{lang}: {_describe(k)} appears {len(v)} times ({v})" for k, v in values.items() if len(v) > 1
        ]
    keys = sorted({k for values, _ in by_lang.values() for k in values})
    for key in keys:
        present = {lang: values[key][0] for lang, (values, _) in by_lang.items() if key in values}
        missing = sorted(set(by_lang) - set(present))
        if missing:
            problems.append(
                f"{_describe(key)}: in {', '.join(sorted(present))} but missing in {', '.join(missing)}"
            )
        if len(set(present.values())) > 1:
            shown = ", ".join(f"{lang}={value:g}" for lang, value in sorted(present.items()))
            problems.append(f"{_describe(key)}: values differ ({shown})")
    unknown = {lang: count for lang, (_, count) in by_lang.items()}
    if len(set(unknown.values())) > 1:
        shown = ", ".join(f"{lang}={count}" for lang, count in sorted(unknown.items()))
        problems.append(f"rows with an unknown category differ in number ({shown})")
    return problems
