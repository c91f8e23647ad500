"""Class counsel record a member's election from the signed paper form in a real
browser, then find it in their inbox."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import FilePayload, Page, expect

from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.models import Election
from tests.browser.test_import_and_find import log_in
from tests.factories import counsel, make_person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCAN: FilePayload = {
    "name": "scan.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
}


def test_counsel_record_an_election_and_see_it_in_their_inbox(
    page: Page, live_server: object
) -> None:
    base_url = str(live_server)
    lena = counsel("lena", CaseCode.MS_L)
    rosa = make_person(
        given_names="Rosa",
        surnames="López Pérez",
        dob=date(1990, 3, 1),
        language="Spanish",
        cases=[CaseCode.MS_L],
    )
    log_in(page, base_url, "lena")

    page.goto(f"{base_url}/elections/person/{rosa.public_id}/new")
    expect(page.get_by_test_id("election-status")).to_have_text(
        "No election returned — this is not a waiver."
    )
    # USWDS hides radios and checkboxes; people click their labels.
    page.locator("label[for=choice-waive]").click()
    page.get_by_label("Read to the member by (name)").fill("Lucía Méndez")
    page.get_by_label("Language it was read in").fill("Mam")
    page.get_by_label("Date it was read").fill("2018-10-20")
    page.get_by_label("Date signed").fill("2018-10-20")
    page.locator("label[for=signer_kind-self]").click()
    page.get_by_label("Name of the person who signed").fill("Rosa López Pérez")
    page.locator("label[for=source-paper]").click()
    page.set_input_files("#id_scan", files=[SCAN])
    page.get_by_role("button", name="Record the election").click()

    # Refused: a waiver needs its attestation, and Mam is not Rosa's language on record.
    errors = page.get_by_test_id("election-errors")
    expect(errors).to_contain_text("knowingly and voluntarily")
    expect(errors).to_contain_text("confirm that the member understands Mam")
    assert not Election.objects.exists()

    page.locator("label[for=id_waiver_attested]").click()
    page.locator("label[for=id_language_understood]").click()
    page.set_input_files("#id_scan", files=[SCAN])
    page.get_by_role("button", name="Record the election").click()

    expect(page.get_by_text("The election was recorded.")).to_be_visible()
    expect(page.get_by_test_id("election-choice")).to_contain_text("Waive")
    expect(page.get_by_test_id("language-match")).to_contain_text("Differs from the record")
    election = Election.objects.get()
    assert (election.person, election.recorded_by, election.choice) == (rosa, lena, "waive")
    assert election.scan_sha256

    page.goto(f"{base_url}/elections/")
    inbox = page.get_by_test_id("election-inbox")
    expect(inbox).to_contain_text("Waive")
    inbox.get_by_role("link", name="Rosa López Pérez").click()
    expect(page.get_by_test_id("person-name")).to_have_text("Rosa López Pérez")
