"""Families and separations from linked records: the whole run, step by step.

1. One profile per person (profiles.py); each is a minor or an adult at the crossing.
2. Candidate pairs: adults booked with a child who share a word or an id with it.
3. Field-by-field evidence for each pair (evidence.py).
4. Each child's unit head, then the adults beside the head (grouping.py, seconds.py).
5. What each adult is to the family's children (relate.py, relations.py).
6. Whether DHS separated them, and what followed (custody.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from amparo.engines.families.bayes import Item, public
from amparo.engines.families.candidates import Pair, Words, find_candidates, together_of
from amparo.engines.families.config import FAMILY_MODEL_VERSION, FamilyConfig
from amparo.engines.families.custody import assign_reunions, separation_of
from amparo.engines.families.evidence import membership_evidence
from amparo.engines.families.grouping import Membership, assign_families
from amparo.engines.families.model import FamilyLink, FamilyResult, LinkRelationship, Separation
from amparo.engines.families.population import Population, count_population, stage
from amparo.engines.families.profiles import Profile, build_profiles
from amparo.engines.families.relate import relations
from amparo.engines.families.relations import Relation
from amparo.engines.families.scored import Scored, scored
from amparo.engines.families.twins import find_chimeras, find_twins
from amparo.engines.linkage.types import (
    EvidenceItem,
    PairStatus,
    RecordIn,
    RecordKey,
    ReviewPair,
)

# Below this the likeliest relation is not shown as the adult's relation.
_SHOWN_RELATION: float = 0.5


class _Pairs:
    """Scored pairs, scoring more on demand (a second adult and its head's children)."""

    def __init__(
        self,
        adults: Mapping[str, Profile],
        children: Mapping[str, Profile],
        pop: Population,
        config: FamilyConfig,
    ) -> None:
        self.adults = adults
        self.children = children
        self.pop = pop
        self.config = config
        self.scored: dict[Pair, Scored] = {}

    def score(self, adult_key: str, child_key: str) -> Scored:
        found = self.scored.get((adult_key, child_key))
        if found is None:
            adult, child = self.adults[adult_key], self.children[child_key]
            together = together_of(adult, child)
            evidence = membership_evidence(adult, child, together, self.pop, self.config)
            found = scored(together, evidence)
            self.scored[(adult_key, child_key)] = found
        return found


def infer_families(
    records: Sequence[RecordIn],
    person_of: Mapping[RecordKey, str],
    config: FamilyConfig = FamilyConfig(),  # noqa: B008 - frozen, safe to share
) -> FamilyResult:
    """Who travelled with whom, which adults are parents, and which pairs DHS separated.

    `person_of` gives each record's person (the linkage engine's clustering). The result
    does not depend on the order of `records`. Raises FamilyError when a record has no
    person or appears twice.
    """
    profiles = build_profiles(records, person_of)
    adults = {k: p for k, p in sorted(profiles.items()) if stage(p) == "adult"}
    children = {k: p for k, p in sorted(profiles.items()) if stage(p) == "minor"}
    pop = count_population(adults.values())
    pairs = _Pairs(adults, children, pop, config)
    words = Words()
    candidates = find_candidates(
        adults,
        children,
        window_days=config.referral_window_days,
        keep=config.candidates_per_child,
        words=words,
    )
    for adult_key, child_key in sorted(candidates):
        pairs.score(adult_key, child_key)
    members = assign_families(
        dict(pairs.scored),
        score=pairs.score,
        adults=adults,
        children=children,
        pop=pop,
        config=config,
        words=words,
    )
    for pair in sorted(members):
        pairs.score(*pair)
    judged = relations(members, pairs.scored, adults, children, config, pop=pop)
    doubtful = {**find_twins(adults), **find_twins(children)}
    for key in find_chimeras(adults, by_a_number=True) | find_chimeras(children, by_a_number=False):
        doubtful.setdefault(key, "two people merged?")
    links, separations = _outputs(members, judged, pairs, config, doubtful)
    separations = assign_reunions(separations, adults, children)
    return FamilyResult(
        links=tuple(links),
        separations=tuple(separations),
        review=tuple(
            ReviewPair("parent_child", s.parent_key, s.child_key, s.score, s.evidence)
            for s in separations
            if s.status == "review"
        ),
        model={
            "config": config.as_model(),
            "adults": pop.adults,
            "children": len(children),
            "candidate_pairs": len(candidates),
            "scored_pairs": len(pairs.scored),
        },
        version=FAMILY_MODEL_VERSION,
    )


def _shown(relation: Relation) -> LinkRelationship:
    best = relation.best
    if relation.posterior[best] < _SHOWN_RELATION:
        return "UNKNOWN"
    shown: dict[str, LinkRelationship] = {
        "PARENT": "PARENT",
        "GRANDPARENT": "GRANDPARENT",
        "AUNT_UNCLE": "AUNT_UNCLE",
        "SIBLING": "SIBLING",
        "OTHER": "OTHER",
    }
    return shown[best]


def _outputs(
    members: Mapping[Pair, Membership],
    judged: Mapping[Pair, Relation],
    pairs: _Pairs,
    config: FamilyConfig,
    doubtful: Mapping[str, str],
) -> tuple[list[FamilyLink], list[Separation]]:
    """A link for every pair likely enough to show; a separation for every parent pair
    likely enough, confirmed or sent to review. The score of a separation is the chance
    the two travelled together, times that the adult is the parent, times that DHS
    separated them."""
    links: list[FamilyLink] = []
    separations: list[Separation] = []
    shared: dict[Item, EvidenceItem] = {}
    for pair in sorted(judged):
        member, relation, s = members[pair], judged[pair], pairs.scored[pair]
        evidence = public((*s.evidence, *member.extra, *relation.evidence), shared)
        links.append(
            FamilyLink(pair[0], pair[1], _shown(relation), round(member.probability, 4), evidence)
        )
        custody = separation_of(
            pairs.adults[pair[0]], pairs.children[pair[1]], s.together, config.referral_window_days
        )
        score = member.probability * relation.posterior["PARENT"] * custody.probability
        if score < config.review_threshold:
            continue
        status: PairStatus = "confirmed" if score >= config.confirm_threshold else "review"
        split = [
            Item("clustering_doubt", "partial", key, doubtful[key], None)
            for key in pair
            if key in doubtful
        ]
        if split:
            # Half of a person the clustering may have split, or two it may have merged:
            # a person decides.
            status = "review"
        separations.append(
            Separation(
                parent_key=pair[0],
                child_key=pair[1],
                separated_on=custody.separated_on,
                reunified_on=None,
                parent_removed_on=custody.removed_on,
                status=status,
                score=round(score, 4),
                evidence=(*evidence, *public((*custody.evidence, *split), shared)),
            )
        )
    return links, separations
