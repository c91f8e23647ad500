"""The day plan: which day each request is interviewed, and whether through an
interpreter, with every resource counted by the day instead of by the hour.

It is a relaxation of the whole problem. Any schedule gives a day plan (each interview
on its day, through an interpreter exactly when its officer needs one) that keeps every
constraint here and is worth at least as much, because:
- an officer does at most `daily_capacity` interviews and `hours` slots a day, so the
  interviews at a set of facilities on a day are at most what the officers who work at
  any of them can do; the same for those held in a language the officers speak (done by
  officers who speak it) and those through an interpreter (by officers who do not);
- an interpreter works at most their hours a day, so interpreted interviews in a set of
  languages fill at most the hours of the interpreters of any of them (those at a
  facility: of the remote ones and the ones on site);
- a lawyer attends at most `max_concurrent` at once within their hours; a facility has
  `rooms` (or `phone_lines`) interviews at once all day;
- the value counts lateness, families and notified interviews left out exactly (all
  depend on the day alone), a notified interview as moved only when its day changes,
  and no load spread.
So the optimum here bounds the optimum of the whole, and the solver's bound on it
bounds both: this is where the gap's bound comes from for large instances.

Each (request, day, mode) is offered only when one officer, one interpreter where the
mode needs one, and the lawyer share a window of the interview's length that day, which
every real placement has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain

from ortools.sat.python import cp_model

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.records import Assignment, Instance, Interpreter, Officer, Request


class Mode(StrEnum):
    # The officer interviews in the person's language (or English).
    DIRECT = "direct"
    THROUGH_INTERPRETER = "interpreted"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """`days`: request id -> (day, mode), for the requests the plan schedules.
    `objective`: the plan's worth; `bound`: the solver's bound on any plan's worth, and
    so on any schedule's `rules.value`."""

    days: dict[str, tuple[int, Mode]]
    objective: int
    bound: int
    status: str
    variables: int


def _window(*spans: tuple[int, int]) -> int:
    """How many slots the spans share."""
    return min(end for _, end in spans) - max(start for start, _ in spans)


class _Offers:
    """Which (day, mode) each request can be offered, from who works when."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.counsel = {c.id: c for c in instance.counsel}
        self.rooms = {
            (f.id, telephonic): f.phone_lines if telephonic else f.rooms
            for f in instance.facilities
            for telephonic in (False, True)
        }
        self._officers: dict[tuple[str, str, int, Mode], set[tuple[int, int]]] = {}
        self._interpreters: dict[tuple[str, str, int], set[tuple[int, int]]] = {}

    def _officer_spans(self, r: Request, day: int, mode: Mode) -> set[tuple[int, int]]:
        key = (r.facility, r.language, day, mode)
        if key not in self._officers:
            self._officers[key] = {
                (o.hours.start, o.hours.end)
                for o in self.instance.officers
                if r.facility in o.facilities
                and o.daily_capacity > 0
                and day in o.hours.days
                and rules.needs_interpreter(r, o) == (mode is Mode.THROUGH_INTERPRETER)
            }
        return self._officers[key]

    def _interpreter_spans(self, r: Request, day: int) -> set[tuple[int, int]]:
        key = (r.facility, r.language, day)
        if key not in self._interpreters:
            self._interpreters[key] = {
                (i.hours.start, i.hours.end)
                for i in self.instance.interpreters
                if r.language in i.languages
                and (i.remote or i.facility == r.facility)
                and day in i.hours.days
            }
        return self._interpreters[key]

    def offers(self, r: Request) -> list[tuple[int, Mode]]:
        instance = self.instance
        if not 1 <= r.duration <= instance.slots_per_day:
            return []
        if self.rooms.get((r.facility, r.telephonic), 0) <= 0:
            return []
        lawyer = None
        if r.counsel_id is not None:
            lawyer = self.counsel.get(r.counsel_id)
            if lawyer is None or lawyer.max_concurrent <= 0:
                return []
        out: list[tuple[int, Mode]] = []
        for day in range(max(0, r.earliest_day), instance.days):
            counsel_span = [(0, instance.slots_per_day)]
            if lawyer is not None:
                if day not in lawyer.hours.days:
                    continue
                counsel_span = [(lawyer.hours.start, lawyer.hours.end)]
            for mode in Mode:
                officers = self._officer_spans(r, day, mode)
                helpers = (
                    self._interpreter_spans(r, day)
                    if mode is Mode.THROUGH_INTERPRETER
                    else {(0, instance.slots_per_day)}
                )
                if any(
                    _window(o, i, *counsel_span) >= r.duration for o in officers for i in helpers
                ):
                    out.append((day, mode))
        return out


def worth(instance: Instance, r: Request, day: int) -> int:
    """What placing `r` on `day` adds in the day plan (see the module docstring)."""
    points = rules.SCHEDULED_WEIGHT * r.priority
    points -= rules.LATE_PER_DAY * r.priority * rules.days_late(r, day)
    if r.pinned is not None:
        # Placed, it escapes the penalty of a notified interview left out (the
        # penalty itself is the model's constant).
        points += rules.NOTIFIED_DROPPED
        notified_officer_can = any(
            o.id == r.pinned.officer_id for o in rules.officers_for(r, instance)
        )
        if not notified_officer_can or day != r.pinned.day:
            points -= rules.MOVED
    return points


def _facility_sets(officers: Iterable[Officer], everywhere: frozenset[str]) -> set[frozenset[str]]:
    """The sets of facilities whose officers' totals are constrained: each facility,
    each set some officer covers, and all of them."""
    sets = {frozenset({f}) for f in everywhere} | {o.facilities & everywhere for o in officers}
    sets.add(everywhere)
    return {s for s in sets if s}


def _language_sets(interpreters: Iterable[Interpreter]) -> set[frozenset[str]]:
    listed = [i.languages for i in interpreters]
    singles = {frozenset({lang}) for langs in listed for lang in langs}
    return singles | set(listed) | ({frozenset(chain.from_iterable(listed))} if listed else set())


def build(  # noqa: PLR0912, PLR0915 - one model, read top to bottom
    instance: Instance,
) -> tuple[cp_model.CpModel, dict[tuple[str, int, Mode], cp_model.IntVar]]:
    """The day-plan model and its (request, day, mode) literals."""
    m = cp_model.CpModel()
    offers = _Offers(instance)
    x: dict[tuple[str, int, Mode], cp_model.IntVar] = {}
    requests = {r.id: r for r in instance.requests}
    by_request: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_request_day: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    terms: list[cp_model.LinearExprT] = []
    for r in instance.requests:
        for day, mode in offers.offers(r):
            lit = m.new_bool_var(f"x[{r.id},{day},{mode}]")
            x[(r.id, day, mode)] = lit
            by_request[r.id].append(lit)
            by_request_day[(r.id, day)].append(lit)
            terms.append(worth(instance, r, day) * lit)
    for lits in by_request.values():
        if len(lits) > 1:
            m.add_at_most_one(lits)

    # Everything below is a sum over one day's literals.
    by_day: dict[int, list[tuple[Request, Mode, cp_model.IntVar]]] = defaultdict(list)
    for (rid, day, mode), lit in x.items():
        by_day[day].append((requests[rid], mode, lit))

    everywhere = frozenset(f.id for f in instance.facilities)
    facility_sets = _facility_sets(instance.officers, everywhere)
    language_sets = _language_sets(instance.interpreters)
    slots = instance.slots_per_day
    for day, entries in by_day.items():
        working = [o for o in instance.officers if day in o.hours.days and o.daily_capacity > 0]

        def length(o: Officer) -> int:
            return max(0, o.hours.end - o.hours.start)

        def cap(o: Officer) -> int:
            # Interviews an officer can hold in a day: capacity, and one a slot.
            return min(o.daily_capacity, length(o))

        for places in facility_sets:
            team = [o for o in working if o.facilities & places]
            held = [(r, lit) for r, _, lit in entries if r.facility in places]
            if held:
                m.add(sum(lit for _, lit in held) <= sum(cap(o) for o in team))
                m.add(sum(r.duration * lit for r, lit in held) <= sum(length(o) for o in team))
        # By mode: officers who speak the language, and officers who do not.
        by_language: dict[tuple[str, str, Mode], list[tuple[Request, cp_model.IntVar]]] = (
            defaultdict(list)
        )
        for r, mode, lit in entries:
            by_language[(r.facility, r.language, mode)].append((r, lit))
        for (facility, language, mode), held in by_language.items():
            probe = Request(id="", facility=facility, language=language, earliest_day=0, due_day=0)
            team = [
                o
                for o in working
                if facility in o.facilities
                and rules.needs_interpreter(probe, o) == (mode is Mode.THROUGH_INTERPRETER)
            ]
            m.add(sum(lit for _, lit in held) <= sum(cap(o) for o in team))
            m.add(sum(r.duration * lit for r, lit in held) <= sum(length(o) for o in team))

        # Interpreters: by set of languages, and by language at a facility.
        interpreted = [(r, lit) for r, mode, lit in entries if mode is Mode.THROUGH_INTERPRETER]
        present = [i for i in instance.interpreters if day in i.hours.days]
        for languages in language_sets:
            held = [(r, lit) for r, lit in interpreted if r.language in languages]
            if held:
                supply = sum(
                    max(0, i.hours.end - i.hours.start) for i in present if i.languages & languages
                )
                m.add(sum(r.duration * lit for r, lit in held) <= supply)
        at_site: dict[tuple[str, str], list[tuple[Request, cp_model.IntVar]]] = defaultdict(list)
        for r, lit in interpreted:
            at_site[(r.facility, r.language)].append((r, lit))
        for (facility, language), held in at_site.items():
            supply = sum(
                max(0, i.hours.end - i.hours.start)
                for i in present
                if language in i.languages and (i.remote or i.facility == facility)
            )
            m.add(sum(r.duration * lit for r, lit in held) <= supply)

        # Counsel, rooms and phone lines.
        lawyers: dict[str, list[tuple[Request, cp_model.IntVar]]] = defaultdict(list)
        rooms: dict[tuple[str, bool], list[tuple[Request, cp_model.IntVar]]] = defaultdict(list)
        for r, _, lit in entries:
            if r.counsel_id is not None:
                lawyers[r.counsel_id].append((r, lit))
            rooms[(r.facility, r.telephonic)].append((r, lit))
        for cid, held in lawyers.items():
            c = offers.counsel[cid]
            limit = c.max_concurrent * max(0, c.hours.end - c.hours.start)
            if sum(r.duration for r, _ in held) > limit:
                m.add(sum(r.duration * lit for r, lit in held) <= limit)
        for key, held in rooms.items():
            limit = offers.rooms[key] * slots
            if sum(r.duration for r, _ in held) > limit:
                m.add(sum(r.duration * lit for r, lit in held) <= limit)

    # Families: each extra day a family is spread over costs what it costs in `value`.
    members: dict[str, list[str]] = defaultdict(list)
    for r in instance.requests:
        if r.family is not None and by_request.get(r.id):
            members[r.family].append(r.id)
    for family, ids in members.items():
        if len(ids) < 2:
            continue
        used = []
        for day in range(instance.days):
            marks = list(chain.from_iterable(by_request_day[(rid, day)] for rid in ids))
            if not marks:
                continue
            u = m.new_bool_var(f"used[{family},{day}]")
            for mark in marks:
                m.add_implication(mark, u)
            used.append(u)
        anyone = m.new_bool_var(f"any[{family}]")
        m.add(anyone <= sum(chain.from_iterable(by_request[rid] for rid in ids)))
        terms.append(-rules.FAMILY_SPLIT * (sum(used) - anyone))

    dropped = rules.NOTIFIED_DROPPED * sum(1 for r in instance.requests if r.pinned is not None)
    m.maximize(sum(terms) - dropped)
    return m, x


def plan_days(
    instance: Instance,
    *,
    seconds: float,
    workers: int,
    seed: int,
    deterministic: bool,
    hint: Iterable[Assignment] = (),
) -> DayPlan:
    """Solve the day plan, starting from `hint` (a schedule's days and modes)."""
    model, x = build(instance)
    officers = {o.id: o for o in instance.officers}
    requests = {r.id: r for r in instance.requests}
    hinted = set()
    for a in hint:
        needs = rules.needs_interpreter(requests[a.request_id], officers[a.officer_id])
        key = (a.request_id, a.day, Mode.THROUGH_INTERPRETER if needs else Mode.DIRECT)
        if key in x:
            hinted.add(key)
    if hinted:
        for key, lit in x.items():
            model.add_hint(lit, key in hinted)
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    # As for the full model: deep presolve costs more than it saves here.
    params.cp_model_probing_level = 0
    params.symmetry_level = 0
    params.max_presolve_iterations = 1
    if deterministic:
        params.max_deterministic_time = seconds
        params.interleave_search = True
    else:
        params.max_time_in_seconds = seconds
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    chosen: dict[str, tuple[int, Mode]] = {}
    if found:
        for (rid, day, mode), lit in x.items():
            if solver.boolean_value(lit):
                chosen[rid] = (day, mode)
    ceiling = sum(rules.SCHEDULED_WEIGHT * r.priority for r in instance.requests)
    return DayPlan(
        days=chosen,
        objective=int(solver.objective_value) if found else 0,
        bound=int(solver.best_objective_bound) if found else ceiling,
        status=solver.status_name(status),
        variables=len(x),
    )
