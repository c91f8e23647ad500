"""Uploads are limited in size and in kind, by their bytes: one check (core/files.py)
for every scan and document, and a size limit and an unpacked-size limit for extracts.
Whatever is refused is refused with a clear message and leaves nothing behind."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import User
from amparo.apps.core.files import JPEG, PDF, PNG, UploadRefused, upload_check
from amparo.apps.elections.models import Election
from amparo.apps.elections.services import ScanUpload
from amparo.apps.ingest.models import BatchStatus
from amparo.apps.ingest.services import (
    ImportRefused,
    UploadedExtract,
    import_batch_create,
    import_batch_run,
)
from amparo.apps.notices.models import Objection
from amparo.apps.notices.objections import ObjectionInputError, objection_record_paper
from amparo.apps.registry.models import SourceRecord
from amparo.apps.returns import services as returns
from amparo.apps.returns.models import Consent, Evidence
from amparo.engines.extracts import xlsx as xlsx_reader
from tests.apps.test_elections_services import make_rosa, refusal
from tests.apps.test_objections import wants_in
from tests.conftest import client_for
from tests.returns_world import open_case, partner_org, reach

pytestmark = pytest.mark.django_db

GOOD_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HOSTILE_FILES = {
    "windows executable named .pdf": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
    "linux executable named .pdf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8,
    "html page named .pdf": b"<!DOCTYPE html><script>alert(document.cookie)</script>",
    "svg named .pdf": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "zip named .pdf": b"PK\x03\x04" + b"\x00" * 26,
    "bare pdf signature": b"%PDF-",
}
ONE_MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AMPARO_MAX_SCAN_BYTES = ONE_MB
    return tmp_path / "media"


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- The one check ---------------------------------------------------------------


@pytest.mark.parametrize("data", HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_the_check_refuses_what_is_not_a_pdf_png_or_jpeg(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="PDF, PNG or JPEG"):
        upload_check(data)


def test_the_check_refuses_an_empty_file_and_an_oversize_one() -> None:
    with pytest.raises(UploadRefused, match="Attach the file"):
        upload_check(b"")
    with pytest.raises(UploadRefused, match="larger than 1 MB"):
        upload_check(GOOD_PDF + b"0" * ONE_MB)
    # The limit itself is allowed.
    assert upload_check(GOOD_PDF + b"0" * (ONE_MB - len(GOOD_PDF))) == PDF


def test_the_check_names_the_kind_by_the_bytes() -> None:
    assert upload_check(GOOD_PDF) == PDF
    assert upload_check(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8) == PNG
    assert upload_check(b"\xff\xd8\xff\xe0" + b"\x00" * 8) == JPEG


# --- The three places that keep uploaded scans ------------------------------------


def _election(lena: User, carmen: User, data: bytes) -> str:
    refused = refusal(lena, make_rosa(), scan=ScanUpload(filename="form.pdf", data=data))
    assert Election.objects.count() == 0
    return str(refused)


def _objection(lena: User, carmen: User, data: bytes) -> str:
    with pytest.raises(ObjectionInputError) as refused:
        objection_record_paper(
            actor=carmen,
            data=wants_in(),
            scan=data,
            received_on=timezone.now() - timedelta(days=1),
        )
    assert refused.value.field == "scan"
    assert Objection.objects.count() == 0
    return str(refused.value)


def _evidence(lena: User, carmen: User, data: bytes) -> str:
    # Evidence is added by counsel while the application is prepared.
    _family, case = open_case(carmen)
    case = reach(lena, case)
    case = returns.wish_record(
        actor=lena, case=case, expected_version=case.version, wish="apply", on=timezone.localdate()
    )
    with pytest.raises(returns.ReturnInputError) as refused:
        returns.evidence_add(actor=lena, case=case, description="letter", data=data)
    assert Evidence.objects.count() == 0
    return str(refused.value)


def _consent(lena: User, carmen: User, data: bytes) -> str:
    _family, case = open_case(carmen)
    case = reach(carmen, case)
    with pytest.raises(returns.ReturnInputError) as refused:
        returns.consent_record(
            actor=carmen,
            case=case,
            partner=partner_org(),
            categories=["case_status"],
            signed_on=timezone.localdate(),
            scan=data,
        )
    assert Consent.objects.count() == 0
    return str(refused.value)


PLACES: dict[str, Callable[[User, User, bytes], str]] = {
    "election scan": _election,
    "paper objection scan": _objection,
    "return evidence": _evidence,
    "return consent scan": _consent,
}


@pytest.fixture
def people(lena: User, carmen: User) -> tuple[User, User]:
    return lena, carmen


@pytest.mark.parametrize("place", PLACES.keys())
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (HOSTILE_FILES["windows executable named .pdf"], "PDF, PNG or JPEG"),
        (HOSTILE_FILES["html page named .pdf"], "PDF, PNG or JPEG"),
        (GOOD_PDF + b"0" * ONE_MB, "larger than 1 MB"),
    ],
    ids=["executable", "html", "oversize"],
)
def test_every_place_refuses_with_a_clear_message_and_stores_nothing(
    place: str, data: bytes, message: str, people: tuple[User, User], media_root: Path
) -> None:
    assert message in PLACES[place](*people, data)
    assert _stored(media_root) == []


def test_the_paper_objection_page_refuses_an_html_page_sent_as_a_pdf(
    carmen: User, media_root: Path
) -> None:
    scan = SimpleUploadedFile(
        "carta.pdf", HOSTILE_FILES["html page named .pdf"], content_type="application/pdf"
    )
    response = client_for(carmen).post(
        "/notices/objections/paper",
        {
            "received_on": "2018-10-20",
            "categories": ["relief"],
            "cases": ["ms_l"],
            "text": "Pido que el acuerdo incluya a los padres ya deportados.",
            "language": "Spanish",
            "scan": scan,
        },
    )
    assert response.status_code in {200, 400}
    assert "PDF, PNG or JPEG" in response.content.decode()
    assert Objection.objects.count() == 0
    assert _stored(media_root) == []


# --- Extracts ----------------------------------------------------------------------


def test_an_oversize_extract_is_refused_before_it_is_stored(
    carmen: User, settings: Settings, media_root: Path
) -> None:
    settings.AMPARO_MAX_EXTRACT_BYTES = ONE_MB
    with pytest.raises(ImportRefused, match="larger than 1 MiB"):
        import_batch_create(
            actor=carmen, files=[UploadedExtract("orr_referrals.csv", b"x" * (ONE_MB + 1))]
        )
    assert _stored(media_root) == []


def _declared_bomb() -> bytes:
    """A tiny workbook whose sheet says it unpacks to 4 GB (the sizes in the zip's
    headers are what a bomb declares; zipfile inflates no further than them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    data = bytearray(out.getvalue())
    huge = struct.pack("<I", 0xFFFF_FFF0)
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = huge
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = huge
    return bytes(data)


def _real_bomb(megabytes: int) -> bytes:
    """A workbook part that really inflates to `megabytes` of XML whitespace."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(b" " * ONE_MB)
    return out.getvalue()


def _import(actor: User, data: bytes) -> str:
    batch = import_batch_create(
        actor=actor, files=[UploadedExtract("cbp_apprehensions.xlsx", data)]
    )
    batch = import_batch_run(batch_id=batch.pk, actor=actor)
    assert batch.status == BatchStatus.REFUSED
    assert SourceRecord.objects.count() == 0
    return batch.error


def test_a_zip_bomb_workbook_is_refused_unread(carmen: User) -> None:
    assert "unpacks to" in _import(carmen, _declared_bomb())


def test_a_workbook_that_really_inflates_past_the_limit_is_refused(
    carmen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_UNPACKED_BYTES", 8 * ONE_MB)
    bomb = _real_bomb(12)
    assert len(bomb) < 100_000  # small on the wire, 12 MB unpacked
    error = _import(carmen, bomb)
    assert "unpacks to 12 MB" in error
    assert "more than the 8 MB" in error
