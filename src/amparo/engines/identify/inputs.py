"""Reading a folder of agency extracts into the records identification works on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.extracts import ExtractFileError, KeptRow, read_extract
from amparo.engines.identify.errors import InputDirError
from amparo.engines.linkage.types import RecordIn

__all__ = ["EXTRACT_SUFFIXES", "ExtractSet", "InputFile", "RejectedRecord", "read_extract_dir"]

EXTRACT_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One extract file as read: enough to prove later which bytes a run used."""

    name: str
    source: str
    sha256: str
    rows: int  # data rows (kept + rejected); blank lines are not rows
    kept: int
    rejected: int
    bad_values: int  # kept rows with at least one field set to unknown


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A row that cannot describe anyone; ``problem`` is the extracts engine's code."""

    source: str
    record_id: str
    line: int
    problem: str
    message: str


@dataclass(frozen=True, slots=True)
class ExtractSet:
    """Every kept row of a folder's extracts, in file then row order, and every
    rejected one."""

    records: tuple[RecordIn, ...]
    rejected: tuple[RejectedRecord, ...]
    files: tuple[InputFile, ...]


def _extract_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise InputDirError(f"{directory}: not a folder of extracts")
    # Dot files are editor locks and macOS resource forks ("._x.csv"), not extracts.
    files = sorted(
        path
        for path in directory.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in EXTRACT_SUFFIXES
    )
    if not files:
        raise InputDirError(f"{directory}: no extract files (*.csv or *.xlsx)")
    return files


def read_extract_dir(directory: Path) -> ExtractSet:
    """Read every *.csv and *.xlsx file directly inside ``directory``.

    Each must be one of the four extracts (told by name or header) and at most one
    file may hold each extract, since record ids are unique only within an extract.
    A file that is not an extract, or lacks a required column, raises
    ExtractFileError naming it; subfolders (such as truth/) are not read.
    """
    records: list[RecordIn] = []
    rejected: list[RejectedRecord] = []
    files: list[InputFile] = []
    read_from: dict[str, str] = {}
    for path in _extract_files(directory):
        data = path.read_bytes()
        reader = read_extract(data, filename=path.name)
        source = reader.source.value
        if source in read_from:
            raise ExtractFileError(
                path.name, f"holds {source}, which was already read from {read_from[source]}"
            )
        read_from[source] = path.name
        kept = refused = bad = 0
        for row in reader:
            if isinstance(row, KeptRow):
                records.append(RecordIn(source, row.record_id, row.fields))
                kept += 1
                bad += bool(row.problems)
            else:
                rejected.append(
                    RejectedRecord(source, row.record_id, row.line, row.problem.value, row.message)
                )
                refused += 1
        digest = hashlib.sha256(data).hexdigest()
        files.append(InputFile(path.name, source, digest, kept + refused, kept, refused, bad))
    return ExtractSet(tuple(records), tuple(rejected), tuple(files))
