"""The two engines identify runs, as replaceable functions.

By default these are the linkage and families engines; a baseline or a test
passes its own, with the same call shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amparo.engines.identify.results import FamilyResultLike, PersonLinksLike
from amparo.engines.linkage.types import RecordIn, RecordKey

if TYPE_CHECKING:
    from amparo.engines.families import FamilyConfig
    from amparo.engines.linkage import LinkageConfig

__all__ = ["InferFamilies", "LinkPeople", "Stages", "default_stages"]

LinkPeople = Callable[[Sequence[RecordIn], "LinkageConfig"], PersonLinksLike]
InferFamilies = Callable[
    [Sequence[RecordIn], Mapping[RecordKey, str], "FamilyConfig"], FamilyResultLike
]


@dataclass(frozen=True, slots=True)
class Stages:
    link_people: LinkPeople
    infer_families: InferFamilies


def default_stages() -> Stages:
    """The real engines, imported only when a run needs them (they load Splink)."""
    from amparo.engines.families import infer_families
    from amparo.engines.linkage import link_people

    return Stages(link_people=link_people, infer_families=infer_families)
