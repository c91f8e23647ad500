"""Rows broken on purpose, each with exactly one problem, so a reader's report can be
checked line by line against truth/bad_rows.csv.

Rejecting problems are added as extra rows (copies of real rows, broken); value problems
break a real row in place, which then still describes its person.
"""

from __future__ import annotations

from random import Random
from typing import Final

from amparo.engines.extracts.spec import CODE_LISTS, SPECS, Problem, Source
from amparo.engines.synth.rows import IdMint, Line

KINDS: Final = (
    Problem.DUPLICATE_ID,
    Problem.NO_IDENTITY,
    Problem.MISSING_ID,
    Problem.BAD_DATE,
    Problem.BAD_A_NUMBER,
    Problem.UNKNOWN_CODE,
)
# Not a calendar date, or not in either accepted format.
IMPOSSIBLE_DATES: Final = (
    "2018-02-30",
    "13/45/2018",
    "unknown",
    "2018-13-01",
    "31/12/2017",
    "0/0/0000",
    "2017-06-31",
    "2/29/2018",
)
# Never 8-9 digits once an A prefix, spaces and dashes are stripped.
MALFORMED_A_NUMBERS: Final = ("A12", "A-1234", "20155X017", "1234567890123", "A 99", "A0000")
UNKNOWN_CODES: Final[dict[str, tuple[str, ...]]] = {
    "sex": ("X", "U"),
    "relationship": ("COUSIN", "NEPHEW"),
    "disposition": ("FOO", "VR"),
    "book_out_reason": ("ESCAPED", "PAROLED"),
    "referred_by": ("DOS", "HHS"),
    "separated": ("MAYBE", "S"),
    "discharge_type": ("FOSTER", "RUNAWAY"),
    "kind": ("XF", "TF"),
    "counsel_present": ("MAYBE", "S"),
    "determination": ("PENDING", "REFERRED"),
    "ij_review": ("REMANDED", "PENDING"),
}
_IDENTITY_COLUMNS: Final = ("a_number", "parent_name_reported", "parent_a_number_reported")


def _slots(
    lines: dict[Source, list[Line]], rng: Random, fraction: float, *, guarantee: bool
) -> list[tuple[Source, Problem]]:
    sources = [source for source in Source if lines[source]]
    if not sources:
        return []
    slots: list[tuple[Source, Problem]] = []
    if guarantee:
        offset = rng.randrange(len(sources))
        slots = [(sources[(i + offset) % len(sources)], kind) for i, kind in enumerate(KINDS)]
    wanted = round(fraction * sum(len(lines[source]) for source in sources))
    weights = [len(lines[source]) for source in sources]
    for _ in range(wanted - len(slots)):
        slots.append((rng.choices(sources, weights=weights)[0], rng.choice(KINDS)))
    return slots


def break_rows(
    lines: dict[Source, list[Line]],
    rng: Random,
    mints: dict[Source, IdMint],
    *,
    fraction: float,
    guarantee: bool,
) -> None:
    """Break about `fraction` of all rows in place; with `guarantee`, every kind at least once."""
    slots = _slots(lines, rng, fraction, guarantee=guarantee)
    for source in Source:
        kinds = [kind for slot_source, kind in slots if slot_source == source]
        if kinds:
            lines[source] = _break_source(source, lines[source], kinds, rng, mints[source])


def _break_source(
    source: Source, lines: list[Line], kinds: list[Problem], rng: Random, mint: IdMint
) -> list[Line]:
    spec = SPECS[source]
    pristine = list(range(len(lines)))
    rng.shuffle(pristine)
    extra: list[tuple[int, int, Line]] = []  # position to insert before, order, line
    for kind in kinds:
        needed = 2 if kind is Problem.DUPLICATE_ID else 1
        if len(pristine) < needed:
            break
        index = pristine.pop()
        line = lines[index]
        if kind is Problem.DUPLICATE_ID:
            # Another row's content under this row's id, somewhere after it.
            row = dict(lines[pristine.pop()].row)
            row[spec.id_column] = line.row[spec.id_column]
            at = rng.randint(index + 1, len(lines))
            extra.append((at, len(extra), Line(row, None, kind)))
        elif kind is Problem.NO_IDENTITY:
            row = dict(line.row)
            for column in (*spec.name_columns, *_IDENTITY_COLUMNS):
                if column in row:
                    row[column] = ""
            row[spec.id_column] = mint()
            extra.append((rng.randint(0, len(lines)), len(extra), Line(row, None, kind)))
        elif kind is Problem.MISSING_ID:
            row = dict(line.row) | {spec.id_column: ""}
            extra.append((rng.randint(0, len(lines)), len(extra), Line(row, None, kind)))
        else:
            _break_value(source, line, kind, rng)
    extra.sort(key=lambda item: (item[0], item[1]))
    merged: list[Line] = []
    pending = iter(extra)
    upcoming = next(pending, None)
    for position in range(len(lines) + 1):
        while upcoming is not None and upcoming[0] == position:
            merged.append(upcoming[2])
            upcoming = next(pending, None)
        if position < len(lines):
            merged.append(lines[position])
    return merged


def _break_value(source: Source, line: Line, kind: Problem, rng: Random) -> None:
    """One bad value in a row that still describes its person."""
    spec = SPECS[source]
    if kind is Problem.BAD_DATE:
        line.row[rng.choice(spec.date_columns)] = rng.choice(IMPOSSIBLE_DATES)
    elif kind is Problem.BAD_A_NUMBER:
        line.row["a_number"] = rng.choice(MALFORMED_A_NUMBERS)
    else:
        columns = [column for (src, column) in CODE_LISTS if src == source]
        column = rng.choice(columns)
        line.row[column] = rng.choice(UNKNOWN_CODES[column])
    line.problem = kind
