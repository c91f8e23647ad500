"""Who may serve which request, and what a schedule is worth: shared by the greedy
scheduler, the CP-SAT model and the checker, so all three mean the same thing."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from amparo.engines.scheduling.records import (
    Assignment,
    Instance,
    Interpreter,
    Officer,
    Request,
)

ENGLISH = "english"

# Objective weights. Scheduling anyone outweighs everything else: a request's worth is
# SCHEDULED_WEIGHT times its priority, and no combination of the penalties of one
# request reaches it (lateness counts from the due day or the plan's first day,
# whichever is later, so it stays under 20 x priority x the plan's days: below the
# worth for plans up to 50 days; a request already overdue is never better left out).
SCHEDULED_WEIGHT = 1000
LATE_PER_DAY = 20
FAMILY_SPLIT = 60
MOVED = 200
# A notified interview left without a time: kept before five priority-4 newcomers, so
# that a re-plan drops one only when no time works for it.
NOTIFIED_DROPPED = 20 * SCHEDULED_WEIGHT
# Per interview above the lightest officer's load in the heaviest officer's.
IMBALANCE = 1


def officers_for(request: Request, instance: Instance) -> list[Officer]:
    """Officers who work where the interview is held and could fit it on some day."""
    return [
        o
        for o in instance.officers
        if request.facility in o.facilities
        and o.daily_capacity > 0
        and o.hours.end - o.hours.start >= request.duration
        and any(d >= request.earliest_day for d in o.hours.days)
    ]


def needs_interpreter(request: Request, officer: Officer) -> bool:
    return request.language != ENGLISH and request.language not in officer.languages


def interpreters_for(request: Request, instance: Instance) -> list[Interpreter]:
    """Interpreters of the person's best language who can serve that facility."""
    return [
        i
        for i in instance.interpreters
        if request.language in i.languages
        and (i.remote or i.facility == request.facility)
        and i.hours.end - i.hours.start >= request.duration
    ]


def day_slots(instance: Instance, request: Request) -> Iterable[tuple[int, int]]:
    """Every (day, start slot) the request could start at, earliest first."""
    for day in range(request.earliest_day, instance.days):
        for slot in range(instance.slots_per_day - request.duration + 1):
            yield day, slot


def late_from(request: Request) -> int:
    """The day after which each day costs lateness: the due day, or the plan's first day
    for a request already overdue (the days before the plan are past changing)."""
    return max(request.due_day, 0)


def days_late(request: Request, day: int) -> int:
    return max(0, day - late_from(request))


def value(instance: Instance, assignments: Iterable[Assignment]) -> int:
    """What a schedule is worth (higher is better): priority-weighted interviews, less
    lateness, notified interviews left out or moved, families split across days, and
    the spread of officers' loads."""
    requests = {r.id: r for r in instance.requests}
    placed = {a.request_id: a for a in assignments}
    total = -NOTIFIED_DROPPED * sum(
        1 for r in instance.requests if r.pinned is not None and r.id not in placed
    )
    for rid, a in placed.items():
        r = requests[rid]
        total += SCHEDULED_WEIGHT * r.priority
        total -= LATE_PER_DAY * r.priority * days_late(r, a.day)
        if r.pinned is not None and (r.pinned.day, r.pinned.slot, r.pinned.officer_id) != (
            a.day,
            a.slot,
            a.officer_id,
        ):
            total -= MOVED
    families: dict[str, set[int]] = defaultdict(set)
    for rid, a in placed.items():
        family = requests[rid].family
        if family is not None:
            families[family].add(a.day)
    total -= FAMILY_SPLIT * sum(len(days) - 1 for days in families.values())
    loads = Counter(a.officer_id for a in placed.values())
    if instance.officers:
        counts = [loads.get(o.id, 0) for o in instance.officers]
        total -= IMBALANCE * (max(counts) - min(counts))
    return total
