"""The no-change short-circuit: a run that found nothing new publishes nothing and says so.

A scheduled re-run mostly meets conditional GETs answered 304 and bodies already archived and
published (extract/archive_index.py makes each of those a lookup). When no source brought a new
body, recovered an unpublished one, parsed a document or moved a feed cursor, there is nothing to
validate, no Parquet to write and nothing to load: the publish step is skipped, the DuckDB file is
not opened for writing (nor replaced: its inode and mtime stay), no ledger row is added, and the
run report says "nothing new". Whatever else happened (a failing source) is still reported, and
still fails the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from flows.reports import RunReport
from flows.stages import SourceBatch, merge_reports

__all__ = ["nothing_new", "nothing_new_report", "publish_unless_nothing_new"]

# The flows of one process (the pipeline runs statistics and news side by side) publish in turn,
# without the writer lock's time limit between them.
_ONE_PUBLISH_AT_A_TIME = threading.Lock()


def nothing_new(batches: Iterable[SourceBatch]) -> bool:
    """True when no batch holds anything a publish would write (rows, documents or a cursor)."""
    for batch in batches:
        rep = batch.report
        if batch.parsed or batch.cursor_update is not None or rep.fetched or rep.recovered or rep.parsed:
            return False
    return True


def nothing_new_report(batches: list[SourceBatch]) -> RunReport | None:
    """The run report of a run that has nothing to publish, or None when it has something."""
    if not nothing_new(batches):
        return None
    report = merge_reports(batches)
    report.nothing_new = True
    return report


def publish_unless_nothing_new(batches: list[SourceBatch], publish: Callable[[], RunReport]) -> RunReport:
    """`publish()` (one at a time in this process), or the nothing-new report without publishing."""
    report = nothing_new_report(batches)
    if report is not None:
        return report
    with _ONE_PUBLISH_AT_A_TIME:
        return publish()
