"""Splitting candidate groups into people by average linkage.

Connected components chain: A links to B and B to C, so A and C become one person
even when everything about A and C disagrees (two boys called Luis Maquín born the
same day, joined through a third record with a dropped surname). Within each
candidate group (Splink's connected components at the review threshold) every
record pair is scored, and groups of records are merged, best first, while the
average match weight between them stays at or above the link threshold's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["UNSCORED_WEIGHT", "average_linkage", "weight_of_probability"]

# Weight assumed for a pair the model did not score: strong evidence against.
UNSCORED_WEIGHT = -30.0


def weight_of_probability(probability: float) -> float:
    """The match weight (log2 odds) of a match probability in (0, 1)."""
    probability = min(max(probability, 1e-12), 1 - 1e-12)
    return math.log2(probability / (1 - probability))


def average_linkage(
    members: Sequence[int], weights: Mapping[tuple[int, int], float], cut: float
) -> list[list[int]]:
    """Groups of `members` (record ids): start from one group per record, merge the
    two groups with the highest average pair weight while it is >= `cut`.

    `weights` holds (low id, high id) -> match weight. Ties go to the lowest group
    indices, so the result depends only on the input, not on dict order. Returns
    the groups, each sorted, in the order of their lowest member.
    """
    ordered = sorted(members)
    groups: dict[int, list[int]] = {i: [member] for i, member in enumerate(ordered)}
    # Sum of pair weights between groups i < j.
    total: dict[tuple[int, int], float] = {}
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            total[(i, j)] = weights.get((a, ordered[j]), UNSCORED_WEIGHT)
    while total:
        best_pair = min(
            total,
            key=lambda ij: (-total[ij] / (len(groups[ij[0]]) * len(groups[ij[1]])), ij),
        )
        i, j = best_pair
        if total[best_pair] / (len(groups[i]) * len(groups[j])) < cut:
            break
        del total[best_pair]
        for k in groups:
            if k in (i, j):
                continue
            moved = total.pop((min(j, k), max(j, k)))
            total[(min(i, k), max(i, k))] += moved
        groups[i].extend(groups.pop(j))
    return sorted((sorted(group) for group in groups.values()), key=lambda group: group[0])
