"""Folding human review decisions into a run's machine results.

Decisions are anchored on SourceRecord ids, so they apply to whatever people
a later run forms: "these two records are (not) the same person", "the person
holding these records is (not) the separated parent of the person holding
those". A run never overturns a decision; it applies it and says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SAME = "same_person"
PARENT_CHILD = "parent_child"


@dataclass(frozen=True, slots=True)
class Decision:
    kind: str
    outcome: str  # yes / no / unsure
    left_records: tuple[int, ...]
    right_records: tuple[int, ...]


def apply_same_person(
    person_of: Mapping[int, str], decisions: Iterable[Decision]
) -> tuple[dict[int, str], int]:
    """Return record -> person key with every yes/no same-person decision
    enforced, and how many changed the machine's answer."""
    result = dict(person_of)
    overridden = 0
    for decision in decisions:
        if decision.kind != SAME or decision.outcome not in {"yes", "no"}:
            continue
        left = [r for r in decision.left_records if r in result]
        right = [r for r in decision.right_records if r in result]
        if not left or not right:
            continue
        left_key, right_key = result[left[0]], result[right[0]]
        if decision.outcome == "yes" and left_key != right_key:
            # Merge the right person into the left one.
            for record, key in list(result.items()):
                if key == right_key:
                    result[record] = left_key
            overridden += 1
        elif decision.outcome == "no" and left_key == right_key:
            # Take the named right-hand records out into a person of their own.
            split_key = f"{right_key}~split{right[0]}"
            for record in right:
                result[record] = split_key
            overridden += 1
    return result, overridden


def _majority(records: Sequence[int], person_of: Mapping[int, str]) -> str | None:
    keys = Counter(person_of[r] for r in records if r in person_of)
    return keys.most_common(1)[0][0] if keys else None


def parent_child_verdicts(
    person_of: Mapping[int, str], decisions: Iterable[Decision]
) -> dict[tuple[str, str], str]:
    """(parent key, child key) -> "yes" / "no" for this run's people; the
    latest decision on a pair wins (decisions come oldest first)."""
    verdicts: dict[tuple[str, str], str] = {}
    for decision in decisions:
        if decision.kind != PARENT_CHILD or decision.outcome not in {"yes", "no"}:
            continue
        parent = _majority(decision.left_records, person_of)
        child = _majority(decision.right_records, person_of)
        if parent is not None and child is not None and parent != child:
            verdicts[(parent, child)] = decision.outcome
    return verdicts
