"""Writes to accounts: users, grants, organisations, API tokens. All audited."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from amparo.apps.accounts.models import (
    ApiToken,
    CaseGrant,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from amparo.apps.audit.services import audit_record
from amparo.apps.core.cases import CaseCode

TOKEN_PREFIX = "amp_"  # noqa: S105 (a prefix, not a secret)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def organisation_get_or_create(
    *, actor: User | None, name: str, kind: OrganisationKind
) -> Organisation:
    with transaction.atomic():
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind}
        )
        if created:
            audit_record(
                actor=actor,
                action="organisation.create",
                object_type="organisation",
                object_id=organisation.pk,
                details={"name": name, "kind": kind.value},
            )
    return organisation


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: Role,
    organisation: Organisation | None = None,
    case_codes: Iterable[CaseCode] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    reason: str = "",
) -> User:
    codes = sorted({CaseCode(c) for c in case_codes})
    if role == Role.CLASS_COUNSEL and not codes:
        raise ValueError("Class counsel must be granted at least one case.")
    if role != Role.CLASS_COUNSEL and codes:
        raise ValueError("Only class counsel are granted cases.")
    if role == Role.LEGAL_SERVICE_PROVIDER and organisation is None:
        raise ValueError("A legal service provider belongs to an organisation.")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            role=role,
            organisation=organisation,
            first_name=first_name,
            last_name=last_name,
            email=User.objects.normalize_email(email.strip()),
        )
        CaseGrant.objects.bulk_create([CaseGrant(user=user, case_code=c) for c in codes])
        audit_record(
            actor=actor,
            action="user.create",
            object_type="user",
            object_id=user.pk,
            reason=reason,
            details={
                "username": username,
                "role": role.value,
                "cases": [c.value for c in codes],
                "organisation": organisation.name if organisation else None,
            },
        )
    return user


def api_token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `actor`; the key is returned once and never stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name[:100] or "token", prefix=key[:8], key_sha256=token_digest(key)
        )
        audit_record(
            actor=actor,
            action="api_token.create",
            object_type="api_token",
            object_id=token.pk,
            details={"name": token.name, "prefix": token.prefix},
        )
    return token, key


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action="api_token.revoke", object_type="api_token", object_id=token.pk
        )
    return token


def api_token_authenticate(key: str) -> User | None:
    """The active user a presented key belongs to, or None."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_sha256=token_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Last use is operational metadata, not a business write: no audit event.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
