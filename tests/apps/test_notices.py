"""Class notice: a notice for each member in their language where a translation
exists (English and Spanish shipped; a language added as a data file only), members who
read none given oral notice through an interpreter, each delivery recorded, and the
declaration's figures counting each member once, reached only in a way they could
understand."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.notices import catalogue
from amparo.apps.notices.models import ClassNotice
from amparo.apps.notices.selectors import NEEDS_ORAL, NO_ATTEMPT, declaration
from amparo.apps.notices.services import (
    NoticeInputError,
    hearing_set,
    notice_delivery_record,
    notice_generate,
    oral_notice_record,
)
from tests.conftest import client_for
from tests.interviews_world import make_family
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

SHIPPED = Path(catalogue.__file__).resolve().parent / "catalogue"


@pytest.fixture(autouse=True)
def _fresh_catalogue() -> Iterator[None]:
    catalogue.reset()
    yield
    catalogue.reset()


def test_each_member_gets_a_notice_in_a_language_they_read_or_oral_notice(
    carmen: User,
) -> None:
    family = make_family()
    done = notice_generate(actor=carmen)
    assert (done.created, done.updated, done.oral_needed) == (2, 0, 1)
    rosa = ClassNotice.objects.get(person=family.rosa)
    tomas = ClassNotice.objects.get(person=family.tomas)
    assert (rosa.written_code, rosa.reads_written) == ("es", True)
    assert sorted(rosa.cases) == ["dora", "ms_l"]
    # K'iche' has no written translation: the Spanish text is read to him.
    assert (tomas.written_code, tomas.reads_written) == ("es", False)
    assert tomas.cases == ["mmm"]
    again = notice_generate(actor=carmen)
    assert (again.created, again.updated) == (0, 0)
    assert AuditEvent.objects.filter(action="class_notice.generate").count() == 2


def test_a_language_is_added_as_data_only(carmen: User, settings: Settings, tmp_path: Path) -> None:
    family = make_family()
    for name in ("en.json", "es.json"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    english = json.loads((SHIPPED / "en.json").read_text(encoding="utf-8"))
    kiche = english | {"code": "quc", "language": "K'iche'", "name": "K'iche'"}
    kiche["title"] = "Retzijol jun chomanik"
    (tmp_path / "quc.json").write_text(json.dumps(kiche), encoding="utf-8")
    settings.AMPARO_NOTICE_CATALOGUE_DIR = str(tmp_path)
    catalogue.reset()
    assert set(catalogue.translations()) == {"en", "es", "quc"}
    notice_generate(actor=carmen)
    tomas = ClassNotice.objects.get(person=family.tomas)
    assert (tomas.written_code, tomas.reads_written) == ("quc", True)
    rendered = catalogue.translations()["quc"].render(
        {
            "member_name": "Tomás",
            "case_names": "M.M.M.",
            "objection_deadline": "2018-10-25",
            "hearing_date": "2018-11-15",
            "counsel_contact": "1-800",
        }
    )
    assert rendered[0].body[0].startswith("Tomás: ")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"sections": [{"heading": "x", "body": ["{member_name} {address}"]}]},
            "unknown placeholders: address",
        ),
        ({"title": ""}, "missing title"),
        ({"code": "fr"}, "differs from the file name"),
        ({"language": ""}, "missing language"),
    ],
)
def test_a_broken_translation_is_refused_by_name(
    settings: Settings, tmp_path: Path, change: dict[str, object], problem: str
) -> None:
    for name in ("en.json", "es.json"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    english = json.loads((SHIPPED / "en.json").read_text(encoding="utf-8"))
    (tmp_path / "pt.json").write_text(
        json.dumps(english | {"code": "pt", "language": "Portuguese"} | change), encoding="utf-8"
    )
    settings.AMPARO_NOTICE_CATALOGUE_DIR = str(tmp_path)
    catalogue.reset()
    with pytest.raises(catalogue.CatalogueError, match=problem) as refused:
        catalogue.translations()
    assert "pt.json" in str(refused.value)


def test_a_translation_missing_a_section_is_refused(settings: Settings, tmp_path: Path) -> None:
    shutil.copy(SHIPPED / "en.json", tmp_path / "en.json")
    spanish = json.loads((SHIPPED / "es.json").read_text(encoding="utf-8"))
    spanish["sections"] = spanish["sections"][:-1]
    (tmp_path / "es.json").write_text(json.dumps(spanish), encoding="utf-8")
    settings.AMPARO_NOTICE_CATALOGUE_DIR = str(tmp_path)
    catalogue.reset()
    with pytest.raises(catalogue.CatalogueError, match=r"es\.json: 2 sections"):
        catalogue.translations()


def test_the_declaration_counts_each_member_once_reached_only_in_a_language_they_read(
    carmen: User,
) -> None:
    family = make_family()
    notice_generate(actor=carmen)
    rosa = ClassNotice.objects.get(person=family.rosa)
    tomas = ClassNotice.objects.get(person=family.tomas)
    figures = declaration(ClassNotice.objects.all())
    assert figures.members == 2 and figures.reached == 0
    assert figures.not_reached == {NO_ATTEMPT: 1, NEEDS_ORAL: 1}

    earlier = timezone.now() - timedelta(days=2)
    notice_delivery_record(actor=carmen, notice=rosa, method="mail", outcome="returned", at=earlier)
    notice_delivery_record(
        actor=carmen, notice=rosa, method="in_person", outcome="delivered", at=earlier
    )
    notice_delivery_record(
        actor=carmen, notice=rosa, method="counsel", outcome="delivered", at=timezone.now()
    )
    # A Spanish paper handed to Tomás, who reads no Spanish, does not reach him.
    notice_delivery_record(
        actor=carmen, notice=tomas, method="in_person", outcome="delivered", at=earlier
    )
    figures = declaration(ClassNotice.objects.all())
    assert figures.reached_by_method == {"in_person": 1}
    assert figures.not_reached == {NEEDS_ORAL: 1}
    oral_notice_record(
        actor=carmen,
        notice=tomas,
        language="K'iche'",
        interpreter="Ixchel Tzul",
        in_person=False,
        given_at=timezone.now(),
    )
    figures = declaration(ClassNotice.objects.all())
    assert figures.reached == 2
    assert figures.reached_by_method == {"in_person": 1, "oral": 1}
    assert figures.reached_by_language == {"es": 1, "kiche": 1}
    assert not figures.not_reached
    assert AuditEvent.objects.filter(action="class_notice.oral").count() == 1


def test_bad_deliveries_are_named_and_nothing_is_written(carmen: User) -> None:
    family = make_family()
    notice_generate(actor=carmen)
    rosa = ClassNotice.objects.get(person=family.rosa)
    now = timezone.now()
    cases = [
        ({"method": "pigeon", "outcome": "delivered", "at": now}, "method"),
        ({"method": "mail", "outcome": "lost", "at": now}, "outcome"),
        ({"method": "mail", "outcome": "delivered", "at": now + timedelta(days=1)}, "at"),
    ]
    for values, field in cases:
        with pytest.raises(NoticeInputError) as refused:
            notice_delivery_record(actor=carmen, notice=rosa, **values)  # type: ignore[arg-type]
        assert refused.value.field == field
    with pytest.raises(NoticeInputError) as refused:
        oral_notice_record(
            actor=carmen,
            notice=rosa,
            language="",
            interpreter="X",
            in_person=True,
            given_at=now,
        )
    assert refused.value.field == "language"
    assert not rosa.deliveries.exists() and not rosa.oral.exists()


def test_only_counsel_of_the_members_case_and_coordinators_record_notice(
    carmen: User, lena: User, omar: User, pilar: User
) -> None:
    family = make_family()
    notice_generate(actor=carmen)
    tomas = ClassNotice.objects.get(person=family.tomas)
    rosa = ClassNotice.objects.get(person=family.rosa)
    now = timezone.now()
    # Lena is Ms. L. counsel: Rosa is hers, Tomás (M.M.M.) is not.
    notice_delivery_record(actor=lena, notice=rosa, method="counsel", outcome="delivered", at=now)
    with pytest.raises(PermissionDenied):
        notice_delivery_record(
            actor=lena, notice=tomas, method="counsel", outcome="delivered", at=now
        )
    for user in (omar, pilar):
        with pytest.raises(PermissionDenied):
            notice_generate(actor=user)
        with pytest.raises(PermissionDenied):
            notice_delivery_record(
                actor=user, notice=rosa, method="mail", outcome="delivered", at=now
            )


# --- Pages ------------------------------------------------------------------------


def test_the_member_page_shows_the_notice_in_their_language_and_records_delivery(
    carmen: User,
) -> None:
    family = make_family()
    hearing_set(
        actor=carmen,
        case_code="ms_l",
        hearing_on=date(2018, 11, 15),
        objections_due=date(2018, 10, 25),
        counsel_contact="ACLU, 1-800-000-0000",
    )
    notice_generate(actor=carmen)
    rosa = ClassNotice.objects.get(person=family.rosa)
    client = client_for(carmen)
    url = reverse("notices:notice_detail", args=[rosa.public_id])
    page = client.get(url).content.decode()
    assert "Aviso de un acuerdo de demanda colectiva propuesto" in page
    assert "Rosa López Pérez: los registros indican" in page
    assert "Ms. L. v. ICE y Dora v. Sessions" in page
    assert "antes del 2018-10-25" in page and "ACLU, 1-800-000-0000" in page
    # Dora's hearing is not set: said so in Spanish.
    tomas = ClassNotice.objects.get(person=family.tomas)
    tomas_page = client.get(reverse("notices:notice_detail", args=[tomas.public_id]))
    assert "read it to them through an interpreter" in tomas_page.content.decode()
    refused = client.post(
        url, {"delivery": "1", "method": "mail", "outcome": "lost", "at": "2018-10-10T10:00"}
    )
    assert refused.status_code == 400
    assert not rosa.deliveries.exists()
    saved = client.post(
        url,
        {"delivery": "1", "method": "mail", "outcome": "delivered", "at": "2018-10-10T10:00"},
    )
    assert saved.status_code == 302
    assert rosa.deliveries.get().outcome == "delivered"
    overview = client.get(reverse("notices:overview")).content.decode()
    assert 'data-testid="reached">1<' in overview


def test_the_notice_pdf_renders_in_english_and_spanish(carmen: User) -> None:
    family = make_family()
    notice_generate(actor=carmen)
    rosa = ClassNotice.objects.get(person=family.rosa)
    client = client_for(carmen)
    for code, title in (("es", "Aviso de un acuerdo"), ("en", "Notice of a proposed class")):
        response = client.get(
            reverse("notices:notice_pdf", args=[rosa.public_id]) + f"?lang={code}"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert title in text
        assert "Rosa López Pérez" in text
    missing = client.get(reverse("notices:notice_pdf", args=[rosa.public_id]) + "?lang=xx")
    assert missing.status_code == 404


def test_notice_pages_per_role(carmen: User, lena: User, omar: User, clara: User) -> None:
    family = make_family()
    notice_generate(actor=carmen)
    tomas = ClassNotice.objects.get(person=family.tomas)
    rosa = ClassNotice.objects.get(person=family.rosa)
    lena_client = client_for(lena)
    assert (
        lena_client.get(reverse("notices:notice_detail", args=[rosa.public_id])).status_code == 200
    )
    assert (
        lena_client.get(reverse("notices:notice_detail", args=[tomas.public_id])).status_code == 404
    )
    assert (
        lena_client.post(
            reverse("notices:overview"),
            {
                "hearing": "1",
                "case_code": "ms_l",
                "hearing_on": "2018-11-15",
                "objections_due": "2018-10-25",
                "counsel_contact": "x",
            },
        ).status_code
        == 403
    )
    for user in (omar, clara):
        client = client_for(user)
        assert client.get(reverse("notices:overview")).status_code == 403
        assert (
            client.get(reverse("notices:notice_detail", args=[rosa.public_id])).status_code == 403
        )


def test_hearing_dates_are_checked(carmen: User) -> None:
    with pytest.raises(NoticeInputError) as refused:
        hearing_set(
            actor=carmen,
            case_code="ms_l",
            hearing_on=date(2018, 10, 1),
            objections_due=date(2018, 10, 25),
            counsel_contact="x",
        )
    assert refused.value.field == "objections_due"


def test_class_counsel_prepare_notices_for_their_cases_members_only(lena: User) -> None:
    family = make_family()
    done = notice_generate(actor=lena)
    assert done.created == 1
    assert list(ClassNotice.objects.values_list("person_id", flat=True)) == [family.rosa.pk]
