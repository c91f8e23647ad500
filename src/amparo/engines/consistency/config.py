"""The consistency engine's settings, its version, and its error.

Every threshold is here, named, so that a different reading of what "the same harm" or
"the same date" means changes a number, not the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

CONSISTENCY_VERSION: Final = "consistency-1"


class ConsistencyError(ValueError):
    """The input cannot be compared (a new interview dated before the first one, a
    setting out of range)."""


@dataclass(frozen=True, slots=True)
class ConsistencyConfig:
    """Thresholds of the comparison.

    date_tolerance_days: two dates whose stated spans (a day, a month, a year) lie at
        most this many days apart are the same date. Recall of dates after trauma is
        loose; a wider tolerance lists fewer differences for the officer to weigh.
    date_match_window_days: when pairing harms, a date gap beyond the tolerance lowers
        the pair's score linearly to nothing at this many days.
    match_threshold: a pair of harms scoring at or above this is told as one harm
        (and its differences are contradictions); below it, each is an omission or is
        dropped. Scores are weighted means in [0, 1] over the facts both accounts state.
    same_text_threshold: place or perpetrator texts at or above this similarity say
        the same thing.
    type_weight, place_weight, perpetrator_weight, date_weight: how much each fact
        counts in the pair score.
    """

    date_tolerance_days: int = 14
    date_match_window_days: int = 365
    match_threshold: float = 0.6
    same_text_threshold: float = 0.8
    type_weight: float = 0.3
    place_weight: float = 0.25
    perpetrator_weight: float = 0.25
    date_weight: float = 0.2

    def __post_init__(self) -> None:
        if self.date_tolerance_days < 0:
            raise ConsistencyError("date_tolerance_days must be 0 or more")
        if self.date_match_window_days <= 0:
            raise ConsistencyError("date_match_window_days must be positive")
        for name in ("match_threshold", "same_text_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ConsistencyError(f"{name} must be in (0, 1], got {value}")
        for name in ("type_weight", "place_weight", "perpetrator_weight", "date_weight"):
            if getattr(self, name) <= 0.0:
                raise ConsistencyError(f"{name} must be positive")


DEFAULT_CONFIG: Final = ConsistencyConfig()
