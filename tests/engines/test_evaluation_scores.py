"""Evaluation figures on tiny hand-made folders whose right answers are worked out
by hand in each case."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from amparo.engines.evaluation import Cause, evaluate
from tests.engines.evaluation_folders import (
    RecordKey,
    true_persons,
    write_output,
    write_truth,
)

E1, I1 = ("cbp_apprehensions", "E1"), ("ice_detention", "I1")
E2, O1 = ("cbp_apprehensions", "E2"), ("orr_referrals", "O1")
E3, I2 = ("cbp_apprehensions", "E3"), ("ice_detention", "I2")
E4, O2 = ("cbp_apprehensions", "E4"), ("orr_referrals", "O2")


@dataclass(frozen=True)
class Case:
    persons: dict[RecordKey, str]
    separations: list[tuple[str, str, str]]
    clustering: tuple[float, float, float]  # precision, recall, F1
    confirmed: tuple[int, int, int]  # reported, correct, true pairs found
    with_review: tuple[int, int, int]
    confirmed_misses: dict[str, int]
    with_review_misses: dict[str, int]
    review_kinds: list[str] = field(default_factory=list)
    records: tuple[int, int] = (0, 0)  # missing from output, not in truth


def persons_with(
    changes: dict[RecordKey, str], drop: tuple[RecordKey, ...] = ()
) -> dict[RecordKey, str]:
    persons = true_persons() | changes
    return {key: value for key, value in persons.items() if key not in drop}


CASES = {
    "perfect": Case(
        persons=true_persons(),
        separations=[("kP1", "kC1", "confirmed"), ("kP2", "kC2", "confirmed")],
        clustering=(1.0, 1.0, 1.0),
        confirmed=(2, 2, 2),
        with_review=(2, 2, 2),
        confirmed_misses={},
        with_review_misses={},
    ),
    "review and wrong relatives": Case(
        persons=true_persons(),
        separations=[
            ("kP1", "kC1", "confirmed"),
            ("kP2", "kC2", "review"),
            ("kG3", "kC3", "confirmed"),
            ("kP4", "kC4", "review"),
        ],
        review_kinds=["parent_child", "parent_child", "same_person"],
        clustering=(1.0, 1.0, 1.0),
        confirmed=(2, 1, 1),
        with_review=(4, 2, 2),
        confirmed_misses={Cause.IN_REVIEW: 1, Cause.FP_NON_PARENT: 1},
        with_review_misses={Cause.FP_NON_PARENT: 1, Cause.FP_NEVER_SEPARATED: 1},
    ),
    # True pairs: P1 1, C1 1, P2 1, C2 1, C3 3 = 7.
    # P1 split over keys a and b; P2 and C2 merged into m. Predicted pairs: a 0, b 0,
    # kC1 1, m 6, kC3 3 = 10; in both: C1 1, P2 1, C2 1, C3 3 = 6.
    "split and merged": Case(
        persons=persons_with({E1: "a", I1: "b", E3: "m", I2: "m", E4: "m", O2: "m"}),
        separations=[],
        clustering=(0.6, 6 / 7, 2 * 0.6 * (6 / 7) / (0.6 + 6 / 7)),
        confirmed=(0, 0, 0),
        with_review=(0, 0, 0),
        confirmed_misses={Cause.PARENT_SPLIT: 1, Cause.MERGED: 1},
        with_review_misses={Cause.PARENT_SPLIT: 1, Cause.MERGED: 1},
    ),
    # A split parent reported twice, a reversed pair, a key no record has.
    # Predicted pairs: kC1 1, kP2 1, kC2 1, kC3 3 = 6, all true; P1's record pair is lost.
    # P2-C2, reported the wrong way round only, is not found.
    "duplicate, reversed and unknown": Case(
        persons=persons_with({E1: "a", I1: "b"}),
        separations=[
            ("a", "kC1", "confirmed"),
            ("b", "kC1", "confirmed"),
            ("kC2", "kP2", "confirmed"),
            ("zz", "kC1", "confirmed"),
        ],
        clustering=(1.0, 6 / 7, 2 * (6 / 7) / (1 + 6 / 7)),
        confirmed=(4, 1, 1),
        with_review=(4, 1, 1),
        confirmed_misses={
            Cause.FP_DUPLICATE: 1,
            Cause.FP_REVERSED: 1,
            Cause.FP_WRONG_PEOPLE: 1,
            Cause.NOT_FOUND: 1,
        },
        with_review_misses={
            Cause.FP_DUPLICATE: 1,
            Cause.FP_REVERSED: 1,
            Cause.FP_WRONG_PEOPLE: 1,
            Cause.NOT_FOUND: 1,
        },
    ),
    # C2's records are missing from the output; one record truth does not know is in,
    # under kP1. Predicted pairs: kP1 3, kC1 1, kP2 1, kC3 3 = 8; 6 of them true.
    "missing and extra records": Case(
        persons=persons_with({("cbp_apprehensions", "E99"): "kP1"}, drop=(E4, O2)),
        separations=[("kP1", "kC1", "confirmed")],
        clustering=(6 / 8, 6 / 7, 2 * (6 / 8) * (6 / 7) / (6 / 8 + 6 / 7)),
        confirmed=(1, 1, 1),
        with_review=(1, 1, 1),
        confirmed_misses={Cause.NO_RECORDS: 1},
        with_review_misses={Cause.NO_RECORDS: 1},
        records=(2, 1),
    ),
    # C1's two records sit under C3's key (C3 has three there): the child's records
    # are under another person's key, and the pair reported names the wrong child.
    # Predicted pairs: kC3 10, kP1 1, kP2 1, kC2 1 = 13; all 7 true pairs are in them.
    "child absorbed": Case(
        persons=persons_with({E2: "kC3", O1: "kC3"}),
        separations=[("kP1", "kC3", "confirmed"), ("kP2", "kC2", "confirmed")],
        clustering=(7 / 13, 1.0, 2 * (7 / 13) / (1 + 7 / 13)),
        confirmed=(2, 1, 1),
        with_review=(2, 1, 1),
        confirmed_misses={Cause.CHILD_ABSORBED: 1, Cause.FP_WRONG_PEOPLE: 1},
        with_review_misses={Cause.CHILD_ABSORBED: 1, Cause.FP_WRONG_PEOPLE: 1},
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_it_scores_each_hand_made_folder_as_worked_out(tmp_path: Path, case: Case) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, case.persons, case.separations, case.review_kinds)

    report = evaluate(out, truth)

    clustering = report.clustering
    assert (clustering.precision, clustering.recall, clustering.f1) == pytest.approx(
        case.clustering
    )
    assert (clustering.missing_records, clustering.extra_records) == case.records
    confirmed, with_review = report.confirmed, report.with_review
    assert (confirmed.reported, confirmed.correct, confirmed.found) == case.confirmed
    assert (with_review.reported, with_review.correct, with_review.found) == case.with_review
    assert dict(confirmed.misses) == case.confirmed_misses
    assert dict(with_review.misses) == case.with_review_misses


def test_precision_and_recall_follow_from_the_counts(tmp_path: Path) -> None:
    case = CASES["review and wrong relatives"]
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, case.persons, case.separations, case.review_kinds)

    report = evaluate(out, truth)

    assert (report.confirmed.precision, report.confirmed.recall) == (0.5, 0.5)
    assert (report.with_review.precision, report.with_review.recall) == (0.5, 1.0)
    assert report.confirmed.true_pairs == 2


def test_review_rate_counts_parent_child_decisions_per_reported_separation(
    tmp_path: Path,
) -> None:
    case = CASES["review and wrong relatives"]
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, case.persons, case.separations, case.review_kinds)

    review = evaluate(out, truth).review

    assert (review.reported_separations, review.separations_in_review) == (4, 2)
    assert (review.parent_child, review.same_person) == (2, 1)
    assert (review.review_rate, review.review_share) == (0.5, 0.5)


def test_nothing_reported_is_full_precision_and_no_recall(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [])

    report = evaluate(out, truth)

    assert (report.confirmed.precision, report.confirmed.recall) == (1.0, 0.0)
    assert report.review.review_rate == 0.0


def test_rejected_rows_are_compared_with_the_rows_truth_rejects(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    rejected = [
        ("cbp_apprehensions", "E90", 7, "no_identity"),
        ("orr_referrals", "O91", 3, "missing_id"),
    ]
    out = write_output(tmp_path, true_persons(), [], rejected=rejected)

    rejection = evaluate(out, truth).rejection

    assert (rejection.reported, rejection.expected, rejection.agreeing) == (2, 2, 1)


def test_misses_come_with_examples(tmp_path: Path) -> None:
    case = CASES["split and merged"]
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, case.persons, case.separations)

    examples = evaluate(out, truth).confirmed.examples

    assert examples == {Cause.PARENT_SPLIT: ("P1 -> C1",), Cause.MERGED: ("P2 -> C2",)}
