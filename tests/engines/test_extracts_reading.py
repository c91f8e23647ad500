"""Reading whole extract files: encodings, formats, headers and every row problem."""

from __future__ import annotations

import csv
import io
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
        "event_id": "E1", "apprehended_on": "2018-05-20", "sector": "ELP",
        "family_unit_id": "FU1", "a_number": "201555017", "first_name": "Rosa",
        "middle_name": "Elena", "last_name": "López Pérez", "dob": "1990-03-14",
        "sex": "F", "citizenship": "GTM", "language": "Spanish", "relationship": "HEAD",
        "disposition": "PROSECUTION", "separation_reason": "",
    },
    Source.ICE: {
        "ice_record_id": "I1", "a_number": "201555017", "full_name": "LOPEZ PEREZ, ROSA ELENA",
        "dob": "3/14/1990", "sex": "F", "citizenship": "Guatemala", "facility": "Port Isabel",
        "book_in_on": "2018-05-22", "book_out_on": "", "book_out_reason": "",
        "removed_to": "",
    },
    Source.ORR: {
        "orr_case_id": "O1", "a_number": "A 209-111-222", "first_name": "Ana",
        "last_name": "López", "dob": "2012-01-02", "sex": "F", "citizenship": "Guatemala",
        "referred_on": "2018-05-23", "referred_by": "CBP", "separated": "Y",
        "parent_name_reported": "mi mamá Rosa", "parent_a_number_reported": "",
        "shelter": "Casa Padre", "discharged_on": "", "discharge_type": "",
    },
    Source.USCIS: {
        "fear_case_id": "U1", "a_number": "201555017", "given_name": "Rosa Elena",
        "family_name": "López Pérez", "dob": "1990-03-14", "citizenship": "GTM", "kind": "CF",
        "interviewed_on": "2018-06-01", "language": "Mam", "interpreter_language": "Spanish",
        "counsel_present": "N", "determination": "NEGATIVE", "ij_review": "AFFIRMED",
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


@pytest.mark.parametrize("source", list(Source))
def test_valid_row_of_every_source_is_kept_without_problems(source: Source) -> None:
    data = make_csv(list(SPECS[source].columns), rows_of(source, {}))
    reader = read_extract(data, filename=SPECS[source].filename)
    assert reader.source is source
    (row,) = list(reader)
    row = kept(row)
    assert row.problems == ()
    assert row.line == 2
    assert row.record_id == VALID[source][SPECS[source].id_column]
    assert row.fields["given_names_key"] and row.fields["surnames_key"]
    assert len(row.row_hash) == 64


def test_fields_are_normalised() -> None:
    data = make_csv(
        list(CBP_COLUMNS),
        rows_of(
            Source.CBP,
            {
                "event_id": " E7 ", "apprehended_on": "7/4/2018", "sector": "el paso",
                "a_number": "A 12-345-678", "first_name": "  María  de los Ángeles ",
                "middle_name": "", "last_name": "Peña", "sex": " f ",
                "citizenship": "guatemala", "language": "K'ICHE'", "relationship": "child",
            },
        ),
    )
    row = kept(read_all(data)[0])
    assert row.record_id == "E7"
    assert row.raw["event_id"] == " E7 "
    fields = row.fields
    assert list(fields)[: len(CBP_COLUMNS)] == list(CBP_COLUMNS)
    assert fields["apprehended_on"] == "2018-07-04"
    assert fields["sector"] == "ELP"
    assert fields["a_number"] == "012345678"
    assert fields["first_name"] == "María de los Ángeles"
    assert fields["middle_name"] is None
    assert fields["sex"] == "F"
    assert fields["citizenship"] == "GTM"
    assert fields["language"] == "K'iche'"
    assert fields["relationship"] == "CHILD"
    assert fields["separation_reason"] is None
    assert fields["given_names"] == "María de los Ángeles"
    assert fields["surnames"] == "Peña"
    assert fields["given_names_key"] == "MARIA DE LOS ANGELES"
    assert fields["surnames_key"] == "PENA"


def test_cbp_given_names_join_first_and_middle() -> None:
    data = make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {}))
    fields = kept(read_all(data)[0]).fields
    assert fields["given_names"] == "Rosa Elena"
    assert fields["surnames"] == "López Pérez"
    assert fields["surnames_key"] == "LOPEZ PEREZ"


def test_ice_full_name_is_split() -> None:
    spec = SPECS[Source.ICE]
    data = make_csv(list(spec.columns), rows_of(Source.ICE, {}))
    fields = kept(read_all(data, spec.filename)[0]).fields
    assert fields["full_name"] == "LOPEZ PEREZ, ROSA ELENA"
    assert (fields["given_names"], fields["surnames"]) == ("ROSA ELENA", "LOPEZ PEREZ")
    assert fields["dob"] == "1990-03-14"


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


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
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
    assert {k: v for k, v in row.fields.items()} == dict(in_order.fields)


def test_row_hash_ignores_column_order_and_whitespace_but_not_content() -> None:
    plain = kept(read_all(make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {})))[0])
    header = list(reversed(CBP_COLUMNS))
    padded = {column: f" {value} " for column, value in VALID[Source.CBP].items()}
    shuffled = kept(read_all(make_csv(header, [[padded[c] for c in header]]))[0])
    changed = kept(
        read_all(make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {"dob": "1990-03-15"})))[0]
    )
    assert plain.row_hash == shuffled.row_hash
    assert plain.row_hash != changed.row_hash


def test_header_names_are_case_and_space_insensitive() -> None:
    header = [f" {column.upper()} " for column in CBP_COLUMNS]
    reader = read_extract(make_csv(header, rows_of(Source.CBP, {})), filename="cbp_apprehensions.csv")
    assert reader.header == CBP_COLUMNS
    assert kept(next(iter(reader))).record_id == "E1"


def test_missing_required_column_is_refused_naming_it() -> None:
    header = [column for column in CBP_COLUMNS if column not in ("dob", "sector")]
    data = make_csv(header, [])
    with pytest.raises(ExtractFileError, match=r"missing required column\(s\).*sector, dob") as info:
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
        ("event_id;dob;sex\r\n".encode(), "comma-separated"),
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


def test_every_problem_code_with_its_line_number() -> None:
    body = make_csv(
        list(CBP_COLUMNS),
        rows_of(
            Source.CBP,
            {"event_id": "E1"},                                        # 2 kept
            {"event_id": ""},                                          # 3 missing id
            {"event_id": "E1", "first_name": "Other"},                 # 4 duplicate
            {"event_id": "E4", "first_name": "", "middle_name": "",
             "last_name": "", "a_number": "12"},                       # 5 no identity
            {"event_id": "E5", "dob": "2018-02-30"},                   # 6 bad date
            {"event_id": "E6", "a_number": "A-123"},                   # 7 bad A-number
            {"event_id": "E7", "disposition": "DEPORTED"},             # 8 unknown code
            {"event_id": "E8", "first_name": "", "middle_name": "",
             "last_name": "", "a_number": "A201555017"},               # 9 kept: A-number only
        ),
    )
    data = body + b"E9,2018-05-20,ELP\r\n"                             # 10 unparseable
    result = read_all(data)
    summary = [
        (row.line, row.record_id, row.problem)
        if isinstance(row, RejectedRow)
        else (row.line, row.record_id, tuple(p.problem for p in row.problems))
        for row in result
    ]
    assert summary == [
        (2, "E1", ()),
        (3, "", Problem.MISSING_ID),
        (4, "E1", Problem.DUPLICATE_ID),
        (5, "E4", Problem.NO_IDENTITY),
        (6, "E5", (Problem.BAD_DATE,)),
        (7, "E6", (Problem.BAD_A_NUMBER,)),
        (8, "E7", (Problem.UNKNOWN_CODE,)),
        (9, "E8", ()),
        (10, "E9", Problem.UNPARSEABLE),
    ]
    bad_date = kept(result[4]).problems[0]
    assert bad_date.column == "dob"
    assert bad_date.value == "2018-02-30"
    assert bad_date.message == (
        "dob: '2018-02-30' is not a real date (expected YYYY-MM-DD or M/D/YYYY)"
    )
    assert kept(result[4]).fields["dob"] is None
    assert kept(result[5]).fields["a_number"] is None
    assert kept(result[6]).fields["disposition"] is None
    assert "already used on line 2" in rejected(result[2]).message


def test_a_row_with_several_problems_keeps_them_all() -> None:
    changes = {"dob": "13/13/2018", "a_number": "A12", "sex": "X", "relationship": "NIECE"}
    row = kept(read_all(make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, changes)))[0])
    assert [(p.column, p.problem) for p in row.problems] == [
        ("a_number", Problem.BAD_A_NUMBER),
        ("dob", Problem.BAD_DATE),
        ("sex", Problem.UNKNOWN_CODE),
        ("relationship", Problem.UNKNOWN_CODE),
    ]


def test_rejection_precedence() -> None:
    nobody = {"first_name": "", "middle_name": "", "last_name": "", "a_number": ""}
    rows = rows_of(
        Source.CBP,
        {"event_id": "E1"},
        {"event_id": "", **nobody},     # missing id beats no identity
        {"event_id": "E1", **nobody},   # duplicate beats no identity
    )
    problems = [rejected(row).problem for row in read_all(make_csv(list(CBP_COLUMNS), rows))[1:]]
    assert problems == [Problem.MISSING_ID, Problem.DUPLICATE_ID]


def test_an_id_seen_on_a_rejected_row_is_still_taken() -> None:
    nobody = {"first_name": "", "middle_name": "", "last_name": "", "a_number": ""}
    rows = rows_of(Source.CBP, {"event_id": "E1", **nobody}, {"event_id": "E1"})
    problems = [rejected(row).problem for row in read_all(make_csv(list(CBP_COLUMNS), rows))]
    assert problems == [Problem.NO_IDENTITY, Problem.DUPLICATE_ID]


def test_punctuation_is_not_a_name() -> None:
    nobody = {"first_name": "?", "middle_name": "-", "last_name": "", "a_number": ""}
    row = rejected(read_all(make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, nobody)))[0])
    assert row.problem is Problem.NO_IDENTITY


def test_blank_lines_are_listed_and_comma_only_lines_are_rows() -> None:
    header = make_csv(list(CBP_COLUMNS), rows_of(Source.CBP, {}))
    data = header + b"\r\n" + b"," * (len(CBP_COLUMNS) - 1) + b"\r\n\r\n"
    reader = read_extract(data, filename="cbp_apprehensions.csv")
    result = list(reader)
    assert [(row.line, type(row).__name__) for row in result] == [
        (2, "KeptRow"),
        (4, "RejectedRow"),
    ]
    assert rejected(result[1]).problem is Problem.MISSING_ID
    assert reader.blank_lines == [3, 5]


def test_short_and_long_rows_are_unparseable_with_raw_cells() -> None:
    full = rows_of(Source.CBP, {})[0]
    data = make_csv(list(CBP_COLUMNS), [full[:3], [*full, "x", "y"]])
    short, long = (rejected(row) for row in read_all(data))
    assert (short.problem, short.record_id, short.line) == (Problem.UNPARSEABLE, "E1", 2)
    assert short.raw == {"event_id": "E1", "apprehended_on": "2018-05-20", "sector": "ELP"}
    assert long.raw["_column_17"] == "y"
    assert "17 cells" in long.message


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
