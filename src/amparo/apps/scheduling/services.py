"""Every write of scheduling: start a run, execute it (the background task), publish or
discard it, re-plan after a no-show or a cancellation, release a booking. Each is
audited in its own transaction.

A run proposes a schedule over working days starting after counsel's notice period
(`AMPARO_COUNSEL_NOTICE_HOURS`), so any time it proposes leaves counsel at least that
notice. Publishing is all or nothing: it is refused, changing nothing, when any
interview changed since the run read it, or when a proposed time has come inside the
notice period since.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import schedules_interviews
from amparo.apps.audit.services import audit_record
from amparo.apps.interviews.models import Interview
from amparo.apps.interviews.services import InterviewInputError, interview_schedule
from amparo.apps.scheduling import bridge
from amparo.apps.scheduling.grid import Grid, next_working_day
from amparo.apps.scheduling.models import (
    RUN_TRANSITIONS,
    Booking,
    BookingRelease,
    LineOutcome,
    RunLine,
    RunState,
    RunTrigger,
    ScheduleRun,
)
from amparo.engines.interviews import State
from amparo.engines.scheduling import (
    Schedule,
    SolveOptions,
    schedule_greedy,
    schedule_staged,
)

logger = logging.getLogger(__name__)

MAX_DAYS = 20
MIN_SECONDS = 2
MAX_SECONDS = 300
# A re-plan looks this many working days ahead.
REPLAN_DAYS = 10


class SchedulingInputError(ValueError):
    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class PublishRefused(Exception):
    """The run cannot be published as it stands; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Published:
    scheduled: int
    moved: int
    kept: int
    skipped: list[str]
    # Interviews whose time no longer works and that no other time fits: they keep
    # their time, for the coordinator to settle by hand.
    not_kept: list[str]


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(what)


def earliest_start(now: datetime | None = None) -> date:
    """The first working day every hour of which is at least counsel's notice away."""
    now = now or timezone.now()
    notice = now + timedelta(hours=settings.AMPARO_COUNSEL_NOTICE_HOURS)
    return next_working_day(timezone.localtime(notice).date() + timedelta(days=1))


def _move(run: ScheduleRun, to: RunState) -> None:
    if to not in RUN_TRANSITIONS[run.state]:
        raise PublishRefused(
            _("A run that is %(state)s cannot be %(to)s.")
            % {"state": run.get_state_display(), "to": RunState(to).label}
        )
    run.state = to


def schedule_run_create(
    *,
    actor: User | None,
    start_date: date,
    days: int,
    seconds: int,
    seed: int = 0,
    trigger: RunTrigger = RunTrigger.COORDINATOR,
    trigger_interview: Interview | None = None,
) -> ScheduleRun:
    """Queue a run. A coordinator's run is checked against the notice period and the
    limits; an automatic re-plan (no actor's choice of dates) starts at the earliest
    day allowed."""
    if trigger == RunTrigger.COORDINATOR:
        _require(schedules_interviews(actor), "may not run the scheduler")
    first = earliest_start()
    if start_date < first:
        raise SchedulingInputError(
            _(
                "The schedule may start on %(first)s at the earliest: counsel must be "
                "told %(hours)s hours ahead."
            )
            % {"first": first.isoformat(), "hours": settings.AMPARO_COUNSEL_NOTICE_HOURS},
            "start_date",
        )
    if not 1 <= days <= MAX_DAYS:
        raise SchedulingInputError(
            _("Plan between 1 and %(most)s working days.") % {"most": MAX_DAYS}, "days"
        )
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise SchedulingInputError(
            _("Give the solver between %(least)s and %(most)s seconds.")
            % {"least": MIN_SECONDS, "most": MAX_SECONDS},
            "seconds",
        )
    with transaction.atomic():
        run = ScheduleRun.objects.create(
            trigger=trigger,
            trigger_interview=trigger_interview,
            start_date=next_working_day(start_date),
            days=days,
            seconds=seconds,
            seed=seed,
            created_by=actor,
            created_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="schedule_run.create",
            object_type="schedule_run",
            object_id=str(run.public_id),
            details={
                "trigger": str(trigger),
                "start_date": run.start_date.isoformat(),
                "days": days,
                "seconds": seconds,
            },
        )
    return run


def schedule_run_execute(*, run_id: int) -> ScheduleRun:
    """Run the scheduler (the background task) and store what it proposes; on any
    failure the run is marked failed, with a reference to the server log, and no line
    is kept."""
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().get(pk=run_id)
        if run.state != RunState.QUEUED:
            return run
        _move(run, RunState.RUNNING)
        run.save(update_fields=["state"])
        audit_record(
            actor=None,
            action="schedule_run.start",
            object_type="schedule_run",
            object_id=str(run.public_id),
        )
    try:
        _execute(run)
    except Exception as failure:
        reference = uuid4().hex[:12]
        logger.exception("schedule run %s failed (reference %s)", run.public_id, reference)
        with transaction.atomic():
            run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
            if run.state != RunState.RUNNING:
                # Set aside meanwhile: its failure changes nothing.
                return run
            RunLine.objects.filter(run=run).delete()
            _move(run, RunState.FAILED)
            run.finished_at = timezone.now()
            run.error = (
                f"The run failed on an internal error ({type(failure).__name__}); nothing "
                f"was proposed. Server log reference {reference}."
            )
            run.save()
            audit_record(
                actor=None,
                action="schedule_run.fail",
                object_type="schedule_run",
                object_id=str(run.public_id),
                reason=run.error,
            )
    run.refresh_from_db()
    return run


def _execute(run: ScheduleRun) -> None:
    grid = Grid.from_settings(run.start_date, run.days)
    built = bridge.build(grid)
    instance = built.instance
    greedy = schedule_greedy(instance)
    # Deterministic time: the same data, seed and workers give the same proposal on any
    # machine load, so a published schedule can be reproduced from its run's record.
    found = schedule_staged(
        instance,
        SolveOptions(
            seconds=float(run.seconds), workers=run.workers, seed=run.seed, deterministic=True
        ),
    )
    lines = _lines(run, built, found)
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
        if run.state != RunState.RUNNING:
            # Set aside while it ran (another run was published): nothing to keep.
            return
        RunLine.objects.bulk_create(lines, batch_size=1000)
        _move(run, RunState.READY)
        run.finished_at = timezone.now()
        run.stats = {
            "method": found.method,
            "requests": len(instance.requests),
            "scheduled": len(found.assignments),
            "objective": found.objective,
            "bound": found.bound,
            "gap_ppm": round(1_000_000 * found.gap) if found.gap is not None else None,
            "greedy_scheduled": len(greedy.assignments),
            "greedy_objective": greedy.objective,
            "seconds": round(found.seconds, 2),
            "officers": len(instance.officers),
            "interpreters": len(instance.interpreters),
        }
        run.save()
        audit_record(
            actor=None,
            action="schedule_run.ready",
            object_type="schedule_run",
            object_id=str(run.public_id),
            details={k: run.stats[k] for k in ("requests", "scheduled", "greedy_scheduled")},
        )


def _lines(run: ScheduleRun, built: bridge.Built, found: Schedule) -> list[RunLine]:
    grid = built.grid
    placed = found.by_request()
    why = {u.request_id: u for u in found.unscheduled}
    lines: list[RunLine] = []
    for rid, wanted in built.wanted.items():
        interview = wanted.interview
        had_time = interview.state in bridge.HAS_TIME
        line = RunLine(
            run=run,
            interview=interview,
            interview_version=interview.version,
            hours=wanted.hours,
            facility=wanted.facility,
            telephonic=wanted.telephonic,
            language=wanted.language,
            priority=wanted.priority,
            previous_starts_at=interview.scheduled_for if had_time else None,
        )
        a = placed.get(rid)
        if a is None:
            line.outcome = LineOutcome.NOT_KEPT if had_time else LineOutcome.UNPLACED
            if rid in why:
                line.reason = str(why[rid].reason)
                line.detail = worded(why[rid].detail, built)[:300]
        else:
            line.starts_at = grid.moment(a.day, a.slot)
            line.officer = built.officers[a.officer_id]
            line.interpreter = built.interpreters.get(a.interpreter_id or "")
            previous = wanted.previous
            same = previous is not None and (a.day, a.slot, a.officer_id) == (
                previous.day,
                previous.slot,
                previous.officer_id,
            )
            if same:
                # Its own time (a time set by hand at 10:30 is in the 10:00 slot).
                line.starts_at = interview.scheduled_for
            line.outcome = (
                LineOutcome.KEPT if same else LineOutcome.MOVED if had_time else LineOutcome.NEW
            )
        lines.append(line)
    return lines


ENGINE_DAY = re.compile(r"\bday (\d+)(?:, slot (\d+))?")


def worded(detail: str, built: bridge.Built) -> str:
    """The explainer's sentence with the calendar's words: a date and hour for the
    engine's day and slot, a facility's and a lawyer's organisation's names for ids."""
    grid = built.grid

    def when(match: re.Match[str]) -> str:
        day = int(match.group(1))
        if day >= grid.days:
            return match.group(0)
        if match.group(2) is None:
            return grid.dates[day].isoformat()
        return timezone.localtime(grid.moment(day, int(match.group(2)))).strftime("%Y-%m-%d %H:%M")

    worded = ENGINE_DAY.sub(when, detail)
    for name, code in built.names.items():
        worded = _replace_word(worded, code, name)
    return worded


def _replace_word(text: str, word: str, by: str) -> str:
    # A function as the replacement, not `by` itself: a backslash in a name is no
    # template.
    return re.sub(rf"\b{re.escape(word)}\b", lambda _match: by, text)


def _place(line: RunLine) -> str:
    if line.telephonic:
        return ""
    assert line.facility is not None
    return ", ".join(x for x in (line.facility.name, line.facility.address) if x)


def schedule_run_publish(*, actor: User, run: ScheduleRun) -> Published:
    """Give every interview its proposed time (counsel are told by the interviews
    service, each with a calendar invitation), record the bookings, and set aside the
    other runs waiting, which were computed against the schedule this replaces."""
    _require(schedules_interviews(actor), "may not publish a schedule")
    now = timezone.now()
    notice = now + timedelta(hours=settings.AMPARO_COUNSEL_NOTICE_HOURS)
    counts = {LineOutcome.NEW: 0, LineOutcome.MOVED: 0, LineOutcome.KEPT: 0}
    skipped: list[str] = []
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
        _move(run, RunState.PUBLISHED)
        every = list(
            run.lines.select_related(
                "interview", "interview__person", "facility", "officer"
            ).order_by("starts_at", "id")
        )
        versions = dict(
            Interview.objects.select_for_update()
            .filter(pk__in=[line.interview_id for line in every])
            .values_list("pk", "version")
        )
        changed = [
            line for line in every if versions.get(line.interview_id) != line.interview_version
        ]
        grid = Grid.from_settings(run.start_date, run.days)
        # An interview given a time inside these days since the run read them (asked
        # for and scheduled by hand meanwhile) holds resources the run gave away.
        arrived = (
            Interview.objects.filter(
                state__in=bridge.HAS_TIME,
                scheduled_for__gte=grid.begins,
                scheduled_for__lt=grid.ends,
            )
            .exclude(pk__in=versions)
            .count()
        )
        if changed or arrived:
            raise PublishRefused(
                _(
                    "%(count)s interviews changed since this run read them; nothing was "
                    "published. Run the scheduler again."
                )
                % {"count": len(changed) + arrived}
            )
        lines = [line for line in every if line.outcome in counts]
        not_kept = [
            str(line.interview.public_id) for line in every if line.outcome == LineOutcome.NOT_KEPT
        ]
        late = [
            line
            for line in lines
            if line.outcome != LineOutcome.KEPT
            and line.starts_at is not None
            and line.starts_at < notice
        ]
        if late:
            raise PublishRefused(
                _(
                    "%(count)s proposed times are now less than %(hours)s hours away, too "
                    "late to tell counsel; nothing was published. Run the scheduler again."
                )
                % {"count": len(late), "hours": settings.AMPARO_COUNSEL_NOTICE_HOURS}
            )
        for line in lines:
            assert line.starts_at is not None and line.officer is not None
            if line.outcome != LineOutcome.KEPT:
                try:
                    interview_schedule(
                        actor=actor,
                        interview=line.interview,
                        scheduled_for=line.starts_at,
                        location=_place(line),
                        officer=line.officer,
                        telephonic=line.telephonic,
                        expected_version=line.interview_version,
                        note=f"schedule run {run.public_id}",
                    )
                except InterviewInputError as refused:
                    # No longer owed (a waiver, the court's approval withdrawn): the
                    # service refused before writing anything; the rest goes ahead.
                    skipped.append(f"{line.interview.public_id}: {refused}")
                    continue
            _book(line, run)
            counts[LineOutcome(line.outcome)] += 1
        run.published_by = actor
        run.published_at = now
        run.save(update_fields=["state", "published_by", "published_at"])
        # Queued runs have read nothing yet: they will read the schedule published now.
        superseded = ScheduleRun.objects.filter(
            state__in=[RunState.READY, RunState.RUNNING]
        ).exclude(pk=run.pk)
        superseded_ids = [str(p) for p in superseded.values_list("public_id", flat=True)]
        superseded.update(state=RunState.DISCARDED)
        audit_record(
            actor=actor,
            action="schedule_run.publish",
            object_type="schedule_run",
            object_id=str(run.public_id),
            details={
                "scheduled": counts[LineOutcome.NEW],
                "moved": counts[LineOutcome.MOVED],
                "kept": counts[LineOutcome.KEPT],
                "skipped": len(skipped),
                "not_kept": not_kept,
                "superseded": superseded_ids,
            },
        )
    return Published(
        scheduled=counts[LineOutcome.NEW],
        moved=counts[LineOutcome.MOVED],
        kept=counts[LineOutcome.KEPT],
        skipped=skipped,
        not_kept=not_kept,
    )


def _book(line: RunLine, run: ScheduleRun) -> None:
    assert line.starts_at is not None and line.officer is not None and line.facility is not None
    fields: dict[str, Any] = {
        "run": run,
        "starts_at": line.starts_at,
        "ends_at": line.starts_at + timedelta(hours=line.hours),
        "officer": line.officer,
        "interpreter": line.interpreter,
        "facility": line.facility,
        "telephonic": line.telephonic,
        "released_at": None,
    }
    booking = Booking.objects.filter(interview_id=line.interview_id).first()
    if booking is None:
        Booking.objects.create(interview_id=line.interview_id, **fields)
        return
    # Whoever is taken off it sees it cancelled in their calendar.
    gone_officer = booking.officer if booking.officer_id != line.officer.pk else None
    gone_interpreter = (
        booking.interpreter
        if booking.interpreter_id != getattr(line.interpreter, "pk", None)
        else None
    )
    if booking.released_at is None and (gone_officer or gone_interpreter):
        BookingRelease.objects.create(
            interview_id=line.interview_id,
            officer=gone_officer,
            interpreter=gone_interpreter,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            released_at=timezone.now(),
        )
    changed = any(
        getattr(booking, name) != value for name, value in fields.items() if name != "run"
    )
    for name, value in fields.items():
        setattr(booking, name, value)
    if changed:
        booking.sequence += 1
    booking.save()


def schedule_run_discard(*, actor: User, run: ScheduleRun) -> ScheduleRun:
    _require(schedules_interviews(actor), "may not discard a run")
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().get(pk=run.pk)
        _move(run, RunState.DISCARDED)
        run.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action="schedule_run.discard",
            object_type="schedule_run",
            object_id=str(run.public_id),
        )
    return run


def booking_release_and_replan(
    *, actor: User, interview: Interview, to: State
) -> ScheduleRun | None:
    """After a no-show or a cancellation: the booking's hour is freed (the calendars
    show it cancelled), and a re-plan is queued, which keeps every notified time that
    still works and fills what was freed. Its proposal waits for a coordinator to
    publish it, as every schedule does. The caller queues the run's task once this
    commits."""
    trigger = RunTrigger.NO_SHOW if to == State.NO_SHOW else RunTrigger.CANCELLATION
    with transaction.atomic():
        released = Booking.objects.filter(interview=interview, released_at__isnull=True).update(
            released_at=timezone.now(), sequence=F("sequence") + 1
        )
        if not released and to != State.NO_SHOW:
            return None
        run = schedule_run_create(
            actor=actor,
            start_date=earliest_start(),
            days=REPLAN_DAYS,
            seconds=settings.AMPARO_REPLAN_SECONDS,
            trigger=trigger,
            trigger_interview=interview,
        )
        audit_record(
            actor=actor,
            action="booking.release",
            object_type="interview",
            object_id=str(interview.public_id),
            details={"trigger": str(trigger), "run": str(run.public_id)},
        )
    return run
