"""The database restarted under load: no committed write is lost.

Against a PostgreSQL database of its own, N writer threads each append audited
events through `audit_record` (the write every service makes), one transaction each,
and keep the id of every write whose transaction committed (returned without error).
Mid-way the server is restarted (`pg_ctlcluster ... restart -m fast`); writers that
meet a broken connection drop it and retry the same write. At the end every
acknowledged write must be in the database and the audit chain must verify.

Prints: writes acknowledged, writes lost (must be 0), writes failed and retried,
writes in doubt (failed at COMMIT but in fact committed, so present twice after the
retry: allowed, never lost), the time no write could commit, and whether the chain
verified.

RESTARTS THE SHARED POSTGRESQL SERVER: every other connection to it is cut.

    .venv/bin/python bench/db_restart.py --writers 4 --seconds 20
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_HOST = os.environ.get("AMPARO_BENCH_PG_HOST", "127.0.0.1")
PG_USER = os.environ.get("AMPARO_BENCH_PG_USER", "postgres")
DATABASE = "amparo_faults_restart"
CLUSTER = ("15", "main")
PG_CTLCLUSTER = "/usr/bin/pg_ctlcluster"


def admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(host=PG_HOST, user=PG_USER, dbname="postgres", autocommit=True) as db:
        db.execute(statement)


@dataclass
class Tally:
    acknowledged: list[tuple[int, int]] = field(default_factory=list)
    acked_at: list[float] = field(default_factory=list)
    failures: int = 0
    retried_writes: set[tuple[int, int]] = field(default_factory=set)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def writer(number: int, stop: threading.Event, tally: Tally) -> None:
    from django.db import DatabaseError, connection, transaction

    from amparo.apps.audit.services import audit_record

    sequence = 0
    try:
        while not stop.is_set():
            sequence += 1
            mark = (number, sequence)
            while True:
                try:
                    with transaction.atomic():
                        audit_record(
                            actor=None,
                            action="bench.restart_write",
                            object_type="bench",
                            object_id=f"{number}-{sequence}",
                            details={"writer": number, "n": sequence},
                        )
                except DatabaseError as failure:
                    with tally.lock:
                        tally.failures += 1
                        tally.retried_writes.add(mark)
                        tally.errors[type(failure).__name__] += 1
                    # A connection the server dropped is unusable: open a new one.
                    connection.close()
                    time.sleep(0.05)
                    if stop.is_set() and tally.failures > 10_000:
                        return
                    continue
                with tally.lock:
                    tally.acknowledged.append(mark)
                    tally.acked_at.append(time.monotonic())
                break
    finally:
        connection.close()


def restart_server() -> tuple[float, float]:
    started = time.monotonic()
    subprocess.run(
        [
            PG_CTLCLUSTER,
            "--skip-systemctl-redirect",
            *CLUSTER,
            "restart",
            "-m",
            "fast",
        ],
        check=True,
    )
    return started, time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0, help="Length of the load.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument(
        "--no-restart", action="store_true", help="The same load without the restart (a check)."
    )
    args = parser.parse_args()

    admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(f"CREATE DATABASE {DATABASE}")
    os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:5432/{DATABASE}"
    os.environ.setdefault("AMPARO_VAR_DIR", tempfile.mkdtemp(prefix="amparo-restart-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "amparo.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from amparo.apps.audit.models import AuditEvent
    from amparo.apps.audit.verify import audit_chain_verify

    call_command("migrate", interactive=False, verbosity=0)
    connection.close()

    tally = Tally()
    stop = threading.Event()
    threads = [
        threading.Thread(target=writer, args=(n, stop, tally), daemon=True)
        for n in range(args.writers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds / 2)
    if args.no_restart:
        restart_began = restart_returned = time.monotonic()
    else:
        restart_began, restart_returned = restart_server()
    time.sleep(args.seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    present: Counter[tuple[int, int]] = Counter(
        (d["writer"], d["n"])
        for d in AuditEvent.objects.filter(action="bench.restart_write").values_list(
            "details", flat=True
        )
    )
    acknowledged = set(tally.acknowledged)
    lost = sorted(acknowledged - set(present))
    twice = sorted(mark for mark, count in present.items() if count > 1)
    report = audit_chain_verify()
    # The outage: the longest time between two acknowledged writes (the server keeps
    # committing for a while after the restart command starts, while it shuts down).
    acked = sorted(tally.acked_at)
    gap = max((b - a for a, b in pairwise(acked)), default=float("nan"))
    figures: dict[str, Any] = {
        "writers": args.writers,
        "load_seconds": args.seconds,
        "writes_acknowledged": len(acknowledged),
        "writes_lost": len(lost),
        "writes_failed_and_retried": len(tally.retried_writes),
        "failed_attempts": tally.failures,
        "failure_kinds": dict(tally.errors),
        "writes_in_doubt_committed_twice": len(twice),
        "restart_command_seconds": round(restart_returned - restart_began, 2),
        "longest_no_commit_seconds": round(gap, 2),
        "audit_events_checked": report.events_checked,
        "audit_chain_intact": report.intact,
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if lost:
        print(f"LOST: {lost[:20]}")
    connection.close()
    if not args.keep:
        admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    if lost or not report.intact:
        sys.exit(1)


if __name__ == "__main__":
    main()
