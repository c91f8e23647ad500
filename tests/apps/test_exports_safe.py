"""Exports a spreadsheet opens show agency text, never run it.

Property tests on the two safe writers (CSV and XLSX), every export page fed a
formula, and a scan of the source so that no export bypasses the writers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from amparo.apps.accounts.models import User
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.engines.exports import neutralise_formula, write_safe_csv, write_safe_xlsx
from amparo.engines.extracts import SPECS, Source
from tests.conftest import client_for

SRC = Path(__file__).resolve().parents[2] / "src" / "amparo"

# What Excel, LibreOffice and Google Sheets read as the start of a formula, with the
# full-width forms some of them fold to the ASCII ones.
FORMULA_STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
formulas = st.builds(
    lambda spaces, start, rest: spaces + start + rest,
    st.text(alphabet=" ", max_size=3),
    st.sampled_from(FORMULA_STARTS),
    st.text(max_size=30),
)
any_cell = st.one_of(formulas, st.text(max_size=30), st.integers(), st.none())


def _is_inert(cell: str) -> bool:
    return not cell.lstrip(" ").startswith(tuple(FORMULA_STARTS))


@given(st.lists(st.lists(any_cell, min_size=1, max_size=4), max_size=5))
def test_no_csv_cell_starts_a_formula(rows: list[list[object]]) -> None:
    out = io.StringIO()
    write_safe_csv(out, ["a", "=b", "c", "d"], rows)

    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(read) == len(rows) + 1
    for written, original in zip(read[1:], rows, strict=True):
        for cell, value in zip(written, original, strict=True):
            assert _is_inert(cell)
            text = "" if value is None else str(value)
            # Nothing lost: the text itself, or behind the apostrophe that makes it text.
            assert cell in {text, "'" + text}


@given(formulas)
def test_a_formula_is_neutralised_by_an_apostrophe(value: str) -> None:
    assert neutralise_formula(value) == "'" + value


@given(st.lists(st.lists(any_cell, min_size=1, max_size=4), max_size=5))
def test_no_xlsx_cell_is_a_formula(rows: list[list[object]]) -> None:
    out = io.BytesIO()
    write_safe_xlsx(out, ["a", "=b"], rows)

    sheet_xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    assert b"<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    # The header and every row, each of its values kept as text.
    assert sheet.max_row == len(rows) + 1 if rows else sheet.max_row == 1


def test_xlsx_keeps_the_text_of_a_formula_and_replaces_what_xml_cannot_hold() -> None:
    out = io.BytesIO()
    write_safe_xlsx(out, ["value"], [['=HYPERLINK("http://x","y")'], ["a\x00b\x1fc"]])

    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    assert [c.value for c in sheet["A"]] == [
        "value",
        '=HYPERLINK("http://x","y")',
        "a\ufffdb\ufffdc",
    ]
    assert [c.data_type for c in sheet["A"]] == ["s", "s", "s"]


HOSTILE = "=cmd|' /C calc'!A0"


def _inert_csv(body: bytes) -> list[list[str]]:
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    for row in table:
        for cell in row:
            assert _is_inert(cell), cell
    return table


@pytest.mark.django_db
def test_the_row_report_export_is_inert(carmen: User) -> None:
    spec = SPECS[Source.ORR]
    row = dict.fromkeys(spec.columns, "")
    row.update(
        {spec.id_column: "ORR-1", "first_name": HOSTILE, "last_name": "+SUM(1)", "dob": "@now"}
    )
    text = ",".join(spec.columns) + "\n" + ",".join(f'"{row[c]}"' for c in spec.columns) + "\n"
    batch = import_batch_create(
        actor=carmen, files=[UploadedExtract(spec.filename, text.encode("utf-8"))]
    )
    import_batch_run(batch_id=batch.pk, actor=carmen)
    batch = ImportBatch.objects.get(pk=batch.pk)
    assert batch.issues.exists()

    response = client_for(carmen).get(f"/imports/{batch.public_id}/row-report.csv")

    assert response.status_code == 200
    table = _inert_csv(response.content)
    assert any(cell == "'@now" for row in table for cell in row)


@pytest.mark.django_db
def test_the_roster_export_is_inert(carmen: User, computed: object) -> None:
    from amparo.apps.eligibility.models import PersonEligibility

    current = PersonEligibility.objects.filter(
        superseded_at__isnull=True, ms_l_parent="yes"
    ).select_related("person")
    person = current.first()
    assert person is not None
    # A name as an agency might send it; people are written by services, but no
    # service renames a person, so the row is changed directly for this check.
    type(person.person).objects.filter(pk=person.person.pk).update(given_names=HOSTILE)

    response = client_for(carmen).get("/eligibility/roster/ms_l/export.csv")

    assert response.status_code == 200
    table = _inert_csv(response.content)
    assert any(cell == "'" + HOSTILE for row in table for cell in row)


# Writers of CSV or XLSX that are not exports for people: each with its reason.
MACHINE_FILES = {
    # The identification run's output files, read back by programs that must find
    # the same ids (EXTRACTS.md); never served by the app.
    "engines/identify/outputs.py",
    # An in-memory buffer read straight back by the extract reader.
    "engines/linkage/quality.py",
    # Synthetic extracts written for tests and the demo.
    "engines/synth/writer.py",
    # The safe writers themselves.
    "engines/exports/csv_safe.py",
    "engines/exports/xlsx_safe.py",
}
WRITER = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(|\.to_csv\(|\.to_excel\(")


def test_every_spreadsheet_writer_is_a_safe_one() -> None:
    writers = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if WRITER.search(path.read_text(encoding="utf-8"))
    }
    assert writers - MACHINE_FILES == set()


def test_every_csv_response_is_written_by_the_safe_writer() -> None:
    """A view module that answers text/csv writes it with write_safe_csv (or serves a
    report's as_csv, which does)."""
    for path in (SRC / "apps").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "text/csv" in source:
            assert "write_safe_csv" in source or "as_csv()" in source, path
