from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amparo.apps.accounts.models import Role, User
from amparo.apps.core.suppression import suppress_small
from amparo.apps.ingest.selectors import batches_visible_to
from amparo.apps.registry.models import SettlementCase
from amparo.apps.registry.selectors import people_visible_to, registry_counts


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    is_court = user.role == Role.COURT
    # The court reads the whole registry's aggregates; everyone else counts
    # only the people they may see.
    counts = registry_counts(None if is_court else people_visible_to(user))
    # The court reads aggregates only, with small cells suppressed so that no
    # count can single out a family.
    shown = suppress_small if is_court else str
    context = {
        "people": shown(counts.people),
        "records_by_source": [(s, shown(n)) for s, n in sorted(counts.records_by_source.items())],
        "people_by_case": [
            (case, shown(counts.people_by_case.get(case.code, 0)))
            for case in SettlementCase.objects.all()
        ],
        "recent_batches": batches_visible_to(user)[:5],
        "is_court": is_court,
    }
    return render(request, "core/dashboard.html", context)
