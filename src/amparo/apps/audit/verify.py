"""Proving the audit chain intact, or naming its first broken link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from amparo.apps.audit.hashing import GENESIS_HASH, event_hash
from amparo.apps.audit.models import AuditEvent, ChainHead


@dataclass(frozen=True, slots=True)
class ChainReport:
    events_checked: int
    intact: bool
    broken_at_sequence: int | None = None
    problem: str = ""


def audit_chain_verify(
    *, on_progress: Callable[[int, int], None] | None = None, chunk_size: int = 5000
) -> ChainReport:
    total = AuditEvent.objects.count()
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    fields = (
        "sequence",
        "occurred_at",
        "actor_id",
        "actor_label",
        "kind",
        "action",
        "object_type",
        "object_id",
        "reason",
        "details",
        "previous_hash",
        "entry_hash",
    )
    for row in (
        AuditEvent.objects.order_by("sequence").values_list(*fields).iterator(chunk_size=chunk_size)
    ):
        (
            sequence,
            occurred_at,
            actor_id,
            actor_label,
            kind,
            action,
            object_type,
            object_id,
            reason,
            details,
            previous_hash,
            entry_hash,
        ) = row
        if sequence != expected_sequence:
            return ChainReport(
                checked,
                False,
                expected_sequence,
                f"event {expected_sequence} is missing (next is {sequence})",
            )
        if previous_hash != expected_previous:
            return ChainReport(
                checked, False, sequence, f"event {sequence} does not point at event {sequence - 1}"
            )
        recomputed = event_hash(
            previous_hash=previous_hash,
            sequence=sequence,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            kind=kind,
            action=action,
            object_type=object_type,
            object_id=object_id,
            reason=reason,
            details=details,
        )
        if recomputed != entry_hash:
            return ChainReport(
                checked, False, sequence, f"event {sequence} was altered after it was written"
            )
        expected_previous = entry_hash
        expected_sequence += 1
        checked += 1
        if on_progress is not None and checked % chunk_size == 0:
            on_progress(checked, total)
    head = ChainHead.objects.filter(id=1).first()
    head_sequence = head.sequence if head else 0
    head_hash = head.entry_hash if head else GENESIS_HASH
    if head_sequence != checked or head_hash != expected_previous:
        return ChainReport(
            checked,
            False,
            checked + 1,
            f"the chain ends at event {checked} but its head records "
            f"event {head_sequence}: events were removed from the end",
        )
    if on_progress is not None:
        on_progress(checked, total)
    return ChainReport(checked, True)
