"""Reads for the lifecycle page: the past runs (no person's data is stored in them)."""

from __future__ import annotations

from django.db.models import QuerySet

from amparo.apps.accounts.models import Role, User
from amparo.apps.lifecycle.models import RetentionRun


def manages_retention(user: object) -> bool:
    """Retention is the administrator's alone: it destroys data for every case at once."""
    return isinstance(user, User) and user.is_active and user.role == Role.ADMINISTRATOR


def retention_runs(limit: int = 50) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("applied_by")[:limit]
