"""An import or an identification run killed with SIGKILL while it writes: nothing of
it is visible, the next run marks it failed (never `running` forever), and running the
same command again gives what an uninterrupted run gives.

The real `amparo` command runs in a subprocess against a database of its own (a SQLite
file, or a PostgreSQL database when the suite runs on PostgreSQL); the reference run is
the same work done in this process on the test database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.ingest.services import (
    ABANDONED_ERROR,
    UploadedExtract,
    import_batch_create,
    import_batch_run,
)
from amparo.apps.linkage.services import ABANDONED_ERROR as RUN_ABANDONED_ERROR
from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute
from amparo.apps.registry.models import Person, SourceRecord
from tests.own_database import own_databases

AMPARO = Path(sys.executable).with_name("amparo")
BATCH_COUNTS = (
    "rows_total",
    "rows_imported",
    "rows_already_present",
    "rows_rejected",
    "rows_with_bad_values",
    "people_created",
)


@dataclass(frozen=True, slots=True)
class Db:
    """A database of its own for the command, read here with the raw driver."""

    url: str
    var: Path

    @property
    def postgres(self) -> bool:
        return self.url.startswith("postgres")

    def rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """`sql` with %s for each parameter."""
        if not self.postgres:
            with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as raw:
                return [tuple(r) for r in raw.execute(sql.replace("%s", "?"), params).fetchall()]
        import psycopg

        with psycopg.connect(self.url) as raw:
            return [tuple(r) for r in raw.execute(sql, params).fetchall()]

    def one(self, sql: str, *params: object) -> Any:
        found = self.rows(sql, *params)
        return found[0][0] if found else None

    def writing(self) -> bool:
        """True while a transaction of the command holds the registry's write turn."""
        if self.postgres:
            # serialise_imports' one-key advisory lock (objsubid 1); leases use two keys.
            return bool(
                self.one(
                    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    "WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted "
                    "AND d.datname = %s",
                    self.url.rsplit("/", 1)[1],
                )
            )
        raw = sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=0)
        try:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return True
        finally:
            raw.close()
        return False

    def idle(self) -> None:
        """Wait until the killed command's server session is gone (PostgreSQL notices a
        dead client at its next read)."""
        if not self.postgres:
            return
        name = self.url.rsplit("/", 1)[1]
        for _ in range(200):
            others = self.one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND pid <> pg_backend_pid()",
                name,
            )
            if not others:
                return
            time.sleep(0.05)
        raise AssertionError("the killed command's database session did not end")

    def command(self, *args: str) -> subprocess.Popen[str]:
        env = {**os.environ, "DATABASE_URL": self.url, "AMPARO_VAR_DIR": str(self.var)}
        return subprocess.Popen(
            [str(AMPARO), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def run(self, *args: str) -> str:
        process = self.command(*args)
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output
        return output


@pytest.fixture
def own_db(tmp_path: Path) -> Iterator[Callable[[str], Db]]:
    with own_databases(tmp_path, "kill") as make:
        yield lambda label: Db(*make(label))


def _world(tmp_path: Path, families: int) -> Path:
    from amparo.engines.synth import SynthConfig, generate_world, write_world

    out = tmp_path / f"world_{families}"
    write_world(generate_world(SynthConfig(families=families, seed=11)), out)
    return out


def _kill_while_writing(db: Db, *args: str, status_table: str) -> None:
    """Start the command, wait until it is `running` and inside its write transaction,
    let it write a little, then SIGKILL it."""
    process = db.command(*args)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            assert process.poll() is None, "the command finished before it could be killed"
            if db.var.exists() and _has_table(db, status_table):
                running = db.one(
                    f"SELECT count(*) FROM {status_table} WHERE status = 'running'"  # noqa: S608 - a table name of this test
                )
                if running and db.writing():
                    break
            time.sleep(0.02)
        else:
            raise AssertionError("the command never started writing")
        time.sleep(0.3)
        assert process.poll() is None, "the command finished before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    db.idle()


def _has_table(db: Db, table: str) -> bool:
    try:
        db.one(f"SELECT count(*) FROM {table}")  # noqa: S608 - a table name of this test
    except Exception:
        return False
    return True


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_import_killed_mid_way_leaves_nothing_and_completes_when_run_again(
    own_db: Callable[[str], Db], tmp_path: Path, carmen: User, settings: Any
) -> None:
    world = _world(tmp_path, 1200)
    db = own_db("ingest")

    _kill_while_writing(db, "ingest", str(world), status_table="ingest_importbatch")

    killed = db.one("SELECT id FROM ingest_importbatch WHERE status = 'running'")
    assert killed is not None
    assert db.one("SELECT count(*) FROM registry_sourcerecord") == 0
    assert db.one("SELECT count(*) FROM registry_person") == 0
    assert db.one("SELECT count(*) FROM registry_recordassignment") == 0
    assert db.one("SELECT count(*) FROM registry_relationship") == 0
    assert db.one("SELECT count(*) FROM ingest_rowissue WHERE batch_id = %s", killed) == 0

    db.run("ingest", str(world))

    assert db.rows("SELECT status, error FROM ingest_importbatch WHERE id = %s", killed) == [
        ("failed", ABANDONED_ERROR)
    ]
    assert db.one("SELECT count(*) FROM ingest_importbatch WHERE status = 'running'") == 0
    columns = ", ".join(BATCH_COUNTS)
    again = db.rows(
        f"SELECT {columns} FROM ingest_importbatch WHERE status = 'succeeded'"  # noqa: S608 - column names of this test
    )
    settings.MEDIA_ROOT = str(tmp_path / "media")
    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(world.glob("*.csv"))]
    reference = import_batch_run(
        batch_id=import_batch_create(actor=carmen, files=files).pk, actor=carmen
    )
    assert again == [tuple(getattr(reference, c) for c in BATCH_COUNTS)]
    assert db.one("SELECT count(*) FROM registry_sourcerecord") == SourceRecord.objects.count()
    assert db.one("SELECT count(*) FROM registry_person") == Person.objects.count()
    assert ImportBatch.objects.get().rows_imported > 7000


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_identification_run_killed_mid_way_changes_nothing_and_completes_when_run_again(
    own_db: Callable[[str], Db], tmp_path: Path, carmen: User, settings: Any
) -> None:
    world = _world(tmp_path, 250)
    db = own_db("link")
    db.run("ingest", str(world))
    people_before = db.rows("SELECT id FROM registry_person ORDER BY id")
    assignments_before = db.one("SELECT count(*) FROM registry_recordassignment")

    _kill_while_writing(db, "link", status_table="linkage_linkagerun")

    killed = db.one("SELECT id FROM linkage_linkagerun WHERE status = 'running'")
    assert killed is not None
    assert db.rows("SELECT id FROM registry_person ORDER BY id") == people_before
    assert db.one("SELECT count(*) FROM registry_recordassignment") == assignments_before
    assert db.one("SELECT count(*) FROM registry_separation") == 0
    assert db.one("SELECT count(*) FROM linkage_reviewitem") == 0

    db.run("link")

    assert db.rows("SELECT status, error FROM linkage_linkagerun WHERE id = %s", killed) == [
        ("failed", RUN_ABANDONED_ERROR)
    ]
    finished = db.rows("SELECT counts FROM linkage_linkagerun WHERE status = 'succeeded'")
    assert len(finished) == 1
    counts = finished[0][0]
    if isinstance(counts, str):
        import json

        counts = json.loads(counts)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(world.glob("*.csv"))]
    import_batch_run(batch_id=import_batch_create(actor=carmen, files=files).pk, actor=carmen)
    reference = linkage_run_execute(
        run_id=linkage_run_create(actor=carmen, reason="reference").pk, actor=carmen
    )
    assert counts == reference.counts
    assert counts["separations_confirmed"] > 0
    assert db.one("SELECT count(*) FROM registry_separation") > 0
