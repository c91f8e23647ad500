"""The ground truth for any schedule: every hard rule checked on its own, slot by slot,
with nothing shared with the schedulers but the records and `rules`.

`violations` answers with sentences a coordinator can act on ("officer o003 is booked for
r0012 and r0040 on day 2, slot 3"); an empty list means the schedule can be sent. It is
deliberately plain: one occupancy map per kind of resource, filled by walking the
assignments, then read back for anything over capacity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.records import Assignment, Instance, Officer, Request

# (resource id, day, slot) -> the requests using it then.
_Use = defaultdict[tuple[str, int, int], list[str]]


def _names(ids: list[str]) -> str:
    return ", ".join(ids[:-1]) + " and " + ids[-1] if len(ids) > 1 else ids[0]


def violations(instance: Instance, assignments: Iterable[Assignment]) -> list[str]:
    """Every broken hard rule, one sentence each (per slot for anything double-booked)."""
    checker = _Checker(instance)
    for a in assignments:
        checker.read(a)
    return checker.found + checker.overbooked()


class _Checker:
    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.requests = {r.id: r for r in instance.requests}
        self.officers = {o.id: o for o in instance.officers}
        self.interpreters = {i.id: i for i in instance.interpreters}
        self.counsel = {c.id: c for c in instance.counsel}
        self.facilities = {f.id: f for f in instance.facilities}
        self.found: list[str] = []
        self.seen: set[str] = set()
        self.officer_use: _Use = defaultdict(list)
        self.officer_day: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
        self.interpreter_use: _Use = defaultdict(list)
        self.counsel_use: _Use = defaultdict(list)
        self.room_use: _Use = defaultdict(list)
        self.line_use: _Use = defaultdict(list)
        self.family_use: _Use = defaultdict(list)

    def read(self, a: Assignment) -> None:
        r = self.requests.get(a.request_id)
        if r is None:
            self.found.append(f"an assignment names request {a.request_id}, not in the plan")
            return
        if r.id in self.seen:
            self.found.append(f"request {r.id} is assigned more than once")
            return
        self.seen.add(r.id)
        self._time(r, a)
        officer = self._officer(r, a)
        self._interpreter(r, a, officer)
        self._counsel(r, a)
        self._room(r, a)
        if r.family is not None:
            for s in self._span(r, a):
                self.family_use[(r.family, a.day, s)].append(r.id)

    @staticmethod
    def _span(r: Request, a: Assignment) -> range:
        return range(a.slot, a.slot + r.duration)

    @staticmethod
    def _when(r: Request, a: Assignment) -> str:
        last = a.slot + r.duration - 1
        if last == a.slot:
            return f"day {a.day}, slot {a.slot}"
        return f"day {a.day}, slots {a.slot}-{last}"

    def _time(self, r: Request, a: Assignment) -> None:
        days, slots = self.instance.days, self.instance.slots_per_day
        if not 0 <= a.day < days:
            self.found.append(f"request {r.id} is on day {a.day}, outside the {days} days planned")
        if a.day < r.earliest_day:
            self.found.append(
                f"request {r.id} is on day {a.day}, before its earliest day {r.earliest_day}"
            )
        if r.duration < 1:
            self.found.append(f"request {r.id} lasts {r.duration} slots and cannot be held")
        elif a.slot < 0 or a.slot + r.duration > slots:
            self.found.append(
                f"request {r.id} runs over {self._when(r, a)}, outside the day's slots "
                f"0-{slots - 1}"
            )

    def _officer(self, r: Request, a: Assignment) -> Officer | None:
        officer = self.officers.get(a.officer_id)
        if officer is None:
            self.found.append(f"request {r.id} names officer {a.officer_id}, not in the plan")
            return None
        if r.facility not in officer.facilities:
            self.found.append(
                f"officer {officer.id} does not work at {r.facility} (request {r.id})"
            )
        if not officer.hours.covers(a.day, a.slot, r.duration):
            self.found.append(
                f"officer {officer.id} is not available on {self._when(r, a)} (request {r.id})"
            )
        self.officer_day[(officer.id, a.day)].append(r.id)
        for s in self._span(r, a):
            self.officer_use[(officer.id, a.day, s)].append(r.id)
        return officer

    def _interpreter(self, r: Request, a: Assignment, officer: Officer | None) -> None:
        if a.interpreter_id is None:
            if officer is not None and rules.needs_interpreter(r, officer):
                self.found.append(
                    f"request {r.id} needs a {r.language} interpreter (officer {officer.id} "
                    "does not speak it) but has none"
                )
            return
        interpreter = self.interpreters.get(a.interpreter_id)
        if interpreter is None:
            self.found.append(
                f"request {r.id} names interpreter {a.interpreter_id}, not in the plan"
            )
            return
        iid = interpreter.id
        # Even when the officer speaks the language, an interpreter named must fit.
        if interpreter not in rules.interpreters_for(r, self.instance):
            if r.language not in interpreter.languages:
                self.found.append(f"interpreter {iid} does not speak {r.language} (request {r.id})")
            elif not interpreter.remote and interpreter.facility != r.facility:
                self.found.append(
                    f"interpreter {iid} works on site at {interpreter.facility}, "
                    f"not at {r.facility} (request {r.id})"
                )
            else:
                self.found.append(f"interpreter {iid} cannot serve request {r.id}")
        if not interpreter.hours.covers(a.day, a.slot, r.duration):
            self.found.append(
                f"interpreter {iid} is not available on {self._when(r, a)} (request {r.id})"
            )
        for s in self._span(r, a):
            self.interpreter_use[(iid, a.day, s)].append(r.id)

    def _counsel(self, r: Request, a: Assignment) -> None:
        if r.counsel_id is None:
            return
        lawyer = self.counsel.get(r.counsel_id)
        if lawyer is None:
            self.found.append(f"request {r.id} names counsel {r.counsel_id}, not in the plan")
            return
        if not lawyer.hours.covers(a.day, a.slot, r.duration):
            self.found.append(
                f"counsel {lawyer.id} is not available on {self._when(r, a)} (request {r.id})"
            )
        for s in self._span(r, a):
            self.counsel_use[(lawyer.id, a.day, s)].append(r.id)

    def _room(self, r: Request, a: Assignment) -> None:
        if r.facility not in self.facilities:
            self.found.append(f"request {r.id} is at {r.facility}, not a facility in the plan")
            return
        use = self.line_use if r.telephonic else self.room_use
        for s in self._span(r, a):
            use[(r.facility, a.day, s)].append(r.id)

    def overbooked(self) -> list[str]:
        """Officers and interpreters booked twice at a slot, officers over their day's
        capacity; then everything shared."""
        out: list[str] = []
        for (oid, day, slot), ids in self.officer_use.items():
            if len(ids) > 1:
                out.append(f"officer {oid} is booked for {_names(ids)} on day {day}, slot {slot}")
        for (oid, day), ids in self.officer_day.items():
            cap = self.officers[oid].daily_capacity
            if len(ids) > cap:
                out.append(
                    f"officer {oid} has {len(ids)} interviews on day {day}, more than their "
                    f"{cap} a day ({_names(ids)})"
                )
        for (iid, day, slot), ids in self.interpreter_use.items():
            if len(ids) > 1:
                out.append(
                    f"interpreter {iid} is booked for {_names(ids)} on day {day}, slot {slot}"
                )
        return out + self._shared_overbooked()

    def _shared_overbooked(self) -> list[str]:
        """Counsel, rooms, lines and families: more than their capacity at a slot."""
        out: list[str] = []
        for (cid, day, slot), ids in self.counsel_use.items():
            most = self.counsel[cid].max_concurrent
            if len(ids) > most:
                out.append(
                    f"counsel {cid} is in {len(ids)} interviews at once on day {day}, "
                    f"slot {slot}, more than their {most} ({_names(ids)})"
                )
        for (fid, day, slot), ids in self.room_use.items():
            rooms = self.facilities[fid].rooms
            if len(ids) > rooms:
                out.append(
                    f"{fid} has {len(ids)} in-person interviews on day {day}, slot {slot} "
                    f"but {rooms} rooms ({_names(ids)})"
                )
        for (fid, day, slot), ids in self.line_use.items():
            lines = self.facilities[fid].phone_lines
            if len(ids) > lines:
                out.append(
                    f"{fid} has {len(ids)} telephonic interviews on day {day}, slot {slot} "
                    f"but {lines} phone lines ({_names(ids)})"
                )
        for (family, day, slot), ids in self.family_use.items():
            if len(ids) > 1:
                out.append(
                    f"family {family} has {_names(ids)} at the same time on day {day}, slot {slot}"
                )
        return out
