"""Turn "the database is busy" into a clear, retryable answer.

On the embedded SQLite database a long import holds the only write lock; a
request that must write (a login, the access event of a file view) waits up
to the busy timeout and then fails. That is not a server error but a
"try again shortly": 503 with Retry-After, in the user's language.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import User
from amparo.apps.accounts.services import session_expiry_record

RETRY_AFTER_SECONDS = 15


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        response = HttpResponse(
            _("Amparo is busy writing an import. Please try again in a few seconds."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


# When the session began and when it was last used, in seconds since the epoch.
SESSION_SIGNED_IN_AT = "amparo_signed_in_at"
SESSION_LAST_SEEN_AT = "amparo_last_seen_at"
# The last-seen time is written at most this often: a session write on every request
# would take the embedded database's write lock for nothing.
LAST_SEEN_RESOLUTION_SECONDS = 60


def session_times_start(request: HttpRequest, *, now: float | None = None) -> None:
    """Start the clocks of a new signed-in session (called by the sign-in)."""
    started = time.time() if now is None else now
    request.session[SESSION_SIGNED_IN_AT] = started
    request.session[SESSION_LAST_SEEN_AT] = started


class SessionExpiryMiddleware:
    """End a signed-in session that is too old (SESSION_COOKIE_AGE from sign-in, however
    busy) or idle (AMPARO_SESSION_IDLE_SECONDS without a request), and send the user to
    sign in again. Django's own expiry date moves forward with every session write, so
    neither limit could rest on it. Placed after the message middleware, so the page
    can say why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            expired = self._expiry_cause(request, time.time())
            if expired:
                return self._expire(request, expired)
        return self.get_response(request)

    def _expiry_cause(self, request: HttpRequest, now: float) -> str:
        session = request.session
        signed_in_at = session.get(SESSION_SIGNED_IN_AT)
        last_seen_at = session.get(SESSION_LAST_SEEN_AT)
        if not isinstance(signed_in_at, int | float) or not isinstance(last_seen_at, int | float):
            # A session from before these clocks (or made without the sign-in page,
            # as tests do): its clocks start now.
            session_times_start(request, now=now)
            return ""
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            return "lifetime"
        if now - last_seen_at > settings.AMPARO_SESSION_IDLE_SECONDS:
            return "idle"
        if now - last_seen_at >= LAST_SEEN_RESOLUTION_SECONDS:
            session[SESSION_LAST_SEEN_AT] = now
        return ""

    def _expire(self, request: HttpRequest, cause: str) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            session_expiry_record(user=user, cause=cause)
        logout(request)
        messages.info(request, _("Your session has expired. Please sign in again."))
        return redirect_to_login(request.get_full_path())
