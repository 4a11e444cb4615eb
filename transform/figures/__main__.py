"""`python -m transform.figures [--ref-date YYYY-MM-DD] [--json] FILE|-`: the figures found in a text.

HTML input (a file that starts like a web page) is reduced to its text with BeautifulSoup first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from transform.figures.extractor import extract_figures

_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[ >])", re.IGNORECASE)


def read_text(source: str) -> str:
    """The text of FILE (or stdin for "-"), with HTML tags stripped when it looks like HTML."""
    raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    if _HTML_START.match(raw):
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(raw, "lxml")
        for tag in soup(["script", "style", "noscript"]):
            tag.decompose()
        return soup.get_text("\n")
    return raw


def _human(fig: dict) -> str:
    period = fig["period"] or "?"
    extra = f" vs {fig['compared_with']}" if fig["compared_with"] else ""
    return (
        f"{fig['jurisdiction']:3} {period:16} {fig['category']:24} {fig['metric']:14} {fig['kind']:10} "
        f"{fig['value']:>16,.2f} {fig['unit']:8} {fig['qualifier']}{extra}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the figures of one text; exit 2 with a message when the file cannot be read."""
    ap = argparse.ArgumentParser(prog="python -m transform.figures", description=__doc__)
    ap.add_argument("file", help="a text or HTML file, or - for stdin")
    ap.add_argument("--ref-date", type=date.fromisoformat, default=None, help="publication date, YYYY-MM-DD")
    ap.add_argument("--json", action="store_true", help='print {"figures": [...]} as JSON')
    ap.add_argument(
        "--all-crimes",
        action="store_true",
        help="also figures about crimes outside the project's series (category unknown)",
    )
    args = ap.parse_args(argv)
    try:
        text = read_text(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    figures = [
        f.to_dict()
        for f in extract_figures(text, ref_date=args.ref_date, include_other_crimes=args.all_crimes)
    ]
    if args.json:
        print(json.dumps({"figures": figures}, ensure_ascii=False))
    else:
        for fig in figures:
            print(_human(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
