"""Second adults: who travelled beside a family's head (the other parent, an aunt or
uncle, an adult brother or sister).

The child's report names the head, so a second adult is weighed on what speaks for the
whole family (surnames read with the adult's sex, country, custody, a reunion) and on
how it sits beside the head: booked under the same unit id, coded SPOUSE or SIBLING,
the other sex, close in age. An adult belongs to one family at most, so the families of
its booking compete for it, and one that fits none is left alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from amparo.engines.families.bayes import Item
from amparo.engines.families.candidates import Together, Words, best_sharing
from amparo.engines.families.config import FamilyConfig
from amparo.engines.families.population import BlockKey, block_of
from amparo.engines.families.profiles import Profile
from amparo.engines.families.scored import ScoreFn
from amparo.engines.linkage.types import Outcome

# Bayes factor (log2) of a family the adult shares nothing with: no surname in common.
_UNRELATED_FAMILY: Final = math.log2(0.1 / 0.93)
# log2 Bayes factor of a relative's code (SPOUSE, SIBLING...) for travelling beside a
# head rather than alone or as a head: log2(0.4 / 0.02).
_CODED_SECOND: Final = math.log2(0.4 / 0.02)
# Bookings with this few families compare every free adult with every family.
_SMALL_BLOCK: Final = 12


@dataclass(frozen=True, slots=True)
class SecondAdult:
    """P(the adult travelled beside this head), and the comparisons with the head."""

    probability: float
    evidence: tuple[Item, ...]


def with_head(
    adult: Profile, head: Profile, mine: Together, theirs: Together, cap: float
) -> tuple[Item, ...]:
    """A second adult against the head: the unit and codes they were booked under, and
    what a spouse, a sibling or an adult child of the head looks like beside it."""
    items: list[Item] = []
    a = mine.adult.unit if mine.adult else None
    h = theirs.adult.unit if theirs.adult else None
    if a and h:
        same = a == h
        items.append(
            Item(
                "family_unit_id_with_head",
                "match" if same else "mismatch",
                a,
                h,
                cap * 0.75 if same else -cap * 0.75,
            )
        )
    elif a or h:
        # A unit id is kept or deleted for all the adults of a unit at once.
        items.append(Item("family_unit_id_with_head", "mismatch", a, h, -5.5))
    role = mine.adult.role if mine.adult else None
    if role == "HEAD":
        # Booked as the head of a unit of its own.
        items.append(Item("relationship_code", "mismatch", role, "HEAD", -3.0))
    elif role:
        # Coded as the head's relative: booked beside a head, which an adult alone or
        # leading its own children is not, bar a slip (P about 0.4 against 0.02). The
        # code does not say whose head: every family of the booking gains alike, and only
        # "none" loses.
        items.append(Item("relationship_code", "match", role, "HEAD", _CODED_SECOND))
    if adult.citizenship and head.citizenship and adult.citizenship != head.citizenship:
        items.append(
            Item("citizenship_with_head", "mismatch", adult.citizenship, head.citizenship, -5.0)
        )
    if adult.sex and head.sex:
        # Most second adults are the other parent; a sibling of the head is either sex.
        opposite = adult.sex != head.sex
        items.append(
            Item(
                "sex_with_head",
                "match" if opposite else "mismatch",
                adult.sex,
                head.sex,
                0.68 if opposite else -1.32,
            )
        )
    day = mine.adult.on if mine.adult else None
    mine_age, head_age = adult.age_on(day), head.age_on(day)
    if mine_age is not None and head_age is not None:
        # Spouses, brothers and sisters are within a dozen years of the head; a parent or
        # an adult child of the head a generation apart, and rarer.
        gap = mine_age - head_age
        outcome: Outcome
        if abs(gap) <= 12:
            outcome, weight = "match", 0.87
        elif gap >= 15:
            outcome, weight = "mismatch", -3.0
        elif gap <= -15:
            outcome, weight = "partial", -0.84
        else:
            outcome, weight = "partial", 0.0
        items.append(Item("age_with_head", outcome, str(mine_age), str(head_age), weight))
    return tuple(items)


# Families of a crowded booking an adult is weighed against (those sharing the most
# telling words with it).
_NEAR_FAMILIES: Final = 4
# A lead on one's own children this sure leaves no room for being a second adult.
_SURE_LEAD: Final = 0.9
# A second adult this unlikely is dropped.
_NEGLIGIBLE: Final = 0.01
# Rounds of balancing families against adults.
_BALANCING_ROUNDS: Final = 8
# Codes CBP gives the adults of a unit other than its head.
_SECOND_CODES: Final = frozenset(
    {"SPOUSE", "SIBLING", "CHILD", "GRANDPARENT", "AUNT_UNCLE", "OTHER"}
)


def _recorded(child: Profile) -> tuple[int, bool, str]:
    """Sort key: children whose records show both surnames in a settled order first."""
    return (-min(2, len(child.surnames.every)), not child.surnames.ordered, child.key)


class Seconds:
    """P(an adult travelled beside the head of a family), per family of its booking, the
    families competing for the adult.

    Every adult is weighed. One that leads children of its own is a second adult
    elsewhere only as far as its claim on them is weak (`claims`: the adult's best head
    posterior among the children it leads): a lone child who shares a father's surname
    must not keep him from his own family.
    """

    def __init__(
        self,
        *,
        score: ScoreFn,
        adults: Mapping[str, Profile],
        children: Mapping[str, Profile],
        led: Mapping[str, list[str]],
        claims: Mapping[str, float],
        config: FamilyConfig,
        words: Words,
    ) -> None:
        self.score = score
        self.adults = adults
        self.children = children
        self.led = led
        self.claims = claims
        self.config = config
        self.words = words
        self._shown_best = {
            head: min(kids, key=lambda c: _recorded(children[c])) for head, kids in led.items()
        }

    def _blocks(self) -> tuple[dict[BlockKey, list[str]], dict[BlockKey, list[str]]]:
        families: dict[BlockKey, list[str]] = defaultdict(list)
        everyone: dict[BlockKey, list[str]] = defaultdict(list)
        for key in sorted(self.adults):
            adult = self.adults[key]
            blocks = {
                k for b in adult.apprehensions if b.disposition != "RETURNED" and (k := block_of(b))
            }
            for block in blocks:
                if key in self.led:
                    families[block].append(key)
                # An adult that surely leads its own children is nobody's second adult.
                if self.claims.get(key, 0.0) < _SURE_LEAD:
                    everyone[block].append(key)
        return families, everyone

    def _family_words(self, head: str, block: BlockKey) -> set[str]:
        words: set[str] = set()
        for child in self.led[head]:
            words |= self.words.child(self.children[child])
            # Any surname of the children, wherever it sits: a second adult may carry one
            # in another place (surnames recorded in another order, a father whose child
            # carries his second surname), and the weighing judges the place.
            words |= {f"S:{word}" for word in self.children[child].surnames.every}
        words |= {
            f"#unit:{b.unit}"
            for b in self.adults[head].apprehensions
            if b.unit and block_of(b) == block
        }
        return words

    def run(self) -> dict[tuple[str, str], SecondAdult]:
        odds: dict[str, _Odds] = {}
        families, everyone = self._blocks()
        for block in sorted(everyone, key=lambda k: (k[0], k[1] or "")):
            heads = families.get(block, [])
            if not heads:
                continue
            index: dict[str, set[str]] = defaultdict(set)
            for head in heads:
                for word in self._family_words(head, block):
                    index[word].add(head)
            for adult in everyone[block]:
                near = sorted(self._near(adult, block, heads, index))
                found = self._weigh(adult, near, len(heads))
                if found.by_head and (adult not in odds or len(near) > len(odds[adult].by_head)):
                    odds[adult] = found
        return _share_out(odds)

    def _near(
        self, adult: str, block: BlockKey, heads: list[str], index: Mapping[str, set[str]]
    ) -> set[str]:
        """The families worth weighing the adult against: all of a small booking (or of a
        middling one when the adult was coded as someone's relative), else the few that
        share the most telling words with it, and any it shares a unit id with."""
        bookings = [b for b in self.adults[adult].apprehensions if block_of(b) == block]
        coded = any(b.role in _SECOND_CODES for b in bookings)
        if len(heads) <= (_SMALL_BLOCK * 2 if coded else _SMALL_BLOCK):
            return set(heads) - {adult}
        units = {f"#unit:{b.unit}" for b in bookings if b.unit}
        near = set().union(*(index.get(w, set()) for w in units))
        near |= best_sharing(
            index, self.words.adult(self.adults[adult]), len(heads), _NEAR_FAMILIES
        )
        return near - {adult}

    def _weigh(self, adult: str, heads: list[str], n: int) -> _Odds:
        weights: dict[str, tuple[float, tuple[Item, ...]]] = {}
        for head in heads:
            # Brothers and sisters carry the same surnames: the family is weighed on the
            # child whose records show them best.
            child = self._shown_best[head]
            s = self.score(adult, child)
            extra = with_head(
                self.adults[adult],
                self.adults[head],
                s.together,
                self.score(head, child).together,
                self.config.max_weight,
            )
            weights[head] = (s.family_weight + sum(item.weight or 0.0 for item in extra), extra)
        # An adult with no family of its own nearly always travelled beside a head; one
        # that leads children did so only as far as that lead is in doubt.
        share = self.config.free_adult_family_share * (1.0 - self.claims.get(adult, 0.0))
        prior = math.log2(share / n)
        # Families of the booking this adult shares nothing with count with "none".
        unscored = n - len(weights)
        none = (1.0 - share) + share / n * unscored * 2.0**_UNRELATED_FAMILY
        return _Odds(
            {head: 2.0 ** min(60.0, prior + w) for head, (w, _) in weights.items()},
            none,
            {head: extra for head, (_, extra) in weights.items()},
        )


@dataclass(frozen=True, slots=True)
class _Odds:
    """One adult's odds of travelling beside each head, against `none` (alone, or beside
    a family it shares nothing with), with the comparisons behind each."""

    by_head: dict[str, float]
    none: float
    evidence: dict[str, tuple[Item, ...]]


def _share_out(odds: Mapping[str, _Odds]) -> dict[tuple[str, str], SecondAdult]:
    """Probabilities from the odds, so that no family takes more than one second adult
    in all: a family two adults fit equally goes to the one that fits nowhere else.
    (Alternate scaling, as in matrix balancing; a few rounds settle it.)"""
    scale: dict[str, float] = defaultdict(lambda: 1.0)
    probability: dict[tuple[str, str], float] = {}
    for _ in range(_BALANCING_ROUNDS):
        probability = {}
        taken: dict[str, float] = defaultdict(float)
        for adult, o in odds.items():
            total = o.none + sum(v * scale[h] for h, v in o.by_head.items())
            for head, value in o.by_head.items():
                p = value * scale[head] / total
                probability[(adult, head)] = p
                taken[head] += p
        over = {head: t for head, t in taken.items() if t > 1.0}
        if not over:
            break
        for head, t in over.items():
            scale[head] /= t
    # Chances this small change nothing downstream and would only cost time.
    return {
        (adult, head): SecondAdult(p, odds[adult].evidence[head])
        for (adult, head), p in sorted(probability.items())
        if p >= _NEGLIGIBLE
    }
