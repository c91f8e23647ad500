"""evaluate refuses folders it cannot read, naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from amparo.engines.evaluation import EvaluationError, evaluate
from tests.engines.evaluation_folders import true_persons, write_csv, write_output, write_truth


def test_a_missing_output_file_is_named(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [])
    (out / "separations.csv").unlink()

    with pytest.raises(EvaluationError, match=r"separations\.csv: file not found"):
        evaluate(out, truth)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [])
    write_csv(out / "persons.csv", ("person_key", "source"), [("k", "cbp_apprehensions")])

    with pytest.raises(EvaluationError, match=r"persons\.csv: missing column\(s\) record_id"):
        evaluate(out, truth)


def test_a_record_listed_twice_is_refused(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [])
    rows = [("a", "cbp_apprehensions", "E1"), ("b", "cbp_apprehensions", "E1")]
    write_csv(out / "persons.csv", ("person_key", "source", "record_id"), rows)

    with pytest.raises(EvaluationError, match="E1 appears twice"):
        evaluate(out, truth)


def test_a_row_of_the_wrong_width_is_refused_with_its_line(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [])
    with (out / "review.csv").open("a", encoding="utf-8") as handle:
        handle.write("same_person,a,b\r\n")

    with pytest.raises(EvaluationError, match=r"review\.csv: line 2 has 3 cells"):
        evaluate(out, truth)


def test_a_byte_order_mark_and_column_order_do_not_matter(tmp_path: Path) -> None:
    truth = write_truth(tmp_path)
    out = write_output(tmp_path, true_persons(), [("kP1", "kC1", "confirmed")])
    text = "\ufeffscore,status,separated_on,child_key,parent_key\r\n0.9,confirmed,,kC1,kP1\r\n"
    (out / "separations.csv").write_text(text, encoding="utf-8")

    report = evaluate(out, truth)

    assert (report.confirmed.reported, report.confirmed.correct) == (1, 1)
