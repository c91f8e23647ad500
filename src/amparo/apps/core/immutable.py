"""Database triggers that refuse changes to rows that must never change.

The application never updates these tables; the triggers make that a property
of the database, so a stray UPDATE from a shell or a bug fails loudly.
DELETE is refused on PostgreSQL only: Django's test flush on SQLite deletes
rows, and a deletion there is still caught by the audit chain's verification.
"""

from __future__ import annotations

from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def forbid_changes_sql(table: str, *, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_immutable()""",
        ]
    if vendor == "sqlite":
        return [
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""",
        ]
    return []


def drop_forbid_changes_sql(table: str, *, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_immutable()",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_update"]
    return []


def install(tables: list[str], schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        for statement in forbid_changes_sql(table, vendor=vendor):
            schema_editor.execute(statement)


def uninstall(tables: list[str], schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        for statement in drop_forbid_changes_sql(table, vendor=vendor):
            schema_editor.execute(statement)
