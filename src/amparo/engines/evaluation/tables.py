"""Reading identification output and synthetic truth, checking each file's header."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.evaluation.errors import EvaluationError
from amparo.engines.extracts.spec import REJECTING_PROBLEMS, TRUTH_FILES
from amparo.engines.identify.contract import (
    OUTPUT_COLUMNS,
    PERSONS,
    REJECTED,
    REVIEW,
    SEPARATIONS,
)
from amparo.engines.linkage.types import RecordKey

__all__ = [
    "OutputPair",
    "TruthFamily",
    "read_persons",
    "read_rejected",
    "read_review_kinds",
    "read_separations",
    "read_truth_families",
    "read_truth_records",
    "read_truth_rejected",
]

RejectedId = tuple[str, str, str]  # (source, record_id, problem)


@dataclass(frozen=True, slots=True)
class OutputPair:
    parent_key: str
    child_key: str
    status: str


@dataclass(frozen=True, slots=True)
class TruthFamily:
    parent_id: str
    child_id: str
    relationship: str
    separated: bool


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """The named columns of every data row of ``path``, in the order asked for."""
    if not path.is_file():
        raise EvaluationError(f"{path}: file not found")
    # utf-8-sig: a BOM is allowed at the start of any CSV here.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [column for column in columns if column not in header]
        if missing:
            raise EvaluationError(f"{path}: missing column(s) {', '.join(missing)}")
        positions = [header.index(column) for column in columns]
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(header):
                raise EvaluationError(
                    f"{path}: line {line} has {len(row)} cells, the header {len(header)}"
                )
            yield tuple(row[position] for position in positions)


def _record_map(path: Path, columns: Sequence[str]) -> dict[RecordKey, str]:
    mapping: dict[RecordKey, str] = {}
    for key_or_value in _rows(path, columns):
        record = (key_or_value[1], key_or_value[2])
        if record in mapping:
            raise EvaluationError(f"{path}: record {record[0]} {record[1]} appears twice")
        mapping[record] = key_or_value[0]
    return mapping


def read_persons(out_dir: Path) -> dict[RecordKey, str]:
    """(source, record_id) -> person_key, from persons.csv."""
    return _record_map(out_dir / PERSONS, OUTPUT_COLUMNS[PERSONS])


def read_truth_records(truth_dir: Path) -> dict[RecordKey, str]:
    """(source, record_id) -> person_id, from truth/records.csv."""
    return _record_map(truth_dir / "records.csv", ("person_id", "source", "record_id"))


def read_separations(out_dir: Path) -> list[OutputPair]:
    return [
        OutputPair(parent, child, status.strip().lower())
        for parent, child, status in _rows(
            out_dir / SEPARATIONS, ("parent_key", "child_key", "status")
        )
    ]


def read_review_kinds(out_dir: Path) -> Counter[str]:
    return Counter(kind.strip() for (kind,) in _rows(out_dir / REVIEW, ("kind",)))


def read_rejected(out_dir: Path) -> Counter[RejectedId]:
    rows = _rows(out_dir / REJECTED, ("source", "record_id", "problem"))
    return Counter((source, record_id, problem) for source, record_id, problem in rows)


def read_truth_rejected(truth_dir: Path) -> Counter[RejectedId]:
    """The rows truth says must be rejected (bad_rows.csv also lists kept rows with
    a bad value, which are not rejected)."""
    rejecting = {problem.value for problem in REJECTING_PROBLEMS}
    rows = _rows(truth_dir / "bad_rows.csv", TRUTH_FILES["bad_rows.csv"])
    return Counter(
        (source, record_id, problem) for source, record_id, problem in rows if problem in rejecting
    )


def read_truth_families(truth_dir: Path) -> list[TruthFamily]:
    columns = ("parent_id", "child_id", "relationship", "separated")
    return [
        TruthFamily(parent, child, relationship.strip().upper(), separated.strip().upper() == "Y")
        for parent, child, relationship, separated in _rows(truth_dir / "families.csv", columns)
    ]
