"""read_extract_dir: a folder of extracts in, kept records and rejected rows out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from amparo.engines.extracts.spec import SPECS, Source
from amparo.engines.identify import (
    ExtractFileError,
    InputDirError,
    InputFile,
    RejectedRecord,
    read_extract_dir,
)
from tests.engines.identify_fakes import CBP_ROWS, ORR_ROWS, write_extract, write_small_extracts


def test_it_keeps_every_row_that_describes_a_person_in_file_order(tmp_path: Path) -> None:
    extracts = read_extract_dir(write_small_extracts(tmp_path))

    assert [record.key for record in extracts.records] == [
        ("cbp_apprehensions", "E1"),
        ("cbp_apprehensions", "E2"),
        ("cbp_apprehensions", "E4"),
        ("orr_referrals", "ORR-1"),
    ]


def test_kept_records_carry_the_normalised_fields(tmp_path: Path) -> None:
    rosa, _, juan, kevin = read_extract_dir(write_small_extracts(tmp_path)).records

    assert (rosa.fields["a_number"], rosa.fields["apprehended_on"]) == ("201555017", "2018-05-10")
    assert (rosa.fields["given_names_key"], rosa.fields["surnames_key"]) == ("ROSA", "LOPEZ PEREZ")
    assert juan.fields["dob"] is None
    assert kevin.fields["dob"] == "2011-07-04"


def test_it_reports_each_rejected_row_with_its_line_and_problem(tmp_path: Path) -> None:
    extracts = read_extract_dir(write_small_extracts(tmp_path))

    assert [(r.source, r.record_id, r.line, r.problem) for r in extracts.rejected] == [
        ("cbp_apprehensions", "E1", 4, "duplicate_id"),
        ("cbp_apprehensions", "E3", 5, "no_identity"),
    ]
    assert all(isinstance(row, RejectedRecord) and row.message for row in extracts.rejected)


def test_it_describes_each_file_it_read(tmp_path: Path) -> None:
    folder = write_small_extracts(tmp_path)

    files = read_extract_dir(folder).files

    cbp_digest = hashlib.sha256((folder / "cbp_apprehensions.csv").read_bytes()).hexdigest()
    assert files == (
        InputFile("cbp_apprehensions.csv", "cbp_apprehensions", cbp_digest, 5, 3, 2, 1),
        InputFile(
            "orr_referrals.csv",
            "orr_referrals",
            hashlib.sha256((folder / "orr_referrals.csv").read_bytes()).hexdigest(),
            1,
            1,
            0,
            0,
        ),
    )


def test_it_ignores_subfolders_dot_files_and_other_kinds_of_file(tmp_path: Path) -> None:
    folder = write_small_extracts(tmp_path)
    write_extract(folder / "truth", Source.ICE, [{"ice_record_id": "I1", "a_number": "1"}])
    (folder / "README.txt").write_text("notes", encoding="utf-8")
    (folder / "._cbp_apprehensions.csv").write_bytes(b"\x00\x05")

    extracts = read_extract_dir(folder)

    assert [file.name for file in extracts.files] == ["cbp_apprehensions.csv", "orr_referrals.csv"]


def test_it_reads_an_xlsx_extract(tmp_path: Path) -> None:
    spec = SPECS[Source.ORR]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(spec.columns))
    sheet.append([ORR_ROWS[0].get(column, "") for column in spec.columns])
    workbook.save(tmp_path / "ORR referrals 2018.xlsx")

    extracts = read_extract_dir(tmp_path)

    assert [record.key for record in extracts.records] == [("orr_referrals", "ORR-1")]


def test_a_file_that_is_no_extract_is_refused_by_name(tmp_path: Path) -> None:
    write_small_extracts(tmp_path)
    (tmp_path / "budget.csv").write_text("item,amount\nbeds,10\n", encoding="utf-8")

    with pytest.raises(ExtractFileError, match=r"budget\.csv: cannot tell which extract"):
        read_extract_dir(tmp_path)


def test_a_missing_required_column_is_refused_naming_file_and_column(tmp_path: Path) -> None:
    spec = SPECS[Source.CBP]
    header = ",".join(column for column in spec.columns if column != "dob")
    (tmp_path / "cbp_apprehensions.csv").write_text(header + "\n", encoding="utf-8")

    with pytest.raises(ExtractFileError, match=r"cbp_apprehensions\.csv: missing .*: dob"):
        read_extract_dir(tmp_path)


def test_two_files_of_one_extract_are_refused(tmp_path: Path) -> None:
    write_small_extracts(tmp_path)
    write_extract(tmp_path, Source.CBP, CBP_ROWS[:1], name="cbp_apprehensions (2).csv")

    with pytest.raises(ExtractFileError, match=r"already read from cbp_apprehensions"):
        read_extract_dir(tmp_path)


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputDirError, match="nowhere: not a folder"):
        read_extract_dir(tmp_path / "nowhere")


def test_a_folder_without_extracts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")

    with pytest.raises(InputDirError, match=r"no extract files"):
        read_extract_dir(tmp_path)
