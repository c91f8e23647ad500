"""Import batches: create one from uploaded files, run it atomically.

A batch is all or nothing: every file's header is checked before anything is
written, and every row is written in one transaction, so a failure leaves no
half-import. Rows that cannot be imported are reported, never dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from uuid import uuid4

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_record
from amparo.apps.ingest.leases import lease_hold, lease_if_abandoned
from amparo.apps.ingest.models import (
    BATCH_TRANSITIONS,
    BatchStatus,
    ImportBatch,
    ImportFile,
    RowIssue,
)
from amparo.apps.ingest.progress import Progress, progress_set
from amparo.apps.ingest.storage import discard_uploads, read_upload, store_upload
from amparo.apps.registry.services import (
    RegistryWriteState,
    family_unit_relationships_write,
    serialise_imports,
    source_records_register,
)
from amparo.engines.extracts import (
    ExtractFileError,
    ExtractReader,
    KeptRow,
    RejectedRow,
    read_extract,
)

logger = logging.getLogger(__name__)

CHUNK_ROWS = 2000
CHANGED_RECORD_PROBLEM = "changed_record"
MAX_FILES_PER_BATCH = 20

ProgressCallback = Callable[[int, int], None]


class ImportRefused(Exception):
    """The upload itself is unacceptable (no files, too many, empty file)."""


class IllegalTransition(Exception):
    pass


class BatchAbandoned(Exception):
    """The batch was marked failed while this process ran it (it had lost its lease)."""


ABANDONED_ERROR = (
    "The import stopped before it finished (the process running it ended); nothing of "
    "it was written. Import the files again."
)


@dataclass(frozen=True, slots=True)
class UploadedExtract:
    filename: str
    data: bytes


def import_batch_create(
    *, actor: User | None, files: Sequence[UploadedExtract], note: str = ""
) -> ImportBatch:
    """Store the files and queue a batch; nothing enters the registry yet."""
    if not files:
        raise ImportRefused("No file was uploaded.")
    if len(files) > MAX_FILES_PER_BATCH:
        raise ImportRefused(f"At most {MAX_FILES_PER_BATCH} files can be imported at once.")
    limit = settings.AMPARO_MAX_EXTRACT_BYTES
    for upload in files:
        if not upload.data:
            raise ImportRefused(f"{upload.filename}: the file is empty.")
        if len(upload.data) > limit:
            raise ImportRefused(
                f"{upload.filename}: the file is larger than {limit // (1024 * 1024)} MiB."
            )
    stored: list[str] = []
    try:
        batch = _batch_create(actor=actor, files=files, note=note, stored=stored)
    except BaseException:
        # The rows are rolled back; the files written for them go too.
        discard_uploads(stored)
        raise
    progress_set(str(batch.public_id), Progress(0, _estimate_rows(files), "queued"))
    return batch


def _batch_create(
    *, actor: User | None, files: Sequence[UploadedExtract], note: str, stored: list[str]
) -> ImportBatch:
    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=actor, note=note.replace("\x00", "")[:300])
        for index, upload in enumerate(files):
            relative, sha = store_upload(
                batch_public_id=str(batch.public_id),
                index=index,
                filename=upload.filename,
                data=upload.data,
            )
            stored.append(relative)
            ImportFile.objects.create(
                batch=batch,
                filename=upload.filename.replace("\x00", "")[:255],
                sha256=sha,
                size_bytes=len(upload.data),
                stored_path=relative,
            )
        audit_record(
            actor=actor,
            action="import_batch.create",
            object_type="import_batch",
            object_id=str(batch.public_id),
            reason=note,
            details={"files": [f.filename for f in files]},
        )
    return batch


def _estimate_rows(files: Sequence[UploadedExtract]) -> int:
    # A line count is close enough for a progress bar and costs one pass in C.
    return sum(max(f.data.count(b"\n") - 1, 1) for f in files)


def _transition(batch: ImportBatch, to: BatchStatus) -> None:
    if to not in BATCH_TRANSITIONS[batch.status]:
        raise IllegalTransition(f"An import batch cannot go from {batch.status} to {to.value}.")
    batch.status = to
    if to in {BatchStatus.SUCCEEDED, BatchStatus.REFUSED, BatchStatus.FAILED}:
        batch.finished_at = timezone.now()


def import_batches_abandoned_fail(*, actor: User | None = None) -> list[str]:
    """Mark failed every batch left `running` by a process that died (killed, lost
    machine): its import transaction was rolled back by the database, so nothing of it
    was written, but its mark was committed before. Returns their public ids."""
    failed: list[str] = []
    running = ImportBatch.objects.filter(status=BatchStatus.RUNNING).values_list("pk", flat=True)
    for pk in list(running):
        with lease_if_abandoned("import", pk) as abandoned:
            if not abandoned:
                continue
            with transaction.atomic():
                batch = ImportBatch.objects.select_for_update().get(pk=pk)
                if batch.status != BatchStatus.RUNNING:
                    continue
                _transition(batch, BatchStatus.FAILED)
                batch.error = ABANDONED_ERROR
                batch.save(update_fields=["status", "error", "finished_at"])
                audit_record(
                    actor=actor,
                    action="import_batch.abandon",
                    object_type="import_batch",
                    object_id=str(batch.public_id),
                    reason=ABANDONED_ERROR,
                )
        progress_set(str(batch.public_id), Progress(0, 0, "failed"))
        failed.append(str(batch.public_id))
    return failed


def import_batch_run(
    *, batch_id: int, actor: User | None = None, on_progress: ProgressCallback | None = None
) -> ImportBatch:
    """Import every file of a queued batch, or nothing at all.

    The running process holds the batch's lease throughout, so that a batch whose
    process died is told apart and marked failed (here, before each run starts)."""
    import_batches_abandoned_fail(actor=actor)
    with lease_hold("import", batch_id):
        return _run_leased(batch_id=batch_id, actor=actor, on_progress=on_progress)


def _still_running(batch: ImportBatch) -> None:
    current = ImportBatch.objects.select_for_update().values_list("status", flat=True)
    if current.get(pk=batch.pk) != BatchStatus.RUNNING:
        raise BatchAbandoned(str(batch.public_id))


def _run_leased(
    *, batch_id: int, actor: User | None, on_progress: ProgressCallback | None
) -> ImportBatch:
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
            _transition(batch, BatchStatus.RUNNING)
            batch.save(update_fields=["status"])
    except IllegalTransition as refusal:
        # Logged in its own transaction: the refused attempt is itself a fact.
        audit_record(
            actor=actor,
            action="import_batch.illegal_transition",
            object_type="import_batch",
            object_id=str(batch.public_id),
            reason=str(refusal),
        )
        raise
    files = list(batch.files.all())
    contents = [read_upload(f.stored_path) for f in files]
    estimated = sum(max(data.count(b"\n") - 1, 1) for data in contents)
    public_id = str(batch.public_id)

    def report(done: int) -> None:
        progress_set(public_id, Progress(done, estimated, "importing"))
        if on_progress is not None:
            on_progress(done, estimated)

    try:
        readers = [
            read_extract(data, filename=f.filename) for f, data in zip(files, contents, strict=True)
        ]
    except ExtractFileError as refusal:
        return _finish_refused(batch, actor=actor, error=str(refusal))
    try:
        with transaction.atomic():
            serialise_imports()
            _still_running(batch)
            _import_files(batch, files, readers, report)
            _transition(batch, BatchStatus.SUCCEEDED)
            batch.save()
            audit_record(
                actor=actor,
                action="import_batch.import",
                object_type="import_batch",
                object_id=public_id,
                reason=batch.note,
                details=_batch_counts(batch),
            )
    except ExtractFileError as refusal:
        # Raised while streaming (e.g. an XLSX that breaks mid-sheet): the
        # transaction above is rolled back, so nothing of the batch remains.
        batch.refresh_from_db()
        return _finish_refused(batch, actor=actor, error=str(refusal))
    except BatchAbandoned:
        batch.refresh_from_db()
        return batch
    except Exception as failure:
        # The database's own message can quote a row (names, A-numbers): it goes
        # to the server log only, never into the batch or the audit chain.
        reference = uuid4().hex[:12]
        logger.exception("import batch %s failed (reference %s)", public_id, reference)
        batch.refresh_from_db()
        error = (
            f"The import failed on an internal error ({type(failure).__name__}); nothing was "
            f"written. Server log reference {reference}."
        )
        return _finish_failed(batch, actor=actor, error=error)
    progress_set(public_id, Progress(batch.rows_total, batch.rows_total, "done"))
    if on_progress is not None:
        on_progress(batch.rows_total, batch.rows_total)
    return batch


def _batch_counts(batch: ImportBatch) -> dict[str, int]:
    return {
        "rows_total": batch.rows_total,
        "rows_imported": batch.rows_imported,
        "rows_already_present": batch.rows_already_present,
        "rows_rejected": batch.rows_rejected,
        "rows_with_bad_values": batch.rows_with_bad_values,
        "people_created": batch.people_created,
    }


def _finish_refused(batch: ImportBatch, *, actor: User | None, error: str) -> ImportBatch:
    with transaction.atomic():
        _transition(batch, BatchStatus.REFUSED)
        batch.error = error
        batch.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=actor,
            action="import_batch.refuse",
            object_type="import_batch",
            object_id=str(batch.public_id),
            reason=error,
        )
    progress_set(str(batch.public_id), Progress(0, 0, "refused"))
    return batch


def _finish_failed(batch: ImportBatch, *, actor: User | None, error: str) -> ImportBatch:
    with transaction.atomic():
        _transition(batch, BatchStatus.FAILED)
        batch.error = error
        batch.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=actor,
            action="import_batch.fail",
            object_type="import_batch",
            object_id=str(batch.public_id),
            reason=error,
        )
    progress_set(str(batch.public_id), Progress(0, 0, "failed"))
    return batch


def _chunks(rows: Iterator[KeptRow | RejectedRow]) -> Iterator[list[KeptRow | RejectedRow]]:
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield chunk


def _import_files(
    batch: ImportBatch,
    files: Sequence[ImportFile],
    readers: Sequence[ExtractReader],
    report: Callable[[int], None],
) -> None:
    state = RegistryWriteState(batch_id=batch.pk)
    done = 0
    for import_file, reader in zip(files, readers, strict=True):
        import_file.source = reader.source.value
        for chunk in _chunks(iter(reader)):
            kept = [r for r in chunk if isinstance(r, KeptRow)]
            rejected = [r for r in chunk if isinstance(r, RejectedRow)]
            outcome = source_records_register(state=state, source=reader.source, rows=kept)
            issues = _issues_for(batch, import_file, rejected, outcome.created, outcome.changed)
            RowIssue.objects.bulk_create(issues, batch_size=1000)
            import_file.rows_total += len(chunk)
            import_file.rows_imported += len(outcome.created)
            import_file.rows_already_present += len(outcome.already_present)
            import_file.rows_rejected += len(rejected) + len(outcome.changed)
            batch.rows_with_bad_values += sum(1 for r in outcome.created if r.problems)
            done += len(chunk)
            report(done)
        import_file.save()
        batch.rows_total += import_file.rows_total
        batch.rows_imported += import_file.rows_imported
        batch.rows_already_present += import_file.rows_already_present
        batch.rows_rejected += import_file.rows_rejected
    family_unit_relationships_write(state=state)
    batch.people_created = state.people_created


def _issues_for(
    batch: ImportBatch,
    import_file: ImportFile,
    rejected: Sequence[RejectedRow],
    created: Sequence[KeptRow],
    changed: Sequence[KeptRow],
) -> list[RowIssue]:
    issues = [
        RowIssue(
            batch=batch,
            file=import_file,
            line=r.line,
            record_id=r.record_id[:120],
            problem=r.problem.value,
            message=r.message,
            rejected=True,
        )
        for r in rejected
    ]
    issues += [
        RowIssue(
            batch=batch,
            file=import_file,
            line=r.line,
            record_id=r.record_id[:120],
            problem=CHANGED_RECORD_PROBLEM,
            rejected=True,
            message=(
                f"{r.record_id} was imported before with different content; source records "
                "are never changed, so a correction needs a new record id."
            ),
        )
        for r in changed
    ]
    # Bad values are reported only when the row is first imported: a re-import
    # of the same row changes nothing and repeats no report.
    issues += [
        RowIssue(
            batch=batch,
            file=import_file,
            line=r.line,
            record_id=r.record_id[:120],
            column=p.column,
            problem=p.problem.value,
            message=p.message,
            value=p.value[:500],
            rejected=False,
        )
        for r in created
        for p in r.problems
    ]
    return issues
