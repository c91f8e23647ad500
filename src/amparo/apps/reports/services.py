"""Taking a report snapshot (the one write of reports), and reading one back."""

from __future__ import annotations

import hashlib
import time
import zlib
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import takes_report_snapshots
from amparo.apps.audit.services import audit_record
from amparo.apps.core.text import one_line
from amparo.apps.reports.gather import snapshot_rows
from amparo.apps.reports.models import ReportSnapshot
from amparo.engines.reports import Snapshot


class ReportInputError(ValueError):
    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class SnapshotDamaged(RuntimeError):
    """The stored rows no longer match their hash."""


def report_snapshot_take(*, actor: User | None, as_of: date, note: str = "") -> ReportSnapshot:
    """Freeze what the reports count as of a date (None as actor: the command line)."""
    if actor is not None and not takes_report_snapshots(actor):
        raise PermissionDenied("may not take report snapshots")
    if as_of > timezone.localdate():
        raise ReportInputError("A report cannot be as of a day still to come.", "as_of")
    started = time.perf_counter()
    rows = snapshot_rows(as_of)
    canonical = rows.canonical()
    with transaction.atomic():
        previous = (
            ReportSnapshot.objects.filter(as_of__lte=as_of)
            .order_by("-taken_at", "-id")
            .defer("data")
            .first()
        )
        snapshot = ReportSnapshot.objects.create(
            previous=previous,
            as_of=as_of,
            taken_at=timezone.now(),
            taken_by=actor,
            note=one_line(note, 300),
            data=zlib.compress(canonical, 6),
            data_sha256=rows.digest(),
            people=len(rows.people),
            objections=len(rows.objections),
            seconds=round(time.perf_counter() - started, 3),
        )
        audit_record(
            actor=actor,
            action="report_snapshot.take",
            object_type="report_snapshot",
            object_id=str(snapshot.public_id),
            details={
                "as_of": as_of.isoformat(),
                "sha256": snapshot.data_sha256,
                "people": snapshot.people,
                "previous": str(previous.public_id) if previous else "",
            },
        )
    return snapshot


# Snapshots read back, by hash: a page renders a snapshot and its previous one, and
# each case's report reads the same rows. A few are kept, with the stored bytes they
# were read from; they never change.
_PARSED: dict[str, tuple[bytes, Snapshot]] = {}
_PARSED_KEEP = 4


def snapshot_load(snapshot: ReportSnapshot) -> Snapshot:
    """The rows back, checked against their hash. Stored bytes identical to bytes
    already checked are not decompressed and hashed again (100,000 people: 50-150 ms
    per view under load, bench/load.py); any other bytes are."""
    data = bytes(snapshot.data)
    kept = _PARSED.get(snapshot.data_sha256)
    if kept is not None and kept[0] == data:
        return kept[1]
    raw = zlib.decompress(data)
    if hashlib.sha256(raw).hexdigest() != snapshot.data_sha256:
        raise SnapshotDamaged(f"snapshot {snapshot.public_id} does not match its SHA-256")
    found = kept[1] if kept is not None else Snapshot.from_canonical(raw)
    if kept is None and len(_PARSED) >= _PARSED_KEEP:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[snapshot.data_sha256] = (data, found)
    return found


def previous_of(snapshot: ReportSnapshot) -> ReportSnapshot | None:
    """The report this one is compared with, fixed when it was taken."""
    return snapshot.previous
