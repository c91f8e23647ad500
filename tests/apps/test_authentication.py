"""Signing in (issue 10): a password, then a code from an authenticator for the roles
that need one; pauses after too many failures; sessions that end when idle or old;
passwords kept with Argon2id; the demo still walks in."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from amparo.apps.accounts import throttle, totp
from amparo.apps.accounts.models import Role, SignInAttempt, TotpDevice, User
from amparo.apps.accounts.roles import TWO_FACTOR_ROLES, needs_two_factor
from amparo.apps.accounts.services import totp_device_enrolment_begin, user_create
from amparo.apps.audit.models import AuditEvent
from amparo.apps.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure
from amparo.apps.core.middleware import SESSION_LAST_SEEN_AT, SESSION_SIGNED_IN_AT
from tests.factories import PASSWORD, OrganisationFactory, make_user

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

AUTH_SESSION_KEY = "_auth_user_id"


def enrolled(user: User, *, is_demo: bool = False) -> TotpDevice:
    return TotpDevice.objects.create(
        user=user, secret=totp.secret_new(), confirmed_at=timezone.now(), is_demo=is_demo
    )


def current_code(user: User) -> str:
    """The code an authenticator would show now, or the next one when now's was used."""
    device = TotpDevice.objects.get(user=user)
    step = totp.next_usable_step(moment=timezone.now(), last_used_step=device.last_used_step)
    assert step is not None
    return totp.code_at_step(device.secret, step)


def password_step(
    client: Client, username: str, password: str = PASSWORD, *, address: str = "203.0.113.7"
) -> Response:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def code_step(client: Client, code: str, *, address: str = "203.0.113.7") -> Response:
    return client.post(reverse("login_code"), {"code": code}, REMOTE_ADDR=address)


def signed_in_as(client: Client) -> str | None:
    value = client.session.get(AUTH_SESSION_KEY)
    return None if value is None else str(value)


def error_shown(response: Response) -> str:
    body = response.content.decode()
    return body.split('data-testid="sign-in-error">')[1].split("<")[0]


def actions(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


# --- Two steps ---------------------------------------------------------------------


def test_the_two_factor_roles_are_every_role_but_the_court() -> None:
    assert set(Role) - TWO_FACTOR_ROLES == {Role.COURT}


@pytest.mark.parametrize("role", sorted(TWO_FACTOR_ROLES))
def test_a_right_password_alone_logs_no_two_factor_role_in(role: Role) -> None:
    organisation = OrganisationFactory()
    user = make_user(username="someone", role=role, organisation=organisation)
    enrolled(user)
    client = Client()

    response = password_step(client, "someone")

    assert response.status_code == 302
    assert response["Location"] == reverse("login_code")
    assert signed_in_as(client) is None
    assert client.get(reverse("core:dashboard"))["Location"].startswith("/login/")


def test_the_court_signs_in_with_its_password(clara: User) -> None:
    client = Client()

    response = password_step(client, "clara")

    assert response["Location"] == reverse("core:dashboard")
    assert signed_in_as(client) == str(clara.pk)
    assert actions("sign_in.success")[-1].details == {
        "address": "203.0.113.7",
        "two_factor": False,
    }


def test_a_good_code_logs_in_and_gives_the_session_a_new_id(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    password_step(client, "carmen")
    half_signed_in_key = client.session.session_key

    response = code_step(client, current_code(carmen))

    assert response["Location"] == reverse("core:dashboard")
    assert signed_in_as(client) == str(carmen.pk)
    assert client.session.session_key != half_signed_in_key
    event = actions("sign_in.success")[-1]
    assert event.actor == carmen
    assert event.details["two_factor"] is True


def test_a_wrong_code_logs_nobody_in_and_is_audited(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    password_step(client, "carmen")
    good = current_code(carmen)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"

    response = code_step(client, wrong)

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert signed_in_as(client) is None
    failure = actions("sign_in.failure")[-1]
    assert failure.object_id == str(carmen.pk)
    assert failure.details["step"] == "code"


def test_a_code_works_once(carmen: User) -> None:
    enrolled(carmen)
    first, second = Client(), Client()
    password_step(first, "carmen")
    password_step(second, "carmen")
    code = current_code(carmen)

    code_step(first, code)
    replayed = code_step(second, code)

    assert signed_in_as(first) == str(carmen.pk)
    assert replayed.status_code == 200
    assert signed_in_as(second) is None


def test_the_code_step_without_a_password_step_asks_for_the_password(carmen: User) -> None:
    enrolled(carmen)
    client = Client()

    response = code_step(client, current_code(carmen))

    assert response.status_code == 200
    assert "not finished in time" in response.content.decode()
    assert signed_in_as(client) is None


def test_a_code_long_after_the_password_step_is_refused(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    password_step(client, "carmen")
    session = client.session
    session["amparo_sign_in_pending"]["at"] = time.time() - 11 * 60
    session.save()

    code_step(client, current_code(carmen))

    assert signed_in_as(client) is None


def test_a_user_deactivated_between_the_steps_is_not_logged_in(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    password_step(client, "carmen")
    User.objects.filter(pk=carmen.pk).update(is_active=False)

    response = code_step(client, current_code(carmen))

    assert "not finished in time" in response.content.decode()
    assert signed_in_as(client) is None


def test_where_the_user_was_going_survives_the_code_step(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    client.post(
        reverse("login"),
        {"username": "carmen", "password": PASSWORD, "next": "/people/"},
    )

    response = code_step(client, current_code(carmen))

    assert response["Location"] == "/people/"


def test_a_next_address_off_the_site_is_ignored(clara: User) -> None:
    client = Client()

    response = client.post(
        reverse("login"),
        {"username": "clara", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("core:dashboard")


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-2, False), (-1, True), (0, True), (1, True), (2, False)]
)
def test_codes_one_step_either_side_are_accepted(offset: int, accepted: bool) -> None:
    secret = totp.secret_new()
    moment = timezone.now()
    step = totp.step_at(moment) + offset

    found = totp.accepted_step(
        secret, totp.code_at_step(secret, step), moment=moment, last_used_step=None
    )

    assert (found == step) is accepted


def test_a_step_already_used_is_refused_even_inside_the_window() -> None:
    secret = totp.secret_new()
    moment = timezone.now()
    step = totp.step_at(moment)

    found = totp.accepted_step(
        secret, totp.code_at_step(secret, step), moment=moment, last_used_step=step
    )

    assert found is None


def test_the_codes_are_rfc_6238s() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082, of which an app shows the last six.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert totp.code_at_step(secret, 59 // 30) == "287082"


# --- Enrolment -----------------------------------------------------------------------


def test_a_user_without_an_authenticator_is_taken_to_enrolment(carmen: User) -> None:
    client = Client()

    response = password_step(client, "carmen")
    page = client.get(response["Location"])

    assert response["Location"] == reverse("login_enrol")
    device = TotpDevice.objects.get(user=carmen)
    assert device.confirmed_at is None
    body = page.content.decode()
    assert device.secret in body
    assert f"otpauth://totp/Amparo:carmen?secret={device.secret}" in body
    assert "<script" not in body.split("</head>")[1]


def test_enrolment_ends_with_a_good_code_and_the_key_is_never_shown_again(
    carmen: User,
) -> None:
    client = Client()
    password_step(client, "carmen")
    client.get(reverse("login_enrol"))
    secret = TotpDevice.objects.get(user=carmen).secret

    response = client.post(reverse("login_enrol"), {"code": current_code(carmen)})

    assert signed_in_as(client) == str(carmen.pk)
    assert response["Location"] == reverse("core:dashboard")
    assert TotpDevice.objects.get(user=carmen).confirmed_at is not None
    assert actions("totp_device.enrol")[-1].object_id == str(carmen.pk)
    later = Client()
    password_step(later, "carmen")
    again = later.get(reverse("login_enrol"))
    assert again["Location"] == reverse("login_code")
    assert secret not in later.get(reverse("login_code")).content.decode()


def test_a_wrong_code_does_not_confirm_the_enrolment(carmen: User) -> None:
    client = Client()
    password_step(client, "carmen")
    client.get(reverse("login_enrol"))
    good = current_code(carmen)

    client.post(reverse("login_enrol"), {"code": f"{(int(good) + 1) % 1_000_000:06d}"})

    assert TotpDevice.objects.get(user=carmen).confirmed_at is None
    assert signed_in_as(client) is None
    assert actions("sign_in.failure")[-1].details["step"] == "enrolment"


def test_an_unconfirmed_authenticator_does_not_count_at_the_code_step(carmen: User) -> None:
    totp_device_enrolment_begin(user=carmen)
    client = Client()
    password_step(client, "carmen")

    response = code_step(client, current_code(carmen))

    assert response["Location"] == reverse("login_enrol")
    assert signed_in_as(client) is None


# --- Pauses after failures -----------------------------------------------------------


def fail_passwords(username: str, times: int, *, address: str = "203.0.113.7") -> None:
    for _ in range(times):
        password_step(Client(), username, "not the password", address=address)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(clara: User) -> None:
    fail_passwords("clara", 5)
    client = Client()

    response = password_step(client, "clara", address="198.51.100.1")

    assert response.status_code == 429
    assert "Sign-in is paused; try again in 15 minutes." in response.content.decode()
    assert signed_in_as(client) is None
    pause = actions("sign_in.pause")
    assert [(e.object_id, e.details["scope"]) for e in pause] == [(str(clara.pk), "username")]


def test_four_wrong_passwords_do_not_pause(clara: User) -> None:
    fail_passwords("clara", 4)
    client = Client()

    password_step(client, "clara")

    assert signed_in_as(client) == str(clara.pk)


def test_a_pause_says_nothing_of_whether_the_username_exists(clara: User) -> None:
    fail_passwords("clara", 5, address="198.51.100.1")
    fail_passwords("nobody-by-this-name", 5, address="198.51.100.2")

    known = password_step(Client(), "clara", address="198.51.100.3")
    unknown = password_step(Client(), "nobody-by-this-name", address="198.51.100.4")

    assert known.status_code == unknown.status_code == 429
    assert error_shown(known) == error_shown(unknown)
    unknown_failure = actions("sign_in.failure")[-1]
    assert unknown_failure.object_type == "sign_in"
    assert "nobody-by-this-name" not in str(unknown_failure.details)


@override_settings(AMPARO_SIGN_IN_FAILURES_PER_ADDRESS=3)
def test_one_address_is_paused_across_usernames(clara: User) -> None:
    for name in ("ana", "beto", "chema"):
        fail_passwords(name, 1, address="192.0.2.9")

    from_there = password_step(Client(), "clara", address="192.0.2.9")
    from_elsewhere = Client()
    password_step(from_elsewhere, "clara", address="192.0.2.10")

    assert from_there.status_code == 429
    assert signed_in_as(from_elsewhere) == str(clara.pk)
    assert [e.details["scope"] for e in actions("sign_in.pause")] == ["address"]


@override_settings(
    AMPARO_SIGN_IN_FAILURES_PER_ADDRESS=3, AMPARO_CLIENT_ADDRESS_HEADER="X-Forwarded-For"
)
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(clara: User) -> None:
    for forged in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        Client().post(
            reverse("login"),
            {"username": "ana", "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"{forged}, 192.0.2.9",
        )

    same_client = Client().post(
        reverse("login"),
        {"username": "clara", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="10.0.0.4, 192.0.2.9",
    )
    other = Client()
    other.post(
        reverse("login"),
        {"username": "clara", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )

    assert actions("sign_in.failure")[-1].details["address"] == "192.0.2.9"
    assert same_client.status_code == 429
    assert signed_in_as(other) == str(clara.pk)


def test_wrong_codes_pause_the_username_too(carmen: User) -> None:
    enrolled(carmen)
    client = Client()
    password_step(client, "carmen")
    good = current_code(carmen)
    for _ in range(5):
        code_step(client, f"{(int(good) + 1) % 1_000_000:06d}")

    response = code_step(client, good, address="198.51.100.5")

    assert response.status_code == 429
    assert signed_in_as(client) is None
    assert password_step(Client(), "carmen", address="198.51.100.6").status_code == 429


def test_the_pause_ends_when_the_failures_are_older_than_the_period(clara: User) -> None:
    fail_passwords("clara", 5)
    SignInAttempt.objects.update(
        attempted_at=timezone.now() - timedelta(seconds=settings.AMPARO_SIGN_IN_PAUSE_SECONDS + 1)
    )
    client = Client()

    password_step(client, "clara")

    assert signed_in_as(client) == str(clara.pk)


def test_a_complete_sign_in_forgets_the_usernames_failures_not_the_addresss(
    clara: User,
) -> None:
    fail_passwords("clara", 4)

    password_step(Client(), "clara")

    assert not SignInAttempt.objects.filter(scope="username").exists()
    assert SignInAttempt.objects.filter(scope="address").count() == 4


def test_attempts_still_running_count_against_the_limit(db: None) -> None:
    now = timezone.now()
    for _ in range(5):
        throttle.attempt_begin(username="clara", address="192.0.2.1", now=now)

    with pytest.raises(throttle.SignInPausedError) as paused:
        throttle.attempt_begin(username="clara", address="192.0.2.2", now=now)

    assert paused.value.wait_minutes == 15


def test_the_count_lives_in_the_database_not_in_the_process(clara: User) -> None:
    fail_passwords("clara", 5)

    stored = SignInAttempt.objects.filter(scope="username")

    assert stored.count() == 5
    assert {row.key_digest for row in stored} == {throttle.username_digest("clara")}
    assert "clara" not in stored[0].key_digest


# --- Sessions ------------------------------------------------------------------------


def signed_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("core:dashboard"))
    return client


def clocks_back(client: Client, *, signed_in: float, last_seen: float) -> None:
    session = client.session
    now = time.time()
    session[SESSION_SIGNED_IN_AT] = now - signed_in
    session[SESSION_LAST_SEEN_AT] = now - last_seen
    session.save()


def test_a_session_idle_too_long_ends_at_the_login_page(carmen: User) -> None:
    client = signed_in_client(carmen)
    clocks_back(client, signed_in=3600, last_seen=settings.AMPARO_SESSION_IDLE_SECONDS + 1)

    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/people/"
    assert signed_in_as(client) is None
    assert actions("session.expire")[-1].details == {"cause": "idle"}
    page = client.get(response["Location"])
    assert "Your session has expired" in page.content.decode()


def test_a_busy_session_still_ends_at_its_lifetime(carmen: User) -> None:
    client = signed_in_client(carmen)
    clocks_back(client, signed_in=settings.SESSION_COOKIE_AGE + 1, last_seen=5)

    response = client.get(reverse("core:dashboard"))

    assert response["Location"].startswith("/login/")
    assert actions("session.expire")[-1].details == {"cause": "lifetime"}


def test_a_session_in_use_goes_on_and_its_idle_clock_restarts(carmen: User) -> None:
    client = signed_in_client(carmen)
    clocks_back(client, signed_in=3600, last_seen=settings.AMPARO_SESSION_IDLE_SECONDS - 60)

    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN_AT] < 5


def test_the_session_cookie_ends_with_the_browser(clara: User) -> None:
    client = Client()

    password_step(client, "clara")

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


# --- Password hashing ----------------------------------------------------------------


def test_new_passwords_are_kept_with_argon2id(db: None) -> None:
    with override_settings(PASSWORD_HASHERS=settings.DEPLOYED_PASSWORD_HASHERS):
        user = user_create(
            actor=None, username="clara2", password=PASSWORD, role=Role.COURT, reason="test"
        )

    assert user.password.startswith("argon2$argon2id$")


def test_an_older_pbkdf2_hash_becomes_argon2id_at_sign_in(db: None) -> None:
    with override_settings(PASSWORD_HASHERS=settings.DEPLOYED_PASSWORD_HASHERS):
        user = make_user(username="clara2", role=Role.COURT)
        User.objects.filter(pk=user.pk).update(
            password=make_password(PASSWORD, hasher="pbkdf2_sha256")
        )
        client = Client()

        password_step(client, "clara2")

        user.refresh_from_db()
        assert signed_in_as(client) == str(user.pk)
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password(PASSWORD)


# --- The demo ------------------------------------------------------------------------


def test_demo_accounts_that_need_a_code_get_a_demo_authenticator(db: None) -> None:
    demo_accounts_ensure()

    with_device = set(
        TotpDevice.objects.filter(is_demo=True, confirmed_at__isnull=False).values_list(
            "user__username", flat=True
        )
    )

    assert with_device == {a.username for a in DEMO_ACCOUNTS if a.role in TWO_FACTOR_ROLES}
    assert "court" not in with_device


@override_settings(AMPARO_DEMO_CODES_SHOWN=True)
def test_a_local_install_shows_the_demo_code_and_it_works_twice_running(db: None) -> None:
    demo_accounts_ensure()
    for _ in range(2):
        client = Client()
        client.post(reverse("login"), {"username": "coordinator", "password": DEMO_PASSWORD})
        page = client.get(reverse("login_code"))
        shown = page.context["demo_code"]

        client.post(reverse("login_code"), {"code": shown})

        assert f'data-testid="demo-code">{shown}<' in page.content.decode()
        assert signed_in_as(client) == str(User.objects.get(username="coordinator").pk)


@override_settings(AMPARO_DEMO_CODES_SHOWN=False)
def test_the_demo_code_is_not_shown_unless_settings_say_so(db: None) -> None:
    demo_accounts_ensure()
    client = Client()
    client.post(reverse("login"), {"username": "coordinator", "password": DEMO_PASSWORD})

    page = client.get(reverse("login_code"))

    assert page.context["demo_code"] is None
    assert "demo-code" not in page.content.decode()


@override_settings(AMPARO_DEMO_CODES_SHOWN=True)
def test_a_real_authenticators_code_is_never_shown(carmen: User) -> None:
    device = enrolled(carmen)
    client = Client()
    password_step(client, "carmen")

    page = client.get(reverse("login_code"))

    assert device.is_demo is False
    assert page.context["demo_code"] is None
    assert "demo-code" not in page.content.decode()


def test_needs_two_factor_reads_the_role(clara: User, carmen: User) -> None:
    assert needs_two_factor(carmen)
    assert not needs_two_factor(clara)
