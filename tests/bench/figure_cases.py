"""Figure-reader cases.

- `figures` (issue 13): extract_figures over the text of the fixture news pages vs lxml's text
  extraction of the same pages; goal >= 200k characters read per CPU second.
- `figures_vs_old` (issue 8): the reader now vs the reader as it was before issue 8 (revision
  OLD_READER, unpacked with `git archive`), each timed in a fresh process on the same passages (the
  shared dev corpus when ../shared is beside the checkout, else the fixture articles). The case is
  skipped, and says why, when the checkout has no git history.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import time
from io import BytesIO
from pathlib import Path

import lxml.html

from tests.bench.core import REPO, Case, Context, best_of
from tests.bench.data import ARTICLE_PAGES, fixture_doc, passages
from transform.figures import extract_figures

CHARS_PER_S_GOAL = 200_000  # issue 13: the reader at >= 200k chars per CPU second
OLD_READER = "44e2ea5"  # the last commit before issue 8: the reader that scored 0.754 / 0.663 on dev
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "news_dev.jsonl"
TIMING_SCRIPT = Path(__file__).with_name("reader_timing.py")


def run(ctx: Context) -> list[Case]:
    cases = [bench_figures(passages(), ctx.repeat, ctx.min_time)]
    old = bench_old_reader(ctx)
    return cases + ([old] if old else [])


def bench_figures(texts, repeat: int, min_time: float) -> Case:
    """extract_figures over the fixture articles' text vs lxml text extraction of the same pages."""
    pages = [fixture_doc(rel, source_id).body for rel, source_id in ARTICLE_PAGES]
    n_chars = sum(len(t) for t, _ in texts)
    n_figures = sum(len(extract_figures(t, ref_date=d)) for t, d in texts)
    read = lambda: [extract_figures(t, ref_date=d) for t, d in texts]  # noqa: E731
    extract = best_of(read, repeat, min_time, timer=time.process_time)
    lxml_text = best_of(lambda: [lxml.html.fromstring(p).text_content() for p in pages], repeat, min_time)
    chars_per_s = round(n_chars / extract)
    extra = {"passages": len(texts), "chars": n_chars, "figures": n_figures, "chars_per_s": chars_per_s}
    return Case(
        "figures",
        "extract_figures over the pages' text (CPU)",
        extract,
        "lxml.html text extraction of the same pages",
        lxml_text,
        extra,
        goal=f">= {CHARS_PER_S_GOAL:,} chars/s",
        met=chars_per_s >= CHARS_PER_S_GOAL,
    )


def _bench_texts() -> tuple[str, list[tuple[str, str | None]]]:
    if DEV_CORPUS.exists():
        rows = [json.loads(line) for line in DEV_CORPUS.read_text(encoding="utf-8").splitlines() if line]
        return "shared dev corpus", [(r["text"], r.get("ref_date")) for r in rows]
    return "fixture articles", [(t, d.isoformat() if d else None) for t, d in passages()]


def _unpack_old_reader(into: Path) -> bool:
    """The old revision's transform/ and extract/ under `into`; False without git history."""
    try:
        tar = subprocess.run(
            ["git", "-C", str(REPO), "archive", OLD_READER, "transform", "extract"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return True


def _time_reader(tree: Path, texts_file: Path, rounds: int) -> dict:
    """Run reader_timing.py isolated (-I: no PYTHONPATH, no script directory) with `tree` first on
    sys.path, so that its transform/ is the one imported."""
    out = subprocess.run(
        [sys.executable, "-I", str(TIMING_SCRIPT), str(tree), str(texts_file), str(rounds)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_old_reader(ctx: Context) -> Case | None:
    """The current reader vs the pre-issue-8 reader, same passages, each in a fresh process."""
    old_tree = ctx.work / "old-reader"
    old_tree.mkdir()
    if not _unpack_old_reader(old_tree):
        print(f"figures_vs_old skipped: no git history for {OLD_READER}", file=sys.stderr)
        return None
    what, texts = _bench_texts()
    texts_file = ctx.work / "passages.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    rounds = max(ctx.repeat, 1)
    new = _time_reader(REPO, texts_file, rounds)
    old = _time_reader(old_tree, texts_file, rounds)
    if not old["reader"].startswith(str(old_tree)) or not new["reader"].startswith(str(REPO)):
        raise RuntimeError(f"timed the wrong reader: old {old['reader']}, new {new['reader']}")
    extra = {
        "passages": len(texts),
        "texts": what,
        "chars": new["chars"],
        "chars_per_s": round(new["chars"] / new["seconds"]),
        "old_chars_per_s": round(old["chars"] / old["seconds"]),
        "figures": new["figures"],
        "old_figures": old["figures"],
    }
    return Case(
        "figures_vs_old",
        "extract_figures now (CPU, fresh process)",
        new["seconds"],
        f"the reader before issue 8 ({OLD_READER})",
        old["seconds"],
        extra,
        goal_ratio=1.0,
    )
