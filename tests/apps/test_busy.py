"""A request that meets SQLite's write lock gets a retryable 503, not a 500."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from amparo.apps.core.middleware import DatabaseBusyMiddleware


def _never_called(request: HttpRequest) -> HttpResponse:
    raise AssertionError("not reached")


def test_a_locked_database_is_a_503_with_retry_after() -> None:
    middleware = DatabaseBusyMiddleware(_never_called)

    response = middleware.process_exception(
        RequestFactory().get("/people/"), OperationalError("database is locked")
    )

    assert response is not None
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


def test_other_database_errors_are_left_alone() -> None:
    middleware = DatabaseBusyMiddleware(_never_called)

    response = middleware.process_exception(
        RequestFactory().get("/people/"), OperationalError("no such table: registry_person")
    )

    assert response is None
