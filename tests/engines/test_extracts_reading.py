"""Reading whole extract files: encodings, formats, headers and every row problem."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime

import openpyxl
import pytest

from amparo.engines.extracts import (
    SPECS,
    ExtractError,
    ExtractFileError,
    KeptRow,
    Problem,
    RejectedRow,
    Source,
    detect_source,
    read_extract,
)

CBP_COLUMNS = SPECS[Source.CBP].columns

# One valid row per source, as a producer following the contract would write it.
VALID: dict[Source, dict[str, str]] = {
    Source.CBP: {
        "event_id": "E1",
        "apprehended_on": "2018-05-20",
        "sector": "ELP",
        "family_unit_id": "FU1",
        "a_number": "201555017",
        "first_name": "Rosa",
        "middle_name": "Elena",
        "last_name": "López Pérez",
        "dob": "1990-03-14",
        "sex": "F",
        "citizenship": "GTM",
        "language": "Spanish",
        "relationship": "HEAD",
        "disposition": "PROSECUTION",
        "separation_reason": "",
    },
    Source.ICE: {
        "ice_record_id": "I1",
        "a_number": "201555017",
        "full_name": "LOPEZ PEREZ, ROSA ELENA",
        "dob": "3/14/1990",
        "sex": "F",
        "citizenship": "Guatemala",
        "facility": "Port Isabel",
        "book_in_on": "2018-05-22",
        "book_out_on": "",
        "book_out_reason": "",
        "removed_to": "",
    },
    Source.ORR: {
        "orr_case_id": "O1",
        "a_number": "A 209-111-222",
        "first_name": "Ana",
        "last_name": "López",
        "dob": "2012-01-02",
        "sex": "F",
        "citizenship": "Guatemala",
        "referred_on": "2018-05-23",
        "referred_by": "CBP",
        "separated": "Y",
        "parent_name_reported": "mi mamá Rosa",
        "parent_a_number_reported": "",
        "shelter": "Casa Padre",
        "discharged_on": "",
        "discharge_type": "",
    },
    Source.USCIS: {
        "fear_case_id": "U1",
        "a_number": "201555017",
        "given_name": "Rosa Elena",
        "family_name": "López Pérez",
        "dob": "1990-03-14",
        "citizenship": "GTM",
        "kind": "CF",
        "interviewed_on": "2018-06-01",
        "language": "Mam",
        "interpreter_language": "Spanish",
        "counsel_present": "N",
        "determination": "NEGATIVE",
        "ij_review": "AFFIRMED",
    },
}


def make_csv(
    header: list[str], rows: list[list[str]], *, encoding: str = "utf-8", newline: str = "\r\n"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def rows_of(source: Source, *changes: dict[str, str]) -> list[list[str]]:
    columns = SPECS[source].columns
    return [[{**VALID[source], **change}[column] for column in columns] for change in changes]


def read_all(data: bytes, filename: str = "cbp_apprehensions.csv") -> list[KeptRow | RejectedRow]:
    return list(read_extract(data, filename=filename))


def kept(row: KeptRow | RejectedRow) -> KeptRow:
    assert isinstance(row, KeptRow), row
    return row


def rejected(row: KeptRow | RejectedRow) -> RejectedRow:
    assert isinstance(row, RejectedRow), row
    return row


def test_utf8_with_bom() -> None:
    data = b"\xef\xbb\xbf" + make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {}))
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    assert reader.header[0] == "event_id"
    assert reader.encoding == "utf-8-sig"
    assert kept(next(iter(reader))).fields["last_name"] == "López Pérez"


def test_plain_utf8() -> None:
    data = make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {"first_name": "José"}))
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    assert reader.encoding == "utf-8"
    assert kept(next(iter(reader))).fields["first_name"] == "José"


def test_windows_1252() -> None:
    data = make_csv(
        list(CBP_COLUMNS),
        rows_of(Source.CBP, {"first_name": "José", "last_name": "Peña"}),
        encoding="cp1252",
    )
    assert b"Pe\xf1a" in data
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    row = kept(next(iter(reader)))
    assert reader.encoding == "windows-1252"
    assert (row.fields["first_name"], row.fields["last_name"]) == ("José", "Peña")
    assert row.fields["surnames_key"] == "PENA"


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_read_as_the_text_a_person_sees() -> None:
    values: dict[str, object] = {
        **VALID[Source.CBP],
        "apprehended_on": datetime(2018, 7, 4),
        "dob": date(1990, 3, 14),
        "a_number": 12345678,
        "family_unit_id": 42.0,
        "separation_reason": None,
    }
    data = xlsx_bytes([list(CBP_COLUMNS), [values[column] for column in CBP_COLUMNS]])
    # Named .csv on purpose: the bytes decide the format.
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    assert reader.format == "xlsx"
    row = kept(next(iter(reader)))
    assert row.line == 2
    assert row.raw["apprehended_on"] == "2018-07-04"
    assert row.raw["a_number"] == "12345678"
    assert row.raw["family_unit_id"] == "42"
    assert row.raw["separation_reason"] == ""
    assert row.fields["dob"] == "1990-03-14"
    assert row.fields["a_number"] == "012345678"
    assert row.problems == ()


def test_xlsx_line_numbers_skip_blank_rows_and_pad_short_rows() -> None:
    header = list(CBP_COLUMNS)
    short = ["E2", "2018-05-20", "ELP", "", "", "Ana"]  # trailing cells left empty
    data = xlsx_bytes([header, rows_of(Source.CBP, {})[0], [], short])
    reader = read_extract(data, filename="cbp_apprehensions.xlsx")
    rows = list(reader)
    assert [row.line for row in rows] == [2, 4]
    assert kept(rows[1]).fields["first_name"] == "Ana"
    assert reader.blank_lines == [3]


def test_xlsx_row_longer_than_header_is_unparseable() -> None:
    data = xlsx_bytes([list(CBP_COLUMNS), [*rows_of(Source.CBP, {})[0], "surprise"]])
    row = rejected(read_all(data, "cbp_apprehensions.xlsx")[0])
    assert (row.problem, row.line, row.record_id) == (Problem.UNPARSEABLE, 2, "E1")


def test_unreadable_xlsx_is_refused() -> None:
    with pytest.raises(ExtractFileError, match="not a readable XLSX"):
        read_extract(b"PK\x03\x04 not really a zip", filename="cbp_apprehensions.xlsx")


def test_old_xls_is_refused() -> None:
    with pytest.raises(ExtractFileError, match=r"97-2003"):
        read_extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, filename="x.xls")


def test_quoted_commas_and_newlines_keep_physical_line_numbers() -> None:
    rows = rows_of(
        Source.CBP,
        {"event_id": "E1", "last_name": "López, Pérez"},
        {"event_id": "E2", "separation_reason": "line one\nline two\r\nline three"},
        {"event_id": "E3"},
    )
    data = make_csv(list(CBP_COLUMNS), rows)
    result = [kept(row) for row in read_all(data)]
    assert [row.line for row in result] == [2, 3, 6]
    assert result[0].fields["last_name"] == "López, Pérez"
    assert result[1].raw["separation_reason"] == "line one\nline two\r\nline three"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    rows = rows_of(Source.CBP, {"event_id": "E1"}, {"event_id": "E2"})
    data = make_csv(list(CBP_COLUMNS), rows, newline=newline)
    assert [row.line for row in read_all(data)] == [2, 3]


def test_column_order_shuffled_and_extra_column_kept_in_raw() -> None:
    header = [*reversed(CBP_COLUMNS), "Agent Notes"]
    values = {**VALID[Source.CBP], "agent notes": "spoke Mam"}
    data = make_csv(header, [[values[column.lower()] for column in header]])
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    assert reader.extra_columns == ("agent notes",)
    row = kept(next(iter(reader)))
    assert row.raw["agent notes"] == "spoke Mam"
    assert "agent notes" not in row.fields
    assert row.fields["last_name"] == "López Pérez"
    in_order = kept(read_all(make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {})))[0])
    assert dict(row.fields) == dict(in_order.fields)


def test_header_names_are_case_and_space_insensitive() -> None:
    header = [f" {column.upper()} " for column in CBP_COLUMNS]
    reader = read_extract(
        make_csv(header, rows_of(Source.CBP, {})), filename="cbp_apprehensions.csv"
    )
    assert reader.header == CBP_COLUMNS
    assert kept(next(iter(reader))).record_id == "E1"


def test_missing_required_column_is_refused_naming_it() -> None:
    header = [column for column in CBP_COLUMNS if column not in ("dob", "sector")]
    data = make_csv(header, [])
    with pytest.raises(
        ExtractFileError, match=r"missing required column\(s\).*sector, dob"
    ) as info:
        read_extract(data, filename="cbp_apprehensions.csv")
    assert info.value.filename == "cbp_apprehensions.csv"
    assert "cbp_apprehensions.csv" in str(info.value)
    assert isinstance(info.value, ExtractError)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b",,,\r\n1,2,3,4\r\n", "no column names"),
        (b"event_id,dob,DOB\r\n", "repeats column.*dob"),
        (b"event_id;dob;sex\r\n", "comma-separated"),
    ],
)
def test_unusable_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ExtractFileError, match=message):
        read_extract(data, filename="cbp_apprehensions.csv")


def test_unknown_file_is_refused() -> None:
    with pytest.raises(ExtractFileError, match="cannot tell which extract"):
        read_extract(b"name,age\r\nAna,6\r\n", filename="people.csv")


@pytest.mark.parametrize(
    ("filename", "header", "expected"),
    [
        ("cbp_apprehensions.csv", None, Source.CBP),
        ("CBP_Apprehensions.XLSX", None, Source.CBP),
        ("2018-07_cbp_apprehensions (1).csv", None, Source.CBP),
        ("exports/2018/ice-detention.csv", None, Source.ICE),
        ("C:\\Users\\ana\\Downloads\\orr_referrals.xlsx", None, Source.ORR),
        ("USCIS fear.csv", None, Source.USCIS),
        ("export.csv", ["Fear_Case_ID", "a_number"], Source.USCIS),
        ("cbp_apprehensions_vs_ice_detention.csv", ["ice_record_id"], Source.ICE),
    ],
)
def test_detect_source(filename: str, header: list[str] | None, expected: Source) -> None:
    assert detect_source(filename, header) is expected


@pytest.mark.parametrize(
    ("filename", "header"),
    [("export.csv", None), ("export.csv", ["name"]), ("a.csv", ["event_id", "orr_case_id"])],
)
def test_detect_source_refuses(filename: str, header: list[str] | None) -> None:
    with pytest.raises(ExtractFileError, match=filename):
        detect_source(filename, header)


def test_explicit_source_overrides_the_name() -> None:
    data = make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {}))
    assert read_extract(data, filename="upload.csv", source=Source.CBP).source is Source.CBP


def test_reader_can_be_iterated_twice() -> None:
    data = make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {}, {"event_id": "E2"}))
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    first = list(reader)
    assert list(reader) == first
    assert all(isinstance(row, KeptRow) for row in first)


def test_rows_are_streamed() -> None:
    rows = rows_of(Source.CBP, *({"event_id": f"E{i}"} for i in range(1000)))
    data = make_csv(list(CBP_COLUMNS), rows) + b'E1000,"never closed\r\n'
    iterator = iter(read_extract(data, filename="cbp_apprehensions.csv"))
    assert kept(next(iterator)).line == 2
    *_, last = iterator
    assert rejected(last).problem is Problem.UNPARSEABLE
