"""Ingest throughput: import about 100,000 extract rows on SQLite and PostgreSQL.

Prints, per database: rows, seconds, rows per second and peak resident memory
of the importing process. Target (issue 2): 100,000 rows in under 30 s on
either database, under 1 GB.

    .venv/bin/python bench/ingest_throughput.py --rows 100000
    .venv/bin/python bench/ingest_throughput.py --rows 100000 --only sqlite
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("AMPARO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def make_world(rows: int, out: Path, seed: int) -> int:
    """Write a synthetic world of at least `rows` extract rows; return the row count."""
    sys.path.insert(0, str(ROOT / "src"))
    from amparo.engines.synth import SynthConfig, generate_world, write_world

    families = max(10, rows // 7)
    while True:
        world = generate_world(SynthConfig(families=families, seed=seed))
        total = sum(len(r) for r in world.rows.values())
        if total >= rows:
            write_world(world, out)
            return total
        families = int(families * rows / total) + 10


def child(extracts: Path) -> None:
    """Runs in a fresh process per database, so peak memory is the import's own."""
    import resource

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run

    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(extracts.glob("*.csv"))]
    started = time.perf_counter()
    batch = import_batch_create(actor=None, files=files, note="benchmark")
    batch = import_batch_run(batch_id=batch.pk)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "status": batch.status,
                "rows": batch.rows_total,
                "imported": batch.rows_imported,
                "rejected": batch.rows_rejected,
                "people": batch.people_created,
                "seconds": round(seconds, 2),
                "rows_per_second": round(batch.rows_total / seconds),
                "peak_rss_mib": round(peak_mib),
            }
        )
    )


def run_on(label: str, database_url: str, extracts: Path, var_dir: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AMPARO_VAR_DIR": str(var_dir),
        "AMPARO_TASKS_IMMEDIATE": "1",
    }
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(extracts)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["database"] = label
    return result


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as connection:
        connection.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        extracts = Path(tmp) / "extracts"
        started = time.perf_counter()
        total = make_world(args.rows, extracts, args.seed)
        print(f"synthetic world: {total} rows in {time.perf_counter() - started:.1f} s")
        results = []
        if args.only in (None, "sqlite"):
            results.append(
                run_on(
                    "sqlite", f"sqlite:///{tmp}/bench.sqlite3", extracts, Path(tmp) / "var-sqlite"
                )
            )
        if args.only in (None, "postgresql"):
            name = f"amparo_bench_{os.getpid()}"
            _psql(f"CREATE DATABASE {name}")
            try:
                url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
                results.append(run_on("postgresql", url, extracts, Path(tmp) / "var-pg"))
            finally:
                _psql(f"DROP DATABASE IF EXISTS {name}")
        print(f"{'database':<12}{'rows':>9}{'seconds':>9}{'rows/s':>9}{'peak MiB':>10}  status")
        for r in results:
            print(
                f"{r['database']!s:<12}{r['rows']!s:>9}{r['seconds']!s:>9}"
                f"{r['rows_per_second']!s:>9}{r['peak_rss_mib']!s:>10}  {r['status']}"
            )


if __name__ == "__main__":
    main()
