"""Whatever bytes arrive as an extract, an import ends imported or refused,
never failed, and a refused batch writes nothing to the registry."""

from __future__ import annotations

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
