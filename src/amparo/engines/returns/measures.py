"""The figures the court reads about deported parents, by country and region.

A case counts once in each milestone it ever reached (located, contacted, applied,
approved, returned), and in unreachable or declined only while it stands there; a
region left blank is counted as "unknown", never dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from amparo.engines.returns.stages import Stage

UNKNOWN_REGION = ""
MEASURES = (
    "cases",
    "located",
    "contacted",
    "unreachable",
    "declined",
    "applied",
    "approved",
    "returned",
)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    country: str
    region: str
    stage: Stage
    located: bool
    contacted: bool
    applied: bool
    approved: bool
    returned: bool

    def counted(self) -> tuple[str, ...]:
        flags = {
            "cases": True,
            "located": self.located or self.contacted,
            "contacted": self.contacted,
            "unreachable": self.stage is Stage.UNREACHABLE,
            "declined": self.stage is Stage.DECLINED,
            "applied": self.applied,
            "approved": self.approved,
            "returned": self.returned,
        }
        return tuple(name for name in MEASURES if flags[name])


@dataclass(frozen=True, slots=True)
class Row:
    country: str
    region: str
    counts: tuple[int, ...]

    def as_dict(self) -> dict[str, int]:
        return dict(zip(MEASURES, self.counts, strict=True))


@dataclass(frozen=True, slots=True)
class Measures:
    """Rows per (country, region), a subtotal per country, and the total."""

    regions: tuple[Row, ...]
    countries: tuple[Row, ...]
    total: Row = field(default_factory=lambda: Row("", "", (0,) * len(MEASURES)))


def _row(country: str, region: str, counter: Counter[str]) -> Row:
    return Row(country, region, tuple(counter[name] for name in MEASURES))


def measure(cases: Iterable[CaseFacts]) -> Measures:
    by_region: dict[tuple[str, str], Counter[str]] = {}
    by_country: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for case in cases:
        country = case.country.strip()
        region = case.region.strip() or UNKNOWN_REGION
        counted = case.counted()
        by_region.setdefault((country, region), Counter()).update(counted)
        by_country.setdefault(country, Counter()).update(counted)
        total.update(counted)
    return Measures(
        regions=tuple(_row(c, r, n) for (c, r), n in sorted(by_region.items())),
        countries=tuple(_row(c, "", n) for c, n in sorted(by_country.items())),
        total=_row("", "", total),
    )
