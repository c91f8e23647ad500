"""write_outputs: exactly the contract's files, written whole or not at all."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from amparo.engines.identify import (
    ExtractSet,
    IdentifyError,
    IdentifyResult,
    read_extract_dir,
    write_outputs,
)
from amparo.engines.linkage.types import EvidenceItem, ReviewPair
from tests.engines.identify_fakes import FakeSeparation, write_small_extracts

MAYBE_SAME = ReviewPair(
    kind="same_person",
    left="P-juan",
    right="P-rosa",
    score=0.61234,
    evidence=(
        EvidenceItem("dob", "mismatch", "1985-03-02", None),
        EvidenceItem("surnames", "partial", "XOL", "LOPEZ PEREZ", 1.5),
    ),
)
SEPARATED = FakeSeparation("P-rosa", "P-kevin", "2018-05-12", "confirmed", 0.987654)
UNSURE = FakeSeparation("P-juan", "P-kevin", None, "review", 0.4)


RESULT = IdentifyResult(
    person_of={
        ("cbp_apprehensions", "E1"): "P-rosa",
        ("cbp_apprehensions", "E2"): "P-kevin",
        ("cbp_apprehensions", "E4"): "P-juan",
        ("orr_referrals", "ORR-1"): "P-kevin",
    },
    separations=(SEPARATED, UNSURE),
    review=(MAYBE_SAME,),
    family_links=(),
    models={"linkage": {"prior": 0.001}, "families": {"weights": [1.0, float("nan")]}},
    versions={"identify": "identify-1", "linkage": "l-1", "families": "f-1"},
    timings={"linkage": 1.25, "families": 0.5},
    settings={"linkage": {"seed": 7}},
)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def extracts(tmp_path: Path) -> ExtractSet:
    return read_extract_dir(write_small_extracts(tmp_path / "extracts"))


def test_it_writes_exactly_the_four_files_and_run_json(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    out = tmp_path / "out"

    rows = write_outputs(RESULT, extracts, out)

    assert sorted(path.name for path in out.iterdir()) == [
        "persons.csv",
        "rejected.csv",
        "review.csv",
        "run.json",
        "separations.csv",
    ]
    assert rows == {"persons.csv": 4, "rejected.csv": 2, "separations.csv": 2, "review.csv": 1}


def test_persons_lists_every_kept_record_once(tmp_path: Path, extracts: ExtractSet) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out")

    assert read_rows(tmp_path / "out" / "persons.csv") == [
        ["person_key", "source", "record_id"],
        ["P-rosa", "cbp_apprehensions", "E1"],
        ["P-kevin", "cbp_apprehensions", "E2"],
        ["P-juan", "cbp_apprehensions", "E4"],
        ["P-kevin", "orr_referrals", "ORR-1"],
    ]


def test_a_record_without_a_person_becomes_a_person_of_its_own(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    result = replace(RESULT, person_of={("cbp_apprehensions", "E1"): "P-rosa"})

    write_outputs(result, extracts, tmp_path / "out")

    keys = [row[0] for row in read_rows(tmp_path / "out" / "persons.csv")[1:]]
    assert keys == [
        "P-rosa",
        "unlinked:cbp_apprehensions:E2",
        "unlinked:cbp_apprehensions:E4",
        "unlinked:orr_referrals:ORR-1",
    ]
    counts = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["counts"]
    assert counts["unlinked_records"] == 3


def test_rejected_lists_rows_with_their_line_and_problem(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out")

    assert read_rows(tmp_path / "out" / "rejected.csv") == [
        ["source", "record_id", "line", "problem"],
        ["cbp_apprehensions", "E1", "4", "duplicate_id"],
        ["cbp_apprehensions", "E3", "5", "no_identity"],
    ]


def test_separations_have_iso_dates_and_four_decimal_scores(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out")

    assert read_rows(tmp_path / "out" / "separations.csv") == [
        ["parent_key", "child_key", "separated_on", "status", "score"],
        ["P-rosa", "P-kevin", "2018-05-12", "confirmed", "0.9877"],
        ["P-juan", "P-kevin", "", "review", "0.4000"],
    ]


def test_review_shows_the_evidence_as_one_line(tmp_path: Path, extracts: ExtractSet) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out")

    assert read_rows(tmp_path / "out" / "review.csv") == [
        ["kind", "left_key", "right_key", "score", "evidence"],
        [
            "same_person",
            "P-juan",
            "P-rosa",
            "0.6123",
            "dob=mismatch(1985-03-02|); surnames=partial(XOL|LOPEZ PEREZ)",
        ],
    ]


def test_run_json_records_inputs_settings_models_versions_and_counts(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out", timings={"read": 0.1})

    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))

    assert [(f["name"], f["rows"], f["sha256"]) for f in run["inputs"]] == [
        (file.name, file.rows, file.sha256) for file in extracts.files
    ]
    assert run["config"] == {"linkage": {"seed": 7}}
    assert run["models"]["families"] == {"weights": [1.0, None]}
    assert run["versions"]["linkage"] == "l-1"
    assert {"python", "splink", "duckdb", "amparo"} <= set(run["versions"])
    assert set(run["timings_seconds"]) == {"read", "linkage", "families", "write"}
    assert run["counts"] == {
        "records": 4,
        "rejected": 2,
        "persons": 3,
        "unlinked_records": 0,
        "separations_confirmed": 1,
        "separations_review": 1,
        "review_same_person": 1,
        "review_parent_child": 0,
        "family_links": 0,
    }


def test_a_failed_write_leaves_the_previous_run_untouched(
    tmp_path: Path, extracts: ExtractSet
) -> None:
    write_outputs(RESULT, extracts, tmp_path / "out")
    before = {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()}
    broken = FakeSeparation("P-rosa", "P-kevin", None, "confirmed", float("nan"))

    with pytest.raises(IdentifyError, match="not a number"):
        write_outputs(replace(RESULT, separations=(broken,)), extracts, tmp_path / "out")

    assert {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()} == before


def test_a_record_twice_in_the_input_is_refused(tmp_path: Path, extracts: ExtractSet) -> None:
    doubled = ExtractSet(extracts.records * 2, extracts.rejected, extracts.files)

    with pytest.raises(IdentifyError, match="twice"):
        write_outputs(RESULT, doubled, tmp_path / "out")

    assert not (tmp_path / "out").exists()
