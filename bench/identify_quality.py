"""Identification quality, time and memory: the naive join, generic Splink and Amparo,
side by side on the same synthetic worlds.

    .venv/bin/python bench/identify_quality.py                       # 1,000 and 10,000
    .venv/bin/python bench/identify_quality.py --families 1000 10000 100000 --seed 2018

Each method runs in a child process of its own (read the extracts, identify, write
the output files), so its peak memory (ru_maxrss of that process) is its own; the
parent then scores every output folder with the evaluation engine against the
world's truth. "run s" is read + identify + write inside the child; "proc s" the
whole child process, interpreter start and imports included.

Methods:
- naive: records are one person only on identical normalised A-numbers; parent and
  child only through an identical non-blank family_unit_id booked HEAD/CHILD;
  separated if the child's CBP disposition is ORR_TRANSFER.
- splink: Splink 5 with generic settings (names + date of birth, standard blocking,
  the comparison library's defaults); the same unit-id rule on its clusters.
- amparo: amparo.engines.identify with its default configuration.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.evaluation import EvaluationReport, evaluate
from amparo.engines.identify import IdentifyResult, read_extract_dir, write_outputs
from amparo.engines.linkage.types import RecordIn
from amparo.engines.synth import synth_to_dir

METHODS = ("naive", "splink", "amparo")


def _naive(records: Sequence[RecordIn]) -> IdentifyResult:
    from amparo.engines.identify.baselines import naive_identify

    return naive_identify(records)


def _splink(records: Sequence[RecordIn]) -> IdentifyResult:
    from amparo.engines.identify.baselines import generic_splink_identify

    return generic_splink_identify(records)


def _amparo(records: Sequence[RecordIn]) -> IdentifyResult:
    from amparo.engines.identify import IdentifyConfig, identify

    return identify(records, IdentifyConfig())


RUNNERS: dict[str, Callable[[Sequence[RecordIn]], IdentifyResult]] = {
    "naive": _naive,
    "splink": _splink,
    "amparo": _amparo,
}


def child(method: str, extracts: Path, out: Path, metrics: Path) -> None:
    """One method on one world, in this (child) process."""
    import logging

    # Splink warns about its training at length; the figures are what matter here.
    logging.getLogger("splink").setLevel(logging.ERROR)
    started = time.perf_counter()
    extract_set = read_extract_dir(extracts)
    read_seconds = time.perf_counter() - started
    result = RUNNERS[method](extract_set.records)
    write_outputs(result, extract_set, out, timings={"read": read_seconds})
    seconds = time.perf_counter() - started
    metrics.write_text(json.dumps({"seconds": seconds, "timings": dict(result.timings)}))


@dataclass(frozen=True)
class MethodRun:
    method: str
    ok: bool
    seconds: float  # read + identify + write, measured in the child
    process_seconds: float
    peak_mb: float
    error: str = ""
    report: EvaluationReport | None = None


def run_method(method: str, world: Path, work: Path) -> MethodRun:
    out = work / f"out-{method}"
    metrics = work / f"metrics-{method}.json"
    log = work / f"stderr-{method}.txt"
    command = [sys.executable, __file__, "--child", method, str(world), str(out), str(metrics)]
    started = time.perf_counter()
    with log.open("wb") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own resource usage, not the sum over all children.
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process_seconds = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
        return MethodRun(method, False, 0.0, process_seconds, peak_mb, " ".join(tail))
    seconds = json.loads(metrics.read_text())["seconds"]
    report = evaluate(out, world / "truth")
    return MethodRun(method, True, seconds, process_seconds, peak_mb, report=report)


HEADER = (
    f"{'method':<8}{'clust P':>9}{'clust R':>9}{'clust F1':>9}"
    f"{'sep P':>9}{'sep R':>9}{'sep R+rev':>10}{'review':>9}"
    f"{'run s':>9}{'proc s':>9}{'peak MB':>9}"
)


def table_row(run: MethodRun) -> str:
    resources = f"{run.seconds:>9.1f}{run.process_seconds:>9.1f}{run.peak_mb:>9.0f}"
    if run.report is None:
        return f"{run.method:<8}  failed: {run.error[:80]}"
    c, a, b = run.report.clustering, run.report.confirmed, run.report.with_review
    return (
        f"{run.method:<8}{c.precision:>9.4f}{c.recall:>9.4f}{c.f1:>9.4f}"
        f"{a.precision:>9.4f}{a.recall:>9.4f}{b.recall:>10.4f}"
        f"{100 * run.report.review.review_rate:>8.2f}%{resources}"
    )


def bench_world(families: int, seed: int, work: Path, methods: Sequence[str]) -> list[MethodRun]:
    world = work / "extracts"
    started = time.perf_counter()
    summary = synth_to_dir(families, seed, world)
    records = summary.files["truth/records.csv"]
    print(
        f"\nWorld: {families:,} families, seed {seed}: {records:,} records, "
        f"{summary.people:,} people, {summary.separated_pairs:,} separated parent-child "
        f"pairs (generated in {time.perf_counter() - started:.1f} s)"
    )
    print(HEADER)
    runs = []
    for method in methods:
        run = run_method(method, world, work)
        print(table_row(run), flush=True)
        runs.append(run)
    return runs


def as_json(families: int, runs: Sequence[MethodRun]) -> dict[str, object]:
    return {
        "families": families,
        "methods": [
            {
                "method": run.method,
                "ok": run.ok,
                "seconds": run.seconds,
                "process_seconds": run.process_seconds,
                "peak_mb": run.peak_mb,
                "error": run.error,
                "report": run.report.as_dict() if run.report else None,
            }
            for run in runs
        ],
    }


def main() -> None:
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--work", type=Path, help="keep worlds and outputs here")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="identify-quality-"))
    print(f"cores: {os.cpu_count()}; review = parent_child review pairs / reported separations")
    print("sep P, sep R: confirmed only; sep R+rev: counting review too")
    results = []
    try:
        for families in args.families:
            folder = work / f"families-{families}"
            folder.mkdir(parents=True, exist_ok=True)
            runs = bench_world(families, args.seed, folder, args.methods)
            results.append(as_json(families, runs))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
