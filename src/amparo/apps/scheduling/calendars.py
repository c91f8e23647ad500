"""Calendar files (.ics) per officer, interpreter and counsel, and who may have which.

An event names no one: a calendar leaves the system (a phone, a shared calendar), so it
carries the interview's short reference, time, place and a link that asks for sign-in.
A cancelled, missed or moved-away interview stays in the file as cancelled for a while,
so the calendar that imported it removes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import Organisation, Role, User
from amparo.apps.accounts.roles import conducts_interviews, schedules_interviews
from amparo.apps.core.ics import CalendarEvent, calendar
from amparo.apps.interviews.durations import expected_hours
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.selectors import people_visible_to
from amparo.apps.scheduling.models import Booking, BookingRelease, Interpreter
from amparo.engines.interviews import State

# How far back a calendar reaches (cancelled events included).
LOOKBACK = timedelta(days=30)
LIVE = (State.SCHEDULED, State.RESCHEDULED)
GONE = (State.CANCELLED, State.NO_SHOW)


def may_read_officer(user: User, officer: User) -> bool:
    return (
        user.pk == officer.pk or schedules_interviews(user) or user.role == Role.SUPERVISORY_OFFICER
    )


def may_read_interpreters(user: User) -> bool:
    return schedules_interviews(user)


def may_read_organisation(user: User, organisation: Organisation) -> bool:
    return schedules_interviews(user) or (
        user.organisation_id == organisation.pk
        and user.role in (Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER)
    )


def _event(interview: Interview, booking: Booking | None) -> CalendarEvent:
    assert interview.scheduled_for is not None
    reference = str(interview.public_id)
    link = settings.AMPARO_BASE_URL + reverse(
        "interviews:interview_detail", args=[interview.public_id]
    )
    start = interview.scheduled_for
    hours = expected_hours(interview.subject)
    if booking is not None and booking.starts_at == start:
        hours = max(1, round((booking.ends_at - booking.starts_at).total_seconds() / 3600))
    # A place from the scheduler's list, never the free text typed with a time.
    if interview.telephonic:
        where = _("By telephone")
    elif booking is not None and booking.starts_at == start:
        where = booking.facility.name
    else:
        where = _("In person")
    return CalendarEvent(
        uid=f"interview-{reference}@amparo",
        start=start,
        end=start + timedelta(hours=hours),
        summary=_("Settlement interview %(reference)s") % {"reference": reference[:8]},
        location=where,
        description=f"Amparo: {link}",
        sequence=interview.version,
        cancelled=interview.state in GONE,
    )


def _interviews(where: Q) -> QuerySet[Interview]:
    since = timezone.now() - LOOKBACK
    return (
        Interview.objects.filter(where, scheduled_for__gte=since)
        .filter(state__in=[*LIVE, *GONE])
        .select_related("booking")
        .order_by("scheduled_for", "id")
    )


def _booking(interview: Interview) -> Booking | None:
    try:
        return interview.booking
    except Booking.DoesNotExist:
        return None


def officer_events(officer: User) -> list[CalendarEvent]:
    """The officer's interviews, and as cancelled those since given to another."""
    events = [_event(i, _booking(i)) for i in _interviews(Q(officer=officer))]
    live = {e.uid for e in events}
    since = timezone.now() - LOOKBACK
    released = (
        BookingRelease.objects.filter(officer=officer, starts_at__gte=since)
        .select_related("interview")
        .order_by("-released_at", "-id")
    )
    for r in released:
        interview = r.interview
        uid = f"interview-{interview.public_id}@amparo"
        if uid in live:
            continue
        live.add(uid)
        events.append(
            CalendarEvent(
                uid=uid,
                start=r.starts_at,
                end=r.ends_at,
                summary=_("Settlement interview %(reference)s")
                % {"reference": str(interview.public_id)[:8]},
                sequence=interview.version,
                cancelled=True,
            )
        )
    return events


def organisation_events(user: User, organisation: Organisation) -> list[CalendarEvent]:
    """The interviews of the people the organisation's lawyers may see: a provider's
    represented clients, class counsel's class members."""
    if schedules_interviews(user):
        members = User.objects.filter(
            organisation=organisation,
            is_active=True,
            role__in=[Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER],
        ).first()
        if members is None:
            return []
        user = members
    people = people_visible_to(user).values("pk")
    return [_event(i, _booking(i)) for i in _interviews(Q(person__in=people))]


def interpreter_events(interpreter: Interpreter) -> list[CalendarEvent]:
    """The interpreter's bookings; one the interview no longer holds (moved to another
    interpreter or time, cancelled, missed) is sent as cancelled."""
    since = timezone.now() - LOOKBACK
    events: list[CalendarEvent] = []
    bookings = (
        Booking.objects.filter(interpreter=interpreter, starts_at__gte=since)
        .select_related("interview")
        .order_by("starts_at", "id")
    )
    live: set[str] = set()
    for b in bookings:
        interview = b.interview
        held = (
            b.released_at is None
            and interview.state in LIVE
            and interview.scheduled_for == b.starts_at
        )
        reference = str(interview.public_id)
        events.append(
            CalendarEvent(
                uid=f"interpreting-{reference}@amparo",
                start=b.starts_at,
                end=b.ends_at,
                summary=_("Interpreting, settlement interview %(reference)s")
                % {"reference": reference[:8]},
                location=_("By telephone") if b.telephonic else b.facility.name,
                sequence=b.sequence,
                cancelled=not held,
            )
        )
        live.add(events[-1].uid)
    released = (
        BookingRelease.objects.filter(interpreter=interpreter, starts_at__gte=since)
        .select_related("interview", "interview__booking")
        .order_by("-released_at", "-id")
    )
    for r in released:
        reference = str(r.interview.public_id)
        uid = f"interpreting-{reference}@amparo"
        if uid in live:
            continue
        live.add(uid)
        events.append(
            CalendarEvent(
                uid=uid,
                start=r.starts_at,
                end=r.ends_at,
                summary=_("Interpreting, settlement interview %(reference)s")
                % {"reference": reference[:8]},
                # Above any sequence the interpreter was sent for it.
                sequence=r.interview.booking.sequence,
                cancelled=True,
            )
        )
    return events


def document(events: Iterable[CalendarEvent], name: str) -> str:
    return calendar(events, name=name, stamp=timezone.now())


def reads_own_calendar(user: User) -> bool:
    return conducts_interviews(user) or user.role in (
        Role.CLASS_COUNSEL,
        Role.LEGAL_SERVICE_PROVIDER,
    )
