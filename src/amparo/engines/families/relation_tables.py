"""The likelihood tables behind the relation of an adult to a family's children.

Each table says how likely an observation is under each relation (PARENT, GRANDPARENT,
AUNT_UNCLE, SIBLING, OTHER). They encode how families in this population carry their
names and ages, and how CBP coded relations; a corrected belief changes a number here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from amparo.engines.families.config import RELATIONSHIPS
from amparo.engines.families.names import SurnameFit

Likelihood = Mapping[str, float]
FLAT: Final[Likelihood] = dict.fromkeys(RELATIONSHIPS, 1.0)

# P(surname fit | relation, adult's sex). Rows say how each relation's surnames come to
# sit in the child's; "none" covers a surname dropped in every record, and fathers whose
# child carries only the mother's surnames.
# How often the records settle a person's surname order the wrong way round.
_ORDER_ERROR: Final = 0.03


def _row(
    paternal: float, maternal: float, both: float, shared: float, none: float
) -> dict[SurnameFit, float]:
    # A settled order is now and then wrong, which swaps the first two readings;
    # "common" (one surname shared, its place unclear) is either of them.
    e = _ORDER_ERROR
    return {
        "paternal": (1 - e) * paternal + e * maternal,
        "maternal": (1 - e) * maternal + e * paternal,
        "common": paternal + maternal,
        "both": both,
        "shared": shared,
        "none": none,
        "unknown": 1.0,
    }


# P(surname fit | relation, adult's sex) when the child shows both surnames. Rows say
# how each relation's surnames come to sit in the child's; "none" covers a surname
# dropped in every record, and fathers whose child carries only the mother's surnames.
_SURNAMES: Final[dict[tuple[str, str], dict[SurnameFit, float]]] = {
    ("PARENT", "M"): _row(0.80, 0.02, 0.02, 0.02, 0.14),
    ("PARENT", "F"): _row(0.07, 0.76, 0.10, 0.02, 0.05),
    ("GRANDPARENT", "M"): _row(0.45, 0.35, 0.02, 0.03, 0.15),
    ("GRANDPARENT", "F"): _row(0.05, 0.05, 0.02, 0.18, 0.70),
    ("AUNT_UNCLE", "M"): _row(0.40, 0.45, 0.08, 0.03, 0.04),
    ("AUNT_UNCLE", "F"): _row(0.40, 0.45, 0.08, 0.03, 0.04),
    ("SIBLING", "M"): _row(0.15, 0.04, 0.76, 0.02, 0.03),
    ("SIBLING", "F"): _row(0.15, 0.04, 0.76, 0.02, 0.03),
    ("OTHER", "M"): _row(0.03, 0.03, 0.01, 0.03, 0.90),
    ("OTHER", "F"): _row(0.03, 0.03, 0.01, 0.03, 0.90),
}
# The same when every record of the child shows one surname: mostly the father's (the
# maternal one is what gets dropped), so a mother sharing none is no warning.
_SURNAMES_ONE: Final[dict[tuple[str, str], dict[SurnameFit, float]]] = {
    ("PARENT", "M"): _row(0.85, 0.0, 0.0, 0.02, 0.13),
    ("PARENT", "F"): _row(0.20, 0.0, 0.0, 0.02, 0.78),
    ("GRANDPARENT", "M"): _row(0.45, 0.0, 0.0, 0.03, 0.52),
    ("GRANDPARENT", "F"): _row(0.05, 0.0, 0.0, 0.05, 0.90),
    ("AUNT_UNCLE", "M"): _row(0.40, 0.0, 0.0, 0.03, 0.57),
    ("AUNT_UNCLE", "F"): _row(0.40, 0.0, 0.0, 0.03, 0.57),
    ("SIBLING", "M"): _row(0.88, 0.0, 0.0, 0.02, 0.10),
    ("SIBLING", "F"): _row(0.88, 0.0, 0.0, 0.02, 0.10),
    ("OTHER", "M"): _row(0.04, 0.0, 0.0, 0.03, 0.93),
    ("OTHER", "F"): _row(0.04, 0.0, 0.0, 0.03, 0.93),
}
# A second adult's own code (relative to the head, who is usually a parent).
SECOND_ROLE: Final[dict[str, str]] = {
    "SPOUSE": "PARENT",
    "SIBLING": "AUNT_UNCLE",
    "CHILD": "SIBLING",
    "GRANDPARENT": "GRANDPARENT",
    "AUNT_UNCLE": "AUNT_UNCLE",
    "OTHER": "OTHER",
}
# A child's code says what the head is to it.
CHILD_ROLE: Final[dict[str, tuple[str, ...]]] = {
    "CHILD": ("PARENT",),
    "OTHER": ("GRANDPARENT", "AUNT_UNCLE", "OTHER"),
    "SIBLING": ("SIBLING",),
    "GRANDPARENT": ("GRANDPARENT",),
    "AUNT_UNCLE": ("AUNT_UNCLE",),
}


def pointing(named: Iterable[str], error: float) -> dict[str, float]:
    named = set(named)
    return {r: (1.0 - error) if r in named else error for r in RELATIONSHIPS}


def _band(value: float, bands: Sequence[tuple[float, float, float]], outside: float) -> float:
    """Likelihood of `value` from (low, high, level) bands with linear shoulders of a year."""
    best = outside
    for low, high, level in bands:
        if low <= value <= high:
            best = max(best, level)
        elif low - 1 <= value < low or high < value <= high + 1:
            best = max(best, (level + outside) / 2)
    return best


def age_likelihood(
    adult_age: int, eldest_gap: int, youngest_gap: int, sex: str | None = None
) -> dict[str, float]:
    """How each relation explains the adult's age and its gap to the eldest child.

    Bands are broad on purpose: birth dates carry year-off-by-one and placeholder errors.
    """
    # Mothers are mostly 16 to 32 years older than their eldest travelling child, fathers
    # up to about 35; a wider gap happens (a late child) but is what grandparents show,
    # so it asks a person. Past fifty, parents of minors grow rare, grandparents common.
    if sex == "F":
        bands = [(13, 15, 0.02), (15, 17, 0.2), (17, 32, 1.0), (32, 36, 0.3), (36, 45, 0.03)]
        late = _band(adult_age, [(0, 45, 1.0), (45, 50, 0.2), (50, 55, 0.05)], 0.01)
    else:
        bands = [
            (13, 15, 0.02),
            (15, 17, 0.2),
            (17, 34, 1.0),
            (34, 40, 0.3),
            (40, 50, 0.08),
            (50, 60, 0.02),
        ]
        late = _band(adult_age, [(0, 45, 1.0), (45, 50, 0.5), (50, 55, 0.2)], 0.05)
    parent = _band(eldest_gap, bands, 0.005) * late
    if youngest_gap < 13:
        parent = min(parent, 0.005)
    grandparent = _band(eldest_gap, [(33, 60, 1.0), (29, 33, 0.15)], 0.005)
    grandparent *= _band(adult_age, [(45, 90, 1.0), (40, 45, 0.5)], 0.01)
    aunt = _band(eldest_gap, [(4, 32, 1.0), (32, 42, 0.2)], 0.01)
    sibling = _band(eldest_gap, [(1, 16, 1.0), (16, 24, 0.15)], 0.005)
    if adult_age > 32:
        sibling = min(sibling, 0.005)
    return {
        "PARENT": parent,
        "GRANDPARENT": grandparent,
        "AUNT_UNCLE": aunt,
        "SIBLING": sibling,
        "OTHER": 0.3,
    }


def age_with_head_likelihood(gap: int) -> dict[str, float]:
    """P(the adult's age minus the head's | relation to the children), for an adult beside
    the head: the other parent or the head's sibling is about the head's age, the head's
    parent (the children's grandparent) a generation older, the head's adult child (their
    sibling) a generation younger."""
    near = _band(abs(gap), [(0, 12, 1.0)], 0.05)
    older = _band(gap, [(15, 45, 1.0)], 0.01)
    younger = _band(-gap, [(15, 40, 1.0)], 0.01)
    return {
        "PARENT": near,
        "GRANDPARENT": older,
        "AUNT_UNCLE": near,
        "SIBLING": younger,
        "OTHER": 0.5,
    }


def surname_likelihood(
    fit: SurnameFit, sex: str | None, *, one_seen: bool = False, coincidence: float = 0.0
) -> dict[str, float]:
    """P(fit | relation) for an adult of `sex`; `one_seen`: the child shows one surname.

    coincidence: the chance that the adult's other surname is the child's other one by
    chance (how common that surname is). A father Choc Xol of a child Choc Xol passed on
    Choc and married a Xol: where a few surnames are shared by many (Mayan communities),
    "both" is what a parent's place plus chance shows, not only what a sibling shows.
    """
    if fit == "unknown":
        return dict(FLAT)
    table = _SURNAMES_ONE if one_seen else _SURNAMES
    sexes = (sex,) if sex in ("M", "F") else ("M", "F")
    out = {r: sum(table[(r, s)][fit] for s in sexes) / len(sexes) for r in RELATIONSHIPS}
    if fit == "both" and coincidence > 0.0:
        for r in RELATIONSHIPS:
            placed = sum(table[(r, s)]["paternal"] + table[(r, s)]["maternal"] for s in sexes)
            out[r] += placed / len(sexes) * min(1.0, coincidence)
    return out


# How a second adult's surnames sit in the head's: a head's sibling carries the head's
# own two, an adult child of the head one of them, a spouse none.
WITH_HEAD: Final[dict[str, dict[str, float]]] = {
    "both": {
        "PARENT": 0.02,
        "GRANDPARENT": 0.05,
        "AUNT_UNCLE": 0.85,
        "SIBLING": 0.05,
        "OTHER": 0.02,
    },
    "one": {"PARENT": 0.08, "GRANDPARENT": 0.6, "AUNT_UNCLE": 0.1, "SIBLING": 0.9, "OTHER": 0.05},
    "none": {
        "PARENT": 0.9,
        "GRANDPARENT": 0.35,
        "AUNT_UNCLE": 0.05,
        "SIBLING": 0.05,
        "OTHER": 0.93,
    },
}
# The same, once the adult is known to carry both of the child's surnames and the one it
# shares with the head is among them. That shared surname is then the one the head
# passed to the child: a father with both of the child's surnames shares it with the
# mother by construction, as the head's adult child does, so the comparison with the
# head tells them nothing more (counting it again would push a father towards "uncle");
# the head's sibling would still share both, its parent one, a stranger none.
WITH_HEAD_GIVEN_CHILD: Final[dict[str, float]] = {
    "PARENT": 1.0,
    "GRANDPARENT": 0.6,
    "AUNT_UNCLE": 0.1,
    "SIBLING": 1.0,
    "OTHER": 0.05,
}
# P(fit | the head's brother or sister) for fits other than the head's own line.
AUNT_BY_LINE: Final[dict[SurnameFit, float]] = {
    "common": 0.85,
    "both": 0.08,
    "shared": 0.03,
    "none": 0.04,
    "paternal": 0.03,
    "maternal": 0.03,
    "unknown": 1.0,
}
