"""Surnames as kinship evidence: an adult's against a child's, and two children's.

Under Hispanic naming a child's first surname is the father's first, and its second the
mother's first; records drop the second now and then, and swap the two. So the place
where the adult's surname sits, read with the adult's sex, says who the adult may be.
"""

from __future__ import annotations

from typing import Final

from amparo.engines.families.bayes import Item, bits, make_item
from amparo.engines.families.names import SurnameFit, surname_fit, two_surnames
from amparo.engines.families.population import Population
from amparo.engines.families.profiles import Profile
from amparo.engines.linkage.types import Outcome

# P(surname fit | the adult travelled with the child), by the adult's sex: a father's
# first surname is the child's first, a mother's the child's second. The second table is
# for a child whose records show one surname (mostly the father's) everywhere.
_FIT_TWO: Final[dict[str | None, dict[str, float]]] = {
    "M": {"paternal": 0.65, "maternal": 0.08, "common": 0.7, "none": 0.12},
    "F": {"paternal": 0.08, "maternal": 0.65, "common": 0.7, "none": 0.06},
    None: {"paternal": 0.37, "maternal": 0.37, "common": 0.7, "none": 0.09},
}
_FIT_ONE: Final[dict[str | None, dict[str, float]]] = {
    "M": {"paternal": 0.75, "maternal": 0.75, "common": 0.75, "none": 0.2},
    "F": {"paternal": 0.2, "maternal": 0.2, "common": 0.2, "none": 0.75},
    None: {"paternal": 0.45, "maternal": 0.45, "common": 0.45, "none": 0.45},
}
_SHARES_TWO: Final = 0.12  # adult siblings, mothers whose children carry both her surnames
_SHARES_OTHER: Final = 0.15  # rare, but a misread surname order looks like this


def surname_evidence(adult: Profile, child: Profile, pop: Population, cap: float) -> Item:
    """The adult's surnames against the child's, weighed by how often a family and two
    strangers show that fit."""
    fit = surname_fit(child.surnames, adult.surnames, child.citizenship)
    if not two_surnames(child.citizenship or adult.citizenship):
        return _one_surname(adult, child, fit, pop, cap)
    a, c = adult.surnames_text, child.surnames_text
    if fit == "unknown":
        return make_item("surnames", "blank", a, c, 0.0)
    outcome, m, u = _fit_odds(adult, child, fit, pop)
    field = "surnames" if fit in ("none", "both") else f"surnames_{fit}"
    return make_item(field, outcome, a, c, bits(m, u, cap))


def _fit_odds(
    adult: Profile, child: Profile, fit: SurnameFit, pop: Population
) -> tuple[Outcome, float, float]:
    """(outcome, m, u) of a known surname fit between two-surname people."""
    common = sorted(child.surnames.every & adult.surnames.every)
    one_seen = len(child.surnames.every) == 1 and child.surnames.second is None
    sex = adult.sex if adult.sex in ("M", "F") else None
    m = (_FIT_ONE if one_seen else _FIT_TWO)[sex]
    if fit == "none":
        stranger = 1.0 - min(0.9, sum(pop.surname_share(s) for s in child.surnames.every))
        return "mismatch", m["none"], stranger
    if fit == "both":
        return "match", _SHARES_TWO, 2 * pop.surname_share(common[0]) * pop.surname_share(common[1])
    if fit in ("shared", "common"):
        # "shared": the adult's second surname in the child's, not how parents pass them on;
        # "common": one in common, its place unclear.
        share = _SHARES_OTHER if fit == "shared" else m["common"]
        return "partial", share, pop.surname_share(common[0])
    # The adult's own first surname in its place: strangers match on their first surname.
    return "match", m[fit], pop.first_surname_share(common[0])


def _one_surname(
    adult: Profile, child: Profile, fit: SurnameFit, pop: Population, cap: float
) -> Item:
    """Where a child carries one family name (the father's, mostly), half of the family's
    adults share it and half do not."""
    a, c = adult.surnames_text, child.surnames_text
    if fit == "unknown":
        return make_item("surnames", "blank", a, c, 0.0)
    if fit == "none":
        stranger = 1.0 - min(0.9, sum(pop.surname_share(s) for s in child.surnames.every))
        return make_item("surnames", "mismatch", a, c, bits(0.5, stranger, cap))
    common = sorted(child.surnames.every & adult.surnames.every)
    return make_item("surnames", "match", a, c, bits(0.45, pop.surname_share(common[0]), cap))


def siblings_evidence(child: Profile, sibling: Profile, pop: Population) -> Item:
    """Does `child` look like the brother or sister of `sibling` (a child the adult surely
    heads)? Brothers and sisters carry the same surnames in the same order; a child of
    another family who shares one surname with the adult by chance carries another
    father's name.
    """
    shown = sibling.name_text
    mine = child.surnames_text
    a, b = child.surnames, sibling.surnames
    if not a.every or not b.every:
        return make_item("sibling_of_named", "blank", mine, shown, 0.0)
    common = sorted(a.every & b.every)
    if len(common) >= 2:
        share = 2 * pop.surname_share(common[0]) * pop.surname_share(common[1])
        return make_item("sibling_of_named", "match", mine, shown, min(8.0, bits(0.8, share, 16.0)))
    if a.ordered and b.ordered and a.first != b.first:
        # Different first (paternal) surnames: half-siblings happen, strangers more often.
        return make_item(
            "sibling_of_named", "mismatch", mine, shown, bits(0.1 if common else 0.03, 1.0, 16.0)
        )
    if common and min(len(a.every), len(b.every)) == 1:
        # One of them shows a single surname everywhere, the one they share.
        return make_item("sibling_of_named", "partial", mine, shown, 2.0)
    return make_item(
        "sibling_of_named", "mismatch", mine, shown, bits(0.1 if common else 0.03, 1.0, 16.0)
    )


# P(a child booked with its family lacks the unit id its brother or sister kept): agents
# kept or deleted a unit's id for the whole unit, now and then for one record only.
_UNIT_DROPPED_FOR_ONE: Final = 0.1
# P(a child of another family, or alone, carries no unit id): most separated children.
_NO_UNIT_STRANGER: Final = 0.85


def sibling_unit_evidence(child: Profile, sibling: Profile, cap: float) -> Item | None:
    """Does `child` carry the family unit id of `sibling` (a child the adult surely heads),
    on a day they were both booked? A unit's id stays on all its children or none."""
    theirs = {(b.on, b.unit) for b in sibling.apprehensions if b.unit and b.on}
    if not theirs:
        return None
    mine = {b.on: b.unit for b in child.apprehensions if b.on}
    for day, unit in sorted(theirs, key=lambda du: (du[0].isoformat(), du[1] or "")):
        if day not in mine:
            continue
        own = mine[day]
        if own is None:
            weight = bits(_UNIT_DROPPED_FOR_ONE, _NO_UNIT_STRANGER, cap)
            return make_item("family_unit_id_of_sibling", "mismatch", own, unit, weight)
        outcome: Outcome = "match" if own == unit else "mismatch"
        weight = 0.0 if own == unit else -cap * 0.75
        # A shared id is already weighed against the adult (family_unit_id): not again.
        return make_item("family_unit_id_of_sibling", outcome, own, unit, weight)
    return None
