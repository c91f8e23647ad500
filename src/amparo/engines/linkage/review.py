"""Turning scored record pairs into what a person reviews: one uncertain merge per
pair of people, with the evidence field by field."""

from __future__ import annotations

from collections.abc import Sequence

from amparo.engines.linkage.spec import ComparisonSpec, Level
from amparo.engines.linkage.splink_run import ScoredPair
from amparo.engines.linkage.types import EvidenceItem, RecordIn, ReviewPair

__all__ = ["levels_by_gamma", "review_pairs"]

# Scores are rounded so that a re-run whose floating-point sums differ in the last
# bits (parallel aggregation) reports the same numbers.
SCORE_DIGITS = 6


def levels_by_gamma(spec: ComparisonSpec) -> dict[int, Level]:
    """Splink's comparison vector value of each level: null levels are -1, the
    others count down to 0 (the last, "else") in the order given."""
    ordinary = [level for level in spec.levels if level.outcome != "blank"]
    by_gamma: dict[int, Level] = {
        len(ordinary) - 1 - index: level for index, level in enumerate(ordinary)
    }
    by_gamma[-1] = spec.levels[0]
    return by_gamma


def _shown(record: RecordIn, fields: Sequence[str]) -> str | None:
    """The first of `fields` the record fills, as the extract normalised it."""
    for name in fields:
        value = record.fields.get(name)
        if value:
            return value
    return None


def _evidence(
    pair: ScoredPair,
    left: RecordIn,
    right: RecordIn,
    specs: Sequence[ComparisonSpec],
    swapped: tuple[bool, bool],
) -> tuple[EvidenceItem, ...]:
    items: list[EvidenceItem] = []
    for spec, gamma, weight in zip(specs, pair.gammas, pair.weights, strict=True):
        level = levels_by_gamma(spec).get(gamma, spec.levels[-1])
        items.append(
            EvidenceItem(
                field=spec.evidence_fields[0] if len(spec.evidence_fields) == 1 else spec.name,
                outcome=level.outcome,
                left=_shown(left, spec.evidence_fields),
                right=_shown(right, spec.evidence_fields),
                weight=round(weight, 3),
            )
        )
    if any(swapped):
        # The model compared these records with given and surnames exchanged back.
        items.append(
            EvidenceItem(
                field="names_swapped",
                outcome="partial",
                left="yes" if swapped[0] else "no",
                right="yes" if swapped[1] else "no",
            )
        )
    return tuple(items)


def review_pairs(
    pairs: Sequence[ScoredPair],
    person_of_index: Sequence[str],
    records: Sequence[RecordIn],
    *,
    swapped: Sequence[bool],
    specs: Sequence[ComparisonSpec],
    review_threshold: float,
) -> tuple[ReviewPair, ...]:
    """One ReviewPair per pair of people with a record pair scored at or above
    review_threshold (below the link threshold, or above it but outvoted by the
    rest of the two people's records): the highest-scoring pair speaks for them."""
    best: dict[tuple[str, str], ScoredPair] = {}
    for pair in pairs:
        if pair.probability < review_threshold:
            continue
        a, b = person_of_index[pair.left], person_of_index[pair.right]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        current = best.get(key)
        if current is None or (-pair.probability, pair.left, pair.right) < (
            -current.probability,
            current.left,
            current.right,
        ):
            best[key] = pair
    review: list[ReviewPair] = []
    for (first, second), pair in sorted(best.items()):
        # Left is the record of the first person in key order.
        left_index, right_index = (
            (pair.left, pair.right)
            if person_of_index[pair.left] == first
            else (pair.right, pair.left)
        )
        left, right = records[left_index], records[right_index]
        review.append(
            ReviewPair(
                kind="same_person",
                left=first,
                right=second,
                score=round(pair.probability, SCORE_DIGITS),
                # Every comparison is symmetric, so the pair's levels hold either way.
                evidence=_evidence(
                    pair, left, right, specs, (swapped[left_index], swapped[right_index])
                ),
                left_record=left.key,
                right_record=right.key,
            )
        )
    return tuple(review)
