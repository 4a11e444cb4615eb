"""Fewer glibc malloc arenas for a process that opens a DuckDB database per load (issue 13).

Every load opens its copy of the warehouse as a new DuckDB database, and every batch of a replay
opens two more read-only: each comes with worker threads of its own, new threads. DuckDB keeps
its data in its own allocator (jemalloc, given back when the database closes), but its smaller
C++ objects come from glibc's malloc, which hands threads arenas of their own (up to eight per
core) and keeps what they freed for the next thread to use it. Over a 20 000-document replay the
process grew by ~30 MB that way between batches (the freed memory spread over more arenas), so
the peak grew with the number of batches. Two arenas (the main thread's and one shared by
DuckDB's workers) keep that flat and cost nothing measurable: the allocations that matter for
speed are DuckDB's own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
from functools import cache

__all__ = ["MALLOC_ARENAS", "limit_malloc_arenas"]

MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


@cache
def limit_malloc_arenas() -> bool:
    """Cap glibc's malloc arenas at MALLOC_ARENAS for this process, once; True when it did.

    Not on other C libraries, and not when MALLOC_ARENA_MAX is set: whoever set it chose.
    Arenas made before the call are kept; new threads then share the first ones.
    """
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_ARENA_MAX, MALLOC_ARENAS))
    except (OSError, AttributeError):
        return False
