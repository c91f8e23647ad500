"""Every write of the interviews app. Each is one transaction with its audit event; an
edit that names an older version than the row's is refused as a conflict (nothing is
overwritten), and a transition the lifecycle refuses is logged, then raised.

The state changes only in `_transition`, which asks the engine
(`amparo.engines.interviews.transition`) with the facts on record: a service cannot
mark an interview conducted, or send a negative to the supervisor, around the
settlement's protections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import (
    conducts_interviews,
    records_interview_outcomes,
    requests_interviews,
    reviews_determinations,
    schedules_interviews,
)
from amparo.apps.audit.services import audit_record
from amparo.apps.core.ics import CalendarEvent, calendar
from amparo.apps.core.text import one_line, paragraphs
from amparo.apps.eligibility.models import Answer, PersonEligibility
from amparo.apps.interviews import engine_bridge as bridge
from amparo.apps.interviews.durations import expected_hours
from amparo.apps.interviews.models import (
    Assessment,
    CounselNotification,
    HarmItem,
    Interview,
    InterviewEvent,
    InterviewSubject,
    NoticeReason,
    NoticeToAppear,
    Worksheet,
    WorksheetKind,
)
from amparo.apps.interviews.selectors import Linked, counsel_of_record, linked_members
from amparo.apps.interviews.signals import interview_marked
from amparo.apps.registry.models import Person
from amparo.apps.registry.selectors import people_visible_to
from amparo.engines.interviews import (
    CrossAction,
    DeadlineKind,
    Determination,
    Facts,
    FlagCode,
    GuardFailed,
    RefusalReason,
    State,
    Subject,
    TransitionRefused,
    cross_effect,
    transition,
)

MAX_NOTE = 300

# An interview that reached an outcome: the second chance was given.
ENDED_STATES = (
    State.NOTICE_TO_APPEAR.value,
    State.IJ_AFFIRMED.value,
    State.IJ_REVIEW_DECLINED.value,
)

# Where each deadline the lifecycle computes is kept on the row.
DEADLINE_FIELDS = {
    DeadlineKind.NOTIFY_COUNSEL_BY: "counsel_notify_by",
    DeadlineKind.IJ_REQUEST_BY: "ij_request_by",
    DeadlineKind.IJ_DECISION_TARGET: "ij_decision_target",
    DeadlineKind.IJ_DECISION_DUE: "ij_decision_due",
}


class InterviewInputError(ValueError):
    """The input is wrong (a field out of range, a date in the wrong order); `field`
    names the form field when there is one."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class EditConflict(Exception):
    """Someone saved the record after the form was opened. `current` is the row as it
    is now, so the page can show both versions side by side."""

    def __init__(self, current: Interview | Worksheet | Assessment, expected: int) -> None:
        self.current = current
        self.expected = expected
        # Who saved it, for the page: rows name their last editor differently.
        editor = getattr(current, "updated_by", None) or getattr(current, "recorded_by", None)
        self.saved_by = editor.username if isinstance(editor, User) else ""
        super().__init__(
            f"saved by someone else since version {expected} (now version {current.version})"
        )


class InterviewRefused(Exception):
    """The lifecycle refused the transition; the refusal is already logged.
    `refusal` is the engine's exception, naming the reason and each missing item."""

    def __init__(self, refusal: TransitionRefused) -> None:
        self.refusal = refusal
        super().__init__(str(refusal))

    @property
    def missing(self) -> tuple[str, ...]:
        return self.refusal.missing

    @property
    def reason(self) -> RefusalReason:
        return self.refusal.reason


def _clean(text: str, limit: int = MAX_NOTE) -> str:
    return one_line(text, limit)


def _text(text: str, limit: int = 20_000) -> str:
    return paragraphs(text, limit)


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(what)


def _locked(interview: Interview) -> Interview:
    return Interview.objects.select_for_update().get(pk=interview.pk)


def _check_version(row: Interview | Worksheet | Assessment, expected: int | None) -> None:
    if expected is not None and row.version != expected:
        raise EditConflict(row, expected)


def _visible(actor: User, person: Person) -> None:
    # A person the actor may not see is as good as absent (no existence leaks).
    if not people_visible_to(actor).filter(pk=person.pk).exists():
        raise PermissionDenied("no such person")


# --- Requesting -------------------------------------------------------------------


def _owed(person: Person, subject: Subject) -> str:
    """Why the person may not have this interview now, or "" when they may: the rules
    must owe it, and it must be actionable (the court's approval in force and no
    waiver; an election to stay where one is needed)."""
    current = PersonEligibility.objects.filter(person=person, superseded_at__isnull=True).first()
    column = "parent_procedures" if subject is Subject.PARENT else "child_interview"
    if current is None or getattr(current, column) != Answer.YES:
        what = _("a new parent interview") if subject is Subject.PARENT else _("a child interview")
        return _("The eligibility rules do not say this person is owed %(what)s.") % {"what": what}
    if not current.actionable:
        return _(
            "This person's interview is not actionable yet: the court's approval or an "
            "election to stay is missing (see the person's eligibility)."
        )
    return ""


def interview_request(
    *, actor: User, person: Person, subject: Subject | str, note: str = ""
) -> Interview:
    """Open a settlement interview for a person the eligibility rules say is owed one
    (a parent's new interview, or a child's own), or refuse with the reason."""
    _require(requests_interviews(actor), "may not request interviews")
    _visible(actor, person)
    try:
        subject = Subject(subject)
    except ValueError:
        raise InterviewInputError(
            _("Unknown kind of interview: %(subject)s.") % {"subject": subject}, "subject"
        ) from None
    if person.merged_into_id is not None:
        raise InterviewInputError(_("This person was merged into another; use that file."))
    refusal = _owed(person, subject)
    if refusal:
        raise InterviewInputError(refusal, "subject")
    if Interview.objects.filter(person=person, subject=subject, state__in=ENDED_STATES).exists():
        # The agreement gives one new interview; a cancelled one may be asked for again.
        raise InterviewInputError(
            _("This person's settlement interview of this kind has already ended."), "subject"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            interview = Interview.objects.create(
                person=person,
                subject=subject.value,
                requested_by=actor,
                requested_at=now,
                request_note=_clean(note),
                updated_at=now,
                updated_by=actor,
            )
            InterviewEvent.objects.create(
                interview=interview,
                from_state="",
                to_state=State.REQUESTED.value,
                accepted=True,
                note=_clean(note),
                actor=actor,
                at=now,
            )
            _prefill_first_worksheet(interview, actor, now)
            audit_record(
                actor=actor,
                action="interview.request",
                object_type="interview",
                object_id=str(interview.public_id),
                details={"person": str(person.public_id), "subject": subject.value},
            )
    except IntegrityError:
        raise InterviewInputError(
            _("This person already has an open interview of this kind."), "subject"
        ) from None
    return interview


def _prefill_first_worksheet(interview: Interview, actor: User, now: datetime) -> None:
    """A parent's first interview starts from what the agencies' records say about it
    (the screening's date, languages and counsel, the separation's date); the officer
    then enters the material facts from its worksheet summary."""
    if interview.subject != InterviewSubject.PARENT:
        return
    first = bridge.first_screening_facts(interview.person)
    if first is None:
        return
    Worksheet.objects.create(
        interview=interview,
        kind=WorksheetKind.FIRST,
        # Version 0: started from the records, not yet entered by an officer (a negative
        # cannot go up on it, and nothing is compared with it).
        version=0,
        interviewed_on=first.interviewed_on,
        interpreter_language=first.interpreter_language,
        best_language=first.best_language,
        counsel_present=first.counsel_present,
        separated_on=first.separated_on,
        updated_at=now,
        updated_by=actor,
    )


# --- Transitions ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Extra:
    """App-level records a transition needs beyond the engine's guards."""

    missing: tuple[str, ...] = ()


def _log_refusal(actor: User, interview: Interview, refusal: TransitionRefused, note: str) -> None:
    with transaction.atomic():
        InterviewEvent.objects.create(
            interview=interview,
            from_state=refusal.from_state.value,
            to_state=refusal.to_state.value,
            accepted=False,
            reason=refusal.reason.value,
            missing=list(refusal.missing),
            note=_clean(note),
            actor=actor,
            at=refusal.at,
        )
        audit_record(
            actor=actor,
            action="interview.transition_refused",
            object_type="interview",
            object_id=str(interview.public_id),
            reason=refusal.reason.value,
            details=refusal.as_log(),
        )


def _transition(
    *,
    actor: User,
    interview: Interview,
    to: State,
    expected_version: int | None,
    facts: Facts | None = None,
    changes: dict[str, Any] | None = None,
    extra_missing: Sequence[str] = (),
    read_after_lock: Callable[[Interview], tuple[Facts, Sequence[str]]] | None = None,
    check_row: Callable[[Interview], None] | None = None,
    within: Callable[[Interview, datetime], None] | None = None,
    note: str = "",
    text: str = "",
) -> Interview:
    """Take the edge `interview.state -> to` or raise; the one place state changes.
    `read_after_lock` reads facts that others may change (the worksheets, the
    assessments) once the row is locked, so what the guard checks is what is stored;
    `check_row` refuses on the locked row (who may act on it); `within` writes what
    must commit with the transition (counsel's notices)."""
    now = timezone.now()
    refusal: TransitionRefused | None = None
    with transaction.atomic():
        row = _locked(interview)
        _check_version(row, expected_version)
        if check_row is not None:
            check_row(row)
        if read_after_lock is not None:
            facts, extra_missing = read_after_lock(row)
        engine_interview = bridge.engine_interview(row)
        try:
            if extra_missing:
                # The engine's table is checked first (an illegal edge is illegal
                # whatever is missing); then the app's own records.
                transition(
                    engine_interview,
                    to,
                    facts or bridge.facts_for(row),
                    now,
                    config=bridge.config(),
                )
                raise GuardFailed(
                    interview_id=str(row.public_id),
                    from_state=State(row.state),
                    to_state=to,
                    reason=RefusalReason.MISSING_RECORDS,
                    at=now,
                    missing=tuple(extra_missing),
                )
            result = transition(
                engine_interview, to, facts or bridge.facts_for(row), now, config=bridge.config()
            )
        except TransitionRefused as refused:
            refusal = refused
        else:
            after = result.interview
            row.state = after.state.value
            row.determination = after.determination.value if after.determination else ""
            row.scheduled_for = after.scheduled_for
            row.served_at = after.served_at
            row.ij_review_requested_at = after.ij_review_requested_at
            for name, value in (changes or {}).items():
                setattr(row, name, value)
            for deadline in result.deadlines:
                setattr(row, DEADLINE_FIELDS[deadline.kind], deadline.due)
            flags = [{"code": f.code.value, "detail": f.detail} for f in result.flags]
            if flags:
                row.flags = [*row.flags, *flags]
            if any(f.code is FlagCode.INTERPRETER_MISMATCH for f in result.flags):
                row.interpreter_mismatch = True
            row.version += 1
            row.updated_at = now
            row.updated_by = actor
            row.save()
            InterviewEvent.objects.create(
                interview=row,
                from_state=result.from_state.value,
                to_state=result.to_state.value,
                accepted=True,
                flags=flags,
                note=_clean(note),
                text=text,
                actor=actor,
                at=now,
            )
            audit_record(
                actor=actor,
                action="interview.transition",
                object_type="interview",
                object_id=str(row.public_id),
                reason=_clean(note),
                details={
                    "from": result.from_state.value,
                    "to": result.to_state.value,
                    "flags": [f["code"] for f in flags],
                    "changes": sorted((changes or {}).keys()),
                },
            )
            if to is State.NOTICE_TO_APPEAR:
                _issue_notices(actor, row, now)
            elif to is State.APPROVED and row.determination == Determination.POSITIVE:
                _announce_fear_found(actor, row, now)
            if within is not None:
                within(row, now)
            return row
    assert refusal is not None
    _log_refusal(actor, interview, refusal, note)
    raise InterviewRefused(refusal)


def interview_schedule(
    *,
    actor: User,
    interview: Interview,
    scheduled_for: datetime,
    location: str,
    officer: User | None,
    telephonic: bool = False,
    expected_version: int | None,
    note: str = "",
) -> Interview:
    """Set (or move) the interview's time and tell counsel of record. A time in the
    past is refused; counsel told later than the configured lead time is flagged."""
    _require(schedules_interviews(actor), "may not schedule interviews")
    if timezone.is_naive(scheduled_for):
        raise InterviewInputError(_("The time needs a time zone."), "scheduled_for")
    if scheduled_for <= timezone.now():
        raise InterviewInputError(
            _("An interview cannot be scheduled in the past."), "scheduled_for"
        )
    if officer is not None and (not officer.is_active or not conducts_interviews(officer)):
        raise InterviewInputError(_("The officer must be an active asylum officer."), "officer")
    location = _clean(location, 200)
    if not location and not telephonic:
        raise InterviewInputError(_("Say where the interview is held, or that it is by telephone."))
    _still_owed(interview)
    to = State.SCHEDULED if interview.state == State.REQUESTED else State.RESCHEDULED
    changes: dict[str, Any] = {"location": location, "officer": officer, "telephonic": telephonic}
    if to is State.RESCHEDULED:
        # What was recorded for the old time (counsel there, the M-444 served, the room)
        # says nothing of the new one.
        changes |= CONDUCT_CLEARED
    return _transition(
        actor=actor,
        interview=interview,
        to=to,
        expected_version=expected_version,
        facts=Facts(scheduled_for=scheduled_for),
        changes=changes,
        within=lambda row, now: _notify_counsel(actor, row, now),
        note=note,
    )


CONDUCT_CLEARED: dict[str, Any] = {
    "counsel_presence": "",
    "written_waiver_of_counsel": False,
    "interpreter_language": "",
    "best_language": "",
    "interpreter_mismatch": False,
    "m444_served": False,
    "private_setting": False,
    "parent_assistance": "",
}


def _still_owed(interview: Interview) -> None:
    """The interview is still owed and actionable (an election to waive, or the court's
    approval withdrawn, after the request stops it here)."""
    refusal = _owed(interview.person, Subject(interview.subject))
    if refusal:
        raise InterviewInputError(refusal)


def _notify_counsel(actor: User, interview: Interview, now: datetime) -> None:
    """Tell every counsel of record the new time, in the scheduling transaction (with its
    audit event); the mail goes once it commits. The message names no one: the lawyer
    signs in to see whose interview it is (mail leaves the system; a client's name must
    not). With no counsel reachable, the interview is flagged: nobody was told."""
    assert interview.scheduled_for is not None
    short = interview.counsel_notify_by is not None and now > interview.counsel_notify_by
    link = settings.AMPARO_BASE_URL + reverse(
        "interviews:interview_detail", args=[interview.public_id]
    )
    told: list[str] = []
    for organisation, emails in counsel_of_record(interview.person):
        CounselNotification.objects.create(
            interview=interview,
            organisation=organisation,
            scheduled_for=interview.scheduled_for,
            sent_at=now,
            recipients=len(emails),
            short_notice=short,
        )
        if emails:
            told.append(organisation.name)
            # robust: a mail server's failure must not undo a committed schedule; it is
            # logged, and the notice row stays for the coordinator to follow up.
            transaction.on_commit(
                _mail_sender(emails, interview, link),
                robust=True,
            )
    if told:
        interview.counsel_notified_at = now
    else:
        interview.counsel_notified_at = None
        interview.flags = [
            *interview.flags,
            {"code": "no_counsel_reachable", "detail": interview.scheduled_for.isoformat()},
        ]
    interview.save(update_fields=["counsel_notified_at", "flags"])
    audit_record(
        actor=actor,
        action="interview.counsel_notify",
        object_type="interview",
        object_id=str(interview.public_id),
        details={"organisations": told, "short_notice": short},
    )


def _mail_sender(emails: list[str], interview: Interview, link: str) -> Any:
    """The mail to counsel, with the interview as a calendar invitation (.ics) that
    names no one either: its reference, time, place and the link."""
    assert interview.scheduled_for is not None
    when = interview.scheduled_for
    telephonic = interview.telephonic
    reference = str(interview.public_id)
    event = CalendarEvent(
        uid=f"interview-{reference}@amparo",
        start=when,
        end=when + timedelta(hours=expected_hours(interview.subject)),
        summary=f"Settlement interview {reference[:8]}",
        # Not the free text typed with the time, which could name someone.
        location="By telephone" if telephonic else "In person: see Amparo",
        description=f"Amparo: {link}",
        sequence=interview.version,
    )
    stamp = timezone.now()

    def send() -> None:
        if not emails:
            return
        local = timezone.localtime(when).strftime("%Y-%m-%d %H:%M %Z")
        how = "by telephone" if telephonic else "in person"
        message = EmailMessage(
            subject="Amparo: a client's settlement interview is scheduled",
            body=(
                f"A settlement credible fear interview of one of your clients is set for "
                f"{local} ({how}).\nYou may attend in person or by telephone.\n"
                f"Sign in to Amparo to see whose interview it is: {link}\n"
                f"The attached calendar file adds it to your calendar.\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=emails,
        )
        message.attach(
            "interview.ics",
            calendar([event], name="Amparo interviews", stamp=stamp),
            "text/calendar",
        )
        message.send()

    return send


def interview_mark(
    *,
    actor: User,
    interview: Interview,
    to: State | str,
    expected_version: int | None,
    note: str = "",
) -> Interview:
    """The edges that need nothing more than the actor's word: a no-show or a
    cancellation (coordinators), or the person's own choice on a judge's review and the
    judge's decision (the government side that receives them)."""
    try:
        to = State(to)
    except ValueError:
        raise InterviewInputError(_("Unknown state."), "to") from None
    if to in (State.NO_SHOW, State.CANCELLED):
        _require(
            schedules_interviews(actor) or conducts_interviews(actor),
            "may not record no-shows or cancellations",
        )
        if to is State.CANCELLED and not _clean(note):
            raise InterviewInputError(_("Say why the interview is cancelled."), "note")
    elif (
        to in (State.IJ_REVIEW_REQUESTED, State.IJ_AFFIRMED, State.IJ_VACATED)
        or to is State.NOTICE_TO_APPEAR
    ):
        _require(records_interview_outcomes(actor), "may not record outcomes")
    else:
        raise InterviewInputError(
            _("%(state)s is not recorded this way.") % {"state": to.value}, "to"
        )
    marked = to

    def tell(row: Interview, now: datetime) -> None:
        # In the transition's transaction: what the apps built on interviews do about
        # it (the scheduler's re-plan) commits or fails with it.
        interview_marked.send(sender=Interview, actor=actor, interview=row, to=marked)

    return _transition(
        actor=actor,
        interview=interview,
        to=to,
        expected_version=expected_version,
        note=note,
        within=tell,
    )


def interview_decline_review(
    *, actor: User, interview: Interview, declined_in_words: bool, expected_version: int | None
) -> Interview:
    """The person said, on the record, they do not want a judge's review. Silence is
    a request, never a declination."""
    _require(records_interview_outcomes(actor), "may not record outcomes")
    facts = Facts(declination_recorded=declined_in_words)
    return _transition(
        actor=actor,
        interview=interview,
        to=State.IJ_REVIEW_DECLINED,
        expected_version=expected_version,
        facts=facts,
        changes={"declination_recorded": declined_in_words},
    )


# --- Conduct ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConductInput:
    counsel_presence: str = ""
    written_waiver_of_counsel: bool = False
    interpreter_language: str = ""
    best_language: str = ""
    m444_served: bool = False
    private_setting: bool = False
    parent_assistance: str = ""


def interview_conduct_save(
    *, actor: User, interview: Interview, record: ConductInput, expected_version: int | None
) -> Interview:
    """Save what was recorded at the interview (counsel, waiver, interpreter, the M-444,
    the setting, a parent's help), without changing state: kept even if the interview
    may not be marked conducted yet."""
    _require(conducts_interviews(actor), "may not record interviews")
    if record.counsel_presence and record.counsel_presence not in bridge.COUNSEL_VALUES:
        raise InterviewInputError(_("Unknown counsel presence."), "counsel_presence")
    if record.parent_assistance and record.parent_assistance not in bridge.ASSISTANCE_VALUES:
        raise InterviewInputError(_("Unknown parent assistance."), "parent_assistance")
    now = timezone.now()
    with transaction.atomic():
        row = _locked(interview)
        _check_version(row, expected_version)
        if row.state not in (State.SCHEDULED, State.RESCHEDULED):
            raise InterviewInputError(
                _("The record of the interview is kept only while it is scheduled.")
            )
        row.counsel_presence = record.counsel_presence
        row.written_waiver_of_counsel = record.written_waiver_of_counsel
        row.interpreter_language = _clean(record.interpreter_language, 60)
        row.best_language = _clean(record.best_language, 60)
        row.m444_served = record.m444_served
        row.private_setting = record.private_setting
        row.parent_assistance = record.parent_assistance
        row.version += 1
        row.updated_at = now
        row.updated_by = actor
        row.save()
        audit_record(
            actor=actor,
            action="interview.conduct_save",
            object_type="interview",
            object_id=str(row.public_id),
            details={"missing": list(bridge.conduct_missing_for(row))},
        )
    return row


def interview_conducted(
    *, actor: User, interview: Interview, expected_version: int | None, note: str = ""
) -> Interview:
    """Mark the interview held: refused unless counsel was present or the person's
    written waiver is on record, the interpreter and best language, the M-444 and the
    private setting are recorded (and, for a child, who assisted)."""
    _require(conducts_interviews(actor), "may not record interviews")
    _still_owed(interview)
    return _transition(
        actor=actor,
        interview=interview,
        to=State.CONDUCTED,
        expected_version=expected_version,
        changes={"officer": interview.officer or actor},
        note=note,
    )


# --- Worksheets -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HarmInput:
    type: str
    when: date | None = None
    when_precision: str = "day"
    place: str = ""
    perpetrator: str = ""
    perpetrator_category: str = ""


@dataclass(frozen=True, slots=True)
class WorksheetInput:
    interviewed_on: date | None = None
    interpreter_language: str = ""
    best_language: str = ""
    counsel_present: bool | None = None
    telephonic: bool | None = None
    separated_on: date | None = None
    knew_child_whereabouts: bool | None = None
    protected_grounds: tuple[str, ...] = ()
    fear_of_persecution: bool | None = None
    fear_of_torture: bool | None = None
    internal_relocation_possible: bool | None = None
    state_protection_available: bool | None = None
    possible_bars: tuple[str, ...] = ()
    summary_read_back: bool = False
    summary_corrections: str = ""
    qa_notes: str = ""
    harms: tuple[HarmInput, ...] = ()


# Worksheets are edited while the determination is being made; after it went to the
# supervisor they are the record it was made on.
WORKSHEET_EDIT_STATES = frozenset(
    {
        State.REQUESTED,
        State.SCHEDULED,
        State.RESCHEDULED,
        State.CONDUCTED,
        State.DETERMINATION_DRAFTED,
        State.RETURNED,
    }
)


def worksheet_save(
    *,
    actor: User,
    interview: Interview,
    kind: WorksheetKind | str,
    data: WorksheetInput,
    expected_version: int | None,
) -> Worksheet:
    """Write one worksheet whole (its harms replaced), or refuse: bad input names the
    field; a save against an older version is a conflict and writes nothing."""
    _require(conducts_interviews(actor), "may not edit interview records")
    kind = WorksheetKind(kind)
    problems = bridge.worksheet_problems(data, kind)
    if problems:
        field, message = problems[0]
        raise InterviewInputError(message, field)
    now = timezone.now()
    with transaction.atomic():
        row = _locked(interview)
        if State(row.state) not in WORKSHEET_EDIT_STATES:
            raise InterviewInputError(
                _("The worksheets are closed once the determination went to review.")
            )
        sheet = Worksheet.objects.select_for_update().filter(interview=row, kind=kind).first()
        if sheet is None:
            if expected_version not in (None, 0):
                raise InterviewInputError(_("This worksheet does not exist yet."))
            sheet = Worksheet(interview=row, kind=kind, version=0)
        else:
            _check_version(sheet, expected_version)
        for name in (
            "interviewed_on",
            "counsel_present",
            "telephonic",
            "separated_on",
            "knew_child_whereabouts",
            "fear_of_persecution",
            "fear_of_torture",
            "internal_relocation_possible",
            "state_protection_available",
            "summary_read_back",
        ):
            setattr(sheet, name, getattr(data, name))
        sheet.interpreter_language = _clean(data.interpreter_language, 60)
        sheet.best_language = _clean(data.best_language, 60)
        sheet.protected_grounds = sorted(set(data.protected_grounds))
        sheet.possible_bars = sorted({_clean(b, 80) for b in data.possible_bars if _clean(b)})
        sheet.summary_corrections = _text(data.summary_corrections)
        sheet.qa_notes = _text(data.qa_notes, 100_000)
        sheet.version += 1
        sheet.updated_at = now
        sheet.updated_by = actor
        sheet.save()
        sheet.harms.all().delete()
        HarmItem.objects.bulk_create(
            HarmItem(
                worksheet=sheet,
                position=n,
                type=h.type,
                when=h.when,
                when_precision=h.when_precision or "day",
                place=_clean(h.place, 200),
                perpetrator=_clean(h.perpetrator, 200),
                perpetrator_category=h.perpetrator_category,
            )
            for n, h in enumerate(data.harms, start=1)
        )
        audit_record(
            actor=actor,
            action="interview.worksheet_save",
            object_type="interview",
            object_id=str(row.public_id),
            details={"worksheet": kind.value, "version": sheet.version, "harms": len(data.harms)},
        )
    return sheet


# --- Determination and review -----------------------------------------------------


def interview_draft(
    *,
    actor: User,
    interview: Interview,
    determination: Determination | str,
    summary: str,
    expected_version: int | None,
) -> Interview:
    """Draft (or redraft after a return) the determination. The new interview's
    worksheet must be on record with its summary read back to the person."""
    _require(conducts_interviews(actor), "may not draft determinations")
    try:
        determination = Determination(determination)
    except ValueError:
        raise InterviewInputError(_("Choose positive or negative."), "determination") from None
    summary = _text(summary)
    if not summary:
        raise InterviewInputError(_("Write the determination's summary."), "summary")
    new_sheet = Worksheet.objects.filter(interview=interview, kind=WorksheetKind.NEW).first()
    extra: list[str] = []
    if new_sheet is None:
        extra.append("new_interview_worksheet")
    elif not new_sheet.summary_read_back:
        extra.append("summary_read_back")
    return _transition(
        actor=actor,
        interview=interview,
        to=State.DETERMINATION_DRAFTED,
        expected_version=expected_version,
        facts=Facts(determination=determination),
        changes={"determination_summary": summary, "drafted_by": actor},
        extra_missing=extra,
        text=summary,
    )


def interview_submit(
    *, actor: User, interview: Interview, expected_version: int | None
) -> Interview:
    """Send the draft to the supervisor. A negative goes only once every inconsistency
    with the first interview has a due-consideration assessment; for a parent, the first
    interview must be entered first (or there would be nothing to weigh it against)."""
    _require(conducts_interviews(actor), "may not submit determinations")

    def read(row: Interview) -> tuple[Facts, Sequence[str]]:
        comparison = bridge.comparison_for(row)
        extra: list[str] = []
        if row.determination == Determination.NEGATIVE:
            if comparison.needs_first and not comparison.first_entered:
                extra.append("first_interview_worksheet")
            if comparison.error:
                extra.append("worksheet_dates")
        facts = Facts(
            inconsistency_ids=comparison.ids,
            assessments={a.inconsistency_id: a.text for a in comparison.assessments},
        )
        return facts, extra

    return _transition(
        actor=actor,
        interview=interview,
        to=State.SUPERVISORY_REVIEW,
        expected_version=expected_version,
        read_after_lock=read,
    )


def interview_review(
    *,
    actor: User,
    interview: Interview,
    approve: bool,
    note: str,
    expected_version: int | None,
) -> Interview:
    """The supervisor approves the draft or returns it with the reason. A supervisor
    does not approve a determination they drafted themselves."""
    _require(reviews_determinations(actor), "only a supervisory officer reviews determinations")
    note = _text(note, 5000)
    if not approve and not note:
        raise InterviewInputError(_("Say why the draft goes back."), "note")

    def not_own_draft(row: Interview) -> None:
        if approve and row.drafted_by_id == actor.pk:
            raise PermissionDenied("a supervisor does not approve their own draft")

    return _transition(
        actor=actor,
        interview=interview,
        to=State.APPROVED if approve else State.RETURNED,
        expected_version=expected_version,
        check_row=not_own_draft,
        text=note,
        changes={"supervisor": actor, "supervisor_note": note},
        note=note[:MAX_NOTE],
    )


def interview_serve(
    *, actor: User, interview: Interview, expected_version: int | None
) -> Interview:
    """Hand the approved determination to the person (a negative starts the window to
    ask for a judge's review)."""
    _require(conducts_interviews(actor), "may not serve determinations")
    return _transition(
        actor=actor, interview=interview, to=State.SERVED, expected_version=expected_version
    )


def assessment_record(
    *,
    actor: User,
    interview: Interview,
    inconsistency_id: str,
    text: str,
    expected_version: int | None,
) -> Assessment:
    """Record (or revise) the due consideration of one inconsistency the engine lists
    now. Blank text is refused: an empty box is not consideration."""
    _require(conducts_interviews(actor), "may not assess inconsistencies")
    text = _text(text, 10_000)
    if not text:
        raise InterviewInputError(_("Write the assessment."), "text")
    now = timezone.now()
    with transaction.atomic():
        row = _locked(interview)
        if State(row.state) not in WORKSHEET_EDIT_STATES:
            raise InterviewInputError(_("Assessments are closed once the draft went to review."))
        comparison = bridge.comparison_for(row)
        found = next((i for i in comparison.inconsistencies if i.id == inconsistency_id), None)
        if found is None:
            raise InterviewInputError(
                _("No such inconsistency between the two interviews now."), "inconsistency_id"
            )
        existing = (
            Assessment.objects.select_for_update()
            .filter(interview=row, inconsistency_id=inconsistency_id)
            .first()
        )
        if existing is None:
            if expected_version not in (None, 0):
                raise EditConflict(
                    Assessment(interview=row, inconsistency_id=inconsistency_id, version=0),
                    expected_version,
                )
            existing = Assessment(interview=row, inconsistency_id=inconsistency_id, version=0)
        else:
            _check_version(existing, expected_version)
        existing.kind = found.kind.value
        existing.topic = found.topic.value
        existing.first_value = found.first_value[:300]
        existing.new_value = found.new_value[:300]
        existing.text = text
        existing.version += 1
        existing.recorded_by = actor
        existing.recorded_at = now
        existing.save()
        audit_record(
            actor=actor,
            action="interview.assessment_record",
            object_type="interview",
            object_id=str(row.public_id),
            details={"inconsistency": inconsistency_id, "version": existing.version},
        )
    return existing


# --- Outcomes ---------------------------------------------------------------------


def _issue_notices(actor: User, source: Interview, now: datetime) -> None:
    """The Notice to Appear for the person, and by the cross-effect for each linked
    parent or child who is a class member."""
    own_reason = (
        NoticeReason.IJ_VACATED
        if source.determination == Determination.NEGATIVE
        else NoticeReason.POSITIVE_DETERMINATION
    )
    _notice(actor, source.person, own_reason, source, now)
    engine_source = bridge.engine_interview(source)
    for linked in linked_members(source):
        effect = cross_effect(engine_source, linked.member)
        if effect is None or not linked.is_class_member:
            continue
        issued = _notice(actor, linked.person, NoticeReason.CROSS_EFFECT, source, now)
        audit_record(
            actor=actor,
            action="interview.cross_effect",
            object_type="person",
            object_id=str(linked.person.public_id),
            reason=effect.reason.value,
            details={
                "source_interview": str(source.public_id),
                "role": effect.role.value,
                "action": effect.action.value
                if issued
                else CrossAction.ALREADY_NOTICE_TO_APPEAR.value,
                "linked_interview": effect.linked_interview_id or "",
            },
        )
        # The Notice to Appear does not wait for the linked person's own interview;
        # their officer sees why on the page.
        _flag_linked(actor, linked, "cross_effect_notice", source, now)


def _flag_linked(actor: User, linked: Linked, code: str, source: Interview, now: datetime) -> None:
    if linked.interview is None or not linked.interview.is_open:
        return
    other = _locked(linked.interview)
    other.flags = [*other.flags, {"code": code, "detail": str(source.public_id)}]
    other.version += 1
    other.updated_at = now
    other.updated_by = actor
    other.save(update_fields=["flags", "version", "updated_at", "updated_by"])


def _announce_fear_found(actor: User, source: Interview, now: datetime) -> None:
    """Credible fear found and approved: the linked parent's or child's officer learns
    at once that a Notice to Appear will follow for them too (the cross-effect), before
    they spend a negative on an interview the outcome no longer turns on."""
    engine_source = bridge.engine_interview(source)
    for linked in linked_members(source):
        if linked.is_class_member and cross_effect(engine_source, linked.member) is not None:
            _flag_linked(actor, linked, "cross_effect_pending", source, now)


def _notice(
    actor: User, person: Person, reason: NoticeReason, source: Interview, now: datetime
) -> bool:
    _notice_row, created = NoticeToAppear.objects.get_or_create(
        person=person,
        defaults={
            "reason": reason,
            "source_interview": source,
            "issued_at": now,
            "issued_by": actor,
        },
    )
    if created:
        audit_record(
            actor=actor,
            action="interview.notice_to_appear",
            object_type="person",
            object_id=str(person.public_id),
            reason=reason.value,
            details={"source_interview": str(source.public_id)},
        )
    return created


def officer_choices() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, role__in=[Role.ASYLUM_OFFICER, Role.SUPERVISORY_OFFICER]
        ).order_by("last_name", "first_name", "username")
    )


__all__ = [
    "ConductInput",
    "EditConflict",
    "HarmInput",
    "InterviewInputError",
    "InterviewRefused",
    "WorksheetInput",
    "assessment_record",
    "interview_conduct_save",
    "interview_conducted",
    "interview_decline_review",
    "interview_draft",
    "interview_mark",
    "interview_request",
    "interview_review",
    "interview_schedule",
    "interview_serve",
    "officer_choices",
    "worksheet_save",
]
