"""Record linkage: which extract rows are the same person (Splink 5).

``link_people(records, config)`` standardises the records (standardise.py), trains
a Fellegi-Sunter model without labels (model.py) on DuckDB, links and clusters,
and returns a person key for every record plus the uncertain merges for review.
"""

from amparo.engines.linkage.config import MODEL_VERSION, LinkageConfig, LinkageError, PersonLinks
from amparo.engines.linkage.engine import link_people
from amparo.engines.linkage.model import splink_settings
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
    "MODEL_VERSION",
    "EvidenceItem",
    "LinkageConfig",
    "LinkageError",
    "PairStatus",
    "PersonLinks",
    "RecordIn",
    "RecordKey",
    "ReviewKind",
    "ReviewPair",
    "evidence_text",
    "link_people",
    "splink_settings",
]
