"""Class counsel in a real browser work a deported parent's case: three contact
attempts (no answer; located by the partner's visit; reached), the parent's written
consent for the partner, then her wish to return and the application, presented with
its evidence. The partner then reads what the consent allows, and no more."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, Page, expect

from amparo.apps.accounts.models import Role
from amparo.apps.core.cases import CaseCode
from amparo.apps.returns.models import Disclosure, ReturnCase
from tests.browser.test_import_and_find import log_in
from tests.browser.test_interviews import log_out
from tests.factories import counsel, make_user
from tests.returns_world import PDF, open_case, partner_org, partner_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pdf(name: str) -> FilePayload:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def _when(days_ago: int) -> str:
    moment = timezone.localtime(timezone.now() - timedelta(days=days_ago))
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_counsel_log_attempts_and_consent_then_file_the_application(
    page: Page, live_server: object, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    base_url = str(live_server)
    carmen = make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    counsel("lena", CaseCode.MS_L)
    partner = partner_org()
    partner_user("pablo", partner)
    _family, case = open_case(carmen)

    log_in(page, base_url, "lena")
    page.get_by_role("link", name="Deported parents").click()
    page.get_by_test_id("return-cases").get_by_role("link", name="Rosa López Pérez").click()
    expect(page.get_by_test_id("stage")).to_have_text("Not yet located")
    # Her son is an M.M.M. member: Ms. L. counsel see that he exists, not his file.
    expect(page.get_by_test_id("children")).to_contain_text("in another case")

    attempts = (
        (6, "Telephone", "No answer", "Not yet located"),
        (4, "In-country partner visit", "Located, not spoken with", "Located, not yet spoken with"),
        (2, "Telephone", "Reached", "Contacted"),
    )
    for days_ago, channel, outcome, stage in attempts:
        form = page.get_by_test_id("form-attempt")
        form.get_by_label("When").fill(_when(days_ago))
        form.get_by_label("How").select_option(label=channel)
        form.get_by_label("Outcome").select_option(label=outcome)
        form.get_by_label("Note").fill(f"{outcome} ({channel})")
        form.get_by_role("button", name="Record the attempt").click()
        expect(page.get_by_text("Contact attempt recorded.")).to_be_visible()
        expect(page.get_by_test_id("stage")).to_have_text(stage)
    expect(page.get_by_test_id("attempts").locator("tbody tr")).to_have_count(3)

    # The written consent: the partner may know where the case stands, not the child.
    page.get_by_text("Record a written consent").click()
    form = page.get_by_test_id("form-consent")
    form.get_by_label("Partner organisation").select_option(label=partner.name)
    form.get_by_label("Where the return case stands and the parent's wish").check()
    form.get_by_label("Signed on").fill(timezone.localdate().isoformat())
    form.get_by_label("Scan of the signed consent").set_input_files(files=[_pdf("consent.pdf")])
    form.get_by_role("button", name="Record the written consent").click()
    expect(page.get_by_text("Consent recorded.")).to_be_visible()
    expect(page.get_by_test_id("consents")).to_contain_text(partner.name)

    # Her wish, then the application with its evidence, presented.
    form = page.get_by_test_id("form-wish")
    form.get_by_label("Apply to return to the United States").check()
    form.get_by_label("Expressed on").fill(timezone.localdate().isoformat())
    form.get_by_role("button", name="Record the wish").click()
    expect(page.get_by_test_id("stage")).to_have_text("Application being prepared")
    expect(page.get_by_test_id("deadline")).to_contain_text("30 days left")
    form = page.get_by_test_id("form-statement")
    form.get_by_label("Statement of the parent's case").fill(
        "Removed while her son was in ORR care; she fears return and asks to come back."
    )
    form.get_by_role("button", name="Save the statement").click()
    expect(page.get_by_test_id("statement")).to_contain_text("Removed while her son")
    form = page.get_by_test_id("form-evidence")
    form.get_by_label("What the document is").fill("Declaration of the parent")
    form.get_by_label("Document", exact=True).set_input_files(files=[_pdf("declaration.pdf")])
    form.get_by_role("button", name="Attach").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("Declaration of the parent")
    page.get_by_test_id("form-submit").get_by_role("button", name="Present the application").click()
    expect(page.get_by_text("The application was presented to the government.")).to_be_visible()
    expect(page.get_by_test_id("stage")).to_have_text("Application presented")

    case = ReturnCase.objects.get(pk=case.pk)
    assert case.stage == "applied" and case.submitted_at is not None
    assert case.attempts.count() == 3 and case.consents.count() == 1
    log_out(page)

    # The partner was not given the search: the parent is not theirs to see.
    log_in(page, base_url, "pablo")
    page.get_by_role("link", name="Searches").click()
    expect(page.get_by_test_id("partner-searches")).not_to_contain_text("Rosa")
    log_out(page)
    log_in(page, base_url, "lena")
    page.goto(f"{base_url}/returns/{case.public_id}/")
    page.get_by_test_id("form-assign").get_by_label("Partner organisation").select_option(
        label=partner.name
    )
    page.get_by_role("button", name="Ask this partner to search").click()
    log_out(page)
    log_in(page, base_url, "pablo")
    page.get_by_role("link", name="Searches").click()
    page.get_by_role("link", name="Rosa López Pérez").click()
    # Consent to where the case stands, not to the application: contacted, wishing to
    # return, and nothing of what was presented.
    expect(page.get_by_test_id("consented-status")).to_contain_text("Contacted")
    expect(page.get_by_test_id("consented-status")).to_contain_text("Apply to return")
    expect(page.locator("body")).not_to_contain_text("Application presented")
    expect(page.locator("body")).not_to_contain_text("Tomás")
    assert Disclosure.objects.filter(channel="portal", partner=partner).count() == 1
