"""Large instances in two stages: first the day of each interview (`dayplan`, a
relaxation whose bound bounds the whole), then each day's hours, officers and
interpreters, one day at a time with the full model.

Once every request has its day, the days no longer share anything the model constrains
(a day's officers, interpreters, counsel, rooms and families are that day's), so each
day is a small problem of its own. What a day cannot fit, and whatever the day plan left
out, the greedy scheduler then places wherever it still fits around the days' schedules,
which it keeps as notified times.
"""

from __future__ import annotations

import time
from dataclasses import replace

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.dayplan import DayPlan, plan_days
from amparo.engines.scheduling.greedy import Explainer, schedule_greedy
from amparo.engines.scheduling.model import SolveOptions, solve
from amparo.engines.scheduling.records import Assignment, Hours, Instance, Schedule

# Shares of the time limit: the day plan's (its bound settles at about half of 60 s on
# 2,000 requests), the days' (each nearly always proven optimal well within), and what
# is kept back for building the models, the repair and the explanations.
PLAN_SHARE = 0.55
DAYS_SHARE = 0.3
RESERVE_SHARE = 0.06
MIN_DAY_SECONDS = 0.5


def _on(hours: Hours, day: int) -> Hours:
    return Hours(frozenset({0}) if day in hours.days else frozenset(), hours.start, hours.end)


def day_instance(instance: Instance, day: int, request_ids: set[str]) -> Instance:
    """The one-day instance of `day` with the requests planned for it (day 0 is
    `day`)."""
    requests = tuple(
        replace(
            r,
            earliest_day=0,
            due_day=0,
            pinned=(
                replace(r.pinned, day=0) if r.pinned is not None and r.pinned.day == day else None
            ),
        )
        for r in instance.requests
        if r.id in request_ids
    )
    return replace(
        instance,
        days=1,
        requests=requests,
        officers=tuple(
            replace(o, hours=_on(o.hours, day)) for o in instance.officers if day in o.hours.days
        ),
        interpreters=tuple(
            replace(i, hours=_on(i.hours, day))
            for i in instance.interpreters
            if day in i.hours.days
        ),
        counsel=tuple(replace(c, hours=_on(c.hours, day)) for c in instance.counsel),
    )


def schedule_staged(instance: Instance, options: SolveOptions | None = None) -> Schedule:
    """Day plan, then each day solved, then the rest placed by the greedy scheduler;
    the better of that and the greedy schedule alone is returned, with the day plan's
    bound."""
    options = options or SolveOptions()
    began = time.perf_counter()
    deadline = began + options.seconds
    alone = schedule_greedy(instance).assignments
    plan: DayPlan = plan_days(
        instance,
        hint=alone,
        seconds=options.seconds * PLAN_SHARE,
        workers=options.workers,
        seed=options.seed,
        deterministic=options.deterministic,
    )
    planned: dict[int, set[str]] = {}
    for rid, (day, _) in plan.days.items():
        planned.setdefault(day, set()).add(rid)
    joined: dict[str, Assignment] = {}
    left = sum(len(ids) for ids in planned.values())
    for day, ids in sorted(planned.items()):
        # Each day gets its share of the time still left, less what the repair and
        # the explanations take at the end; deterministic runs share the budget as
        # given, so that they do not depend on the machine's speed.
        if options.deterministic:
            share = options.seconds * DAYS_SHARE * len(ids) / max(1, len(plan.days))
        else:
            budget = deadline - time.perf_counter() - options.seconds * RESERVE_SHARE
            share = budget * len(ids) / max(1, left)
        share = max(MIN_DAY_SECONDS, share)
        left -= len(ids)
        solved = solve(
            day_instance(instance, day, ids), replace(options, seconds=share), balance=False
        )
        joined.update({a.request_id: replace(a, day=day) for a in solved.assignments})
    # The days' placements go in as notified times (kept, being all still free); a
    # request the days did not place loses its old notified time here, which would
    # otherwise be kept first and might take a placed one's officer.
    pinned = tuple(replace(r, pinned=joined.get(r.id)) for r in instance.requests)
    repaired = schedule_greedy(replace(instance, requests=pinned)).assignments
    best = max((repaired, alone), key=lambda a: rules.value(instance, a))
    value = rules.value(instance, best)
    placed = {a.request_id for a in best}
    explainer = Explainer(instance, best)
    return Schedule(
        method="cp-sat/staged",
        assignments=tuple(sorted(best, key=lambda a: a.request_id)),
        unscheduled=tuple(explainer.explain(r) for r in instance.requests if r.id not in placed),
        objective=value,
        bound=max(plan.bound, value),
        # Proven optimal only when the schedule reaches the day plan's bound.
        status="OPTIMAL" if value >= plan.bound else "FEASIBLE",
        seconds=time.perf_counter() - began,
        stats={
            "requests": len(instance.requests),
            "day_plan_variables": plan.variables,
            "day_plan_scheduled": len(plan.days),
            "days_scheduled": len(joined),
        },
    )
