"""Score the figure reader on the shared dev corpus fold by fold (`make figures-folds`).

The split is fixed and documented so that a fold's first score, taken before anyone looks at its
errors, stays an honest estimate of how the reader does on text nobody tuned for:

* passages are grouped by language (EN, ZH), and within a language ordered by the SHA-256 of their
  id; the i-th passage of that order goes to fold ``i % 5``. Folds are therefore balanced by
  language and do not depend on the order of the corpus file.

Each fold is written to a temporary JSON Lines file and scored by the shared evaluator
(`../shared/eval/figures_eval.py`), which runs `cyberstats figures --json` once per passage. The
passages themselves never enter the project.

    python -m tests.figure_folds                  # all folds, one line each, then the whole corpus
    python -m tests.figure_folds --fold 2 -v      # one fold, every miss and extra listed
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "news_dev.jsonl"
EVALUATOR = SHARED / "eval" / "figures_eval.py"
FOLDS = 5
_SCORE = re.compile(
    r"recall=(?P<r>[\d.]+) \((?P<m>\d+)/(?P<e>\d+)\) precision=(?P<p>[\d.]+) \(\d+/(?P<f>\d+)\)"
)


def fold_of(items: list[dict]) -> dict[str, int]:
    """Passage id -> fold number, by the rule in the module docstring."""
    folds: dict[str, int] = {}
    for lang in sorted({str(i.get("lang", "?")).upper() for i in items}):
        ids = sorted(
            (i["id"] for i in items if str(i.get("lang", "?")).upper() == lang),
            key=lambda pid: hashlib.sha256(pid.encode()).hexdigest(),
        )
        folds.update({pid: n % FOLDS for n, pid in enumerate(ids)})
    return folds


def load_corpus(path: Path = CORPUS) -> list[dict]:
    """The corpus passages, one dict each."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(items: list[dict], cmd: str, verbose: bool = False) -> tuple[dict, str]:
    """Run the shared evaluator on `items`; (numbers of its last line, its whole output)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        f.writelines(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
    argv = [sys.executable, str(EVALUATOR), f.name, "--cmd", cmd] + (["-v"] if verbose else [])
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    Path(f.name).unlink()
    m = _SCORE.search(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "")
    if m is None:
        raise RuntimeError(f"the evaluator printed no score: {proc.stdout[-500:]} {proc.stderr[-500:]}")
    return {k: float(v) for k, v in m.groupdict().items()}, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fold", type=int, action="append", help="score only these folds (0-4)")
    default_cmd = f"{Path(sys.executable).parent}/cyberstats figures --json --ref-date {{ref}} {{file}}"
    ap.add_argument("--cmd", default=default_cmd)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = ap.parse_args()
    items = load_corpus()
    folds = fold_of(items)
    chosen = args.fold if args.fold is not None else list(range(FOLDS))
    for k in chosen:
        part = [i for i in items if folds[i["id"]] == k]
        nums, out = score(part, args.cmd, args.verbose)
        if args.verbose:
            print(out)
        print(
            f"fold {k}: passages={len(part)} recall={nums['r']:.3f} ({int(nums['m'])}/{int(nums['e'])}) "
            f"precision={nums['p']:.3f} ({int(nums['m'])}/{int(nums['f'])})"
        )
    if args.fold is None:
        _, out = score(items, args.cmd, verbose=True)
        for line in out.splitlines():
            if line.startswith("   EN:") or line.startswith("   ZH:") or line.startswith("recall="):
                print(("all " if line.startswith("recall") else "") + line.strip())


if __name__ == "__main__":
    main()
