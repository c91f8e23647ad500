"""Pages of the return process for class counsel, coordinators and administrators: the
cases (with the figures by country and region), a case with every step as a form, the
court motions, and the files (signed consents, evidence). Each form posts to one action
that calls one service; a refusal comes back on the page with the field named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import (
    applies_for_returns,
    decides_returns,
    reads_return_measures,
    works_returns,
)
from amparo.apps.audit.services import audit_access
from amparo.apps.core.suppression import SMALL_CELL_LIMIT
from amparo.apps.returns import services
from amparo.apps.returns.forms import (
    ArrivalForm,
    AssignForm,
    AttemptForm,
    ConsentForm,
    DecideForm,
    DisclosureForm,
    EmptyForm,
    EvidenceForm,
    ExtendForm,
    LocatingForm,
    MotionForm,
    OutcomeForm,
    PhoneForm,
    ReasonForm,
    StatementForm,
    SubmitForm,
    TravelForm,
    UnassignForm,
    WishForm,
)
from amparo.apps.returns.models import (
    Consent,
    CourtMotion,
    Evidence,
    ReturnCase,
    SearchAssignment,
    StageChoices,
)
from amparo.apps.returns.selectors import case_get_for_user, cases_visible_to, children_of
from amparo.apps.returns.selectors import measures_for as figures_for
from amparo.engines.returns import (
    MEASURES,
    PHONE_STAGES,
    SEARCH_STAGES,
    Stage,
    days_left,
    suppressed,
)

PAGE_SIZE = 50
MEASURE_LABELS = {
    "cases": gettext_lazy("Cases"),
    "located": gettext_lazy("Located"),
    "contacted": gettext_lazy("Contacted"),
    "unreachable": gettext_lazy("Unreachable"),
    "declined": gettext_lazy("Declined"),
    "applied": gettext_lazy("Applied"),
    "approved": gettext_lazy("Approved"),
    "returned": gettext_lazy("Returned"),
}


def _worker(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not works_returns(user):
        raise PermissionDenied
    return user


# --- The actions on a case ------------------------------------------------------


def _upload(cleaned: dict[str, Any], name: str) -> bytes:
    upload = cleaned.get(name)
    return b"" if upload is None else bytes(upload.read())


def _assignment(case: ReturnCase, pk: int) -> SearchAssignment:
    found = case.assignments.select_related("partner", "case").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _consent(case: ReturnCase, pk: int) -> Consent:
    found = case.consents.select_related("partner", "case").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True, slots=True)
class Action:
    form: type[forms.Form]
    allowed: Callable[[User], bool]
    # Stages in which the form is offered (and accepted); None: any.
    stages: frozenset[str] | None
    run: Callable[[User, ReturnCase, dict[str, Any]], object]
    label: Any
    done: Any


def _v(cleaned: dict[str, Any]) -> int | None:
    value = cleaned.get("version")
    return int(value) if value is not None else None


_UNDECIDED = frozenset({Stage.CONTACTED, Stage.REUNIFY_ABROAD, Stage.CHILD_STAYS, Stage.PREPARING})
ACTIONS: dict[str, Action] = {
    "locating": Action(
        LocatingForm,
        works_returns,
        None,
        lambda u, c, d: services.case_locating_update(
            actor=u,
            case=c,
            expected_version=_v(d),
            country=d["country"],
            region=d["region"],
            locality=d["locality"],
            contact_details=d["contact_details"],
        ),
        gettext_lazy("Save where to look"),
        gettext_lazy("Saved."),
    ),
    "assign": Action(
        AssignForm,
        works_returns,
        None,
        lambda u, c, d: services.partner_assign(actor=u, case=c, partner=d["partner"]),
        gettext_lazy("Ask this partner to search"),
        gettext_lazy("The partner was given the locating sheet (logged)."),
    ),
    "unassign": Action(
        UnassignForm,
        works_returns,
        None,
        lambda u, c, d: services.partner_unassign(
            actor=u, assignment=_assignment(c, d["assignment"])
        ),
        gettext_lazy("End this search"),
        gettext_lazy("The search was ended."),
    ),
    "attempt": Action(
        AttemptForm,
        works_returns,
        None,
        lambda u, c, d: services.contact_attempt_record(
            actor=u,
            case=c,
            channel=d["channel"],
            outcome=d["outcome"],
            at=d["at"],
            note=d["note"],
            next_step=d["next_step"],
            next_step_on=d["next_step_on"],
        ),
        gettext_lazy("Record the attempt"),
        gettext_lazy("Contact attempt recorded."),
    ),
    "give_up": Action(
        ReasonForm,
        works_returns,
        frozenset({Stage.TO_LOCATE, Stage.LOCATED}),
        lambda u, c, d: services.case_give_up(
            actor=u, case=c, expected_version=_v(d), reason=d["reason"]
        ),
        gettext_lazy("Call the parent unreachable"),
        gettext_lazy("The search is closed as unreachable."),
    ),
    "reopen": Action(
        ReasonForm,
        works_returns,
        frozenset({Stage.UNREACHABLE}),
        lambda u, c, d: services.case_reopen(
            actor=u, case=c, expected_version=_v(d), reason=d["reason"]
        ),
        gettext_lazy("Search again"),
        gettext_lazy("The search is open again."),
    ),
    "consent": Action(
        ConsentForm,
        works_returns,
        None,
        lambda u, c, d: services.consent_record(
            actor=u,
            case=c,
            partner=d["partner"],
            categories=d["categories"],
            signed_on=d["signed_on"],
            expires_on=d["expires_on"],
            scan=_upload(d, "scan"),
            note=d["note"],
        ),
        gettext_lazy("Record the written consent"),
        gettext_lazy("Consent recorded."),
    ),
    "disclose": Action(
        DisclosureForm,
        works_returns,
        None,
        lambda u, c, d: services.disclosure_make(
            actor=u,
            case=c,
            partner=d["partner"],
            categories=d["categories"],
            purpose=d["purpose"],
        ),
        gettext_lazy("Log the disclosure"),
        gettext_lazy("Disclosure logged."),
    ),
    "wish": Action(
        WishForm,
        works_returns,
        _UNDECIDED | {Stage.DENIED},
        lambda u, c, d: services.wish_record(
            actor=u, case=c, expected_version=_v(d), wish=d["wish"], on=d["on"]
        ),
        gettext_lazy("Record the wish"),
        gettext_lazy("The parent's wish is recorded."),
    ),
    "statement": Action(
        StatementForm,
        applies_for_returns,
        frozenset({Stage.PREPARING}),
        lambda u, c, d: services.application_save(
            actor=u, case=c, expected_version=_v(d), statement=d["statement"]
        ),
        gettext_lazy("Save the statement"),
        gettext_lazy("Statement saved."),
    ),
    "evidence": Action(
        EvidenceForm,
        applies_for_returns,
        frozenset({Stage.PREPARING}),
        lambda u, c, d: services.evidence_add(
            actor=u, case=c, description=d["description"], data=_upload(d, "file")
        ),
        gettext_lazy("Attach"),
        gettext_lazy("Evidence attached."),
    ),
    "submit": Action(
        SubmitForm,
        applies_for_returns,
        frozenset({Stage.PREPARING}),
        lambda u, c, d: services.application_submit(actor=u, case=c, expected_version=_v(d)),
        gettext_lazy("Present the application"),
        gettext_lazy("The application was presented to the government."),
    ),
    "extend": Action(
        ExtendForm,
        decides_returns,
        frozenset({Stage.PREPARING}),
        lambda u, c, d: services.deadline_extend(
            actor=u, case=c, expected_version=_v(d), to=d["to"], reason=d["reason"]
        ),
        gettext_lazy("Extend the deadline"),
        gettext_lazy("The deadline was extended."),
    ),
    "decide": Action(
        DecideForm,
        decides_returns,
        frozenset({Stage.APPLIED}),
        lambda u, c, d: services.application_decide(
            actor=u, case=c, expected_version=_v(d), decision=d["decision"], reasons=d["reasons"]
        ),
        gettext_lazy("Record the decision"),
        gettext_lazy("Decision recorded."),
    ),
    "travel": Action(
        TravelForm,
        decides_returns,
        frozenset({Stage.APPROVED}),
        lambda u, c, d: services.travel_record(
            actor=u,
            case=c,
            expected_version=_v(d),
            travel_document=d["travel_document"],
            travel_on=d["travel_on"],
            port_of_entry=d["port_of_entry"],
        ),
        gettext_lazy("Record travel"),
        gettext_lazy("Travel recorded."),
    ),
    "arrive": Action(
        ArrivalForm,
        decides_returns,
        frozenset({Stage.TRAVELLING}),
        lambda u, c, d: services.arrival_record(
            actor=u, case=c, expected_version=_v(d), arrived_on=d["arrived_on"]
        ),
        gettext_lazy("Record arrival"),
        gettext_lazy("Arrival recorded."),
    ),
    "interview": Action(
        EmptyForm,
        works_returns,
        frozenset({Stage.RETURNED}),
        lambda u, c, d: services.returned_interview_request(actor=u, case=c),
        gettext_lazy("Ask for the new interview"),
        gettext_lazy("Done."),
    ),
    "phone": Action(
        PhoneForm,
        works_returns,
        PHONE_STAGES,
        lambda u, c, d: services.phone_participation_set(
            actor=u,
            case=c,
            expected_version=_v(d),
            enabled=d["enabled"],
            phone_number=d["phone_number"],
            language=d["language"],
        ),
        gettext_lazy("Save telephone participation"),
        gettext_lazy("Saved."),
    ),
}
# Withdrawing a consent is posted as "withdraw" and handled apart (`_withdraw`): it
# names a consent, looked up in this case only.


def _ids(action: str) -> str:
    # Several forms on one page share field names (partner, version): ids per form keep
    # each label pointing at its own field.
    return f"{action}-%s"


def _offered(user: User, case: ReturnCase, name: str) -> bool:
    action = ACTIONS[name]
    return action.allowed(user) and (action.stages is None or case.stage in action.stages)


def _initial(case: ReturnCase, name: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": case.version}
    if name == "locating":
        initial.update(
            country=case.country,
            region=case.region,
            locality=case.locality,
            contact_details=case.contact_details,
        )
    elif name == "statement":
        initial["statement"] = case.statement
    elif name == "phone":
        initial.update(
            enabled=case.phone_participation,
            phone_number=case.phone_number,
            language=case.phone_language or case.person.language,
        )
    elif name == "attempt":
        initial["at"] = timezone.localtime().replace(second=0, microsecond=0)
    return initial


def _page(
    request: HttpRequest,
    user: User,
    case: ReturnCase,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    built: dict[str, tuple[forms.Form, Any]] = {}
    for name, action in ACTIONS.items():
        if not _offered(user, case, name) or name in ("unassign",):
            continue
        form = (
            bound[1]
            if bound and bound[0] == name
            else action.form(initial=_initial(case, name), auto_id=_ids(name))
        )
        built[name] = (form, action.label)
    due = services.effective_due(case)
    return render(
        request,
        "returns/case_detail.html",
        {
            "case": case,
            "forms": built,
            "children": children_of(case, user),
            "attempts": case.attempts.select_related("organisation", "recorded_by"),
            "assignments": case.assignments.select_related("partner").filter(ended_at__isnull=True),
            "consents": case.consents.select_related("partner"),
            "disclosures": case.disclosures.select_related("partner", "by"),
            "evidence": case.evidence.all(),
            "motions": case.motions.select_related("motion"),
            "due": due,
            "days_left": days_left(due, timezone.localdate()) if due else None,
            "searching": case.stage in SEARCH_STAGES,
            "withdraw_form": EmptyForm(),
            "unassign_form": EmptyForm(),
            "works": works_returns(user),
        },
        status=status,
    )


@require_GET
@login_required
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _worker(request)
    case = case_get_for_user(user=user, public_id=public_id)
    audit_access(actor=user, object_type="return_case", object_id=str(case.public_id), what="case")
    return _page(request, user, case)


@require_POST
@login_required
def case_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    user = _worker(request)
    case = case_get_for_user(user=user, public_id=public_id)
    if action == "withdraw":
        return _withdraw(request, user, case)
    chosen = ACTIONS.get(action)
    if chosen is None:
        raise Http404
    if not chosen.allowed(user):
        raise PermissionDenied
    form = chosen.form(request.POST, request.FILES, auto_id=_ids(action))
    if form.is_valid():
        try:
            chosen.run(user, case, form.cleaned_data)
        except services.ReturnInputError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            messages.success(request, str(chosen.done))
            return redirect("returns:case_detail", public_id=case.public_id)
    case.refresh_from_db()
    return _page(request, user, case, (action, form), status=400)


def _withdraw(request: HttpRequest, user: User, case: ReturnCase) -> HttpResponse:
    try:
        pk = int(request.POST.get("consent", ""))
    except ValueError:
        raise Http404 from None
    consent = _consent(case, pk)
    try:
        services.consent_withdraw(actor=user, consent=consent, note=request.POST.get("note", ""))
    except services.ReturnInputError as refused:
        messages.error(request, str(refused))
        return redirect("returns:case_detail", public_id=case.public_id)
    messages.success(request, _("Consent withdrawn: nothing more is disclosed on it."))
    return redirect("returns:case_detail", public_id=case.public_id)


# --- Lists and figures ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    if request.method == "POST":
        opened = services.return_cases_open(actor=user)
        messages.success(
            request,
            _("%(opened)s new cases opened; %(already)s were already open.")
            % {"opened": opened.opened, "already": opened.already_open},
        )
        return redirect("returns:case_list")
    cases = cases_visible_to(user).select_related("person")
    stage = request.GET.get("stage", "")
    if stage in StageChoices.values:
        cases = cases.filter(stage=stage)
    country = request.GET.get("country", "").strip()
    if country:
        cases = cases.filter(country__iexact=country)
    page = Paginator(cases.order_by("country", "region", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "returns/case_list.html",
        {
            "page": page,
            "stages": StageChoices.choices,
            "stage": stage,
            "country": country,
            "query": urlencode({"stage": stage, "country": country}),
            "figures": figures_for(user).total.as_dict(),
        },
    )


@require_GET
@login_required
def measures(request: HttpRequest) -> HttpResponse:
    """The figures by country and region. The court reads them with counts from 1 to
    10 shown as a band (they could point at one family)."""
    user = request.user
    if not isinstance(user, User) or not reads_return_measures(user):
        raise PermissionDenied
    figures = figures_for(user)
    court = user.role == Role.COURT
    # The court's copy hides small counts and whatever would give one away (a subtotal
    # minus the cells shown); the parties' copy is exact.
    shown = suppressed(figures, SMALL_CELL_LIMIT) if court else suppressed(figures, 0)
    unknown = _("unknown")
    rows = []
    for country in shown.countries:
        rows.append({"country": country.country or unknown, "region": "", "counts": country.cells})
        for region in shown.regions:
            if region.country == country.country:
                rows.append({"country": "", "region": region.region, "counts": region.cells})
    return render(
        request,
        "returns/measures.html",
        {
            "columns": [MEASURE_LABELS[name] for name in MEASURES],
            "rows": rows,
            "total": shown.total.cells,
            "suppressed": court,
        },
    )


# --- Court motions ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def motion_list(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    visible = cases_visible_to(user)
    form = MotionForm(request.POST or None, cases=visible)
    if request.method == "POST" and form.is_valid():
        try:
            motion = services.motion_file(
                actor=user,
                title=form.cleaned_data["title"],
                docket_number=form.cleaned_data["docket_number"],
                filed_on=form.cleaned_data["filed_on"],
                cases=list(form.cleaned_data["cases"]),
            )
        except services.ReturnInputError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            messages.success(request, _("Motion recorded."))
            return redirect("returns:motion_detail", public_id=motion.public_id)
    motions = CourtMotion.objects.filter(parents__case__in=visible.values("pk")).distinct()
    return render(
        request,
        "returns/motions.html",
        {"motions": motions, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def motion_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _worker(request)
    visible = cases_visible_to(user)
    motion = CourtMotion.objects.filter(
        public_id=public_id, parents__case__in=visible.values("pk")
    ).first()
    if motion is None:
        raise Http404
    # Counsel see the parents of their own cases on a motion, not the others'.
    entries = motion.parents.filter(case__in=visible.values("pk")).select_related("case__person")
    form = OutcomeForm(request.POST or None)
    status = 200
    posted: int | None = None
    if request.method == "POST":
        if not decides_returns(user):
            raise PermissionDenied
        status = 400
        if form.is_valid():
            entry = entries.filter(pk=form.cleaned_data["entry"]).first()
            if entry is None:
                raise Http404
            posted = entry.pk
            try:
                services.motion_outcome_record(
                    actor=user,
                    entry=entry,
                    outcome=form.cleaned_data["outcome"],
                    decided_on=form.cleaned_data["decided_on"],
                    note=form.cleaned_data["note"],
                )
            except services.ReturnInputError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Ruling recorded."))
                return redirect("returns:motion_detail", public_id=motion.public_id)
    # One form a parent still waiting for a ruling, each with its own ids; the posted
    # one keeps what was typed and its errors.
    rows = [
        (
            entry,
            form
            if posted == entry.pk
            else OutcomeForm(initial={"entry": entry.pk}, auto_id=f"ruling-{entry.pk}-%s"),
        )
        for entry in entries
    ]
    return render(
        request,
        "returns/motion_detail.html",
        {
            "motion": motion,
            "rows": rows,
            "form": form if posted is None else None,
            "records_rulings": decides_returns(user),
        },
        status=status,
    )


# --- Files ------------------------------------------------------------------------


def _file(
    user: User, case: ReturnCase, path: Any, *, name: str, content_type: str, what: str
) -> FileResponse:
    if not path.is_file():
        raise Http404
    audit_access(actor=user, object_type="return_case", object_id=str(case.public_id), what=what)
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def consent_scan(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    user = _worker(request)
    case = case_get_for_user(user=user, public_id=public_id)
    consent = _consent(case, pk)
    path = services.CONSENTS.open(consent.scan_path)
    return _file(
        user,
        case,
        path,
        name=f"consent-{consent.pk}{path.suffix}",
        content_type=_content_type(path.suffix),
        what=f"consent scan {consent.pk} (sha256 {consent.scan_sha256})",
    )


@require_GET
@login_required
def evidence_file(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    user = _worker(request)
    case = case_get_for_user(user=user, public_id=public_id)
    item = Evidence.objects.filter(case=case, pk=pk).first()
    if item is None:
        raise Http404
    path = services.EVIDENCE.open(item.file_path)
    return _file(
        user,
        case,
        path,
        name=f"evidence-{item.pk}{path.suffix}",
        content_type=item.content_type,
        what=f"evidence {item.pk} (sha256 {item.file_sha256})",
    )


def _content_type(suffix: str) -> str:
    return {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}.get(
        suffix, "application/octet-stream"
    )
