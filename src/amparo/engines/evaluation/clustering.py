"""Pairwise precision and recall of a clustering of records into people.

A pair of records is predicted when both carry the same person key and true when
both belong to the same true person. Counting pairs one by one is quadratic in
cluster size; instead each (key, true person) cell of the contingency table
contributes n*(n-1)/2 pairs found in both, so the work is one pass over records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from amparo.engines.linkage.types import RecordKey

__all__ = ["ClusteringScores", "Contingency", "contingency", "f1", "ratio", "score_clustering"]


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def ratio(part: int, whole: int) -> float:
    """part / whole, with 0/0 read as 1.0: nothing asked for, nothing missed."""
    return part / whole if whole else 1.0


def f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Contingency:
    """Records per (person key, true person), over records present in both tables."""

    cells: Counter[tuple[str, str]]
    key_sizes: Counter[str]  # every output record, true person known or not
    true_sizes: Counter[str]  # every true record, in the output or not

    def majority(self) -> dict[str, str]:
        """Each key's true person: the one most of its records belong to (ties go to
        the smaller id, so the answer does not depend on file order)."""
        best: dict[str, tuple[int, str]] = {}
        for (key, person), count in self.cells.items():
            kept = best.get(key)
            if kept is None or count > kept[0] or (count == kept[0] and person < kept[1]):
                best[key] = (count, person)
        return {key: person for key, (_, person) in best.items()}

    def keys_of(self) -> dict[str, set[str]]:
        """Each true person's keys: every key holding at least one of their records."""
        keys: dict[str, set[str]] = {}
        for key, person in self.cells:
            keys.setdefault(person, set()).add(key)
        return keys


def contingency(predicted: Mapping[RecordKey, str], truth: Mapping[RecordKey, str]) -> Contingency:
    cells: Counter[tuple[str, str]] = Counter()
    for record, key in predicted.items():
        person = truth.get(record)
        if person is not None:
            cells[key, person] += 1
    return Contingency(cells, Counter(predicted.values()), Counter(truth.values()))


@dataclass(frozen=True, slots=True)
class ClusteringScores:
    output_records: int
    truth_records: int
    missing_records: int  # in truth, not in the output
    extra_records: int  # in the output, not in truth
    predicted_pairs: int
    true_pairs: int
    common_pairs: int
    precision: float
    recall: float
    f1: float


def score_clustering(
    predicted: Mapping[RecordKey, str], truth: Mapping[RecordKey, str], table: Contingency
) -> ClusteringScores:
    """Pairwise scores; a record missing on one side is in no pair on that side."""
    common = sum(_pairs(count) for count in table.cells.values())
    predicted_pairs = sum(_pairs(count) for count in table.key_sizes.values())
    true_pairs = sum(_pairs(count) for count in table.true_sizes.values())
    in_both = sum(table.cells.values())
    precision = ratio(common, predicted_pairs)
    recall = ratio(common, true_pairs)
    return ClusteringScores(
        output_records=len(predicted),
        truth_records=len(truth),
        missing_records=len(truth) - in_both,
        extra_records=len(predicted) - in_both,
        predicted_pairs=predicted_pairs,
        true_pairs=true_pairs,
        common_pairs=common,
        precision=precision,
        recall=recall,
        f1=f1(precision, recall),
    )
