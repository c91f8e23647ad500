"""Large instances by facility: each facility's requests with the officers who work
there, solved on its own with the interpreters and counsel all free, then put together
and repaired where two parts booked the same interpreter, lawyer or officer.

The bound is honest: each part's problem drops the constraints that couple it to the
others (shared interpreters and counsel, an officer's time at another facility, a family
split between facilities) and the officers' load spread, which only raise its optimum;
so the sum of the parts' bounds bounds the whole's value.
"""

from __future__ import annotations

import time
from dataclasses import replace

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.greedy import Explainer, schedule_greedy
from amparo.engines.scheduling.model import SolveOptions, solve
from amparo.engines.scheduling.records import Assignment, Instance, Schedule


def facility_parts(instance: Instance) -> list[Instance]:
    """One instance a facility, largest first."""
    parts: list[Instance] = []
    for facility in instance.facilities:
        requests = tuple(r for r in instance.requests if r.facility == facility.id)
        if not requests:
            continue
        officers = tuple(o for o in instance.officers if facility.id in o.facilities)
        parts.append(replace(instance, requests=requests, officers=officers))
    known = {f.id for f in instance.facilities}
    stray = tuple(r for r in instance.requests if r.facility not in known)
    if stray:
        parts.append(replace(instance, requests=stray, officers=()))
    return sorted(parts, key=lambda p: -len(p.requests))


def schedule_by_facility(instance: Instance, options: SolveOptions | None = None) -> Schedule:
    """Each facility solved within its share of the time limit, the parts joined, the
    collisions between parts repaired by keeping every placement that is still free
    and placing the rest again; the better of that and the greedy schedule is kept."""
    options = options or SolveOptions()
    began = time.perf_counter()
    parts = facility_parts(instance)
    total = sum(len(p.requests) for p in parts) or 1
    joined: dict[str, Assignment] = {}
    bound = 0
    statuses: list[str] = []
    for part in parts:
        share = max(1.0, options.seconds * 0.9 * len(part.requests) / total)
        solved = solve(part, replace(options, seconds=share), balance=False)
        statuses.append(solved.status)
        part_value = rules.value(part, solved.assignments)
        # Without a bound the part cannot be bounded better than everyone placed.
        ceiling = sum(rules.SCHEDULED_WEIGHT * r.priority for r in part.requests)
        bound += ceiling if solved.bound is None else max(solved.bound, part_value)
        joined.update({a.request_id: a for a in solved.assignments})
    # Repair: the parts' placements as notified times; greedy keeps those still free.
    pinned = tuple(replace(r, pinned=joined.get(r.id, r.pinned)) for r in instance.requests)
    repaired = schedule_greedy(replace(instance, requests=pinned))
    candidates = [repaired.assignments, schedule_greedy(instance).assignments]
    best = max(candidates, key=lambda a: rules.value(instance, a))
    value = rules.value(instance, best)
    placed = {a.request_id for a in best}
    explainer = Explainer(instance, best)
    return Schedule(
        method="cp-sat/facility",
        assignments=tuple(sorted(best, key=lambda a: a.request_id)),
        unscheduled=tuple(explainer.explain(r) for r in instance.requests if r.id not in placed),
        objective=value,
        bound=max(bound, value),
        status="OPTIMAL" if all(s == "OPTIMAL" for s in statuses) else "FEASIBLE",
        seconds=time.perf_counter() - began,
        stats={"parts": len(parts), "requests": len(instance.requests)},
    )
