"""Tests never leave 127.0.0.1: a socket audit hook that refuses, and records, anything else.

`install(log_path)` adds a `sys.addaudithook` hook that watches ``socket.connect``,
``socket.getaddrinfo``, ``socket.gethostbyname``, ``socket.bind`` and ``socket.sendto``. An
address that is not loopback (127.0.0.0/8, ::1, "localhost"), a Unix socket path or a
wildcard-free local bind raises `PermissionError` inside the caller (so nothing is sent) and is
appended to `log_path`, one line per attempt. tests/conftest.py installs it in the test process
and, through `sitecustomize` in this directory (put on PYTHONPATH, with NETGUARD_LOG set), in
every Python subprocess the tests start: the Prefect server, workers, the CLI. A fixture then fails
the test during which a line was added.
"""

from __future__ import annotations

import ipaddress
import os
import sys
import threading
import traceback

__all__ = ["ENV_LOG", "install", "is_loopback"]

ENV_LOG = "NETGUARD_LOG"
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_lock = threading.Lock()
_installed = False


def is_loopback(host: object) -> bool:
    """True for a loopback address or name (bytes or str); False for anything else, wildcards included."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _address_ok(address: object) -> bool:
    if address is None or isinstance(address, str | bytes):  # AF_UNIX path
        return True
    if isinstance(address, tuple) and address:
        return is_loopback(address[0])
    return True  # other families (netlink...) carry no internet address


def _violation(event: str, args: tuple) -> str | None:
    if event == "socket.connect" or event == "socket.sendto":
        address = args[1]
        return None if _address_ok(address) else f"{event} {address!r}"
    if event == "socket.bind":
        address = args[1]
        return None if _address_ok(address) else f"{event} {address!r} (bind only 127.0.0.1)"
    if event == "socket.getaddrinfo":
        host = args[0]
        return None if host in (None, b"", "") or is_loopback(host) else f"{event} {host!r}"
    if event in ("socket.gethostbyname", "socket.gethostbyaddr"):
        host = args[0]
        return None if is_loopback(host) else f"{event} {host!r}"
    return None


def install(log_path: str) -> None:
    """Add the hook (once per process); violations go to `log_path` and raise PermissionError."""
    global _installed
    if _installed:
        return
    _installed = True
    program = " ".join(sys.argv[:3])[:120]

    def hook(event: str, args: tuple) -> None:
        if not event.startswith("socket."):
            return
        problem = _violation(event, args)
        if problem is None:
            return
        where = "".join(traceback.format_stack(limit=8)[:-1]).replace("\n", " | ")
        with _lock, open(log_path, "a", encoding="utf-8") as log:
            log.write(f"pid {os.getpid()} [{program}] {problem} at {where[-600:]}\n")
        raise PermissionError(f"tests must not leave 127.0.0.1: {problem}")

    sys.addaudithook(hook)


def install_from_env() -> None:
    """Install when NETGUARD_LOG names a log file (subprocesses started by the tests)."""
    path = os.environ.get(ENV_LOG)
    if path:
        install(path)
