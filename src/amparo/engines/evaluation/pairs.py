"""Separated parent-child pairs: output pairs against the true ones, and why each
miss happened.

An output pair (parent_key, child_key) stands for the true pair of the majority
true person of each key. Truth's separated pairs are the families.csv rows with
relationship PARENT and separated Y.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from amparo.engines.evaluation.clustering import ratio
from amparo.engines.evaluation.tables import OutputPair, TruthFamily

__all__ = ["Cause", "PairScores", "PairTruth", "score_pairs"]

PersonPair = tuple[str, str]
EXAMPLES_PER_CAUSE = 5


class Cause:
    """The names misses are grouped under (shown as they are in reports)."""

    IN_REVIEW = "found but only in review"
    NO_RECORDS = "parent or child has no records in the output"
    MERGED = "parent and child merged"
    PARENT_SPLIT = "parent split across keys"
    CHILD_SPLIT = "child split across keys"
    PARENT_ABSORBED = "parent's records under another person's key"
    CHILD_ABSORBED = "child's records under another person's key"
    NOT_FOUND = "pair not found"
    FP_NON_PARENT = "false positive: non-parent relative"
    FP_NEVER_SEPARATED = "false positive: never separated"
    FP_REVERSED = "false positive: parent and child reversed"
    FP_DUPLICATE = "false positive: pair reported twice (split keys)"
    FP_WRONG_PEOPLE = "false positive: wrong people"


@dataclass(frozen=True, slots=True)
class PairTruth:
    """What is known about true people and pairs, prepared once for every scope."""

    separated: frozenset[PersonPair]
    relations: Mapping[PersonPair, TruthFamily]
    majority: Mapping[str, str]  # person key -> true person
    keys_of: Mapping[str, Collection[str]]  # true person -> person keys

    @classmethod
    def build(
        cls,
        families: Sequence[TruthFamily],
        majority: Mapping[str, str],
        keys_of: Mapping[str, Collection[str]],
    ) -> PairTruth:
        separated = frozenset(
            (row.parent_id, row.child_id)
            for row in families
            if row.relationship == "PARENT" and row.separated
        )
        relations = {(row.parent_id, row.child_id): row for row in families}
        return cls(separated, relations, majority, keys_of)


@dataclass(frozen=True, slots=True)
class PairScores:
    """Scores for one scope (confirmed only, or confirmed + review)."""

    scope: str
    reported: int
    correct: int
    true_pairs: int
    found: int
    precision: float
    recall: float
    misses: Mapping[str, int]  # cause -> count, false negatives and false positives
    examples: Mapping[str, tuple[str, ...]]  # cause -> a few "parent -> child" ids


def _false_positive(pair: PersonPair | None, truth: PairTruth) -> str:
    if pair is None or pair[0] == pair[1]:
        return Cause.FP_WRONG_PEOPLE
    relation = truth.relations.get(pair)
    if relation is not None:
        return (
            Cause.FP_NON_PARENT if relation.relationship != "PARENT" else Cause.FP_NEVER_SEPARATED
        )
    if (pair[1], pair[0]) in truth.relations:
        return Cause.FP_REVERSED
    return Cause.FP_WRONG_PEOPLE


def _linkage_cause(parent_keys: set[str], child_keys: set[str]) -> str | None:
    if not parent_keys or not child_keys:
        return Cause.NO_RECORDS
    if parent_keys & child_keys:
        return Cause.MERGED
    if len(parent_keys) > 1:
        return Cause.PARENT_SPLIT
    if len(child_keys) > 1:
        return Cause.CHILD_SPLIT
    return None


def _false_negative(pair: PersonPair, truth: PairTruth) -> str:
    parent, child = pair
    parent_keys = set(truth.keys_of.get(parent, ()))
    child_keys = set(truth.keys_of.get(child, ()))
    cause = _linkage_cause(parent_keys, child_keys)
    if cause is not None:
        return cause
    # Each has exactly one key now; it may still belong to someone else by majority.
    if truth.majority.get(next(iter(parent_keys))) != parent:
        return Cause.PARENT_ABSORBED
    if truth.majority.get(next(iter(child_keys))) != child:
        return Cause.CHILD_ABSORBED
    return Cause.NOT_FOUND


def _as_person_pair(row: OutputPair, majority: Mapping[str, str]) -> PersonPair | None:
    parent = majority.get(row.parent_key)
    child = majority.get(row.child_key)
    return None if parent is None or child is None else (parent, child)


def score_pairs(
    scope: str,
    rows: Sequence[OutputPair],
    truth: PairTruth,
    found_elsewhere: Collection[PersonPair] = frozenset(),
) -> tuple[PairScores, frozenset[PersonPair]]:
    """Score ``rows`` (the output pairs of one scope); return the scores and the
    true pairs found. A true pair missed here but in ``found_elsewhere`` (the pairs
    found counting review too) is a miss of cause "found but only in review"."""
    found: set[PersonPair] = set()
    misses: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}

    def miss(cause: str, example: str) -> None:
        misses[cause] += 1
        shown = examples.setdefault(cause, [])
        if len(shown) < EXAMPLES_PER_CAUSE:
            shown.append(example)

    correct = 0
    for row in rows:
        pair = _as_person_pair(row, truth.majority)
        if pair is not None and pair in truth.separated and pair not in found:
            found.add(pair)
            correct += 1
        else:
            cause = Cause.FP_DUPLICATE if pair in found else _false_positive(pair, truth)
            miss(cause, f"{row.parent_key} -> {row.child_key}")
    for pair in sorted(truth.separated - found):
        cause = Cause.IN_REVIEW if pair in found_elsewhere else _false_negative(pair, truth)
        miss(cause, f"{pair[0]} -> {pair[1]}")
    scores = PairScores(
        scope=scope,
        reported=len(rows),
        correct=correct,
        true_pairs=len(truth.separated),
        found=len(found),
        precision=ratio(correct, len(rows)),
        recall=ratio(len(found), len(truth.separated)),
        misses=dict(misses.most_common()),
        examples={cause: tuple(shown) for cause, shown in examples.items()},
    )
    return scores, frozenset(found)
