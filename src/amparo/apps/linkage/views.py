from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_access
from amparo.apps.linkage.forms import DecisionForm, RunForm
from amparo.apps.linkage.models import ReviewKind, ReviewOutcome, RunStatus
from amparo.apps.linkage.progress import progress_get
from amparo.apps.linkage.selectors import (
    review_item_get_for_user,
    review_queue_for,
    run_get_for_user,
    runs_visible_to,
)
from amparo.apps.linkage.services import ReviewRefused, linkage_run_create, review_decide
from amparo.apps.linkage.tasks import linkage_run_task
from amparo.apps.registry.selectors import person_records


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("linkage.run_identification", raise_exception=True)
def run_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = linkage_run_create(actor=user, reason=form.cleaned_data["reason"])
        linkage_run_task.enqueue(run.pk, user.pk)
        messages.info(request, _("The identification run has started."))
        return redirect("linkage:run_detail", public_id=run.public_id)
    runs = Paginator(runs_visible_to(user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "linkage/run_list.html",
        {"form": form, "runs": runs},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
@permission_required("linkage.run_identification", raise_exception=True)
def run_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    run = run_get_for_user(user=_user(request), public_id=public_id)
    return render(
        request,
        "linkage/run_detail.html",
        {
            "run": run,
            "running": run.status in {RunStatus.QUEUED, RunStatus.RUNNING},
            "progress": progress_get(str(run.public_id)),
        },
    )


@require_GET
@login_required
@permission_required("linkage.run_identification", raise_exception=True)
def run_progress(request: HttpRequest, public_id: str) -> HttpResponse:
    run = run_get_for_user(user=_user(request), public_id=public_id)
    running = run.status in {RunStatus.QUEUED, RunStatus.RUNNING}
    response = render(
        request,
        "linkage/_progress.html",
        {
            "run": run,
            "running": running,
            "progress": progress_get(str(run.public_id)),
        },
    )
    if not running:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
@permission_required("linkage.review_links", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    items = Paginator(review_queue_for(_user(request)), 50).get_page(request.GET.get("page"))
    return render(request, "linkage/review_queue.html", {"items": items})


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("linkage.review_links", raise_exception=True)
def review_item(request: HttpRequest, item_id: int) -> HttpResponse:
    user = _user(request)
    item = review_item_get_for_user(user=user, item_id=item_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_decide(
                actor=user,
                item=item,
                outcome=ReviewOutcome(form.cleaned_data["outcome"]),
                note=form.cleaned_data["note"],
            )
        except ReviewRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Your answer was recorded."))
            following = review_queue_for(user).exclude(pk=item.pk).first()
            if following is None:
                return redirect("linkage:review_queue")
            return redirect("linkage:review_item", item_id=following.pk)
    for person in (item.left_person, item.right_person):
        audit_access(
            actor=user,
            object_type="person",
            object_id=str(person.public_id),
            what=f"review item {item.pk}",
        )
    if item.kind == ReviewKind.SAME_PERSON:
        sides = [
            [item.left_record] if item.left_record else [],
            [item.right_record] if item.right_record else [],
        ]
    else:
        sides = [list(person_records(item.left_person)), list(person_records(item.right_person))]
    return render(
        request,
        "linkage/review_item.html",
        {
            "item": item,
            "form": form,
            "left_records": sides[0],
            "right_records": sides[1],
        },
        status=400 if request.method == "POST" else 200,
    )
