"""The coordinator's schedule in a real browser: a run started from the page, its
proposal read against the current schedule (two new times, one person without a Mam
interpreter and why), published; then the officer downloads their calendar."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from amparo.apps.accounts.models import Role
from amparo.apps.interviews.models import Interview
from amparo.engines.interviews import State
from tests.browser.test_import_and_find import log_in
from tests.browser.test_interviews import log_out
from tests.factories import make_user
from tests.scheduling_world import make_world, waiting_parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_schedule_run_previewed_published_and_on_the_officers_calendar(
    page: Page, live_server: object
) -> None:
    base_url = str(live_server)
    carmen = make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    omar = make_user(
        username="omar", role=Role.ASYLUM_OFFICER, first_name="Omar", last_name="Officer"
    )
    world = make_world(carmen, omar)
    waiting_parent(carmen, "Mam")

    log_in(page, base_url, "carmen")
    page.get_by_role("link", name="Scheduling").click()
    expect(page.get_by_test_id("resources")).to_contain_text("2 facilities")
    form = page.get_by_test_id("run-form")
    form.get_by_label("Working days").fill("5")
    form.get_by_label("Time limit (seconds)").fill("3")
    form.get_by_role("button", name="Run").click()

    # The run (done by the time the page loads in tests) against the current schedule.
    expect(page.get_by_test_id("run-status")).to_contain_text("Ready to publish")
    expect(page.get_by_test_id("placed")).to_have_text("2 / 3")
    expect(page.get_by_test_id("outcome-new")).to_have_text("New time: 2")
    page.get_by_test_id("outcome-unplaced").click()
    lines = page.get_by_test_id("lines")
    expect(lines).to_contain_text("Juana Ixcoy")
    expect(lines).to_contain_text("no Mam interpreter")

    page.get_by_test_id("publish").click()
    expect(page.get_by_text("Published: 2 interviews scheduled")).to_be_visible()
    assert Interview.objects.get(pk=world.tomas.pk).state == State.SCHEDULED
    log_out(page)

    # The officer's calendar: two events, naming no one.
    log_in(page, base_url, "omar")
    page.get_by_role("link", name="Calendars").click()
    with page.expect_download() as download:
        page.get_by_test_id("calendar-mine").click()
    path = download.value.path()
    body = path.read_text(encoding="utf-8")
    assert body.count("BEGIN:VEVENT") == 2
    assert "Rosa" not in body and "Juana" not in body
