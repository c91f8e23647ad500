"""Deny by default: every view needs a login unless it is marked public here.

Django's LoginRequiredMiddleware does the denying; `public` is the one place a
view opts out, so the URL-walking test can list exactly what is public.
"""

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseBase


def public[ViewT: Callable[..., HttpResponseBase]](view: ViewT) -> ViewT:
    """Mark a view as reachable without logging in (login page, health, i18n)."""
    marked = login_not_required(view)
    marked.amparo_public = True  # type: ignore[attr-defined]
    return marked


def is_public(view: object) -> bool:
    return bool(getattr(view, "amparo_public", False))


def token_authenticated[ViewT: Callable[..., HttpResponseBase]](view: ViewT) -> ViewT:
    """Mark an API view that authenticates by bearer token instead of a session
    login: anonymous requests get 401 from the view, not a login redirect."""
    marked = login_not_required(view)
    marked.amparo_token_auth = True  # type: ignore[attr-defined]
    return marked


def is_token_authenticated(view: object) -> bool:
    return bool(getattr(view, "amparo_token_auth", False))
