"""Pairing the harms of two accounts: which harm told now is which harm told then.

Each pair gets a score, the weighted mean of how far the facts both accounts state
agree (type, place, perpetrator, date); facts stated in only one account neither help
nor hurt. Pairs are then taken greedily, best first. Greedy rather than an optimal
assignment: summaries hold a handful of harms, and the best-first rule is one an officer
can follow by hand. Ties are broken by content, never by position, so the order the
harms were typed in changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.engines.consistency.config import ConsistencyConfig
from amparo.engines.consistency.normalise import (
    infer_category,
    perpetrator_tokens,
    place_tokens,
    similarity,
)
from amparo.engines.consistency.records import ApproxDate, Harm, HarmType, PerpetratorCategory


@dataclass(frozen=True, slots=True)
class ReadHarm:
    """A harm with its texts read once: canonical words and the perpetrator's category
    (as stated, else as its words name it)."""

    harm: Harm
    place: frozenset[str]
    perpetrator: frozenset[str]
    category: PerpetratorCategory | None

    @classmethod
    def of(cls, harm: Harm) -> ReadHarm:
        words = perpetrator_tokens(harm.perpetrator)
        category = harm.perpetrator_category or infer_category(words)
        return cls(harm, place_tokens(harm.place), words, category)

    @property
    def key(self) -> tuple[str, ...]:
        """Content order, for ties: every field of the harm as typed."""
        h = self.harm
        when = "" if h.when is None else f"{h.when.on.isoformat()}/{h.when.precision}"
        category = "" if h.perpetrator_category is None else str(h.perpetrator_category)
        return (str(h.type), when, h.place, h.perpetrator, category, h.ref)


@dataclass(frozen=True, slots=True)
class Pair:
    first: ReadHarm
    new: ReadHarm
    score: float


def date_gap_days(a: ApproxDate, b: ApproxDate) -> int:
    """Days between the two spans; 0 when they overlap (a day inside a stated month)."""
    return max(0, (a.first_day - b.last_day).days, (b.first_day - a.last_day).days)


def types_differ(a: HarmType, b: HarmType) -> bool | None:
    if HarmType.OTHER in (a, b):
        return None
    return a is not b


def perpetrator_similarity(a: ReadHarm, b: ReadHarm) -> float | None:
    if a.category is not None and b.category is not None and a.category is not b.category:
        return 0.0
    return similarity(a.perpetrator, b.perpetrator)


def _date_similarity(a: Harm, b: Harm, config: ConsistencyConfig) -> float | None:
    if a.when is None or b.when is None:
        return None
    excess = date_gap_days(a.when, b.when) - config.date_tolerance_days
    if excess <= 0:
        return 1.0
    return max(0.0, 1.0 - excess / config.date_match_window_days)


def score(a: ReadHarm, b: ReadHarm, config: ConsistencyConfig) -> tuple[float, float]:
    """The pair's score and how much evidence it rests on (the weight of the facts both
    accounts state)."""
    differ = types_differ(a.harm.type, b.harm.type)
    parts = (
        (config.type_weight, None if differ is None else float(not differ)),
        (config.place_weight, similarity(a.place, b.place)),
        (config.perpetrator_weight, perpetrator_similarity(a, b)),
        (config.date_weight, _date_similarity(a.harm, b.harm, config)),
    )
    known = [(weight, value) for weight, value in parts if value is not None]
    evidence = sum(weight for weight, _ in known)
    if not known:
        # Two harms of which nothing can be compared: the same harm only if nothing
        # better is on offer, and still above any threshold worth setting.
        return 1.0, 0.0
    return sum(weight * value for weight, value in known) / evidence, evidence


def pair_harms(
    first: tuple[Harm, ...], new: tuple[Harm, ...], config: ConsistencyConfig
) -> tuple[list[Pair], list[ReadHarm], list[ReadHarm]]:
    """Matched pairs, then the harms told only then (dropped) and only now (omitted)."""
    read_first = sorted((ReadHarm.of(h) for h in first), key=lambda r: r.key)
    read_new = sorted((ReadHarm.of(h) for h in new), key=lambda r: r.key)
    candidates = []
    for i, a in enumerate(read_first):
        for j, b in enumerate(read_new):
            value, evidence = score(a, b, config)
            if value >= config.match_threshold:
                identical = a.harm == b.harm
                candidates.append((-value, -evidence, not identical, a.key, b.key, i, j))
    candidates.sort()
    used_first: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for neg_score, _, _, _, _, i, j in candidates:
        if i in used_first or j in used_new:
            continue
        used_first.add(i)
        used_new.add(j)
        pairs.append(Pair(read_first[i], read_new[j], -neg_score))
    dropped = [r for i, r in enumerate(read_first) if i not in used_first]
    omitted = [r for j, r in enumerate(read_new) if j not in used_new]
    return pairs, dropped, omitted
