"""A load without Prefect, as a process the kill -9 test can kill: replay an archive into a home.

    python -m tests.robust.load_worker HOME ARCHIVE [SOURCE_ID ...]

The plain-function path of a run (flows/stages.py + flows/publish.py), the same code the Prefect
flows wrap. Exit 0 when the run was ok, 1 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extract.archive import RawArchive
from flows.publish import publish_batches
from flows.stages import replay_batches


def main(argv: list[str]) -> int:
    home, archive, *sources = argv
    home_path = Path(home)
    print("ready", flush=True)  # imports done: the kill test starts its clock here
    batches = replay_batches(Path(archive), sources or None)
    report = publish_batches(
        list(batches.values()),
        home_path / "parquet",
        home_path / "warehouse.duckdb",
        RawArchive(home_path / "raw"),
    )
    print(report.summary_line(), flush=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
