"""What identification returns, and the shapes it needs from the engines it runs.

The linkage and families engines are written against these shapes rather than
imported here, so identify, the baselines and tests can all supply their own
results (anything with these attributes will do).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from amparo.engines.linkage.types import EvidenceItem, RecordKey, ReviewPair

__all__ = [
    "FamilyResultLike",
    "IdentifyResult",
    "PersonLinksLike",
    "SeparationLike",
]


class PersonLinksLike(Protocol):
    """What linkage gives: the person each record belongs to."""

    @property
    def person_of(self) -> Mapping[RecordKey, str]: ...
    @property
    def review(self) -> Sequence[ReviewPair]: ...
    @property
    def model(self) -> Mapping[str, object]: ...
    @property
    def version(self) -> str: ...


class SeparationLike(Protocol):
    """One parent-child pair believed separated by DHS."""

    @property
    def parent_key(self) -> str: ...
    @property
    def child_key(self) -> str: ...
    @property
    def separated_on(self) -> date | str | None: ...
    @property
    def reunified_on(self) -> date | str | None: ...
    @property
    def parent_removed_on(self) -> date | str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def evidence(self) -> Sequence[EvidenceItem]: ...


class FamilyResultLike(Protocol):
    """What the families engine gives: separations and the links behind them."""

    @property
    def separations(self) -> Sequence[SeparationLike]: ...
    @property
    def review(self) -> Sequence[ReviewPair]: ...
    @property
    def links(self) -> Sequence[object]: ...
    @property
    def model(self) -> Mapping[str, object]: ...
    @property
    def version(self) -> str: ...


@dataclass(frozen=True, slots=True)
class IdentifyResult:
    """One identification run, ready to write.

    person_of: every input record's person key (records linkage left out get a key
        of their own, counted in ``unlinked_records``).
    separations: one per (parent_key, child_key), sorted by those keys.
    review: every decision sent to a person, same_person first, each pair once.
    family_links: the families engine's links, passed through for the registry.
    models, versions: per engine ("linkage", "families"), plus identify's version.
    timings: seconds per stage.
    settings: the configuration, as JSON, for run.json.
    """

    person_of: Mapping[RecordKey, str]
    separations: tuple[SeparationLike, ...]
    review: tuple[ReviewPair, ...]
    family_links: tuple[object, ...]
    models: Mapping[str, Mapping[str, object]]
    versions: Mapping[str, str]
    timings: Mapping[str, float]
    settings: Mapping[str, object]
    unlinked_records: int = 0
