"""The interview pages: the officer's docket, the interview page (first and new interview
side by side), the worksheet editor, the supervisor's queue, counsel's view of their own
clients, and the PDF of the interview and determination summary.

Views parse and render; every write is a service call, and a refusal comes back on the
page that asked for it, with what is missing named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import (
    conducts_interviews,
    reads_interview_records,
    records_interview_outcomes,
    reviews_determinations,
    schedules_interviews,
)
from amparo.apps.audit.services import audit_access
from amparo.apps.interviews import engine_bridge as bridge
from amparo.apps.interviews import services
from amparo.apps.interviews.forms import (
    AssessmentForm,
    ConductForm,
    DeclineForm,
    DraftForm,
    HarmFormSet,
    MarkForm,
    RequestForm,
    ReviewForm,
    ScheduleForm,
    WorksheetForm,
    tri_initial,
)
from amparo.apps.interviews.labels import missing_labels, refusal_message
from amparo.apps.interviews.models import Interview, InterviewState, Worksheet, WorksheetKind
from amparo.apps.interviews.pdf import PdfUnavailable, html_to_pdf
from amparo.apps.interviews.selectors import (
    client_interviews_for,
    docket_for,
    interview_events,
    interview_get_for_user,
    notice_for,
    review_queue_for,
)
from amparo.apps.interviews.signals import interview_page_notes
from amparo.apps.registry.selectors import person_get_for_user
from amparo.engines.interviews import TRANSITIONS, State

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _version(request: HttpRequest) -> int:
    """The version the form was opened on. Required: without it a stale form could not
    be told from a fresh one."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise services.InterviewInputError(_("The form was incomplete.")) from None


# --- Lists ------------------------------------------------------------------------


def _page_of_rows(interviews: QuerySet[Interview], request: HttpRequest) -> Page[Interview]:
    """Sort and count over ids only, then load the page's rows with their people: the
    docket of every officer lists thousands, and joining them all to sort would cost
    more than the page (docs/interviews-performance.md)."""
    ids = Paginator(interviews.values_list("pk", flat=True), PAGE_SIZE)
    page = ids.get_page(request.GET.get("page"))
    wanted = list(page.object_list)
    rows = Interview.objects.filter(pk__in=wanted).select_related("person", "officer")
    by_pk = {row.pk: row for row in rows}
    # A page of ids becomes the same page of rows (same number, same paginator).
    return Page([by_pk[pk] for pk in wanted], page.number, ids)  # type: ignore[arg-type]


@require_GET
@login_required
def docket(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (conducts_interviews(user) or schedules_interviews(user)):
        raise PermissionDenied("no docket for this role")
    # Coordinators have no docket of their own: they see everyone's.
    everyone = request.GET.get("all") == "1" or not conducts_interviews(user)
    state = request.GET.get("state", "")
    if state and state not in InterviewState.values:
        state = ""
    day = request.GET.get("day", "")
    try:
        day = date.fromisoformat(day).isoformat() if day else ""
    except ValueError:
        day = ""
    page = _page_of_rows(docket_for(user, everyone=everyone, state=state, day=day), request)
    query = "&".join(
        f"{k}={v}"
        for k, v in (("all", "1" if everyone else ""), ("state", state), ("day", day))
        if v
    )
    return render(
        request,
        "interviews/docket.html",
        {
            "interviews": page,
            "everyone": everyone,
            # Officers have a docket of their own to switch back to.
            "own_docket": conducts_interviews(user),
            "state": state,
            "day": day,
            "states": InterviewState.choices,
            "query": query,
            "now": timezone.now(),
        },
    )


@require_GET
@login_required
@permission_required("interviews.review", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(review_queue_for(_user(request)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interviews/review_queue.html", {"interviews": page})


@require_GET
@login_required
def clients(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.role not in (Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER):
        raise PermissionDenied("for counsel and legal service providers")
    page = Paginator(client_interviews_for(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "interviews/clients.html", {"interviews": page})


@require_POST
@login_required
@permission_required("interviews.request", raise_exception=True)
def interview_request(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, public_id=public_id)
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whose interview to request."))
        return redirect("registry:person_detail", public_id=person.public_id)
    try:
        interview = services.interview_request(
            actor=user,
            person=person,
            subject=form.cleaned_data["subject"],
            note=form.cleaned_data["note"],
        )
    except services.InterviewInputError as wrong:
        messages.error(request, str(wrong))
        return redirect("registry:person_detail", public_id=person.public_id)
    messages.success(request, _("Interview requested."))
    return redirect("interviews:interview_detail", public_id=interview.public_id)


# --- The interview page -----------------------------------------------------------


def _coordinator_actions(user: User, interview: Interview, nexts: frozenset[State]) -> set[str]:
    can: set[str] = set()
    if schedules_interviews(user) and (State.SCHEDULED in nexts or State.RESCHEDULED in nexts):
        can.add("schedule")
    if not (schedules_interviews(user) or conducts_interviews(user)):
        return can
    held_time_passed = (
        interview.scheduled_for is not None and interview.scheduled_for <= timezone.now()
    )
    if State.NO_SHOW in nexts and held_time_passed:
        can.add("no_show")
    if State.CANCELLED in nexts:
        can.add("cancel")
    return can


def _officer_actions(user: User, state: State, nexts: frozenset[State]) -> set[str]:
    if not conducts_interviews(user):
        return set()
    can: set[str] = set()
    if State.CONDUCTED in nexts:
        can.add("conduct")
    if state in (State.CONDUCTED, State.RETURNED):
        can.add("draft")
    if state is State.DETERMINATION_DRAFTED:
        can.add("submit")
    if state in services.WORKSHEET_EDIT_STATES:
        can.add("worksheets")
    if state is State.APPROVED:
        can.add("serve")
    return can


def _outcome_actions(user: User, nexts: frozenset[State]) -> set[str]:
    if not records_interview_outcomes(user):
        return set()
    can: set[str] = set()
    if State.NOTICE_TO_APPEAR in nexts:
        can.add("notice")
    if State.IJ_REVIEW_REQUESTED in nexts:
        can.update({"ij_request", "ij_decline"})
    if State.IJ_AFFIRMED in nexts:
        can.update({"ij_affirm", "ij_vacate"})
    return can


def _actions(user: User, interview: Interview) -> set[str]:
    """What this user may do to this interview now: drives which forms show (the
    services check again; a hidden form is a courtesy, not the protection)."""
    state = State(interview.state)
    nexts = TRANSITIONS[state]
    can = _coordinator_actions(user, interview, nexts)
    can |= _officer_actions(user, state, nexts)
    if reviews_determinations(user) and state is State.SUPERVISORY_REVIEW:
        can.add("review")
    return can | _outcome_actions(user, nexts)


_FORM_ACTIONS = {
    "schedule_form": "schedule",
    "conduct_form": "conduct",
    "draft_form": "draft",
    "review_form": "review",
    "assessment_form": "worksheets",
}


def _detail_context(
    request: HttpRequest, interview: Interview, **forms_given: Any
) -> dict[str, Any]:
    user = _user(request)
    version = {"version": interview.version}
    comparison = bridge.comparison_for(interview)
    assessment_forms = []
    posted_assessment = forms_given.get("assessment_form")
    for inconsistency in comparison.inconsistencies:
        existing = comparison.by_id.get(inconsistency.id)
        if posted_assessment is not None and (posted_assessment.prefix == f"a-{inconsistency.id}"):
            form = posted_assessment
        else:
            form = AssessmentForm(
                initial={
                    "inconsistency_id": inconsistency.id,
                    "text": existing.text if existing else "",
                    "version": existing.version if existing else 0,
                },
                prefix=f"a-{inconsistency.id}",
            )
        assessment_forms.append((inconsistency, existing, form))
    actions = _actions(user, interview)
    if forms_given.get("conflict") is not None:
        # The form that collided stays on the page with what was typed in it, even if
        # the record moved on meanwhile: nothing typed is lost (saving may then be
        # refused, but the text is there to copy).
        actions |= {
            action for name, action in _FORM_ACTIONS.items() if forms_given.get(name) is not None
        }
    return {
        "interview": interview,
        "person": interview.person,
        "actions": actions,
        "may_edit_sheets": "worksheets" in actions,
        "events": interview_events(interview),
        "comparison": comparison,
        "assessment_forms": assessment_forms,
        "unconsidered": comparison.missing,
        "conduct_missing": missing_labels(bridge.conduct_missing_for(interview)),
        "notice": notice_for(interview.person),
        "page_notes": [
            str(note)
            for _receiver, notes in interview_page_notes.send(sender=Interview, interview=interview)
            for note in notes or ()
        ],
        "notifications": interview.counsel_notifications.select_related("organisation"),
        "schedule_form": forms_given.get("schedule_form")
        or (
            None
            if "schedule" not in actions
            else ScheduleForm(
                initial={
                    **version,
                    "scheduled_for": timezone.localtime(interview.scheduled_for).strftime(
                        "%Y-%m-%dT%H:%M"
                    )
                    if interview.scheduled_for
                    else "",
                    "location": interview.location,
                    "telephonic": interview.telephonic,
                    "officer": interview.officer_id,
                },
                officers=services.officer_choices(),
            )
        ),
        "conduct_form": forms_given.get("conduct_form")
        or ConductForm(
            initial={
                **version,
                "counsel_presence": interview.counsel_presence,
                "written_waiver_of_counsel": interview.written_waiver_of_counsel,
                "interpreter_language": interview.interpreter_language,
                "best_language": interview.best_language or interview.person.language,
                "m444_served": interview.m444_served,
                "private_setting": interview.private_setting,
                "parent_assistance": interview.parent_assistance,
            }
        ),
        "draft_form": forms_given.get("draft_form")
        or DraftForm(
            initial={
                **version,
                "determination": interview.determination,
                "summary": interview.determination_summary,
            }
        ),
        "review_form": forms_given.get("review_form") or ReviewForm(initial=version),
        "decline_form": forms_given.get("decline_form") or DeclineForm(initial=version),
        "conflict": forms_given.get("conflict"),
        "now": timezone.now(),
    }


@require_GET
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def interview_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    interview = interview_get_for_user(user=user, public_id=public_id)
    audit_access(
        actor=user, object_type="interview", object_id=str(interview.public_id), what="interview"
    )
    if not reads_interview_records(user):
        # Counsel and providers: times and outcome, never the officer's record.
        return render(
            request,
            "interviews/interview_client.html",
            {"interview": interview, "notice": notice_for(interview.person)},
        )
    return render(request, "interviews/interview_detail.html", _detail_context(request, interview))


Handler = Callable[[HttpRequest, User, Interview], HttpResponse | None]


def _schedule(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = ScheduleForm(request.POST, officers=services.officer_choices())
    if not form.is_valid():
        return _rerender(request, interview, schedule_form=form)
    data = form.cleaned_data
    try:
        scheduled = services.interview_schedule(
            actor=user,
            interview=interview,
            scheduled_for=data["scheduled_for"],
            location=data["location"],
            officer=data["officer"],
            telephonic=data["telephonic"],
            expected_version=data["version"],
            note=data["note"],
        )
    except services.InterviewInputError as wrong:
        form.add_error(wrong.field if wrong.field in form.fields else None, str(wrong))
        return _rerender(request, interview, schedule_form=form)
    except services.EditConflict as conflict:
        rebound = ScheduleForm(_rebound(request, conflict), officers=services.officer_choices())
        return _conflict(request, interview, conflict, "schedule_form", rebound)
    if scheduled.counsel_notified_at is not None:
        messages.success(request, _("Scheduled; counsel of record notified."))
    else:
        messages.warning(
            request, _("Scheduled, but no counsel of record could be told: see the flag.")
        )
    return None


def _conduct(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = ConductForm(request.POST)
    if not form.is_valid():
        return _rerender(request, interview, conduct_form=form)
    data = form.cleaned_data
    try:
        saved = services.interview_conduct_save(
            actor=user,
            interview=interview,
            record=services.ConductInput(
                counsel_presence=data["counsel_presence"],
                written_waiver_of_counsel=data["written_waiver_of_counsel"],
                interpreter_language=data["interpreter_language"],
                best_language=data["best_language"],
                m444_served=data["m444_served"],
                private_setting=data["private_setting"],
                parent_assistance=data["parent_assistance"],
            ),
            expected_version=data["version"],
        )
    except services.EditConflict as conflict:
        return _conflict(
            request, interview, conflict, "conduct_form", ConductForm(_rebound(request, conflict))
        )
    if data["mark_conducted"]:
        services.interview_conducted(actor=user, interview=saved, expected_version=saved.version)
        messages.success(request, _("The interview is marked conducted."))
    else:
        messages.success(request, _("The record of the interview is saved."))
    return None


def _draft(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _rerender(request, interview, draft_form=form)
    try:
        services.interview_draft(
            actor=user,
            interview=interview,
            determination=form.cleaned_data["determination"],
            summary=form.cleaned_data["summary"],
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        return _conflict(
            request, interview, conflict, "draft_form", DraftForm(_rebound(request, conflict))
        )
    except services.InterviewRefused as refused:
        # Shown on the page with the typed summary kept, not on a redirect that loses it.
        messages.error(request, refusal_message(refused.refusal))
        return _rerender(request, interview, draft_form=form)
    messages.success(request, _("Determination drafted."))
    return None


def _submit(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    services.interview_submit(actor=user, interview=interview, expected_version=_version(request))
    messages.success(request, _("Sent to the supervisor."))
    return None


def _assess(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    prefix = f"a-{request.POST.get('inconsistency', '')}"
    form = AssessmentForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _rerender(request, interview, assessment_form=form)
    try:
        services.assessment_record(
            actor=user,
            interview=interview,
            inconsistency_id=form.cleaned_data["inconsistency_id"],
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        rebound = AssessmentForm(_rebound(request, conflict, prefix), prefix=prefix)
        return _conflict(request, interview, conflict, "assessment_form", rebound)
    messages.success(request, _("Assessment recorded."))
    return None


def _review(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _rerender(request, interview, review_form=form)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.interview_review(
            actor=user,
            interview=interview,
            approve=approve,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except services.InterviewInputError as wrong:
        form.add_error("note", str(wrong))
        return _rerender(request, interview, review_form=form)
    except services.EditConflict as conflict:
        return _conflict(
            request, interview, conflict, "review_form", ReviewForm(_rebound(request, conflict))
        )
    messages.success(request, _("Approved.") if approve else _("Returned to the officer."))
    return None


def _serve(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    services.interview_serve(actor=user, interview=interview, expected_version=_version(request))
    messages.success(request, _("Served."))
    return None


def _mark(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = MarkForm(request.POST)
    if not form.is_valid():
        raise services.InterviewInputError(_("The form was incomplete."))
    services.interview_mark(
        actor=user,
        interview=interview,
        to=form.cleaned_data["to"],
        expected_version=form.cleaned_data["version"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Recorded."))
    return None


def _decline(request: HttpRequest, user: User, interview: Interview) -> HttpResponse | None:
    form = DeclineForm(request.POST)
    services.interview_decline_review(
        actor=user,
        interview=interview,
        declined_in_words=form.is_valid() and bool(form.cleaned_data["declined_in_words"]),
        expected_version=_version(request),
    )
    messages.success(request, _("The declination is recorded."))
    return None


def _records_marks(user: object) -> bool:
    return (
        schedules_interviews(user) or conducts_interviews(user) or records_interview_outcomes(user)
    )


# Who may post each action at all (the services check again, per edge).
ACTION_CAPABILITY: dict[str, Callable[[object], bool]] = {
    "schedule": schedules_interviews,
    "conduct": conducts_interviews,
    "draft": conducts_interviews,
    "submit": conducts_interviews,
    "assess": conducts_interviews,
    "serve": conducts_interviews,
    "review": reviews_determinations,
    "mark": _records_marks,
    "decline": records_interview_outcomes,
}

HANDLERS: dict[str, Handler] = {
    "schedule": _schedule,
    "conduct": _conduct,
    "draft": _draft,
    "submit": _submit,
    "assess": _assess,
    "review": _review,
    "serve": _serve,
    "mark": _mark,
    "decline": _decline,
}


def _rebound(request: HttpRequest, conflict: services.EditConflict, prefix: str = "") -> Any:
    """The user's entries as posted, now against the version saved meanwhile: nothing
    typed is lost, and saving again is a deliberate choice made after seeing both."""
    data = request.POST.copy()
    data[f"{prefix}-version" if prefix else "version"] = str(conflict.current.version)
    return data


def _conflict(
    request: HttpRequest,
    interview: Interview,
    conflict: services.EditConflict,
    form_name: str,
    form: Any,
) -> HttpResponse:
    form.is_valid()
    return _rerender(request, interview, conflict=conflict, **{form_name: form})


def _rerender(request: HttpRequest, interview: Interview, **given: Any) -> HttpResponse:
    user = _user(request)
    if not reads_interview_records(user):
        raise PermissionDenied("the interview record")
    audit_access(
        actor=user, object_type="interview", object_id=str(interview.public_id), what="interview"
    )
    fresh = Interview.objects.select_related(
        "person", "officer", "requested_by", "drafted_by", "supervisor"
    ).get(pk=interview.pk)
    return render(
        request,
        "interviews/interview_detail.html",
        _detail_context(request, fresh, **given),
        status=409 if given.get("conflict") else 400,
    )


@require_POST
@login_required
@permission_required("registry.view_person_files", raise_exception=True)
def interview_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    user = _user(request)
    interview = interview_get_for_user(user=user, public_id=public_id)
    handler = HANDLERS.get(action)
    if handler is None:
        raise Http404("No such action")
    # Checked before any form is read: a form shown back with its errors is the full
    # interview page, which only those who may act see.
    if not (reads_interview_records(user) and ACTION_CAPABILITY[action](user)):
        raise PermissionDenied("may not do this to an interview")
    try:
        response = handler(request, user, interview)
    except services.InterviewRefused as refused:
        messages.error(request, refusal_message(refused.refusal))
        return redirect("interviews:interview_detail", public_id=interview.public_id)
    except services.EditConflict as conflict:
        return _rerender(request, interview, conflict=conflict)
    except services.InterviewInputError as wrong:
        messages.error(request, str(wrong))
        return redirect("interviews:interview_detail", public_id=interview.public_id)
    if response is not None:
        return response
    return redirect("interviews:interview_detail", public_id=interview.public_id)


# --- Worksheets -------------------------------------------------------------------


def _worksheet_initial(sheet: Worksheet | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if sheet is None:
        return {"version": 0}, []
    initial = {
        "version": sheet.version,
        "interviewed_on": sheet.interviewed_on,
        "interpreter_language": sheet.interpreter_language,
        "best_language": sheet.best_language,
        "counsel_present": tri_initial(sheet.counsel_present),
        "telephonic": tri_initial(sheet.telephonic),
        "separated_on": sheet.separated_on,
        "knew_child_whereabouts": tri_initial(sheet.knew_child_whereabouts),
        "protected_grounds": sheet.protected_grounds,
        "fear_of_persecution": tri_initial(sheet.fear_of_persecution),
        "fear_of_torture": tri_initial(sheet.fear_of_torture),
        "internal_relocation_possible": tri_initial(sheet.internal_relocation_possible),
        "state_protection_available": tri_initial(sheet.state_protection_available),
        "possible_bars": ", ".join(sheet.possible_bars),
        "summary_read_back": sheet.summary_read_back,
        "summary_corrections": sheet.summary_corrections,
        "qa_notes": sheet.qa_notes,
    }
    harms = [
        {
            "type": h.type,
            "when": h.when,
            "when_precision": h.when_precision,
            "place": h.place,
            "perpetrator": h.perpetrator,
            "perpetrator_category": h.perpetrator_category,
        }
        for h in sheet.harms.all()
    ]
    return initial, harms


def _worksheet_input(form: WorksheetForm, harms: Any) -> services.WorksheetInput:
    data = form.cleaned_data
    return services.WorksheetInput(
        interviewed_on=data["interviewed_on"],
        interpreter_language=data["interpreter_language"],
        best_language=data["best_language"],
        counsel_present=form.tri("counsel_present"),
        telephonic=form.tri("telephonic"),
        separated_on=data["separated_on"],
        knew_child_whereabouts=form.tri("knew_child_whereabouts"),
        protected_grounds=tuple(data["protected_grounds"]),
        fear_of_persecution=form.tri("fear_of_persecution"),
        fear_of_torture=form.tri("fear_of_torture"),
        internal_relocation_possible=form.tri("internal_relocation_possible"),
        state_protection_available=form.tri("state_protection_available"),
        possible_bars=tuple(b for b in data["possible_bars"].split(",") if b.strip()),
        summary_read_back=data["summary_read_back"],
        summary_corrections=data["summary_corrections"],
        qa_notes=data["qa_notes"],
        harms=tuple(
            services.HarmInput(
                type=h["type"],
                when=h.get("when"),
                when_precision=h.get("when_precision") or "day",
                place=h.get("place", ""),
                perpetrator=h.get("perpetrator", ""),
                perpetrator_category=h.get("perpetrator_category", ""),
            )
            for h in harms.cleaned_data
            if h and h.get("type")
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("interviews.conduct", raise_exception=True)
def worksheet_edit(request: HttpRequest, public_id: str, kind: str) -> HttpResponse:
    user = _user(request)
    interview = interview_get_for_user(user=user, public_id=public_id)
    try:
        which = WorksheetKind(kind)
    except ValueError:
        raise Http404("No such worksheet") from None
    if which is WorksheetKind.FIRST and interview.subject != "parent":
        raise Http404("A child's own interview has no first interview")
    audit_access(
        actor=user,
        object_type="interview",
        object_id=str(interview.public_id),
        what=f"worksheet:{which.value}",
    )
    sheet = Worksheet.objects.filter(interview=interview, kind=which).first()
    conflict: services.EditConflict | None = None
    if request.method == "POST":
        form = WorksheetForm(request.POST)
        harms = HarmFormSet(request.POST, prefix="harm")
        if form.is_valid() and harms.is_valid():
            try:
                services.worksheet_save(
                    actor=user,
                    interview=interview,
                    kind=which,
                    data=_worksheet_input(form, harms),
                    expected_version=form.cleaned_data["version"],
                )
            except services.EditConflict as found:
                conflict = found
            except services.InterviewInputError as wrong:
                form.add_error(wrong.field if wrong.field in form.fields else None, str(wrong))
            else:
                messages.success(request, _("Worksheet saved."))
                return redirect("interviews:interview_detail", public_id=interview.public_id)
        status = 409 if conflict else 400
    else:
        initial, harm_initial = _worksheet_initial(sheet)
        form = WorksheetForm(initial=initial)
        harms = HarmFormSet(initial=harm_initial, prefix="harm")
        status = 200
    current_initial, current_harms = _worksheet_initial(sheet)
    return render(
        request,
        "interviews/worksheet_form.html",
        {
            "interview": interview,
            "kind": which,
            "form": form,
            "harms": harms,
            "conflict": conflict,
            "current": sheet,
            "current_harms": sheet.harms.all() if sheet else [],
            "current_version": current_initial["version"],
            "current_harm_count": len(current_harms),
        },
        status=status,
    )


# --- PDF --------------------------------------------------------------------------


@require_GET
@login_required
@permission_required("interviews.read_records", raise_exception=True)
def interview_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    interview = interview_get_for_user(user=user, public_id=public_id)
    audit_access(
        actor=user, object_type="interview", object_id=str(interview.public_id), what="pdf"
    )
    html = render_to_string(
        "interviews/interview_pdf.html",
        {
            "interview": interview,
            "person": interview.person,
            "comparison": bridge.comparison_for(interview),
            "events": interview_events(interview),
            "notice": notice_for(interview.person),
            "printed_at": timezone.now(),
            "printed_by": user,
        },
        request=request,
    )
    try:
        document = html_to_pdf(html)
    except PdfUnavailable as missing:
        return HttpResponse(str(missing), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="interview-{interview.public_id}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
