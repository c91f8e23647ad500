"""The review queue pages, per role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from amparo.apps.accounts.models import User
from amparo.apps.core.cases import CaseCode
from amparo.apps.linkage.models import LinkageRun, ReviewDecision, ReviewItem, ReviewKind
from amparo.apps.registry.models import Person
from tests.conftest import client_for
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother() -> Person:
    return make_person(given_names="Rosa", surnames="López Pérez", cases=[CaseCode.MS_L])


@pytest.fixture
def son() -> Person:
    return make_person(given_names="Tomás", surnames="López", cases=[CaseCode.MMM])


@pytest.fixture
def question(mother: Person, son: Person) -> ReviewItem:
    run = LinkageRun.objects.create(status="succeeded")
    return ReviewItem.objects.create(
        run=run,
        kind=ReviewKind.PARENT_CHILD,
        left_person=mother,
        right_person=son,
        score=0.62,
        evidence=[
            {
                "field": "surnames",
                "outcome": "partial",
                "left": "López Pérez",
                "right": "López",
                "weight": 2.5,
            }
        ],
    )


def page(item: ReviewItem) -> str:
    return reverse("linkage:review_item", args=[item.pk])


def test_the_queue_requires_login() -> None:
    response = Client().get(reverse("linkage:review_queue"))

    assert response.status_code == 302


def test_a_provider_may_not_review(pilar: User, question: ReviewItem) -> None:
    assert client_for(pilar).get(reverse("linkage:review_queue")).status_code == 403


def test_counsel_who_cannot_see_both_people_get_404(lena: User, question: ReviewItem) -> None:
    # Lena (Ms. L.) sees the mother but not the son (M.M.M.).
    assert client_for(lena).get(page(question)).status_code == 404


def test_counsel_of_both_cases_decide(question: ReviewItem) -> None:
    from tests.factories import counsel

    both = counsel("bea", CaseCode.MS_L, CaseCode.MMM)

    response = client_for(both).post(page(question), {"outcome": "yes", "note": "G-28 on file"})

    assert response.status_code == 302
    decision = ReviewDecision.objects.get()
    assert (decision.decided_by, decision.outcome) == (both, "yes")


def test_a_coordinator_sees_the_evidence_side_by_side(carmen: User, question: ReviewItem) -> None:
    response = client_for(carmen).get(page(question))

    text = response.content.decode()
    assert response.status_code == 200
    assert "López Pérez" in text
    assert "Tomás López" in text


def test_the_review_page_rejects_put(carmen: User, question: ReviewItem) -> None:
    assert client_for(carmen).put(page(question)).status_code == 405


def test_an_answer_that_is_not_a_choice_is_refused(carmen: User, question: ReviewItem) -> None:
    response = client_for(carmen).post(page(question), {"outcome": "maybe"})

    assert response.status_code == 400
    assert not ReviewDecision.objects.exists()


def test_the_court_may_not_start_runs(clara: User) -> None:
    assert client_for(clara).post(reverse("linkage:run_list")).status_code == 403
