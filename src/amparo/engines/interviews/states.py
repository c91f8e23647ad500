"""The states of a settlement interview and the transitions between them, as data.

The table is the whole lifecycle (issue 5, item 1; DOMAIN.md section 5): a transition
not listed here is refused whatever the facts, so a protection that sits on one edge
(counsel before `conducted`, due consideration before a negative reaches the supervisor)
cannot be stepped around by taking another edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class State(StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    CONDUCTED = "conducted"
    DETERMINATION_DRAFTED = "determination_drafted"
    SUPERVISORY_REVIEW = "supervisory_review"
    # The supervisor sent the draft back; the officer drafts again.
    RETURNED = "returned"
    APPROVED = "approved"
    SERVED = "served"
    # Outcomes. A positive determination, or a negative one a judge vacated, ends in a
    # Notice to Appear (I-862): full proceedings before an immigration judge.
    NOTICE_TO_APPEAR = "notice_to_appear"
    IJ_REVIEW_REQUESTED = "ij_review_requested"
    IJ_REVIEW_DECLINED = "ij_review_declined"
    IJ_AFFIRMED = "ij_affirmed"
    IJ_VACATED = "ij_vacated"


class Subject(StrEnum):
    """Whose interview it is: a class parent's, or a class child's own claim."""

    PARENT = "parent"
    CHILD = "child"

    @property
    def other(self) -> Subject:
        """The other side of a parent-child link (the cross-effect is symmetric)."""
        return Subject.CHILD if self is Subject.PARENT else Subject.PARENT


class Determination(StrEnum):
    """The officer's credible fear determination. Values match
    `amparo.engines.eligibility.Determination`, so the app converts by value; a
    closed case never reaches drafting, so it has no member here."""

    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"


S = State

TRANSITIONS: Mapping[State, frozenset[State]] = MappingProxyType(
    {
        S.REQUESTED: frozenset({S.SCHEDULED, S.CANCELLED}),
        S.SCHEDULED: frozenset({S.RESCHEDULED, S.NO_SHOW, S.CANCELLED, S.CONDUCTED}),
        # A rescheduled interview can be moved again: each move is a new time to notify
        # counsel of, so it stays an edge rather than an edit.
        S.RESCHEDULED: frozenset({S.RESCHEDULED, S.NO_SHOW, S.CANCELLED, S.CONDUCTED}),
        # Missing an interview does not forfeit the second chance: it can be set again.
        S.NO_SHOW: frozenset({S.RESCHEDULED, S.CANCELLED}),
        S.CANCELLED: frozenset(),
        S.CONDUCTED: frozenset({S.DETERMINATION_DRAFTED}),
        S.DETERMINATION_DRAFTED: frozenset({S.SUPERVISORY_REVIEW}),
        S.SUPERVISORY_REVIEW: frozenset({S.RETURNED, S.APPROVED}),
        S.RETURNED: frozenset({S.DETERMINATION_DRAFTED}),
        S.APPROVED: frozenset({S.SERVED}),
        S.SERVED: frozenset({S.NOTICE_TO_APPEAR, S.IJ_REVIEW_REQUESTED, S.IJ_REVIEW_DECLINED}),
        S.IJ_REVIEW_REQUESTED: frozenset({S.IJ_AFFIRMED, S.IJ_VACATED}),
        S.IJ_REVIEW_DECLINED: frozenset(),
        S.IJ_AFFIRMED: frozenset(),
        S.IJ_VACATED: frozenset({S.NOTICE_TO_APPEAR}),
        S.NOTICE_TO_APPEAR: frozenset(),
    }
)

TERMINAL: frozenset[State] = frozenset(s for s, nexts in TRANSITIONS.items() if not nexts)

# A state in which credible fear has been found and stands: what the cross-effect reads.
FEAR_FOUND_IF_POSITIVE: frozenset[State] = frozenset({S.APPROVED, S.SERVED})
FEAR_FOUND: frozenset[State] = frozenset({S.NOTICE_TO_APPEAR, S.IJ_VACATED})


def allowed(from_state: State, to_state: State) -> bool:
    return to_state in TRANSITIONS[from_state]
