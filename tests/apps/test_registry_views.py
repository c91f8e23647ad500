"""People pages: per-view checks for anonymous, outsider, read-only, wrong
method and the happy path; reads are scoped and every file view is logged."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person
from amparo.apps.registry.views import PAGE_SIZE
from tests.conftest import client_for
from tests.factories import make_person, represent

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa() -> Person:
    """A separated mother, visible to Ms. L. counsel."""
    return make_person(
        given_names="Rosa",
        surnames="López Pérez",
        name_key="ROSA LOPEZ PEREZ",
        cases=[CaseCode.MS_L],
    )


@pytest.fixture
def tomas() -> Person:
    """A separated child, visible to M.M.M. counsel."""
    return make_person(
        given_names="Tomás", surnames="Tzul", name_key="TOMAS TZUL", cases=[CaseCode.MMM]
    )


def detail(person: Person) -> str:
    return reverse("registry:person_detail", args=[person.public_id])


def test_the_file_requires_login(rosa: Person) -> None:
    response = Client().get(detail(rosa))

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_counsel_of_another_case_gets_404(lena: User, tomas: Person) -> None:
    response = client_for(lena).get(detail(tomas))

    assert response.status_code == 404


def test_counsel_of_the_case_sees_the_file_and_the_view_is_logged(lena: User, rosa: Person) -> None:
    response = client_for(lena).get(detail(rosa))

    assert response.status_code == 200
    assert "Rosa López Pérez" in response.content.decode()
    event = AuditEvent.objects.get(kind=EventKind.ACCESS)
    assert (event.actor, event.object_id) == (lena, str(rosa.public_id))


def test_the_court_may_not_read_a_file(clara: User, rosa: Person) -> None:
    response = client_for(clara).get(detail(rosa))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(kind=EventKind.ACCESS).exists()


def test_the_file_rejects_post(carmen: User, rosa: Person) -> None:
    response = client_for(carmen).post(detail(rosa))

    assert response.status_code == 405


def test_a_provider_sees_only_the_people_it_represents(
    pilar: User, rosa: Person, tomas: Person
) -> None:
    assert pilar.organisation is not None
    represent(rosa, pilar.organisation)
    client = client_for(pilar)

    assert client.get(detail(rosa)).status_code == 200
    assert client.get(detail(tomas)).status_code == 404


def test_the_list_shows_only_visible_people(lena: User, rosa: Person, tomas: Person) -> None:
    response = client_for(lena).get(reverse("registry:person_list"))

    page = response.content.decode()
    assert "Rosa López Pérez" in page
    assert "Tomás Tzul" not in page


def test_search_by_name_ignores_accents_and_case(carmen: User, rosa: Person, tomas: Person) -> None:
    response = client_for(carmen).get(reverse("registry:person_list"), {"q": "lopez"})

    page = response.content.decode()
    assert "Rosa López Pérez" in page
    assert "Tomás Tzul" not in page


def test_filter_by_case(carmen: User, rosa: Person, tomas: Person) -> None:
    response = client_for(carmen).get(reverse("registry:person_list"), {"case": "mmm"})

    page = response.content.decode()
    assert "Tomás Tzul" in page
    assert "Rosa López Pérez" not in page


def test_the_list_costs_a_fixed_number_of_queries(
    carmen: User, django_assert_max_num_queries: object
) -> None:
    for _ in range(30):
        make_person(cases=[CaseCode.DORA])
    client = client_for(carmen)

    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = client.get(reverse("registry:person_list"))

    assert response.status_code == 200


def test_the_court_sees_no_list(clara: User) -> None:
    assert client_for(clara).get(reverse("registry:person_list")).status_code == 403


def test_the_court_dashboard_suppresses_small_counts(clara: User, rosa: Person) -> None:
    response = client_for(clara).get(reverse("core:dashboard"))

    assert response.status_code == 200
    assert response.context["people"] == "<11"
    assert {c.code: n for c, n in response.context["people_by_case"]} == {
        "ms_l": "<11",
        "mmm": "0",
        "dora": "0",
    }


def test_a_coordinator_sees_exact_counts(carmen: User, rosa: Person) -> None:
    response = client_for(carmen).get(reverse("core:dashboard"))

    assert response.context["people"] == "1"


def test_counsel_count_only_the_people_they_may_see(
    lena: User, rosa: Person, tomas: Person
) -> None:
    response = client_for(lena).get(reverse("core:dashboard"))

    assert response.context["people"] == "1"
    assert {c.code: n for c, n in response.context["people_by_case"]}["mmm"] == "0"


def test_a_merged_persons_page_leads_to_the_person_who_holds_their_records(
    carmen: User, rosa: Person
) -> None:
    duplicate = make_person(given_names="Rosa", surnames="Lopez", merged_into=rosa)

    response = client_for(carmen).get(detail(duplicate))

    assert response.status_code == 302
    assert response["Location"] == detail(rosa)


def test_merged_people_are_not_listed(carmen: User, rosa: Person) -> None:
    make_person(given_names="Rosalba", surnames="Quiej", name_key="ROSALBA QUIEJ", merged_into=rosa)

    response = client_for(carmen).get(reverse("registry:person_list"), {"q": "quiej"})

    assert "Rosalba" not in response.content.decode()


def test_a_long_list_is_paged_and_keeps_its_filters(carmen: User) -> None:
    for index in range(PAGE_SIZE + 1):
        make_person(given_names=f"Ana {index}", surnames="Paginada", cases=[CaseCode.MS_L])
    client = client_for(carmen)
    first = client.get("/people/", {"q": "Paginada"}).content.decode()
    assert "Page 1 of 2" in first
    assert "?q=Paginada&page=2" in first
    second = client.get("/people/", {"q": "Paginada", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("Paginada") >= 1
