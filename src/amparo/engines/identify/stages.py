"""The two engines identify runs, as replaceable functions.

By default these are the linkage and families engines; a baseline or a test
passes its own, with the same call shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from amparo.engines.identify.results import FamilyResultLike, PersonLinksLike
from amparo.engines.linkage.types import RecordIn, RecordKey

if TYPE_CHECKING:
    from amparo.engines.families import FamilyConfig
    from amparo.engines.linkage import LinkageConfig

__all__ = ["InferFamilies", "LinkPeople", "Progress", "Stages", "default_stages"]

Progress = Callable[[str, float], None]
"""``on_progress(stage, fraction)``: what is being done, and how much of the whole
(0 to 1) is done; the convention of every long-running call in Amparo."""


class LinkPeople(Protocol):
    def __call__(
        self,
        records: Sequence[RecordIn],
        config: LinkageConfig,
        /,
        *,
        on_progress: Progress | None = None,
    ) -> PersonLinksLike: ...


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
