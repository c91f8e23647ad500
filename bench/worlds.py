"""Worlds the benchmarks share: a registry of 100,000 people with what the pages show.

`registry(people, seed)` is the registry `bench/eligibility_recompute.py` writes (its
builder, with the import's bulk helpers, in the proportions of a real 34,000-family
world) with everyone's eligibility decided once; `bench/reports.py` builds on it.

`load_world(people, seed, interviews)` adds what the main pages of a working site show
(`bench/load.py`): staff (a coordinator, supervisors, 40 asylum officers, counsel
organisations: `bench/interview_pages.py`'s), class counsel granted Ms. L. and Dora, a
court reader, the interviews of `bench/interview_pages.py` (on the registry's own people,
85 % parents), the return cases the real service opens for every return candidate, a
report snapshot, and an API token per simulated user. Both run inside a process set up
for Django on the target database (DATABASE_URL).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eligibility_recompute as registry_bench
import interview_pages as interview_bench

# Bump when what load_world writes changes: a world built by an older version is rebuilt.
LOAD_WORLD_VERSION: Final = 1
COUNSEL_CASES: Final = ("ms_l", "dora")


def registry(people: int, seed: int) -> dict[str, Any]:
    """Migrate, write the registry and decide everyone's eligibility; the counts."""
    from django.core.management import call_command

    from amparo.apps.eligibility.services import eligibility_recompute

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    counts = registry_bench.write_registry(registry_bench.Builder(seed).build(people))
    registry_bench._analyze()
    built = time.perf_counter()
    eligibility_recompute(actor=None, reason="bench: decide everyone", as_of=date.today())
    registry_bench._analyze()
    return {
        **counts,
        "build_s": round(built - started, 1),
        "eligibility_s": round(time.perf_counter() - built, 1),
    }


def _registry_people() -> interview_bench.People:
    """The registry's current people as the interview builder wants them: adults (18
    or older when the world was extracted) and children, and each one's language."""
    from amparo.apps.registry.models import Person

    adults: list[int] = []
    children: list[int] = []
    language: dict[int, str] = {}
    rows = Person.objects.filter(merged_into__isnull=True).order_by("id")
    for pk, born, spoken in rows.values_list("id", "dob", "language"):
        adult = born is None or (registry_bench.EXTRACTED_ON - born).days >= 18 * 365
        (adults if adult else children).append(pk)
        language[pk] = spoken or "es"
    return interview_bench.People(adults, children, language)


def _readers() -> dict[str, int]:
    """Class counsel (granted COUNSEL_CASES) and a court reader, as the admin makes
    them; the ids by username."""
    from django.contrib.auth.hashers import make_password

    from amparo.apps.accounts.models import CaseGrant, Organisation, Role, User

    unusable = make_password(None)
    counsel_org = Organisation.objects.create(name="Class counsel (load)", kind="class_counsel")
    court_org = Organisation.objects.create(name="The court (load)", kind="court")
    made: dict[str, int] = {}
    for n in range(1, 6):
        user = User.objects.create(
            username=f"classcounsel{n}",
            role=Role.CLASS_COUNSEL,
            organisation=counsel_org,
            email=f"classcounsel{n}@counsel.example",
            password=unusable,
        )
        CaseGrant.objects.bulk_create(CaseGrant(user=user, case_code=c) for c in COUNSEL_CASES)
        made[user.username] = user.pk
    for n in range(1, 4):
        user = User.objects.create(
            username=f"court{n}", role=Role.COURT, organisation=court_org, password=unusable
        )
        made[user.username] = user.pk
    return made


def load_world(people: int, seed: int, interviews: int) -> dict[str, Any]:
    """The registry plus staff, interviews, return cases, a report snapshot and API
    tokens; the counts and timings, and each simulated user's token."""
    from django.utils import timezone

    from amparo.apps.accounts.models import User
    from amparo.apps.accounts.services import api_token_create
    from amparo.apps.reports.services import report_snapshot_take
    from amparo.apps.returns.services import return_cases_open

    counts = registry(people, seed)
    started = time.perf_counter()
    staff = interview_bench.make_staff()
    readers = _readers()
    written = interview_bench.make_interviews(
        random.Random(seed), staff, _registry_people(), interviews
    )
    interviews_done = time.perf_counter()
    coordinator = User.objects.get(pk=staff.coordinator)
    opened = return_cases_open(actor=coordinator)
    returns_done = time.perf_counter()
    snapshot = report_snapshot_take(actor=coordinator, as_of=timezone.localdate())
    snapshot_done = time.perf_counter()
    tokens: dict[str, str] = {}
    simulated = User.objects.filter(
        pk__in=[staff.coordinator, *staff.supervisors, *staff.officers, *readers.values()]
    )
    for user in simulated:
        _token, key = api_token_create(actor=user, name="load bench")
        tokens[user.username] = key
    registry_bench._analyze()
    return {
        **counts,
        "interviews": written.get("interviews", 0),
        "interview_events": written.get("events", 0),
        "return_cases": opened.opened,
        "snapshot_people": snapshot.people,
        "interviews_s": round(interviews_done - started, 1),
        "returns_s": round(returns_done - interviews_done, 1),
        "snapshot_s": round(snapshot_done - returns_done, 1),
        "tokens": tokens,
    }
