"""API URLs. Operations authenticate by token themselves, so they are exempt
from the session-login middleware; the schema and its docs are public."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver

from amparo.apps.api.api import api
from amparo.apps.core.access import public, token_authenticated


def _mark(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            # The schema, its docs and the API root reveal nothing about anyone.
            if pattern.name in {"openapi-json", "openapi-view", "api-root"}:
                pattern.callback = public(pattern.callback)
            else:
                pattern.callback = token_authenticated(pattern.callback)
    return patterns


api_urls, _ninja_app_name, _namespace = api.urls
app_name = "api"
urlpatterns = [*_mark(list(api_urls))]
