from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.services import audit_access
from amparo.apps.core.paging import KeptCountPaginator
from amparo.apps.elections.selectors import election_for_person
from amparo.apps.eligibility.models import FactKind
from amparo.apps.eligibility.selectors import eligibility_for_person
from amparo.apps.eligibility.services import recorded_fact_edit_token
from amparo.apps.interviews.selectors import interviews_for_person
from amparo.apps.registry.forms import PersonSearchForm
from amparo.apps.registry.models import SourceChoices
from amparo.apps.registry.selectors import (
    person_cases_for_user,
    person_fear_screenings,
    person_get_for_user,
    person_records,
    person_relationships,
    person_search,
    person_separations,
    person_timeline,
)

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_GET
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = person_search(
        user=_user(request),
        text=filters.get("q", ""),
        case_code=filters.get("case", ""),
        source=filters.get("source", ""),
    )
    page = KeptCountPaginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registry/person_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def person_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, public_id=public_id)
    if person.merged_into is not None:
        # A run found these records to be someone else's: follow them there.
        merged_into = person_get_for_user(user=user, public_id=person.merged_into.public_id)
        return redirect("registry:person_detail", public_id=merged_into.public_id)
    audit_access(actor=user, object_type="person", object_id=str(person.public_id), what="file")
    records_by_source: dict[str, list[object]] = defaultdict(list)
    for record in person_records(person):
        records_by_source[record.source].append(record)
    columns = [(label, records_by_source.get(value, [])) for value, label in SourceChoices.choices]
    eligibility = eligibility_for_person(user=user, person=person)
    groups = (
        [
            (_("Classes"), eligibility.memberships),
            (_("Owed under the agreement"), eligibility.entitlements),
        ]
        if eligibility is not None
        else []
    )
    fact_kinds = [
        (value, text)
        for value, text in FactKind.choices
        # A red-flag determination is the government's to record, not counsel's; a
        # return is recorded by the return process on arrival.
        if not (value == FactKind.EXCLUSION and user.role == Role.CLASS_COUNSEL)
        and value != FactKind.RETURNED
    ]
    return render(
        request,
        "registry/person_detail.html",
        {
            "eligibility": eligibility,
            "person_election": election_for_person(user=user, person=person),
            "person_interviews": interviews_for_person(user=user, person=person),
            "eligibility_groups": groups,
            "can_record_facts": user.has_perm("eligibility.record_facts"),
            "facts_seen": recorded_fact_edit_token(person),
            "fact_kinds": fact_kinds,
            "person": person,
            "columns": columns,
            "timeline": person_timeline(person),
            "screenings": person_fear_screenings(person),
            "relationships": person_relationships(user=user, person=person),
            "separations": person_separations(user=user, person=person),
            "cases": person_cases_for_user(user=user, person=person),
        },
    )
