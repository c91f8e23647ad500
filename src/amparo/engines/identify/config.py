"""Every knob of an identification run, in one frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amparo.engines.identify.jsonable import JSON, to_json

if TYPE_CHECKING:
    from amparo.engines.families import FamilyConfig
    from amparo.engines.linkage import LinkageConfig

__all__ = ["IdentifyConfig"]


# The engines are imported when a default is needed, not when this module is: a
# caller that brings its own stages (a baseline, a test) does not load Splink.
def _default_linkage() -> LinkageConfig:
    from amparo.engines.linkage import LinkageConfig

    return LinkageConfig()


def _default_families() -> FamilyConfig:
    from amparo.engines.families import FamilyConfig

    return FamilyConfig()


@dataclass(frozen=True, slots=True)
class IdentifyConfig:
    """The linkage engine's settings and the families engine's settings.

    Identify itself has no knob of its own: what it does with the engines' results
    (merging, deduplicating, writing) is fixed by IDENTIFY_VERSION.
    """

    linkage: LinkageConfig = field(default_factory=_default_linkage)
    families: FamilyConfig = field(default_factory=_default_families)

    def as_json(self) -> dict[str, JSON]:
        return {"linkage": to_json(self.linkage), "families": to_json(self.families)}
