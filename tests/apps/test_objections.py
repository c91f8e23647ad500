"""Objections: the public form's submissions accepted with a receipt, malformed or
oversized ones refused with the field named and nothing stored, automated ones (the
honeypot) refused, floods throttled per address; paper objections entered with their
scan and docket number; late ones accepted and flagged; the objector tied to the
registry when their A-number is known."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.notices.models import Objection, ObjectionSource, TranslationStatus
from amparo.apps.notices.objections import (
    MAX_TEXT,
    ObjectionInput,
    ObjectionInputError,
    objection_record_paper,
    objection_submit,
    submission_allowed,
)
from amparo.apps.notices.packet import scrub
from amparo.apps.notices.services import hearing_set
from tests.conftest import client_for
from tests.interviews_world import make_family
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a scanned page\n"


def wants_in(**changes: object) -> ObjectionInput:
    values: dict[str, object] = {
        "text": "Soy la abuela y tutora legal de mi nieta; también nos separaron.",
        "categories": ["included"],
        "cases": ["ms_l"],
        "language": "Spanish",
    }
    values.update(changes)
    return ObjectionInput(**values)  # type: ignore[arg-type]


def test_an_online_objection_gets_a_receipt(db: None) -> None:
    objection = objection_submit(data=wants_in())
    assert len(objection.receipt) == 10
    assert objection.source == ObjectionSource.ONLINE
    assert objection.translation_status == TranslationStatus.NEEDED
    assert (objection.cases, objection.categories) == (["ms_l"], ["included"])
    assert not objection.late
    assert AuditEvent.objects.filter(action="objection.submit", object_id=objection.receipt)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text"),
        ({"categories": []}, "categories"),
        ({"categories": ["spam"]}, "categories"),
        ({"cases": ["abc"]}, "cases"),
        ({"language": ""}, "language"),
        ({"a_number": "12-34"}, "a_number"),
    ],
)
def test_a_malformed_objection_is_refused_by_field(
    db: None, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ObjectionInputError) as refused:
        objection_submit(data=wants_in(**changes))
    assert refused.value.field == field
    assert not Objection.objects.exists()


def test_the_honeypot_refuses_without_saying_why(db: None) -> None:
    with pytest.raises(ObjectionInputError, match="could not be read"):
        objection_submit(data=wants_in(), honeypot="http://spam.example")
    assert not Objection.objects.exists()


def test_a_flood_from_one_address_is_throttled(settings: Settings) -> None:
    settings.AMPARO_OBJECTIONS_PER_HOUR = 3
    assert [submission_allowed("203.0.113.9") for _ in range(4)] == [True, True, True, False]
    assert submission_allowed("198.51.100.7")


def test_a_late_objection_is_accepted_and_flagged(carmen: User) -> None:
    today = timezone.localdate()
    hearing_set(
        actor=carmen,
        case_code="ms_l",
        hearing_on=today,
        objections_due=today - timedelta(days=1),
        counsel_contact="x",
    )
    late = objection_submit(data=wants_in())
    assert late.late
    hearing_set(
        actor=carmen,
        case_code="mmm",
        hearing_on=today + timedelta(days=9),
        objections_due=today + timedelta(days=2),
        counsel_contact="x",
    )
    # Naming a case still open: not late.
    assert not objection_submit(data=wants_in(cases=["ms_l", "mmm"])).late


def test_the_objector_is_looked_up_by_a_number(carmen: User) -> None:
    family = make_family()
    family.rosa.a_number = "012345678"
    family.rosa.save()
    objection = objection_submit(data=wants_in(a_number="A 012-345-678"))
    assert objection.person == family.rosa
    assert sorted(objection.member_cases) == ["dora", "ms_l"]
    stranger = objection_submit(data=wants_in(a_number="99999999"))
    assert stranger.person is None and stranger.a_number == "099999999"


def test_a_paper_objection_is_entered_with_its_scan(
    carmen: User, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    arrived = timezone.now() - timedelta(days=2)
    objection = objection_record_paper(
        actor=carmen,
        data=wants_in(language="English", text="I object: guardians are left out."),
        scan=PDF,
        received_on=arrived,
        docket_number="18-cv-0428 ECF 273",
    )
    assert objection.source == ObjectionSource.PAPER
    assert objection.translation_status == TranslationStatus.NOT_NEEDED
    assert objection.docket_number == "18-cv-0428 ECF 273"
    stored = tmp_path / objection.scan_path
    assert stored.read_bytes() == PDF
    with pytest.raises(ObjectionInputError) as refused:
        objection_record_paper(
            actor=carmen, data=wants_in(), scan=b"MZ\x90\x00", received_on=arrived
        )
    assert refused.value.field == "scan"
    assert Objection.objects.count() == 1
    assert len(list((tmp_path / "objections").iterdir())) == 1


def test_only_notice_staff_enter_paper_objections(
    omar: User, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(PermissionDenied):
        objection_record_paper(actor=omar, data=wants_in(), scan=PDF, received_on=timezone.now())
    assert not Objection.objects.exists()


def test_hearing_dates_in_the_past_still_count(carmen: User) -> None:
    hearing_set(
        actor=carmen,
        case_code="dora",
        hearing_on=date(2018, 11, 15),
        objections_due=date(2018, 10, 25),
        counsel_contact="x",
    )
    assert objection_submit(data=wants_in(cases=["dora"])).late


# --- Staff pages and the packet -----------------------------------------------------


def test_a_paper_objection_from_the_page_then_filed(
    carmen: User, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    family = make_family()
    family.rosa.a_number = "012345678"
    family.rosa.save()
    client = client_for(carmen)
    scan = SimpleUploadedFile("carta.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("notices:objection_paper"),
        {
            "received_on": "2018-10-20",
            "categories": ["relief"],
            "cases": ["ms_l"],
            "text": "Pido que el acuerdo incluya a los padres ya deportados.",
            "language": "Spanish",
            "a_number": "A012345678",
            "scan": scan,
        },
    )
    objection = Objection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:objection_detail", args=[objection.receipt])
    detail = client.get(response["Location"]).content.decode()
    assert "Rosa López Pérez" in detail
    url = response["Location"]
    refused = client.post(url, {"status": "filed", "docket_number": "", "translation": ""})
    assert refused.status_code == 400
    client.post(
        url,
        {
            "status": "filed",
            "docket_number": "ECF 281",
            "translation": "I ask that the settlement include parents already deported.",
        },
    )
    objection.refresh_from_db()
    assert (objection.status, objection.docket_number) == ("filed", "ECF 281")
    assert objection.translation_status == TranslationStatus.DONE


def test_the_packet_lists_every_objection_once_and_redacts_for_the_docket(
    carmen: User, clara: User
) -> None:
    first = objection_submit(
        data=wants_in(
            name="Marisol Chávez",
            contact="+502 5555 0101",
            text="Me llamo Marisol Chávez, mi teléfono es +502 5555 0101. Soy la tía.",
        )
    )
    second = objection_submit(data=wants_in(categories=["procedure"], cases=[]))
    court = client_for(clara).get(reverse("notices:packet_pdf") + "?version=court")
    assert court.status_code == 200
    text = pdf_text(court.content)
    for receipt in (first.receipt, second.receipt):
        assert text.count(receipt) == 1
    assert "Marisol" not in text and "5555" not in text
    assert "[redacted]" in text and "Soy la tía" in text
    assert (
        client_for(clara).get(reverse("notices:packet_pdf") + "?version=parties").status_code == 403
    )
    parties = pdf_text(
        client_for(carmen).get(reverse("notices:packet_pdf") + "?version=parties").content
    )
    assert "Marisol Chávez" in parties
    assert parties.count(first.receipt) == 1


def test_objection_pages_per_role(carmen: User, omar: User, clara: User) -> None:
    objection = objection_submit(data=wants_in())
    for user in (omar, clara):
        client = client_for(user)
        assert client.get(reverse("notices:objection_list")).status_code == 403
        detail = reverse("notices:objection_detail", args=[objection.receipt])
        assert client.get(detail).status_code == 403
    assert client_for(omar).get(reverse("notices:packet_pdf")).status_code == 403
    assert (
        objection.receipt
        in client_for(carmen).get(reverse("notices:objection_list")).content.decode()
    )


def test_who_the_objector_is_shows_only_to_those_who_may_see_their_file(
    carmen: User, lena: User, marta: User
) -> None:
    family = make_family()
    family.tomas.a_number = "087654321"
    family.tomas.save()
    objection = objection_submit(data=wants_in(a_number="087654321", cases=["mmm"]))
    assert objection.person == family.tomas
    url = reverse("notices:objection_detail", args=[objection.receipt])
    # Lena is Ms. L. counsel: she reads the objection, not whose file it is.
    lena_page = client_for(lena).get(url).content.decode()
    assert objection.receipt in lena_page
    assert "Tomás" not in lena_page and 'data-testid="identified"' not in lena_page
    assert "Tomás López" in client_for(marta).get(url).content.decode()


def test_class_counsel_see_objectors_of_their_cases_only_in_the_parties_packet(
    lena: User, marta: User
) -> None:
    family = make_family()
    family.tomas.a_number = "087654321"
    family.tomas.save()
    objection_submit(
        data=wants_in(name="Tomás López", a_number="087654321", cases=["mmm"], text="Yo objeto.")
    )
    url = reverse("notices:packet_pdf") + "?version=parties"
    lena_text = pdf_text(client_for(lena).get(url).content)
    assert "Tomás" not in lena_text and "087654321" not in lena_text
    assert "Yo objeto." in lena_text
    assert "Tomás López" in pdf_text(client_for(marta).get(url).content)


def test_the_court_version_scrubs_local_numbers_and_addresses_but_not_dates() -> None:
    objection = objection_submit(
        data=wants_in(
            text="Llame al 555-0101 o escriba a ana.perez@example.org; nos separaron el "
            "2018-05-28 con mis 3 hijos."
        )
    )
    scrubbed = scrub(objection.text, objection)
    assert "555-0101" not in scrubbed and "ana.perez@example.org" not in scrubbed
    assert "2018-05-28" in scrubbed and "3 hijos" in scrubbed


def test_a_malformed_length_is_refused_not_a_server_error() -> None:
    response = Client().post(
        reverse("notices:public_objection"),
        data="categories=included",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="many",
    )
    assert response.status_code == 413
    assert not Objection.objects.exists()
