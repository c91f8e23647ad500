"""The demo's reports: a snapshot taken before the search for deported parents began
and one after, both as of today, so the report shows what changed and why (the return
cases opened, parents located and contacted)."""

from __future__ import annotations

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.services import report_snapshot_take


def demo_report_snapshot(note: str) -> None:
    if ReportSnapshot.objects.filter(note=note).exists():
        return
    report_snapshot_take(
        actor=User.objects.get(username="coordinator"), as_of=timezone.localdate(), note=note
    )
