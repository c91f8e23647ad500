"""API token pages: a user manages their own tokens and nobody else's. The
administrator's page of authenticators: who enrolled, and a reset."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amparo.apps.accounts.models import ApiToken, Role, TotpDevice, User
from amparo.apps.accounts.services import api_token_authenticate, api_token_create
from amparo.apps.accounts.totp import secret_new
from amparo.apps.audit.models import AuditEvent
from tests.conftest import client_for
from tests.factories import PASSWORD, make_user

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


# --- An administrator resets an authenticator (issue 10) ---------------------------


def test_an_administrator_sees_who_has_enrolled(carmen: User, clara: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)
    TotpDevice.objects.create(user=carmen, secret=secret_new(), confirmed_at=timezone.now())

    response = client_for(admin).get(reverse("accounts:two_factor_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "enrolled" in body.split('data-testid="two-factor-carmen"')[1].split("</tr>")[0]
    assert 'data-testid="two-factor-clara"' not in body
    assert TotpDevice.objects.get(user=carmen).secret not in body


def test_a_reset_forgets_the_authenticator_and_the_next_sign_in_enrols(carmen: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)
    TotpDevice.objects.create(user=carmen, secret=secret_new(), confirmed_at=timezone.now())

    client_for(admin).post(
        reverse("accounts:two_factor_reset", args=[carmen.pk]), {"reason": "lost telephone"}
    )
    signing_in = Client()
    response = signing_in.post(reverse("login"), {"username": "carmen", "password": PASSWORD})

    assert not TotpDevice.objects.filter(user=carmen, confirmed_at__isnull=False).exists()
    event = AuditEvent.objects.get(action="totp_device.reset")
    assert (event.actor, event.object_id, event.reason) == (admin, str(carmen.pk), "lost telephone")
    assert response["Location"] == reverse("login_enrol")


def test_a_reset_ends_the_users_open_sessions_and_no_one_elses(carmen: User, lena: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)
    TotpDevice.objects.create(user=carmen, secret=secret_new(), confirmed_at=timezone.now())
    carmens_phone, lenas_laptop = client_for(carmen), client_for(lena)
    assert carmens_phone.get(reverse("core:dashboard")).status_code == 200

    client_for(admin).post(
        reverse("accounts:two_factor_reset", args=[carmen.pk]), {"reason": "stolen telephone"}
    )

    assert carmens_phone.get(reverse("core:dashboard"))["Location"].startswith("/login/")
    assert lenas_laptop.get(reverse("core:dashboard")).status_code == 200
    event = AuditEvent.objects.get(action="totp_device.reset")
    assert event.details["sessions_ended"] == 1


def test_a_reset_needs_a_reason(carmen: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)
    TotpDevice.objects.create(user=carmen, secret=secret_new(), confirmed_at=timezone.now())

    client_for(admin).post(reverse("accounts:two_factor_reset", args=[carmen.pk]), {"reason": ""})

    assert TotpDevice.objects.filter(user=carmen).exists()


@pytest.mark.parametrize("role", [Role.GOVERNMENT_COORDINATOR, Role.CLASS_COUNSEL, Role.COURT])
def test_only_administrators_reset_authenticators(carmen: User, role: Role) -> None:
    TotpDevice.objects.create(user=carmen, secret=secret_new(), confirmed_at=timezone.now())
    other = make_user(username="someone", role=role)

    page = client_for(other).get(reverse("accounts:two_factor_list"))
    reset = client_for(other).post(
        reverse("accounts:two_factor_reset", args=[carmen.pk]), {"reason": "why not"}
    )

    assert (page.status_code, reset.status_code) == (403, 403)
    assert TotpDevice.objects.filter(user=carmen).exists()


def test_resetting_needs_post(carmen: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)

    response = client_for(admin).get(reverse("accounts:two_factor_reset", args=[carmen.pk]))

    assert response.status_code == 405


def test_a_user_outside_the_two_factor_roles_is_not_found(clara: User) -> None:
    admin = make_user(username="ada", role=Role.ADMINISTRATOR)

    response = client_for(admin).post(
        reverse("accounts:two_factor_reset", args=[clara.pk]), {"reason": "test"}
    )

    assert response.status_code == 404
