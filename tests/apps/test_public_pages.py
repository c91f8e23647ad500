"""The members' public pages, without an account: Spanish first, English on request,
light (one small stylesheet, nothing fetched from elsewhere, no script); the screener
explains its answer and keeps nothing without consent; the objection form gives a
receipt, refuses malformed, oversized and automated submissions with a clear message,
and throttles a flood from one address."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from amparo.apps.notices import public
from amparo.apps.notices.models import Objection, ScreenerContact

pytestmark = pytest.mark.django_db

CSS = Path(public.__file__).resolve().parent / "static" / "notices" / "public.css"
PAGE_BUDGET = 100 * 1024


def valid_objection(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "categories": ["included"],
        "cases": ["ms_l"],
        "text": "Soy la abuela de Lucía y su tutora legal; a ella también la separaron de mí.",
        "language": "Español",
        "website": "",
    }
    values.update(changes)
    return values


@pytest.mark.parametrize("name", ["public_home", "public_screener", "public_objection"])
def test_the_public_pages_are_spanish_first_light_and_self_contained(name: str) -> None:
    client = Client()
    response = client.get(reverse(f"notices:{name}"))
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    body = response.content.decode()
    assert '<html lang="es">' in body
    # Everything the page loads: itself and its one stylesheet.
    assert len(response.content) + CSS.stat().st_size < PAGE_BUDGET
    assert "<script" not in body
    loaded = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert all(not url.startswith(("http:", "https:", "//")) for url in loaded), loaded
    english = client.get(reverse(f"notices:{name}") + "?lang=en")
    assert english["Content-Language"] == "en"


def test_the_home_page_says_what_the_settlement_is_in_plain_spanish() -> None:
    body = Client().get(reverse("notices:public_home")).content.decode()
    assert "El acuerdo para las familias separadas en la frontera" in body
    assert "¿Podría yo ser miembro de la clase?" in body


def test_the_screener_explains_and_keeps_nothing_without_consent() -> None:
    client = Client()
    answer = client.post(
        reverse("notices:public_screener"),
        {"separated": "yes", "role": "relative", "negative": ""},
    )
    body = answer.content.decode()
    assert "Probablemente usted no es miembro de la clase tal como está escrito" in body
    assert "No se guardó nada" in body
    assert not ScreenerContact.objects.exists()
    kept = client.post(
        reverse("notices:public_screener") + "?lang=en",
        {
            "separated": "yes",
            "role": "parent",
            "negative": "yes",
            "consent": "on",
            "contact_name": "Ana",
            "contact": "+502 5555 0000",
        },
    )
    assert "parents' classes (Ms. L. and Dora)" in html.unescape(kept.content.decode())
    saved = ScreenerContact.objects.get()
    assert (saved.contact, saved.answers["role"]) == ("+502 5555 0000", "parent")
    no_contact = client.post(
        reverse("notices:public_screener"),
        {"separated": "yes", "role": "parent", "consent": "on"},
    )
    assert no_contact.status_code == 400
    assert ScreenerContact.objects.count() == 1


def test_an_objection_gets_a_receipt() -> None:
    response = Client().post(reverse("notices:public_objection"), valid_objection())
    assert response.status_code == 200
    objection = Objection.objects.get()
    assert objection.receipt in response.content.decode()
    assert "Objeción recibida" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"categories": []}, "Este campo es obligatorio"),
        ({"text": "   "}, "Este campo es obligatorio"),
        ({"a_number": "12"}, "Un número A tiene 8 o 9 dígitos."),
        ({"website": "http://spam.example"}, "No se pudo leer el formulario"),
    ],
)
def test_a_malformed_objection_is_refused_with_a_clear_message(
    changes: dict[str, object], message: str
) -> None:
    response = Client().post(reverse("notices:public_objection"), valid_objection(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Objection.objects.exists()


def test_an_oversized_objection_is_refused_before_it_is_read() -> None:
    response = Client().post(
        reverse("notices:public_objection"), valid_objection(text="x" * (public.MAX_BODY + 1))
    )
    assert response.status_code == 413
    assert "demasiado larga" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_flood_is_throttled(settings: Settings) -> None:
    settings.AMPARO_OBJECTIONS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.50")
    codes = [
        client.post(reverse("notices:public_objection"), valid_objection()).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    assert Objection.objects.count() == 2
