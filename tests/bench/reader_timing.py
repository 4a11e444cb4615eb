"""Time one figure reader in a fresh process: `python -I reader_timing.py TREE TEXTS.json ROUNDS`.

Run by figure_cases.py for the tree that holds the reader to time (the current checkout, or an old
revision unpacked by `git archive`): TREE goes first on sys.path, so `import transform` finds that
reader. Prints one JSON line: CPU seconds per pass (best of the rounds), characters, figures, and
the path of the reader that was imported (the caller checks it).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date


def main(tree: str, path: str, rounds: int) -> None:
    sys.path.insert(0, tree)
    import transform.figures as reader
    from transform.figures import extract_figures

    with open(path, encoding="utf-8") as f:
        texts = [(t, date.fromisoformat(d) if d else None) for t, d in json.load(f)]
    figures = sum(len(extract_figures(t, ref_date=d)) for t, d in texts)  # also warms the caches
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for t, d in texts:
            extract_figures(t, ref_date=d)
        best = min(best, time.process_time() - start)
    chars = sum(len(t) for t, _ in texts)
    print(json.dumps({"seconds": best, "chars": chars, "figures": figures, "reader": reader.__file__}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
