"""A coordinator decides one uncertain parent-child link in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from amparo.apps.accounts.models import Role
from amparo.apps.linkage.models import LinkageRun, ReviewDecision, ReviewItem, ReviewKind
from tests.browser.test_import_and_find import log_in
from tests.factories import make_person, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_coordinator_answers_one_question(page: Page, live_server: object) -> None:
    base_url = str(live_server)
    carmen = make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    mother = make_person(given_names="Rosa", surnames="López Pérez")
    son = make_person(given_names="Tomás", surnames="López")
    run = LinkageRun.objects.create(status="succeeded")
    ReviewItem.objects.create(
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
    log_in(page, base_url, "carmen")

    page.get_by_role("link", name="Review").click()
    page.get_by_test_id("review-queue").get_by_role("link").first.click()
    expect(page.get_by_test_id("evidence")).to_contain_text("López Pérez")
    # USWDS hides the radio itself; people click its label.
    page.locator("label[for=outcome-yes]").click()
    page.get_by_label("Note").fill("Birth certificate seen")
    page.get_by_role("button", name="Record my answer").click()

    expect(page.get_by_text("Your answer was recorded.")).to_be_visible()
    decision = ReviewDecision.objects.get()
    assert (decision.decided_by, decision.outcome, decision.note) == (
        carmen,
        "yes",
        "Birth certificate seen",
    )
