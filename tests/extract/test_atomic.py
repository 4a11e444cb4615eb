"""The one atomic-write helper: regular files only, no half files, leftovers of dead writers swept."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from extract.atomic import WriteRefused, atomic_path, atomic_write, sweep_temps, temp_name


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def test_writes_and_replaces_a_regular_file(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["out.txt"]


def test_new_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "r.html", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("kind", ["directory", "symlink", "device"])
def test_refuses_targets_that_are_not_regular_files(tmp_path, kind):
    target = tmp_path / "t"
    if kind == "directory":
        target.mkdir()
    elif kind == "symlink":
        (tmp_path / "real").write_text("keep")
        target.symlink_to(tmp_path / "real")
    else:
        target = "/dev/null"
    with pytest.raises(WriteRefused, match="not a regular file"):
        atomic_write(target, "x")
    assert kind != "symlink" or (tmp_path / "real").read_text() == "keep"


def test_a_failed_write_leaves_the_target_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("before")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "before" and os.listdir(tmp_path) == ["out.txt"]


def test_temporary_names_never_look_like_parquet_and_carry_the_pid():
    name = temp_name()
    assert name.startswith(f".tmp-{os.getpid()}-") and not name.endswith(".parquet")


def test_sweep_removes_files_of_dead_writers_only(tmp_path):
    dead = tmp_path / f".tmp-{dead_pid()}-0123456789ab.part"
    dead_wal = tmp_path / f"{dead.name}.wal"
    mine = tmp_path / temp_name()
    legacy = tmp_path / "x" / ".tmp-k3j4.parquet"
    legacy.parent.mkdir()
    for path in (dead, dead_wal, mine, legacy):
        path.write_bytes(b"")
    assert set(sweep_temps(tmp_path, recursive=True)) == {dead, dead_wal, legacy}
    assert mine.exists()
