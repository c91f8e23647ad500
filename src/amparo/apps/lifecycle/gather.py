"""The database read as the engine's subjects and cells, in bulk and in chunks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Min

from amparo.apps.lifecycle.datamap import RECORD_KEYS, TABLES, Table
from amparo.apps.registry.models import CustodyEvent, Person, SourceRecord
from amparo.engines.lifecycle import Cell, DataKind, Subject

CHUNK = 2000
# Shorter strings would be replaced inside unrelated words ("Li" in "Linkage").
MIN_NEEDLE = 3


@dataclass(frozen=True, slots=True)
class Located:
    """A cell with where it lives."""

    table: Table
    pk: Any
    column: str
    cell: Cell


def _text_needles(values: set[str]) -> tuple[str, ...]:
    return tuple(sorted(v for v in values if len(v) >= MIN_NEEDLE))


def read_subjects() -> list[Subject]:
    """Every person, with the first date their records hold and their own strings."""
    first_seen: dict[int, date] = {
        row["record__assignments__person_id"]: row["first"]
        for row in CustodyEvent.objects.filter(record__assignments__superseded_at__isnull=True)
        .values("record__assignments__person_id")
        .annotate(first=Min("occurred_on"))
    }
    names: dict[int, set[str]] = defaultdict(set)
    numbers: dict[int, set[str]] = defaultdict(set)
    births: dict[int, set[str]] = defaultdict(set)
    record_dobs: dict[int, set[date]] = defaultdict(set)
    records = SourceRecord.objects.filter(assignments__superseded_at__isnull=True).values_list(
        "assignments__person_id", "raw", "a_number", "dob"
    )
    for person_id, raw, a_number, dob in records.iterator(chunk_size=CHUNK):
        for key, kind in RECORD_KEYS.items():
            value = raw.get(key) if isinstance(raw, dict) else None
            if not isinstance(value, str) or not value.strip():
                continue
            if kind is DataKind.NAMES:
                names[person_id].add(value.strip())
            elif kind is DataKind.A_NUMBER:
                numbers[person_id].add(value.strip())
            elif kind is DataKind.DATE_OF_BIRTH:
                births[person_id].add(value.strip())
        if a_number:
            numbers[person_id].add(a_number)
        if dob:
            births[person_id].add(dob.isoformat())
            record_dobs[person_id].add(dob)
    subjects = []
    people = Person.objects.values_list(
        "id", "dob", "given_names", "surnames", "a_number", "merged_into_id"
    )
    for person_id, dob, given, surnames, a_number, merged_into in people.iterator(chunk_size=CHUNK):
        own = names[person_id] | {given, surnames, f"{given} {surnames}".strip()}
        own |= {part for name in set(own) for part in name.split()}
        if dob:
            births[person_id].add(dob.isoformat())
        subjects.append(
            Subject(
                id=person_id,
                dob=dob,
                # A merged row has no records of its own: the survivor's dates count.
                first_seen=first_seen.get(person_id) or first_seen.get(merged_into or 0),
                other_dobs=tuple(sorted(record_dobs[person_id])),
                same_as=merged_into,
                needles={
                    DataKind.NAMES: _text_needles(own),
                    DataKind.A_NUMBER: _text_needles(numbers[person_id] | {a_number}),
                    DataKind.DATE_OF_BIRTH: _text_needles(births[person_id]),
                },
            )
        )
    return subjects


def _column_names(table: Table) -> list[str]:
    return [
        *(c.name for c in table.columns),
        *table.documents,
        *table.scrubbed,
        *table.quoting,
    ]


def _cells(table: Table, row: tuple[Any, ...]) -> Iterator[Located]:
    pk, subject_id, *values = row
    names = _column_names(table)
    by_name = dict(zip(names, values, strict=True))
    subject = subject_id if table.subject else None
    model_label = table.model
    if table.row_kind is not None:
        cell = Cell(
            ref=f"{model_label}:{pk}", subject_id=None, value=pk, kind=table.row_kind, row=True
        )
        yield Located(table, pk, "", cell)
        return
    for column in table.columns:
        ref = f"{model_label}:{pk}:{column.name}"
        cell = Cell(ref, subject, by_name[column.name], kind=column.kind, part=column.part)
        yield Located(table, pk, column.name, cell)
    for name in table.documents:
        ref = f"{model_label}:{pk}:{name}"
        yield Located(
            table, pk, name, Cell(ref, subject, by_name[name], keys=RECORD_KEYS, scrub=True)
        )
    for name in table.scrubbed:
        ref = f"{model_label}:{pk}:{name}"
        yield Located(table, pk, name, Cell(ref, subject, by_name[name], scrub=True))
    for name in table.quoting:
        ref = f"{model_label}:{pk}:{name}"
        yield Located(table, pk, name, Cell(ref, subject, by_name[name], quotes=True))


def read_cells(table: Table) -> Iterator[list[Located]]:
    """One table's cells, a chunk of rows at a time. Each chunk is its own query
    (keyset pagination on the primary key), so that the apply may write a chunk's
    changes before the next is read without a cursor open on the table it writes."""
    model = apps.get_model(table.model)
    columns = _column_names(table)
    subject = table.subject or "pk"
    rows = model._default_manager.filter(**table.filters).order_by("pk")
    last: Any = None
    while True:
        page = rows if last is None else rows.filter(pk__gt=last)
        batch = list(page.values_list("pk", subject, *columns)[:CHUNK])
        if not batch:
            return
        last = batch[-1][0]
        yield [located for row in batch for located in _cells(table, row)]


def all_tables() -> tuple[Table, ...]:
    return TABLES
