"""How long an interview takes: a parent's claim (with the first interview to weigh)
two hours, a child's one. The scheduler plans with it and the calendar invitations
sent to counsel say it."""

from __future__ import annotations

from amparo.engines.interviews import Subject

PARENT_HOURS = 2
CHILD_HOURS = 1


def expected_hours(subject: str) -> int:
    return CHILD_HOURS if subject == Subject.CHILD else PARENT_HOURS
