from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from amparo.apps.accounts.models import User
from amparo.apps.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """Per-user bearer tokens; the request then acts as that user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user
