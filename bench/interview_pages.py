"""Interview pages: the officer's docket and the interview page, with 100,000 people
and 20,000 interviews in the database, on SQLite and on PostgreSQL.

Issue 5 target: the officer docket and the interview page with 100,000 people and
20,000 interviews in the database, p95 under 150 ms on SQLite and on PostgreSQL.

    .venv/bin/python bench/interview_pages.py
    .venv/bin/python bench/interview_pages.py --people 10000 --interviews 2000 --backends sqlite
    .venv/bin/python bench/interview_pages.py --show-sql     # one request's SQL per page

Per backend, a process of its own migrates a fresh database (SQLite: a file in a temp
dir; PostgreSQL: amparo_bench_interviews_<pid>, created through the `postgres`
database, AMPARO_BENCH_PG overriding the admin URL, dropped afterwards unless --keep)
and writes the bench data with bulk_create (not through the services: it is bench
data); a second, fresh process then requests the real pages through
django.test.Client, logged in with force_login, like a web worker would serve them.

The data
--------
- 100,000 people (half adults, half children: names, name key, date of birth, sex,
  citizenship, language, A-number);
- one government coordinator (who requests, schedules and records outcomes), 4
  supervisory officers and 40 asylum officers, 6 counsel organisations;
- 20,000 interviews on distinct people, 85 % a parent's new interview (an adult),
  15 % a child's own (a child), in the proportions of STATE_MIX: most requested,
  scheduled or rescheduled, then conducted, drafted, in supervisory review, returned,
  approved, served and the outcomes. Every interview past `requested` has an officer;
  times are weekday slots from up to eight weeks back (the deeper in the lifecycle,
  the further back) to five weeks ahead, with counsel's 48-hour notice deadline, the
  determination, the supervisor, service and the judge's-review deadlines filled as
  the services would leave them;
- each interview's log (InterviewEvent): every accepted transition on its path (1 to
  14 rows, 3.7 on average; a path through `returned` and outcomes after service are
  the long ones), and a refused attempt to mark conducted (missing records) for 15 %
  of those held;
- a counsel notification (1 or 2 organisations) for each scheduled time, for 70 %;
- from `conducted` on: the worksheets (a parent's interview: the first interview and
  the new one; a child's own: the new one only, as the app has no first interview
  for a child), each with 1-4 harms; the new account retells the first one with
  changes (a date moved, another place, another perpetrator, a harm left out or
  added, a protected ground added, an answer changed), so the consistency engine finds
  inconsistencies in most of them (computed here with the engine itself, so the
  assessments name real inconsistency ids);
- assessments (due consideration): every inconsistency of a negative determination
  from review on, some of the others, and a few stale ones (an id no longer listed);
- a Notice to Appear for every interview in `notice_to_appear`.

What is measured
----------------
After --warmup requests per page kind, --requests requests per page kind, one at a
time, each timed from the call of Client.get to the response (the middleware, the
view, the SQL and the template rendering; no network, no WSGI server):

- docket, own: GET /interviews/ (page 1) as an asylum officer, each request as the
  next of the 40 officers;
- docket, all officers: GET /interviews/?all=1 as a supervisory officer;
- docket, all, state=: the same with state=<s>, cycling through every state;
- docket, all, last page: ?all=1&page=<last> (a large OFFSET; not in the target);
- interview page: GET /interviews/<public_id>/ as the interview's own officer, for a
  random sample of parent interviews from `conducted` on (worksheets and
  inconsistencies; the view also appends an audit event per request).

Printed: median, p95 (nearest rank) and max in ms; the SQL statements of one request
(CaptureQueriesContext, which lists the BEGIN and COMMIT of the audit write too), and
the range over the timed requests when they differed (counted by an execute wrapper,
without BEGIN/COMMIT: a count that moves with the page's content is an N+1); the
median time inside SQL `execute` per request (on SQLite rows are fetched after
`execute`, so it is a little low there); whether p95 < 150 ms.

The clients share one request handler: a django.test.Client loads the middleware on
its first request (WhiteNoise then indexes every static file, about 300 ms), which a
web worker does once at start, not once per user.
Every response must be 200. PostgreSQL gets ANALYZE after the load (autovacuum is
off on the development server); SQLite gets none, as Django deploys it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from django.test import Client

    from amparo.apps.accounts.models import User
    from amparo.apps.interviews.models import (
        Assessment,
        CounselNotification,
        HarmItem,
        Interview,
        InterviewEvent,
        NoticeToAppear,
        Worksheet,
    )
    from amparo.engines import consistency

PG_ADMIN_URL: Final = os.environ.get(
    "AMPARO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres"
)
TARGET_MS: Final = 150.0
BATCH: Final = 2_000
CHUNK: Final = 2_000  # interviews generated and written at a time (bounded memory)

COUNTRIES: Final = (("GTM", 45), ("HND", 35), ("SLV", 15), ("MEX", 3), ("ECU", 2))
LANGUAGES: Final = (("Spanish", 85), ("K'iche'", 6), ("Mam", 5), ("Q'eqchi'", 4))
OFFICER_NAMES: Final = (
    ("Ana", "Baker"),
    ("Brian", "Chen"),
    ("Carla", "Diaz"),
    ("David", "Evans"),
    ("Erin", "Foster"),
    ("Frank", "Garcia"),
    ("Grace", "Hughes"),
    ("Hector", "Ibarra"),
    ("Irene", "Jones"),
    ("Jamal", "Khan"),
)
ORGANISATIONS: Final = (
    ("Al Otro Lado (bench)", "legal_service_provider"),
    ("RAICES (bench)", "legal_service_provider"),
    ("Kids in Need of Defense (bench)", "legal_service_provider"),
    ("Florence Project (bench)", "legal_service_provider"),
    ("ACLU Immigrants' Rights Project (bench)", "class_counsel"),
    ("Dora class counsel (bench)", "class_counsel"),
)
LOCATIONS: Final = (
    "Port Isabel Service Processing Center",
    "South Texas Family Residential Center",
    "Karnes County Residential Center",
    "El Paso Processing Center",
    "Houston Asylum Office",
    "San Francisco Asylum Office",
)

# Final state of the 20,000 interviews, per 1,000.
STATE_MIX: Final = (
    ("requested", 200),
    ("scheduled", 250),
    ("rescheduled", 80),
    ("no_show", 20),
    ("cancelled", 30),
    ("conducted", 100),
    ("determination_drafted", 70),
    ("supervisory_review", 50),
    ("returned", 20),
    ("approved", 30),
    ("served", 50),
    ("notice_to_appear", 40),
    ("ij_review_requested", 20),
    ("ij_review_declined", 15),
    ("ij_affirmed", 15),
    ("ij_vacated", 10),
)
# The states in which the interview was held: worksheets, determination, and so on.
HELD: Final = frozenset(s for s, _ in STATE_MIX[5:])
# The path after `conducted` to each final state held.
AFTER_HELD: Final = {
    "conducted": (),
    "determination_drafted": ("determination_drafted",),
    "supervisory_review": ("determination_drafted", "supervisory_review"),
    "returned": ("determination_drafted", "supervisory_review", "returned"),
    "approved": ("determination_drafted", "supervisory_review", "approved"),
    "served": ("determination_drafted", "supervisory_review", "approved", "served"),
    "notice_to_appear": (
        "determination_drafted",
        "supervisory_review",
        "approved",
        "served",
        "notice_to_appear",
    ),
    "ij_review_requested": (
        "determination_drafted",
        "supervisory_review",
        "approved",
        "served",
        "ij_review_requested",
    ),
    "ij_review_declined": (
        "determination_drafted",
        "supervisory_review",
        "approved",
        "served",
        "ij_review_declined",
    ),
    "ij_affirmed": (
        "determination_drafted",
        "supervisory_review",
        "approved",
        "served",
        "ij_review_requested",
        "ij_affirmed",
    ),
    "ij_vacated": (
        "determination_drafted",
        "supervisory_review",
        "approved",
        "served",
        "ij_review_requested",
        "ij_vacated",
    ),
}
DRAFTED: Final = frozenset(s for s, path in AFTER_HELD.items() if path)
REVIEWED: Final = frozenset(s for s, path in AFTER_HELD.items() if len(path) >= 3)
SERVED: Final = frozenset(s for s, path in AFTER_HELD.items() if "served" in path)
SUPERVISOR_STEPS: Final = frozenset({"returned", "approved"})
COORDINATOR_STEPS: Final = frozenset(
    {
        "requested",
        "scheduled",
        "rescheduled",
        "cancelled",
        "notice_to_appear",
        "ij_review_requested",
        "ij_review_declined",
        "ij_affirmed",
        "ij_vacated",
    }
)

HARM_TYPES: Final = (
    ("threat", 30),
    ("beating", 22),
    ("extortion", 18),
    ("killing_of_relative", 8),
    ("kidnapping", 6),
    ("sexual_violence", 6),
    ("detention", 5),
    ("other", 5),
)
PERPETRATORS: Final = (
    ("the local gang", "gang"),
    ("MS-13", "gang"),
    ("Barrio 18", "gang"),
    ("the police", "police"),
    ("two police officers", "police"),
    ("soldiers at a checkpoint", "military"),
    ("her husband", "partner"),
    ("his uncle", "family_member"),
    ("armed men", "other"),
)
PLACES: Final = (
    "Huehuetenango",
    "Quetzaltenango",
    "Cobán",
    "Chimaltenango",
    "San Pedro Sula",
    "Tegucigalpa",
    "Choloma",
    "La Ceiba",
    "San Salvador",
    "Santa Ana",
    "Soyapango",
    "Escuintla",
)
GROUNDS: Final = (
    ("particular_social_group", 55),
    ("political_opinion", 30),
    ("religion", 5),
    ("race", 5),
    ("nationality", 5),
)
SUMMARIES: Final = {
    "": "",
    "POSITIVE": "Testimony detailed and consistent in its core; nexus to a protected ground.",
    "NEGATIVE": "No nexus shown between the harm feared and a protected ground.",
}
RETURN_NOTE: Final = "Weigh the omission against the separation at the first interview."
ASSESSMENT_TEXT: Final = (
    "At the first interview the parent had been separated from the child for {days} days "
    "and did not know where the child was. The difference is what such fear and "
    "confusion explain, not a sign of fabrication; it does not weigh against credibility."
)


def _pick[T](rng: random.Random, weighted: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    django.setup()


# --- The data ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Staff:
    coordinator: int
    supervisors: tuple[int, ...]
    officers: tuple[int, ...]
    organisations: tuple[int, ...]


def make_staff() -> Staff:
    from django.contrib.auth.hashers import make_password

    from amparo.apps.accounts.models import Organisation, Role, User

    unusable = make_password(None)
    government = Organisation.objects.create(name="USCIS (bench)", kind="government")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=name, kind=kind) for name, kind in ORGANISATIONS
    )

    def user(username: str, role: str, n: int) -> User:
        first, last = OFFICER_NAMES[n % len(OFFICER_NAMES)]
        return User(
            username=username,
            role=role,
            first_name=first,
            last_name=f"{last}-{n:02d}",
            email=f"{username}@uscis.example",
            organisation=government,
            password=unusable,
        )

    coordinator = user("coordinator", Role.GOVERNMENT_COORDINATOR, 0)
    supervisors = [user(f"supervisor{n:02d}", Role.SUPERVISORY_OFFICER, n) for n in range(1, 5)]
    officers = [user(f"officer{n:02d}", Role.ASYLUM_OFFICER, n) for n in range(1, 41)]
    User.objects.bulk_create([coordinator, *supervisors, *officers])
    # Counsel's own users, so notifications have someone to go to (not logged in here).
    User.objects.bulk_create(
        User(
            username=f"counsel{n}",
            role=kind,
            email=f"counsel{n}@counsel.example",
            organisation=organisation,
            password=unusable,
        )
        for n, (organisation, (_, kind)) in enumerate(
            zip(organisations, ORGANISATIONS, strict=True)
        )
    )
    ids = dict(User.objects.values_list("username", "id"))
    return Staff(
        coordinator=ids["coordinator"],
        supervisors=tuple(ids[u.username] for u in supervisors),
        officers=tuple(ids[u.username] for u in officers),
        organisations=tuple(o.pk for o in organisations),
    )


@dataclass(frozen=True, slots=True)
class People:
    adults: list[int]
    children: list[int]
    language: dict[int, str]


def make_people(rng: random.Random, count: int) -> People:
    """Write `count` people; return the ids of the adults, of the children, and each
    person's language."""
    from amparo.apps.registry.models import Person
    from amparo.engines.extracts.normalise import normalise_name
    from amparo.engines.synth import names

    adult_flags: list[bool] = []
    for start in range(0, count, BATCH):
        rows: list[Person] = []
        for n in range(start, min(count, start + BATCH)):
            adult = rng.random() < 0.5
            sex = rng.choice("FM")
            # The synthetic worlds' names (Hispanic, some Mayan surnames).
            given = names.given_name(rng, names.HISPANIC, sex)
            surnames = " ".join(names.surnames(rng, names.HISPANIC, mayan_share=0.2))
            born = (
                date(1963, 1, 1) + timedelta(days=rng.randrange(36 * 365))
                if adult
                else date(2001, 1, 1) + timedelta(days=rng.randrange(17 * 365))
            )
            rows.append(
                Person(
                    public_id=_uuid(rng),
                    given_names=given,
                    surnames=surnames,
                    name_key=normalise_name(f"{given} {surnames}") or "",
                    dob=None if rng.random() < 0.002 else born,
                    sex=sex,
                    citizenship=_pick(rng, COUNTRIES),
                    language=_pick(rng, LANGUAGES),
                    a_number=str(200_000_000 + n),
                )
            )
            adult_flags.append(adult)
        Person.objects.bulk_create(rows, batch_size=BATCH)
    adults: list[int] = []
    children: list[int] = []
    language: dict[int, str] = {}
    ordered = Person.objects.order_by("id").values_list("id", "language")
    for (pk, spoken), adult in zip(ordered, adult_flags, strict=True):
        (adults if adult else children).append(pk)
        language[pk] = spoken
    return People(adults, children, language)


@dataclass(frozen=True, slots=True)
class HarmSpec:
    type: str
    when: date | None
    precision: str
    place: str
    perpetrator: str
    category: str


@dataclass(frozen=True, slots=True)
class SheetSpec:
    kind: str
    interviewed_on: date
    interpreter_language: str
    best_language: str
    counsel_present: bool | None
    telephonic: bool | None
    separated_on: date | None
    knew_child_whereabouts: bool | None
    protected_grounds: tuple[str, ...]
    fear_of_persecution: bool | None
    fear_of_torture: bool | None
    internal_relocation_possible: bool | None
    state_protection_available: bool | None
    summary_read_back: bool
    harms: tuple[HarmSpec, ...]


def _harm(rng: random.Random) -> HarmSpec:
    perpetrator, category = rng.choice(PERPETRATORS)
    roll = rng.random()
    precision = "day" if roll < 0.6 else "month" if roll < 0.9 else "year"
    return HarmSpec(
        type=_pick(rng, HARM_TYPES),
        when=None if rng.random() < 0.05 else date(2015, 1, 1) + timedelta(rng.randrange(1200)),
        precision=precision,
        place=rng.choice(PLACES),
        perpetrator=perpetrator,
        category=category,
    )


def _retold(rng: random.Random, harm: HarmSpec) -> HarmSpec | None:
    """The harm as told at the new interview: mostly the same, sometimes not."""
    roll = rng.random()
    if roll < 0.5:
        return harm
    if roll < 0.64 and harm.when is not None:
        moved = harm.when + timedelta(days=rng.choice((-1, 1)) * rng.randint(30, 240))
        return HarmSpec(harm.type, moved, "day", harm.place, harm.perpetrator, harm.category)
    if roll < 0.74:
        place = rng.choice([p for p in PLACES if p != harm.place])
        return HarmSpec(
            harm.type, harm.when, harm.precision, place, harm.perpetrator, harm.category
        )
    if roll < 0.84:
        perpetrator, category = rng.choice([p for p in PERPETRATORS if p[1] != harm.category])
        return HarmSpec(harm.type, harm.when, harm.precision, harm.place, perpetrator, category)
    if roll < 0.9:
        return HarmSpec(harm.type, harm.when, "month", harm.place, harm.perpetrator, harm.category)
    return None  # left out this time


def make_sheets(
    rng: random.Random, *, parent: bool, language: str, held_on: date
) -> list[SheetSpec]:
    """The worksheets of an interview held on `held_on`: a parent's first interview and
    the new one, or a child's new one only."""
    first_on = date(2018, 5, 1) + timedelta(days=rng.randrange(90))
    first_harms = tuple(_harm(rng) for _ in range(rng.randint(1, 4)))
    first_ground = _pick(rng, GROUNDS)
    first = SheetSpec(
        kind="first",
        interviewed_on=first_on,
        interpreter_language="Spanish",
        best_language=language,
        counsel_present=rng.random() < 0.08,
        telephonic=rng.random() < 0.3,
        separated_on=first_on - timedelta(days=rng.randint(3, 60)),
        knew_child_whereabouts=rng.random() < 0.2,
        protected_grounds=(first_ground,),
        fear_of_persecution=rng.random() >= 0.08 if rng.random() < 0.9 else None,
        fear_of_torture=None if rng.random() < 0.7 else rng.random() < 0.5,
        internal_relocation_possible=None if rng.random() < 0.8 else True,
        state_protection_available=None if rng.random() < 0.85 else rng.random() < 0.3,
        summary_read_back=rng.random() < 0.4,
        harms=first_harms,
    )
    new_harms = [h for h in (_retold(rng, h) for h in first_harms) if h is not None]
    if not new_harms or rng.random() < 0.35:
        new_harms.append(_harm(rng))
    grounds = {first_ground}
    if rng.random() < 0.2:
        grounds.add(_pick(rng, GROUNDS))
    new = SheetSpec(
        kind="new",
        interviewed_on=held_on,
        interpreter_language=language,
        best_language=language,
        counsel_present=rng.random() < 0.8,
        telephonic=rng.random() < 0.1,
        separated_on=None,
        knew_child_whereabouts=None,
        protected_grounds=tuple(sorted(grounds)),
        fear_of_persecution=True,
        fear_of_torture=rng.random() < 0.6,
        internal_relocation_possible=False,
        state_protection_available=False,
        summary_read_back=True,
        harms=tuple(new_harms),
    )
    return [first, new] if parent else [new]


def _engine_sheet(sheet: SheetSpec) -> consistency.Interview:
    """The sheet as `engine_bridge.engine_worksheet` hands it to the engine."""
    from amparo.engines import consistency

    return consistency.Interview(
        interviewed_on=sheet.interviewed_on,
        interpreter_language=sheet.interpreter_language or None,
        best_language=sheet.best_language or None,
        counsel_present=sheet.counsel_present,
        telephonic=sheet.telephonic,
        harms=tuple(
            consistency.Harm(
                type=consistency.HarmType(h.type),
                when=(
                    consistency.ApproxDate(h.when, consistency.DatePrecision(h.precision))
                    if h.when
                    else None
                ),
                place=h.place,
                perpetrator=h.perpetrator,
                perpetrator_category=consistency.PerpetratorCategory(h.category),
                ref=str(n),
            )
            for n, h in enumerate(sheet.harms, start=1)
        ),
        protected_grounds=frozenset(
            consistency.ProtectedGround(g) for g in sheet.protected_grounds
        ),
        fear_of_persecution=sheet.fear_of_persecution,
        fear_of_torture=sheet.fear_of_torture,
        internal_relocation_possible=sheet.internal_relocation_possible,
        state_protection_available=sheet.state_protection_available,
    )


def inconsistencies(sheets: list[SheetSpec]) -> tuple[consistency.Inconsistency, ...]:
    from amparo.engines import consistency

    if len(sheets) != 2:
        return ()
    first, new = sheets
    separation = consistency.Separation(first.separated_on, first.knew_child_whereabouts)
    return consistency.compare(
        _engine_sheet(first), _engine_sheet(new), separation=separation
    ).inconsistencies


@dataclass(frozen=True, slots=True)
class Timeline:
    path: list[str]
    scheduled_for: datetime | None
    times: list[datetime]

    @property
    def when(self) -> dict[str, datetime]:
        """The (last) time of each state on the path."""
        return dict(zip(self.path, self.times, strict=True))


@dataclass(frozen=True, slots=True)
class Cast:
    """Who takes each step: the coordinator requests, schedules and records outcomes,
    the supervisor approves or returns, the officer does the rest."""

    coordinator: int
    supervisor: int
    officer: int | None

    def of(self, step: str) -> int:
        if step in SUPERVISOR_STEPS:
            return self.supervisor
        if step in COORDINATOR_STEPS or self.officer is None:
            return self.coordinator
        return self.officer


@dataclass(slots=True)
class Planned:
    """One interview and the rows that hang from it, before any has an id."""

    interview: Interview
    events: list[InterviewEvent] = field(default_factory=list)
    sheets: list[tuple[Worksheet, list[HarmItem]]] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    notifications: list[CounselNotification] = field(default_factory=list)
    notice: NoticeToAppear | None = None


class Planner:
    """Interviews in the proportions of STATE_MIX, each as the services would leave it."""

    def __init__(self, rng: random.Random, staff: Staff, now: datetime) -> None:
        from zoneinfo import ZoneInfo

        from django.conf import settings

        self.rng = rng
        self.staff = staff
        self.now = now
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.today = now.astimezone(self.zone).date()

    def slot(self, days: int) -> datetime:
        """A weekday half-hour slot between 8:00 and 16:00, `days` from today."""
        day = self.today + timedelta(days=days)
        while day.weekday() >= 5:
            day += timedelta(days=1 if days > 0 else -1)
        at = clock(self.rng.randint(8, 15), self.rng.choice((0, 30)))
        return datetime.combine(day, at, tzinfo=self.zone)

    def path(self, state: str) -> list[str]:
        rng = self.rng
        if state == "requested":
            return ["requested"]
        if state == "cancelled":
            return ["requested", *(["scheduled"] if rng.random() < 0.5 else []), "cancelled"]
        scheduled = ["requested", "scheduled"]
        if state == "rescheduled" or rng.random() < 0.2:
            scheduled += ["rescheduled"] * (2 if rng.random() < 0.25 else 1)
        if state in ("scheduled", "rescheduled"):
            return scheduled
        if state == "no_show":
            return [*scheduled, "no_show"]
        after = list(AFTER_HELD[state])
        if state in REVIEWED - {"returned"} and rng.random() < 0.15:
            # Returned once by the supervisor, drafted again and approved.
            at = after.index("supervisory_review") + 1
            after[at:at] = ["returned", "determination_drafted", "supervisory_review"]
        return [*scheduled, "conducted", *after]

    def scheduled_for(self, state: str, path: list[str]) -> datetime | None:
        rng = self.rng
        if state in HELD:
            # The deeper in the lifecycle, the longer ago it was held.
            return self.slot(-(4 * (len(path) - path.index("conducted")) + rng.randint(1, 14)))
        if state == "no_show":
            return self.slot(-rng.randint(1, 28))
        if "scheduled" in path:
            return self.slot(rng.randint(1, 35))
        return None

    def timeline(self, state: str) -> Timeline:
        """The path to `state` and the time of each step: requested, then scheduled
        (and moved) before counsel's 48 hours' notice; held at the scheduled time,
        each later step a few hours to 4 days after the one before."""
        rng, now = self.rng, self.now
        path = self.path(state)
        scheduled_for = self.scheduled_for(state, path)
        end = min(scheduled_for - timedelta(days=2), now) if scheduled_for else now
        requested_at = end - timedelta(
            days=rng.uniform(2, 30) if len(path) > 1 else rng.uniform(0, 21)
        )
        pre = [s for s in path if s in ("requested", "scheduled", "rescheduled")]
        times = sorted(
            requested_at + (end - requested_at) * (n / len(pre)) * rng.uniform(0.6, 1)
            for n in range(len(pre))
        )
        at = scheduled_for if scheduled_for and scheduled_for < now else now
        for step in path[len(pre) :]:
            if step in ("conducted", "no_show"):
                at += timedelta(hours=2 if step == "conducted" else 1)
            else:
                at = min(at + timedelta(days=rng.uniform(0.2, 4)), now)
            times.append(at)
        return Timeline(path, scheduled_for, times)

    def determination(self, state: str) -> str:
        if state not in DRAFTED:
            return ""
        if state == "notice_to_appear":
            return "POSITIVE"
        if state.startswith("ij_"):
            return "NEGATIVE"
        return "POSITIVE" if self.rng.random() < 0.62 else "NEGATIVE"

    def plan(self, person: int, parent: bool, language: str, state: str) -> Planned:
        from amparo.apps.interviews.models import Interview

        rng, staff = self.rng, self.staff
        line = self.timeline(state)
        path, scheduled_for, when = line.path, line.scheduled_for, line.when
        held = state in HELD
        officer = rng.choice(staff.officers) if len(path) > 1 else None
        cast = Cast(staff.coordinator, rng.choice(staff.supervisors), officer)
        determination = self.determination(state)
        telephonic = scheduled_for is not None and rng.random() < 0.1
        interpreter = language if rng.random() < 0.92 else "Spanish"
        mismatch = held and interpreter != language
        short = scheduled_for is not None and rng.random() < 0.03
        flags = [
            *([{"code": "interpreter_mismatch", "detail": "not the best language"}] * mismatch),
            *([{"code": "counsel_notice_short", "detail": "counsel told late"}] * short),
        ]
        served_at = when.get("served")
        ij_requested_at = when.get("ij_review_requested")
        counsel = _pick(rng, (("telephone", 50), ("in_person", 30), ("absent", 20)))
        interview = Interview(
            public_id=_uuid(rng),
            person_id=person,
            subject="parent" if parent else "child",
            state=state,
            version=len(path) + rng.randint(0, 3),
            requested_by_id=staff.coordinator,
            requested_at=line.times[0],
            request_note="Owed a new interview under the settlement" if parent else "",
            scheduled_for=scheduled_for,
            location="" if telephonic or not scheduled_for else rng.choice(LOCATIONS),
            telephonic=telephonic,
            officer_id=officer,
            counsel_presence=counsel if held else "",
            written_waiver_of_counsel=held and counsel == "absent",
            interpreter_language=interpreter if held else "",
            best_language=language if held else "",
            interpreter_mismatch=mismatch,
            m444_served=held,
            private_setting=held,
            parent_assistance="" if parent or not held else rng.choice(("none", "in_person")),
            determination=determination,
            determination_summary=SUMMARIES[determination],
            drafted_by_id=officer if determination else None,
            supervisor_id=cast.supervisor if state in REVIEWED else None,
            supervisor_note=RETURN_NOTE if "returned" in path else "",
            served_at=served_at,
            ij_review_requested_at=ij_requested_at,
            declination_recorded=state == "ij_review_declined",
            counsel_notify_by=scheduled_for - timedelta(hours=48) if scheduled_for else None,
            counsel_notified_at=(
                scheduled_for - timedelta(hours=rng.uniform(20, 40))
                if scheduled_for and short
                else when.get("rescheduled", when.get("scheduled"))
            ),
            ij_request_by=served_at,
            ij_decision_target=ij_requested_at + timedelta(hours=24) if ij_requested_at else None,
            ij_decision_due=ij_requested_at + timedelta(days=7) if ij_requested_at else None,
            flags=flags,
            updated_at=line.times[-1],
            updated_by_id=cast.of(path[-1]),
        )
        planned = Planned(interview)
        self._events(planned, line, cast)
        if held:
            self._sheets(planned, parent, language, when["conducted"], officer or 0)
        self._notifications(planned, line)
        if state == "notice_to_appear":
            self._notice(planned, person, when["notice_to_appear"])
        return planned

    def _events(self, planned: Planned, line: Timeline, cast: Cast) -> None:
        from amparo.apps.interviews.models import InterviewEvent

        previous = ""
        for step, at in zip(line.path, line.times, strict=True):
            if step == "conducted" and self.rng.random() < 0.15:
                planned.events.append(
                    InterviewEvent(
                        from_state=previous,
                        to_state=step,
                        accepted=False,
                        reason="missing_records",
                        missing=["m444_served", "private_setting"],
                        actor_id=cast.of(step),
                        at=at - timedelta(minutes=20),
                    )
                )
            flags = (
                [{"code": "interpreter_mismatch", "detail": "not the best language"}]
                if step == "conducted" and planned.interview.interpreter_mismatch
                else []
            )
            planned.events.append(
                InterviewEvent(
                    from_state=previous,
                    to_state=step,
                    accepted=True,
                    flags=flags,
                    note="Counsel asked for another day" if step == "rescheduled" else "",
                    actor_id=cast.of(step),
                    at=at,
                )
            )
            previous = step

    def _sheets(
        self,
        planned: Planned,
        parent: bool,
        language: str,
        held_at: datetime,
        officer: int,
    ) -> None:
        from amparo.apps.interviews.models import Assessment, HarmItem, Worksheet

        rng = self.rng
        specs = make_sheets(
            rng, parent=parent, language=language, held_on=held_at.astimezone(self.zone).date()
        )
        for spec in specs:
            sheet = Worksheet(
                kind=spec.kind,
                version=rng.randint(1, 3),
                interviewed_on=spec.interviewed_on,
                interpreter_language=spec.interpreter_language,
                best_language=spec.best_language,
                counsel_present=spec.counsel_present,
                telephonic=spec.telephonic,
                separated_on=spec.separated_on,
                knew_child_whereabouts=spec.knew_child_whereabouts,
                protected_grounds=list(spec.protected_grounds),
                fear_of_persecution=spec.fear_of_persecution,
                fear_of_torture=spec.fear_of_torture,
                internal_relocation_possible=spec.internal_relocation_possible,
                state_protection_available=spec.state_protection_available,
                summary_read_back=spec.summary_read_back,
                qa_notes="Read back in full; the parent confirmed the summary.",
                updated_at=held_at + timedelta(hours=rng.uniform(1, 20)),
                updated_by_id=officer,
            )
            harms = [
                HarmItem(
                    position=n,
                    type=h.type,
                    when=h.when,
                    when_precision=h.precision,
                    place=h.place,
                    perpetrator=h.perpetrator,
                    perpetrator_category=h.category,
                )
                for n, h in enumerate(spec.harms, start=1)
            ]
            planned.sheets.append((sheet, harms))
        found = inconsistencies(specs)
        state = planned.interview.state
        negative = planned.interview.determination == "NEGATIVE"
        if state in REVIEWED and negative:
            share = 1.0
        elif state in DRAFTED:
            share = rng.choice((0.0, 0.5, 1.0))
        else:
            share = rng.choice((0.0, 0.0, 0.0, 0.5))
        chosen = [i for i in found if rng.random() < share]
        recorded_at = min(held_at + timedelta(hours=rng.uniform(2, 30)), self.now)
        first_sheet = specs[0]
        days = (first_sheet.interviewed_on - (first_sheet.separated_on or date(2018, 5, 1))).days
        for inconsistency in chosen:
            planned.assessments.append(
                Assessment(
                    inconsistency_id=inconsistency.id,
                    kind=inconsistency.kind.value,
                    topic=inconsistency.topic.value,
                    first_value=inconsistency.first_value[:300],
                    new_value=inconsistency.new_value[:300],
                    text=ASSESSMENT_TEXT.format(days=days),
                    version=rng.choice((1, 1, 1, 2)),
                    recorded_by_id=officer,
                    recorded_at=recorded_at,
                )
            )
        if chosen and rng.random() < 0.05:
            # A worksheet corrected after the assessment: the page shows it as stale.
            planned.assessments.append(
                Assessment(
                    inconsistency_id=f"inc-{rng.getrandbits(64):016x}",
                    kind="contradiction",
                    topic="place",
                    first_value=rng.choice(PLACES),
                    new_value=rng.choice(PLACES),
                    text=ASSESSMENT_TEXT.format(days=days),
                    recorded_by_id=officer,
                    recorded_at=recorded_at - timedelta(hours=1),
                )
            )

    def _notifications(self, planned: Planned, line: Timeline) -> None:
        from amparo.apps.interviews.models import CounselNotification

        if self.rng.random() >= 0.7:
            return
        interview = planned.interview
        organisations = self.rng.sample(self.staff.organisations, self.rng.choice((1, 1, 2)))
        for step, at in zip(line.path, line.times, strict=True):
            if step not in ("scheduled", "rescheduled") or interview.scheduled_for is None:
                continue
            for organisation in organisations:
                planned.notifications.append(
                    CounselNotification(
                        organisation_id=organisation,
                        scheduled_for=interview.scheduled_for,
                        sent_at=at,
                        recipients=self.rng.randint(1, 3),
                        short_notice=interview.counsel_notify_by is not None
                        and at > interview.counsel_notify_by,
                    )
                )

    def _notice(self, planned: Planned, person: int, at: datetime) -> None:
        from amparo.apps.interviews.models import NoticeToAppear

        planned.notice = NoticeToAppear(
            person_id=person,
            reason="positive_determination",
            issued_at=at,
            issued_by_id=self.staff.coordinator,
        )


def write_planned(chunk: list[Planned], counts: dict[str, int]) -> None:
    from django.db import transaction

    from amparo.apps.interviews.models import (
        Assessment,
        CounselNotification,
        HarmItem,
        Interview,
        InterviewEvent,
        NoticeToAppear,
        Worksheet,
    )

    with transaction.atomic():
        Interview.objects.bulk_create([p.interview for p in chunk], batch_size=BATCH)
        events: list[InterviewEvent] = []
        sheets: list[Worksheet] = []
        assessments: list[Assessment] = []
        notifications: list[CounselNotification] = []
        notices: list[NoticeToAppear] = []
        for planned in chunk:
            interview = planned.interview
            for event in planned.events:
                event.interview = interview
            events += planned.events
            for sheet, _harms in planned.sheets:
                sheet.interview = interview
                sheets.append(sheet)
            for assessment in planned.assessments:
                assessment.interview = interview
            assessments += planned.assessments
            for notification in planned.notifications:
                notification.interview = interview
            notifications += planned.notifications
            if planned.notice is not None:
                planned.notice.source_interview = interview
                notices.append(planned.notice)
        InterviewEvent.objects.bulk_create(events, batch_size=BATCH)
        Worksheet.objects.bulk_create(sheets, batch_size=BATCH)
        harms: list[HarmItem] = []
        for planned in chunk:
            for sheet, items in planned.sheets:
                for item in items:
                    item.worksheet = sheet
                harms += items
        HarmItem.objects.bulk_create(harms, batch_size=BATCH)
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        CounselNotification.objects.bulk_create(notifications, batch_size=BATCH)
        NoticeToAppear.objects.bulk_create(notices, batch_size=BATCH)
    for name, rows in (
        ("interviews", chunk),
        ("events", events),
        ("worksheets", sheets),
        ("harms", harms),
        ("assessments", assessments),
        ("notifications", notifications),
        ("notices", notices),
    ):
        counts[name] = counts.get(name, 0) + len(rows)


def make_interviews(rng: random.Random, staff: Staff, people: People, count: int) -> dict[str, int]:
    from django.utils import timezone

    adults, children = people.adults, people.children
    if count > len(adults) + len(children):
        raise SystemExit("--interviews: at most one interview per person here")
    planner = Planner(rng, staff, timezone.now())
    wanted_parents = round(count * 0.85)
    parents = rng.sample(adults, min(wanted_parents, len(adults)))
    kids = rng.sample(children, min(count - len(parents), len(children)))
    if len(parents) + len(kids) < count:  # few children: the rest are parents
        spare = sorted(set(adults) - set(parents))
        parents += rng.sample(spare, count - len(parents) - len(kids))
    chosen = [(p, True) for p in parents] + [(c, False) for c in kids]
    rng.shuffle(chosen)
    counts: dict[str, int] = {}
    chunk: list[Planned] = []
    for person, parent in chosen:
        state = _pick(rng, STATE_MIX)
        chunk.append(planner.plan(person, parent, people.language[person], state))
        if len(chunk) == CHUNK:
            write_planned(chunk, counts)
            chunk = []
    if chunk:
        write_planned(chunk, counts)
    return counts


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def child_setup(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate and write the bench data (a process of its own: not measured)."""
    _django()
    from django.core.management import call_command

    rng = random.Random(args.seed)
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    staff = make_staff()
    people = make_people(rng, args.people)
    people_done = time.perf_counter()
    counts = make_interviews(rng, staff, people, args.interviews)
    written = time.perf_counter()
    _analyze()
    return {
        "people": len(people.language),
        **counts,
        "migrate_s": round(migrated - started, 1),
        "people_s": round(people_done - migrated, 1),
        "interviews_s": round(written - people_done, 1),
        "analyze_s": round(time.perf_counter() - written, 1),
    }


# --- Measuring --------------------------------------------------------------------


class SqlMeter:
    """Statements and seconds inside `execute`, per request (an execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started

    def reset(self) -> None:
        self.count = 0
        self.seconds = 0.0


@dataclass(frozen=True, slots=True)
class PageKind:
    name: str
    # The n-th request: the client to ask with and the URL.
    request: Callable[[int], tuple[Client, str]]


def _nearest_rank(sorted_ms: list[float], share: float) -> float:
    return sorted_ms[max(0, math.ceil(share * len(sorted_ms)) - 1)]


def measure(kind: PageKind, requests: int, warmup: int, show_sql: bool) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(n: int) -> None:
        client, url = kind.request(n)
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{kind.name}: {url} answered {response.status_code}")

    for n in range(warmup):
        get(n)
    # One request under CaptureQueriesContext (not timed): its statements.
    with CaptureQueriesContext(connection) as captured:
        get(warmup)
    statements = [q["sql"] for q in captured.captured_queries]
    if show_sql:
        print(f"--- {connection.vendor}: {kind.name}: {len(statements)} statements")
        for sql in statements:
            print(f"  {sql[:400]}")
    meter = SqlMeter()
    times_ms: list[float] = []
    sql_ms: list[float] = []
    counts: list[int] = []
    with connection.execute_wrapper(meter):
        for n in range(warmup + 1, warmup + 1 + requests):
            client, url = kind.request(n)
            meter.reset()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{kind.name}: {url} answered {response.status_code}")
            times_ms.append(elapsed * 1000)
            sql_ms.append(meter.seconds * 1000)
            counts.append(meter.count)
    ordered = sorted(times_ms)
    return {
        "page": kind.name,
        "n": len(times_ms),
        "median_ms": statistics.median(ordered),
        "p95_ms": _nearest_rank(ordered, 0.95),
        "max_ms": ordered[-1],
        "queries": len(statements),
        "queries_range": [min(counts), max(counts)],
        "sql_ms": statistics.median(sql_ms),
    }


def _clients(users: list[User]) -> dict[int, Client]:
    """A logged-in client per user, all on one handler (see the module's docstring)."""
    from django.test import Client

    clients: dict[int, Client] = {}
    shared: Any = None
    for user in users:
        client = Client()
        if shared is None:
            shared = client.handler
        client.handler = shared
        client.force_login(user)
        clients[user.pk] = client
    return clients


def sample_comparisons(public_ids: list[str]) -> dict[str, float]:
    """What the sampled interview pages show: inconsistencies found by the engine,
    assessed ones, stale assessments (read through the app's own bridge, untimed)."""
    from amparo.apps.interviews.engine_bridge import comparison_for
    from amparo.apps.interviews.models import Interview

    found: list[int] = []
    assessed = stale = harms = 0
    for interview in Interview.objects.filter(public_id__in=public_ids):
        comparison = comparison_for(interview)
        found.append(len(comparison.inconsistencies))
        assessed += len(comparison.ids) - len(comparison.missing)
        stale += len(comparison.stale)
        harms += sum(
            len(sheet.harms.all()) for sheet in (comparison.first, comparison.new) if sheet
        )
    return {
        "pages": len(found),
        "with_inconsistencies": sum(1 for f in found if f),
        "inconsistencies_mean": round(statistics.mean(found), 2) if found else 0,
        "inconsistencies_max": max(found, default=0),
        "assessed": assessed,
        "stale": stale,
        "harms_mean": round(harms / len(found), 2) if found else 0,
    }


def child_measure(args: argparse.Namespace) -> dict[str, Any]:
    _django()
    from django.db import connection
    from django.urls import reverse

    from amparo.apps.accounts.models import Role, User
    from amparo.apps.interviews.models import Interview, InterviewState
    from amparo.apps.interviews.selectors import DOCKET_STATES

    rng = random.Random(args.seed + 1)
    officers = list(User.objects.filter(role=Role.ASYLUM_OFFICER).order_by("username"))
    supervisor = User.objects.filter(role=Role.SUPERVISORY_OFFICER).order_by("username")[0]
    clients = _clients([*officers, supervisor])
    boss = clients[supervisor.pk]
    docket = reverse("interviews:docket")
    rng.shuffle(officers)
    states = list(InterviewState.values)
    rng.shuffle(states)
    listed = Interview.objects.filter(state__in=DOCKET_STATES).count()
    last_page = max(1, math.ceil(listed / 50))
    candidates = list(
        Interview.objects.filter(state__in=sorted(HELD), subject="parent")
        .order_by("id")
        .values_list("public_id", "officer_id")
    )
    sample = rng.sample(candidates, min(len(candidates), args.requests))
    if not sample:
        raise SystemExit("no interview held: nothing to show on the interview page")

    def interview_page(n: int) -> tuple[Client, str]:
        public_id, officer = sample[n % len(sample)]
        url = reverse("interviews:interview_detail", args=[public_id])
        return clients[officer], url

    kinds = [
        PageKind(
            "docket, own (page 1)",
            lambda n: (clients[officers[n % len(officers)].pk], docket),
        ),
        PageKind("docket, all officers", lambda n: (boss, f"{docket}?all=1")),
        PageKind(
            "docket, all, state=",
            lambda n: (boss, f"{docket}?all=1&state={states[n % len(states)]}"),
        ),
        PageKind(
            f"docket, all, page {last_page}*",
            lambda n: (boss, f"{docket}?all=1&page={last_page}"),
        ),
        PageKind("interview page", interview_page),
    ]
    rows = [measure(k, args.requests, args.warmup, args.show_sql) for k in kinds]
    return {
        "backend": connection.vendor,
        "rows": rows,
        "docket_listed": listed,
        "comparisons": sample_comparisons([str(p) for p, _ in sample]),
    }


# --- Driving ----------------------------------------------------------------------


def _child(mode: str, url: str, var_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "AMPARO_VAR_DIR": str(var_dir),
        "AMPARO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    }
    command = [sys.executable, __file__, "--child", mode]
    command += ["--people", str(args.people), "--interviews", str(args.interviews)]
    command += ["--requests", str(args.requests), "--warmup", str(args.warmup)]
    command += ["--seed", str(args.seed)]
    if args.show_sql:
        command.append("--show-sql")
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:])
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} failed on {url} (exit {done.returncode})")
    lines = done.stdout.strip().splitlines()
    if len(lines) > 1:
        print("\n".join(lines[:-1]))
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _admin(sql: str) -> None:
    import psycopg

    url = PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def run_backend(backend: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    var_dir = work / f"var-{backend}"
    name = ""
    if backend == "sqlite":
        url = f"sqlite:///{work}/interviews-bench.sqlite3"
    else:
        name = f"amparo_bench_interviews_{os.getpid()}"
        _admin(f"CREATE DATABASE {name}")
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        started = time.perf_counter()
        built = _child("setup", url, var_dir, args)
        setup_s = time.perf_counter() - started
        print(
            f"{backend}: set-up {setup_s:.1f} s (migrate {built['migrate_s']}, people "
            f"{built['people_s']}, interviews {built['interviews_s']}, analyze "
            f"{built['analyze_s']}): {built['people']} people, {built['interviews']} "
            f"interviews, {built['events']} events, {built['worksheets']} worksheets, "
            f"{built['harms']} harms, {built['assessments']} assessments, "
            f"{built['notifications']} counsel notifications, {built['notices']} notices",
            flush=True,
        )
        started = time.perf_counter()
        measured = _child("measure", url, var_dir, args)
        print(f"{backend}: measured in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        if name and not args.keep:
            _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if args.keep:
        print(f"{backend}: kept DATABASE_URL={url}")
    return {"backend": backend, "setup_s": round(setup_s, 1), **measured}


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"\n{'backend':<11}{'page':<27}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
        f"{'queries':>9}{'sql ms':>8}  p95 < {TARGET_MS:.0f} ms"
    )
    for result in results:
        for row in result["rows"]:
            low, high = row["queries_range"]
            queries = str(row["queries"]) + ("" if low == high else f" ({low}-{high})")
            met = "yes" if row["p95_ms"] < TARGET_MS else "NO"
            if row["page"].endswith("*"):
                met += " (not in target)"
            print(
                f"{result['backend']:<11}{row['page']:<27}{row['n']:>5}"
                f"{row['median_ms']:>11.1f}{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
                f"{queries:>9}{row['sql_ms']:>8.1f}  {met}"
            )
    print(
        "median / p95 (nearest rank) / max: wall-clock per request through "
        "django.test.Client\n"
        "queries: statements of one request (CaptureQueriesContext, BEGIN and COMMIT "
        "included);\n  (a-b): the timed requests differed (counted by an execute wrapper, "
        "without BEGIN/COMMIT)\n"
        "sql ms: median time inside SQL execute per request (SQLite fetches after execute)\n"
        "* a large OFFSET, shown for information: the target names page 1 of the docket"
    )
    for result in results:
        c = result["comparisons"]
        print(
            f"{result['backend']}: docket states listed {result['docket_listed']} "
            f"interviews; interview pages sampled {c['pages']}, with inconsistencies "
            f"{c['with_inconsistencies']}, inconsistencies per page {c['inconsistencies_mean']} "
            f"(max {c['inconsistencies_max']}), harms per page {c['harms_mean']}, assessed "
            f"{c['assessed']}, stale {c['stale']}; set-up {result['setup_s']} s (not measured)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per page first")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=["sqlite", "postgresql"],
        default=["sqlite", "postgresql"],
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--show-sql", action="store_true", help="print one request's statements per page"
    )
    parser.add_argument("--child", choices=["setup", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        print(json.dumps(child_setup(args)))
        return
    if args.child == "measure":
        print(json.dumps(child_measure(args)))
        return
    work = Path(tempfile.mkdtemp(prefix="amparo-bench-interviews-"))
    try:
        results = [run_backend(backend, work, args) for backend in args.backends]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(results)


if __name__ == "__main__":
    main()
