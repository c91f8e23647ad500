"""What the family engine returns: links, separations and the pairs for review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from amparo.engines.linkage.types import EvidenceItem, PairStatus, ReviewPair

LinkRelationship = Literal["PARENT", "GRANDPARENT", "AUNT_UNCLE", "SIBLING", "OTHER", "UNKNOWN"]


@dataclass(frozen=True)
class FamilyLink:
    """An adult who travelled with a child, and what the adult is to the child.

    score: probability that the two travelled as one family; relationship: the likeliest
    relation (UNKNOWN when none is more likely than not).
    """

    adult_key: str
    child_key: str
    relationship: LinkRelationship
    score: float
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class Separation:
    """A parent and child whom DHS separated, with what followed.

    separated_on: the day ORR received the child; reunified_on: the day ORR discharged the
    child to this parent; parent_removed_on: the day ICE removed the parent. score:
    probability that the adult is the child's parent, travelled with it, and was
    separated from it; status: `confirmed` at or above the confirm threshold, else
    `review`.
    """

    parent_key: str
    child_key: str
    separated_on: str | None
    reunified_on: str | None
    parent_removed_on: str | None
    status: PairStatus
    score: float
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class FamilyResult:
    links: tuple[FamilyLink, ...]
    separations: tuple[Separation, ...]
    review: tuple[ReviewPair, ...]
    model: Mapping[str, object]
    version: str
