"""Property-based tests: no input makes the extract reader or the normalisers crash."""

from __future__ import annotations

import csv
import io
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from amparo.engines.extracts import (
    SPECS,
    ExtractFileError,
    KeptRow,
    RejectedRow,
    Source,
    decode_csv_bytes,
    normalise_a_number,
    normalise_country,
    normalise_language,
    normalise_name,
    normalise_sector,
    parse_date,
    read_extract,
    split_ice_full_name,
)

# Text that looks like what lands in extract cells, plus anything at all.
cell_text = st.one_of(
    st.text(),
    st.text(alphabet=" \t\r\n,\"'-./0123456789Aa"),
    st.sampled_from(["", " ", "A 201-555-017", "7/4/2018", "2018-02-30", "M", "ELP", "Peña"]),
)


@st.composite
def extract_files(draw: st.DrawFn) -> tuple[Source, bytes, int]:
    source = draw(st.sampled_from(list(Source)))
    header = list(SPECS[source].columns)
    header = draw(st.permutations(header))
    rows = draw(st.lists(st.lists(cell_text, min_size=len(header), max_size=len(header))))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return source, buffer.getvalue().encode(encoding), len(rows)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(extract_files())
def test_any_cell_values_give_one_result_per_row(file: tuple[Source, bytes, int]) -> None:
    source, data, row_count = file
    result = list(read_extract(data, filename=SPECS[source].filename))
    assert len(result) == row_count
    assert all(isinstance(row, KeptRow | RejectedRow) for row in result)
    lines = [row.line for row in result]
    assert lines == sorted(lines)
    assert len(set(lines)) == len(lines)
    for row in result:
        if isinstance(row, KeptRow):
            for problem in row.problems:
                assert row.fields[problem.column] is None


@settings(max_examples=300)
@given(st.binary(), st.sampled_from(["cbp_apprehensions.csv", "x.xlsx", "export.csv"]))
@example(b"PK\x03\x04", "x.xlsx")
@example(b"event_id\r\n", "cbp_apprehensions.csv")
@example(b'\xff\xfe"', "uscis_fear.csv")
def test_any_bytes_are_refused_or_read(data: bytes, filename: str) -> None:
    try:
        reader = read_extract(data, filename=filename)
    except ExtractFileError:
        return
    for row in reader:
        assert isinstance(row, KeptRow | RejectedRow)


@settings(max_examples=200)
@given(st.binary(), st.sampled_from(list(Source)))
def test_any_bytes_after_a_valid_header_are_read(body: bytes, source: Source) -> None:
    # With a complete, valid header no body can get the file refused.
    header = ",".join(SPECS[source].columns).encode() + b"\r\n"
    rows = list(read_extract(header + body, filename=SPECS[source].filename))
    assert all(isinstance(row, KeptRow | RejectedRow) for row in rows)


@given(st.binary())
def test_decode_never_fails(data: bytes) -> None:
    assert isinstance(decode_csv_bytes(data), str)


@given(st.text())
def test_normalise_a_number_is_idempotent(text: str) -> None:
    number = normalise_a_number(text)
    if number is not None:
        assert len(number) == 9
        assert number.isdigit()
        assert normalise_a_number(number) == number
        assert normalise_a_number("A" + number) == number


@given(st.text())
def test_parse_date_round_trips_iso(text: str) -> None:
    parsed = parse_date(text)
    if parsed is not None:
        assert parse_date(parsed.isoformat()) == parsed


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_both_contract_shapes(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day
    assert parse_date(f"{day.month:02}/{day.day:02}/{day.year}") == day


@given(st.text())
def test_normalise_name_is_idempotent(text: str) -> None:
    key = normalise_name(text)
    if key is not None:
        assert normalise_name(key) == key
        assert key == key.strip()
        assert "  " not in key


@given(st.text())
@example("ǰ")
@example("ß")
def test_free_code_normalisers_are_idempotent(text: str) -> None:
    for normalise in (normalise_country, normalise_language, normalise_sector):
        value = normalise(text)
        if value is not None:
            assert normalise(value) == value


@given(st.text())
def test_split_ice_full_name_never_raises(text: str) -> None:
    given_names, surnames = split_ice_full_name(text)
    assert given_names == given_names.strip()
    assert surnames == surnames.strip()
