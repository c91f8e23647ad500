"""The court's report for 100,000 people: snapshot, figures, charts, files.

Issue target: a full report for 100,000 people in under 10 s.

    .venv/bin/python bench/reports.py
    .venv/bin/python bench/reports.py --people 20000 --databases sqlite

The registry is the one `bench/eligibility_recompute.py` builds (its builder, written
with the import's bulk helpers in the proportions of a real 34,000-family world), then
the eligibility rules decide everyone once — set-up, in a process of its own, not
measured. In a fresh process per database, what is measured:

1. `report_snapshot_take`: every fact the reports count read as of today in bulk
   (separations, eligibility answers, custody, elections, interviews, returns, notices,
   objections), one row per person, hashed, compressed and stored;
2. a second snapshot (the next report) after review withdrew 1 % of the separations,
   so the changes since the previous one are real;
3. the combined report and each case's, as the parties read them and as the court's
   copy (counts, suppression, charts, changes with reasons);
4. the files of the combined court copy: CSV, JSON and the PDF (WeasyPrint).

"Full report" = 1 + the combined report as the court's copy (nothing cached) and as the
parties' copy + 4: from the database to both copies and the PDF.
Printed per database: people in the snapshot, each time, the peak memory.
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

    from amparo.apps.reports.render import pdf, render
    from amparo.apps.reports.services import report_snapshot_take
    from amparo.engines.reports import REPORTS

    today = timezone.localdate()
    timings: dict[str, float] = {}

    def timed(name: str, call: Any) -> Any:
        started = time.perf_counter()
        result = call()
        timings[name] = round(time.perf_counter() - started, 2)
        return result

    first = timed("snapshot", lambda: report_snapshot_take(actor=None, as_of=today))
    # Between the two reports, review withdraws 1 % of the separations, so the second is
    # compared with the first for real.
    from amparo.apps.registry.models import Separation

    withdrawn = list(
        Separation.objects.filter(superseded_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[::100]
    )
    Separation.objects.filter(id__in=withdrawn).update(superseded_at=timezone.now())
    second = timed("snapshot_again", lambda: report_snapshot_take(actor=None, as_of=today))
    # Measured first, so nothing of it is cached; then the parties' copy of the same
    # report (the snapshot is read once per process, as on the site).
    court = timed("combined_court_copy", lambda: render(second, "combined", limit=11))
    timed("combined_parties_copy", lambda: render(second, "combined", limit=0))
    timed(
        "every_report_both_copies",
        lambda: [render(second, code, limit=limit) for code in REPORTS for limit in (0, 11)],
    )
    timed("csv_json", lambda: (court.report.as_csv(), court.report.as_json()))
    document = timed("pdf", lambda: pdf(court))
    full = (
        timings["snapshot"]
        + timings["combined_court_copy"]
        + timings["combined_parties_copy"]
        + timings["csv_json"]
        + timings["pdf"]
    )
    parties = render(second, "combined", limit=0)
    return {
        "people": second.people,
        "withdrawn": len(withdrawn),
        "changes": len(parties.report.changes),
        "hash_changed": first.data_sha256 != second.data_sha256,
        "children": court.report.counts["children_identified"],
        "parents": court.report.counts["parents_separated"],
        "pdf_kib": round(len(document) / 1024),
        **timings,
        "full_report_s": round(full, 2),
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
        url = f"sqlite:///{work}/reports-bench.sqlite3"
    else:
        name = f"amparo_bench_reports_{os.getpid()}"
        registry_bench._admin(f"CREATE DATABASE {name}")
        url = registry_bench.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        built = _child("setup", url, var_dir, args)
        print(
            f"{label}: set-up: {built['people']} people, {built['separations']} separations, "
            f"{built['custody_events']} custody events (build {built['build_s']} s, "
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
    work = Path(tempfile.mkdtemp(prefix="amparo-bench-reports-"))
    try:
        results = [run_database(label, work, args) for label in args.databases]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    columns = [
        "database",
        "people",
        "snapshot",
        "combined_court_copy",
        "combined_parties_copy",
        "csv_json",
        "pdf",
        "full_report_s",
        "snapshot_again",
        "every_report_both_copies",
        "withdrawn",
        "changes",
        "hash_changed",
        "peak_mib",
    ]
    print(" | ".join(columns))
    for row in results:
        print(" | ".join(str(row[c]) for c in columns))
    for row in results:
        verdict = "met" if row["full_report_s"] < 10 else "NOT met"
        print(f"{row['database']}: full report {row['full_report_s']} s (target < 10 s: {verdict})")


if __name__ == "__main__":
    main()
