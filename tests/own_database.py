"""A database of a test's own, beside the test database: for a command run in a
subprocess (`amparo restore`, a killed `amparo ingest`), which must not share the
test's transaction. A SQLite file on SQLite; a new PostgreSQL database on PostgreSQL,
dropped afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def pg_admin(statement: str) -> None:
    """Run `statement` on the server's maintenance database (CREATE / DROP DATABASE)."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or "5432",
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(statement)


@contextmanager
def own_databases(tmp_path: Path, purpose: str) -> Iterator[Callable[[str], tuple[str, Path]]]:
    """Yield `make(label)`, which gives a new database's URL and a var directory of its
    own; the PostgreSQL databases made are dropped on the way out."""
    made: list[str] = []

    def make(label: str) -> tuple[str, Path]:
        var = tmp_path / f"var_{label}"
        if connection.vendor == "sqlite":
            return f"sqlite:///{tmp_path / f'{label}.sqlite3'}", var
        name = f"amparo_faults_{purpose}_{label}"
        pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {name}")
        made.append(name)
        settings = connection.settings_dict
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or "5432"
        return f"postgres://{settings['USER']}@{host}:{port}/{name}", var

    try:
        yield make
    finally:
        for name in made:
            pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
