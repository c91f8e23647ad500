"""Writing a run's output files: the four CSVs of the contract and run.json.

Everything is written into a staging folder inside ``out_dir`` first, then moved
into place one file at a time (a rename within one file system, so each file
appears whole). run.json is removed before the moves and put back last: a folder
with a run.json holds one complete run; a failure at any point leaves either the
previous run's files or, for a crash during the moves, files without a run.json.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from amparo.engines.identify.contract import (
    OUTPUT_COLUMNS,
    PERSONS,
    REJECTED,
    REVIEW,
    RUN_MANIFEST,
    SEPARATIONS,
)
from amparo.engines.identify.errors import IdentifyError
from amparo.engines.identify.inputs import ExtractSet
from amparo.engines.identify.manifest import run_manifest
from amparo.engines.identify.merge import check_score, complete_person_of
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.linkage.types import evidence_text

__all__ = ["format_score", "write_outputs"]

Row = Sequence[str | int]


def format_score(score: float) -> str:
    return f"{check_score(score, 'output'):.4f}"


def _iso(value: date | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value.strip()


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Row]) -> int:
    # Record ids are written exactly as read (no spreadsheet-formula escaping):
    # these files are read back by programs that must find the same ids.
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    return count


def _rows(result: IdentifyResult, extract_set: ExtractSet) -> dict[str, Iterable[Row]]:
    return {
        PERSONS: (
            (result.person_of[record.key], record.source, record.record_id)
            for record in extract_set.records
        ),
        REJECTED: (
            (row.source, row.record_id, row.line, row.problem) for row in extract_set.rejected
        ),
        SEPARATIONS: (
            (
                s.parent_key,
                s.child_key,
                _iso(s.separated_on),
                s.status,
                format_score(s.score),
            )
            for s in result.separations
        ),
        REVIEW: (
            (p.kind, p.left, p.right, format_score(p.score), evidence_text(tuple(p.evidence)))
            for p in result.review
        ),
    }


def _completed(result: IdentifyResult, extract_set: ExtractSet) -> IdentifyResult:
    keys = [record.key for record in extract_set.records]
    if len(set(keys)) != len(keys):
        raise IdentifyError("the extract set holds a record twice: persons.csv would repeat it")
    person_of, missing = complete_person_of(extract_set.records, result.person_of)
    return dataclasses.replace(
        result, person_of=person_of, unlinked_records=result.unlinked_records + missing
    )


def _commit(staging: Path, out_dir: Path, names: Sequence[str]) -> None:
    (out_dir / RUN_MANIFEST).unlink(missing_ok=True)
    for name in names:
        (staging / name).replace(out_dir / name)
    (staging / RUN_MANIFEST).replace(out_dir / RUN_MANIFEST)


def write_outputs(
    result: IdentifyResult,
    extract_set: ExtractSet,
    out_dir: Path,
    *,
    timings: Mapping[str, float] | None = None,
) -> dict[str, int]:
    """Write persons.csv, rejected.csv, separations.csv, review.csv and run.json into
    ``out_dir`` (created if needed); return the data rows written per CSV.

    ``timings`` adds stages timed by the caller (such as reading) to run.json.
    """
    started = time.perf_counter()
    result = _completed(result, extract_set)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".identify-", dir=out_dir))
    try:
        written = {
            name: _write_csv(staging / name, OUTPUT_COLUMNS[name], rows)
            for name, rows in _rows(result, extract_set).items()
        }
        all_timings = {
            **(timings or {}),
            **result.timings,
            "write": time.perf_counter() - started,
        }
        manifest = run_manifest(result, extract_set, written, all_timings)
        with (staging / RUN_MANIFEST).open("w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        _commit(staging, out_dir, list(written))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
