from __future__ import annotations

from django.http import HttpRequest

from amparo.apps.notices.services import sends_notice


def notices_nav(request: HttpRequest) -> dict[str, bool]:
    return {"notices_nav": sends_notice(getattr(request, "user", None))}
