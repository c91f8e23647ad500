"""The application's deadline: counsel present a parent's case within a number of days
(a rule parameter, 30 in the agreement) of learning that the parent wants to return;
an extension, when one is granted, replaces it."""

from __future__ import annotations

from datetime import date, timedelta


def application_due(*, wish_on: date, days: int, extended_to: date | None = None) -> date:
    """The last day the application may go in."""
    if days < 1:
        raise ValueError(f"the presentation period must be at least one day, not {days}")
    due = wish_on + timedelta(days=days)
    return extended_to if extended_to is not None and extended_to > due else due


def days_left(due: date, today: date) -> int:
    """Days until the deadline (0 on the day itself, negative once past)."""
    return (due - today).days
