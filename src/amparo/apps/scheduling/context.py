"""Which scheduling pages the navigation offers, from the capabilities directly (see
interviews/context.py for why not `perms`)."""

from __future__ import annotations

from django.http import HttpRequest

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import schedules_interviews
from amparo.apps.scheduling.calendars import reads_own_calendar


def scheduling_nav(request: HttpRequest) -> dict[str, dict[str, bool]]:
    user = getattr(request, "user", None)
    signed_in = isinstance(user, User) and user.is_active
    return {
        "scheduling_nav": {
            "schedule": schedules_interviews(user),
            "calendars": signed_in and (schedules_interviews(user) or reads_own_calendar(user)),  # type: ignore[arg-type]
        }
    }
