"""From scored pairs to families: each child's unit head, then the adults beside the head.

A child's report names one adult, the unit head, so the candidates for head compete: two
women called Brenda booked with the child cannot both be the one it named, and when
neither is clearly better, neither is trusted. Brothers and sisters share a head, so a
child that looks like the sibling of a child whose head is clear leans to that head.

Every adult is then weighed as a second adult of the families of its booking
(seconds.py), the more so the weaker its own lead. An adult belongs to one family at
most: one that is clearly another family's parent is no longer a likely head for a lone
child who happens to share its surname, and one with no other family at all is a likelier
head; so the heads are weighed again with that known, and the second adults after them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from amparo.engines.families.bayes import Item
from amparo.engines.families.candidates import Pair, Words
from amparo.engines.families.config import FamilyConfig
from amparo.engines.families.kinship import sibling_unit_evidence, siblings_evidence
from amparo.engines.families.population import BlockKey, Population, block_of
from amparo.engines.families.profiles import Profile
from amparo.engines.families.scored import Scored, ScoreFn, normalise
from amparo.engines.families.seconds import SecondAdult, Seconds
from amparo.engines.families.twins import find_twins

# A head is trusted to lend itself to a sibling when at least this sure.
_SURE_HEAD: Final = 0.9
# An adult with at least this share of a child's head posterior is in contention.
_CONTENDER: Final = 0.2
# Rounds of weighing heads and second adults against each other.
_ROUNDS: Final = 1
# Bits of sibling evidence that make two children one family for the adult's claims.
_CLEAR_SIBLING: Final = 4.0
# Chance that an adult's own family is in the extracts but was not found.
_FAMILY_UNFOUND: Final = 0.05


@dataclass(frozen=True, slots=True)
class Membership:
    """One adult in one child's family: with what probability, and as head or not."""

    probability: float
    head: bool
    head_key: str | None  # for a second adult, the unit head it was weighed with
    extra: tuple[Item, ...]  # comparisons beyond the pair's own


class _Heads:
    """Each child's head posterior, with the sibling evidence added in a second pass."""

    def __init__(
        self,
        by_child: dict[str, dict[str, Scored]],
        pop: Population,
        config: FamilyConfig,
        twins: Mapping[str, str],
    ) -> None:
        share = config.family_child_share
        self._base = math.log2(share / max(1, pop.adults))
        self._none = math.log2(1.0 - share)
        self.by_child = by_child
        self.pop = pop
        self.twins = twins
        self.max_weight = config.max_weight
        self._sibling_cache: dict[tuple[str, str], bool] = {}
        share = config.free_adult_family_share
        self._lonely_factor = 1.0 / ((1.0 - share) + share * _FAMILY_UNFOUND)
        self.extra: dict[Pair, tuple[Item, ...]] = {}
        self.posterior = {child: self._posterior(child) for child in sorted(by_child)}

    def _posterior(self, child: str) -> dict[str, float]:
        logs = {
            adult: self._base
            + s.weight
            + sum(item.weight or 0.0 for item in self.extra.get((adult, child), ()))
            for adult, s in self.by_child[child].items()
        }
        posterior = normalise(logs, self._none) if logs else {}
        # Two halves of one split adult are one head: the greater half holds both claims.
        for lesser, greater in self.twins.items():
            if lesser in posterior and greater in posterior:
                posterior[greater] = min(1.0, posterior[greater] + posterior[lesser])
        return posterior

    def best(self, child: str, threshold: float) -> str | None:
        posterior = self.posterior.get(child, {})
        if not posterior:
            return None
        adult = min(posterior, key=lambda a: (-posterior[a], a))
        return adult if posterior[adult] >= threshold else None

    def add_siblings(self, children: Mapping[str, Profile], score: ScoreFn) -> None:
        """A child that looks like the sibling of a child whose head is sure leans to
        that head: brothers and sisters travel with the same adult. A child that shares
        no word with that head (its mother's surname dropped in every record) is brought
        in through the sibling it shares a surname with."""
        sure: dict[str, list[str]] = defaultdict(list)
        for child in sorted(self.posterior):
            head = self.best(child, _SURE_HEAD)
            if head is not None:
                sure[head].append(child)
        for head, other in _sibling_pairs(sure, children):
            if head not in self.by_child.setdefault(other, {}):
                self.by_child[other][head] = score(head, other)
        for child in sorted(self.by_child):
            for adult in self.by_child[child]:
                siblings = [c for c in sure.get(adult, ()) if c != child]
                if siblings:
                    # Compared with the sibling whose surnames are best recorded.
                    best = min(siblings, key=lambda c: _recorded(children[c]))
                    found = siblings_evidence(children[child], children[best], self.pop)
                    unit = sibling_unit_evidence(children[child], children[best], self.max_weight)
                    items = [i for i in (found, unit) if i is not None and i.outcome != "blank"]
                    if items:
                        self.extra[(adult, child)] = tuple(items)
        self.posterior = {child: self._posterior(child) for child in sorted(self.by_child)}

    def weigh_other_claims(
        self,
        seconds: Mapping[tuple[str, str], SecondAdult],
        head_of: Mapping[str, str],
        children: Mapping[str, Profile],
    ) -> None:
        """An adult belongs to one family at most. One likely travelling beside another
        family's head is less likely the head of this child; one with no other family in
        the extracts at all is more likely this child's, since the adults booked with
        families nearly all travelled with one (`free_adult_family_share`)."""
        elsewhere: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for (adult, head), second in seconds.items():
            elsewhere[adult].append((head, second.probability))
        claims: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for child, posterior in self.posterior.items():
            for adult, p in posterior.items():
                if p >= _CONTENDER:
                    claims[adult].append((child, p))
        for child in sorted(self.by_child):
            own = head_of.get(child)
            for adult in self.by_child[child]:
                taken = [(h, p) for h, p in elsewhere.get(adult, ()) if h not in (own, adult)]
                p_taken = min(0.999, sum(p for _, p in taken))
                other_child = max(
                    (
                        p
                        for c, p in claims.get(adult, ())
                        if c != child and not self._siblings(children[child], children[c])
                    ),
                    default=0.0,
                )
                items = [
                    i
                    for i in self.extra.get((adult, child), ())
                    if i.field not in ("travels_with_another_family", "no_other_family")
                ]
                if p_taken >= 0.05:
                    head = max(taken, key=lambda hp: (hp[1], hp[0]))[0]
                    items.append(
                        Item(
                            "travels_with_another_family",
                            "mismatch",
                            adult,
                            head,
                            round(math.log2(1.0 - p_taken), 3),
                        )
                    )
                free = (1.0 - p_taken) * (1.0 - other_child)
                if free > 0.05:
                    # Bayes factor of "no other family": 1 if this child is the adult's,
                    # else the chance an adult is alone or its family went unfound.
                    factor = 1.0 + (self._lonely_factor - 1.0) * free
                    items.append(
                        Item("no_other_family", "match", adult, None, round(math.log2(factor), 3))
                    )
                self.extra[(adult, child)] = tuple(items)
        self.posterior = {child: self._posterior(child) for child in sorted(self.by_child)}

    def _siblings(self, child: Profile, other: Profile) -> bool:
        key = (child.key, other.key)
        found = self._sibling_cache.get(key)
        if found is None:
            # Only a clear brother or sister (both surnames the same): a child who merely
            # shares one surname with the adult's children counts as another claim.
            found = (siblings_evidence(child, other, self.pop).weight or 0.0) >= _CLEAR_SIBLING
            self._sibling_cache[key] = found
        return found

    def lead(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Each child's head, and each head's children."""
        head_of = {c: h for c in sorted(self.by_child) if (h := self.best(c, _CONTENDER))}
        head_of = _merge_coheads(head_of, self.posterior)
        led: dict[str, list[str]] = defaultdict(list)
        for child, head in sorted(head_of.items()):
            led[head].append(child)
        return head_of, led

    def claims(self, led: Mapping[str, list[str]]) -> dict[str, float]:
        """Each head's strongest claim on the children it leads."""
        return {
            head: max(self.posterior[c].get(head, 0.0) for c in kids) for head, kids in led.items()
        }


def _recorded(child: Profile) -> tuple[int, bool, str]:
    """Sort key: children whose records show both surnames in a settled order first."""
    return (-min(2, len(child.surnames.every)), not child.surnames.ordered, child.key)


def _blocks(child: Profile) -> set[BlockKey]:
    return {k for b in child.apprehensions if (k := block_of(b))}


def _sibling_pairs(
    sure: Mapping[str, list[str]], children: Mapping[str, Profile]
) -> list[tuple[str, str]]:
    """(head, child) for every child booked with a surely-led child that could be its
    brother or sister: the same surnames, or one shown alone that the other carries."""
    wanted = {
        (block, word)
        for kids in sure.values()
        for kid in kids
        for block in _blocks(children[kid])
        for word in children[kid].surnames.every
    }
    by_word: dict[tuple[BlockKey, str], list[str]] = defaultdict(list)
    for key, child in children.items():
        for block in _blocks(child):
            for word in child.surnames.every:
                if (block, word) in wanted:
                    by_word[(block, word)].append(key)
    pairs: set[tuple[str, str]] = set()
    for head, kids in sure.items():
        for kid in kids:
            mine = children[kid].surnames.every
            others = {
                other
                for block in _blocks(children[kid])
                for word in mine
                for other in by_word.get((block, word), ())
            }
            for other in others:
                theirs = children[other].surnames.every
                if theirs == mine or min(len(theirs), len(mine)) == 1:
                    pairs.add((head, other))
    return sorted(pairs)


def _merge_coheads(
    head_of: Mapping[str, str], posterior: Mapping[str, Mapping[str, float]]
) -> dict[str, str]:
    """One family, not two, when its children could not tell which of two adults they
    named: both parents often claim the head's place, and siblings split between them.

    Two heads merge when every child of each leaves the other in contention too; the one
    with the larger claim leads. Two strangers who both look like a lone child's parent
    do not merge: each keeps children that do not hesitate.
    """
    led: dict[str, list[str]] = defaultdict(list)
    for child, head in sorted(head_of.items()):
        led[head].append(child)
    root = {head: head for head in led}

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    rivals: dict[str, set[str]] = {}
    for head in sorted(led):
        common: set[str] | None = None
        for child in led[head]:
            near = {
                a for a, p in posterior[child].items() if a != head and a in led and p >= _CONTENDER
            }
            common = near if common is None else common & near
        rivals[head] = common or set()
    for head in sorted(led):
        for rival in sorted(rivals[head]):
            if head not in rivals.get(rival, set()):
                continue
            a, b = find(head), find(rival)
            if a != b:
                root[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for head in led:
        groups[find(head)].append(head)
    lead_of: dict[str, str] = {}
    for members in groups.values():
        claim = {h: sum(posterior[c].get(h, 0.0) for g in members for c in led[g]) for h in members}
        lead = min(members, key=lambda h: (-claim[h], h))
        for member in members:
            lead_of[member] = lead
    return {child: lead_of[head] for child, head in head_of.items()}


def assign_families(
    scored: Mapping[Pair, Scored],
    *,
    score: ScoreFn,
    adults: Mapping[str, Profile],
    children: Mapping[str, Profile],
    pop: Population,
    config: FamilyConfig,
    words: Words,
) -> dict[Pair, Membership]:
    """Membership of every scored adult in every candidate child's family.

    `score(adult, child)` scores a pair the candidates did not include (a second adult
    may share nothing with the children themselves).
    """
    by_child: dict[str, dict[str, Scored]] = defaultdict(dict)
    for (adult, child), s in sorted(scored.items()):
        by_child[child][adult] = s
    heads = _Heads(by_child, pop, config, find_twins(adults))
    heads.add_siblings(children, score)
    head_of, led = heads.lead()

    def second_adults(led: Mapping[str, list[str]]) -> dict[tuple[str, str], SecondAdult]:
        return Seconds(
            score=score,
            adults=adults,
            children=children,
            led=led,
            claims=heads.claims(led),
            config=config,
            words=words,
        ).run()

    # Heads and second adults compete for the same adults: weigh each in the light of
    # the other, so that a weak claim gives way to a strong one.
    for _ in range(_ROUNDS):
        heads.weigh_other_claims(second_adults(led), head_of, children)
        head_of, led = heads.lead()
    seconds = second_adults(led)
    return _memberships(by_child, heads, head_of, seconds)


def _memberships(
    by_child: Mapping[str, Mapping[str, Scored]],
    heads: _Heads,
    head_of: Mapping[str, str],
    seconds: Mapping[tuple[str, str], SecondAdult],
) -> dict[Pair, Membership]:
    result: dict[Pair, Membership] = {}
    for child in sorted(by_child):
        for adult in by_child[child]:
            p_head = heads.posterior[child].get(adult, 0.0)
            is_head = head_of.get(child) == adult
            result[(adult, child)] = Membership(
                p_head, is_head, head_of.get(child), heads.extra.get((adult, child), ())
            )
    in_family: dict[str, dict[str, SecondAdult]] = defaultdict(dict)  # head -> member
    for (adult, head), second in sorted(seconds.items()):
        in_family[head][adult] = second
    for child in sorted(by_child):
        if child not in head_of:
            continue
        head = head_of[child]
        posterior = heads.posterior[child]
        # The child is in the head's family if any member of it is the adult it named:
        # both parents may claim the head's place, and either way the family is one.
        members = in_family.get(head, {})
        p_child = posterior.get(head, 0.0) + sum(
            posterior.get(adult, 0.0) * m.probability for adult, m in members.items()
        )
        p_child = min(1.0, p_child)
        old = result[(head, child)]
        result[(head, child)] = Membership(p_child, True, head, old.extra)
        for adult, m in members.items():
            old_m = result.get((adult, child))
            extra = (*(old_m.extra if old_m else ()), *m.evidence)
            p = max(p_child * m.probability, old_m.probability if old_m else 0.0)
            result[(adult, child)] = Membership(p, False, head, extra)
    return result
