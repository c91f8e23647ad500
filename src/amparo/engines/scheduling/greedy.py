"""What a careful coordinator does by hand, and why a request found no time.

`schedule_greedy` takes the requests most urgent first (due day, then priority, then
earliest day, then id). Interviews already notified (`pinned`) keep their time when it is
still free. Every other request takes the first (day, slot) in `rules.day_slots` order
where a compatible officer (fewest interviews so far first, then id), an interpreter if
that officer needs one (fewest interviews first, then id), the counsel, a room or phone
line and the family are all free.

Occupancy is kept as bitmasks: for each resource and day, one int whose bit `s` says
slot `s` is taken (or, for rooms and counsel, full). A start slot fits when the
`duration` bits from it are all free, which `_starts` finds for a whole day at once.

`explain` (and `Explainer`, for many requests against the same assignments) says why a
request is unscheduled, from the final assignments alone, so any scheduler can use it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.records import (
    Assignment,
    Hours,
    Instance,
    Interpreter,
    Officer,
    Reason,
    Request,
    Schedule,
    Unscheduled,
)

# How a coordinator writes the languages the generator and the app use.
LANGUAGE_NAMES = {
    "english": "English",
    "spanish": "Spanish",
    "kiche": "K'iche'",
    "mam": "Mam",
    "qanjobal": "Q'anjob'al",
    "akateko": "Akateko",
    "ixil": "Ixil",
    "chuj": "Chuj",
    "kaqchikel": "Kaqchikel",
    "qeqchi": "Q'eqchi'",
    "portuguese": "Portuguese",
    "haitian_creole": "Haitian Creole",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _span(start: int, end: int, slots: int) -> int:
    """The mask of slots `start` to `end` (exclusive), clipped to the day."""
    start, end = max(0, start), min(end, slots)
    if end <= start:
        return 0
    return ((1 << end) - 1) ^ ((1 << start) - 1)


def _starts(free: int, duration: int) -> int:
    """The start slots from which `duration` slots in a row are all in `free`."""
    if duration < 1:
        return 0
    out = free
    for k in range(1, duration):
        out &= free >> k
    return out


class Occupancy:
    """Who and what is taken when, given the assignments added so far.

    Each `*_free(id, day)` answers a mask of the slots still free that day (0 when the
    resource is unknown, off that day, or, for an officer, at the day's capacity)."""

    def __init__(self, instance: Instance) -> None:
        self.days = instance.days
        self.slots = instance.slots_per_day
        self.whole_day = _span(0, self.slots, self.slots)
        days = range(self.days)
        self.officers = {o.id: o for o in instance.officers}
        self.interpreters = {i.id: i for i in instance.interpreters}
        self.counsel = {c.id: c for c in instance.counsel}
        self.facilities = {f.id: f for f in instance.facilities}

        self.officer_hours = {o.id: self._hours(o.hours) for o in instance.officers}
        self.officer_busy = {o.id: [0] * self.days for o in instance.officers}
        self.officer_count = {o.id: [0] * self.days for o in instance.officers}
        self.officer_load = dict.fromkeys(self.officers, 0)

        self.interpreter_hours = {i.id: self._hours(i.hours) for i in instance.interpreters}
        self.interpreter_busy = {i.id: [0] * self.days for i in instance.interpreters}
        self.interpreter_load = dict.fromkeys(self.interpreters, 0)

        # Counsel and rooms have a capacity per slot: a count per slot, and a mask of
        # the slots where the count has reached it.
        self.counsel_hours = {
            c.id: self._hours(c.hours) if c.max_concurrent > 0 else [0] * self.days
            for c in instance.counsel
        }
        self.counsel_count = {c.id: [[0] * self.slots for _ in days] for c in instance.counsel}
        self.counsel_full = {c.id: [0] * self.days for c in instance.counsel}

        self.room_count: dict[tuple[str, bool], list[list[int]]] = {}
        self.room_full: dict[tuple[str, bool], list[int]] = {}
        self.room_capacity: dict[tuple[str, bool], int] = {}
        for f in instance.facilities:
            for telephonic, capacity in ((False, f.rooms), (True, f.phone_lines)):
                key = (f.id, telephonic)
                self.room_capacity[key] = capacity
                self.room_count[key] = [[0] * self.slots for _ in days]
                self.room_full[key] = [self.whole_day if capacity <= 0 else 0 for _ in days]

        self.family_busy: dict[str, list[int]] = {}

    def _hours(self, hours: Hours) -> list[int]:
        mask = _span(hours.start, hours.end, self.slots)
        return [mask if d in hours.days else 0 for d in range(self.days)]

    def officer_free(self, officer: Officer, day: int) -> int:
        if self.officer_count[officer.id][day] >= officer.daily_capacity:
            return 0
        return self.officer_hours[officer.id][day] & ~self.officer_busy[officer.id][day]

    def interpreter_free(self, interpreter_id: str, day: int) -> int:
        return (
            self.interpreter_hours[interpreter_id][day]
            & ~self.interpreter_busy[interpreter_id][day]
        )

    def counsel_free(self, request: Request, day: int) -> int:
        if request.counsel_id is None:
            return self.whole_day
        if request.counsel_id not in self.counsel:
            return 0
        return (
            self.counsel_hours[request.counsel_id][day]
            & ~self.counsel_full[request.counsel_id][day]
        )

    def room_free(self, request: Request, day: int) -> int:
        full = self.room_full.get((request.facility, request.telephonic))
        return 0 if full is None else self.whole_day & ~full[day]

    def family_free(self, request: Request, day: int) -> int:
        if request.family is None or request.family not in self.family_busy:
            return self.whole_day
        return self.whole_day & ~self.family_busy[request.family][day]

    def add(self, request: Request, a: Assignment) -> None:
        """Take what `a` uses. Unknown ids and times outside the plan are skipped, so
        that any scheduler's output can be read back."""
        if not 0 <= a.day < self.days:
            return
        mask = _span(a.slot, a.slot + request.duration, self.slots)
        slots = [s for s in range(self.slots) if mask >> s & 1]
        if a.officer_id in self.officers:
            self.officer_busy[a.officer_id][a.day] |= mask
            self.officer_count[a.officer_id][a.day] += 1
            self.officer_load[a.officer_id] += 1
        if a.interpreter_id is not None and a.interpreter_id in self.interpreters:
            self.interpreter_busy[a.interpreter_id][a.day] |= mask
            self.interpreter_load[a.interpreter_id] += 1
        if request.counsel_id is not None and request.counsel_id in self.counsel:
            most = self.counsel[request.counsel_id].max_concurrent
            counts = self.counsel_count[request.counsel_id][a.day]
            for s in slots:
                counts[s] += 1
                if counts[s] >= most:
                    self.counsel_full[request.counsel_id][a.day] |= 1 << s
        key = (request.facility, request.telephonic)
        if key in self.room_count:
            capacity = self.room_capacity[key]
            counts = self.room_count[key][a.day]
            for s in slots:
                counts[s] += 1
                if counts[s] >= capacity:
                    self.room_full[key][a.day] |= 1 << s
        if request.family is not None:
            busy = self.family_busy.setdefault(request.family, [0] * self.days)
            busy[a.day] |= mask

    def context_free(self, request: Request, day: int) -> int:
        """Slots where the counsel, a room or line, and the family are all free."""
        return (
            self.room_free(request, day)
            & self.counsel_free(request, day)
            & self.family_free(request, day)
        )


def _schedulable(request: Request, occupancy: Occupancy) -> bool:
    return (
        1 <= request.duration <= occupancy.slots
        and request.facility in occupancy.facilities
        and (request.counsel_id is None or request.counsel_id in occupancy.counsel)
    )


def _by_load(
    officers: Sequence[Officer], interpreters: Sequence[Interpreter], occupancy: Occupancy
) -> tuple[list[Officer], list[Interpreter]]:
    return (
        sorted(officers, key=lambda o: (occupancy.officer_load[o.id], o.id)),
        sorted(interpreters, key=lambda i: (occupancy.interpreter_load[i.id], i.id)),
    )


def _first_fit(
    request: Request,
    officers: Sequence[Officer],
    interpreters: Sequence[Interpreter],
    occupancy: Occupancy,
) -> Assignment | None:
    """The first (day, slot) with everyone free, and who takes it."""
    duration = request.duration
    officers, interpreters = _by_load(officers, interpreters, occupancy)
    needs = [rules.needs_interpreter(request, o) for o in officers]
    for day in range(max(0, request.earliest_day), occupancy.days):
        base = _starts(occupancy.context_free(request, day), duration)
        if not base:
            continue
        fits: list[tuple[Officer, int, bool]] = []
        free_interpreters: list[tuple[Interpreter, int]] = []
        with_interpreter = 0
        if any(needs):
            for i in interpreters:
                starts = _starts(occupancy.interpreter_free(i.id, day), duration)
                if starts:
                    free_interpreters.append((i, starts))
                    with_interpreter |= starts
        union = 0
        for officer, need in zip(officers, needs, strict=True):
            starts = _starts(occupancy.officer_free(officer, day), duration) & base
            if need:
                starts &= with_interpreter
            if starts:
                fits.append((officer, starts, need))
                union |= starts
        if not union:
            continue
        first = union & -union
        officer, _, need = next(f for f in fits if f[1] & first)
        interpreter = next(i for i, s in free_interpreters if s & first) if need else None
        return Assignment(
            request.id,
            day,
            first.bit_length() - 1,
            officer.id,
            None if interpreter is None else interpreter.id,
        )
    return None


def _keep_pinned(
    request: Request,
    officers: Sequence[Officer],
    interpreters: Sequence[Interpreter],
    occupancy: Occupancy,
) -> Assignment | None:
    """The notified time, if its officer and everything else are still free then."""
    pinned = request.pinned
    if pinned is None or not max(0, request.earliest_day) <= pinned.day < occupancy.days:
        return None
    day, slot, duration = pinned.day, pinned.slot, request.duration
    officer = next((o for o in officers if o.id == pinned.officer_id), None)
    bit = 1 << slot if slot >= 0 else 0
    if (
        officer is None
        or not _starts(occupancy.context_free(request, day), duration) & bit
        or not _starts(occupancy.officer_free(officer, day), duration) & bit
    ):
        return None
    interpreter_id = None
    if rules.needs_interpreter(request, officer):
        # The notified interpreter if still free, else the least used one.
        _, ordered = _by_load([], interpreters, occupancy)
        ordered.sort(key=lambda i: i.id != pinned.interpreter_id)
        interpreter_id = next(
            (
                i.id
                for i in ordered
                if _starts(occupancy.interpreter_free(i.id, day), duration) & bit
            ),
            None,
        )
        if interpreter_id is None:
            return None
    return Assignment(request.id, day, slot, officer.id, interpreter_id)


def urgency(request: Request) -> tuple[int, int, int, str]:
    """The coordinator's order: due first, then higher priority, earlier, by id."""
    return (request.due_day, -request.priority, request.earliest_day, request.id)


def schedule_greedy(instance: Instance) -> Schedule:
    """Notified times kept where still free, then everyone else first come first
    served in `urgency` order; every request left out is explained."""
    began = time.perf_counter()
    occupancy = Occupancy(instance)
    order = sorted(instance.requests, key=urgency)
    duplicate = {rid for rid, n in Counter(r.id for r in instance.requests).items() if n > 1}
    placed: dict[str, Assignment] = {}
    candidates: dict[str, tuple[list[Officer], list[Interpreter]]] = {}
    for r in order:
        if r.id not in duplicate and _schedulable(r, occupancy):
            candidates[r.id] = (
                rules.officers_for(r, instance),
                rules.interpreters_for(r, instance),
            )

    def place(r: Request, a: Assignment | None) -> None:
        if a is not None:
            occupancy.add(r, a)
            placed[r.id] = a

    for r in order:
        if r.pinned is not None and r.id in candidates:
            place(r, _keep_pinned(r, *candidates[r.id], occupancy))
    kept = len(placed)
    for r in order:
        if r.id in candidates and r.id not in placed:
            place(r, _first_fit(r, *candidates[r.id], occupancy))

    assignments = tuple(placed[r.id] for r in instance.requests if r.id in placed)
    explainer = Explainer(instance, assignments)
    unscheduled = tuple(
        Unscheduled(r.id, Reason.INVALID, f"request id {r.id} is used by several requests")
        if r.id in duplicate
        else explainer.explain(r)
        for r in instance.requests
        if r.id not in placed
    )
    requests = {r.id: r for r in instance.requests}
    late = sum(1 for a in assignments if a.day > requests[a.request_id].due_day)
    pinned = sum(1 for r in instance.requests if r.pinned is not None)
    stats = {
        "requests": len(instance.requests),
        "scheduled": len(assignments),
        "unscheduled": len(unscheduled),
        "late": late,
        "pinned": pinned,
        "pinned_kept": kept,
    }
    return Schedule(
        method="greedy",
        assignments=assignments,
        unscheduled=unscheduled,
        objective=rules.value(instance, assignments),
        bound=None,
        status="FEASIBLE",
        seconds=time.perf_counter() - began,
        stats=stats,
    )


# Why a request found no time: the kinds of resource, in the order ties are broken.
_KINDS = ("officer", "interpreter", "counsel", "room", "family")


class Explainer:
    """Explains unscheduled requests against one set of final assignments (read once,
    however many requests are explained). The requests explained should not be among
    the assignments."""

    def __init__(self, instance: Instance, assignments: Iterable[Assignment]) -> None:
        self.instance = instance
        self.occupancy = Occupancy(instance)
        requests = {r.id: r for r in instance.requests}
        for a in assignments:
            r = requests.get(a.request_id)
            if r is not None:
                self.occupancy.add(r, a)

    def _when(self, request: Request) -> str:
        if request.earliest_day <= request.due_day < self.instance.days:
            return f"by day {request.due_day}"
        days = self.instance.days
        return f"in the {days} day{'' if days == 1 else 's'} planned"

    def explain(self, request: Request) -> Unscheduled:
        static = self._static(request)
        if static is not None:
            return static
        return self._busy(request)

    def _static(self, request: Request) -> Unscheduled | None:
        """A reason that holds whatever else is scheduled, if there is one."""
        for check in (
            self._invalid,
            self._no_officer,
            self._no_interpreter,
            self._no_counsel,
            self._no_room,
        ):
            found = check(request)
            if found is not None:
                return Unscheduled(request.id, *found)
        return None

    def _invalid(self, request: Request) -> tuple[Reason, str] | None:
        instance = self.instance
        if request.facility not in self.occupancy.facilities:
            return Reason.INVALID, f"{request.facility} is not a facility in the plan"
        if not 1 <= request.duration <= instance.slots_per_day:
            return (
                Reason.INVALID,
                f"it lasts {request.duration} slots; a day has {instance.slots_per_day}",
            )
        if request.earliest_day >= instance.days:
            return (
                Reason.INVALID,
                f"it cannot start before day {request.earliest_day}, after the "
                f"{instance.days} days planned",
            )
        if request.counsel_id is not None and request.counsel_id not in self.occupancy.counsel:
            return Reason.INVALID, f"counsel {request.counsel_id} is not in the plan"
        return None

    def _no_officer(self, request: Request) -> tuple[Reason, str] | None:
        if not any(request.facility in o.facilities for o in self.instance.officers):
            return Reason.NO_OFFICER, f"no officer works at {request.facility}"
        if not rules.officers_for(request, self.instance):
            return (
                Reason.NO_OFFICER,
                f"no officer at {request.facility} works from day {request.earliest_day} on",
            )
        return None

    def _no_interpreter(self, request: Request) -> tuple[Reason, str] | None:
        officers = rules.officers_for(request, self.instance)
        if all(rules.needs_interpreter(request, o) for o in officers) and not (
            rules.interpreters_for(request, self.instance)
        ):
            name = language_name(request.language)
            return Reason.NO_INTERPRETER, f"no {name} interpreter serves {request.facility}"
        return None

    def _no_counsel(self, request: Request) -> tuple[Reason, str] | None:
        if request.counsel_id is None:
            return None
        hours = self.occupancy.counsel_hours[request.counsel_id]
        days = range(max(0, request.earliest_day), self.instance.days)
        if any(_starts(hours[d], request.duration) for d in days):
            return None
        return (
            Reason.COUNSEL_UNAVAILABLE,
            f"counsel {request.counsel_id} is not available from day {request.earliest_day} on",
        )

    def _no_room(self, request: Request) -> tuple[Reason, str] | None:
        if self.occupancy.room_capacity[(request.facility, request.telephonic)] > 0:
            return None
        what = "phone lines" if request.telephonic else "interview rooms"
        return Reason.NO_ROOM, f"{request.facility} has no {what}"

    def _busy(self, request: Request) -> Unscheduled:
        """Over every start from the earliest day, the resource most often missing."""
        occupancy, duration = self.occupancy, request.duration
        officers = rules.officers_for(request, self.instance)
        interpreters = rules.interpreters_for(request, self.instance)
        needs = [rules.needs_interpreter(request, o) for o in officers]
        valid = _starts(occupancy.whole_day, duration)
        missing = dict.fromkeys(_KINDS, 0)
        fits_at: tuple[int, int] | None = None
        for day in range(max(0, request.earliest_day), occupancy.days):
            speaking = needing = 0
            for officer, need in zip(officers, needs, strict=True):
                starts = _starts(occupancy.officer_free(officer, day), duration)
                if need:
                    needing |= starts
                else:
                    speaking |= starts
            interpreting = 0
            for i in interpreters:
                interpreting |= _starts(occupancy.interpreter_free(i.id, day), duration)
            counsel = _starts(occupancy.counsel_free(request, day), duration)
            room = _starts(occupancy.room_free(request, day), duration)
            family = _starts(occupancy.family_free(request, day), duration)
            missing["officer"] += (valid & ~(speaking | needing)).bit_count()
            if any(needs):
                missing["interpreter"] += (valid & ~(speaking | interpreting)).bit_count()
            missing["counsel"] += (valid & ~counsel).bit_count()
            missing["room"] += (valid & ~room).bit_count()
            missing["family"] += (valid & ~family).bit_count()
            fits = (speaking | (needing & interpreting)) & counsel & room & family
            if fits and fits_at is None:
                fits_at = (day, (fits & -fits).bit_length() - 1)
        if fits_at is not None:
            return Unscheduled(
                request.id,
                Reason.CAPACITY,
                f"it still fits on day {fits_at[0]}, slot {fits_at[1]}, but was left out",
            )
        kind = max(_KINDS, key=lambda k: missing[k])
        return Unscheduled(request.id, *self._sentence(request, kind))

    def _sentence(self, request: Request, kind: str) -> tuple[Reason, str]:
        when = self._when(request)
        if kind == "officer":
            return Reason.NO_OFFICER, f"no officer free at {request.facility} {when}"
        if kind == "interpreter":
            name = language_name(request.language)
            return Reason.NO_INTERPRETER, f"no {name} interpreter free {when}"
        if kind == "counsel":
            return Reason.COUNSEL_UNAVAILABLE, f"counsel {request.counsel_id} not free {when}"
        if kind == "room":
            what = "phone line" if request.telephonic else "interview room"
            return Reason.NO_ROOM, f"no {what} free at {request.facility} {when}"
        return Reason.FAMILY, f"family {request.family}'s other interviews take the times {when}"


def explain(instance: Instance, request: Request, assignments: Iterable[Assignment]) -> Unscheduled:
    """Why `request` has no time, given everything else that was scheduled: a static
    reason if there is one (no officer works at the facility; no interpreter of the
    language serves it; counsel never available), else the kind of resource most often
    missing over every start from the earliest day."""
    others = [a for a in assignments if a.request_id != request.id]
    return Explainer(instance, others).explain(request)
