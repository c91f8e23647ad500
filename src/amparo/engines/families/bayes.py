"""Bayes factors and evidence items: the common currency of the family engine.

Every comparison is weighed as log2(m / u): how much likelier its outcome is if the two
people came as one family (m) than if they are strangers booked alongside each other
(u). The weight travels with the field and both values, so a person can judge it.
"""

from __future__ import annotations

import math
from datetime import date

from amparo.engines.linkage.types import EvidenceItem, Outcome


def bits(m: float, u: float, cap: float) -> float:
    """log2(m / u), capped both ways so no single field decides alone."""
    value = math.log2(max(m, 1e-12) / max(u, 1e-12))
    return max(-cap, min(cap, value))


def _shown(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, date) else str(value)


def make_item(
    field: str, outcome: Outcome, left: object, right: object, weight: float
) -> EvidenceItem:
    """An evidence item with both values shown as text (dates as ISO)."""
    return EvidenceItem(field, outcome, _shown(left), _shown(right), round(weight, 3))
