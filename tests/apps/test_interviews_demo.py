"""The demo shows every step of an interview: `make run` must find work waiting for
the officer, the supervisor and the coordinator, and a Notice to Appear given by the
cross-effect; the schedule: a run published, a run waiting to be, calendars; notice;
and deported parents at every stage of their return."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.core.demo import demo_build
from amparo.apps.eligibility.models import PersonEligibility
from amparo.apps.interviews.engine_bridge import comparison_for
from amparo.apps.interviews.models import (
    CounselNotification,
    Interview,
    NoticeReason,
    NoticeToAppear,
)
from amparo.apps.interviews.selectors import docket_for, review_queue_for
from amparo.apps.notices.models import CaseHearing, ClassNotice, Objection
from amparo.apps.notices.selectors import declaration
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.render import render
from amparo.apps.returns.models import ReturnCase
from amparo.apps.returns.selectors import cases_visible_to
from amparo.apps.scheduling.calendars import officer_events
from amparo.apps.scheduling.models import (
    Booking,
    Interpreter,
    LineOutcome,
    RunState,
    ScheduleRun,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    # The demo stores scans (objections, consents, evidence): not in the real var/.
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_demo_has_an_interview_at_every_step() -> None:
    demo_build(families=100, seed=2018)
    states = set(Interview.objects.values_list("state", flat=True))
    assert {
        "requested",
        "scheduled",
        "determination_drafted",
        "supervisory_review",
        "notice_to_appear",
    } <= states
    drafted = Interview.objects.get(state="determination_drafted")
    assert drafted.determination == "NEGATIVE"
    assert len(comparison_for(drafted).missing) == 1
    # The officer's own work: the drafted negative and the held one waiting for it
    # (the published schedule adds interviews to come).
    officer_docket = docket_for(User.objects.get(username="officer"))
    assert officer_docket.filter(state="determination_drafted").count() == 1
    assert review_queue_for(User.objects.get(username="supervisor")).count() == 1
    reasons = set(NoticeToAppear.objects.values_list("reason", flat=True))
    assert reasons == {NoticeReason.POSITIVE_DETERMINATION, NoticeReason.CROSS_EFFECT}
    _the_schedule_shows_every_part()
    _notice_shows_every_kind()
    _returns_show_every_stage()
    _reports_show_what_changed()
    # Running the demo again changes nothing.
    before = (Interview.objects.count(), ScheduleRun.objects.count(), ReturnCase.objects.count())
    demo_build(families=100, seed=2018)
    assert (
        Interview.objects.count(),
        ScheduleRun.objects.count(),
        ReturnCase.objects.count(),
    ) == before
    assert ReportSnapshot.objects.count() == 2


def _reports_show_what_changed() -> None:
    """Two snapshots, before and after the search for deported parents: the second
    report names the return cases opened since the first."""
    assert ReportSnapshot.objects.count() == 2
    latest = ReportSnapshot.objects.order_by("-taken_at").first()
    assert latest is not None
    rendered = render(latest, "combined", limit=0)
    changed = {c.code: c for c in rendered.report.changes}
    assert changed["deported_cases"].before == "0"
    assert changed["deported_cases"].after == str(ReturnCase.objects.count())


def _returns_show_every_stage() -> None:
    """Every return candidate has a case; the walked ones stand at each stage; the
    returned parent's new interview was asked for; the partner has searches."""
    candidates = set(
        PersonEligibility.objects.filter(
            superseded_at__isnull=True, return_candidate="yes"
        ).values_list("person_id", flat=True)
    )
    opened = set(ReturnCase.objects.values_list("person_id", flat=True))
    # The parent who came back is no longer a candidate (she is in the United States).
    assert opened - candidates == {ReturnCase.objects.get(stage="returned").person_id}
    assert candidates <= opened and len(opened) >= 7
    stages = set(ReturnCase.objects.values_list("stage", flat=True))
    assert {
        "to_locate",
        "unreachable",
        "located",
        "child_stays",
        "applied",
        "denied",
        "returned",
    } <= stages
    returned = ReturnCase.objects.get(stage="returned")
    assert returned.interview is not None and returned.interview.state == "requested"
    partner = User.objects.get(username="partner")
    assert cases_visible_to(partner).count() == 3
    assert not ReturnCase.objects.filter(region="").exists()


def _notice_shows_every_kind() -> None:
    """The court's dates, a notice for every member, and the declaration's figures with
    deliveries of each kind and one oral notice."""
    assert CaseHearing.objects.count() == 3
    figures = declaration(ClassNotice.objects.all())
    assert figures.members > 0
    assert figures.reached_by_method["oral"] == 1
    assert {"in_person", "mail", "counsel"} <= set(figures.reached_by_method)
    assert "returned" in figures.not_reached
    assert Objection.objects.count() == 3
    assert Objection.objects.filter(source="paper").exclude(docket_number="").count() == 1


def _the_schedule_shows_every_part() -> None:
    """One run published (bookings, counsel told, calendars with events), one waiting
    with the newcomer to place and the published times kept."""
    published = ScheduleRun.objects.get(state=RunState.PUBLISHED)
    waiting = ScheduleRun.objects.get(state=RunState.READY)
    assert Booking.objects.filter(run=published).count() >= 5
    outcomes = set(waiting.lines.values_list("outcome", flat=True))
    assert {LineOutcome.NEW, LineOutcome.KEPT} <= outcomes
    assert waiting.stats["scheduled"] > 0
    assert Interpreter.objects.count() == 4
    officer = User.objects.get(username="officer")
    assert officer_events(officer)
    assert CounselNotification.objects.exists()
