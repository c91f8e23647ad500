"""Checking rows: normalised fields, names, row hashes and every row problem."""

from __future__ import annotations

import pytest

from amparo.engines.extracts import (
    SPECS,
    ExtractFileError,
    Problem,
    RejectedRow,
    Source,
    read_extract,
)
from amparo.engines.extracts.spec import MAX_ID_LENGTH
from tests.engines.test_extracts_reading import (
    CBP_COLUMNS,
    VALID,
    kept,
    make_csv,
    read_all,
    rejected,
    rows_of,
)


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
                "event_id": " E7 ",
                "apprehended_on": "7/4/2018",
                "sector": "el paso",
                "a_number": "A 12-345-678",
                "first_name": "  María  de los Ángeles ",
                "middle_name": "",
                "last_name": "Peña",
                "sex": " f ",
                "citizenship": "guatemala",
                "language": "K'ICHE'",
                "relationship": "child",
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


def row_hash(header: list[str], values: dict[str, str]) -> str:
    return kept(read_all(make_csv(header, [[values[c] for c in header]]))[0]).row_hash


def test_row_hash_counts_an_extra_column_only_when_it_holds_something() -> None:
    header = list(CBP_COLUMNS)
    plain = row_hash(header, VALID[Source.CBP])
    empty_extra = row_hash([*header, "notes"], {**VALID[Source.CBP], "notes": " "})
    filled_extra = row_hash([*header, "notes"], {**VALID[Source.CBP], "notes": "x"})
    assert plain == empty_extra
    assert plain != filled_extra


def test_row_hash_cannot_be_fooled_by_separator_characters() -> None:
    # relationship and separation_reason are neighbours in the hash's column
    # order; joined with a separator these two rows would read the same.
    header = list(CBP_COLUMNS)
    first = {**VALID[Source.CBP], "relationship": "a\x1fb", "separation_reason": "c"}
    second = {**VALID[Source.CBP], "relationship": "a", "separation_reason": "b\x1fc"}
    assert row_hash(header, first) != row_hash(header, second)
    assert row_hash(header, first) == row_hash(header, dict(first))
    extra = {**VALID[Source.CBP], "n\x1eote": "x"}
    assert row_hash([*header, "n\x1eote"], extra) != row_hash(header, VALID[Source.CBP])


def test_row_hash_differs_between_sources_with_the_same_values() -> None:
    cbp, orr = SPECS[Source.CBP], SPECS[Source.ORR]
    assert len(cbp.columns) == len(orr.columns)
    cells = [[f"v{i}" for i in range(len(cbp.columns))]]
    one = read_all(make_csv(list(cbp.columns), cells), cbp.filename)[0]
    other = read_all(make_csv(list(orr.columns), cells), orr.filename)[0]
    assert kept(one).row_hash != kept(other).row_hash


def test_every_problem_code_with_its_line_number() -> None:
    body = make_csv(
        list(CBP_COLUMNS),
        rows_of(
            Source.CBP,
            {"event_id": "E1"},  # 2 kept
            {"event_id": ""},  # 3 missing id
            {"event_id": "E1", "first_name": "Other"},  # 4 duplicate
            {
                "event_id": "E4",
                "first_name": "",
                "middle_name": "",
                "last_name": "",
                "a_number": "12",
            },  # 5 no identity
            {"event_id": "E5", "dob": "2018-02-30"},  # 6 bad date
            {"event_id": "E6", "a_number": "A-123"},  # 7 bad A-number
            {"event_id": "E7", "disposition": "DEPORTED"},  # 8 unknown code
            {
                "event_id": "E8",
                "first_name": "",
                "middle_name": "",
                "last_name": "",
                "a_number": "A201555017",
            },  # 9 kept: A-number only
        ),
    )
    data = body + b"E9,2018-05-20,ELP\r\n"  # 10 unparseable
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
        {"event_id": "", **nobody},  # missing id beats no identity
        {"event_id": "E1", **nobody},  # duplicate beats no identity
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


def test_a_nul_character_makes_the_row_unparseable() -> None:
    header = ",".join(SPECS[Source.ICE].columns)
    data = f'{header}\nI1,A201555017,"LOPEZ, AN\x00A",,,,,,,,\n'.encode()

    (row,) = list(read_extract(data, filename="ice_detention.csv"))

    assert isinstance(row, RejectedRow)
    assert (row.problem, row.record_id) == (Problem.UNPARSEABLE, "I1")


def test_an_id_longer_than_the_registry_keeps_is_rejected() -> None:
    header = ",".join(SPECS[Source.ICE].columns)
    long_id = "I" * (MAX_ID_LENGTH + 1)
    data = f'{header}\n{long_id},A201555017,"LOPEZ, ANA",,,,,,,,\n'.encode()

    (row,) = list(read_extract(data, filename="ice_detention.csv"))

    assert isinstance(row, RejectedRow)
    assert row.problem == Problem.UNPARSEABLE
    assert len(row.record_id) == MAX_ID_LENGTH


def test_a_header_with_a_nul_character_refuses_the_file() -> None:
    header = ",".join(SPECS[Source.ICE].columns).replace("facility", "faci\x00lity")

    with pytest.raises(ExtractFileError, match="NUL"):
        read_extract(f"{header}\n".encode(), filename="ice_detention.csv")
