"""API token pages: a user manages their own tokens and nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amparo.apps.accounts.models import ApiToken, User
from amparo.apps.accounts.services import api_token_authenticate, api_token_create
from amparo.apps.audit.models import AuditEvent
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_user_creates_a_token_shown_once(lena: User) -> None:
    response = client_for(lena).post(reverse("accounts:token_list"), {"name": "laptop"})

    key = response.context["new_key"]
    assert key.startswith("amp_")
    assert api_token_authenticate(key) == lena
    assert key not in ApiToken.objects.values_list("key_sha256", flat=True)
    assert AuditEvent.objects.filter(action="api_token.create", actor=lena).exists()


def test_another_users_token_cannot_be_revoked(lena: User, marta: User) -> None:
    token, key = api_token_create(actor=marta, name="marta's")

    response = client_for(lena).post(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert api_token_authenticate(key) == marta


def test_revoking_needs_post(lena: User) -> None:
    token, _key = api_token_create(actor=lena, name="mine")

    response = client_for(lena).get(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 405


def test_revoking_ends_the_token(lena: User) -> None:
    token, key = api_token_create(actor=lena, name="mine")

    client_for(lena).post(reverse("accounts:token_revoke", args=[token.pk]))

    assert api_token_authenticate(key) is None
