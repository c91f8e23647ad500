from __future__ import annotations

from django.http import HttpRequest

from amparo.apps.accounts.roles import reads_reports


def reports_nav(request: HttpRequest) -> dict[str, bool]:
    return {"reports_nav": reads_reports(getattr(request, "user", None))}
