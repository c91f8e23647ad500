"""Plain data shared by identification's engines (linkage, families, identify,
evaluation). Frozen dataclasses in, frozen dataclasses out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

RecordKey = tuple[str, str]
"""(source, record_id): a source is an extract's file stem, e.g. "orr_referrals"."""

Outcome = Literal["match", "partial", "mismatch", "blank"]
ReviewKind = Literal["same_person", "parent_child"]
PairStatus = Literal["confirmed", "review"]


@dataclass(frozen=True, slots=True)
class RecordIn:
    """One kept extract row, as the extracts engine normalised it.

    `fields` is `KeptRow.fields`: every contract column of the row's source
    (normalised; None = unknown; dates ISO) plus `given_names`, `surnames`,
    `given_names_key`, `surnames_key`.
    """

    source: str
    record_id: str
    fields: Mapping[str, str | None]

    @property
    def key(self) -> RecordKey:
        return (self.source, self.record_id)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One field compared for a decision, with both values, so a person can judge."""

    field: str
    outcome: Outcome
    left: str | None
    right: str | None
    # Match weight (log2 Bayes factor) this comparison contributed, when a model gave one.
    weight: float | None = None


@dataclass(frozen=True, slots=True)
class ReviewPair:
    """A decision the system will not make alone."""

    kind: ReviewKind
    left: str  # person key (parent for parent_child)
    right: str  # person key (child for parent_child)
    score: float  # in [0, 1]
    evidence: tuple[EvidenceItem, ...]
    # For same_person: the two records whose comparison is uncertain.
    left_record: RecordKey | None = None
    right_record: RecordKey | None = None


def evidence_text(evidence: tuple[EvidenceItem, ...]) -> str:
    """The evidence as one line for review.csv: field=outcome(left|right); ..."""
    return "; ".join(f"{e.field}={e.outcome}({e.left or ''}|{e.right or ''})" for e in evidence)
