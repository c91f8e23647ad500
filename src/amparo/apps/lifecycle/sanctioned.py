"""The one sanctioned way past the immutability triggers (core/immutable.py).

Anonymising a source record means changing a row the database refuses to change.
Inside the retention transaction the trigger is dropped, the rows are changed and
the trigger is created again; DDL is transactional on PostgreSQL and SQLite, so no
other connection ever sees the table without its trigger, and a failure anywhere
rolls the drop back with the rest. On PostgreSQL the DROP also takes the table's
ACCESS EXCLUSIVE lock until commit: nobody writes records meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, transaction

from amparo.apps.core import immutable

# The immutable tables the rules change. The audit log is never one of them.
ANONYMISED_IMMUTABLE_TABLES = ("registry_sourcerecord",)


@contextmanager
def triggers_lifted(tables: Sequence[str] = ANONYMISED_IMMUTABLE_TABLES) -> Iterator[None]:
    if not connection.in_atomic_block:
        raise RuntimeError("the triggers are lifted only inside the retention transaction")
    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            for statement in immutable.drop_forbid_changes_sql(table, vendor=vendor):
                cursor.execute(statement)
        yield
        for table in tables:
            for statement in immutable.forbid_changes_sql(table, vendor=vendor):
                cursor.execute(statement)
