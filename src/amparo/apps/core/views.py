from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amparo.apps.accounts.models import Role, User
from amparo.apps.core.suppression import suppress_small
from amparo.apps.ingest.selectors import batches_visible_to
from amparo.apps.registry.models import (
    Person,
    PersonCase,
    RecordAssignment,
    SettlementCase,
    SourceRecord,
)
from amparo.apps.registry.selectors import RegistryCounts, people_visible_to, registry_counts

# The dashboard's counts run over everyone the user may see (a full pass over 100,000
# people and 220,000 records: seconds on SQLite under load, bench/load.py), on every
# visit. They are kept per scope for this long, or until an import, a linkage run or a
# recompute adds rows (the newest ids are part of the key); a change that adds no row
# (a person merged away) shows within this time.
DASHBOARD_COUNTS_SECONDS = 300


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def _counts_for(people: QuerySet[Person] | None) -> RegistryCounts:
    """The counts over `people`, kept per scope: the key is the scope's own SQL, so
    users who see the same people share them and nobody reads another scope's."""
    try:
        scope = "registry" if people is None else str(people.query)
    except EmptyResultSet:  # sees nobody: nothing to count, nothing to keep
        return registry_counts(people)
    newest = [
        model.objects.aggregate(newest=Max("id"))["newest"]
        for model in (Person, SourceRecord, RecordAssignment, PersonCase)
    ]
    key = "dashboard-counts:" + hashlib.sha256(f"{scope}|{newest}".encode()).hexdigest()
    counts = cache.get(key)
    if not isinstance(counts, RegistryCounts):
        counts = registry_counts(people)
        cache.set(key, counts, DASHBOARD_COUNTS_SECONDS)
    return counts


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    is_court = user.role == Role.COURT
    # The court reads the whole registry's aggregates; everyone else counts
    # only the people they may see.
    counts = _counts_for(None if is_court else people_visible_to(user))
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
