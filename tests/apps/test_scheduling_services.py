"""The scheduling app's services with the real engine: a run proposes a time for
everyone waiting with the right officer, interpreter and family day, and says why
anyone has none; publishing sets the times through the interviews service (counsel
told, with a calendar invitation), all or nothing; a re-plan keeps what was published;
a no-show or a cancellation releases the booking and queues a re-plan; bad input is
named; only coordinators run and publish."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.audit.verify import audit_chain_verify
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
from amparo.apps.scheduling.grid import Grid
from amparo.apps.scheduling.models import (
    Booking,
    LineOutcome,
    RunLine,
    RunState,
    RunTrigger,
    ScheduleRun,
)
from amparo.apps.scheduling.resources import Week, interpreter_save
from amparo.apps.scheduling.services import (
    PublishRefused,
    SchedulingInputError,
    earliest_start,
    schedule_run_create,
    schedule_run_discard,
    schedule_run_publish,
)
from amparo.engines.interviews import State
from tests.factories import represent
from tests.scheduling_world import make_world, run_now, waiting_parent

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
    assert "Mam" in line.detail


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
    assert Interview.objects.get(pk=world.rosa.pk).version == versions[world.rosa.pk]


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
    from amparo.apps.scheduling.services import schedule_run_execute

    failed = schedule_run_execute(run_id=run.pk)
    assert failed.state == RunState.FAILED
    assert "RuntimeError" in failed.error and "reference" in failed.error
    assert not RunLine.objects.filter(run=run).exists()
