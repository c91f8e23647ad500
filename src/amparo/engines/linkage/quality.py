"""Measuring linkage against known truth (synthetic worlds, FEBRL): pairwise
clustering precision and recall, and the recall of the blocking rules.

Also turns extract rows (as a synthetic world holds them) into RecordIn through
the real extract reader, so measurements see exactly what a run would.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import duckdb

from amparo.engines.extracts import SPECS, KeptRow, Source, read_extract
from amparo.engines.linkage.features import build_features
from amparo.engines.linkage.model import BLOCKING_RULES, MEASURED_BLOCKING_RECALL
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = [
    "MEASURED_BLOCKING_RECALL",
    "PairwiseScores",
    "blocking_recall",
    "pairwise_scores",
    "records_from_rows",
]


@dataclass(frozen=True, slots=True)
class PairwiseScores:
    """Clustering quality over record pairs: a pair is predicted when both records
    got one person, true when truth says they are one person."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def pairwise_scores(
    predicted: Mapping[RecordKey, Hashable], truth: Mapping[RecordKey, Hashable]
) -> PairwiseScores:
    """Pairwise scores over the records both mappings know."""
    keys = [key for key in predicted if key in truth]
    return PairwiseScores(
        true_pairs=_pairs(Counter(truth[key] for key in keys).values()),
        predicted_pairs=_pairs(Counter(predicted[key] for key in keys).values()),
        correct_pairs=_pairs(Counter((predicted[key], truth[key]) for key in keys).values()),
    )


def blocking_recall(
    records: Sequence[RecordIn],
    truth: Mapping[RecordKey, Hashable],
    rules: Sequence[str] = BLOCKING_RULES,
) -> dict[str, float | int]:
    """Share of true pairs of comparable records that the rules generate, overall
    and rule by rule (each rule alone), with the number of pairs generated."""
    features = build_features(records)
    people = [str(truth.get(key, f"unknown-{i}")) for i, key in enumerate(features.keys)]
    table = features.table.append_column("person", [people]).filter(list(features.linkable))
    connection = duckdb.connect(":memory:")
    try:
        connection.register("t", table)
        true_pairs = connection.execute(
            "SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) n FROM t GROUP BY person)"
        ).fetchall()[0][0]
        joins = [
            f"SELECT l.unique_id a, r.unique_id b, l.person = r.person same "  # noqa: S608
            f"FROM t l JOIN t r ON {rule} AND l.unique_id < r.unique_id"
            for rule in rules
        ]
        out: dict[str, float | int] = {"true_pairs": int(true_pairs or 0)}
        for index, sql in enumerate(joins):
            found = connection.execute(f"SELECT count(*) FILTER (same) FROM ({sql})").fetchall()  # noqa: S608 - our rules
            out[f"rule_{index + 1}"] = int(found[0][0]) / max(int(true_pairs or 0), 1)
        union = " UNION ".join(joins)
        found, generated = connection.execute(
            f"SELECT count(*) FILTER (same), count(*) FROM ({union})"  # noqa: S608 - our rules
        ).fetchall()[0]
        out["recall"] = int(found) / max(int(true_pairs or 0), 1)
        out["pairs_generated"] = int(generated)
        return out
    finally:
        connection.close()


def records_from_rows(rows: Mapping[Source, Sequence[Mapping[str, str]]]) -> list[RecordIn]:
    """Every kept row of the given extracts (contract columns per source), as the
    extract reader keeps them, as RecordIn."""
    records: list[RecordIn] = []
    for source, source_rows in rows.items():
        spec = SPECS[source]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(spec.columns)
        for row in source_rows:
            writer.writerow([row.get(column, "") for column in spec.columns])
        data = buffer.getvalue().encode("utf-8")
        for checked in read_extract(data, filename=spec.filename, source=source):
            if isinstance(checked, KeptRow):
                records.append(RecordIn(source.value, checked.record_id, checked.fields))
    return records
