"""Scoring an identification output folder against a synthetic world's truth."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from amparo.engines.evaluation.clustering import contingency, score_clustering
from amparo.engines.evaluation.pairs import PairTruth, score_pairs
from amparo.engines.evaluation.report import EvaluationReport, RejectionScores, ReviewScores
from amparo.engines.evaluation.tables import (
    OutputPair,
    read_persons,
    read_rejected,
    read_review_kinds,
    read_separations,
    read_truth_families,
    read_truth_records,
    read_truth_rejected,
)

__all__ = ["evaluate"]


def _review(rows: list[OutputPair], kinds: Counter[str]) -> ReviewScores:
    in_review = sum(1 for row in rows if row.status == "review")
    return ReviewScores(
        reported_separations=len(rows),
        separations_in_review=in_review,
        parent_child=kinds["parent_child"],
        same_person=kinds["same_person"],
        review_rate=kinds["parent_child"] / len(rows) if rows else 0.0,
        review_share=in_review / len(rows) if rows else 0.0,
    )


def evaluate(out_dir: Path, truth_dir: Path) -> EvaluationReport:
    """Compare ``out_dir`` (what `identify` wrote) with ``truth_dir`` (a world's truth/).

    Raises EvaluationError naming the file when a file is missing or malformed.
    """
    predicted = read_persons(out_dir)
    truth = read_truth_records(truth_dir)
    table = contingency(predicted, truth)
    clustering = score_clustering(predicted, truth, table)

    rejected, expected = read_rejected(out_dir), read_truth_rejected(truth_dir)
    rejection = RejectionScores(
        reported=rejected.total(),
        expected=expected.total(),
        agreeing=(rejected & expected).total(),
    )

    rows = read_separations(out_dir)
    pair_truth = PairTruth.build(read_truth_families(truth_dir), table.majority(), table.keys_of())
    with_review, found_any = score_pairs("confirmed+review", rows, pair_truth)
    confirmed, _ = score_pairs(
        "confirmed",
        [row for row in rows if row.status == "confirmed"],
        pair_truth,
        found_elsewhere=found_any,
    )
    return EvaluationReport(
        out_dir=out_dir,
        truth_dir=truth_dir,
        clustering=clustering,
        rejection=rejection,
        confirmed=confirmed,
        with_review=with_review,
        review=_review(rows, read_review_kinds(out_dir)),
    )
