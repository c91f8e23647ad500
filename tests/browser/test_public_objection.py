"""A member objects from a phone: the public page in Spanish on a small screen, the
objection form filled in, a receipt number back; everything the page loads comes from
Amparo itself and weighs under 100 KB."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Response, ViewportSize, expect

from amparo.apps.notices.models import Objection

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE: ViewportSize = {"width": 360, "height": 740}
PAGE_BUDGET = 100 * 1024


def test_an_objection_from_a_phone_in_spanish(browser: Browser, live_server: object) -> None:
    base_url = str(live_server)
    context = browser.new_context(viewport=PHONE, locale="es-MX", is_mobile=True)
    page = context.new_page()
    loaded: list[Response] = []

    def seen(response: Response) -> None:
        loaded.append(response)

    page.on("response", seen)

    page.goto(f"{base_url}/notices/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "El acuerdo para las familias separadas en la frontera"
    )
    origin = urlparse(base_url).netloc
    assert all(urlparse(r.url).netloc == origin for r in loaded), [r.url for r in loaded]
    weight = sum(len(r.body()) for r in loaded)
    assert weight < PAGE_BUDGET, weight

    page.get_by_role("link", name="Enviar una objeción").click()
    page.get_by_label("Quiere ser incluido").check()
    page.get_by_label("Ms. L. v. ICE").check()
    page.get_by_label("Su objeción").fill(
        "Soy la abuela y tutora legal de mi nieta. A nosotras también nos separaron y el "
        "acuerdo no nos incluye."
    )
    page.get_by_role("button", name="Enviar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Objeción recibida")
    receipt = page.get_by_test_id("receipt").inner_text()
    assert Objection.objects.get().receipt == receipt
    context.close()
