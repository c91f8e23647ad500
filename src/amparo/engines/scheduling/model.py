"""The CP-SAT scheduler: every request placed at a day and hour with an officer, an
interpreter where one is needed, its counsel and a room or phone line, maximising
`rules.value` exactly (the model's objective and the value of the schedule it returns
are the same number, so the solver's bound bounds the value).

Each request has a day and an hour (its start is `day * slots_per_day + hour`, so it
never crosses the end of a day), a presence literal per compatible officer and
interpreter, and an optional interval per pair; officers and interpreters are
`NoOverlap` resources, counsel, rooms and phone lines are cumulative, and an officer's
daily limit is a cumulative over day-long intervals.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.greedy import Explainer, schedule_greedy
from amparo.engines.scheduling.records import (
    Assignment,
    Hours,
    Instance,
    Request,
    Schedule,
    Unscheduled,
)


@dataclass(frozen=True, slots=True)
class SolveOptions:
    """`seconds`: wall-clock limit. `deterministic`: stop on the solver's deterministic
    time instead (same instance, seed and workers give the same schedule, on any
    machine load) — `seconds` is then read as deterministic seconds. `hint`: a
    schedule to start from (the greedy one by default)."""

    seconds: float = 60.0
    workers: int = 2
    seed: int = 0
    deterministic: bool = False
    use_greedy_hint: bool = True
    log: bool = False


def _restrict_to_hours(
    model: cp_model.CpModel,
    *,
    hours: Hours,
    present: cp_model.IntVar,
    day: cp_model.IntVar,
    hour: cp_model.IntVar,
    on_day: dict[int, cp_model.IntVar],
    duration: int,
) -> None:
    """`present` implies the interview falls inside `hours`."""
    model.add(hour >= hours.start).only_enforce_if(present)
    model.add(hour + duration <= hours.end).only_enforce_if(present)
    for d, on in on_day.items():
        if d not in hours.days:
            model.add_bool_or([present.Not(), on.Not()])


class _Built:
    """The model and the variables a solution is read from."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.scheduled: dict[str, cp_model.IntVar] = {}
        self.day: dict[str, cp_model.IntVar] = {}
        self.hour: dict[str, cp_model.IntVar] = {}
        self.officer: dict[str, dict[str, cp_model.IntVar]] = {}
        self.interpreter: dict[str, dict[str, cp_model.IntVar]] = {}
        self.impossible: list[Request] = []
        # The rest, so a schedule can be given whole as a hint.
        self.start: dict[str, cp_model.IntVar] = {}
        self.on_day: dict[str, dict[int, cp_model.IntVar]] = {}
        self.late: dict[str, cp_model.IntVar] = {}
        self.kept: dict[str, tuple[cp_model.IntVar, cp_model.IntVar]] = {}
        self.used: dict[tuple[str, int], cp_model.IntVar] = {}
        self.family_any: dict[str, cp_model.IntVar] = {}
        self.load_bounds: tuple[cp_model.IntVar, cp_model.IntVar] | None = None


def build(  # noqa: PLR0912, PLR0915 - one model, read top to bottom
    instance: Instance, *, balance: bool = True
) -> _Built:
    """The model of `instance`. `balance=False` leaves out the officers' load spread
    (for one day of the staged scheduler, whose spread is not the whole's)."""
    built = _Built(instance)
    m = built.model
    days, per_day = instance.days, instance.slots_per_day
    officers = {o.id: o for o in instance.officers}
    counsel = {c.id: c for c in instance.counsel}

    officer_intervals: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    officer_day_intervals: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    interpreter_intervals: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    counsel_intervals: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    room_intervals: dict[tuple[str, bool], list[cp_model.IntervalVar]] = defaultdict(list)
    family_intervals: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
    family_days: dict[str, list[dict[int, cp_model.IntVar]]] = defaultdict(list)
    family_present: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    load: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    officer_work: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    officer_slots: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    interpreter_slots: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    interpreter_by_id = {i.id: i for i in instance.interpreters}
    terms: list[cp_model.LinearExprT] = []
    dropped_constant = 0

    for r in instance.requests:
        candidates = rules.officers_for(r, instance)
        fits = (
            r.earliest_day < days
            and 1 <= r.duration <= per_day
            and bool(candidates)
            and (r.counsel_id is None or r.counsel_id in counsel)
        )
        if not fits:
            built.impossible.append(r)
            continue
        s = m.new_bool_var(f"s[{r.id}]")
        day = m.new_int_var(r.earliest_day, days - 1, f"day[{r.id}]")
        hour = m.new_int_var(0, per_day - r.duration, f"hour[{r.id}]")
        start = m.new_int_var(r.earliest_day * per_day, days * per_day - 1, f"start[{r.id}]")
        m.add(start == day * per_day + hour)
        built.start[r.id] = start
        built.scheduled[r.id] = s
        built.day[r.id] = day
        built.hour[r.id] = hour
        on_day = {d: m.new_bool_var(f"on[{r.id},{d}]") for d in range(r.earliest_day, days)}
        built.on_day[r.id] = on_day
        m.add(sum(on_day.values()) == s)
        m.add(day == sum(d * v for d, v in on_day.items())).only_enforce_if(s)
        interval = m.new_optional_fixed_size_interval_var(start, r.duration, s, f"iv[{r.id}]")

        # Officers: exactly one when scheduled.
        chosen: dict[str, cp_model.IntVar] = {}
        for o in candidates:
            a = m.new_bool_var(f"a[{r.id},{o.id}]")
            chosen[o.id] = a
            _restrict_to_hours(
                m, hours=o.hours, present=a, day=day, hour=hour, on_day=on_day, duration=r.duration
            )
            officer_intervals[o.id].append(
                m.new_optional_fixed_size_interval_var(start, r.duration, a, f"o[{r.id},{o.id}]")
            )
            # Only where the daily limit can bind: fewer than the day's slots.
            if o.daily_capacity < o.hours.end - o.hours.start:
                officer_day_intervals[o.id].append(
                    m.new_optional_fixed_size_interval_var(day, 1, a, f"od[{r.id},{o.id}]")
                )
            load[o.id].append(a)
            officer_work[o.id].append(a)
            officer_slots[o.id].append(r.duration * a)
        m.add(sum(chosen.values()) == s)
        built.officer[r.id] = chosen

        # An interpreter exactly when the chosen officer does not speak the language.
        needs = [a for oid, a in chosen.items() if rules.needs_interpreter(r, officers[oid])]
        helpers: dict[str, cp_model.IntVar] = {}
        if needs:
            for i in rules.interpreters_for(r, instance):
                b = m.new_bool_var(f"b[{r.id},{i.id}]")
                helpers[i.id] = b
                _restrict_to_hours(
                    m,
                    hours=i.hours,
                    present=b,
                    day=day,
                    hour=hour,
                    on_day=on_day,
                    duration=r.duration,
                )
                interpreter_slots[i.id].append(r.duration * b)
                interpreter_intervals[i.id].append(
                    m.new_optional_fixed_size_interval_var(
                        start, r.duration, b, f"i[{r.id},{i.id}]"
                    )
                )
        if needs:
            m.add(sum(helpers.values()) == sum(needs))
        built.interpreter[r.id] = helpers

        # Counsel free, and within how many interviews they attend at once.
        if r.counsel_id is not None:
            lawyer = counsel[r.counsel_id]
            _restrict_to_hours(
                m,
                hours=lawyer.hours,
                present=s,
                day=day,
                hour=hour,
                on_day=on_day,
                duration=r.duration,
            )
            counsel_intervals[lawyer.id].append(interval)
        room_intervals[(r.facility, r.telephonic)].append(interval)

        if r.family is not None:
            family_intervals[r.family].append(interval)
            family_days[r.family].append(on_day)
            family_present[r.family].append(s)

        # Worth and lateness.
        terms.append(rules.SCHEDULED_WEIGHT * r.priority * s)
        since = rules.late_from(r)
        if days - 1 > since:
            late = m.new_int_var(0, days - 1 - since, f"late[{r.id}]")
            m.add(late >= day - since).only_enforce_if(s)
            built.late[r.id] = late
            terms.append(-rules.LATE_PER_DAY * r.priority * late)

        # A notified interview is placed unless no time works for it (the constant
        # part of its penalty is added below), and kept unless moving it is worth more.
        if r.pinned is not None:
            terms.append(rules.NOTIFIED_DROPPED * s)
            dropped_constant += rules.NOTIFIED_DROPPED
        if r.pinned is not None and r.pinned.officer_id in chosen:
            kept = m.new_bool_var(f"kept[{r.id}]")
            m.add(day == r.pinned.day).only_enforce_if(kept)
            m.add(hour == r.pinned.slot).only_enforce_if(kept)
            m.add_implication(kept, chosen[r.pinned.officer_id])
            moved = m.new_bool_var(f"moved[{r.id}]")
            # moved == s and not kept
            m.add_implication(moved, s)
            m.add_bool_or([moved, kept, s.Not()])
            m.add_implication(kept, moved.Not())
            built.kept[r.id] = (kept, moved)
            terms.append(-rules.MOVED * moved)
        elif r.pinned is not None:
            # The notified officer cannot take it any more: any placement is a move.
            terms.append(-rules.MOVED * s)

    # Redundant totals, for the LP bound: no resource works more slots (or, for an
    # officer, more interviews) over the plan than it has. The NoOverlap and cumulative
    # constraints already imply them; the relaxation does not see that without them.
    for oid, presences in officer_work.items():
        o = officers[oid]
        open_days = len([d for d in o.hours.days if 0 <= d < days])
        m.add(sum(presences) <= o.daily_capacity * open_days)
        m.add(sum(officer_slots[oid]) <= (o.hours.end - o.hours.start) * open_days)
    for iid, slots_used in interpreter_slots.items():
        i = interpreter_by_id[iid]
        open_days = len([d for d in i.hours.days if 0 <= d < days])
        m.add(sum(slots_used) <= (i.hours.end - i.hours.start) * open_days)
    for intervals in officer_intervals.values():
        m.add_no_overlap(intervals)
    for oid, intervals in officer_day_intervals.items():
        m.add_cumulative(intervals, [1] * len(intervals), officers[oid].daily_capacity)
    for intervals in interpreter_intervals.values():
        m.add_no_overlap(intervals)
    for cid, intervals in counsel_intervals.items():
        m.add_cumulative(intervals, [1] * len(intervals), counsel[cid].max_concurrent)
    facilities = {f.id: f for f in instance.facilities}
    for (fid, telephonic), intervals in room_intervals.items():
        place = facilities.get(fid)
        capacity = 0 if place is None else (place.phone_lines if telephonic else place.rooms)
        m.add_cumulative(intervals, [1] * len(intervals), capacity)
    for fam, intervals in family_intervals.items():
        if len(intervals) > 1:
            m.add_no_overlap(intervals)
            used = []
            for d in range(days):
                marks = [on[d] for on in family_days[fam] if d in on]
                if not marks:
                    continue
                u = m.new_bool_var(f"used[{fam},{d}]")
                built.used[(fam, d)] = u
                for mark in marks:
                    m.add_implication(mark, u)
                used.append(u)
            anyone = m.new_bool_var(f"any[{fam}]")
            built.family_any[fam] = anyone
            m.add(anyone <= sum(family_present[fam]))
            terms.append(-rules.FAMILY_SPLIT * (sum(used) - anyone))

    if instance.officers and balance:
        most = m.new_int_var(0, len(instance.requests), "load_max")
        least = m.new_int_var(0, len(instance.requests), "load_min")
        for o in instance.officers:
            count = sum(load.get(o.id, []))
            m.add(most >= count)
            m.add(least <= count)
        terms.append(-rules.IMBALANCE * (most - least))
        built.load_bounds = (most, least)

    # Notified interviews nobody can serve at all pay their penalty whatever happens.
    dropped_constant += rules.NOTIFIED_DROPPED * sum(
        1 for r in built.impossible if r.pinned is not None
    )
    m.maximize(sum(terms) - dropped_constant)
    return built


def _hint(built: _Built, hint: Schedule) -> None:
    """Give a schedule whole (every variable), so the solver starts from it as a
    feasible solution instead of searching for one."""
    instance = built.instance
    requests = {r.id: r for r in instance.requests}
    per_day = instance.slots_per_day
    placed = {a.request_id: a for a in hint.assignments if a.request_id in built.scheduled}
    m = built.model
    for rid, s in built.scheduled.items():
        a = placed.get(rid)
        r = requests[rid]
        m.add_hint(s, a is not None)
        for oid, var in built.officer[rid].items():
            m.add_hint(var, a is not None and a.officer_id == oid)
        for iid, var in built.interpreter[rid].items():
            m.add_hint(var, a is not None and a.interpreter_id == iid)
        day = a.day if a is not None else r.earliest_day
        slot = a.slot if a is not None else 0
        m.add_hint(built.day[rid], day)
        m.add_hint(built.hour[rid], slot)
        m.add_hint(built.start[rid], day * per_day + slot)
        for d, var in built.on_day[rid].items():
            m.add_hint(var, a is not None and a.day == d)
        if rid in built.late:
            m.add_hint(built.late[rid], rules.days_late(r, day) if a is not None else 0)
        if rid in built.kept:
            kept, moved = built.kept[rid]
            pin = r.pinned
            same = (
                a is not None
                and pin is not None
                and (a.day, a.slot, a.officer_id) == (pin.day, pin.slot, pin.officer_id)
            )
            m.add_hint(kept, same)
            m.add_hint(moved, a is not None and not same)
    days_of: dict[str, set[int]] = {}
    for rid, a in placed.items():
        family = requests[rid].family
        if family is not None:
            days_of.setdefault(family, set()).add(a.day)
    for (family, d), var in built.used.items():
        m.add_hint(var, d in days_of.get(family, set()))
    for family, var in built.family_any.items():
        m.add_hint(var, family in days_of)
    if built.load_bounds is not None:
        loads = {o.id: 0 for o in instance.officers}
        for a in placed.values():
            loads[a.officer_id] += 1
        most, least = built.load_bounds
        m.add_hint(most, max(loads.values()))
        m.add_hint(least, min(loads.values()))


@dataclass(frozen=True, slots=True)
class Solved:
    assignments: tuple[Assignment, ...]
    bound: int | None
    status: str
    variables: int
    constraints: int


def solve(instance: Instance, options: SolveOptions, *, balance: bool = True) -> Solved:
    """The solver's best assignments for `instance` and its bound on the model's
    objective (which is `rules.value` when `balance`, else that without the spread)."""
    built = build(instance, balance=balance)
    if options.use_greedy_hint:
        _hint(built, schedule_greedy(instance))
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = options.workers
    params.random_seed = options.seed
    params.log_search_progress = options.log
    # The model is large and its structure plain: deep presolve (probing, symmetry)
    # spent the whole budget on 2,000 requests without reaching the search.
    params.cp_model_probing_level = 0
    params.symmetry_level = 0
    params.max_presolve_iterations = 1
    if options.deterministic:
        params.max_deterministic_time = options.seconds
        params.interleave_search = True
    else:
        params.max_time_in_seconds = options.seconds
    status = solver.solve(built.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assignments: list[Assignment] = []
    if found:
        for rid, s in built.scheduled.items():
            if not solver.boolean_value(s):
                continue
            officer = next(o for o, v in built.officer[rid].items() if solver.boolean_value(v))
            helper = next(
                (i for i, v in built.interpreter[rid].items() if solver.boolean_value(v)), None
            )
            assignments.append(
                Assignment(
                    request_id=rid,
                    day=solver.value(built.day[rid]),
                    slot=solver.value(built.hour[rid]),
                    officer_id=officer,
                    interpreter_id=helper,
                )
            )
    return Solved(
        assignments=tuple(sorted(assignments, key=lambda a: a.request_id)),
        bound=int(solver.best_objective_bound) if found else None,
        status=solver.status_name(status),
        variables=len(built.model.proto.variables),
        constraints=len(built.model.proto.constraints),
    )


def schedule_cpsat(instance: Instance, options: SolveOptions | None = None) -> Schedule:
    """Solve, and return the best schedule found with the solver's bound."""
    options = options or SolveOptions()
    began = time.perf_counter()
    solved = solve(instance, options)
    placed = {a.request_id for a in solved.assignments}
    explainer = Explainer(instance, solved.assignments)
    unscheduled = tuple(explainer.explain(r) for r in instance.requests if r.id not in placed)
    value = rules.value(instance, solved.assignments)
    return Schedule(
        method="cp-sat",
        assignments=solved.assignments,
        unscheduled=unscheduled,
        objective=value,
        bound=max(solved.bound, value) if solved.bound is not None else None,
        status=solved.status,
        seconds=time.perf_counter() - began,
        stats={
            "requests": len(instance.requests),
            "variables": solved.variables,
            "constraints": solved.constraints,
        },
    )


__all__ = ["SolveOptions", "Solved", "Unscheduled", "build", "schedule_cpsat", "solve"]
