"""A deported parent's way back into the process, as a table of stages and events.

The table is data: which event moves a case from which stage to which. A step that is
not in the table raises `IllegalStep` naming what may happen instead, so a service
that forgets to check cannot record, say, an arrival nobody approved.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class Stage(StrEnum):
    TO_LOCATE = "to_locate"
    LOCATED = "located"
    CONTACTED = "contacted"
    UNREACHABLE = "unreachable"
    DECLINED = "declined"
    REUNIFY_ABROAD = "reunify_abroad"
    CHILD_STAYS = "child_stays"
    PREPARING = "preparing"
    APPLIED = "applied"
    APPROVED = "approved"
    DENIED = "denied"
    TRAVELLING = "travelling"
    RETURNED = "returned"


class Event(StrEnum):
    # What a contact attempt found.
    LOCATED = "located"
    REACHED = "reached"
    DECLINED = "declined"
    # Counsel close a search that found no one, or open it again.
    GIVE_UP = "give_up"
    REOPEN = "reopen"
    # The parent's wish.
    WISH_REUNIFY_ABROAD = "wish_reunify_abroad"
    WISH_CHILD_STAYS = "wish_child_stays"
    WISH_APPLY = "wish_apply"
    # The application and what was decided of it.
    SUBMIT = "submit"
    APPROVE = "approve"
    DENY = "deny"
    COURT_GRANT = "court_grant"
    TRAVEL = "travel"
    ARRIVE = "arrive"


class Outcome(StrEnum):
    """A contact attempt's outcome, as advocates code them."""

    REACHED = "reached"
    LOCATED = "located"
    WRONG_NUMBER = "wrong_number"
    NO_ANSWER = "no_answer"
    MOVED = "moved"
    DECLINED = "declined"


class Wish(StrEnum):
    REUNIFY_ABROAD = "reunify_abroad"
    CHILD_STAYS = "child_stays"
    APPLY = "apply"


# Before the application goes in, a parent may still change their mind.
_UNDECIDED = (Stage.CONTACTED, Stage.REUNIFY_ABROAD, Stage.CHILD_STAYS, Stage.PREPARING)
_SEARCHING = (Stage.TO_LOCATE, Stage.LOCATED, Stage.UNREACHABLE)

_TABLE: dict[Event, dict[Stage, Stage]] = {
    Event.LOCATED: {Stage.TO_LOCATE: Stage.LOCATED, Stage.UNREACHABLE: Stage.LOCATED},
    Event.REACHED: {
        **dict.fromkeys(_SEARCHING, Stage.CONTACTED),
        # A parent who declined may speak with counsel again.
        Stage.DECLINED: Stage.CONTACTED,
    },
    Event.DECLINED: dict.fromkeys((*_SEARCHING, *_UNDECIDED), Stage.DECLINED),
    Event.GIVE_UP: {Stage.TO_LOCATE: Stage.UNREACHABLE, Stage.LOCATED: Stage.UNREACHABLE},
    Event.REOPEN: {Stage.UNREACHABLE: Stage.TO_LOCATE},
    Event.WISH_REUNIFY_ABROAD: dict.fromkeys((*_UNDECIDED, Stage.DENIED), Stage.REUNIFY_ABROAD),
    Event.WISH_CHILD_STAYS: dict.fromkeys((*_UNDECIDED, Stage.DENIED), Stage.CHILD_STAYS),
    Event.WISH_APPLY: dict.fromkeys(_UNDECIDED, Stage.PREPARING),
    Event.SUBMIT: {Stage.PREPARING: Stage.APPLIED},
    Event.APPROVE: {Stage.APPLIED: Stage.APPROVED},
    Event.DENY: {Stage.APPLIED: Stage.DENIED},
    # The court may order a return the government refused, or has not yet decided.
    Event.COURT_GRANT: {Stage.APPLIED: Stage.APPROVED, Stage.DENIED: Stage.APPROVED},
    Event.TRAVEL: {Stage.APPROVED: Stage.TRAVELLING},
    Event.ARRIVE: {Stage.TRAVELLING: Stage.RETURNED},
}
TRANSITIONS = MappingProxyType({event: MappingProxyType(edges) for event, edges in _TABLE.items()})

# What a contact attempt's outcome does to the case; outcomes not listed log the
# attempt and move nothing.
OUTCOME_EVENTS = MappingProxyType(
    {
        Outcome.LOCATED: Event.LOCATED,
        Outcome.REACHED: Event.REACHED,
        Outcome.DECLINED: Event.DECLINED,
    }
)
FAILED_OUTCOMES = frozenset({Outcome.WRONG_NUMBER, Outcome.NO_ANSWER, Outcome.MOVED})
WISH_EVENTS = MappingProxyType(
    {
        Wish.REUNIFY_ABROAD: Event.WISH_REUNIFY_ABROAD,
        Wish.CHILD_STAYS: Event.WISH_CHILD_STAYS,
        Wish.APPLY: Event.WISH_APPLY,
    }
)
# A parent who will not come back (or not yet) may join the child's interview by
# telephone: once reached, and until travel begins.
PHONE_STAGES = frozenset(
    {
        Stage.CONTACTED,
        Stage.REUNIFY_ABROAD,
        Stage.CHILD_STAYS,
        Stage.PREPARING,
        Stage.APPLIED,
        Stage.APPROVED,
        Stage.DENIED,
    }
)
# Stages in which the search for the parent is still going on.
SEARCH_STAGES = frozenset(_SEARCHING)


class IllegalStep(ValueError):
    """`event` cannot happen in `stage`; `allowed` lists the events that can."""

    def __init__(self, stage: Stage, event: Event) -> None:
        self.stage = stage
        self.event = event
        self.allowed = events_from(stage)
        super().__init__(
            f"{event.value} cannot happen to a case in stage {stage.value}; "
            f"possible: {', '.join(e.value for e in self.allowed) or 'nothing'}"
        )


def events_from(stage: Stage) -> tuple[Event, ...]:
    return tuple(event for event, edges in TRANSITIONS.items() if stage in edges)


def step(stage: Stage, event: Event) -> Stage:
    """The stage after `event`, or `IllegalStep`."""
    target = TRANSITIONS[event].get(stage)
    if target is None:
        raise IllegalStep(stage, event)
    return target


def after_attempt(stage: Stage, outcome: Outcome, *, by_partner: bool = False) -> Stage:
    """The stage after a contact attempt: a failed attempt moves nothing, nor does
    finding someone already found (a later call reaching a parent who applied). A
    partner's attempt moves a case only while it is being searched for: what the parent
    says to a searcher later is for counsel to act on (the partner may not know the
    case, and their form must not reveal it)."""
    event = OUTCOME_EVENTS.get(outcome)
    if event is None or (by_partner and stage not in SEARCH_STAGES):
        return stage
    target = TRANSITIONS[event].get(stage)
    if target is None:
        if event is Event.DECLINED and stage is not Stage.DECLINED:
            # Declining after the application went in is for counsel to act on (a
            # withdrawal), not something a call log decides.
            raise IllegalStep(stage, event)
        return stage
    return target
