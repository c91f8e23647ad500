from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.services import audit_access
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.paging import KeptCountPaginator
from amparo.apps.eligibility.forms import (
    CourtStatusForm,
    EarlyOrderForm,
    ParameterForm,
    RecordedFactForm,
    RosterFilterForm,
)
from amparo.apps.eligibility.models import (
    ANSWER_COLUMNS,
    EarlyProcessingOrder,
    FactKind,
    PersonEligibility,
    RuleParameterChange,
    RunTrigger,
)
from amparo.apps.eligibility.reasons import label
from amparo.apps.eligibility.selectors import (
    CASE_MEMBERSHIP,
    roster_cases_for,
    roster_for,
    runs_recent,
)
from amparo.apps.eligibility.services import (
    EligibilityRefused,
    court_status_set,
    early_order_record,
    recorded_fact_set,
    rule_parameter_set,
)
from amparo.apps.eligibility.state import current_ruleset
from amparo.apps.eligibility.tasks import eligibility_recompute_task
from amparo.apps.registry.models import SettlementCase
from amparo.apps.registry.selectors import person_get_for_user
from amparo.engines.eligibility import ENTITLEMENTS, RulesetError
from amparo.engines.eligibility.logic import LOGIC, ParamKind
from amparo.engines.exports import write_safe_csv

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_GET
@login_required
@permission_required("eligibility.view_rosters", raise_exception=True)
def roster_index(request: HttpRequest) -> HttpResponse:
    cases = roster_cases_for(_user(request))
    return redirect("eligibility:roster", case_code=cases[0][0]) if cases else redirect("/")


def _roster_rows(
    request: HttpRequest, case_code: str
) -> tuple[RosterFilterForm, QuerySet[PersonEligibility]]:
    form = RosterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = roster_for(
        user=_user(request),
        case_code=case_code,
        answer=filters.get("answer") or "member",
        entitlement=filters.get("entitlement") or "",
        actionable_only=bool(filters.get("actionable")),
    )
    return form, rows


@require_GET
@login_required
@permission_required("eligibility.view_rosters", raise_exception=True)
def roster(request: HttpRequest, case_code: str) -> HttpResponse:
    form, rows = _roster_rows(request, case_code)
    page = KeptCountPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    membership = ANSWER_COLUMNS[CASE_MEMBERSHIP[case_code]]
    shown = [
        {
            "person": row.person,
            "membership": getattr(row, membership),
            "owed": [
                label(code) for code in ENTITLEMENTS if getattr(row, ANSWER_COLUMNS[code]) == "yes"
            ],
            "actionable": row.actionable,
        }
        for row in page
    ]
    return render(
        request,
        "eligibility/roster.html",
        {
            "case_code": case_code,
            "case_label": CaseCode(case_code).label,
            "cases": roster_cases_for(_user(request)),
            "form": form,
            "page": page,
            "rows": shown,
            "query": query.urlencode(),
        },
    )


@require_GET
@login_required
@permission_required("eligibility.view_rosters", raise_exception=True)
def roster_export(request: HttpRequest, case_code: str) -> HttpResponse:
    user = _user(request)
    _form, rows = _roster_rows(request, case_code)
    membership = ANSWER_COLUMNS[CASE_MEMBERSHIP[case_code]]
    header = [
        "person_id",
        "given_names",
        "surnames",
        "dob",
        "a_number",
        "membership",
        *ENTITLEMENTS,
        "actionable",
        "as_of",
        "ruleset_version",
    ]
    table = [
        [
            str(row.person.public_id),
            row.person.given_names,
            row.person.surnames,
            row.person.dob.isoformat() if row.person.dob else "",
            row.person.a_number,
            getattr(row, membership),
            *(getattr(row, ANSWER_COLUMNS[code]) for code in ENTITLEMENTS),
            "yes" if row.actionable else "no",
            row.as_of.isoformat(),
            row.ruleset_version,
        ]
        for row in rows.iterator(chunk_size=2000)
    ]
    # One access event for the whole export: who took which roster, and how many files.
    audit_access(
        actor=user,
        object_type="roster",
        object_id=case_code,
        what=f"csv export of {len(table)} people",
    )
    out = io.StringIO()
    write_safe_csv(out, header, table)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{case_code}.csv"'
    return response


def _parse_parameter(rule_ref: str, name: str, text: str) -> tuple[str, int | None, object]:
    rule_id, _at, version = rule_ref.partition("@")
    ruleset = current_ruleset()
    try:
        rule = ruleset.rule(rule_id, int(version) if version.isdigit() else None)
    except RulesetError as error:
        raise EligibilityRefused(str(error)) from error
    kind = LOGIC[rule.logic].parameters.get(name)
    text = text.strip()
    value: object = text
    if kind in (ParamKind.DAYS, ParamKind.YEARS) and text.lstrip("-").isdigit():
        value = int(text)
    elif kind in (ParamKind.CODES, ParamKind.CASES):
        value = [part.strip() for part in text.split(",") if part.strip()]
    elif kind is ParamKind.OPTIONAL_DATE and not text:
        value = None
    return rule_id, rule.version, value


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("eligibility.manage", raise_exception=True)
def court(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    status_form = CourtStatusForm(request.POST if action == "status" else None, prefix="status")
    order_form = EarlyOrderForm(request.POST if action == "order" else None, prefix="order")
    parameter_form = ParameterForm(request.POST if action == "parameter" else None, prefix="param")
    refused = ""
    try:
        if action == "status" and status_form.is_valid():
            data = status_form.cleaned_data
            court_status_set(
                actor=user,
                case_code=data["case_code"],
                status=data["status"],
                on=data["on"],
                reason=data["reason"],
                recompute=False,
            )
            eligibility_recompute_task.enqueue(
                RunTrigger.COURT_STATUS.value,
                f"{data['case_code']}: {data['status']} ({data['reason']})",
                user.pk,
                data["case_code"],
            )
            messages.info(request, _("Status recorded; the case's people are being recomputed."))
            return redirect("eligibility:court")
        if action == "order" and order_form.is_valid():
            data = order_form.cleaned_data
            early_order_record(
                actor=user,
                case_code=data["case_code"],
                ordered_on=data["ordered_on"],
                scope=data["scope"],
                entitlements=data["entitlements"],
                reference=data["reference"],
                recompute=False,
            )
            eligibility_recompute_task.enqueue(
                RunTrigger.EARLY_ORDER.value,
                f"{data['case_code']}: early order {data['reference']}",
                user.pk,
                data["case_code"],
            )
            messages.info(request, _("Order recorded; the case's people are being recomputed."))
            return redirect("eligibility:court")
        if action == "parameter" and parameter_form.is_valid():
            data = parameter_form.cleaned_data
            rule_id, version, value = _parse_parameter(data["rule"], data["name"], data["value"])
            change, _run = rule_parameter_set(
                actor=user,
                rule_id=rule_id,
                name=data["name"],
                value=value,
                reason=data["reason"],
                rule_version=version,
                recompute=False,
            )
            eligibility_recompute_task.enqueue(
                RunTrigger.PARAMETER.value,
                f"{rule_id}@{version}.{change.name}: {change.previous!r} -> {change.value!r}",
                user.pk,
            )
            messages.info(request, _("Parameter changed; everyone is being recomputed."))
            return redirect("eligibility:court")
        if action == "recompute":
            eligibility_recompute_task.enqueue(
                RunTrigger.MANUAL.value, "recomputed on request", user.pk
            )
            messages.info(request, _("Everyone is being recomputed."))
            return redirect("eligibility:court")
    except EligibilityRefused as error:
        refused = str(error)
    ruleset = current_ruleset()
    return render(
        request,
        "eligibility/court.html",
        {
            "cases": SettlementCase.objects.all(),
            "orders": EarlyProcessingOrder.objects.all(),
            "changes": RuleParameterChange.objects.select_related("changed_by").order_by(
                "-changed_at"
            )[:20],
            "ruleset": ruleset,
            "runs": runs_recent(),
            "status_form": status_form,
            "order_form": order_form,
            "parameter_form": parameter_form,
            "refused": refused,
            "entitlement_labels": {code: label(code) for code in ENTITLEMENTS},
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
@permission_required("eligibility.record_facts", raise_exception=True)
def record_fact(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, public_id=public_id)
    form = RecordedFactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The fact was not recorded: fill in every field."))
        return redirect("registry:person_detail", public_id=person.public_id)
    data = form.cleaned_data
    # Counsel record what they know from the client (the child's own claim); a red flag
    # is a government determination.
    if data["kind"] == FactKind.EXCLUSION and user.role == Role.CLASS_COUNSEL:
        raise Http404("No such page")
    try:
        recorded_fact_set(
            actor=user,
            person=person,
            kind=data["kind"],
            value=data["value"],
            note=data["note"],
            seen=data["seen"] or None,
        )
    except EligibilityRefused as error:
        messages.error(request, str(error))
    else:
        messages.info(request, _("Recorded; this person's answers were recomputed."))
    return redirect("registry:person_detail", public_id=person.public_id)
