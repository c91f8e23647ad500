"""What the rules read: the facts about one person, as plain frozen data.

`None` always means *unknown*, never *no*: a rule that needs an unknown fact answers
"unknown: needs <fact>" instead of guessing. An empty tuple of fear findings means the
asylum office's records hold no screening for the person (the system of record was
read and had none), which is a fact, not a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Determination(StrEnum):
    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"
    CLOSED = "CLOSED"


class JudgeReview(StrEnum):
    AFFIRMED = "AFFIRMED"
    VACATED = "VACATED"


class Kin(StrEnum):
    """The adult's relation to the child in a link."""

    PARENT = "parent"
    GRANDPARENT = "grandparent"
    AUNT_UNCLE = "aunt_uncle"
    SIBLING = "sibling"
    OTHER = "other"


class Election(StrEnum):
    """What the member chose on the election form (DOMAIN.md section 4). No form is
    `None`: not a waiver, and not a choice to stay either."""

    STAY = "stay"
    WAIVE = "waive"


class Role(StrEnum):
    """This person's side of a link."""

    ADULT = "adult"
    CHILD = "child"


@dataclass(frozen=True, slots=True)
class FearFinding:
    """One credible (CF) or reasonable (RF) fear screening and its outcome."""

    kind: str
    interviewed_on: date | None
    # None: the screening is on record but its outcome is not (unknown, not negative).
    determination: Determination | None
    ij_review: JudgeReview | None = None

    @property
    def negative(self) -> bool:
        """Negative and still standing (an immigration judge who vacated it found fear)."""
        return self.determination is Determination.NEGATIVE and (
            self.ij_review is not JudgeReview.VACATED
        )

    @property
    def positive(self) -> bool:
        return self.determination is Determination.POSITIVE or (
            self.determination is Determination.NEGATIVE and self.ij_review is JudgeReview.VACATED
        )


@dataclass(frozen=True, slots=True)
class Link:
    """An adult and a child DHS separated, seen from one side.

    `confirmed` is False while identification still waits for a person to decide
    whether the link is real (a link in review is not yet a fact).
    """

    other_id: str
    role: Role
    kin: Kin | None
    confirmed: bool
    separated_on: date | None
    child_dob: date | None
    # The day the child was given back to this adult (ORR discharge to the parent).
    reunified_on: date | None = None
    # Whether ORR's record of the child was read, and the day the child left ORR
    # custody by any route (None while still in custody).
    child_custody_known: bool = False
    child_custody_ended_on: date | None = None
    other_fear_findings: tuple[FearFinding, ...] = ()
    other_removed_on: date | None = None


@dataclass(frozen=True, slots=True)
class PersonFacts:
    person_id: str
    dob: date | None
    # Held by DHS (ICE detention or a Border Patrol referral for prosecution).
    detained_by_dhs: bool | None
    removed_on: date | None
    returned_on: date | None
    fear_findings: tuple[FearFinding, ...]
    links: tuple[Link, ...] = ()
    # Recorded determinations that the parent is unfit or a danger ("red flags").
    exclusion_codes: frozenset[str] = field(default_factory=frozenset)
    # For a child: whether they assert an asylum claim of their own.
    independent_claim: bool | None = None
    election: Election | None = None
    # Held by DHS now (booked in and not out, not removed): what an early-processing order
    # for "detained" members reaches. `detained_by_dhs` is the history the class reads.
    in_detention: bool | None = None
    # An agency record says this child was separated, or names a parent, but no parent
    # is linked yet: membership is unknown until identification finds the parent.
    separation_signal: bool = False

    def in_united_states(self) -> bool:
        """Removed and not (yet) back means outside the United States."""
        if self.removed_on is None:
            return True
        return self.returned_on is not None and self.returned_on >= self.removed_on
