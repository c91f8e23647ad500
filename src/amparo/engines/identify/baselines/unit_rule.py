"""The parent-child rule an agency could apply by itself: CBP's family unit ids.

Two CBP rows with the same non-blank family_unit_id, one booked HEAD and one
CHILD, are parent and child; they were separated if the child's disposition is
ORR_TRANSFER. It knows nothing of deleted unit ids, other relatives booked as
HEAD, or ORR's own records: that is the point of a baseline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amparo.engines.extracts.spec import Source
from amparo.engines.linkage.types import EvidenceItem, RecordIn, RecordKey

__all__ = ["BaselineSeparation", "unit_rule_separations"]


@dataclass(frozen=True, slots=True)
class BaselineSeparation:
    """A separation as a baseline reports it: always confirmed, no later events."""

    parent_key: str
    child_key: str
    separated_on: str | None
    status: str = "confirmed"
    score: float = 1.0
    reunified_on: str | None = None
    parent_removed_on: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()


def unit_rule_separations(
    records: Sequence[RecordIn], person_of: Mapping[RecordKey, str]
) -> tuple[BaselineSeparation, ...]:
    """Separated pairs by the unit-id rule, one per (parent key, child key)."""
    heads: dict[str, list[RecordIn]] = defaultdict(list)
    children: dict[str, list[RecordIn]] = defaultdict(list)
    for record in records:
        unit = record.fields.get("family_unit_id")
        if record.source != Source.CBP.value or not unit:
            continue
        role = record.fields.get("relationship")
        if role == "HEAD":
            heads[unit].append(record)
        elif role == "CHILD":
            children[unit].append(record)
    found: dict[tuple[str, str], BaselineSeparation] = {}
    for unit, unit_children in children.items():
        for child in unit_children:
            if child.fields.get("disposition") != "ORR_TRANSFER":
                continue
            for head in heads.get(unit, ()):
                pair = (person_of[head.key], person_of[child.key])
                if pair[0] != pair[1]:
                    found.setdefault(
                        pair, BaselineSeparation(*pair, child.fields.get("apprehended_on"))
                    )
    return tuple(found[pair] for pair in sorted(found))
