"""Families and separations: which adults travelled with which children, which of them
are parents, and which parent-child pairs DHS separated, each with its evidence.

Pure Python. Input: the kept extract records and a clustering of records into people
(the linkage engine's ``person_of``). Output: links, separations (``confirmed`` or
``review``) and the review pairs, deterministic and independent of record order.
"""

from amparo.engines.families.config import FAMILY_MODEL_VERSION, FamilyConfig, FamilyError
from amparo.engines.families.infer import infer_families
from amparo.engines.families.model import FamilyLink, FamilyResult, Separation

__all__ = [
    "FAMILY_MODEL_VERSION",
    "FamilyConfig",
    "FamilyError",
    "FamilyLink",
    "FamilyResult",
    "Separation",
    "infer_families",
]
