"""How an audit event is hashed: canonical JSON of its fields and the previous hash."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64


def event_hash(
    *,
    previous_hash: str,
    sequence: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    kind: str,
    action: str,
    object_type: str,
    object_id: str,
    reason: str,
    details: dict[str, Any],
) -> str:
    payload = json.dumps(
        {
            "previous_hash": previous_hash,
            "sequence": sequence,
            # Microseconds kept: both databases store them, so the text round-trips.
            "occurred_at": occurred_at.isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "kind": kind,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "reason": reason,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
