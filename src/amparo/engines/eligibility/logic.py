"""The logic each rule applies, by name. Parameters come from the rule (data); facts
from the person. Every function answers yes, no or unknown, and says why.

Memberships are decided per separation link (a person may have several) and combined:
yes if any link qualifies, else unknown if any link might, else no. Entitlements read
the memberships decided before them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Final, NamedTuple

from amparo.engines.eligibility.facts import (
    Determination,
    FearFinding,
    Kin,
    Link,
    PersonFacts,
    Role,
)
from amparo.engines.eligibility.outcomes import Answer, Finding, FindingKind

if TYPE_CHECKING:
    from amparo.engines.eligibility.ruleset import Rule

ParamValue = date | int | tuple[str, ...] | None

# Membership and entitlement codes: the names every other part of Amparo uses.
MS_L_PARENT: Final = "ms_l_parent"
MMM_CHILD: Final = "mmm_child"
DORA_PARENT: Final = "dora_parent"
PARENT_PROCEDURES: Final = "parent_review_and_new_interview"
CHILD_INTERVIEW: Final = "child_own_interview"
RETURN_CANDIDATE: Final = "deported_parent_return"
NOTICE_TO_APPEAR: Final = "notice_to_appear"
ORDINARY_PROCESS: Final = "ordinary_process"
MEMBERSHIPS: Final = (MS_L_PARENT, MMM_CHILD, DORA_PARENT)
ENTITLEMENTS: Final = (
    PARENT_PROCEDURES,
    CHILD_INTERVIEW,
    RETURN_CANDIDATE,
    NOTICE_TO_APPEAR,
    ORDINARY_PROCESS,
)


class ParamKind(StrEnum):
    DATE = "date"
    OPTIONAL_DATE = "date or null"
    DAYS = "days"
    YEARS = "years"
    CODES = "codes"
    CASES = "cases"


Decided = Mapping[str, Finding]
Apply = Callable[[PersonFacts, "Rule", Decided], Finding]


@dataclass(frozen=True, slots=True)
class LogicSpec:
    produces: str
    kind: FindingKind
    parameters: Mapping[str, ParamKind]
    apply: Apply


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class _Step(NamedTuple):
    """One link's answer before the links are combined."""

    answer: Answer
    basis: str
    facts: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()


def _yes(basis: str, *facts: tuple[str, str]) -> _Step:
    return _Step(Answer.YES, basis, facts)


def _no(basis: str, *facts: tuple[str, str]) -> _Step:
    return _Step(Answer.NO, basis, facts)


def _unknown(*missing: str, facts: tuple[tuple[str, str], ...] = ()) -> _Step:
    return _Step(Answer.UNKNOWN, "needs_facts", facts, missing)


def _combine(steps: list[_Step], none_basis: str) -> _Step:
    if not steps:
        return _no(none_basis)
    for step in steps:
        if step.answer is Answer.YES:
            return step
    unknown = [s for s in steps if s.answer is Answer.UNKNOWN]
    if unknown:
        missing = tuple(dict.fromkeys(m for s in unknown for m in s.missing))
        facts = tuple(dict.fromkeys(f for s in unknown for f in s.facts))
        return _Step(Answer.UNKNOWN, "needs_facts", facts, missing)
    return steps[0]


def _finding(rule: Rule, kind: FindingKind, step: _Step) -> Finding:
    return Finding(
        code=rule.produces,
        kind=kind,
        answer=step.answer,
        basis=step.basis,
        rule_ids=(rule.ref,),
        facts=step.facts,
        missing=step.missing,
        case=rule.case,
    )


def _separation(link: Link, minor_age: int, window_start: date | None) -> _Step | None:
    """The shared test of a separation link; None when it passes."""
    other = ("relative", link.other_id)
    if link.kin is None:
        return _unknown("relationship_to_child", facts=(other,))
    if link.kin is not Kin.PARENT:
        return _no("not_parent", other, ("relationship", link.kin.value))
    if not link.confirmed:
        return _unknown("link_confirmed", facts=(other,))
    if link.separated_on is None:
        return _unknown("separation_date", facts=(other,))
    return _separation_dates(link, link.separated_on, minor_age, window_start)


def _separation_dates(
    link: Link, separated_on: date, minor_age: int, window_start: date | None
) -> _Step | None:
    other = ("relative", link.other_id)
    separated = ("separated_on", separated_on.isoformat())
    if link.child_dob is None:
        return _unknown("child_date_of_birth", facts=(other, separated))
    age = _age_on(link.child_dob, separated_on)
    if age >= minor_age or age < 0:
        return _no("child_not_minor", other, separated, ("child_age", str(age)))
    if window_start is not None and separated_on < window_start:
        return _no("before_window", other, separated, ("window_start", window_start.isoformat()))
    return None


def _param_date(rule: Rule, name: str) -> date | None:
    value = rule.parameters[name]
    return value if isinstance(value, date) else None


def _param_int(rule: Rule, name: str) -> int:
    value = rule.parameters[name]
    assert isinstance(value, int)
    return value


def _param_codes(rule: Rule, name: str) -> tuple[str, ...]:
    value = rule.parameters[name]
    assert isinstance(value, tuple)
    return value


# ---------------------------------------------------------------- memberships


def parent_class(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    window_start = _param_date(rule, "window_start")
    custody_from = _param_date(rule, "child_in_custody_on_or_after")
    minor_age = _param_int(rule, "minor_age")
    excluded = set(_param_codes(rule, "exclusion_codes")) & facts.exclusion_codes
    steps: list[_Step] = []
    for link in facts.links:
        if link.role is not Role.ADULT:
            continue
        failed = _separation(link, minor_age, window_start)
        if failed is not None:
            steps.append(failed)
            continue
        assert link.separated_on is not None
        base = (("relative", link.other_id), ("separated_on", link.separated_on.isoformat()))
        if custody_from is not None:
            if not link.child_custody_known:
                steps.append(_unknown("child_custody", facts=base))
                continue
            ended = link.child_custody_ended_on
            if ended is not None and ended < custody_from:
                steps.append(
                    _no("released_before_certification", *base, ("custody_ended_on", str(ended)))
                )
                continue
        if excluded:
            steps.append(_no("excluded", *base, ("exclusion", ",".join(sorted(excluded)))))
            continue
        if facts.detained_by_dhs is None:
            steps.append(_unknown("detained_by_dhs", facts=base))
            continue
        if not facts.detained_by_dhs:
            steps.append(_no("not_detained", *base))
            continue
        steps.append(_yes("member", *base, ("detained_by_dhs", "yes")))
    return _finding(rule, FindingKind.MEMBERSHIP, _combine(steps, "no_separation_as_adult"))


def children_class(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    window_start = _param_date(rule, "window_start")
    minor_age = _param_int(rule, "minor_age")
    steps: list[_Step] = []
    for link in facts.links:
        if link.role is not Role.CHILD:
            continue
        failed = _separation(link, minor_age, window_start)
        if failed is None:
            assert link.separated_on is not None
            failed = _yes(
                "member",
                ("relative", link.other_id),
                ("separated_on", link.separated_on.isoformat()),
            )
        steps.append(failed)
    return _finding(rule, FindingKind.MEMBERSHIP, _combine(steps, "no_separation_as_child"))


def _while_separated(finding: FearFinding, link: Link) -> bool | None:
    if finding.interviewed_on is None or link.separated_on is None:
        return None
    if finding.interviewed_on < link.separated_on:
        return False
    return link.reunified_on is None or finding.interviewed_on < link.reunified_on


def separated_negative_class(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    kinds = set(_param_codes(rule, "finding_kinds"))
    minor_age = _param_int(rule, "minor_age")
    findings = [f for f in facts.fear_findings if f.kind in kinds]
    steps: list[_Step] = []
    for link in facts.links:
        if link.role is not Role.ADULT:
            continue
        failed = _separation(link, minor_age, None)
        if failed is not None:
            steps.append(failed)
            continue
        assert link.separated_on is not None
        base = (("relative", link.other_id), ("separated_on", link.separated_on.isoformat()))
        if not findings:
            steps.append(_no("never_screened", *base))
            continue
        negatives = [f for f in findings if f.determination is Determination.NEGATIVE]
        if not negatives:
            steps.append(_no("no_negative_finding", *base))
            continue
        step = _no("interview_not_while_separated", *base)
        for finding in negatives:
            during = _while_separated(finding, link)
            interviewed = ("interviewed_on", str(finding.interviewed_on or ""))
            if during is True:
                step = _yes("member", *base, ("finding", f"{finding.kind} NEGATIVE"), interviewed)
                break
            if during is None:
                step = _unknown("interview_date", facts=base)
        steps.append(step)
    return _finding(rule, FindingKind.MEMBERSHIP, _combine(steps, "no_separation_as_adult"))


# ---------------------------------------------------------------- entitlements


def _membership_gate(decided: Decided, codes: tuple[str, ...]) -> _Step | None:
    """None when the person is a member of one of `codes`; otherwise the answer."""
    found = [decided[c] for c in codes if c in decided]
    if any(f.answer is Answer.YES for f in found):
        return None
    unknown = [f for f in found if f.answer is Answer.UNKNOWN]
    if unknown:
        missing = tuple(dict.fromkeys(m for f in unknown for m in f.missing))
        return _Step(Answer.UNKNOWN, "membership_unknown", (), missing)
    return _no("not_class_member")


def _members_of(decided: Decided, codes: tuple[str, ...]) -> tuple[str, str]:
    return (
        "member_of",
        ",".join(c for c in codes if c in decided and decided[c].answer is Answer.YES),
    )


def _in_us(facts: PersonFacts) -> tuple[str, str]:
    if facts.in_united_states():
        return ("in_united_states", "yes")
    return ("removed_on", str(facts.removed_on))


def parent_procedures(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    classes = (MS_L_PARENT, DORA_PARENT)
    gate = _membership_gate(decided, classes)
    kinds = set(_param_codes(rule, "finding_kinds"))
    if gate is None:
        findings = [f for f in facts.fear_findings if f.kind in kinds]
        member = _members_of(decided, classes)
        positive = next((f for f in findings if f.positive), None)
        negative = next((f for f in findings if f.negative), None)
        if positive is not None:
            gate = _no("positive_finding", member, ("finding", f"{positive.kind} POSITIVE"))
        elif negative is None:
            gate = _no("never_screened" if not findings else "no_negative_finding", member)
        elif not facts.in_united_states():
            gate = _no("removed", member, _in_us(facts))
        else:
            review = f" ({negative.ij_review.value})" if negative.ij_review else ""
            gate = _yes(
                "negative_finding_in_us",
                member,
                ("finding", f"{negative.kind} NEGATIVE{review}"),
                ("interviewed_on", str(negative.interviewed_on or "")),
                _in_us(facts),
            )
    return _finding(rule, FindingKind.ENTITLEMENT, gate)


def child_interview(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    gate = _membership_gate(decided, (MMM_CHILD,))
    if gate is None:
        member = _members_of(decided, (MMM_CHILD,))
        if not facts.in_united_states():
            gate = _no("removed", member, _in_us(facts))
        elif facts.independent_claim is None:
            gate = _unknown("child_own_claim", facts=(member,))
        elif not facts.independent_claim:
            gate = _no("no_own_claim", member)
        else:
            gate = _yes("own_claim", member, ("own_claim", "yes"), _in_us(facts))
    return _finding(rule, FindingKind.ENTITLEMENT, gate)


def return_candidacy(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    gate = _membership_gate(decided, (MS_L_PARENT,))
    if gate is None:
        member = _members_of(decided, (MS_L_PARENT,))
        if facts.in_united_states():
            gate = _no("in_united_states", member)
        else:
            removed = facts.removed_on
            children_left = [
                link
                for link in facts.links
                if link.role is Role.ADULT
                and link.kin is Kin.PARENT
                and link.confirmed
                and (link.other_removed_on is None or link.other_removed_on != removed)
            ]
            if not children_left:
                gate = _no("removed_with_child", member, ("removed_on", str(removed)))
            else:
                gate = _yes(
                    "removed_without_child",
                    member,
                    ("removed_on", str(removed)),
                    ("presentation_days", str(_param_int(rule, "presentation_days"))),
                )
    return _finding(rule, FindingKind.ENTITLEMENT, gate)


def cross_effect(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    """Either side positive: both parent and child get a Notice to Appear. Decided on
    the separation link itself, so the parent's answer and the child's agree."""
    window_start = _param_date(rule, "window_start")
    minor_age = _param_int(rule, "minor_age")
    own = next((f for f in facts.fear_findings if f.positive), None)
    steps: list[_Step] = []
    for link in facts.links:
        failed = _separation(link, minor_age, window_start)
        if failed is not None:
            steps.append(failed)
            continue
        base = (("relative", link.other_id),)
        other = next((f for f in link.other_fear_findings if f.positive), None)
        if own is not None:
            steps.append(_yes("own_positive", *base, ("finding", f"{own.kind} POSITIVE")))
        elif other is not None:
            steps.append(
                _yes("relative_positive", *base, ("relative_finding", f"{other.kind} POSITIVE"))
            )
        else:
            steps.append(_no("no_positive_finding", *base))
    return _finding(rule, FindingKind.ENTITLEMENT, _combine(steps, "no_separation"))


def ordinary_process(facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
    gate = _membership_gate(decided, (MS_L_PARENT,))
    if gate is None:
        member = _members_of(decided, (MS_L_PARENT,))
        kinds = set(_param_codes(rule, "finding_kinds"))
        screened = [f for f in facts.fear_findings if f.kind in kinds]
        if screened:
            gate = _no("screened", member, ("findings", str(len(screened))))
        elif not facts.in_united_states():
            gate = _no("removed", member, _in_us(facts))
        else:
            gate = _yes("never_screened", member, ("findings", "0"), _in_us(facts))
    return _finding(rule, FindingKind.ENTITLEMENT, gate)


_CLASS_WINDOW: Final = {
    "window_start": ParamKind.OPTIONAL_DATE,
    "minor_age": ParamKind.YEARS,
}

LOGIC: Final[Mapping[str, LogicSpec]] = {
    "parent_class": LogicSpec(
        MS_L_PARENT,
        FindingKind.MEMBERSHIP,
        {
            **_CLASS_WINDOW,
            "child_in_custody_on_or_after": ParamKind.OPTIONAL_DATE,
            "exclusion_codes": ParamKind.CODES,
        },
        parent_class,
    ),
    "children_class": LogicSpec(MMM_CHILD, FindingKind.MEMBERSHIP, _CLASS_WINDOW, children_class),
    "separated_negative_class": LogicSpec(
        DORA_PARENT,
        FindingKind.MEMBERSHIP,
        {"minor_age": ParamKind.YEARS, "finding_kinds": ParamKind.CODES},
        separated_negative_class,
    ),
    "parent_procedures": LogicSpec(
        PARENT_PROCEDURES,
        FindingKind.ENTITLEMENT,
        {"finding_kinds": ParamKind.CODES, "cases": ParamKind.CASES},
        parent_procedures,
    ),
    "child_interview": LogicSpec(
        CHILD_INTERVIEW, FindingKind.ENTITLEMENT, {"cases": ParamKind.CASES}, child_interview
    ),
    "return_candidacy": LogicSpec(
        RETURN_CANDIDATE,
        FindingKind.ENTITLEMENT,
        {"presentation_days": ParamKind.DAYS, "cases": ParamKind.CASES},
        return_candidacy,
    ),
    "cross_effect": LogicSpec(
        NOTICE_TO_APPEAR,
        FindingKind.ENTITLEMENT,
        {**_CLASS_WINDOW, "cases": ParamKind.CASES},
        cross_effect,
    ),
    "ordinary_process": LogicSpec(
        ORDINARY_PROCESS,
        FindingKind.ENTITLEMENT,
        {"finding_kinds": ParamKind.CODES, "cases": ParamKind.CASES},
        ordinary_process,
    ),
}
