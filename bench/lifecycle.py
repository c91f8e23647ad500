"""Retention over the registry of 100,000 people: the dry-run, the apply, the second
apply (which changes nothing).

    .venv/bin/python bench/lifecycle.py
    .venv/bin/python bench/lifecycle.py --people 20000 --databases sqlite

The registry is the one `bench/eligibility_recompute.py` builds (through
`bench/worlds.py`, eligibility decided once): set-up, in a process of its own, not
measured. In a fresh process per database, what is measured: `retention_plan` for a
settlement ended 400 days ago (every shipped rule due), `retention_apply`, and
`retention_apply` again. Printed per database: people, minors, changes, each time,
the peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eligibility_recompute as registry_bench
import worlds


def child_setup(people: int, seed: int) -> dict[str, Any]:
    registry_bench._django()
    return worlds.registry(people, seed)


def child_measure() -> dict[str, Any]:
    registry_bench._django()
    from django.utils import timezone

    from amparo.apps.lifecycle.services import retention_apply, retention_plan
    from amparo.apps.registry.models import Person

    ended = timezone.localdate() - timedelta(days=400)
    timings: dict[str, float] = {}

    def timed(name: str, call: Any) -> Any:
        started = time.perf_counter()
        result = call()
        timings[name] = round(time.perf_counter() - started, 2)
        return result

    planned = timed("dry_run_s", lambda: retention_plan(actor=None, settlement_end=ended)).plan
    run = timed("apply_s", lambda: retention_apply(actor=None, settlement_end=ended))
    again = timed("second_apply_s", lambda: retention_apply(actor=None, settlement_end=ended))
    return {
        "people": Person.objects.count(),
        "minors": planned.minors,
        "planned": planned.total,
        "applied": run.total,
        "second": again.total,
        **timings,
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _child(mode: str, url: str, var_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "AMPARO_VAR_DIR": str(var_dir)}
    command = [sys.executable, __file__, "--child", mode]
    command += ["--people", str(args.people), "--seed", str(args.seed)]
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} failed on {url} (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_database(label: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    var_dir = work / f"var-{label}"
    name = ""
    if label == "sqlite":
        url = f"sqlite:///{work}/lifecycle-bench.sqlite3"
    else:
        name = f"amparo_bench_lifecycle_{os.getpid()}"
        registry_bench._admin(f"CREATE DATABASE {name}")
        url = registry_bench.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        built = _child("setup", url, var_dir, args)
        print(
            f"{label}: set-up: {built['people']} people (build {built['build_s']} s, "
            f"eligibility {built['eligibility_s']} s)",
            flush=True,
        )
        measured = _child("measure", url, var_dir, args)
    finally:
        if name:
            registry_bench._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return {"database": label, **measured}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--child", choices=["setup", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        print(json.dumps(child_setup(args.people, args.seed)))
        return
    if args.child == "measure":
        print(json.dumps(child_measure()))
        return
    work = Path(tempfile.mkdtemp(prefix="amparo-bench-lifecycle-"))
    try:
        results = [run_database(label, work, args) for label in args.databases]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    columns = [
        "database",
        "people",
        "minors",
        "planned",
        "applied",
        "second",
        "dry_run_s",
        "apply_s",
        "second_apply_s",
        "peak_mib",
    ]
    print(" | ".join(columns))
    for row in results:
        print(" | ".join(str(row[c]) for c in columns))


if __name__ == "__main__":
    main()
