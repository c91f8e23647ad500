"""The demo's scheduling: facilities named as in the custody records, the demo officer
and supervisor with their hours, four interpreters (Spanish; K'iche'; Mam on site at
Dilley; Q'anjob'al mornings), the provider's availability, more interviews requested,
one run published (counsel told, calendars filled) and a second run waiting for the
coordinator, with a newcomer (still requested) to place beside the times already
published."""

from __future__ import annotations

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.elections.demo import demo_election
from amparo.apps.interviews import services as interviews
from amparo.apps.registry.models import Person
from amparo.apps.scheduling.models import Facility, RunTrigger, ScheduleRun
from amparo.apps.scheduling.resources import (
    Week,
    counsel_availability_save,
    facility_save,
    interpreter_save,
    officer_availability_save,
)
from amparo.apps.scheduling.services import (
    earliest_start,
    schedule_run_create,
    schedule_run_execute,
    schedule_run_publish,
)
from amparo.engines.interviews import Subject

WEEK = Week(weekdays=(0, 1, 2, 3, 4), start_hour=8, end_hour=16)
DEMO_DAYS = 10
DEMO_SECONDS = 5
# More requests than the five interviews of the interviews demo, so that a schedule
# has something to place.
DEMO_MORE_REQUESTS = 12


def _facilities(coordinator: User) -> list[Facility]:
    return [
        facility_save(
            actor=coordinator,
            code="dilley",
            name="South Texas Family Residential Center",
            address="300 El Rancho Way, Dilley, TX",
            rooms=2,
            phone_lines=2,
            custody_places=["South Texas Family Residential Center", "Dilley"],
        ),
        facility_save(
            actor=coordinator,
            code="karnes",
            name="Karnes County Residential Center",
            address="409 FM 1144, Karnes City, TX",
            rooms=2,
            phone_lines=1,
            custody_places=["Karnes County Residential Center", "Karnes"],
        ),
        facility_save(
            actor=coordinator,
            code="port_isabel",
            name="Port Isabel Service Processing Center",
            address="27991 Buena Vista Blvd, Los Fresnos, TX",
            rooms=1,
            phone_lines=1,
            custody_places=["Port Isabel Service Processing Center", "Port Isabel"],
        ),
        facility_save(
            actor=coordinator,
            code="houston",
            name="Houston Asylum Office",
            address="16630 Imperial Valley Dr, Houston, TX",
            rooms=3,
            phone_lines=3,
            is_default=True,
        ),
    ]


def _resources(coordinator: User) -> None:
    places = _facilities(coordinator)
    dilley = places[0]
    for username, languages in (("officer", ["Spanish"]), ("supervisor", [])):
        officer = User.objects.filter(username=username).first()
        if officer is not None:
            officer_availability_save(
                actor=coordinator,
                officer=officer,
                facilities=places,
                week=WEEK,
                daily_capacity=4,
                languages=languages,
            )
    interpreter_save(actor=coordinator, name="Lucía Ramírez", languages=["Spanish"], week=WEEK)
    interpreter_save(
        actor=coordinator, name="Ixchel Tzul", languages=["K'iche'", "Spanish"], week=WEEK
    )
    interpreter_save(
        actor=coordinator,
        name="Baltazar Ramos",
        languages=["Mam", "Spanish"],
        week=Week(weekdays=(1, 2, 3), start_hour=8, end_hour=16),
        remote=False,
        facility=dilley,
    )
    interpreter_save(
        actor=coordinator,
        name="Tomasa Pascual",
        languages=["Q'anjob'al"],
        week=Week(weekdays=(0, 2, 4), start_hour=8, end_hour=12),
    )
    provider = Organisation.objects.filter(name="Frontera Legal Aid (demo)").first()
    if provider is not None:
        counsel_availability_save(
            actor=coordinator, organisation=provider, week=WEEK, max_concurrent=2
        )


def _owed(counsel: User, limit: int) -> list[Person]:
    """More Ms. L. parents owed a new interview and not yet asked for; an election to go
    on is recorded through counsel for those who have none, as the interviews demo
    does, so that the schedule has people to place."""
    owed = Person.objects.filter(
        eligibility__superseded_at__isnull=True,
        eligibility__ms_l_parent="yes",
        eligibility__parent_procedures="yes",
        merged_into__isnull=True,
        interviews__isnull=True,
    ).order_by("id")
    chosen: list[Person] = []
    for person in owed[: limit * 2]:
        if not person.eligibility.filter(superseded_at__isnull=True, actionable=True).exists():
            if person.elections.exists():
                continue
            demo_election(counsel, person)
        if person.eligibility.filter(superseded_at__isnull=True, actionable=True).exists():
            chosen.append(person)
        if len(chosen) >= limit:
            break
    return chosen


def _request(coordinator: User, person: Person) -> None:
    interviews.interview_request(
        actor=coordinator, person=person, subject=Subject.PARENT, note="demo"
    )


def _run(coordinator: User) -> ScheduleRun:
    run = schedule_run_create(
        actor=coordinator,
        start_date=earliest_start(),
        days=DEMO_DAYS,
        seconds=DEMO_SECONDS,
        trigger=RunTrigger.DEMO,
    )
    return schedule_run_execute(run_id=run.pk)


def demo_scheduling() -> None:
    if ScheduleRun.objects.exists():
        return
    coordinator = User.objects.get(username="coordinator")
    _resources(coordinator)
    owed = _owed(User.objects.get(username="counsel_msl"), DEMO_MORE_REQUESTS)
    # The last arrives after the first schedule is published: it waits, requested, and
    # the second run places it beside the published times, which it keeps.
    for person in owed[:-1]:
        _request(coordinator, person)
    schedule_run_publish(actor=coordinator, run=_run(coordinator))
    for person in owed[-1:]:
        _request(coordinator, person)
    _run(coordinator)
