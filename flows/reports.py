"""What a run did, per source: the numbers that go into the run log, artifacts and exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields

from extract.exceptions import is_transient, retry_in_run
from transform.exceptions import Failure


@dataclass
class SourceReport:
    """Counts and failures for one catalogue source in one run."""

    source_id: str
    fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    recovered: int = 0  # unchanged bytes parsed again because no completed load published them
    parsed: int = 0
    observations: int = 0
    articles: int = 0
    article_figures: int = 0
    new_observations: int = 0
    revisions: int = 0
    quarantined: int = 0
    unknown_labels: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. what CKAN says changed

    @property
    def failed(self) -> bool:
        return bool(self.failures)

    @property
    def transient_failures(self) -> int:
        """Of `failures`, those worth another try later."""
        return sum(f.transient for f in self.failures)

    def fail(
        self, exc: BaseException, *, stage: str, url: str | None, source_id: str | None = None
    ) -> Failure:
        """Record `exc` as a typed failure of this source (or of `source_id`, a document it led to)."""
        failure = Failure.from_exception(
            exc,
            source_id=source_id or getattr(exc, "source_id", None) or self.source_id,
            stage=stage,
            url=url or getattr(exc, "url", None),
            transient=is_transient(exc),
            retry_in_run=retry_in_run(exc),
        )
        self.failures.append(failure)
        return failure

    def failed_urls(self, stage: str | None = None) -> set[str]:
        """URLs named by this source's failures (at `stage`, if given)."""
        return {f.url for f in self.failures if f.url and (stage is None or f.stage == stage)}

    def add(self, other: SourceReport) -> None:
        """Add what `other` (the same source in a later batch of the run) counted and recorded."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, int) and not isinstance(mine, bool):
                setattr(self, f.name, mine + theirs)
            elif isinstance(mine, list):
                mine.extend(theirs)

    def as_row(self) -> dict:
        row = asdict(self)
        row["unknown_labels"] = ", ".join(self.unknown_labels)
        row["failures"] = " | ".join(str(f) for f in self.failures)
        row["transient_failures"] = self.transient_failures
        row["notes"] = " | ".join(self.notes)
        return row


@dataclass
class RunReport:
    """Everything one run did: per-source reports plus the load it published."""

    sources: dict[str, SourceReport] = field(default_factory=dict)
    load_id: str | None = None  # the last load of the run (the only one, unless it was batched)
    inserted: dict[str, int] = field(default_factory=dict)
    publish_error: str | None = None
    nothing_new: bool = False  # no new body, parse or cursor: publish skipped (flows/nothing_new.py)
    load_ids: list[str] = field(default_factory=list)  # every completed load of the run, in order
    batches: int = 0  # batches published (or tried) so far, for a batched replay
    planned_batches: int = 0
    failed_batch: int | None = None  # the batch whose publish failed (the run stopped there)

    def add_batch(self, part: RunReport, number: int, planned: int | None = None) -> None:
        """Fold the report of batch `number` (of `planned`, None while unknown) into this run's report.

        Counts add up per source, failures and notes are kept, new rows add up per dataset. A
        batch whose publish failed is recorded as the run's publish error, naming the batch and
        saying which batches were loaded before it.
        """
        for source_id, rep in part.sources.items():
            self.source(source_id).add(rep)
        for name, n in part.inserted.items():
            self.inserted[name] = self.inserted.get(name, 0) + n
        self.batches, self.planned_batches = number, planned or number
        if part.load_id is not None:
            self.load_id = part.load_id
            self.load_ids.append(part.load_id)
        if part.publish_error is not None:
            self.failed_batch = number
            loaded = f"batches 1-{number - 1} loaded" if number > 1 else "no batch loaded"
            where = f"batch {number}" if planned is None else f"batch {number} of {planned}"
            rest = "the rest not published" if planned is None else f"{planned - number} not tried"
            self.publish_error = f"{where}: {part.publish_error} ({loaded}, {rest})"

    def source(self, source_id: str) -> SourceReport:
        return self.sources.setdefault(source_id, SourceReport(source_id))

    @property
    def failed_sources(self) -> list[str]:
        return sorted(sid for sid, rep in self.sources.items() if rep.failed)

    @property
    def ok(self) -> bool:
        return not self.failed_sources and self.publish_error is None

    def summary_line(self) -> str:
        """One line for logs and the flow's final state message."""
        parts = [f"{len(self.sources)} sources", f"new rows {self.inserted or {}}"]
        if self.nothing_new:
            parts = [f"nothing new ({self._unchanged_counts()}); warehouse not touched"]
        if self.planned_batches > 1:
            parts.append(f"{self.batches} of {self.planned_batches} batches")
        if self.failed_sources:
            parts.append("failed: " + ", ".join(self.failed_sources))
        if self.publish_error:
            parts.append(f"publish failed: {self.publish_error}")
        return "; ".join(parts)

    def _unchanged_counts(self) -> str:
        """'13 sources, 13 not modified (304), 0 unchanged bodies, 0 bodies downloaded'."""
        reps = self.sources.values()
        not_modified = sum(r.not_modified for r in reps)
        unchanged = sum(r.unchanged for r in reps)
        fetched = sum(r.fetched for r in reps)
        return (
            f"{len(self.sources)} sources, {not_modified} not modified (304), "
            f"{unchanged} unchanged bodies, {fetched} bodies downloaded"
        )


def combined(reports: Iterable[RunReport]) -> RunReport:
    """One report of several parts of a run (statistics and news): their sources, rows and loads.

    Nothing new only when every part found nothing new; publish errors are kept, each as it was.
    """
    parts = list(reports)
    whole = RunReport()
    for part in parts:
        for source_id, rep in part.sources.items():
            whole.source(source_id).add(rep)
        for name, n in part.inserted.items():
            whole.inserted[name] = whole.inserted.get(name, 0) + n
        whole.load_ids += part.load_ids or ([part.load_id] if part.load_id else [])
    whole.load_id = whole.load_ids[-1] if whole.load_ids else None
    whole.publish_error = "; ".join(p.publish_error for p in parts if p.publish_error) or None
    whole.nothing_new = bool(parts) and all(p.nothing_new for p in parts)
    return whole


@dataclass
class Part:
    """One part of a pipeline run (`stats`, `news`): its report, or the exception that stopped it."""

    what: str
    report: RunReport | None = None
    error: BaseException | None = None

    @classmethod
    def of(cls, what: str, run: Callable[[], RunReport]) -> Part:
        """Run one part; an exception fails this part only (the other part's work still counts)."""
        try:
            return cls(what, report=run())
        except Exception as exc:  # noqa: BLE001 - reported as this part's failure, with its traceback
            return cls(what, error=exc)

    @property
    def ok(self) -> bool:
        return self.report is not None and self.report.ok

    @property
    def message(self) -> str:
        """`stats: <summary line>`, or `stats: <ExceptionType>: <message>` for a part that stopped."""
        if self.report is None:
            return f"{self.what}: {type(self.error).__name__}: {self.error}"
        return f"{self.what}: {self.report.summary_line()}"


class RunFailed(Exception):
    """The result of a run that ended Failed: its message names the failures, `report` is the report.

    A Prefect Failed state must carry an exception (or nothing): a worker's flow-run process
    resolves the final state's data into an exception, and a plain RunReport there ended every
    failed run with `TypeError: Unexpected result for failed state` (issue 12).
    """

    def __init__(self, message: str, report: RunReport) -> None:
        super().__init__(message)
        self.report = report

    def __reduce__(self):  # picklable with its report (Prefect may persist results)
        return (RunFailed, (str(self), self.report))
