"""What a synthetic world is built from, and the fixed calendar it lives in.

Every date is anchored to constants here rather than to the clock, so that a world is a
pure function of its configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Families in the worlds crossed inside the widened Ms. L. window (DOMAIN.md section 2).
WINDOW_START = date(2017, 7, 1)
WINDOW_END = date(2018, 6, 20)
# Most separations happened under "zero tolerance", from the memo to the executive order.
ZERO_TOLERANCE_START = date(2018, 4, 6)
# The court ordered reunification of the original class by this day.
REUNIFICATION_DEADLINE = date(2018, 7, 26)
# The agencies' extracts are as of this day: later events have not happened yet.
EXTRACTED_ON = date(2018, 12, 31)

# Record ids are drawn from nine-digit spaces; far below that keeps drawing them fast.
MAX_FAMILIES = 500_000


class SynthError(ValueError):
    """The configuration cannot describe a synthetic world."""


def _check_share(name: str, value: float, *, upper: float = 1.0) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SynthError(f"{name} must be a number, got {value!r}")
    if not 0.0 <= value <= upper:
        raise SynthError(f"{name} must be between 0 and {upper}, got {value!r}")


@dataclass(frozen=True, slots=True)
class SynthConfig:
    """How big a world to build, from which seed, with which proportions.

    families: family groups that crossed together (1 to MAX_FAMILIES).
    seed: the only source of randomness; the same config gives byte-identical files.
    separated_share: share of families DHS separated (the rest stay together).
    non_parent_share: share of families whose travelling adult is not a parent
        (grandparent, aunt or uncle, adult sibling, other); these are not class parents.
    removed_share: share of separated adults ICE removed without their children.
    garbage_fraction: share of extract rows that are broken on purpose (each kind of
        breakage still occurs at least once in worlds of 50 families or more).
    unaccompanied_per_family: children who really came alone, per family; they share
        ORR with separated children and make the ORR "separated" flag worth doubting.
    """

    families: int
    seed: int
    separated_share: float = 0.70
    non_parent_share: float = 0.08
    removed_share: float = 0.15
    garbage_fraction: float = 0.005
    unaccompanied_per_family: float = 0.25

    def __post_init__(self) -> None:
        if isinstance(self.families, bool) or not isinstance(self.families, int):
            raise SynthError(f"families must be an integer, got {self.families!r}")
        if not 1 <= self.families <= MAX_FAMILIES:
            raise SynthError(f"families must be between 1 and {MAX_FAMILIES}, got {self.families}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise SynthError(f"seed must be an integer, got {self.seed!r}")
        _check_share("separated_share", self.separated_share)
        _check_share("non_parent_share", self.non_parent_share)
        _check_share("removed_share", self.removed_share)
        _check_share("garbage_fraction", self.garbage_fraction, upper=0.1)
        _check_share("unaccompanied_per_family", self.unaccompanied_per_family, upper=5.0)
