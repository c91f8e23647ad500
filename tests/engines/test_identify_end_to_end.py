"""identify_dir with the real linkage and families engines on a small synthetic world:
the output holds to the contract and can be evaluated. Quality itself is measured by
bench/identify_quality.py, not here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from amparo.engines.evaluation import evaluate
from amparo.engines.extracts import REJECTING_PROBLEMS
from amparo.engines.identify import IdentifyConfig, identify_dir
from amparo.engines.synth import synth_to_dir

pytestmark = pytest.mark.slow

REJECTING = {problem.value for problem in REJECTING_PROBLEMS}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    world = tmp_path_factory.mktemp("world")
    out = tmp_path_factory.mktemp("out")
    synth_to_dir(30, 5, world)
    identify_dir(world, out, IdentifyConfig())
    return world, out


def test_every_kept_row_is_in_persons_once_and_every_rejected_row_in_rejected(
    run: tuple[Path, Path],
) -> None:
    world, out = run
    truth = read_csv(world / "truth" / "records.csv")
    persons = read_csv(out / "persons.csv")

    assert sorted((p["source"], p["record_id"]) for p in persons) == sorted(
        (t["source"], t["record_id"]) for t in truth
    )
    rejected = read_csv(out / "rejected.csv")
    bad = read_csv(world / "truth" / "bad_rows.csv")
    assert len(rejected) == sum(1 for row in bad if row["problem"] in REJECTING)


def test_separations_and_review_hold_to_the_contract(run: tuple[Path, Path]) -> None:
    _, out = run
    keys = {p["person_key"] for p in read_csv(out / "persons.csv")}
    separations = read_csv(out / "separations.csv")

    assert separations
    assert {s["status"] for s in separations} <= {"confirmed", "review"}
    assert {s["parent_key"] for s in separations} | {s["child_key"] for s in separations} <= keys
    assert all(len(s["score"].split(".")[1]) == 4 for s in separations)
    pairs = [(s["parent_key"], s["child_key"]) for s in separations]
    assert len(pairs) == len(set(pairs))
    assert {r["kind"] for r in read_csv(out / "review.csv")} <= {"same_person", "parent_child"}


def test_run_json_names_the_real_engines_and_the_output_evaluates(
    run: tuple[Path, Path],
) -> None:
    world, out = run
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))

    assert set(manifest["versions"]) >= {"identify", "linkage", "families"}
    assert set(manifest["config"]) == {"linkage", "families"}
    report = evaluate(out, world / "truth")
    assert report.clustering.output_records == report.clustering.truth_records
