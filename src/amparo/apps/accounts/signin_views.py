"""Signing in: a password, then (for the roles in roles.TWO_FACTOR_ROLES) a code from
the user's authenticator, enrolling one the first time.

The password step does not log such a user in: it keeps who passed it in the session
and asks for the code; only a good code logs them in (`django.contrib.auth.login`,
which gives the session a new id). Each step counts failures per username and per
address (accounts.throttle) and every outcome is audited.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from amparo.apps.accounts import throttle
from amparo.apps.accounts.forms import CodeForm, SignInForm
from amparo.apps.accounts.models import TotpDevice, User
from amparo.apps.accounts.roles import needs_two_factor
from amparo.apps.accounts.services import (
    sign_in_failure_record,
    sign_in_record,
    totp_code_use,
    totp_device_confirm,
    totp_device_enrolment_begin,
)
from amparo.apps.accounts.totp import code_at_step, next_usable_step, provisioning_uri
from amparo.apps.core.middleware import session_times_start

# Who passed the password step and may now give a code: user id, backend, where to go
# next, and when (the code must follow within PENDING_SECONDS).
SESSION_PENDING = "amparo_sign_in_pending"
# Long enough to install an authenticator app at enrolment.
PENDING_SECONDS = 10 * 60


def _address(request: HttpRequest) -> str:
    """The client's address, for the pauses and the audit log."""
    header = settings.AMPARO_CLIENT_ADDRESS_HEADER
    if header:
        forwarded = request.headers.get(header, "")
        # A proxy appends the address it saw: earlier entries are the client's to forge.
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR", ""))


def _next_url(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _paused_message(paused: throttle.SignInPausedError) -> str:
    return _(
        "Too many failed sign-in attempts. Sign-in is paused; try again in %(minutes)s minutes."
    ) % {"minutes": paused.wait_minutes}


def _sign_in_page(
    request: HttpRequest, form: SignInForm, *, next_url: str, error: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": next_url, "error": error},
        status=status,
    )


def _complete(
    request: HttpRequest, user: User, *, backend: str, next_url: str, two_factor: bool
) -> HttpResponse:
    request.session.pop(SESSION_PENDING, None)
    # login() gives the session a new id: one fixed before sign-in is worthless after.
    login(request, user, backend=backend)
    session_times_start(request)
    throttle.username_failures_forget(user.get_username())
    sign_in_record(user=user, address=_address(request), two_factor=two_factor)
    return redirect(next_url)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = SignInForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _sign_in_page(request, form, next_url=next_url)
    username = form.cleaned_data["username"]
    address = _address(request)
    try:
        attempt = throttle.attempt_begin(username=username, address=address, now=timezone.now())
    except throttle.SignInPausedError as paused:
        return _sign_in_page(
            request, form, next_url=next_url, error=_paused_message(paused), status=429
        )
    user = authenticate(request, username=username, password=form.cleaned_data["password"])
    if not isinstance(user, User):
        sign_in_failure_record(
            user=User.objects.filter(username=username).first(),
            step="password",
            address=address,
            paused=throttle.attempt_failed(attempt),
        )
        return _sign_in_page(
            request,
            form,
            next_url=next_url,
            error=_("Your username and password did not match. Please try again."),
        )
    throttle.attempt_passed(attempt)
    backend = str(getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]))
    if not needs_two_factor(user):
        return _complete(
            request,
            user,
            backend=backend,
            next_url=_next_url(request, next_url),
            two_factor=False,
        )
    # A new id for the half-signed-in session too: nobody who planted a session id
    # before can take over the code step. Whoever was signed in here is signed out.
    if request.user.is_authenticated:
        logout(request)
    else:
        request.session.cycle_key()
    request.session[SESSION_PENDING] = {
        "user_id": user.pk,
        "backend": backend,
        "next": _next_url(request, next_url),
        "at": time.time(),
    }
    enrolled = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
    return redirect("login_code" if enrolled else "login_enrol")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(SESSION_PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(SESSION_PENDING, None)
        return None
    user_id = pending.get("user_id")
    user = (
        User.objects.filter(pk=user_id, is_active=True).first()
        if isinstance(user_id, int)
        else None
    )
    if user is None:
        request.session.pop(SESSION_PENDING, None)
        return None
    return user, pending


def _start_again(request: HttpRequest) -> HttpResponse:
    """The code step reached without a password step (or too late): the sign-in page,
    here, rather than a redirect that would look like a login-required bounce."""
    return _sign_in_page(
        request,
        SignInForm(),
        next_url="",
        error=_("Your sign-in was not finished in time. Please start again."),
    )


def _code_attempt(request: HttpRequest, user: User) -> tuple[throttle.Attempt | None, str]:
    try:
        attempt = throttle.attempt_begin(
            username=user.get_username(), address=_address(request), now=timezone.now()
        )
    except throttle.SignInPausedError as paused:
        return None, _paused_message(paused)
    return attempt, ""


def _code_failed(request: HttpRequest, user: User, attempt: throttle.Attempt, step: str) -> str:
    sign_in_failure_record(
        user=user, step=step, address=_address(request), paused=throttle.attempt_failed(attempt)
    )
    return _(
        "That code is not right, or it was used already. Wait for the next code and try again."
    )


def _demo_code(device: TotpDevice) -> str | None:
    """A demo account's current code, on a local install only; "" when every code in
    the window was just used (wait for the next)."""
    if not (device.is_demo and settings.AMPARO_DEMO_CODES_SHOWN):
        return None
    step = next_usable_step(moment=timezone.now(), last_used_step=device.last_used_step)
    return "" if step is None else code_at_step(device.secret, step)


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    user, data = pending
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return redirect("login_enrol")
    form = CodeForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        attempt, error = _code_attempt(request, user)
        if attempt is None:
            status = 429
        elif totp_code_use(device=device, code=form.cleaned_data["code"], moment=timezone.now()):
            throttle.attempt_passed(attempt)
            return _complete(
                request, user, backend=data["backend"], next_url=data["next"], two_factor=True
            )
        else:
            error = _code_failed(request, user, attempt, "code")
    return render(
        request,
        "accounts/sign_in_code.html",
        {"form": form, "error": error, "demo_code": _demo_code(device)},
        status=status,
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_enrol(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return _start_again(request)
    user, data = pending
    if TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
        # Enrolled: the secret is never shown again.
        return redirect("login_code")
    device = totp_device_enrolment_begin(user=user)
    form = CodeForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        attempt, error = _code_attempt(request, user)
        if attempt is None:
            status = 429
        elif totp_device_confirm(
            device=device, code=form.cleaned_data["code"], moment=timezone.now()
        ):
            throttle.attempt_passed(attempt)
            return _complete(
                request, user, backend=data["backend"], next_url=data["next"], two_factor=True
            )
        else:
            error = _code_failed(request, user, attempt, "enrolment")
    return render(
        request,
        "accounts/sign_in_enrol.html",
        {
            "form": form,
            "error": error,
            "secret": device.secret,
            "uri": provisioning_uri(device.secret, account=user.get_username()),
        },
        status=status,
    )
