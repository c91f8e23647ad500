"""Fast multi-row inserts for the import path.

Django's bulk_create spends most of an import building model instances and
SQL per value (measured: about 60% of a 100,000-row import). The import
writes hundreds of thousands of rows of a few fixed shapes, so it adapts each
value once, by kind, with the backend's own adapters, and sends plain SQL:
COPY on PostgreSQL (ids drawn from the table's sequence first), multi-row
INSERT on SQLite. Only registry services call this, inside their transaction
and audit event. Table and column names come from models, never from input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import connection

from amparo.apps.registry.derive import PersonSummary
from amparo.apps.registry.models import Person

CHUNK_ROWS = 500

# The columns the fast paths write, named once for every writer (import, re-clustering,
# the benches that build registries).
SOURCE_RECORD_COLUMNS = (
    "source",
    "record_id",
    "batch_id",
    "line",
    "row_hash",
    "raw",
    "fields",
    "a_number",
    "given_names_key",
    "surnames_key",
    "dob",
    "has_problems",
)
SEPARATION_COLUMNS = (
    "parent_id",
    "child_id",
    "separated_on",
    "reunified_on",
    "parent_removed_on",
    "status",
    "score",
    "evidence",
    "decided_by",
    "rule_or_run",
    "decided_at",
)


def adapt_date(value: date | str | None) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return connection.ops.adapt_datefield_value(value)


def adapt_datetime(value: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def adapt_json(value: object) -> Any:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _names(columns: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


def _placeholders(width: int, rows: int) -> str:
    one = "(" + ", ".join(["%s"] * width) + ")"
    return ", ".join([one] * rows)


def _copy(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    statement = f"COPY {connection.ops.quote_name(table)} ({_names(columns)}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
        with raw.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql" and not ignore_conflicts:
        _copy(table, columns, rows)
        return
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    head = f"INSERT INTO {connection.ops.quote_name(table)} ({_names(columns)}) VALUES "  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK_ROWS):
            part = rows[start : start + CHUNK_ROWS]
            cursor.execute(
                head + _placeholders(len(columns), len(part)) + conflict,
                [value for row in part for value in row],
            )


def insert_rows_returning_ids(
    table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert and return the new ids, in the order of `rows`."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        # Ids drawn from the sequence first, so COPY can carry them.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        _copy(table, ("id", *columns), [(i, *row) for i, row in zip(ids, rows, strict=True)])
        return ids
    # SQLite: the import's transaction holds the database's only write lock
    # (BEGIN IMMEDIATE), so the next ids are max(id)+1 onwards.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX({quote('id')}), 0) FROM {quote(table)}")  # noqa: S608
        first = int(cursor.fetchone()[0]) + 1
    ids = list(range(first, first + len(rows)))
    insert_rows(table, ("id", *columns), [(i, *row) for i, row in zip(ids, rows, strict=True)])
    return ids


def adapt_uuid(value: UUID) -> Any:
    """A UUID as the database takes it (SQLite has no UUID type: 32 hex digits)."""
    return value if connection.features.has_native_uuid_field else value.hex


_PERSON_COLUMNS = (
    "public_id",
    "given_names",
    "surnames",
    "name_key",
    "dob",
    "sex",
    "citizenship",
    "language",
    "a_number",
    "created_at",
)


def insert_people(people: Sequence[tuple[UUID, PersonSummary]], created_at: datetime) -> list[int]:
    """Insert one Person per (public id, summary); their ids, in the same order."""
    stamp = adapt_datetime(created_at)
    return insert_rows_returning_ids(
        Person._meta.db_table,
        _PERSON_COLUMNS,
        [
            (
                adapt_uuid(public_id),
                p.given_names,
                p.surnames,
                p.name_key,
                adapt_date(p.dob),
                p.sex,
                p.citizenship,
                p.language,
                p.a_number,
                stamp,
            )
            for public_id, p in people
        ],
    )
