"""The project's errors: one root for every layer, and the typed record of one failed thing.

`CyberstatsError` is the root of every error cyberstats raises itself (extract, transform,
warehouse and flow errors all derive from it). It lives here, in the lowest layer, so that every
layer can derive from it without importing upwards, and a flow can tell "ours, with context" from
"a library blew up".

`Failure` is what a run report keeps about one thing that went wrong: which source, at which
stage, on which URL, the error's type and message, and whether trying again later may help. The
flows turn any exception met while handling one document into one `Failure` (see
`flows.stages.parse_into`), so an unexpected `_csv.Error` or `RecursionError` fails that document
by name instead of the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["STAGES", "CyberstatsError", "Failure", "Stage"]

Stage = Literal["fetch", "parse", "validate", "compare", "publish"]
STAGES: tuple[str, ...] = ("fetch", "parse", "validate", "compare", "publish")


class CyberstatsError(Exception):
    """Root of every error the project raises itself. Subclasses say where: source, stage, URL."""

    stage: str = "-"
    source_id: str | None = None
    url: str | None = None


# Longest message kept from an exception we did not raise ourselves (its text may quote the input).
_FOREIGN_MESSAGE_CHARS = 300


@dataclass(frozen=True)
class Failure:
    """One thing that failed in a run: a fetch, a document's parse, a source's rows, a comparison.

    `transient`: a later try may succeed (timeouts, 5xx, a host that did not resolve); the task
    is retried within the run only when `retry_in_run` is also set (a name that does not resolve
    now will not resolve a minute later).
    """

    source_id: str
    stage: str
    url: str | None
    kind: str
    message: str
    transient: bool = False
    retry_in_run: bool = True

    def __str__(self) -> str:
        where = f" {self.url}" if self.url else ""
        return f"{self.source_id} [{self.stage}]{where}: {self.kind}: {self.message}"

    @classmethod
    def from_exception(
        cls,
        exc: BaseException,
        *,
        source_id: str,
        stage: str,
        url: str | None,
        transient: bool = False,
        retry_in_run: bool = True,
    ) -> Failure:
        """The record of `exc`; an error that is not the project's own is marked `unexpected`."""
        kind = type(exc).__name__
        if isinstance(exc, CyberstatsError):
            message = getattr(exc, "message", None) or str(exc)
        else:
            text = str(exc) or repr(exc)
            if len(text) > _FOREIGN_MESSAGE_CHARS:
                text = text[:_FOREIGN_MESSAGE_CHARS] + "…"
            message = f"unexpected error while handling this document: {text}"
        return cls(source_id, stage, url, kind, message, transient, retry_in_run)
