"""Appending to the audit log. Every service in every app calls `audit_record`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.hashing import event_hash
from amparo.apps.audit.models import AuditEvent, ChainHead, EventKind

SYSTEM_LABEL = "system"


def _canonical(value: object) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_canonical(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    # Floats, dates, UUIDs and the rest as text: a JSON column may give a float
    # back in another form (1e20 as 100000000000000000000), which would break
    # the hash; text comes back exactly as written.
    return str(value)


def canonical_details(details: dict[str, Any]) -> dict[str, Any]:
    """Details reduced to JSON values that every database returns unchanged."""
    canonical: dict[str, Any] = _canonical(details)
    return canonical


def _actor_label(actor: User | None) -> str:
    if actor is None:
        return SYSTEM_LABEL
    return f"{actor.username} ({actor.role})"


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
    kind: EventKind = EventKind.WRITE,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    Called inside the service's own transaction, so a write that rolls back
    takes its audit event with it, and an event never outlives a failed write.
    """
    clean_details = canonical_details(details or {})
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(id=1)
        sequence = head.sequence + 1
        occurred_at = timezone.now()
        label = _actor_label(actor)
        entry_hash = event_hash(
            previous_hash=head.entry_hash,
            sequence=sequence,
            occurred_at=occurred_at,
            actor_id=actor.pk if actor else None,
            actor_label=label,
            kind=kind.value,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            reason=reason,
            details=clean_details,
        )
        event = AuditEvent.objects.create(
            sequence=sequence,
            occurred_at=occurred_at,
            actor=actor,
            actor_label=label,
            kind=kind.value,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            reason=reason,
            details=clean_details,
            previous_hash=head.entry_hash,
            entry_hash=entry_hash,
        )
        head.sequence = sequence
        head.entry_hash = entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
    return event


def audit_access(*, actor: User, object_type: str, object_id: str | int, what: str) -> AuditEvent:
    """Record that `actor` viewed a person's file (or part of it)."""
    return audit_record(
        actor=actor,
        action=f"{object_type}.view",
        object_type=object_type,
        object_id=object_id,
        details={"what": what},
        kind=EventKind.ACCESS,
    )
