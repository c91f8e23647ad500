"""The scheduling app's services with the real engine: a run proposes a time for
everyone waiting with the right officer, interpreter and family day, and says why
anyone has none; publishing sets the times through the interviews service (counsel
told, with a calendar invitation), all or nothing; a re-plan keeps what was published;
a no-show or a cancellation releases the booking and queues a re-plan; bad input is
named; only coordinators run and publish."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.core.ics import calendar
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.interviews import services as interviews
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    Decider,
    RecordAssignment,
    SourceRecord,
)
from amparo.apps.scheduling import bridge
from amparo.apps.scheduling import services as services_module
from amparo.apps.scheduling.calendars import officer_events
from amparo.apps.scheduling.grid import Grid
from amparo.apps.scheduling.models import (
    Booking,
    LineOutcome,
    RunLine,
    RunState,
    RunTrigger,
    ScheduleRun,
)
from amparo.apps.scheduling.resources import (
    Week,
    facility_save,
    interpreter_save,
    officer_availability_save,
)
from amparo.apps.scheduling.services import (
    PublishRefused,
    SchedulingInputError,
    earliest_start,
    schedule_run_create,
    schedule_run_discard,
    schedule_run_execute,
    schedule_run_publish,
    worded,
)
from amparo.engines.interviews import State
from tests.factories import make_user, represent
from tests.scheduling_world import WEEK, make_world, run_now, waiting_parent

pytestmark = pytest.mark.django_db


def lines(run: ScheduleRun) -> dict[int, RunLine]:
    return {line.interview_id: line for line in run.lines.all()}


def test_a_run_places_everyone_with_the_right_people_and_keeps_the_family_together(
    carmen: User, omar: User
) -> None:
    world = make_world(carmen, omar)
    run = run_now(carmen)
    proposed = lines(run)
    rosa, tomas = proposed[world.rosa.pk], proposed[world.tomas.pk]
    assert {rosa.outcome, tomas.outcome} == {LineOutcome.NEW}
    assert rosa.starts_at is not None and tomas.starts_at is not None
    # Counsel get their notice: nothing proposed before the first allowed day.
    first = earliest_start()
    assert timezone.localtime(rosa.starts_at).date() >= first
    # Rosa speaks Spanish with the officer; Tomás needs the K'iche' interpreter.
    assert rosa.officer == omar and rosa.interpreter is None
    assert tomas.interpreter == world.kiche
    assert (rosa.hours, tomas.hours) == (2, 1)
    # Mother and son on one day, never at once.
    assert timezone.localtime(rosa.starts_at).date() == timezone.localtime(tomas.starts_at).date()
    rosa_end = rosa.starts_at + timedelta(hours=rosa.hours)
    tomas_end = tomas.starts_at + timedelta(hours=tomas.hours)
    assert rosa_end <= tomas.starts_at or tomas_end <= rosa.starts_at
    # The interpreter works mornings only.
    assert 8 <= timezone.localtime(tomas.starts_at).hour < 12
    assert run.stats["scheduled"] == 2
    assert run.stats["requests"] == 2
    assert AuditEvent.objects.filter(action="schedule_run.ready").count() == 1


def test_whoever_cannot_be_placed_is_told_why(carmen: User, omar: User) -> None:
    make_world(carmen, omar)
    mam = waiting_parent(carmen, "Mam")
    line = lines(run_now(carmen))[mam.pk]
    assert line.outcome == LineOutcome.UNPLACED
    assert line.starts_at is None
    assert line.reason == "no_interpreter"
    # In the calendar's words: the facility's name, no engine ids.
    assert line.detail == "no Mam interpreter serves Houston Asylum Office"


def test_a_full_day_leaves_people_out_with_the_reason(carmen: User, omar: User) -> None:
    """One day of one officer (four interviews at most) for six people: two are left
    out, each told that no officer is free at the facility, named."""
    make_world(carmen, omar)
    for n in range(4):
        waiting_parent(carmen, "Spanish", given=f"Ana{n}")
    run = run_now(carmen, days=1)
    left = [line for line in run.lines.all() if line.outcome == LineOutcome.UNPLACED]
    assert len(left) == 2
    for line in left:
        assert line.reason == "no_officer"
        assert line.detail == "no officer free at Houston Asylum Office in the 1 day planned"


def test_the_engines_days_and_ids_are_worded_as_dates_and_names(
    carmen: User, omar: User, pilar: User
) -> None:
    world = make_world(carmen, omar)
    assert pilar.organisation is not None
    represent(world.rosa.person, pilar.organisation)
    grid = Grid.from_settings(earliest_start(), 3)
    built = bridge.build(grid)
    second = grid.dates[1].isoformat()
    lawyer = f"counsel {pilar.organisation.pk}"
    assert worded("no officer free at houston by day 1", built) == (
        f"no officer free at Houston Asylum Office by {second}"
    )
    assert worded(f"{lawyer} not free by day 2", built) == (
        f"counsel ({pilar.organisation.name}) not free by {grid.dates[2].isoformat()}"
    )
    assert worded("it still fits on day 1, slot 2, but was left out", built) == (
        f"it still fits on {second} 10:00, but was left out"
    )
    # A day past the plan is left as the engine says it.
    assert worded("by day 7", built) == "by day 7"


def test_a_detained_person_goes_where_they_are_held_with_a_higher_priority(
    carmen: User, omar: User
) -> None:
    world = make_world(carmen, omar)
    record = SourceRecord.objects.create(
        source="ICE",
        record_id="ice-1",
        batch=ImportBatch.objects.create(created_by=carmen),
        line=1,
        row_hash="x",
        raw={},
        fields={},
    )
    RecordAssignment.objects.create(
        record=record,
        person=world.rosa.person,
        decided_by=Decider.INGEST_RULE,
        rule_or_run="test",
        decided_at=timezone.now(),
    )
    CustodyEvent.objects.create(
        record=record,
        kind=CustodyEventKind.ICE_BOOK_IN,
        occurred_on=timezone.localdate() - timedelta(days=30),
        place="Dilley, TX",
    )
    built = bridge.build(Grid.from_settings(earliest_start(), 5))
    wanted = built.wanted[str(world.rosa.pk)]
    assert wanted.facility == world.dilley
    assert wanted.priority == 2
    assert built.wanted[str(world.tomas.pk)].facility == world.office


def test_publishing_sets_the_times_books_and_tells_counsel_with_an_invitation(
    carmen: User, omar: User, pilar: User, django_capture_on_commit_callbacks: Any
) -> None:
    world = make_world(carmen, omar)
    pilar.email = "pilar@provider.example"
    pilar.save()
    assert pilar.organisation is not None
    represent(world.rosa.person, pilar.organisation)
    run = run_now(carmen)
    proposed = lines(run)
    with django_capture_on_commit_callbacks(execute=True):
        done = schedule_run_publish(actor=carmen, run=run)
    assert (done.scheduled, done.moved, done.kept, done.skipped) == (2, 0, 0, [])
    assert_no_double_booking()
    rosa = Interview.objects.get(pk=world.rosa.pk)
    assert rosa.state == State.SCHEDULED
    assert rosa.scheduled_for == proposed[rosa.pk].starts_at
    assert rosa.officer == omar
    booking = Booking.objects.get(interview=world.tomas)
    assert booking.interpreter == world.kiche
    assert booking.ends_at - booking.starts_at == timedelta(hours=1)
    run.refresh_from_db()
    assert run.state == RunState.PUBLISHED and run.published_by == carmen
    # Pilar's organisation represents Rosa: one mail, naming no one, with the invitation.
    to_pilar = [m for m in mail.outbox if "pilar@provider.example" in m.to]
    assert len(to_pilar) == 1
    (name, content, mimetype), *_rest = to_pilar[0].attachments
    assert (name, mimetype) == ("interview.ics", "text/calendar")
    assert "Rosa" not in content and "López" not in content
    assert rosa.scheduled_for is not None
    start = rosa.scheduled_for.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in content
    assert f"UID:interview-{rosa.public_id}@amparo" in content
    assert AuditEvent.objects.filter(action="schedule_run.publish").count() == 1
    assert audit_chain_verify().intact


def test_publishing_is_refused_whole_when_an_interview_changed_since_the_run(
    carmen: User, omar: User
) -> None:
    world = make_world(carmen, omar)
    run = run_now(carmen)
    # Meanwhile a coordinator set Rosa's time by hand.
    interviews.interview_schedule(
        actor=carmen,
        interview=world.rosa,
        scheduled_for=timezone.now() + timedelta(days=9),
        location="Houston",
        officer=omar,
        expected_version=world.rosa.version,
    )
    with pytest.raises(PublishRefused, match="changed since this run"):
        schedule_run_publish(actor=carmen, run=run)
    assert Interview.objects.get(pk=world.tomas.pk).state == State.REQUESTED
    assert not Booking.objects.exists()
    run.refresh_from_db()
    assert run.state == RunState.READY


def test_publishing_is_refused_when_a_time_is_now_inside_counsel_notice(
    carmen: User, omar: User
) -> None:
    world = make_world(carmen, omar)
    run = run_now(carmen)
    RunLine.objects.filter(run=run, interview=world.rosa).update(
        starts_at=timezone.now() + timedelta(hours=3)
    )
    with pytest.raises(PublishRefused, match="too late to tell counsel"):
        schedule_run_publish(actor=carmen, run=run)
    assert not Booking.objects.exists()
    assert Interview.objects.get(pk=world.rosa.pk).state == State.REQUESTED


def test_a_replan_keeps_published_times_and_adds_the_newcomer(carmen: User, omar: User) -> None:
    world = make_world(carmen, omar)
    schedule_run_publish(actor=carmen, run=run_now(carmen))
    again = lines(run_now(carmen))
    assert {again[world.rosa.pk].outcome, again[world.tomas.pk].outcome} == {LineOutcome.KEPT}
    juana = waiting_parent(carmen, "Spanish")
    third_run = run_now(carmen)
    third = lines(third_run)
    assert third[juana.pk].outcome == LineOutcome.NEW
    assert third[world.rosa.pk].outcome == LineOutcome.KEPT
    assert third[world.tomas.pk].outcome == LineOutcome.KEPT
    # Publishing it changes nothing for the two kept, and schedules the newcomer.
    versions = {i.pk: i.version for i in Interview.objects.all()}
    done = schedule_run_publish(actor=carmen, run=third_run)
    assert (done.scheduled, done.kept) == (1, 2)
    assert_no_double_booking()
    assert Interview.objects.get(pk=world.rosa.pk).version == versions[world.rosa.pk]


def test_the_same_data_and_seed_give_the_same_proposal(carmen: User, omar: User) -> None:
    make_world(carmen, omar)
    for n in range(3):
        waiting_parent(carmen, "Spanish", given=f"Eva{n}")

    def proposal(run: ScheduleRun) -> list[tuple[int, object, object, object, str]]:
        return sorted(
            (line.interview_id, line.starts_at, line.officer_id, line.interpreter_id, line.outcome)
            for line in run.lines.all()
        )

    assert proposal(run_now(carmen)) == proposal(run_now(carmen))


def test_publishing_sets_aside_the_other_runs_waiting(carmen: User, omar: User) -> None:
    make_world(carmen, omar)
    older = run_now(carmen)
    newer = run_now(carmen)
    schedule_run_publish(actor=carmen, run=newer)
    older.refresh_from_db()
    assert older.state == RunState.DISCARDED
    with pytest.raises(PublishRefused):
        schedule_run_publish(actor=carmen, run=older)


def test_a_cancellation_releases_the_booking_and_queues_a_replan(
    carmen: User, omar: User, django_capture_on_commit_callbacks: Any
) -> None:
    world = make_world(carmen, omar)
    schedule_run_publish(actor=carmen, run=run_now(carmen))
    tomas = Interview.objects.get(pk=world.tomas.pk)
    before = Booking.objects.get(interview=tomas).sequence
    with django_capture_on_commit_callbacks(execute=True):
        interviews.interview_mark(
            actor=carmen,
            interview=tomas,
            to=State.CANCELLED,
            expected_version=tomas.version,
            note="The family asked for another date",
        )
    booking = Booking.objects.get(interview=tomas)
    assert booking.released_at is not None and booking.sequence == before + 1
    replan = ScheduleRun.objects.get(trigger=RunTrigger.CANCELLATION)
    assert replan.trigger_interview_id == tomas.pk
    # The task ran (the immediate backend in tests): Rosa's time kept.
    assert replan.state == RunState.READY
    assert lines(replan)[world.rosa.pk].outcome == LineOutcome.KEPT
    assert tomas.pk not in lines(replan)


def test_a_no_show_gets_a_new_time_in_the_replan(
    carmen: User, omar: User, django_capture_on_commit_callbacks: Any
) -> None:
    world = make_world(carmen, omar)
    schedule_run_publish(actor=carmen, run=run_now(carmen))
    # The hour has passed (moved back in time here) and Rosa did not come.
    Interview.objects.filter(pk=world.rosa.pk).update(
        scheduled_for=timezone.now() - timedelta(hours=1)
    )
    rosa = Interview.objects.get(pk=world.rosa.pk)
    with django_capture_on_commit_callbacks(execute=True):
        interviews.interview_mark(
            actor=omar, interview=rosa, to=State.NO_SHOW, expected_version=rosa.version
        )
    replan = ScheduleRun.objects.get(trigger=RunTrigger.NO_SHOW)
    assert replan.state == RunState.READY
    line = lines(replan)[rosa.pk]
    assert line.outcome == LineOutcome.NEW and line.starts_at is not None
    schedule_run_publish(actor=carmen, run=replan)
    rosa.refresh_from_db()
    assert rosa.state == State.RESCHEDULED
    assert rosa.scheduled_for == line.starts_at


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": "past"}, "start_date"),
        ({"days": 0}, "days"),
        ({"days": 21}, "days"),
        ({"seconds": 1}, "seconds"),
        ({"seconds": 301}, "seconds"),
    ],
)
def test_bad_run_input_is_named(carmen: User, change: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"start_date": earliest_start(), "days": 5, "seconds": 5}
    values.update(change)
    if values["start_date"] == "past":
        values["start_date"] = earliest_start() - timedelta(days=3)
    with pytest.raises(SchedulingInputError) as refused:
        schedule_run_create(actor=carmen, **values)
    assert refused.value.field == field
    assert not ScheduleRun.objects.exists()


def test_bad_resource_input_is_named(carmen: User) -> None:
    with pytest.raises(SchedulingInputError) as refused:
        interpreter_save(actor=carmen, name="X", languages=["1234"], week=Week((0,), 8, 16))
    assert refused.value.field == "languages"
    with pytest.raises(SchedulingInputError) as refused:
        interpreter_save(actor=carmen, name="X", languages=["Mam"], week=Week((5,), 8, 16))
    assert refused.value.field == "weekdays"
    with pytest.raises(SchedulingInputError) as refused:
        interpreter_save(actor=carmen, name="X", languages=["Mam"], week=Week((1,), 16, 8))
    assert refused.value.field == "start_hour"


def test_only_coordinators_run_publish_and_discard(carmen: User, omar: User, lena: User) -> None:
    make_world(carmen, omar)
    run = run_now(carmen)
    for user in (omar, lena):
        with pytest.raises(PermissionDenied):
            schedule_run_create(actor=user, start_date=earliest_start(), days=5, seconds=5)
        with pytest.raises(PermissionDenied):
            schedule_run_publish(actor=user, run=run)
        with pytest.raises(PermissionDenied):
            schedule_run_discard(actor=user, run=run)
    schedule_run_discard(actor=carmen, run=run)
    run.refresh_from_db()
    assert run.state == RunState.DISCARDED


def test_a_failed_run_keeps_nothing_and_says_so(
    carmen: User, omar: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_world(carmen, omar)
    run = schedule_run_create(actor=carmen, start_date=earliest_start(), days=5, seconds=5)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("solver crashed")

    monkeypatch.setattr("amparo.apps.scheduling.services.schedule_staged", broken)
    failed = schedule_run_execute(run_id=run.pk)
    assert failed.state == RunState.FAILED
    assert "RuntimeError" in failed.error and "reference" in failed.error
    assert not RunLine.objects.filter(run=run).exists()


def test_working_days_count_weekends_as_the_day_before(settings: Any) -> None:
    monday = date(2026, 12, 7)
    grid = Grid.from_settings(monday, 10)
    assert grid.dates[:6] == [
        monday,
        date(2026, 12, 8),
        date(2026, 12, 9),
        date(2026, 12, 10),
        date(2026, 12, 11),
        date(2026, 12, 14),
    ]
    assert grid.day_index(monday) == 0
    assert grid.day_index(date(2026, 12, 11)) == 4  # Friday
    assert grid.day_index(date(2026, 12, 12)) == 4  # Saturday: Friday's
    assert grid.day_index(date(2026, 12, 14)) == 5
    assert grid.day_index(date(2026, 12, 4)) == -1  # the Friday before
    assert grid.day_index(date(2026, 12, 5)) == -1  # the Saturday before: Friday's
    assert grid.day_index(date(2026, 12, 3)) == -2
    # A time set by hand at 10:30 is in the 10:00 slot; 17:00 is off the grid.
    zone = grid.zone
    assert grid.locate(datetime(2026, 12, 8, 10, 30, tzinfo=zone)) == (1, 2)
    assert grid.locate(datetime(2026, 12, 8, 17, 0, tzinfo=zone)) is None
    assert grid.locate(datetime(2026, 12, 12, 10, 0, tzinfo=zone)) is None


def assert_no_double_booking() -> None:
    """No officer and no interpreter has two live bookings at once."""
    live = list(Booking.objects.filter(released_at__isnull=True))
    for a in live:
        for b in live:
            if a.pk >= b.pk or not (a.starts_at < b.ends_at and b.starts_at < a.ends_at):
                continue
            assert a.officer_id != b.officer_id
            assert a.interpreter_id is None or a.interpreter_id != b.interpreter_id


def test_an_officer_taken_off_sees_the_interview_cancelled(carmen: User, omar: User) -> None:
    world = make_world(carmen, omar)
    schedule_run_publish(actor=carmen, run=run_now(carmen))
    otto = make_user(username="otto", role=Role.ASYLUM_OFFICER)
    officer_availability_save(
        actor=carmen,
        officer=otto,
        facilities=[world.dilley, world.office],
        week=WEEK,
        languages=["Spanish"],
    )
    # Omar now works elsewhere: the re-plan gives both interviews to Otto.
    elsewhere = facility_save(actor=carmen, code="karnes", name="Karnes", rooms=1, phone_lines=1)
    officer_availability_save(
        actor=carmen, officer=omar, facilities=[elsewhere], week=WEEK, languages=["Spanish"]
    )
    replan = run_now(carmen)
    assert {line.outcome for line in replan.lines.all()} == {LineOutcome.MOVED}
    done = schedule_run_publish(actor=carmen, run=replan)
    assert done.moved == 2
    assert_no_double_booking()
    omar_file = calendar(officer_events(omar), name="omar", stamp=timezone.now())
    assert omar_file.count("STATUS:CANCELLED") == 2
    assert "STATUS:CONFIRMED" not in omar_file
    otto_file = calendar(officer_events(otto), name="otto", stamp=timezone.now())
    assert otto_file.count("STATUS:CONFIRMED") == 2


def test_publishing_is_refused_when_an_interview_got_a_time_meanwhile(
    carmen: User, omar: User
) -> None:
    make_world(carmen, omar)
    run = run_now(carmen)
    # Asked for after the run read the schedule, and set by hand inside its days.
    late = waiting_parent(carmen, "Spanish", given="Lola")
    interviews.interview_schedule(
        actor=carmen,
        interview=late,
        scheduled_for=Grid.from_settings(run.start_date, run.days).moment(0, 0),
        location="Houston",
        officer=omar,
        expected_version=late.version,
    )
    with pytest.raises(PublishRefused, match="changed since this run"):
        schedule_run_publish(actor=carmen, run=run)
    assert not Booking.objects.exists()


def test_a_run_computing_when_another_is_published_keeps_nothing(
    carmen: User, omar: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_world(carmen, omar)
    published = run_now(carmen)
    computing = schedule_run_create(actor=carmen, start_date=earliest_start(), days=5, seconds=5)
    real = services_module.schedule_staged  # type: ignore[attr-defined]

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        # While this run computes, the other is published.
        schedule_run_publish(actor=carmen, run=published)
        return real(*args, **kwargs)

    monkeypatch.setattr(services_module, "schedule_staged", meanwhile)
    done = schedule_run_execute(run_id=computing.pk)
    assert done.state == RunState.DISCARDED
    assert not done.lines.exists()
