from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import ApiToken, User


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    try:
        return tokens_of(user).get(pk=token_id)
    except ApiToken.DoesNotExist as missing:
        raise Http404("No such token") from missing
