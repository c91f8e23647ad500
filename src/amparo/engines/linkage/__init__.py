"""Record linkage: which extract rows are the same person (Splink 5)."""

from amparo.engines.linkage.types import (
    EvidenceItem,
    PairStatus,
    RecordIn,
    RecordKey,
    ReviewKind,
    ReviewPair,
    evidence_text,
)

__all__ = [
    "EvidenceItem",
    "PairStatus",
    "RecordIn",
    "RecordKey",
    "ReviewKind",
    "ReviewPair",
    "evidence_text",
]
