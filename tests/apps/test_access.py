"""Deny by default: every URL pattern, walked, refuses an anonymous visitor
unless it is marked public."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from amparo.apps.core.access import is_public, is_token_authenticated

# The whole list of what an anonymous visitor may reach. Adding a public page
# means adding it here, on purpose.
EXPECTED_PUBLIC = {
    "login",
    # The sign-in's code and enrolment steps (issue 10): reached before being logged in.
    "login_code",
    "login_enrol",
    "set_language",
    "healthz",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    # The members' public pages (issue 7): what the settlement is, the screener, the
    # objection form.
    "notices:public_home",
    "notices:public_screener",
    "notices:public_objection",
}

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern), pattern.callback


def _concrete(route: str) -> str:
    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return {"uuid": str(uuid.uuid4()), "int": "1"}.get(converter, "x")

    return "/" + _CONVERTER.sub(fill, route).lstrip("^").rstrip("$")


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))


def test_the_public_pages_are_exactly_the_expected_ones() -> None:
    public = {name for name, _route, view in ALL_PATTERNS if is_public(view)}
    assert public == EXPECTED_PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "view"), ALL_PATTERNS, ids=[p[0] for p in ALL_PATTERNS])
def test_anonymous_visitors_are_sent_to_login_unless_public(
    name: str, route: str, view: Any
) -> None:
    url = _concrete(route)
    response = Client().get(url)
    if is_public(view):
        assert response.status_code not in {401, 403}, url
        assert not response.get("Location", "").startswith("/login/"), url
    elif is_token_authenticated(view):
        # 405 where the path takes another method: refused before any data is read.
        assert response.status_code in {401, 405}, url
    else:
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/"), url


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "view"), ALL_PATTERNS, ids=[p[0] for p in ALL_PATTERNS])
def test_anonymous_posts_are_refused_too(name: str, route: str, view: Any) -> None:
    response = Client().post(_concrete(route))
    if is_public(view):
        assert not response.get("Location", "").startswith("/login/"), route
    elif is_token_authenticated(view):
        assert response.status_code in {401, 405}, route
    else:
        assert response.status_code == 302, route
        assert response["Location"].startswith("/login/"), route
