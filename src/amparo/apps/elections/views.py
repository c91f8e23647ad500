from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import enters_elections_directly
from amparo.apps.audit.services import audit_access
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.forms import LANGUAGE_SUGGESTIONS, ElectionForm
from amparo.apps.elections.models import SELF_SIGNATURE_MIN_AGE, ElectionSource
from amparo.apps.elections.scans import scan_open
from amparo.apps.elections.selectors import (
    election_cases_for_user,
    election_for_person,
    election_get_for_user,
    election_inbox_for,
    election_routes_for_user,
)
from amparo.apps.elections.services import (
    ElectionRefused,
    ScanUpload,
    election_edit_token,
    election_record,
)
from amparo.apps.registry.selectors import person_cases_for_user, person_get_for_user

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_GET
@login_required
@permission_required("elections.view_election_inbox", raise_exception=True)
def election_inbox(request: HttpRequest) -> HttpResponse:
    elections = Paginator(election_inbox_for(_user(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "elections/election_inbox.html", {"elections": elections})


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("elections.record_elections", raise_exception=True)
def election_new(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, public_id=public_id)
    posted = request.method == "POST"
    form = ElectionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        may_enter_directly=enters_elections_directly(user),
        initial={"read_language": person.language, "seen": election_edit_token(person)},
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        upload = data["scan"]
        try:
            election = election_record(
                actor=user,
                person=person,
                choice=data["choice"],
                source=data["source"],
                read_by=data["read_by"],
                read_language=data["read_language"],
                read_on=data["read_on"],
                language_understood=data["language_understood"],
                signed_on=data["signed_on"],
                signer_kind=data["signer_kind"],
                signer_name=data["signer_name"],
                lacks_capacity=data["lacks_capacity"],
                stated_14_or_older=data["stated_14_or_older"],
                waiver_attested=data["waiver_attested"],
                scan=ScanUpload(filename=upload.name or "", data=upload.read())
                if upload is not None
                else None,
                note=data["note"],
                seen=data["seen"] or None,
            )
        except ElectionRefused as refusal:
            for problem in refusal.problems:
                form.add_error(
                    problem.field if problem.field in form.fields else None, problem.message
                )
        else:
            messages.success(request, _("The election was recorded."))
            return redirect("elections:election_detail", public_id=election.public_id)
    audit_access(
        actor=user, object_type="person", object_id=str(person.public_id), what="election form"
    )
    return render(
        request,
        "elections/election_form.html",
        {
            "person": person,
            "form": form,
            "cases": person_cases_for_user(user=user, person=person),
            "person_election": election_for_person(user=user, person=person),
            "language_suggestions": LANGUAGE_SUGGESTIONS,
            "min_age": SELF_SIGNATURE_MIN_AGE,
        },
        status=400 if posted else 200,
    )


@require_GET
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def election_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    election = election_get_for_user(user=user, public_id=public_id)
    audit_access(
        actor=user,
        object_type="person",
        object_id=str(election.person.public_id),
        what=f"election {election.public_id}",
    )
    routes = list(election_routes_for_user(user=user, election=election))
    routing = [
        (CaseCode(code).label, [r.organisation.name for r in routes if r.case_code == code])
        for code in election_cases_for_user(user=user, election=election)
    ]
    return render(
        request,
        "elections/election_detail.html",
        {
            "election": election,
            "person": election.person,
            "routing": routing,
            "newer": getattr(election, "superseded_by", None),
            "paper": election.source == ElectionSource.PAPER,
        },
    )


@require_GET
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def election_scan(request: HttpRequest, public_id: str) -> FileResponse:
    user = _user(request)
    election = election_get_for_user(user=user, public_id=public_id)
    if not election.scan_path:
        raise Http404("No scan")
    path = scan_open(election.scan_path)
    if not path.is_file():
        raise Http404("No scan")
    audit_access(
        actor=user,
        object_type="person",
        object_id=str(election.person.public_id),
        what=f"election scan {election.public_id} (sha256 {election.scan_sha256})",
    )
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"election-{election.public_id}.{path.suffix.lstrip('.')}",
        content_type=election.scan_content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
