"""Whatever bytes arrive as an extract, an import ends imported or refused,
never failed, and a refused batch writes nothing to the registry; whatever rows a
well-formed file holds, in every format (CSV in UTF-8, UTF-8 with a BOM or cp1252;
XLSX) and from every source, each is imported, already present or reported."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amparo.apps.ingest.models import BatchStatus
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.apps.registry.models import SourceRecord
from amparo.engines.extracts import SPECS, Source

HEADER = ",".join(SPECS[Source.ORR].columns)
cells = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    # Around the registry's id width, where a database would refuse a longer value.
    st.text(alphabet="AB\x00", min_size=115, max_size=125),
)
rows = st.lists(
    st.lists(
        cells, min_size=len(SPECS[Source.ORR].columns), max_size=len(SPECS[Source.ORR].columns) + 1
    ),
    max_size=8,
)


def _csv_line(values: list[str]) -> str:
    return ",".join('"' + v.replace('"', '""') + '"' for v in values)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_are_imported_or_refused(data: bytes) -> None:
    before = SourceRecord.objects.count()
    batch = import_batch_create(
        actor=None, files=[UploadedExtract("orr_referrals.csv", data or b"\n")]
    )
    batch = import_batch_run(batch_id=batch.pk)

    assert batch.status in {BatchStatus.SUCCEEDED, BatchStatus.REFUSED}
    if batch.status == BatchStatus.REFUSED:
        assert batch.error
        assert SourceRecord.objects.count() == before


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=rows)
def test_arbitrary_rows_are_each_imported_or_reported(body: list[list[str]]) -> None:
    text = "\n".join([HEADER, *(_csv_line(r) for r in body)]) + "\n"
    batch = import_batch_create(
        actor=None, files=[UploadedExtract("orr_referrals.csv", text.encode("utf-8"))]
    )
    batch = import_batch_run(batch_id=batch.pk)

    assert batch.status == BatchStatus.SUCCEEDED
    rejected = batch.issues.filter(rejected=True).count()
    assert batch.rows_imported + batch.rows_already_present + rejected == batch.rows_total


# --- Every format an extract arrives in, every source ------------------------------

# Text a spreadsheet can hold (XML 1.0 refuses most control characters, so no real
# workbook carries them) and text cp1252 can encode.
_XML_SAFE = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])
_CP1252 = st.characters(codec="cp1252", exclude_characters="\x00")
ENCODINGS = {"utf-8": "utf-8", "utf-8 with BOM": "utf-8-sig", "cp1252": "cp1252"}


def _accounted_for(batch_id: int) -> None:
    batch = import_batch_run(batch_id=batch_id)
    assert batch.status == BatchStatus.SUCCEEDED, batch.error
    rejected = batch.issues.filter(rejected=True).count()
    assert batch.rows_imported + batch.rows_already_present + rejected == batch.rows_total
    # Every problem names where it is.
    for issue in batch.issues.all():
        assert issue.line >= 2
        assert issue.problem


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ENCODINGS.values(), ids=ENCODINGS.keys())
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(source=st.sampled_from(list(Source)), data=st.data())
def test_csv_in_every_encoding_is_imported_or_reported(
    encoding: str, source: Source, data: st.DataObject
) -> None:
    spec = SPECS[source]
    alphabet = _CP1252 if encoding == "cp1252" else _XML_SAFE
    body = data.draw(
        st.lists(
            st.lists(
                st.text(alphabet=alphabet, max_size=14),
                min_size=len(spec.columns) - 1,
                max_size=len(spec.columns) + 1,
            ),
            max_size=6,
        )
    )
    text = "\n".join([",".join(spec.columns), *(_csv_line(r) for r in body)]) + "\n"
    batch = import_batch_create(
        actor=None, files=[UploadedExtract(spec.filename, text.encode(encoding))]
    )
    _accounted_for(batch.pk)


xlsx_cells = st.one_of(
    st.none(),
    st.text(alphabet=_XML_SAFE, max_size=14),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(source=st.sampled_from(list(Source)), data=st.data())
def test_xlsx_with_any_cells_is_imported_or_reported(source: Source, data: st.DataObject) -> None:
    spec = SPECS[source]
    body = data.draw(
        st.lists(
            st.lists(xlsx_cells, min_size=len(spec.columns) - 1, max_size=len(spec.columns) + 1),
            max_size=6,
        )
    )
    workbook = _xlsx([list(spec.columns), *body])
    batch = import_batch_create(
        actor=None, files=[UploadedExtract(spec.filename.replace(".csv", ".xlsx"), workbook)]
    )
    _accounted_for(batch.pk)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(garbage=st.binary(max_size=300), cut=st.integers(min_value=0, max_value=4000))
def test_a_damaged_workbook_is_refused_never_failed(garbage: bytes, cut: int) -> None:
    """A real workbook cut short or with bytes spliced in: refused with a reason or
    read, and nothing written when refused."""
    spec = SPECS[Source.CBP]
    whole = _xlsx([list(spec.columns), ["E-1", "2018-05-01"]])
    cut = min(cut, len(whole))
    damaged = whole[:cut] + garbage + whole[cut + len(garbage) :]
    before = SourceRecord.objects.count()
    batch = import_batch_create(
        actor=None, files=[UploadedExtract("cbp_apprehensions.xlsx", damaged or b"PK")]
    )
    batch = import_batch_run(batch_id=batch.pk)

    assert batch.status in {BatchStatus.SUCCEEDED, BatchStatus.REFUSED}
    if batch.status == BatchStatus.REFUSED:
        assert batch.error
        assert SourceRecord.objects.count() == before
