"""Time-based one-time codes (RFC 6238) as the sign-in uses them, on pyotp.

Six digits, 30-second steps, SHA-1 (what every authenticator app takes). A code is
accepted one step either side of now, for clocks that drift, and only for a step
after the last one accepted, so each code works once.
"""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

DIGITS = 6
STEP_SECONDS = 30
# Steps either side of now still accepted: a telephone's clock a little off, or a code
# typed as it changed.
WINDOW_STEPS = 1
ISSUER = "Amparo"


def secret_new() -> str:
    """160 random bits in base32 (pyotp draws from the system's secure source)."""
    return pyotp.random_base32()


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def step_at(moment: datetime) -> int:
    """RFC 6238's T: whole steps since the Unix epoch (as pyotp counts them)."""
    return int(moment.timestamp()) // STEP_SECONDS


def code_at_step(secret: str, step: int) -> str:
    return _totp(secret).generate_otp(step)


def provisioning_uri(secret: str, *, account: str) -> str:
    """The otpauth:// address an authenticator app reads (typed or pasted in)."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def accepted_step(
    secret: str, code: str, *, moment: datetime, last_used_step: int | None
) -> int | None:
    """The step `code` belongs to, if it is within the window around `moment` and later
    than the last step used; None otherwise."""
    typed = "".join(code.split())
    if len(typed) != DIGITS or not typed.isdigit():
        return None
    now_step = step_at(moment)
    for step in range(now_step - WINDOW_STEPS, now_step + WINDOW_STEPS + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        if hmac.compare_digest(code_at_step(secret, step), typed):
            return step
    return None


def next_usable_step(*, moment: datetime, last_used_step: int | None) -> int | None:
    """The earliest step whose code would be accepted at `moment`, or None when every
    step in the window is used (wait for the next one)."""
    now_step = step_at(moment)
    earliest = now_step if last_used_step is None else max(now_step, last_used_step + 1)
    return earliest if earliest <= now_step + WINDOW_STEPS else None
