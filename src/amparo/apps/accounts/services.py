"""Writes to accounts: users, grants, organisations, API tokens, authenticators, and
the record of signing in and out. All audited."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from amparo.apps.accounts.models import (
    ApiToken,
    CaseGrant,
    Organisation,
    OrganisationKind,
    Role,
    SignInAttemptScope,
    TotpDevice,
    User,
)
from amparo.apps.accounts.totp import accepted_step, secret_new
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


def totp_device_enrolment_begin(*, user: User) -> TotpDevice:
    """The device being enrolled: a new secret the first time, the same one on a
    reload until a code from it is confirmed."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is not None:
            if device.is_confirmed:
                raise ValueError("This user's authenticator is already enrolled.")
            return device
        device = TotpDevice.objects.create(user=user, secret=secret_new())
        audit_record(actor=user, action="totp_device.create", object_type="user", object_id=user.pk)
    return device


def totp_device_confirm(*, device: TotpDevice, code: str, moment: datetime) -> bool:
    """Enrolment ends with one good code: only then does the device count."""
    step = accepted_step(device.secret, code, moment=moment, last_used_step=None)
    if step is None:
        return False
    with transaction.atomic():
        confirmed = TotpDevice.objects.filter(pk=device.pk, confirmed_at__isnull=True).update(
            confirmed_at=moment, last_used_step=step
        )
        if not confirmed:
            return False
        audit_record(
            actor=device.user,
            action="totp_device.enrol",
            object_type="user",
            object_id=device.user_id,
        )
    return True


def totp_code_use(*, device: TotpDevice, code: str, moment: datetime) -> bool:
    """Accept a code once: its step must be later than the last one accepted. The
    conditional update makes two requests racing with the same code get one success.
    The sign-in it completes is what is audited (`sign_in_record`)."""
    step = accepted_step(device.secret, code, moment=moment, last_used_step=device.last_used_step)
    if step is None:
        return False
    return bool(
        TotpDevice.objects.filter(pk=device.pk, confirmed_at__isnull=False)
        .filter(Q(last_used_step__isnull=True) | Q(last_used_step__lt=step))
        .update(last_used_step=step)
    )


def totp_device_reset(*, actor: User, user: User, reason: str) -> bool:
    """Forget a user's authenticator (a lost telephone): their next sign-in enrols a
    new one. False when they had none."""
    with transaction.atomic():
        deleted, _by_model = TotpDevice.objects.filter(user=user).delete()
        if not deleted:
            return False
        # A lost telephone may be a stolen one, open sessions and all: they end too.
        ended = _sessions_end(user)
        audit_record(
            actor=actor,
            action="totp_device.reset",
            object_type="user",
            object_id=user.pk,
            reason=reason,
            details={"username": user.username, "sessions_ended": ended},
        )
    return True


def _sessions_end(user: User) -> int:
    """End every open session of a user. Sessions are signed blobs keyed by a random
    id, so they are decoded one by one; there are as many as people signed in."""
    owned = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY, "")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=owned).delete()
    return len(owned)


def totp_device_demo_ensure(*, user: User) -> TotpDevice:
    """A demo account's authenticator, enrolled without a telephone: a local install
    shows its current code on the sign-in page. A device already there is kept."""
    with transaction.atomic():
        device = TotpDevice.objects.filter(user=user).first()
        if device is not None:
            return device
        device = TotpDevice.objects.create(
            user=user, secret=secret_new(), confirmed_at=timezone.now(), is_demo=True
        )
        audit_record(
            actor=None,
            action="totp_device.demo_enrol",
            object_type="user",
            object_id=user.pk,
            reason="demo account",
        )
    return device


def sign_in_record(*, user: User, address: str, two_factor: bool) -> None:
    audit_record(
        actor=user,
        action="sign_in.success",
        object_type="user",
        object_id=user.pk,
        details={"address": address, "two_factor": two_factor},
    )


def sign_in_failure_record(
    *,
    user: User | None,
    step: str,
    address: str,
    paused: Iterable[SignInAttemptScope] = (),
) -> None:
    """A wrong password or code, and the pauses it starts. A username that matches no
    account is not written down: people type passwords into that field."""
    object_type = "user" if user else "sign_in"
    object_id = user.pk if user else ""
    with transaction.atomic():
        audit_record(
            actor=None,
            action="sign_in.failure",
            object_type=object_type,
            object_id=object_id,
            details={"step": step, "address": address, "known_user": user is not None},
        )
        for scope in paused:
            audit_record(
                actor=None,
                action="sign_in.pause",
                object_type=object_type,
                object_id=object_id,
                details={"scope": scope.value, "address": address},
            )


def session_expiry_record(*, user: User, cause: str) -> None:
    audit_record(
        actor=user,
        action="session.expire",
        object_type="user",
        object_id=user.pk,
        details={"cause": cause},
    )
