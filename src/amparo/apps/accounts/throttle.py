"""Pausing sign-in after too many failed attempts, per username and per client address.

At most AMPARO_SIGN_IN_FAILURES_PER_USERNAME failed password or code attempts for one
username, and AMPARO_SIGN_IN_FAILURES_PER_ADDRESS from one address, in any
AMPARO_SIGN_IN_PAUSE_SECONDS; past that, attempts are refused without checking anything
until the oldest counted failure is that old. The same rule holds for a username that
does not exist, so a pause says nothing about which usernames do.

An attempt writes its rows before the password or code is checked and keeps them only
if it fails: attempts running at the same moment count each other, so parallel
guessing gets no more tries than serial guessing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Min
from django.utils.crypto import salted_hmac

from amparo.apps.accounts.models import SignInAttempt, SignInAttemptScope

_HMAC_SALT = "amparo.accounts.throttle"


class SignInPausedError(Exception):
    """Too many failed attempts: refused before anything was checked."""

    def __init__(self, *, wait_seconds: int) -> None:
        super().__init__(f"sign-in paused for {wait_seconds} s")
        self.wait_seconds = wait_seconds

    @property
    def wait_minutes(self) -> int:
        return max(1, math.ceil(self.wait_seconds / 60))


@dataclass(frozen=True, slots=True)
class Attempt:
    username_digest: str
    address_digest: str
    row_ids: tuple[int, ...]
    started_at: datetime


def _digest(value: str) -> str:
    return salted_hmac(_HMAC_SALT, value, algorithm="sha256").hexdigest()


def username_digest(username: str) -> str:
    # Case and spaces do not make another username to guess under.
    return _digest("username:" + username.strip().casefold())


def _address_digest(address: str) -> str:
    return _digest("address:" + (address or "unknown"))


def _period() -> timedelta:
    return timedelta(seconds=settings.AMPARO_SIGN_IN_PAUSE_SECONDS)


def _limits() -> dict[SignInAttemptScope, int]:
    return {
        SignInAttemptScope.USERNAME: settings.AMPARO_SIGN_IN_FAILURES_PER_USERNAME,
        SignInAttemptScope.ADDRESS: settings.AMPARO_SIGN_IN_FAILURES_PER_ADDRESS,
    }


def _counted(scope: SignInAttemptScope, digest: str, now: datetime) -> tuple[int, datetime | None]:
    rows = SignInAttempt.objects.filter(
        scope=scope, key_digest=digest, attempted_at__gt=now - _period()
    )
    oldest = rows.aggregate(oldest=Min("attempted_at"))["oldest"]
    return rows.count(), oldest


def attempt_begin(*, username: str, address: str, now: datetime) -> Attempt:
    """Count this attempt in; raise SignInPausedError (counting nothing) when either
    its username or its address has used up its failures."""
    digests = {
        SignInAttemptScope.USERNAME: username_digest(username),
        SignInAttemptScope.ADDRESS: _address_digest(address),
    }
    rows = SignInAttempt.objects.bulk_create(
        [SignInAttempt(scope=scope, key_digest=d, attempted_at=now) for scope, d in digests.items()]
    )
    row_ids = tuple(row.pk for row in rows)
    wait = 0
    for scope, digest in digests.items():
        count, oldest = _counted(scope, digest, now)
        # This attempt's own row is counted: more than the limit means the limit of
        # failures (or of attempts still running) was already reached.
        if count > _limits()[scope] and oldest is not None:
            wait = max(wait, math.ceil((oldest + _period() - now).total_seconds()))
    if wait:
        SignInAttempt.objects.filter(pk__in=row_ids).delete()
        raise SignInPausedError(wait_seconds=wait)
    return Attempt(
        username_digest=digests[SignInAttemptScope.USERNAME],
        address_digest=digests[SignInAttemptScope.ADDRESS],
        row_ids=row_ids,
        started_at=now,
    )


def attempt_failed(attempt: Attempt) -> list[SignInAttemptScope]:
    """Keep the attempt counted; the scopes this failure has just paused."""
    now = attempt.started_at
    # Failures older than the period count for nothing any more.
    SignInAttempt.objects.filter(attempted_at__lte=now - _period()).delete()
    paused = []
    for scope, digest in (
        (SignInAttemptScope.USERNAME, attempt.username_digest),
        (SignInAttemptScope.ADDRESS, attempt.address_digest),
    ):
        count, _oldest = _counted(scope, digest, now)
        if count == _limits()[scope]:
            paused.append(scope)
    return paused


def attempt_passed(attempt: Attempt) -> None:
    """A right password or code is not a failure: uncount it."""
    SignInAttempt.objects.filter(pk__in=attempt.row_ids).delete()


def username_failures_forget(username: str) -> None:
    """After a complete sign-in the username starts afresh; the address does not, so
    an attacker signing in to their own account between guesses gains nothing."""
    SignInAttempt.objects.filter(
        scope=SignInAttemptScope.USERNAME, key_digest=username_digest(username)
    ).delete()
