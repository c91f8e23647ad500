"""Comparing a parent's first credible fear interview with the new one.

The settlement requires the officer to give due consideration to the parent's
psychological state at the first interview before a difference between the accounts
harms credibility (DOMAIN.md section 3). So each difference is listed on its own, with a
stable id an assessment can be recorded against, and the result carries what the data
says about that first interview: how long the parent had been without the child,
whether they knew where the child was, the language, counsel, the telephone.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from amparo.engines.consistency.config import (
    CONSISTENCY_VERSION,
    DEFAULT_CONFIG,
    ConsistencyConfig,
    ConsistencyError,
)
from amparo.engines.consistency.match import (
    Pair,
    ReadHarm,
    date_gap_days,
    pair_harms,
    perpetrator_similarity,
    types_differ,
)
from amparo.engines.consistency.normalise import language, similarity
from amparo.engines.consistency.records import (
    Harm,
    HarmType,
    Interview,
    ProtectedGround,
    Separation,
)


class Kind(StrEnum):
    CONTRADICTION = "contradiction"
    # Told now, not then.
    OMISSION = "omission"
    # Told then, not now.
    DROPPED = "dropped"


class Topic(StrEnum):
    """Which fact differs."""

    HARM = "harm"
    HARM_TYPE = "harm_type"
    DATE = "date"
    PLACE = "place"
    PERPETRATOR = "perpetrator"
    PROTECTED_GROUND = "protected_ground"
    FEAR_OF_PERSECUTION = "fear_of_persecution"
    FEAR_OF_TORTURE = "fear_of_torture"
    INTERNAL_RELOCATION = "internal_relocation_possible"
    STATE_PROTECTION = "state_protection_available"


class Severity(StrEnum):
    """A hint of how much the difference could weigh on credibility, for ordering the
    officer's reading; never a finding."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """One difference between the accounts. `first_value` and `new_value` are as the
    parent said them ("" when not said); `first_harm` and `new_harm` are the matched
    pair (one of them None for an omission or a dropped harm, both for an answer or a
    ground). `match_score` is how sure the pairing was, rounded."""

    id: str
    kind: Kind
    topic: Topic
    first_value: str
    new_value: str
    severity: Severity
    first_harm: Harm | None = None
    new_harm: Harm | None = None
    match_score: float | None = None


@dataclass(frozen=True, slots=True)
class FirstInterviewContext:
    """The first interview as the data describes it, for the due consideration.

    days_separated: days from the separation to the first interview (None when the
        separation date is unknown, or the interview came before it, which
        `separated_at_interview` then says).
    language_mismatch: the interview was not held in the parent's best language.
    """

    interviewed_on: date
    separated_at_interview: bool | None
    days_separated: int | None
    knew_child_whereabouts: bool | None
    interpreter_language: str | None
    best_language: str | None
    language_mismatch: bool | None
    counsel_absent: bool | None
    telephonic: bool | None

    @property
    def factors(self) -> tuple[str, ...]:
        """The circumstances present that bear on the parent's state then, as codes."""
        flags = (
            ("separated_from_child", self.separated_at_interview),
            ("child_whereabouts_unknown", self.knew_child_whereabouts is False),
            ("language_mismatch", self.language_mismatch),
            ("counsel_absent", self.counsel_absent),
            ("telephonic", self.telephonic),
        )
        return tuple(code for code, present in flags if present)


@dataclass(frozen=True, slots=True)
class ConsistencyResult:
    version: str
    context: FirstInterviewContext
    inconsistencies: tuple[Inconsistency, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.inconsistencies)

    def of_kind(self, kind: Kind) -> tuple[Inconsistency, ...]:
        return tuple(i for i in self.inconsistencies if i.kind is kind)

    def get(self, inconsistency_id: str) -> Inconsistency:
        for inconsistency in self.inconsistencies:
            if inconsistency.id == inconsistency_id:
                return inconsistency
        raise KeyError(inconsistency_id)


_ANSWERS = (
    (Topic.FEAR_OF_PERSECUTION, "fear_of_persecution", Severity.HIGH),
    (Topic.FEAR_OF_TORTURE, "fear_of_torture", Severity.HIGH),
    (Topic.INTERNAL_RELOCATION, "internal_relocation_possible", Severity.MEDIUM),
    (Topic.STATE_PROTECTION, "state_protection_available", Severity.MEDIUM),
)
_KIND_ORDER = {kind: n for n, kind in enumerate(Kind)}
_TOPIC_ORDER = {topic: n for n, topic in enumerate(Topic)}


def compare(
    first: Interview,
    new: Interview,
    *,
    separation: Separation,
    config: ConsistencyConfig = DEFAULT_CONFIG,
) -> ConsistencyResult:
    """Every difference between the first interview and the new one, contradictions
    first, in an order fixed by content (not by the order facts were entered)."""
    if new.interviewed_on < first.interviewed_on:
        raise ConsistencyError(
            f"the new interview ({new.interviewed_on}) is dated before the first "
            f"({first.interviewed_on})"
        )
    pairs, dropped, omitted = pair_harms(first.harms, new.harms, config)
    drafts: list[_Draft] = []
    for pair in pairs:
        drafts.extend(_pair_differences(pair, config))
    drafts.extend(_unmatched(r, Kind.DROPPED) for r in dropped)
    drafts.extend(_unmatched(r, Kind.OMISSION) for r in omitted)
    drafts.extend(_ground_differences(first.protected_grounds, new.protected_grounds))
    drafts.extend(_answer_differences(first, new))
    drafts.sort(key=_Draft.order)
    return ConsistencyResult(
        version=CONSISTENCY_VERSION,
        context=first_interview_context(first, separation),
        inconsistencies=_with_ids(drafts),
    )


def first_interview_context(first: Interview, separation: Separation) -> FirstInterviewContext:
    separated = separation.separated_on
    days = None if separated is None else (first.interviewed_on - separated).days
    interpreter, best = language(first.interpreter_language), language(first.best_language)
    return FirstInterviewContext(
        interviewed_on=first.interviewed_on,
        separated_at_interview=None if days is None else days >= 0,
        days_separated=days if days is not None and days >= 0 else None,
        knew_child_whereabouts=separation.knew_child_whereabouts,
        interpreter_language=first.interpreter_language,
        best_language=first.best_language,
        language_mismatch=None if interpreter is None or best is None else interpreter != best,
        counsel_absent=None if first.counsel_present is None else not first.counsel_present,
        telephonic=first.telephonic,
    )


@dataclass(frozen=True, slots=True)
class _Draft:
    """An inconsistency before its id: the id needs the whole list (duplicates)."""

    kind: Kind
    topic: Topic
    first_value: str
    new_value: str
    severity: Severity
    first: ReadHarm | None = None
    new: ReadHarm | None = None
    match_score: float | None = None

    def order(self) -> tuple[object, ...]:
        anchor = self.first or self.new
        return (
            _KIND_ORDER[self.kind],
            () if anchor is None else anchor.key,
            _TOPIC_ORDER[self.topic],
            () if self.new is None else self.new.key,
            self.first_value,
            self.new_value,
        )

    def fingerprint(self) -> str:
        """What the id rests on: the difference and the harms as the parent told them,
        not the engine's reading of them (a better normaliser keeps the ids), and not
        the caller's `ref`."""
        content = [
            str(self.kind),
            str(self.topic),
            self.first_value,
            self.new_value,
            None if self.first is None else list(self.first.key[:-1]),
            None if self.new is None else list(self.new.key[:-1]),
        ]
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"))


def _with_ids(drafts: list[_Draft]) -> tuple[Inconsistency, ...]:
    seen: Counter[str] = Counter()
    out = []
    for draft in drafts:
        digest = hashlib.sha256(draft.fingerprint().encode()).hexdigest()[:16]
        seen[digest] += 1
        # The same difference twice (a harm entered twice) keeps both, numbered.
        suffix = "" if seen[digest] == 1 else f"-{seen[digest]}"
        out.append(
            Inconsistency(
                id=f"inc-{digest}{suffix}",
                kind=draft.kind,
                topic=draft.topic,
                first_value=draft.first_value,
                new_value=draft.new_value,
                severity=draft.severity,
                first_harm=None if draft.first is None else draft.first.harm,
                new_harm=None if draft.new is None else draft.new.harm,
                match_score=draft.match_score,
            )
        )
    return tuple(out)


def _pair_differences(pair: Pair, config: ConsistencyConfig) -> list[_Draft]:
    a, b = pair.first, pair.new
    score = round(pair.score, 3)
    found = []

    def differ(topic: Topic, then: str, now: str, severity: Severity) -> None:
        found.append(_Draft(Kind.CONTRADICTION, topic, then, now, severity, a, b, score))

    if types_differ(a.harm.type, b.harm.type):
        differ(Topic.HARM_TYPE, str(a.harm.type), str(b.harm.type), Severity.MEDIUM)
    when_then, when_now = a.harm.when, b.harm.when
    if when_then and when_now and date_gap_days(when_then, when_now) > config.date_tolerance_days:
        differ(Topic.DATE, str(a.harm.when), str(b.harm.when), Severity.LOW)
    place = similarity(a.place, b.place)
    if place is not None and place < config.same_text_threshold:
        differ(Topic.PLACE, a.harm.place, b.harm.place, Severity.MEDIUM)
    who = perpetrator_similarity(a, b)
    if who is not None and who < config.same_text_threshold:
        # A different kind of actor (police, not a gang) goes to who persecutes and
        # whether the state protects: weightier than a different name.
        categories_differ = a.category is not None and b.category is not None
        severity = Severity.HIGH if categories_differ and who == 0.0 else Severity.MEDIUM
        differ(Topic.PERPETRATOR, _perpetrator(a), _perpetrator(b), severity)
    return found


def _perpetrator(read: ReadHarm) -> str:
    text = read.harm.perpetrator
    if read.category is None:
        return text
    return f"{text} [{read.category}]".strip()


def _unmatched(read: ReadHarm, kind: Kind) -> _Draft:
    if kind is Kind.OMISSION:
        # Sexual violence is the harm most often left untold at a first interview, out
        # of shame or fear, so its late telling is expected more than it is suspect.
        late_but_common = read.harm.type is HarmType.SEXUAL_VIOLENCE
        severity = Severity.LOW if late_but_common else Severity.MEDIUM
        return _Draft(kind, Topic.HARM, "", str(read.harm), severity, new=read)
    # A harm no longer told weighs less than one newly told: the account shrank.
    return _Draft(kind, Topic.HARM, str(read.harm), "", Severity.LOW, first=read)


def _ground_differences(
    then: frozenset[ProtectedGround], now: frozenset[ProtectedGround]
) -> list[_Draft]:
    found: list[_Draft] = []
    if not then or not now:
        # No ground recorded on one side is not "none said": nothing to compare.
        return found
    for ground in sorted(then ^ now):
        said_then = ground in then
        found.append(
            _Draft(
                Kind.CONTRADICTION,
                Topic.PROTECTED_GROUND,
                str(ground) if said_then else "",
                "" if said_then else str(ground),
                Severity.HIGH if said_then else Severity.MEDIUM,
            )
        )
    return found


def _answer_differences(first: Interview, new: Interview) -> list[_Draft]:
    found = []
    for topic, name, severity in _ANSWERS:
        then, now = getattr(first, name), getattr(new, name)
        if then is not None and now is not None and then != now:
            found.append(_Draft(Kind.CONTRADICTION, topic, _yes_no(then), _yes_no(now), severity))
    return found


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
