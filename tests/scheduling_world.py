"""A small scheduling world on top of the interview family: a detention facility and
the default asylum office, one Spanish-speaking officer, one remote K'iche'
interpreter, Rosa represented by Pilar's organisation, and both interviews
requested."""

from __future__ import annotations

from dataclasses import dataclass

from amparo.apps.accounts.models import User
from amparo.apps.interviews import services as interviews
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.models import Person
from amparo.apps.scheduling.models import Facility, Interpreter, RunState, ScheduleRun
from amparo.apps.scheduling.resources import (
    Week,
    facility_save,
    interpreter_save,
    officer_availability_save,
)
from amparo.apps.scheduling.services import (
    earliest_start,
    schedule_run_create,
    schedule_run_execute,
)
from tests.factories import make_person
from tests.interviews_world import make_family, owe

WEEK = Week(weekdays=(0, 1, 2, 3, 4), start_hour=8, end_hour=16)


@dataclass(frozen=True, slots=True)
class World:
    dilley: Facility
    office: Facility
    kiche: Interpreter
    rosa: Interview
    tomas: Interview


def make_world(coordinator: User, officer: User) -> World:
    dilley = facility_save(
        actor=coordinator,
        code="dilley",
        name="South Texas Family Residential Center",
        rooms=2,
        phone_lines=1,
        custody_places=["Dilley"],
    )
    office = facility_save(
        actor=coordinator,
        code="houston",
        name="Houston Asylum Office",
        rooms=2,
        phone_lines=2,
        is_default=True,
    )
    officer_availability_save(
        actor=coordinator,
        officer=officer,
        facilities=[dilley, office],
        week=WEEK,
        languages=["Spanish"],
    )
    kiche = interpreter_save(
        actor=coordinator,
        name="Ixchel Tzul",
        languages=["K'iche'", "Spanish"],
        week=Week(weekdays=(0, 1, 2, 3, 4), start_hour=8, end_hour=12),
    )
    family = make_family()
    rosa = interviews.interview_request(actor=coordinator, person=family.rosa, subject="parent")
    tomas = interviews.interview_request(actor=coordinator, person=family.tomas, subject="child")
    return World(dilley, office, kiche, rosa, tomas)


def waiting_parent(coordinator: User, language: str, given: str = "Juana") -> Interview:
    """Another parent owed an interview, requested."""
    person: Person = make_person(given_names=given, surnames="Ixcoy", language=language)
    owe(person, parent=True, ms_l=True)
    return interviews.interview_request(actor=coordinator, person=person, subject="parent")


def run_now(coordinator: User, *, days: int = 5, seconds: int = 5) -> ScheduleRun:
    run = schedule_run_create(
        actor=coordinator, start_date=earliest_start(), days=days, seconds=seconds
    )
    run = schedule_run_execute(run_id=run.pk)
    assert run.state == RunState.READY, run.error
    return run
