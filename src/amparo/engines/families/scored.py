"""A scored adult-child pair, and turning log2 odds into probabilities."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from amparo.engines.families.bayes import Item
from amparo.engines.families.candidates import Together
from amparo.engines.families.evidence import about_child, about_head


@dataclass(frozen=True, slots=True)
class Scored:
    """The bookings that put an adult and a child together, and the evidence on them.

    weight: the log2 Bayes factor of all the evidence; family_weight: of what speaks for
    the whole family, without what the child said about its head, without what speaks
    about the child alone (its ORR flag) and without the shared booking (a second adult
    is weighed within its block).
    """

    together: Together
    evidence: tuple[Item, ...]
    weight: float
    family_weight: float


def scored(together: Together, evidence: tuple[Item, ...]) -> Scored:
    weight = sum(item.weight or 0.0 for item in evidence)
    family = sum(
        item.weight or 0.0
        for item in evidence
        if not (about_head(item) or about_child(item)) and item.field != "apprehension"
    )
    return Scored(together, evidence, weight, family)


# Scores a pair on demand (pairs beyond the candidates: a second adult and the head's
# children).
ScoreFn = Callable[[str, str], Scored]


def normalise(logs: Mapping[str, float], none_log: float) -> dict[str, float]:
    """Probabilities from log2 odds, with `none_log` the log2 weight of "none of them"."""
    top = max([none_log, *logs.values()])
    odds = {key: 2.0 ** (value - top) for key, value in logs.items()}
    total = 2.0 ** (none_log - top) + sum(odds.values())
    return {key: value / total for key, value in odds.items()}
