"""From the database to the scheduling engine and back: the interviews that need a time
(or have one inside the horizon, which the engine keeps unless it must move it), who is
available, and what each engine id stands for.

What a request is made of, and why:
- facility: where the person is detained (their latest custody record, matched to a
  facility's spellings); otherwise the default facility, by telephone for a parent
  who was removed; an interview already booked stays where it is booked;
- language: the person's best language, as the consistency engine spells languages;
- counsel: the legal service provider representing the person (their lawyer attends);
  class counsel are told of the time but are not waited for;
- priority: 1, plus 1 each for being detained, a child under five, a parent removed
  (interviewed by telephone from abroad);
- due: `AMPARO_INTERVIEW_DUE_DAYS` after the request;
- duration: two hours for a parent, one for a child;
- family: a parent and child both waiting are interviewed on one day, never at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.accounts.roles import conducts_interviews
from amparo.apps.interviews.durations import expected_hours
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    Person,
    Relationship,
    RelationshipKind,
    Representation,
    Separation,
    SeparationStatus,
)
from amparo.apps.scheduling.grid import WORKING_WEEKDAYS, Grid
from amparo.apps.scheduling.models import (
    Booking,
    CounselAvailability,
    Facility,
    Interpreter,
    OfficerAvailability,
)
from amparo.engines.consistency import canonical_language
from amparo.engines.interviews import State, Subject
from amparo.engines.scheduling import (
    Assignment,
    Counsel,
    Instance,
    Request,
)
from amparo.engines.scheduling import (
    Facility as EngineFacility,
)
from amparo.engines.scheduling import (
    Interpreter as EngineInterpreter,
)
from amparo.engines.scheduling import (
    Officer as EngineOfficer,
)

NEEDS_TIME = (State.REQUESTED, State.NO_SHOW)
HAS_TIME = (State.SCHEDULED, State.RESCHEDULED)
UNKNOWN_LANGUAGE = "unknown"
YOUNG_CHILD_YEARS = 5
NO_FACILITY = "-"


@dataclass(slots=True)
class Wanted:
    """What the run knows of one request beyond the engine's view."""

    interview: Interview
    facility: Facility | None
    telephonic: bool
    language: str
    priority: int
    hours: int
    previous: Assignment | None


@dataclass(slots=True)
class Built:
    grid: Grid
    instance: Instance
    wanted: dict[str, Wanted] = field(default_factory=dict)
    officers: dict[str, User] = field(default_factory=dict)
    interpreters: dict[str, Interpreter] = field(default_factory=dict)
    # What the explainer's ids stand for, to word its sentences: name -> engine id.
    names: dict[str, str] = field(default_factory=dict)


def _custody(people: list[int]) -> dict[int, tuple[str, str]]:
    """Each person's latest custody fact: (kind, place)."""
    latest: dict[int, tuple[str, str]] = {}
    rows = (
        CustodyEvent.objects.filter(
            record__assignments__person_id__in=people,
            record__assignments__superseded_at__isnull=True,
        )
        .order_by("occurred_on", "id")
        .values_list("record__assignments__person_id", "kind", "place")
    )
    for person_id, kind, place in rows:
        latest[person_id] = (kind, place)
    return latest


def _facility_of(place: str, facilities: list[Facility]) -> Facility | None:
    wanted = place.casefold().strip()
    if not wanted:
        return None
    for f in facilities:
        spellings = [f.name, f.code, *f.custody_places]
        if any(s.casefold().strip() and s.casefold().strip() in wanted for s in spellings):
            return f
    return None


def _families(people: list[int]) -> dict[int, str]:
    """A family key for each person waiting whose parent or child is waiting too."""
    parent: dict[int, int] = {p: p for p in people}

    def root(p: int) -> int:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    # The separation the settlement is about, and any parent relationship on file.
    separated = Separation.objects.filter(
        status=SeparationStatus.CONFIRMED, parent_id__in=people, child_id__in=people
    ).values_list("parent_id", "child_id")
    related = Relationship.objects.filter(
        superseded_at__isnull=True,
        kind=RelationshipKind.PARENT,
        person_id__in=people,
        relative_id__in=people,
    ).values_list("person_id", "relative_id")
    linked: set[int] = set()
    for a, b in [*separated, *related]:
        parent[root(a)] = root(b)
        linked |= {a, b}
    return {p: f"family-{root(p)}" for p in linked}


def _age(dob: date | None, on: date) -> int | None:
    if dob is None:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _lawyers(people: list[int]) -> dict[int, Organisation]:
    found: dict[int, Organisation] = {}
    rows = (
        Representation.objects.filter(person_id__in=people, ended_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    for row in rows:
        found.setdefault(row.person_id, row.organisation)
    return found


def build(grid: Grid) -> Built:  # noqa: PLR0915 - one reading, top to bottom
    """The instance over `grid`: interviews needing a time, and those with a time
    inside the grid (as notified times)."""
    interviews = list(
        Interview.objects.filter(
            Q(state__in=NEEDS_TIME)
            | Q(
                state__in=HAS_TIME,
                scheduled_for__gte=grid.begins,
                scheduled_for__lt=grid.ends,
            )
        )
        .select_related("person")
        .order_by("requested_at", "id")
    )
    people = [i.person_id for i in interviews]
    custody = _custody(people)
    families = _families(people)
    lawyers = _lawyers(people)
    bookings = {
        b.interview_id: b
        for b in Booking.objects.filter(interview__in=interviews, released_at__isnull=True)
    }
    facilities = list(Facility.objects.all())
    default = next((f for f in facilities if f.is_default), None)
    built = Built(grid=grid, instance=Instance(0, 0, (), (), (), (), ()))
    requests: list[Request] = []
    organisations: dict[int, Organisation] = {}
    due_after = timedelta(days=settings.AMPARO_INTERVIEW_DUE_DAYS)
    for interview in interviews:
        person: Person = interview.person
        kind, place = custody.get(person.pk, ("", ""))
        detained = kind == CustodyEventKind.ICE_BOOK_IN
        removed = kind == CustodyEventKind.REMOVED
        booking = bookings.get(interview.pk)
        if booking is not None:
            facility: Facility | None = booking.facility
            telephonic = booking.telephonic
        else:
            facility = (_facility_of(place, facilities) if detained else None) or default
            # A time set by hand says how it is held; otherwise a removed parent is
            # interviewed by telephone.
            has_time = interview.state in HAS_TIME
            telephonic = interview.telephonic if has_time else removed
        language = canonical_language(person.language) or UNKNOWN_LANGUAGE
        age = _age(person.dob, grid.start)
        child = interview.subject == Subject.CHILD
        priority = 1 + detained + removed + (child and age is not None and age < YOUNG_CHILD_YEARS)
        lawyer = lawyers.get(person.pk)
        if lawyer is not None:
            organisations[lawyer.pk] = lawyer
        previous = None
        if interview.state in HAS_TIME and interview.scheduled_for is not None:
            at = grid.locate(interview.scheduled_for)
            officer_id = interview.officer_id
            if at is not None and officer_id is not None:
                previous = Assignment(
                    str(interview.pk),
                    at[0],
                    at[1],
                    str(officer_id),
                    str(booking.interpreter_id)
                    if booking is not None and booking.interpreter_id
                    else None,
                )
        hours = expected_hours(interview.subject)
        rid = str(interview.pk)
        requests.append(
            Request(
                id=rid,
                facility=facility.code if facility is not None else NO_FACILITY,
                language=language,
                earliest_day=0,
                due_day=grid.day_index(timezone.localdate(interview.requested_at + due_after)),
                duration=hours,
                priority=int(priority),
                counsel_id=str(lawyer.pk) if lawyer is not None else None,
                telephonic=telephonic,
                family=families.get(person.pk),
                pinned=previous,
            )
        )
        built.wanted[rid] = Wanted(
            interview=interview,
            facility=facility,
            telephonic=telephonic,
            language=language,
            priority=int(priority),
            hours=hours,
            previous=previous,
        )

    officers: list[EngineOfficer] = []
    availability = (
        OfficerAvailability.objects.filter(officer__is_active=True)
        .select_related("officer")
        .prefetch_related("facilities")
        .order_by("officer_id")
    )
    for a in availability:
        if not conducts_interviews(a.officer):
            continue
        built.officers[str(a.officer_id)] = a.officer
        officers.append(
            EngineOfficer(
                id=str(a.officer_id),
                hours=grid.hours(a.weekdays, a.start_hour, a.end_hour),
                facilities=frozenset(f.code for f in a.facilities.all()),
                daily_capacity=a.daily_capacity,
                languages=frozenset(
                    {"english"} | {canonical_language(x) or x for x in a.languages}
                ),
            )
        )
    interpreters: list[EngineInterpreter] = []
    for i in Interpreter.objects.filter(active=True).select_related("facility").order_by("id"):
        built.interpreters[str(i.pk)] = i
        interpreters.append(
            EngineInterpreter(
                id=str(i.pk),
                languages=frozenset(canonical_language(x) or x for x in i.languages),
                hours=grid.hours(i.weekdays, i.start_hour, i.end_hour),
                remote=i.remote,
                facility=i.facility.code if i.facility is not None else None,
            )
        )
    told = {
        c.organisation_id: c
        for c in CounselAvailability.objects.filter(organisation_id__in=organisations)
    }
    counsel: list[Counsel] = []
    for pk in sorted(organisations):
        row = told.get(pk)
        if row is None:
            # Not told otherwise: one interview at a time, all the working day.
            counsel.append(Counsel(str(pk), grid.hours(sorted(WORKING_WEEKDAYS), 0, 24), 1))
        else:
            available = grid.hours(row.weekdays, row.start_hour, row.end_hour)
            counsel.append(Counsel(str(pk), available, row.max_concurrent))
    built.names = {f.name: f.code for f in facilities} | {
        f"counsel ({organisation.name})": f"counsel {pk}"
        for pk, organisation in organisations.items()
    }
    built.instance = Instance(
        days=grid.days,
        slots_per_day=grid.slots,
        requests=tuple(requests),
        officers=tuple(officers),
        interpreters=tuple(interpreters),
        counsel=tuple(counsel),
        facilities=tuple(
            EngineFacility(f.code, rooms=f.rooms, phone_lines=f.phone_lines) for f in facilities
        ),
    )
    return built
