"""`amparo backup` and `amparo restore`: a rich world backed up, restored into a new
database by the real command (another SQLite file, or another PostgreSQL database when
the suite runs on PostgreSQL), then every table compared row by row and every file
byte for byte; a changed byte or a database that is not empty is refused."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from typer.testing import CliRunner

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent, ChainHead
from amparo.apps.core.backup import SEEDED_BY_MIGRATE, backed_up_models
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute
from amparo.apps.reports.services import report_snapshot_take
from amparo.apps.returns.models import Category
from amparo.cli import app
from tests import reports_world
from tests.own_database import own_databases
from tests.returns_world import consent, open_case, partner_org, prepared

runner = CliRunner(env={"COLUMNS": "300", "NO_COLOR": "1"})
AMPARO = Path(sys.executable).with_name("amparo")


@dataclass(frozen=True, slots=True)
class Target:
    """A new database for `amparo restore`, with its own var directory."""

    url: str
    var: Path

    @property
    def media(self) -> Path:
        return self.var / "media"

    def restore(self, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "AMPARO_VAR_DIR": str(self.var),
            "COLUMNS": "300",
            "NO_COLOR": "1",
        }
        return subprocess.run(
            [str(AMPARO), "restore", str(archive), *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if self.url.startswith("sqlite"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as raw:
                return [tuple(r) for r in raw.execute(sql).fetchall()]
        import psycopg

        with psycopg.connect(self.url) as raw:
            return [tuple(r) for r in raw.execute(sql).fetchall()]


@pytest.fixture
def new_target(tmp_path: Path) -> Iterator[Any]:
    with own_databases(tmp_path, "restore") as make:
        yield lambda label: Target(*make(label))


def _select(model: Any) -> str:
    columns = ", ".join(
        connection.ops.quote_name(f.column) for f in model._meta.local_concrete_fields
    )
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    return f"SELECT {columns} FROM {table} ORDER BY {key}"  # noqa: S608 - names from the models


def _column_at(model: Any, name: str) -> int:
    return [f.name for f in model._meta.local_concrete_fields].index(name)


def _source_rows(sql: str) -> list[tuple[Any, ...]]:
    """Read with the same raw driver as the copy, not through Django's converters."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return Target(f"sqlite:///{settings['NAME']}", Path()).rows(sql)
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return Target(f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}", Path()).rows(
        sql
    )


def _build_rich_world(carmen: User, lena: User, small_world: Path) -> None:
    """Every kind of row the system writes, and every kind of stored file."""
    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(small_world.glob("*.csv"))]
    batch = import_batch_create(actor=carmen, files=files, note="backup test")
    import_batch_run(batch_id=batch.pk, actor=carmen)
    linkage_run_execute(run_id=linkage_run_create(actor=carmen, reason="test").pk, actor=carmen)
    _family, case = open_case(carmen)
    case = prepared(lena, case)
    consent(carmen, case, partner_org(), Category.CASE_STATUS)
    reports_world.build(carmen)
    report_snapshot_take(actor=None, as_of=date(2019, 6, 1))


@pytest.fixture
def archive(
    carmen: User, lena: User, small_world: Path, tmp_path: Path, settings: Any
) -> tuple[Path, Path]:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    _build_rich_world(carmen, lena, small_world)
    out = tmp_path / "backup.tar"
    result = runner.invoke(app, ["backup", str(out)])
    assert result.exit_code == 0, result.output
    return out, media


def _as_values(model: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """JSON columns compared as JSON: SQLite keeps the text as it was written (with or
    without spaces), and the restore writes it as Django does."""
    json_at = [
        i
        for i, f in enumerate(model._meta.local_concrete_fields)
        if f.get_internal_type() == "JSONField"
    ]
    if not json_at:
        return rows
    return [
        tuple(
            json.loads(v) if i in json_at and isinstance(v, str) else v for i, v in enumerate(row)
        )
        for row in rows
    ]


def _first_difference(copy: list[tuple[Any, ...]], source: list[tuple[Any, ...]]) -> object:
    for left, right in zip(copy, source, strict=False):
        for a, b in zip(left, right, strict=True):
            if a != b:
                return (a, b)
    return (len(copy), len(source))


def _files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_restore_gives_back_every_row_of_every_table_and_every_file(
    archive: tuple[Path, Path], new_target: Any
) -> None:
    out, media = archive
    target: Target = new_target("a")

    restored = target.restore(out)

    assert restored.returncode == 0, restored.stderr
    assert "audit chain intact" in restored.stderr
    archived_head = AuditEvent.objects.get(action="database.backup").sequence
    compared = 0
    for model in backed_up_models():
        source = _as_values(model, _source_rows(_select(model)))
        copy = _as_values(model, target.rows(_select(model)))
        if model is AuditEvent:
            # The archive ends at the backup's own event; the restore appends its own.
            assert copy[:-1] == source[:archived_head]
            assert copy[-1][_column_at(model, "action")] == "database.restore"
        elif model is ChainHead:
            assert [r[_column_at(model, "sequence")] for r in copy] == [archived_head + 1]
        else:
            assert copy == source, (model._meta.label, _first_difference(copy, source))
        compared += len(source)
    assert compared > 2000
    source_files = _files_under(media)
    assert {p.split("/")[0] for p in source_files} >= {"imports", "consents", "evidence"}
    assert _files_under(target.media) == source_files


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_changed_byte_or_a_database_with_rows_is_refused_and_nothing_is_written(
    archive: tuple[Path, Path], new_target: Any, tmp_path: Path
) -> None:
    out, _media = archive
    tampered = tmp_path / "tampered.tar"
    data = bytearray(out.read_bytes())
    with tarfile.open(out) as tar:
        member = tar.getmember("tables/registry.Person.jsonl")
    data[member.offset_data + member.size // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    target: Target = new_target("b")

    refused = target.restore(tampered)

    assert refused.returncode == 1
    assert "Table registry.Person does not match its SHA-256" in refused.stderr
    for model in backed_up_models():
        if model._meta.label not in SEEDED_BY_MIGRATE:
            assert target.rows(_select(model)) == [], model._meta.label
    assert not target.media.exists() or not _files_under(target.media)

    assert target.restore(out).returncode == 0
    again = target.restore(out)
    assert again.returncode == 1
    assert "The database is not empty" in again.stderr
    forced = target.restore(out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "what was here before was replaced" in forced.stderr
