"""Parent, or another relative? The relation of one adult to the children of a family.

Only parents are class members (DOMAIN.md section 3), so telling a mother from an aunt
matters as much as finding the family. Each signal gives a likelihood for every
relation; they multiply with the prior into a posterior:

- booking codes: CBP codes each person's relation to the unit head, so a child booked
  OTHER or SIBLING says the head is not the parent (agents often wrote CHILD anyway);
- the kin word in what the child told ORR ("mi tía Rosa"), when it names this adult;
- ages: a parent is 14 to ~45 years older than the eldest child, a grandparent more, an
  adult sibling is young and close in age;
- surnames, read with the adult's sex: a father's first surname is the child's first, a
  mother's first is the child's second; an aunt carries a parent's surnames, so a woman
  whose first surname is the child's first is on the father's side, not the mother;
- for a second adult, how the first one relates to it: a head's sibling carries the
  head's own surnames.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from amparo.engines.families.bayes import Item
from amparo.engines.families.config import RELATIONSHIPS, FamilyConfig
from amparo.engines.families.names import SurnameFit, surname_fit, two_surnames
from amparo.engines.families.population import reference_day
from amparo.engines.families.profiles import Profile
from amparo.engines.families.relation_tables import (
    AUNT_BY_LINE,
    CHILD_ROLE,
    SECOND_ROLE,
    WITH_HEAD,
    WITH_HEAD_GIVEN_CHILD,
    age_likelihood,
    age_with_head_likelihood,
    pointing,
    surname_likelihood,
)
from amparo.engines.linkage.types import Outcome

# The share of adults carrying a surname.
SurnameShare = Callable[[str], float]

# P(no reunion with the child | the adult is its parent): for a parent ICE held and did
# not remove (reunions were ordered, but some parents waived them, some were not done by
# the extract date, and a reunion may sit in a record the linkage missed), and for one
# whose ICE record is missing (it may have been removed). A quarter to a third of such
# parents show none in synthetic worlds; half is taken, so that a missing reunion alone
# never overturns a parent whose other evidence is sound.
_NO_REUNION_KEPT: Final = 0.5
_NO_REUNION_UNKNOWN: Final = 0.65
# P(ICE released an adult to be reunited | the adult is not the child's parent), against
# 1 for a parent whose reunion the child's record does not show: a relative whose own
# child was elsewhere, or a release miscoded.
_RELEASED_NOT_PARENT: Final = 0.1


@dataclass(frozen=True, slots=True)
class Relation:
    posterior: Mapping[str, float]
    evidence: tuple[Item, ...]

    @property
    def best(self) -> str:
        return max(RELATIONSHIPS, key=lambda r: (self.posterior[r], -RELATIONSHIPS.index(r)))


@dataclass(frozen=True, slots=True)
class Family:
    """What a relation is judged on.

    adult_role: the adult's own booking code; children and child_roles: the family's
    children and their codes (same order); ages: the adult's and the children's ages on
    the day they were booked (None when unknown); kin_words: the kin words of reports
    that name this adult; head: for a second adult, the unit head it travelled with.
    """

    adult: Profile
    adult_role: str | None
    children: tuple[Profile, ...]
    child_roles: tuple[str | None, ...]
    adult_age: int | None
    child_ages: tuple[int | None, ...]
    kin_words: tuple[str, ...]
    head: Profile | None = None


class _Tally:
    def __init__(self, prior: Mapping[str, float]) -> None:
        self.log_post = {r: math.log2(prior[r]) for r in RELATIONSHIPS}
        self.items: list[Item] = []

    def add(
        self,
        name: str,
        outcome: Outcome,
        left: object,
        right: object,
        likelihood: Mapping[str, float],
    ) -> None:
        for r in RELATIONSHIPS:
            self.log_post[r] += math.log2(max(likelihood[r], 1e-9))
        # Shown weight: how much this comparison moved "parent" against the likeliest other.
        others = max(likelihood[r] for r in RELATIONSHIPS if r != "PARENT")
        weight = math.log2(max(likelihood["PARENT"], 1e-9) / max(others, 1e-9))
        shown = [None if v is None or v == "" else str(v) for v in (left, right)]
        self.items.append(Item(name, outcome, shown[0], shown[1], round(weight, 3)))

    def result(self) -> Relation:
        top = max(self.log_post.values())
        weights = {r: 2 ** (v - top) for r, v in self.log_post.items()}
        total = sum(weights.values())
        return Relation({r: w / total for r, w in weights.items()}, tuple(self.items))


def _no_share(word: str) -> float:
    del word
    return 0.0


def relation_of(
    family: Family, config: FamilyConfig, surname_share: SurnameShare = _no_share
) -> Relation:
    """Posterior over relations of `family.adult` to the family's children.

    `surname_share(word)`: the share of adults carrying a surname (the run's population),
    for the chance that two relatives share one by chance; unknown, none is assumed."""
    tally = _Tally(config.priors if family.head is None else config.second_priors)
    if family.head is None:
        _head_roles(family, config, tally)
    else:
        _second_roles(family, tally)
        _age_with_head(family, tally)
    for kin in family.kin_words:
        tally.add(
            "kin_word",
            "match" if kin == "PARENT" else "mismatch",
            family.adult.given_shown,
            kin,
            pointing((kin,), config.kin_word_error),
        )
    _ages(family, tally)
    _surnames(family, tally, surname_share)
    _reunion(family, tally)
    return tally.result()


def _reunion(family: Family, tally: _Tally) -> None:
    """ORR discharges a child to a PARENT only to its parent: the adult ICE released to be
    reunited that very day is the parent; a child released to a sponsor instead leans a
    little towards a travelling adult who could not take it back."""
    reunited = {
        s.book_out for s in family.adult.stays if s.reason == "REUNIFIED" and s.book_out is not None
    }
    to_parent = sorted(
        {
            r.discharged_on
            for c in family.children
            for r in c.referrals
            if r.discharge_type == "PARENT" and r.discharged_on is not None
        }
    )
    if to_parent and reunited & set(to_parent):
        day = min(reunited & set(to_parent))
        tally.add(
            "reunified_with_child",
            "match",
            day.isoformat(),
            day.isoformat(),
            pointing(("PARENT",), 0.01),
        )
    elif reunited and not to_parent:
        # ICE released the adult to be reunited with a child, though no ORR record of this
        # family's children shows the discharge (late, or kept apart by the linkage).
        # Reunions were ordered for parents; a relative was not reunified at all, so the
        # release alone says parent. Whether it was this family's reunion is weighed as
        # membership (reunification_date), not here.
        day = min(reunited)
        tally.add(
            "reunified_with_child",
            "partial",
            day.isoformat(),
            None,
            {r: 1.0 if r == "PARENT" else _RELEASED_NOT_PARENT for r in RELATIONSHIPS},
        )
    elif family.head is not None:
        # A reunion goes to the head unless the head was removed: silent about the rest.
        return
    elif to_parent:
        tally.add(
            "reunified_with_child",
            "partial",
            None,
            to_parent[0].isoformat(),
            {r: 0.3 if r == "PARENT" else 0.15 for r in RELATIONSHIPS},
        )
    elif any(c.referrals for c in family.children):
        stays = family.adult.stays
        if any(s.reason == "REMOVED" for s in stays):
            # Removed: a parent could not have taken the child back either.
            return
        # Under the Ms. L. order (2018-06-26) separated parents still in the US were
        # reunified with their children; ORR released a relative's child to a sponsor.
        # An adult ICE held and did not remove, whose child never went back to a
        # parent, leans away from parent; with no ICE record its fate is unknown.
        kept = _NO_REUNION_KEPT if stays else _NO_REUNION_UNKNOWN
        tally.add(
            "reunified_with_child",
            "blank",
            "not removed" if stays else None,
            None,
            {r: kept if r == "PARENT" else 0.95 for r in RELATIONSHIPS},
        )


def _head_roles(family: Family, config: FamilyConfig, tally: _Tally) -> None:
    own = family.adult_role
    if own is not None and own in SECOND_ROLE:
        # Booked as someone else's relative: read as such (the head's record is missing).
        tally.add("relationship_code", "partial", own, None, pointing((SECOND_ROLE[own],), 0.05))
    slip = config.role_slip
    for child, role in zip(family.children, family.child_roles, strict=True):
        if role is None or role not in CHILD_ROLE:
            continue
        if role == "CHILD":
            likelihood = {r: 1.0 if r == "PARENT" else slip for r in RELATIONSHIPS}
        else:
            likelihood = pointing(CHILD_ROLE[role], 0.01)
        outcome: Outcome = "match" if role == "CHILD" else "mismatch"
        tally.add(
            "relationship_code", outcome, own, f"{role} ({child.given_shown or '?'})", likelihood
        )


def _second_roles(family: Family, tally: _Tally) -> None:
    own = family.adult_role
    if own is not None and own in SECOND_ROLE:
        implied = SECOND_ROLE[own]
        tally.add(
            "relationship_code",
            "match" if implied == "PARENT" else "mismatch",
            own,
            "HEAD",
            pointing((implied,), 0.03),
        )
    head = family.head
    assert head is not None
    a, h = family.adult.surnames.every, head.surnames.every
    if not a or not h:
        return
    shared = a & h
    key = "both" if len(shared) >= 2 else "one" if len(shared) == 1 else "none"
    likelihood = WITH_HEAD[key]
    if key == "one" and any(
        shared <= c.surnames.every and len(a & c.surnames.every) >= 2 for c in family.children
    ):
        # The surname shared with the head is one the adult shares with a child that
        # carries both of the adult's: the surname fit with the child already weighs it.
        likelihood = WITH_HEAD_GIVEN_CHILD
    tally.add(
        "surnames_with_head",
        "match" if key == "none" else "mismatch",
        " ".join(sorted(a)),
        " ".join(sorted(h)),
        likelihood,
    )


def _age_with_head(family: Family, tally: _Tally) -> None:
    """A generation apart from the head is the head's parent or adult child; a spouse or
    a brother or sister is about the head's age."""
    head = family.head
    if head is None or family.adult_age is None:
        return
    head_age = head.age_on(reference_day(head))
    if head_age is None:
        return
    gap = family.adult_age - head_age
    tally.add(
        "age_with_head",
        "match" if abs(gap) <= 12 else "mismatch",
        family.adult_age,
        head_age,
        age_with_head_likelihood(gap),
    )


def _ages(family: Family, tally: _Tally) -> None:
    known = [age for age in family.child_ages if age is not None]
    if family.adult_age is None or not known:
        return
    eldest, youngest = max(known), min(known)
    likelihood = age_likelihood(
        family.adult_age, family.adult_age - eldest, family.adult_age - youngest, family.adult.sex
    )
    outcome: Outcome = "match" if likelihood["PARENT"] >= 0.5 else "mismatch"
    tally.add("age_gap", outcome, family.adult_age, eldest, likelihood)


# Which reading of a family's surnames to trust: the most specific one any child gives
# (siblings carry the same surnames, so they are read once, not each).
_SPECIFIC: Final[tuple[SurnameFit, ...]] = (
    "paternal",
    "maternal",
    "both",
    "common",
    "shared",
    "none",
    "unknown",
)


def _surnames(family: Family, tally: _Tally, share: SurnameShare) -> None:
    if not family.children:
        return
    adult = family.adult
    if not two_surnames(adult.citizenship or family.children[0].citizenship):
        return
    fits = {c.key: surname_fit(c.surnames, adult.surnames, c.citizenship) for c in family.children}
    # The child whose records show its surnames best: both, in a settled order.
    child = min(
        family.children,
        key=lambda c: (
            -min(2, len(c.surnames.every)),
            not c.surnames.ordered,
            _SPECIFIC.index(fits[c.key]),
            c.key,
        ),
    )
    fit = fits[child.key]
    if fit == "unknown":
        return
    if fit in ("paternal", "maternal") and {"paternal", "maternal"} <= set(fits.values()):
        # Siblings' records disagree on the order of their surnames: the place is unclear.
        fit = "common"
    one_seen = len(child.surnames.every) == 1 and child.surnames.second is None
    # Either of the child's two surnames may be the one shared by chance.
    coincidence = max((share(word) for word in child.surnames.every), default=0.0)
    likelihood = surname_likelihood(
        fit, family.adult.sex, one_seen=one_seen, coincidence=coincidence
    )
    head = family.head
    if head is not None and head.sex in ("M", "F") and not one_seen:
        # Beside a head, an aunt or uncle is the head's brother or sister and carries the
        # head's line: the mother's side beside a mother, the father's beside a father.
        line: SurnameFit = "maternal" if head.sex == "F" else "paternal"
        likelihood["AUNT_UNCLE"] = AUNT_BY_LINE.get(fit, 0.05) if fit != line else 0.8
    outcome: Outcome = "match" if fit in ("paternal", "maternal", "common") else "partial"
    tally.add(
        f"surnames_{fit}",
        outcome,
        " ".join(sorted(family.adult.surnames.every)),
        " ".join(sorted(child.surnames.every)),
        likelihood,
    )
