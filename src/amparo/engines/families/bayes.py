"""Bayes factors and evidence items: the common currency of the family engine.

Every comparison is weighed as log2(m / u): how much likelier its outcome is if the two
people came as one family (m) than if they are strangers booked alongside each other
(u). The weight travels with the field and both values, so a person can judge it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from amparo.engines.linkage.types import EvidenceItem, Outcome


class Item(NamedTuple):
    """An evidence item while the engine works: the public EvidenceItem's fields, in a
    tuple that is quick to make (pairs are weighed by the hundred thousand; few of them
    are shown)."""

    field: str
    outcome: Outcome
    left: object  # shown as text (dates as ISO) only when the item is made public
    right: object
    weight: float | None


def public(
    items: Iterable[Item], cache: dict[Item, EvidenceItem] | None = None
) -> tuple[EvidenceItem, ...]:
    """The items as the shared EvidenceItem type, for the result. Items repeat a great
    deal (a blank unit id, a sibling's relation); `cache` lets equal ones share one
    immutable instance."""
    out: list[EvidenceItem] = []
    for item in items:
        found = cache.get(item) if cache is not None else None
        if found is None:
            weight = None if item.weight is None else round(item.weight, 3)
            left, right = _shown(item.left), _shown(item.right)
            found = EvidenceItem(item.field, item.outcome, left, right, weight)
            if cache is not None:
                cache[item] = found
        out.append(found)
    return tuple(out)


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


def make_item(field: str, outcome: Outcome, left: object, right: object, weight: float) -> Item:
    """An evidence item; both values are shown as text when it is made public."""
    return Item(field, outcome, left, right, weight)
