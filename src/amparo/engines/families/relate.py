"""Each adult's view of its family, and the relation judged on it.

An adult has one relation to a family's children (a mother is the mother of all her
children), so the relation is judged once per adult and family, on all the children
it most likely travelled with, and shared by every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from amparo.engines.families.candidates import Pair
from amparo.engines.families.config import FamilyConfig
from amparo.engines.families.grouping import Membership
from amparo.engines.families.names import parse_reported_parent
from amparo.engines.families.population import Population, reference_day
from amparo.engines.families.profiles import Profile
from amparo.engines.families.relations import Family, Relation, relation_of
from amparo.engines.families.scored import Scored


def relations(
    members: Mapping[Pair, Membership],
    scored: Mapping[Pair, Scored],
    adults: Mapping[str, Profile],
    children: Mapping[str, Profile],
    config: FamilyConfig,
    *,
    pop: Population,
) -> dict[Pair, Relation]:
    """The relation of every pair worth reporting (membership at the review threshold)."""
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for (adult, child), m in sorted(members.items()):
        if m.probability >= config.review_threshold:
            groups[(adult, None if m.head else m.head_key)].append(child)
    out: dict[Pair, Relation] = {}
    for (adult_key, head_key), kids in groups.items():
        strong = [c for c in kids if members[(adult_key, c)].probability >= config.member_threshold]
        family = _family(
            adults[adult_key],
            head=adults.get(head_key) if head_key else None,
            kids=[children[c] for c in (strong or kids)],
            scored=scored,
        )
        relation = relation_of(family, config, pop.surname_share)
        for child in kids:
            out[(adult_key, child)] = relation
    return out


def _family(
    adult: Profile, *, head: Profile | None, kids: Sequence[Profile], scored: Mapping[Pair, Scored]
) -> Family:
    roles: list[str | None] = []
    own_role: str | None = None
    kin: list[str] = []
    for child in kids:
        s = scored.get((adult.key, child.key))
        together = s.together if s else None
        roles.append(together.child.role if together and together.child else None)
        if own_role is None and together and together.adult:
            own_role = together.adult.role
        if s is not None and head is None:
            kin.extend(_kin_words_naming(s, child))
    day = reference_day(adult)
    return Family(
        adult=adult,
        adult_role=own_role,
        children=tuple(kids),
        child_roles=tuple(roles),
        adult_age=adult.age_on(day),
        child_ages=tuple(c.age_on(reference_day(c) or day) for c in kids),
        kin_words=tuple(kin),
        head=head,
    )


def _kin_words_naming(s: Scored, child: Profile) -> list[str]:
    """Kin words from the child's reports ("mi tía"), when the report names this adult."""
    named = any(
        item.field == "parent_name_reported" and (item.weight or 0.0) > 0 for item in s.evidence
    )
    if not named:
        return []
    words: list[str] = []
    for referral in child.referrals:
        reported = parse_reported_parent(referral.parent_name)
        if reported is not None and reported.kin is not None:
            words.append(reported.kin)
    return words
