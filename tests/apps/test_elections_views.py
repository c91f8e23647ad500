"""The election pages per role: the form, the inbox, the detail page, the scan
download and the person-page include."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from amparo.apps.accounts.models import OrganisationKind, User
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.models import Election, ElectionChoice, ElectionSource, SignerKind
from amparo.apps.elections.selectors import election_for_person
from amparo.apps.registry.models import Person
from tests.apps.test_elections_services import (
    EXE,
    PDF,
    make_rosa,
    make_tomas,
    record,
    stored_files,
)
from tests.conftest import client_for
from tests.factories import OrganisationFactory, make_person, represent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def rosa() -> Person:
    return make_rosa()


@pytest.fixture
def tomas() -> Person:
    return make_tomas()


def new_url(person: Person) -> str:
    return reverse("elections:election_new", args=[person.public_id])


def detail_url(election: Election) -> str:
    return reverse("elections:election_detail", args=[election.public_id])


def scan_url(election: Election) -> str:
    return reverse("elections:election_scan", args=[election.public_id])


INBOX = "/elections/"


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "choice": "stay",
        "read_by": "Lucía Méndez",
        "read_language": "Spanish",
        "read_on": "2018-10-20",
        "signed_on": "2018-10-20",
        "signer_kind": "self",
        "signer_name": "Rosa López Pérez",
        "source": "paper",
        "scan": SimpleUploadedFile("IMG 0001.pdf", PDF, content_type="application/pdf"),
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def writes() -> int:
    return AuditEvent.objects.filter(kind=EventKind.WRITE).count()


# --- who may open what -------------------------------------------------------


def test_the_pages_require_login(rosa: Person, lena: User) -> None:
    election = record(lena, rosa)

    for url in (INBOX, new_url(rosa), detail_url(election), scan_url(election)):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/"), url


def test_the_court_sees_no_election(clara: User, lena: User, rosa: Person) -> None:
    election = record(lena, rosa)
    court = client_for(clara)

    for url in (INBOX, new_url(rosa), detail_url(election), scan_url(election)):
        assert court.get(url).status_code == 403, url
    assert court.post(new_url(rosa), form_data()).status_code == 403
    assert Election.objects.count() == 1


def test_counsel_of_another_case_get_404(lena: User, marta: User, tomas: Person) -> None:
    election = record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa")
    client = client_for(lena)

    for url in (new_url(tomas), detail_url(election), scan_url(election)):
        assert client.get(url).status_code == 404, url
    assert client.post(new_url(tomas), form_data()).status_code == 404
    assert Election.objects.count() == 1


def test_a_provider_reads_the_elections_of_the_people_they_represent(
    pilar: User, lena: User, marta: User, rosa: Person, tomas: Person
) -> None:
    assert pilar.organisation is not None
    represent(rosa, pilar.organisation)
    hers = record(lena, rosa)
    not_hers = record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa")
    client = client_for(pilar)

    assert client.get(detail_url(hers)).status_code == 200
    assert client.get(scan_url(hers)).status_code == 200
    assert client.get(detail_url(not_hers)).status_code == 404
    assert client.get(new_url(rosa)).status_code == 403
    assert client.get(INBOX).status_code == 403


def test_an_asylum_officer_reads_but_does_not_record(omar: User, lena: User, rosa: Person) -> None:
    election = record(lena, rosa)
    client = client_for(omar)

    assert client.get(detail_url(election)).status_code == 200
    assert client.get(new_url(rosa)).status_code == 403
    assert client.get(INBOX).status_code == 403


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_pages_take_only_their_methods(
    method: str, lena: User, carmen: User, rosa: Person
) -> None:
    election = record(lena, rosa)
    client = client_for(carmen)

    for url in (INBOX, new_url(rosa), detail_url(election), scan_url(election)):
        assert getattr(client, method)(url).status_code == 405, url
    assert client.post(INBOX).status_code == 405
    assert client.post(detail_url(election)).status_code == 405


# --- the form ------------------------------------------------------------------


def test_the_form_shows_the_member_and_that_no_election_is_not_a_waiver(
    lena: User, rosa: Person
) -> None:
    response = client_for(lena).get(new_url(rosa))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Rosa López Pérez" in text
    assert "No election returned — this is not a waiver." in text
    assert 'enctype="multipart/form-data"' in text
    event = AuditEvent.objects.get(kind=EventKind.ACCESS)
    assert (event.actor, event.object_id, event.details) == (
        lena,
        str(rosa.public_id),
        {"what": "election form"},
    )


def test_counsel_record_an_election_from_the_paper_form(
    lena: User, rosa: Person, media_root: Path
) -> None:
    client = client_for(lena)

    response = client.post(new_url(rosa), form_data(note="Read at Dilley"))

    election = Election.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(election)
    assert (election.person, election.choice, election.recorded_by, election.note) == (
        rosa,
        "stay",
        lena,
        "Read at Dilley",
    )
    assert stored_files(media_root) == [media_root / election.scan_path]
    assert "IMG" not in election.scan_path
    page = client.get(response["Location"])
    assert "The election was recorded." in page.content.decode()


def test_counsel_may_enter_an_election_directly(lena: User, rosa: Person) -> None:
    response = client_for(lena).post(new_url(rosa), form_data(source="counsel", scan=None))

    assert response.status_code == 302
    assert Election.objects.get().source == ElectionSource.COUNSEL


def test_the_coordinator_is_not_offered_direct_entry(carmen: User, rosa: Person) -> None:
    text = client_for(carmen).get(new_url(rosa)).content.decode()

    assert 'value="paper"' in text
    assert 'value="counsel"' not in text
    response = client_for(carmen).post(new_url(rosa), form_data(source="counsel", scan=None))
    assert response.status_code == 400
    assert not Election.objects.exists()


def test_a_refused_waiver_shows_why_and_writes_nothing(
    lena: User, rosa: Person, media_root: Path
) -> None:
    before = writes()

    response = client_for(lena).post(new_url(rosa), form_data(choice="waive"))

    text = response.content.decode()
    assert response.status_code == 400
    assert "The election was not recorded" in text
    assert "knowingly and voluntarily" in text
    assert 'id="group-waiver_attested"' in text
    assert "usa-form-group--error" in text
    assert not Election.objects.exists()
    assert writes() == before
    assert stored_files(media_root) == []


def test_a_scan_that_is_not_a_document_is_refused_in_the_form(
    lena: User, rosa: Person, media_root: Path
) -> None:
    upload = SimpleUploadedFile("form.pdf", EXE, content_type="application/pdf")

    response = client_for(lena).post(new_url(rosa), form_data(scan=upload))

    assert response.status_code == 400
    assert "PDF, PNG or JPEG" in response.content.decode()
    assert not Election.objects.exists()
    assert stored_files(media_root) == []


def test_an_oversized_scan_is_refused_before_it_is_read(
    lena: User, rosa: Person, settings: Settings
) -> None:
    settings.AMPARO_MAX_SCAN_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))

    response = client_for(lena).post(new_url(rosa), form_data(scan=upload))

    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()
    assert not Election.objects.exists()


def test_a_language_mismatch_needs_confirmation_in_the_form(lena: User, rosa: Person) -> None:
    client = client_for(lena)

    refused = client.post(new_url(rosa), form_data(read_language="Mam"))
    accepted = client.post(new_url(rosa), form_data(read_language="Mam", language_understood="on"))

    assert refused.status_code == 400
    assert "confirm that the member understands Mam" in refused.content.decode()
    assert accepted.status_code == 302
    assert Election.objects.get().language_match == "mismatch"


def test_a_non_member_is_refused_with_the_reason(carmen: User) -> None:
    pedro = make_person(given_names="Pedro", language="Spanish")

    response = client_for(carmen).post(new_url(pedro), form_data(signer_name="Pedro"))

    assert response.status_code == 400
    assert "not a class member" in response.content.decode()
    assert not Election.objects.exists()


def test_missing_fields_are_named(lena: User, rosa: Person) -> None:
    response = client_for(lena).post(new_url(rosa), {"choice": "stay"})

    text = response.content.decode()
    assert response.status_code == 400
    assert text.count("This field is required.") >= 5
    assert not Election.objects.exists()


# --- the detail page and the scan ----------------------------------------------


def test_the_detail_page_shows_what_was_signed_and_where_it_went(
    lena: User, marta: User, rosa: Person
) -> None:
    election = record(lena, rosa, read_language="Mam", language_understood=True)

    response = client_for(marta).get(detail_url(election))

    text = response.content.decode()
    routes = text[text.index('data-testid="election-routes"') :]
    routes = routes[: routes.index("</table>")]
    assert response.status_code == 200
    assert "Stay and pursue the settlement procedures" in text
    assert "Lucía Méndez" in text
    assert "Differs from the record" in text
    # Marta (M.M.M., Dora) sees the Dora routing, not Ms. L.'s.
    assert marta.organisation is not None and lena.organisation is not None
    assert "Dora v. Sessions" in routes
    assert marta.organisation.name in routes
    assert lena.organisation.name not in text
    assert "Ms. L. v. ICE" not in routes
    event = AuditEvent.objects.filter(kind=EventKind.ACCESS).get()
    assert (event.actor, event.object_id) == (marta, str(rosa.public_id))


def test_an_unrouted_case_is_said_so(carmen: User, rosa: Person) -> None:
    election = record(carmen, rosa)

    text = client_for(carmen).get(detail_url(election)).content.decode()

    assert text.count("Not routed: no class counsel holds this case.") == 2


def test_a_superseded_election_links_to_the_current_one(lena: User, rosa: Person) -> None:
    first = record(lena, rosa)
    second = record(lena, rosa, choice=ElectionChoice.WAIVE, waiver_attested=True)

    text = client_for(lena).get(detail_url(first)).content.decode()

    assert "Superseded on" in text
    assert detail_url(second) in text


def test_the_scan_download_is_the_stored_file_and_is_audited(lena: User, rosa: Person) -> None:
    election = record(lena, rosa)

    response = client_for(lena).get(scan_url(election))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="election-{election.public_id}.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    event = AuditEvent.objects.get(kind=EventKind.ACCESS)
    assert event.object_id == str(rosa.public_id)
    assert event.details["what"].startswith(f"election scan {election.public_id}")


def test_an_election_entered_directly_has_no_scan(lena: User, rosa: Person) -> None:
    election = record(lena, rosa, source=ElectionSource.COUNSEL, scan=None)

    assert client_for(lena).get(scan_url(election)).status_code == 404
    assert "Download the scan" not in client_for(lena).get(detail_url(election)).content.decode()


# --- the inbox -------------------------------------------------------------------


def test_counsel_see_the_elections_routed_to_their_organisation(
    lena: User, marta: User, rosa: Person, tomas: Person
) -> None:
    record(lena, rosa)
    record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa López Pérez")

    lenas = client_for(lena).get(INBOX).content.decode()
    martas = client_for(marta).get(INBOX).content.decode()

    assert "Rosa López Pérez" in lenas
    assert "Tomás López" not in lenas
    assert reverse("registry:person_detail", args=[rosa.public_id]) in lenas
    assert "Tomás López" in martas
    assert "Rosa López Pérez" in martas  # Rosa is also in Dora, Marta's case


def test_counsel_of_the_same_case_in_another_organisation_get_it_too(
    lena: User, rosa: Person
) -> None:
    from tests.factories import counsel

    other = counsel("olga", CaseCode.MS_L)
    record(lena, rosa)

    assert "Rosa López Pérez" in client_for(other).get(INBOX).content.decode()


def test_counsel_without_a_route_see_nothing(rosa: Person, carmen: User) -> None:
    from tests.factories import counsel

    record(carmen, rosa)
    late = counsel("late", CaseCode.MS_L)  # granted after the election was routed

    text = client_for(late).get(INBOX).content.decode()

    assert "No election yet." in text


def test_the_coordinator_sees_every_election_newest_first(
    carmen: User, lena: User, marta: User, rosa: Person, tomas: Person
) -> None:
    record(lena, rosa)
    record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa López Pérez")

    text = client_for(carmen).get(INBOX).content.decode()

    assert text.index("Tomás López") < text.index("Rosa López Pérez")
    assert "Elections listed: 2" in text


def test_the_inbox_marks_superseded_elections_and_language_mismatches(
    lena: User, rosa: Person
) -> None:
    record(lena, rosa)
    record(lena, rosa, read_language="Mam", language_understood=True)

    text = client_for(lena).get(INBOX).content.decode()

    assert text.count("superseded") == 1
    assert "Differs from the record" in text


def test_the_inbox_reads_in_a_fixed_number_of_queries(
    lena: User, carmen: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(3):
        record(lena, make_rosa())
    client = client_for(carmen)
    client.get(INBOX)  # warm the session

    with django_assert_num_queries(4):
        client.get(INBOX)
    for _ in range(3):
        record(lena, make_rosa())
    with django_assert_num_queries(4):
        client.get(INBOX)


# --- the include for the person page ------------------------------------------------


def render_include(user: User, person: Person) -> str:
    return render_to_string(
        "elections/_person_election.html",
        {"person_election": election_for_person(user=user, person=person)},
    )


def test_the_include_says_a_missing_election_is_not_a_waiver(lena: User, rosa: Person) -> None:
    text = render_include(lena, rosa)

    assert "No election returned — this is not a waiver." in text
    assert new_url(rosa) in text


def test_the_include_shows_the_current_election_and_its_history(lena: User, rosa: Person) -> None:
    first = record(lena, rosa)
    second = record(lena, rosa, choice=ElectionChoice.WAIVE, waiver_attested=True)

    text = render_include(lena, rosa)

    assert "Waive the settlement procedures" in text
    assert "not a waiver" not in text
    assert detail_url(second) in text
    assert detail_url(first) in text
    assert "Earlier elections, superseded: 1" in text
    assert "Record a new election" in text


def test_the_include_offers_no_recording_to_readers(omar: User, rosa: Person) -> None:
    text = render_include(omar, rosa)

    assert "No election returned — this is not a waiver." in text
    assert new_url(rosa) not in text


def test_the_include_says_a_non_member_takes_no_election(carmen: User) -> None:
    pedro = make_person(given_names="Pedro")

    text = render_include(carmen, pedro)

    assert "Not a class member" in text
    assert new_url(pedro) not in text


def test_the_include_refuses_a_person_the_user_may_not_see(lena: User, tomas: Person) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        election_for_person(user=lena, person=tomas)


def test_a_provider_organisation_is_never_routed_to(pilar: User, carmen: User) -> None:
    rosa = make_rosa()
    provider = OrganisationFactory.create(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER)
    represent(rosa, provider)

    election = record(carmen, rosa)

    assert not election.routes.filter(organisation=provider).exists()
