"""The import pages: who may upload, what they see, and the safe CSV export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from amparo.apps.accounts.models import User
from amparo.apps.ingest.models import BatchStatus, ImportBatch
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def upload(client: Client, folder: Path) -> object:
    files = [
        SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv")
        for p in sorted(folder.glob("*.csv"))
    ]
    return client.post(reverse("ingest:batch_list"), {"extracts": files, "note": "weekly extract"})


def test_the_import_page_requires_login() -> None:
    response = Client().get(reverse("ingest:batch_list"))

    assert response.status_code == 302


def test_counsel_may_not_import(lena: User, small_world: Path) -> None:
    response = upload(client_for(lena), small_world)

    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not ImportBatch.objects.exists()


def test_the_import_page_rejects_put(carmen: User) -> None:
    assert client_for(carmen).put(reverse("ingest:batch_list")).status_code == 405


def test_a_coordinator_uploads_a_world_and_sees_its_row_report(
    carmen: User, small_world: Path
) -> None:
    client = client_for(carmen)

    response = upload(client, small_world)

    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse(  # type: ignore[index]
        "ingest:batch_detail", args=[batch.public_id]
    )
    assert batch.status == BatchStatus.SUCCEEDED
    page = client.get(reverse("ingest:batch_detail", args=[batch.public_id])).content.decode()
    assert "duplicate_id" in page
    assert "no_identity" in page


def test_uploading_nothing_is_a_clear_error(carmen: User) -> None:
    response = client_for(carmen).post(reverse("ingest:batch_list"), {"note": "x"})

    assert response.status_code == 400
    assert "No file was uploaded" in response.content.decode()


def test_another_roles_batch_is_not_found_for_counsel(
    carmen: User, lena: User, small_world: Path
) -> None:
    upload(client_for(carmen), small_world)
    batch = ImportBatch.objects.get()

    response = client_for(lena).get(reverse("ingest:batch_detail", args=[batch.public_id]))

    assert response.status_code == 403


def test_the_row_report_export_cannot_run_formulas(carmen: User) -> None:
    header = (
        "fear_case_id,a_number,given_name,family_name,dob,citizenship,kind,interviewed_on,"
        "language,interpreter_language,counsel_present,determination,ij_review"
    )
    hostile = (
        f'{header}\n=HYPERLINK("http://x"),,,,,,,,,,,,\nFC2,,Ana,Cux,2019-02-30,GTM,CF,,,,,,\n'
    )
    client = client_for(carmen)
    client.post(
        reverse("ingest:batch_list"),
        {"extracts": [SimpleUploadedFile("uscis_fear.csv", hostile.encode())]},
    )
    batch = ImportBatch.objects.get()

    response = client.get(reverse("ingest:batch_issues_csv", args=[batch.public_id]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells)
