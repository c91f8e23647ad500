"""Turn "the database is busy" into a clear, retryable answer.

On the embedded SQLite database a long import holds the only write lock; a
request that must write (a login, the access event of a file view) waits up
to the busy timeout and then fails. That is not a server error but a
"try again shortly": 503 with Retry-After, in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

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
