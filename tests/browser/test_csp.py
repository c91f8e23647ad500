"""Under the strict content security policy, in a real Chromium: htmx still polls and
swaps, the language chooser still submits, and no page reports a violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from amparo.apps.accounts.models import Role, User
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.engines.extracts import SPECS, Source
from tests.browser.test_import_and_find import log_in
from tests.factories import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAIN_PAGES = [
    "/",
    "/people/",
    "/imports/",
    "/identify/runs/",
    "/eligibility/court/",
    "/scheduling/",
    "/notices/",
    "/returns/",
    "/reports/",
    "/tokens/",
    "/api/docs",
    "/notices/members/",
]


def _violations(page: Page) -> list[str]:
    found: list[str] = []

    def heard(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.on("console", heard)
    return found


def _small_extract() -> UploadedExtract:
    spec = SPECS[Source.ORR]
    row = dict.fromkeys(spec.columns, "")
    row.update({spec.id_column: "ORR-CSP-1", "first_name": "Ana", "last_name": "Pérez"})
    lines = [",".join(spec.columns), ",".join(row[c] for c in spec.columns)]
    return UploadedExtract(spec.filename, ("\n".join(lines) + "\n").encode("utf-8"))


def test_main_pages_report_no_violation(page: Page, live_server: object) -> None:
    base_url = str(live_server)
    make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    violations = _violations(page)
    log_in(page, base_url, "carmen")

    for path in MAIN_PAGES:
        response = page.goto(base_url + path)
        assert response is not None and response.ok, path
        assert "script-src 'self'" in (response.header_value("content-security-policy") or "")
        page.wait_for_load_state("networkidle")

    assert violations == []


def test_the_listener_hears_a_violation(page: Page, live_server: object) -> None:
    """The check above can fail: an inline script added to a page is refused, and
    Chromium says so on the console."""
    base_url = str(live_server)
    violations = _violations(page)
    page.goto(base_url + "/login/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.ran === true") is False
    assert violations


def test_htmx_polls_an_import_under_the_policy(page: Page, live_server: object) -> None:
    base_url = str(live_server)
    make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    carmen = User.objects.get(username="carmen")
    violations = _violations(page)
    log_in(page, base_url, "carmen")
    # Queued, not run: the page polls its progress every second through htmx.
    batch = import_batch_create(actor=carmen, files=[_small_extract()])
    page.goto(f"{base_url}/imports/{batch.public_id}/")
    expect(page.locator("#import-progress[hx-get]")).to_have_count(1)
    with page.expect_request(lambda request: request.url.endswith("/progress")):
        pass

    # Once it has run, the next poll tells htmx to reload the page, which shows it done.
    import_batch_run(batch_id=batch.pk, actor=carmen)
    expect(page.get_by_test_id("batch-status")).to_have_text("Imported", timeout=15_000)
    assert ImportBatch.objects.get(pk=batch.pk).rows_imported == 1
    assert violations == []


def test_the_language_chooser_submits_without_inline_script(
    page: Page, live_server: object
) -> None:
    base_url = str(live_server)
    make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    violations = _violations(page)
    log_in(page, base_url, "carmen")

    page.get_by_label("Language").select_option("es")

    expect(page.get_by_role("heading", name="Panel")).to_be_visible()
    assert violations == []
