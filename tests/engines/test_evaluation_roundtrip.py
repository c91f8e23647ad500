"""A synthetic world through identify_dir (with engines that read the truth) and back
through evaluate: the figures must be exactly the ones the fakes were built to give."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from amparo.engines.evaluation import Cause, EvaluationReport, evaluate
from amparo.engines.identify import IdentifyConfig, Progress, Stages, identify_dir
from amparo.engines.linkage.types import RecordIn, RecordKey
from amparo.engines.synth import synth_to_dir
from tests.engines.identify_fakes import FakeFamilies, FakeLinks, FakeSeparation


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def oracle_stages(truth: Path, *, review_every: int) -> Stages:
    """Engines that know the answer; every ``review_every``-th separated pair is
    sent to review instead of confirmed."""
    person_of = {
        (row["source"], row["record_id"]): f"T{row['person_id']}"
        for row in read_csv(truth / "records.csv")
    }
    separated = [
        row
        for row in read_csv(truth / "families.csv")
        if row["relationship"] == "PARENT" and row["separated"] == "Y"
    ]
    separations = tuple(
        FakeSeparation(
            f"T{row['parent_id']}",
            f"T{row['child_id']}",
            row["separated_on"] or None,
            "review" if n % review_every == 0 else "confirmed",
            0.5 if n % review_every == 0 else 0.99,
        )
        for n, row in enumerate(separated, start=1)
    )

    def link(
        records: Sequence[RecordIn], config: object, *, on_progress: Progress | None = None
    ) -> FakeLinks:
        return FakeLinks({record.key: person_of[record.key] for record in records})

    def infer(
        records: Sequence[RecordIn], keys: Mapping[RecordKey, str], config: object
    ) -> FakeFamilies:
        return FakeFamilies(separations)

    return Stages(link_people=link, infer_families=infer)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    synth_to_dir(60, 11, folder)
    return folder


def run(world: Path, out: Path, review_every: int) -> EvaluationReport:
    stages = oracle_stages(world / "truth", review_every=review_every)
    identify_dir(world, out, IdentifyConfig(), stages=stages)
    return evaluate(out, world / "truth")


def test_an_oracle_scores_perfectly(world: Path, tmp_path: Path) -> None:
    report = run(world, tmp_path, review_every=10**9)

    assert (report.clustering.precision, report.clustering.recall) == (1.0, 1.0)
    assert (report.clustering.missing_records, report.clustering.extra_records) == (0, 0)
    assert report.rejection.agreeing == report.rejection.expected == report.rejection.reported
    assert (report.confirmed.precision, report.confirmed.recall) == (1.0, 1.0)
    assert dict(report.confirmed.misses) == {}
    assert report.review.review_rate == 0.0


def test_pairs_sent_to_review_count_only_with_review(world: Path, tmp_path: Path) -> None:
    report = run(world, tmp_path, review_every=4)

    pairs = report.with_review.true_pairs
    in_review = pairs // 4
    assert report.confirmed.found == pairs - in_review
    assert dict(report.confirmed.misses) == {Cause.IN_REVIEW: in_review}
    assert (report.with_review.precision, report.with_review.recall) == (1.0, 1.0)
    assert report.review.parent_child == report.review.separations_in_review == in_review
    assert report.review.review_rate == pytest.approx(in_review / pairs)


def test_the_report_reads_as_a_table_and_as_json(world: Path, tmp_path: Path) -> None:
    report = run(world, tmp_path, review_every=4)

    text = report.as_text()
    data = json.loads(json.dumps(report.as_dict()))

    assert "precision 1.0000   recall 1.0000   F1 1.0000" in text
    assert Cause.IN_REVIEW in text
    assert data["confirmed"]["misses"] == {
        Cause.IN_REVIEW: report.confirmed.misses[Cause.IN_REVIEW]
    }
    assert data["clustering"]["f1"] == 1.0
    assert data["out_dir"] == str(tmp_path)
