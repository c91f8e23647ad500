"""One settlement interview from scheduled to served in a real browser: the officer
records the protections, enters the first interview and the new one, drafts a negative,
is stopped until an inconsistency is given due consideration, and sends it up; the
supervisor approves it; the officer serves it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from amparo.apps.accounts.models import Role
from amparo.apps.interviews import services
from amparo.apps.interviews.models import Assessment, Interview
from tests.browser.test_import_and_find import log_in
from tests.factories import make_user
from tests.interviews_world import make_family, supervisor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_an_interview_from_scheduled_to_served(page: Page, live_server: object) -> None:
    base_url = str(live_server)
    carmen = make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    omar = make_user(
        username="omar", role=Role.ASYLUM_OFFICER, first_name="Omar", last_name="Officer"
    )
    supervisor("sara")
    family = make_family()
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    services.interview_schedule(
        actor=carmen,
        interview=interview,
        # Soon: it may be held no earlier than half an hour before its time.
        scheduled_for=timezone.now() + timedelta(minutes=10),
        location="Port Isabel, room 2",
        officer=omar,
        expected_version=interview.version,
    )

    # The officer finds it on the docket.
    log_in(page, base_url, "omar")
    page.goto(f"{base_url}/interviews/")
    page.get_by_test_id("docket").get_by_role("link", name="Rosa López Pérez").click()
    expect(page.get_by_test_id("interview-state")).to_have_text("Scheduled")

    # Counsel by telephone, the M-444, a private room, interpreted in her best language.
    conduct = page.get_by_test_id("conduct-form")
    conduct.get_by_label("Counsel", exact=True).select_option("telephone")
    conduct.get_by_label("Language interpreted").fill("Mam")
    conduct.get_by_label("The person's best language").fill("Mam")
    conduct.locator("label[for=id_m444_served]").click()
    conduct.locator("label[for=id_private_setting]").click()
    conduct.locator("label[for=id_mark_conducted]").click()
    conduct.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("interview-state")).to_have_text("Conducted")

    # The first interview, from its worksheet summary: a threat by a gang in March.
    page.get_by_test_id("edit-first").click()
    page.get_by_label("Date of the interview").fill("2018-06-20")
    page.get_by_label("Separated from the child on").fill("2018-05-28")
    page.locator("#id_knew_child_whereabouts").select_option("no")
    page.locator("#id_harm-0-type").select_option("threat")
    page.locator("#id_harm-0-when").fill("2018-03-02")
    page.locator("#id_harm-0-place").fill("Huehuetenango")
    page.locator("#id_harm-0-perpetrator").fill("local gang")
    page.get_by_role("button", name="Save the worksheet").click()
    expect(page.get_by_test_id("sheet-first")).to_contain_text("Huehuetenango")

    # The new account tells the threat again and, for the first time, a beating.
    page.get_by_test_id("edit-new").click()
    page.get_by_label("Date of the interview").fill(timezone.localdate().isoformat())
    page.locator("#id_harm-0-type").select_option("threat")
    page.locator("#id_harm-0-when").fill("2018-03-05")
    page.locator("#id_harm-0-place").fill("Huehuetenango")
    page.locator("#id_harm-0-perpetrator").fill("the local gang")
    page.locator("#id_harm-1-type").select_option("beating")
    page.locator("#id_harm-1-when").fill("2018-04-10")
    page.locator("#id_harm-1-place").fill("Huehuetenango")
    page.locator("#id_harm-1-perpetrator").fill("police")
    page.locator("label[for=id_summary_read_back]").click()
    page.get_by_role("button", name="Save the worksheet").click()
    inconsistencies = page.get_by_test_id("inconsistency")
    expect(inconsistencies.first).to_contain_text("Omission: told now, not then")
    expect(page.get_by_test_id("inconsistencies")).to_contain_text(
        "separated from the child for 23 days"
    )

    # A negative cannot go up while the omission is unweighed.
    draft = page.get_by_test_id("draft-form")
    draft.locator("label[for=determination-NEGATIVE]").click()
    draft.get_by_label("Summary of the determination").fill("No nexus to a protected ground.")
    draft.get_by_role("button", name="Draft the determination").click()
    expect(page.get_by_test_id("submit-blocked")).to_be_visible()
    page.get_by_test_id("submit-review").click()
    expect(
        page.get_by_text("only once every inconsistency has a due-consideration")
    ).to_be_visible()
    expect(page.get_by_test_id("interview-state")).to_have_text("Determination drafted")

    # Due consideration of each difference, then it goes up.
    count = inconsistencies.count()
    assert count >= 1
    for n in range(count):
        item = page.get_by_test_id("inconsistency").nth(n)
        item.locator("textarea").fill(
            "She had not seen her son for 23 days and did not know where he was."
        )
        item.get_by_role("button", name="Record the assessment").click()
        expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    expect(page.get_by_test_id("unconsidered-count")).to_contain_text(
        f"Without due consideration: 0 / {count}"
    )
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("interview-state")).to_have_text("In supervisory review")
    log_out(page)

    # The supervisor reads the assessments and approves.
    log_in(page, base_url, "sara")
    page.goto(f"{base_url}/interviews/review/")
    page.get_by_test_id("review-queue").get_by_role("link", name="Rosa López Pérez").click()
    expect(page.get_by_test_id("assessment").first).to_contain_text("23 days")
    review = page.get_by_test_id("review-form")
    review.locator("label[for=decision-approve]").click()
    review.get_by_role("button", name="Record the review").click()
    expect(page.get_by_test_id("interview-state")).to_have_text("Approved")
    log_out(page)

    # The officer serves it; the person may now ask for a judge's review.
    log_in(page, base_url, "omar")
    page.goto(f"{base_url}/interviews/{interview.public_id}/")
    page.get_by_test_id("serve").click()
    expect(page.get_by_test_id("interview-state")).to_have_text("Served")

    served = Interview.objects.get(pk=interview.pk)
    assert (served.state, served.determination) == ("served", "NEGATIVE")
    assert served.supervisor is not None and served.supervisor.username == "sara"
    assert Assessment.objects.filter(interview=served).count() == count
    refused = served.events.filter(accepted=False).values_list("reason", flat=True)
    assert list(refused) == ["unconsidered_inconsistencies"]
