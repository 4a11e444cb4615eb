"""One way to write a file so that no reader, and no killed run, ever sees half of it.

Every file the project writes (archive objects, Parquet parts, exports, the HTML report, the reader
copy of the warehouse) goes through `atomic_write` or `atomic_path`: the bytes go to a temporary
file, are flushed to disk, and the temporary file is moved over the target with `os.replace`.

Why the details:
* Only regular files are ever replaced. `os.replace` onto `/dev/full` (run as root) swaps a device
  node for a regular file; onto a directory it fails with a raw OSError; onto a symlink it replaces
  the link. Such targets are refused with `WriteRefused`, naming the path and what it is.
* Temporary names are `.tmp-<pid>-<random>.part`: they never end in `.parquet` (so a glob such as
  `read_parquet('parquet/observations/**/*.parquet')` cannot count them), and they carry the pid of
  the writer, so `sweep_temps` can remove the leftovers of a killed writer without touching the
  temporary file of a writer that is still running.
* The temporary file is created with mode 0o666 less the umask (not mkstemp's 0o600), so a report
  or an export gets the permissions of any new file.
"""

from __future__ import annotations

import os
import re
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.exceptions import ExtractError

__all__ = ["WriteRefused", "atomic_path", "atomic_write", "check_target", "sweep_temps", "temp_name"]

_TEMP = re.compile(r"^\.tmp-(\d+)-[0-9a-f]{12}\.part(\.wal)?$")  # .wal: a DuckDB copy's log
_LEGACY_TEMP = re.compile(r"^\.tmp-.*\.(parquet|gz)$")  # names used before this module (mkstemp)


class WriteRefused(ExtractError):
    """A write whose target is not a regular file (a directory, a device, a symlink...)."""


def check_target(path: Path) -> None:
    """Refuse a target that exists and is not a regular file; a missing target is fine."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(st.st_mode):
        return
    kind = (
        "a directory"
        if stat.S_ISDIR(st.st_mode)
        else "a symbolic link"
        if stat.S_ISLNK(st.st_mode)
        else "a device or special file"
    )
    raise WriteRefused(f"refusing to write {path}: it is {kind}, not a regular file")


def temp_name() -> str:
    """A temporary file name that says which process writes it."""
    return f".tmp-{os.getpid()}-{uuid.uuid4().hex[:12]}.part"


@contextmanager
def atomic_path(target: Path, *, tmp_dir: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path to write (by any means); on success it is moved over `target`.

    `tmp_dir` must be on the same file system as `target` (default: the target's directory). On
    any error, or a KeyboardInterrupt, the temporary file is removed and `target` is untouched.
    """
    target = Path(target)
    check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tmp_dir) if tmp_dir is not None else target.parent
    tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / temp_name()
    try:
        yield tmp
        check_target(target)  # it may have been replaced by something else meanwhile
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(target: Path, data: bytes | str, *, tmp_dir: Path | None = None, fsync: bool = True) -> None:
    """Write `data` (text is UTF-8) to `target` through a temporary file and os.replace."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(target, tmp_dir=tmp_dir) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_temps(directory: Path, *, recursive: bool = False) -> list[Path]:
    """Remove temporary files left by writers that are no longer running; returns what was removed.

    A temporary file of a live process (this one included) is kept: it may be mid-write. Files
    named the way earlier versions named temporaries (`.tmp-*.parquet`, `.tmp-*.gz`) had no pid
    and are removed whenever found.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return []
    removed = []
    for path in directory.rglob(".tmp-*") if recursive else directory.glob(".tmp-*"):
        match = _TEMP.match(path.name)
        stale = (match and not _pid_alive(int(match.group(1)))) or (
            not match and _LEGACY_TEMP.match(path.name)
        )
        if stale and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
