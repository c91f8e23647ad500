"""A coordinator logs in, uploads a small world through the page, sees the
row errors for its garbage rows, searches for a person and opens their file."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from amparo.apps.accounts import totp
from amparo.apps.accounts.models import Role, TotpDevice, User
from amparo.apps.accounts.roles import needs_two_factor
from amparo.apps.registry.models import Person
from tests.factories import PASSWORD, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _authenticator_code(secret: str, last_used_step: int | None) -> str:
    """What the user's authenticator app would show: a code not used yet, waiting for
    the next step when this one's was (a second sign-in within 30 seconds)."""
    step = totp.next_usable_step(moment=timezone.now(), last_used_step=last_used_step)
    if step is None:
        time.sleep(totp.STEP_SECONDS - time.time() % totp.STEP_SECONDS + 0.5)
        step = totp.next_usable_step(moment=timezone.now(), last_used_step=last_used_step)
    assert step is not None
    return totp.code_at_step(secret, step)


def log_in(page: Page, base_url: str, username: str) -> None:
    """Sign in through the pages: the password and, for the roles that need one, a code
    (enrolling an authenticator the first time, with the key the page shows)."""
    user = User.objects.get(username=username)
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if needs_two_factor(user):
        device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
            secret = page.get_by_test_id("totp-secret").inner_text()
            page.get_by_label("Six-digit code").fill(_authenticator_code(secret, None))
            page.get_by_role("button", name="Confirm").click()
        else:
            expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
            code = _authenticator_code(device.secret, device.last_used_step)
            page.get_by_label("Six-digit code").fill(code)
            page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_upload_see_row_errors_search_and_open_a_file(
    page: Page, live_server: object, small_world: Path
) -> None:
    base_url = str(live_server)
    make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    log_in(page, base_url, "carmen")

    page.get_by_role("link", name="Imports").click()
    page.set_input_files("#id_extracts", sorted(str(p) for p in small_world.glob("*.csv")))
    page.get_by_label("Why (for the audit log)").fill("browser test")
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_test_id("batch-status")).to_have_text("Imported")
    issues = page.get_by_test_id("row-issues")
    with (small_world / "truth" / "bad_rows.csv").open(encoding="utf-8") as f:
        bad = list(csv.DictReader(f))
    for problem in {b["problem"] for b in bad}:
        expect(issues.get_by_text(problem, exact=True).first).to_be_visible()

    person = Person.objects.exclude(surnames="").order_by("id").first()
    assert person is not None
    page.get_by_role("link", name="People").click()
    page.get_by_label("Name or A-number").fill(person.surnames)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=person.display_name).first.click()

    expect(page.get_by_test_id("person-name")).to_have_text(person.display_name)
    expect(page.get_by_role("heading", name="Custody timeline")).to_be_visible()


def test_the_interface_switches_to_spanish(page: Page, live_server: object) -> None:
    base_url = str(live_server)
    make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    log_in(page, base_url, "carmen")

    page.get_by_label("Language").select_option("es")

    expect(page.get_by_role("heading", name="Panel")).to_be_visible()
