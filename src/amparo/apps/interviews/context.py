"""Which interview pages the navigation offers, from the table of capabilities
directly: asking `perms` for a capability the role lacks falls through to Django's
model backend, which queries the database on every page."""

from __future__ import annotations

from django.http import HttpRequest

from amparo.apps.accounts.models import Role
from amparo.apps.accounts.roles import (
    conducts_interviews,
    reviews_determinations,
    schedules_interviews,
)


def interview_nav(request: HttpRequest) -> dict[str, dict[str, bool]]:
    user = getattr(request, "user", None)
    role = getattr(user, "role", "")
    return {
        "interview_nav": {
            "docket": conducts_interviews(user) or schedules_interviews(user),
            "review": reviews_determinations(user),
            "clients": role in (Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER),
        }
    }
