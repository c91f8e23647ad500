"""Totals kept between page views (bench/load.py): the people list's and the roster's
page count (core.paging.KeptCountPaginator) and the dashboard's counts. Each scope keeps
its own, and a new row is counted at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amparo.apps.accounts.models import User
from amparo.apps.core.cases import CaseCode
from tests.conftest import client_for
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _listed(user: User) -> int:
    response = client_for(user).get(reverse("registry:person_list"))
    assert response.status_code == 200
    total: int = response.context["page"].paginator.count
    return total


def _dashboard_people(user: User) -> str:
    response = client_for(user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    people: str = response.context["people"]
    return people


@pytest.fixture
def two_cases() -> None:
    make_person(given_names="Rosa", surnames="López", name_key="ROSA LOPEZ", cases=[CaseCode.MS_L])
    make_person(given_names="Tomás", surnames="Tzul", name_key="TOMAS TZUL", cases=[CaseCode.MMM])


def test_each_scope_keeps_its_own_list_total(two_cases: None, lena: User, carmen: User) -> None:
    assert _listed(lena) == 1
    assert _listed(carmen) == 2
    # Counsel's kept total is still counsel's, not the coordinator's kept since.
    assert _listed(lena) == 1


def test_a_new_person_is_counted_at_once(two_cases: None, lena: User, carmen: User) -> None:
    assert (_listed(lena), _dashboard_people(lena)) == (1, "1")
    assert (_listed(carmen), _dashboard_people(carmen)) == (2, "2")

    make_person(given_names="Ana", surnames="Cruz", name_key="ANA CRUZ", cases=[CaseCode.MS_L])

    assert (_listed(lena), _dashboard_people(lena)) == (2, "2")
    assert (_listed(carmen), _dashboard_people(carmen)) == (3, "3")


def test_each_scope_keeps_its_own_dashboard_counts(
    two_cases: None, lena: User, marta: User, carmen: User
) -> None:
    assert _dashboard_people(marta) == "1"
    assert _dashboard_people(carmen) == "2"
    assert _dashboard_people(lena) == "1"
