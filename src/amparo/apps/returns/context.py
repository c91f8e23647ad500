from __future__ import annotations

from django.http import HttpRequest

from amparo.apps.accounts.roles import reads_return_measures, searches_as_partner, works_returns


def returns_nav(request: HttpRequest) -> dict[str, dict[str, bool]]:
    user = getattr(request, "user", None)
    return {
        "returns_nav": {
            "cases": works_returns(user),
            "measures": reads_return_measures(user),
            "searches": searches_as_partner(user),
        }
    }
