"""Scheduling pages: the coordinator's schedule (runs, the published bookings, a new
run), a run's proposal against the current schedule with publish and discard, and the
calendar files. Capabilities are checked before any form is read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.apps.accounts.models import Organisation, Role, User
from amparo.apps.accounts.roles import conducts_interviews, schedules_interviews
from amparo.apps.audit.services import audit_access
from amparo.apps.scheduling import calendars as cal
from amparo.apps.scheduling.forms import (
    CounselHoursForm,
    FacilityForm,
    InterpreterForm,
    OfficerHoursForm,
    RunForm,
)
from amparo.apps.scheduling.models import (
    Booking,
    CounselAvailability,
    Facility,
    Interpreter,
    LineOutcome,
    OfficerAvailability,
    RunState,
    ScheduleRun,
)
from amparo.apps.scheduling.resources import (
    Week,
    counsel_availability_edit_token,
    counsel_availability_save,
    facility_edit_token,
    facility_save,
    interpreter_edit_token,
    interpreter_save,
    officer_availability_edit_token,
    officer_availability_save,
)
from amparo.apps.scheduling.services import (
    PublishRefused,
    SchedulingInputError,
    earliest_start,
    schedule_run_create,
    schedule_run_discard,
    schedule_run_publish,
)
from amparo.apps.scheduling.tasks import schedule_run_task
from amparo.engines.scheduling import language_name

LINES_PER_PAGE = 100
UPCOMING_DAYS = 14


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _coordinator(request: HttpRequest) -> User:
    user = _user(request)
    if not schedules_interviews(user):
        raise PermissionDenied
    return user


def _run(public_id: str) -> ScheduleRun:
    return get_object_or_404(ScheduleRun, public_id=public_id)


@require_http_methods(["GET", "POST"])
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _coordinator(request)
    first = earliest_start()
    form = RunForm(request.POST or None, initial={"start_date": first})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = schedule_run_create(
                actor=user,
                start_date=data["start_date"],
                days=data["days"],
                seconds=data["seconds"],
                seed=data["seed"] or 0,
            )
        except SchedulingInputError as refused:
            form.add_error(refused.field or None, str(refused))
        else:
            schedule_run_task.enqueue(run.pk)
            messages.info(request, _("The scheduler is running."))
            return redirect("scheduling:run_detail", public_id=run.public_id)
    now = timezone.now()
    bookings = (
        Booking.objects.filter(
            released_at__isnull=True,
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=UPCOMING_DAYS),
        )
        .select_related("interview", "officer", "interpreter", "facility")
        .order_by("starts_at", "id")
    )
    upcoming = Paginator(bookings, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "scheduling/home.html",
        {
            "form": form,
            "earliest": first,
            "runs": ScheduleRun.objects.select_related("created_by")[:15],
            "upcoming": upcoming,
            "resources": {
                "facilities": Facility.objects.count(),
                "officers": OfficerAvailability.objects.count(),
                "interpreters": Interpreter.objects.filter(active=True).count(),
            },
        },
        status=400 if request.method == "POST" else 200,
    )


def _run_context(run: ScheduleRun, outcome: str, page: str | None) -> dict[str, object]:
    counts = Counter(run.lines.values_list("outcome", flat=True))
    lines = run.lines.select_related(
        "interview", "interview__person", "officer", "interpreter", "facility"
    ).order_by("starts_at", "id")
    if outcome in LineOutcome.values:
        lines = lines.filter(outcome=outcome)
    stats = run.stats
    gap = stats.get("gap_ppm")
    return {
        "run": run,
        "running": run.state in (RunState.QUEUED, RunState.RUNNING),
        "counts": [(o, o.label, counts.get(o.value, 0)) for o in LineOutcome],
        "outcome": outcome,
        "lines": Paginator(lines, LINES_PER_PAGE).get_page(page),
        "stats": stats,
        "gap_percent": None if gap is None else gap / 10_000,
        "query": f"outcome={outcome}" if outcome else "",
    }


@require_GET
@login_required
def run_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    _coordinator(request)
    run = _run(public_id)
    context = _run_context(run, request.GET.get("outcome", ""), request.GET.get("page"))
    return render(request, "scheduling/run_detail.html", context)


@require_GET
@login_required
def run_status(request: HttpRequest, public_id: str) -> HttpResponse:
    """The run's state while it runs (polled); once done, the page reloads whole."""
    _coordinator(request)
    run = _run(public_id)
    response = render(
        request,
        "scheduling/_run_status.html",
        {"run": run, "running": run.state in (RunState.QUEUED, RunState.RUNNING)},
    )
    if run.state not in (RunState.QUEUED, RunState.RUNNING):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def run_publish(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _coordinator(request)
    run = _run(public_id)
    try:
        done = schedule_run_publish(actor=user, run=run)
    except PublishRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "Published: %(new)s interviews scheduled, %(moved)s moved, %(kept)s "
                "unchanged. Counsel are being told."
            )
            % {"new": done.scheduled, "moved": done.moved, "kept": done.kept},
        )
        for skipped in done.skipped:
            messages.warning(request, _("Not scheduled: %(why)s") % {"why": skipped})
        if done.not_kept:
            messages.warning(
                request,
                _(
                    "%(count)s interviews keep a time that no longer works and that no "
                    "other time fits; set them by hand."
                )
                % {"count": len(done.not_kept)},
            )
    return redirect("scheduling:run_detail", public_id=run.public_id)


@require_POST
@login_required
def run_discard(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _coordinator(request)
    run = _run(public_id)
    try:
        schedule_run_discard(actor=user, run=run)
    except PublishRefused as refused:
        messages.error(request, str(refused))
    return redirect("scheduling:run_detail", public_id=run.public_id)


@require_GET
@login_required
def calendars(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    coordinator = schedules_interviews(user)
    if not (coordinator or cal.reads_own_calendar(user)):
        raise PermissionDenied
    context: dict[str, object] = {"own": cal.reads_own_calendar(user), "coordinator": coordinator}
    if coordinator:
        context["officers"] = User.objects.filter(
            is_active=True, role__in=[Role.ASYLUM_OFFICER, Role.SUPERVISORY_OFFICER]
        ).order_by("last_name", "first_name", "id")
        context["interpreters"] = Interpreter.objects.filter(active=True)
        context["organisations"] = Organisation.objects.filter(
            kind__in=[Organisation.Kind.CLASS_COUNSEL, Organisation.Kind.LEGAL_SERVICE_PROVIDER]
        ).order_by("name")
    return render(request, "scheduling/calendars.html", context)


def _ics(user: User, name: str, body: str, what: str, object_id: str) -> HttpResponse:
    audit_access(actor=user, object_type="calendar", object_id=object_id, what=what)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


@require_GET
@login_required
def calendar_mine(request: HttpRequest) -> HttpResponse:
    """The signed-in officer's interviews, or the signed-in lawyer's clients'."""
    user = _user(request)
    if conducts_interviews(user):
        events = cal.officer_events(user)
    elif cal.reads_own_calendar(user) and user.organisation is not None:
        events = cal.organisation_events(user, user.organisation)
    else:
        raise PermissionDenied
    return _ics(user, "amparo-interviews", cal.document(events, "Amparo"), "own", str(user.pk))


@require_GET
@login_required
def calendar_officer(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    officer = User.objects.filter(pk=pk, is_active=True).first()
    if officer is None or not conducts_interviews(officer):
        raise Http404
    if not cal.may_read_officer(user, officer):
        raise PermissionDenied
    body = cal.document(cal.officer_events(officer), officer.get_full_name() or officer.username)
    return _ics(user, f"officer-{officer.pk}", body, "officer", str(officer.pk))


@require_GET
@login_required
def calendar_interpreter(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    if not cal.may_read_interpreters(user):
        raise PermissionDenied
    interpreter = get_object_or_404(Interpreter, public_id=public_id)
    body = cal.document(cal.interpreter_events(interpreter), interpreter.name)
    return _ics(
        user, f"interpreter-{interpreter.pk}", body, "interpreter", str(interpreter.public_id)
    )


@require_GET
@login_required
def calendar_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    if not cal.may_read_organisation(user, organisation):
        raise PermissionDenied
    body = cal.document(cal.organisation_events(user, organisation), organisation.name)
    return _ics(user, f"counsel-{organisation.pk}", body, "organisation", str(organisation.pk))


@require_GET
@login_required
def resources(request: HttpRequest) -> HttpResponse:
    _coordinator(request)
    return render(
        request,
        "scheduling/resources.html",
        {
            "facilities": Facility.objects.all(),
            "officers": OfficerAvailability.objects.select_related("officer").prefetch_related(
                "facilities"
            ),
            "interpreters": Interpreter.objects.select_related("facility"),
            "counsel": CounselAvailability.objects.select_related("organisation"),
        },
    )


def _week(data: dict[str, Any]) -> Week:
    return Week(data["weekdays"], data["start_hour"], data["end_hour"])


def _officers() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, role__in=[Role.ASYLUM_OFFICER, Role.SUPERVISORY_OFFICER]
    ).order_by("last_name", "first_name", "id")


def _resource_form(
    kind: str, key: str | None, data: Any
) -> tuple[forms.Form, Callable[[User, forms.Form], object]]:
    """The form for one resource, filled from what is stored, and what saving it does."""
    if key is not None and kind in ("officer", "counsel") and not key.isdigit():
        # Officers and organisations are named by number: anything else is no page.
        raise Http404
    if kind == "interpreter":
        row = get_object_or_404(Interpreter, public_id=key) if key else None
        initial = (
            {
                "name": row.name,
                "email": row.email,
                "languages": ", ".join(language_name(x) for x in row.languages),
                "remote": row.remote,
                "facility": row.facility,
                "weekdays": row.weekdays,
                "start_hour": row.start_hour,
                "end_hour": row.end_hour,
            }
            if row
            else {"remote": True}
        ) | {"seen": interpreter_edit_token(row)}

        def save_interpreter(user: User, form: forms.Form) -> object:
            assert isinstance(form, InterpreterForm)
            d = form.cleaned_data
            return interpreter_save(
                actor=user,
                name=d["name"],
                email=d["email"],
                languages=form.language_list(),
                remote=d["remote"],
                facility=d["facility"],
                week=_week(d),
                interpreter=row,
                seen=d["seen"] or None,
            )

        return InterpreterForm(data, initial=initial), save_interpreter
    if kind == "officer":
        officer = get_object_or_404(_officers(), pk=key) if key else None
        hours = OfficerAvailability.objects.filter(officer=officer).first() if officer else None
        initial = (
            {
                "officer": officer,
                "facilities": list(hours.facilities.all()),
                "daily_capacity": hours.daily_capacity,
                "languages": ", ".join(language_name(x) for x in hours.languages),
                "weekdays": hours.weekdays,
                "start_hour": hours.start_hour,
                "end_hour": hours.end_hour,
            }
            if hours
            else {"officer": officer}
        ) | {"seen": officer_availability_edit_token(hours)}

        def save_officer(user: User, form: forms.Form) -> object:
            assert isinstance(form, OfficerHoursForm)
            d = form.cleaned_data
            return officer_availability_save(
                actor=user,
                officer=d["officer"],
                facilities=list(d["facilities"]),
                week=_week(d),
                daily_capacity=d["daily_capacity"],
                languages=form.language_list(),
                seen=d["seen"] or None,
            )

        return OfficerHoursForm(data, initial=initial, officers=_officers()), save_officer
    if kind == "facility":
        place = get_object_or_404(Facility, code=key) if key else None
        initial = (
            {
                "code": place.code,
                "name": place.name,
                "address": place.address,
                "rooms": place.rooms,
                "phone_lines": place.phone_lines,
                "custody_places": "\n".join(place.custody_places),
                "is_default": place.is_default,
            }
            if place
            else {}
        ) | {"seen": facility_edit_token(place)}

        def save_facility(user: User, form: forms.Form) -> object:
            assert isinstance(form, FacilityForm)
            d = form.cleaned_data
            return facility_save(
                actor=user,
                code=place.code if place else d["code"],
                name=d["name"],
                address=d["address"],
                rooms=d["rooms"],
                phone_lines=d["phone_lines"],
                custody_places=form.places(),
                is_default=d["is_default"],
                seen=d["seen"] or None,
            )

        return FacilityForm(data, initial=initial), save_facility
    if kind == "counsel":
        organisation = get_object_or_404(Organisation, pk=key) if key else None
        told = (
            CounselAvailability.objects.filter(organisation=organisation).first()
            if organisation
            else None
        )
        initial = (
            {
                "organisation": organisation,
                "max_concurrent": told.max_concurrent,
                "weekdays": told.weekdays,
                "start_hour": told.start_hour,
                "end_hour": told.end_hour,
            }
            if told
            else {"organisation": organisation}
        ) | {"seen": counsel_availability_edit_token(told)}

        def save_counsel(user: User, form: forms.Form) -> object:
            assert isinstance(form, CounselHoursForm)
            d = form.cleaned_data
            return counsel_availability_save(
                actor=user,
                organisation=d["organisation"],
                week=_week(d),
                max_concurrent=d["max_concurrent"],
                seen=d["seen"] or None,
            )

        return CounselHoursForm(data, initial=initial), save_counsel
    raise Http404


@require_http_methods(["GET", "POST"])
@login_required
def resource_edit(request: HttpRequest, kind: str, key: str | None = None) -> HttpResponse:
    user = _coordinator(request)
    form, save = _resource_form(kind, key, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(user, form)
        except SchedulingInputError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            messages.success(request, _("Saved."))
            return redirect("scheduling:resources")
    return render(
        request,
        "scheduling/resource_form.html",
        {"form": form, "kind": kind, "key": key},
        status=400 if request.method == "POST" else 200,
    )
