from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import ApiToken, User
from amparo.apps.accounts.roles import TWO_FACTOR_ROLES


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    try:
        return tokens_of(user).get(pk=token_id)
    except ApiToken.DoesNotExist as missing:
        raise Http404("No such token") from missing


def two_factor_users() -> QuerySet[User]:
    """Everyone whose role signs in with a code, with their authenticator if any."""
    return (
        User.objects.filter(role__in=TWO_FACTOR_ROLES)
        .select_related("totp_device")
        .order_by("username")
    )


def two_factor_user_get(*, user_id: int) -> User:
    try:
        return two_factor_users().get(pk=user_id)
    except User.DoesNotExist as missing:
        raise Http404("No such user") from missing
