"""A new home starts as a copy of an empty warehouse set up once per schema version (issue 13).

Setting up the schema binds every view, about 150 ms, which was a quarter of the first load of a
new home at 100k rows. The same SQL always yields the same empty file, so it is set up once, in a
template named by the schema version (warehouse.db.schema_version, a hash of the set-up SQL) and
the DuckDB version, and each new home copies it (half a megabyte, about a millisecond). The copy
carries the template's version stamp, so ensure_schema finds it set up; a template built by other
SQL or another DuckDB has another name and is never used.

Templates live in a directory of this user's own under the system temporary directory
(`cyberstats-templates-<uid>/`, mode 0700): one that is not this user's, or that others can
write, is never used, and the load then sets the schema up itself as before. A template is
written under a temporary name and moved into place, so a reader never meets half of one.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import duckdb

from extract.atomic import temp_name

__all__ = ["copy_template", "template_dir", "template_path"]


def template_dir() -> Path:
    """Where this user's templates live (the system temporary directory, one folder per user)."""
    return Path(tempfile.gettempdir()) / f"cyberstats-templates-{os.getuid()}"


def template_path() -> Path:
    """The template for this schema version and this DuckDB version."""
    from warehouse.db import schema_version  # db copies templates: imported late, no cycle

    return template_dir() / f"warehouse-{schema_version()}-duckdb{duckdb.__version__}.duckdb"


def _private_dir(path: Path) -> bool:
    """Create `path` (mode 0700) if missing; True when it is a directory of ours that no one else
    can write (a template from anywhere else could carry any views)."""
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def _build(target: Path) -> None:
    """Set up an empty warehouse beside `target`, close it (checkpointed, no log), move it in."""
    from warehouse.db import ensure_schema

    tmp = target.parent / temp_name()
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("SET TimeZone = 'UTC'")
            ensure_schema(con)
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)


def copy_template(dest: Path) -> bool:
    """Copy the empty warehouse of this schema version to `dest`, setting it up first when missing.

    False, with nothing written to `dest`, when no template can be used (a directory not ours, a
    full disk, a failed set-up): the caller then sets the schema up in `dest` itself.
    """
    target = template_path()
    if not _private_dir(target.parent):
        return False
    try:
        if not target.is_file():
            _build(target)
        shutil.copyfile(target, dest)
    except (OSError, duckdb.Error):
        Path(dest).unlink(missing_ok=True)
        return False
    return True
