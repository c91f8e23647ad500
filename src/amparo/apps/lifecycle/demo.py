"""The demo's retention: a dry-run only, so the page shows counts and the demo keeps
its data."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.lifecycle.services import PlanResult, retention_plan


def lifecycle_demo(*, actor: User | None = None, settlement_end: date | None = None) -> PlanResult:
    """Count what the rules would change if the settlement had ended a year and a day
    ago (every rule due); writes nothing but the dry-run's audit event."""
    end = settlement_end or timezone.localdate() - timedelta(days=366)
    return retention_plan(actor=actor, settlement_end=end)
