"""One archive of the whole system, and the way back from it.

`backup_write` reads every row of every table of every installed model (the m2m
through tables, sessions and the task queue included: nothing is skipped) and
every file under MEDIA_ROOT, all inside one transaction (a repeatable-read snapshot
on PostgreSQL; on SQLite the transaction holds the write lock, so writers wait),
and writes them to one tar with a manifest: the applied migrations, per table its
columns, row count and SHA-256, per file its size and SHA-256, and the audit chain's
head.

`backup_restore` checks every hash before it writes anything, refuses a database
that is not empty (only the rows `migrate` itself seeds are allowed) unless forced,
then loads every table in one transaction with the foreign keys checked at the end,
resets PostgreSQL's sequences, proves the audit chain intact and equal to the
manifest's head, records the restore in the chain and writes the files back; any
failure rolls all of it back.

Audit: the backup records `database.backup` in its own transaction before the
snapshot is read, so the archive holds the event that made it (a restored system
shows where it came from); after the archive is written, `database.backup_written`
records its SHA-256 in the source's chain (not in the archive, which cannot hold its
own hash). The restore records `database.restore` after the restored chain verified,
in the load's transaction.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import ChainHead
from amparo.apps.audit.services import audit_record
from amparo.apps.audit.verify import audit_chain_verify

FORMAT = "amparo-backup/1"
MANIFEST = "manifest.json"
TABLES_DIR = "tables"
FILES_DIR = "media"
# Rows `migrate` writes into a new database (content types and permissions from
# Django's post-migrate signal, the three settlement cases from a data migration): a
# database holding only these is empty. A restore replaces them with the archive's,
# so ids that other rows point at stay the archive's.
SEEDED_BY_MIGRATE = frozenset(
    {"contenttypes.ContentType", "auth.Permission", "registry.SettlementCase"}
)
_CHUNK = 1 << 20
_INSERT_BATCH = 500

ProgressCallback = Callable[[str], None]


class RestoreRefused(Exception):
    """The archive or the target cannot be restored; nothing was written."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    sha256: str
    tables: int
    rows: int
    files: int
    chain_sequence: int


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int
    chain_events_verified: int
    replaced_existing: bool


def backed_up_models() -> list[type[models.Model]]:
    """Every installed model that owns a table, m2m through tables included."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.label)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.local_concrete_fields)


def _encode(field: models.Field[Any, Any], value: object) -> object:
    """A column's value as JSON that decodes back to the same Python value."""
    if value is None:
        return None
    internal = field.get_internal_type()
    if internal == "JSONField":
        return value
    if internal == "BinaryField":
        return base64.b64encode(bytes(value)).decode("ascii")  # type: ignore[call-overload]
    if isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, datetime | date | time | timedelta | Decimal | UUID):
        return duration_iso_string(value) if isinstance(value, timedelta) else _text(value)
    raise TypeError(f"{field.model._meta.label}.{field.name}: cannot archive {type(value)!r}")


def _text(value: datetime | date | time | Decimal | UUID) -> str:
    return value.isoformat() if isinstance(value, datetime | date | time) else str(value)


def _decode(field: models.Field[Any, Any], value: object) -> object:
    if value is None:
        return None
    internal = field.get_internal_type()
    if internal == "JSONField":
        return value
    if internal == "BinaryField":
        return base64.b64decode(str(value))
    return field.to_python(value)


def _sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while block := stream.read(_CHUNK):
        digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def _snapshot_begin() -> None:
    """Make the rest of the transaction read one consistent state of the database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def backup_write(
    out: Path, *, actor: User | None = None, on_progress: ProgressCallback | None = None
) -> BackupSummary:
    """Write every table and every stored file into the tar `out` (atomically)."""
    audit_record(
        actor=actor,
        action="database.backup",
        object_type="database",
        details={"archive": out.name},
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".tar", dir=out.parent)
    os.close(handle)
    try:
        manifest = _write_archive(Path(temporary), on_progress)
        with Path(temporary).open("rb") as written:
            archive_sha = _sha256_of(written)
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    audit_record(
        actor=actor,
        action="database.backup_written",
        object_type="database",
        details={
            "archive": out.name,
            "sha256": archive_sha,
            "chain_sequence": manifest["audit_chain_head"]["sequence"],
        },
    )
    return BackupSummary(
        path=out,
        sha256=archive_sha,
        tables=len(manifest["tables"]),
        rows=sum(t["rows"] for t in manifest["tables"]),
        files=len(manifest["files"]),
        chain_sequence=manifest["audit_chain_head"]["sequence"],
    )


def _write_archive(target: Path, on_progress: ProgressCallback | None) -> dict[str, Any]:
    tables: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    with tarfile.open(target, "w") as tar, tempfile.TemporaryDirectory() as scratch:
        with transaction.atomic():
            _snapshot_begin()
            migrations = _applied_migrations()
            head = ChainHead.objects.filter(id=1).values("sequence", "entry_hash").first()
            for model in backed_up_models():
                label = model._meta.label
                if on_progress is not None:
                    on_progress(label)
                member = f"{TABLES_DIR}/{label}.jsonl"
                rows, sha = _dump_table(model, Path(scratch) / f"{label}.jsonl")
                tar.add(Path(scratch) / f"{label}.jsonl", arcname=member)
                tables.append(
                    {
                        "model": label,
                        "table": model._meta.db_table,
                        "columns": [f.attname for f in _columns(model)],
                        "rows": rows,
                        "sha256": sha,
                        "member": member,
                    }
                )
            # Files are read while the snapshot is held: a file is written before
            # the row that names it commits, so every file a row names is here.
            for relative, path in _media_files():
                data = path.read_bytes()
                info = tarfile.TarInfo(f"{FILES_DIR}/{relative}")
                info.size = len(data)
                info.mtime = int(path.stat().st_mtime)
                tar.addfile(info, io.BytesIO(data))
                files.append(
                    {
                        "path": relative,
                        "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "audit_chain_head": {
                "sequence": head["sequence"] if head else 0,
                "entry_hash": head["entry_hash"] if head else "",
            },
            "tables": tables,
            "files": files,
            "skipped": [],
        }
        body = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        info.mtime = int(timezone.now().timestamp())
        tar.addfile(info, io.BytesIO(body))
    return manifest


def _dump_table(model: type[models.Model], path: Path) -> tuple[int, str]:
    columns = _columns(model)
    names = [f.attname for f in columns]
    digest = hashlib.sha256()
    rows = 0
    with path.open("wb") as out:
        query = model._base_manager.order_by("pk").values_list(*names)
        for row in query.iterator(chunk_size=2000):
            line = (
                json.dumps(
                    [_encode(f, v) for f, v in zip(columns, row, strict=True)],
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
                + "\n"
            ).encode("utf-8")
            digest.update(line)
            out.write(line)
            rows += 1
    return rows, digest.hexdigest()


# --- restore ------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise RestoreRefused(
            "The archive has no manifest.json: it is not an Amparo backup."
        ) from None
    stream = tar.extractfile(member)
    if stream is None:
        raise RestoreRefused("The archive's manifest is not a file.")
    try:
        manifest: dict[str, Any] = json.loads(stream.read())
    except ValueError:
        raise RestoreRefused("The archive's manifest is not valid JSON.") from None
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"The archive's format is {manifest.get('format')!r}, not {FORMAT}.")
    return manifest


def _safe_relative(relative: str) -> str:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RestoreRefused(f"The archive names a file outside MEDIA_ROOT: {relative!r}.")
    return path.as_posix()


def _check_archive(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member the manifest names is present, unchanged, and nothing else is."""
    expected: dict[str, tuple[str, str]] = {MANIFEST: ("manifest", "")}
    for table in manifest["tables"]:
        expected[table["member"]] = (f"table {table['model']}", table["sha256"])
    for file in manifest["files"]:
        expected[f"{FILES_DIR}/{_safe_relative(file['path'])}"] = (
            f"file {file['path']}",
            file["sha256"],
        )
    present = {m.name: m for m in tar.getmembers()}
    extra = sorted(set(present) - set(expected))
    if extra:
        raise RestoreRefused(f"The archive holds {extra[0]!r}, which its manifest does not list.")
    for name, (what, sha) in expected.items():
        if name == MANIFEST:
            continue
        member = present.get(name)
        if member is None or not member.isfile():
            raise RestoreRefused(f"The archive lacks {what}, which its manifest lists.")
        stream = tar.extractfile(member)
        assert stream is not None
        if _sha256_of(stream) != sha:
            raise RestoreRefused(
                f"{what[0].upper()}{what[1:]} does not match its SHA-256 in the manifest: "
                "the archive is damaged or was changed. Nothing was restored."
            )


def _check_schema(manifest: dict[str, Any]) -> dict[str, type[models.Model]]:
    here = _applied_migrations()
    archived = [list(m) for m in manifest["migrations"]]
    if here != archived:
        differing = sorted({tuple(m) for m in archived} ^ {tuple(m) for m in here})
        raise RestoreRefused(
            "The archive was taken at another schema version than this database's "
            f"({len(archived)} migrations applied there, {len(here)} here; first difference "
            f"{'.'.join(differing[0])}). Restore it with the Amparo version that wrote it."
        )
    by_label = {m._meta.label: m for m in backed_up_models()}
    archived_labels = {t["model"] for t in manifest["tables"]}
    if archived_labels != set(by_label):
        difference = sorted(archived_labels ^ set(by_label))
        raise RestoreRefused(f"The archive's tables differ from this system's: {difference}.")
    for table in manifest["tables"]:
        columns = [f.attname for f in _columns(by_label[table["model"]])]
        if columns != table["columns"]:
            raise RestoreRefused(f"Table {table['model']} has other columns than the archive's.")
    return by_label


def tables_with_rows() -> list[str]:
    """Models whose tables hold rows `migrate` did not seed."""
    return [
        m._meta.label
        for m in backed_up_models()
        if m._meta.label not in SEEDED_BY_MIGRATE and m._base_manager.exists()
    ]


def _rows_of(tar: tarfile.TarFile, member: str) -> Iterator[list[Any]]:
    stream = tar.extractfile(member)
    assert stream is not None
    for line in io.TextIOWrapper(stream, encoding="utf-8"):
        if line.strip():
            yield json.loads(line)


def _load_table(tar: tarfile.TarFile, model: type[models.Model], table: dict[str, Any]) -> int:
    columns = _columns(model)
    batch: list[models.Model] = []
    loaded = 0

    def flush() -> None:
        # raw=True: the values go in as archived (no auto_now, no defaults), as
        # loaddata writes them.
        model._base_manager._insert(batch, fields=columns, raw=True)  # type: ignore[attr-defined]
        batch.clear()

    for row in _rows_of(tar, table["member"]):
        instance = model(**{f.attname: _decode(f, v) for f, v in zip(columns, row, strict=True)})
        batch.append(instance)
        loaded += 1
        if len(batch) >= _INSERT_BATCH:
            flush()
    if batch:
        flush()
    if loaded != table["rows"]:
        raise RestoreRefused(
            f"Table {table['model']}: {loaded} rows read, manifest says {table['rows']}."
        )
    return loaded


def _empty_tables(labels: list[str]) -> None:
    by_label = {m._meta.label: m for m in backed_up_models()}
    tables = [by_label[label]._meta.db_table for label in labels]
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _check_target(manifest: dict[str, Any], *, force: bool) -> list[str]:
    occupied = tables_with_rows()
    if occupied and not force:
        raise RestoreRefused(
            f"The database is not empty ({len(occupied)} tables hold rows, e.g. "
            f"{occupied[0]}): restore only into a new, migrated database, or pass "
            "--force to replace everything in it."
        )
    media_root = Path(settings.MEDIA_ROOT)
    for file in manifest["files"]:
        existing = media_root / _safe_relative(file["path"])
        if existing.exists() and not force:
            with existing.open("rb") as current:
                if _sha256_of(current) != file["sha256"]:
                    raise RestoreRefused(
                        f"MEDIA_ROOT already holds another {file['path']}: pass --force "
                        "to replace it."
                    )
    return occupied


def _verify_chain(manifest: dict[str, Any]) -> int:
    report = audit_chain_verify()
    if not report.intact:
        raise RestoreRefused(
            f"The restored audit chain is broken at event {report.broken_at_sequence}: "
            f"{report.problem}. Nothing was restored."
        )
    head = manifest["audit_chain_head"]
    restored = ChainHead.objects.filter(id=1).values_list("sequence", "entry_hash").first()
    if (restored or (0, "")) != (head["sequence"], head["entry_hash"]):
        raise RestoreRefused(
            "The restored audit chain does not end at the manifest's head. Nothing was restored."
        )
    return report.events_checked


def _write_files(tar: tarfile.TarFile, manifest: dict[str, Any], written: list[Path]) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    for file in manifest["files"]:
        target = media_root / _safe_relative(file["path"])
        stream = tar.extractfile(f"{FILES_DIR}/{file['path']}")
        assert stream is not None
        data = stream.read()
        if hashlib.sha256(data).hexdigest() != file["sha256"]:
            raise RestoreRefused(f"File {file['path']} changed while it was restored.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            written.append(target)
        target.write_bytes(data)


def backup_restore(
    archive: Path,
    *,
    force: bool = False,
    actor: User | None = None,
    on_progress: ProgressCallback | None = None,
) -> RestoreSummary:
    """Restore `archive` into this (migrated) database and MEDIA_ROOT, or write nothing."""
    with tarfile.open(archive, "r") as tar:
        manifest = _read_manifest(tar)
        _check_archive(tar, manifest)
        by_label = _check_schema(manifest)
        occupied = _check_target(manifest, force=force)
        replaced = bool(force and occupied)
        written: list[Path] = []
        try:
            with transaction.atomic():
                _empty_tables(list(by_label) if force else sorted(SEEDED_BY_MIGRATE))
                rows = 0
                for table in manifest["tables"]:
                    if on_progress is not None:
                        on_progress(table["model"])
                    rows += _load_table(tar, by_label[table["model"]], table)
                # Django's foreign keys are deferred to the commit; check them now so
                # a broken archive fails here, with the reason, before anything else.
                connection.check_constraints()
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(
                        no_style(), list(by_label.values())
                    ):
                        cursor.execute(statement)
                verified = _verify_chain(manifest)
                _write_files(tar, manifest, written)
                audit_record(
                    actor=actor,
                    action="database.restore",
                    object_type="database",
                    details={
                        "archive": archive.name,
                        "archived_at": manifest["created_at"],
                        "chain_sequence": manifest["audit_chain_head"]["sequence"],
                        "rows": rows,
                        "files": len(manifest["files"]),
                        "replaced_existing": replaced,
                    },
                )
        except BaseException:
            # The rows roll back with the transaction; files it added go too.
            for path in written:
                path.unlink(missing_ok=True)
            raise
    return RestoreSummary(
        tables=len(manifest["tables"]),
        rows=rows,
        files=len(manifest["files"]),
        chain_events_verified=verified,
        replaced_existing=replaced,
    )
