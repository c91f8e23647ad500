"""What the scheduler reads and returns, as plain frozen data.

Time is a grid: `days` working days of `slots_per_day` one-hour slots. An interview
starts at a slot and lasts `duration` slots inside one day. Every resource says when it
is available as a set of days and a range of slots within each day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Hours:
    """Available on `days` (day numbers, 0-based), slots `start` to `end` (exclusive)."""

    days: frozenset[int]
    start: int
    end: int

    def covers(self, day: int, slot: int, duration: int) -> bool:
        return day in self.days and self.start <= slot and slot + duration <= self.end


@dataclass(frozen=True, slots=True)
class Request:
    """One interview to schedule.

    `facility`: where it is held (for a telephonic interview, where the officer sits and
    the phone line is). `language`: the person's best language. `counsel_id`: the
    person's lawyer, who must be free too (None when unrepresented). `earliest_day` is
    hard; `due_day` is the last day without lateness. `priority` weighs it (detained,
    facing removal, a young child, a deported parent by phone). Requests sharing a
    `family` should be on the same day and never overlap (a parent attends the child's
    interview). `pinned`: the time already notified, kept unless moving it is needed."""

    id: str
    facility: str
    language: str
    earliest_day: int
    due_day: int
    duration: int = 2
    priority: int = 1
    counsel_id: str | None = None
    telephonic: bool = False
    family: str | None = None
    pinned: Assignment | None = None


@dataclass(frozen=True, slots=True)
class Officer:
    id: str
    hours: Hours
    facilities: frozenset[str]
    # Most interviews a day.
    daily_capacity: int = 4
    # Languages the officer interviews in without an interpreter.
    languages: frozenset[str] = frozenset({"english"})


@dataclass(frozen=True, slots=True)
class Interpreter:
    id: str
    languages: frozenset[str]
    hours: Hours
    # A remote interpreter works by telephone for any facility; an on-site one only at
    # `facility`.
    remote: bool = True
    facility: str | None = None


@dataclass(frozen=True, slots=True)
class Counsel:
    id: str
    hours: Hours
    # How many interviews they can attend at once (by telephone, with colleagues).
    max_concurrent: int = 1


@dataclass(frozen=True, slots=True)
class Facility:
    id: str
    rooms: int
    phone_lines: int


@dataclass(frozen=True, slots=True)
class Instance:
    days: int
    slots_per_day: int
    requests: tuple[Request, ...]
    officers: tuple[Officer, ...]
    interpreters: tuple[Interpreter, ...]
    counsel: tuple[Counsel, ...]
    facilities: tuple[Facility, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    request_id: str
    day: int
    slot: int
    officer_id: str
    interpreter_id: str | None = None


class Reason(StrEnum):
    NO_OFFICER = "no_officer"
    NO_INTERPRETER = "no_interpreter"
    COUNSEL_UNAVAILABLE = "counsel_unavailable"
    NO_ROOM = "no_room"
    FAMILY = "family"
    CAPACITY = "capacity"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Unscheduled:
    """Why a request has no time: the binding resource, in a sentence for the
    coordinator ("no Mam interpreter free before day 6")."""

    request_id: str
    reason: Reason
    detail: str


@dataclass(frozen=True, slots=True)
class Schedule:
    method: str
    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...]
    objective: int
    # The solver's proven bound on the objective (None for the greedy scheduler).
    bound: int | None
    status: str
    seconds: float
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        if self.bound is None:
            return None
        if self.bound == 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / abs(self.bound))

    def by_request(self) -> dict[str, Assignment]:
        return {a.request_id: a for a in self.assignments}
