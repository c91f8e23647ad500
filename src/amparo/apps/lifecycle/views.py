"""The administrator's retention page: the rules, a dry-run's counts for a chosen end
date, the past runs, and the apply behind a typed confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from amparo.apps.accounts.models import User
from amparo.apps.lifecycle.forms import CONFIRMATION, ApplyForm, PlanForm
from amparo.apps.lifecycle.labels import ACTION_LABELS, KIND_LABELS, RULE_SUMMARIES, WHOM_LABELS
from amparo.apps.lifecycle.selectors import manages_retention, retention_runs
from amparo.apps.lifecycle.services import RetentionRefused, retention_apply, retention_plan
from amparo.engines.lifecycle import load_rule_set


def _administrator(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not manages_retention(user):
        raise PermissionDenied
    return user


def _rules() -> list[dict[str, object]]:
    return [
        {
            "rule": rule,
            "kinds": [KIND_LABELS[k] for k in rule.kinds],
            "whom": WHOM_LABELS[rule.whom],
            "action": ACTION_LABELS[rule.action],
            "summary": RULE_SUMMARIES.get(rule.id, rule.summary),
        }
        for rule in load_rule_set().ordered()
    ]


def _page(request: HttpRequest, user: User, apply_form: ApplyForm | None = None) -> HttpResponse:
    form = PlanForm(request.GET or None)
    result = None
    if form.is_valid():
        result = retention_plan(actor=user, settlement_end=form.cleaned_data["settlement_end"])
    rule_set = load_rule_set()
    return render(
        request,
        "lifecycle/home.html",
        {
            "form": form,
            "apply_form": apply_form
            or ApplyForm(
                prefix="apply", initial={"settlement_end": request.GET.get("settlement_end")}
            ),
            "confirmation": CONFIRMATION,
            "rules": _rules(),
            "rule_set": rule_set,
            "result": result,
            "summaries": RULE_SUMMARIES,
            "runs": retention_runs(),
        },
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, _administrator(request))


@require_POST
def apply(request: HttpRequest) -> HttpResponse:
    user = _administrator(request)
    form = ApplyForm(request.POST, prefix="apply")
    if form.is_valid():
        try:
            run = retention_apply(actor=user, settlement_end=form.cleaned_data["settlement_end"])
        except RetentionRefused as refused:
            form.add_error("settlement_end", str(refused))
        else:
            messages.success(
                request,
                _("Retention applied: %(total)s changes, %(files)s files deleted.")
                % {"total": run.total, "files": run.files_deleted},
            )
            return redirect("lifecycle:home")
    return _page(request, user, apply_form=form)
