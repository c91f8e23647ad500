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

__all__ = [
    "SPLIT_THRESHOLDS",
    "UNSCORED_WEIGHT",
    "average_linkage",
    "components",
    "split_large",
    "weight_of_probability",
]

# Weight assumed for a pair the model did not score: strong evidence against.
UNSCORED_WEIGHT = -30.0
# Rising probabilities at which a candidate group too large to score pair by pair
# is cut into connected components until each part is small enough.
SPLIT_THRESHOLDS = (0.9, 0.95, 0.99, 0.999, 0.9999)

Edge = tuple[int, int, float]  # (left id, right id, match probability)


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


def components(members: Sequence[int], edges: Sequence[Edge], threshold: float) -> list[list[int]]:
    """Connected components of `members` over edges at or above `threshold`, each
    sorted, in the order of their lowest member."""
    parent = {member: member for member in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for left, right, probability in edges:
        if probability >= threshold and left in parent and right in parent:
            a, b = find(left), find(right)
            parent[max(a, b)] = min(a, b)
    parts: dict[int, list[int]] = {}
    for member in sorted(members):
        parts.setdefault(find(member), []).append(member)
    return sorted(parts.values(), key=lambda part: part[0])


def split_large(
    members: Sequence[int], edges: Sequence[Edge], start: float, max_size: int
) -> list[list[int]]:
    """Cut a group by connected components at `start`, then at each higher
    SPLIT_THRESHOLDS step for parts still above `max_size`. A part still too large
    at the last step is returned as it is."""
    steps = [start, *(t for t in SPLIT_THRESHOLDS if t > start)]
    out: list[list[int]] = []
    pending: list[tuple[list[int], int]] = [(sorted(members), 0)]
    while pending:
        group, step = pending.pop()
        for part in components(group, edges, steps[step]):
            if len(part) <= max_size or step + 1 == len(steps):
                out.append(part)
            else:
                pending.append((part, step + 1))
    return sorted(out, key=lambda part: part[0])
