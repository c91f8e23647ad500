"""Putting the engines' results into the shape of the output contract.

The contract wants every record with a person key, each separated pair once and
each review decision once. The engines are expected to give exactly that; what is
done here makes the output hold to the contract even when an engine slips, and
counts the slips so run.json shows them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from amparo.engines.identify.contract import STATUSES
from amparo.engines.identify.errors import IdentifyError
from amparo.engines.identify.results import SeparationLike
from amparo.engines.linkage.types import RecordIn, RecordKey, ReviewPair

__all__ = ["check_score", "complete_person_of", "merge_review", "merge_separations"]

# Prefix of the key given to a record that linkage did not assign: such a record
# is a person of its own, never silently dropped.
UNLINKED_PREFIX = "unlinked:"


def check_score(score: float, what: str) -> float:
    """``score`` in [0, 1]; a NaN is an engine bug and stops the run."""
    if not math.isfinite(score):
        raise IdentifyError(f"{what}: score {score!r} is not a number")
    return min(1.0, max(0.0, score))


def complete_person_of(
    records: Sequence[RecordIn], person_of: Mapping[RecordKey, str]
) -> tuple[dict[RecordKey, str], int]:
    """A person key for every record, and how many had to be given one here."""
    complete: dict[RecordKey, str] = {}
    taken = set(person_of.values())
    missing = 0
    for record in records:
        key = person_of.get(record.key)
        if key is None:
            missing += 1
            key = f"{UNLINKED_PREFIX}{record.source}:{record.record_id}"
            while key in taken:
                key += "'"
            taken.add(key)
        complete[record.key] = key
    return complete, missing


def _rank(separation: SeparationLike) -> tuple[bool, float]:
    return separation.status == "confirmed", separation.score


def merge_separations(separations: Iterable[SeparationLike]) -> tuple[SeparationLike, ...]:
    """One separation per (parent, child): a confirmed one over a review one, then
    the higher score; sorted by keys so the output is the same run after run."""
    best: dict[tuple[str, str], SeparationLike] = {}
    for separation in separations:
        if separation.status not in STATUSES:
            raise IdentifyError(
                f"separation {separation.parent_key} -> {separation.child_key}: "
                f"status {separation.status!r} is not one of {', '.join(STATUSES)}"
            )
        check_score(separation.score, f"separation {separation.parent_key}")
        pair = (separation.parent_key, separation.child_key)
        kept = best.get(pair)
        if kept is None or _rank(separation) > _rank(kept):
            best[pair] = separation
    return tuple(best[pair] for pair in sorted(best))


def _pair_id(pair: ReviewPair) -> tuple[str, str, str]:
    if pair.kind == "same_person":
        # "Are these two one person?" has no direction.
        left, right = sorted((pair.left, pair.right))
        return pair.kind, left, right
    return pair.kind, pair.left, pair.right


def merge_review(
    pairs: Iterable[ReviewPair], separations: Sequence[SeparationLike]
) -> tuple[ReviewPair, ...]:
    """Each review decision once (the highest score wins), plus one for every
    separation marked "review" that the families engine did not list itself:
    a pair in review must reach a person. Same-person decisions come first."""
    best: dict[tuple[str, str, str], ReviewPair] = {}
    for pair in pairs:
        check_score(pair.score, f"review {pair.kind} {pair.left}")
        key = _pair_id(pair)
        kept = best.get(key)
        if kept is None or pair.score > kept.score:
            best[key] = pair
    for separation in separations:
        key = ("parent_child", separation.parent_key, separation.child_key)
        if separation.status == "review" and key not in best:
            best[key] = ReviewPair(
                kind="parent_child",
                left=separation.parent_key,
                right=separation.child_key,
                score=separation.score,
                evidence=tuple(separation.evidence),
            )
    order = {"same_person": 0, "parent_child": 1}
    return tuple(best[key] for key in sorted(best, key=lambda k: (order.get(k[0], 2), k)))
