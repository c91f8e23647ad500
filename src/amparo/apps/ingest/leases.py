"""Who is running a batch or a run right now: a lease the running process holds.

A batch or run is marked `running` in its own transaction, so the pages can show it,
and its work is written in another; a process killed in between (SIGKILL, a lost
machine) leaves the work rolled back but the mark standing. The lease tells a dead
run from a live one: it is a lock that the operating system or the database server
releases when its holder dies, however it dies. On PostgreSQL it is a session-level
advisory lock (any host); on SQLite, whose users share one machine, an exclusive
`flock` on a file under the var directory.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

# The first key of PostgreSQL's two-key advisory locks, one per kind of run; the
# two-key space does not overlap the one-key locks that serialise imports.
_NAMESPACES = {"import": 0x414D5001, "linkage": 0x414D5002}


def _pg_key(kind: str, ident: int) -> tuple[int, int]:
    return _NAMESPACES[kind], ident % (2**31)


def _lock_path(kind: str, ident: int) -> Path:
    folder = Path(settings.VAR_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{kind}-{ident}.lock"


def _try_take(kind: str, ident: int) -> int | None:
    """Take the lease if it is free: a file descriptor on SQLite, -1 on PostgreSQL;
    None if someone holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", list(_pg_key(kind, ident)))
            taken = cursor.fetchone()
        return -1 if taken and taken[0] else None
    descriptor = os.open(_lock_path(kind, ident), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _give_back(kind: str, ident: int, descriptor: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", list(_pg_key(kind, ident)))
        return
    fcntl.flock(descriptor, fcntl.LOCK_UN)
    os.close(descriptor)


class LeaseTaken(Exception):
    """Another live process runs this batch or run."""


@contextmanager
def lease_hold(kind: str, ident: int) -> Iterator[None]:
    """Hold the lease of one batch or run for the block; refuse if someone holds it."""
    descriptor = _try_take(kind, ident)
    if descriptor is None:
        raise LeaseTaken(f"{kind} {ident} is being run by another process.")
    try:
        yield
    finally:
        _give_back(kind, ident, descriptor)


@contextmanager
def lease_if_abandoned(kind: str, ident: int) -> Iterator[bool]:
    """True (and the lease held for the block) if no live process holds it."""
    descriptor = _try_take(kind, ident)
    if descriptor is None:
        yield False
        return
    try:
        yield True
    finally:
        _give_back(kind, ident, descriptor)
