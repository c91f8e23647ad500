"""The logic each rule applies, by name. Parameters come from the rule (data); facts
from the person. Every function answers yes, no or unknown, and says why.

Memberships are decided per separation link (a person may have several) and combined:
yes if any link qualifies, else unknown if any link might, else no. Entitlements read
the memberships decided before them.

A rule's conditions are combined as in three-valued logic: one condition that is
certainly not met answers *no* even while another is unknown (a removed parent is
owed no interview in the United States whatever their membership turns out to be),
and an unknown answer lists every missing fact that could still change it, so that
one round of questions settles it.

Each logic is compiled once per rule (its parameters read and checked then), and the
compiled function is what a bulk run calls for every person.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Final

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
# A rule compiled for one parameter set: the person's facts and the memberships
# decided so far in, the finding out.
Applied = Callable[[PersonFacts, Decided], Finding]
Compile = Callable[["Rule"], Applied]
Facts = tuple[tuple[str, str], ...]

_YES: Final = Answer.YES
_NO: Final = Answer.NO
_UNKNOWN: Final = Answer.UNKNOWN
_PARENT: Final = Kin.PARENT
_ADULT: Final = Role.ADULT
_CHILD: Final = Role.CHILD
_NEGATIVE: Final = Determination.NEGATIVE
_new_tuple: Final = tuple.__new__


@dataclass(frozen=True, slots=True)
class LogicSpec:
    produces: str
    kind: FindingKind
    parameters: Mapping[str, ParamKind]
    compile: Compile

    def apply(self, facts: PersonFacts, rule: Rule, decided: Decided) -> Finding:
        """One evaluation without keeping the compiled rule (Evaluator keeps it)."""
        return self.compile(rule)(facts, decided)


class _Iso(dict[date, str]):
    """ISO text of a date, made once: a bulk run writes the same few thousand dates
    into millions of findings."""

    def __missing__(self, key: date) -> str:
        text = key.isoformat()
        self[key] = text
        return text


_iso: Final = _Iso()


def _age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# A step is one link's answer before the links are combined:
# (answer, basis, facts, missing). A plain tuple: a bulk run makes millions.
Step = tuple[Answer, str, Facts, tuple[str, ...]]


def _combine(steps: list[Step], none_basis: str) -> Step:
    if len(steps) == 1:
        return steps[0]
    if not steps:
        return (_NO, none_basis, (), ())
    unknown: list[Step] = []
    for step in steps:
        if step[0] is _YES:
            return step
        if step[0] is _UNKNOWN:
            unknown.append(step)
    if len(unknown) == 1:
        return unknown[0]
    if unknown:
        missing = tuple(dict.fromkeys(m for s in unknown for m in s[3]))
        facts = tuple(dict.fromkeys(f for s in unknown for f in s[2]))
        return (_UNKNOWN, "needs_facts", facts, missing)
    return steps[0]


def _finder(rule: Rule, kind: FindingKind) -> Callable[[Step], Finding]:
    code, refs, case = rule.produces, (rule.ref,), rule.case

    def finding(step: Step) -> Finding:
        answer, basis, facts, missing = step
        return _new_tuple(
            Finding, (code, kind, answer, basis, refs, facts, missing, case, False, "")
        )

    return finding


def _separation(link: Link, minor_age: int, window_start: date | None) -> Step | None:
    """The shared test of a separation link: None when it passes, a *no* when a known
    fact fails it, else *unknown* with every fact it still needs."""
    kin = link.kin
    separated_on = link.separated_on
    child_dob = link.child_dob
    if kin is _PARENT and link.confirmed and separated_on is not None and child_dob is not None:
        # The common case, every fact known: only the dates can fail it.
        age = _age_on(child_dob, separated_on)
        if age >= minor_age or age < 0:
            return _not_minor(link, separated_on, age)
        if window_start is not None and separated_on < window_start:
            return _before_window(link, separated_on, window_start)
        return None
    return _separation_unsettled(link, minor_age, window_start)


def _separation_unsettled(link: Link, minor_age: int, window_start: date | None) -> Step:
    """A link with a fact missing: still *no* when the facts it has fail it."""
    kin = link.kin
    separated_on = link.separated_on
    child_dob = link.child_dob
    other = ("relative", link.other_id)
    if kin is not None and kin is not _PARENT:
        return (_NO, "not_parent", (other, ("relationship", kin.value)), ())
    facts: Facts = (other,)
    if separated_on is not None:
        facts = (other, ("separated_on", _iso[separated_on]))
        if child_dob is not None:
            age = _age_on(child_dob, separated_on)
            if age >= minor_age or age < 0:
                return _not_minor(link, separated_on, age)
        if window_start is not None and separated_on < window_start:
            return _before_window(link, separated_on, window_start)
    missing: list[str] = []
    if kin is None:
        missing.append("relationship_to_child")
    if not link.confirmed:
        missing.append("link_confirmed")
    if separated_on is None:
        missing.append("separation_date")
    if child_dob is None:
        missing.append("child_date_of_birth")
    return (_UNKNOWN, "needs_facts", facts, tuple(missing))


def _not_minor(link: Link, separated_on: date, age: int) -> Step:
    return (
        _NO,
        "child_not_minor",
        (
            ("relative", link.other_id),
            ("separated_on", _iso[separated_on]),
            ("child_age", str(age)),
        ),
        (),
    )


def _before_window(link: Link, separated_on: date, window_start: date) -> Step:
    return (
        _NO,
        "before_window",
        (
            ("relative", link.other_id),
            ("separated_on", _iso[separated_on]),
            ("window_start", _iso[window_start]),
        ),
        (),
    )


def _base(link: Link) -> Facts:
    if link.separated_on is None:
        return (("relative", link.other_id),)
    return (("relative", link.other_id), ("separated_on", _iso[link.separated_on]))


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


def _undetermined(findings: tuple[FearFinding, ...] | list[FearFinding]) -> bool:
    """A screening on record whose outcome is not: it could still be either."""
    return any(finding.determination is None for finding in findings)


def _first_positive(findings: tuple[FearFinding, ...] | list[FearFinding]) -> FearFinding | None:
    # A loop rather than next() over a generator: called for every person and link.
    for finding in findings:
        if finding.positive:
            return finding
    return None


# ---------------------------------------------------------------- memberships


def parent_class(rule: Rule) -> Applied:
    """Ms. L.: an adult parent detained by DHS whose minor child DHS separated (inside
    the window, and still held on or after certification where the definition asks
    it), absent a red flag."""
    window_start = _param_date(rule, "window_start")
    custody_from = _param_date(rule, "child_in_custody_on_or_after")
    minor_age = _param_int(rule, "minor_age")
    exclusion_codes = frozenset(_param_codes(rule, "exclusion_codes"))
    finding = _finder(rule, FindingKind.MEMBERSHIP)
    # Nobody on that side of a separation: the same answer for everyone, made once.
    no_separation = finding((_NO, "no_separation_as_adult", (), ()))

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        excluded = exclusion_codes & facts.exclusion_codes
        steps: list[Step] = []
        for link in facts.links:
            if link.role is not _ADULT:
                continue
            failed = _separation(link, minor_age, window_start)
            if failed is not None and failed[0] is _NO:
                steps.append(failed)
            else:
                steps.append(
                    _parent_link(
                        link,
                        failed,
                        facts,
                        minor_age=minor_age,
                        custody_from=custody_from,
                        excluded=excluded,
                    )
                )
        return finding(_combine(steps, "no_separation_as_adult")) if steps else no_separation

    return apply


def _parent_link(
    link: Link,
    failed: Step | None,
    facts: PersonFacts,
    *,
    minor_age: int,
    custody_from: date | None,
    excluded: frozenset[str],
) -> Step:
    """The parent class's own conditions on a link that is, or may yet be, a separation."""
    base = _base(link)
    missing: list[str] = [] if failed is None else list(failed[3])
    separated_on = link.separated_on
    # DOMAIN.md section 3: the class is of *adult* parents.
    if facts.dob is None:
        missing.append("date_of_birth")
    elif separated_on is not None:
        age = _age_on(facts.dob, separated_on)
        if age < minor_age:
            return (_NO, "parent_not_adult", (*base, ("parent_age", str(age))), ())
    if custody_from is not None:
        ended = link.child_custody_ended_on
        if not link.child_custody_known:
            missing.append("child_custody")
        elif ended is not None and ended < custody_from:
            return (
                _NO,
                "released_before_certification",
                (*base, ("custody_ended_on", _iso[ended])),
                (),
            )
    if excluded:
        return (_NO, "excluded", (*base, ("exclusion", ",".join(sorted(excluded)))), ())
    detained = facts.detained_by_dhs
    if detained is None:
        missing.append("detained_by_dhs")
    elif not detained:
        return (_NO, "not_detained", base, ())
    if missing:
        return (_UNKNOWN, "needs_facts", base, tuple(missing))
    return (_YES, "member", (*base, ("detained_by_dhs", "yes")), ())


def children_class(rule: Rule) -> Applied:
    """M.M.M.: a child under 18 whom DHS separated from the parent they entered with."""
    window_start = _param_date(rule, "window_start")
    minor_age = _param_int(rule, "minor_age")
    finding = _finder(rule, FindingKind.MEMBERSHIP)
    # Nobody on that side of a separation: the same answer for everyone, made once.
    no_separation = finding((_NO, "no_separation_as_child", (), ()))
    # A record says separated, but the parent is not identified yet: not a no.
    awaiting_parent = finding((_UNKNOWN, "needs_facts", (), ("parent_link",)))

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        steps: list[Step] = []
        for link in facts.links:
            if link.role is not _CHILD:
                continue
            failed = _separation(link, minor_age, window_start)
            steps.append((_YES, "member", _base(link), ()) if failed is None else failed)
        if steps:
            return finding(_combine(steps, "no_separation_as_child"))
        return awaiting_parent if facts.separation_signal else no_separation

    return apply


def _while_separated(finding: FearFinding, link: Link) -> bool | None:
    """After the separation date and before reunification; None when a date is missing."""
    if finding.interviewed_on is None or link.separated_on is None:
        return None
    if finding.interviewed_on < link.separated_on:
        return False
    return link.reunified_on is None or finding.interviewed_on < link.reunified_on


def separated_negative_class(rule: Rule) -> Applied:
    """Dora: a separated parent whose fear interview while separated was negative."""
    kinds = frozenset(_param_codes(rule, "finding_kinds"))
    minor_age = _param_int(rule, "minor_age")
    finding = _finder(rule, FindingKind.MEMBERSHIP)
    # Nobody on that side of a separation: the same answer for everyone, made once.
    no_separation = finding((_NO, "no_separation_as_adult", (), ()))

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        findings = [f for f in facts.fear_findings if f.kind in kinds]
        # Outcomes that are, or could still turn out, negative.
        candidates = [
            f for f in findings if f.determination is _NEGATIVE or f.determination is None
        ]
        steps: list[Step] = []
        for link in facts.links:
            if link.role is not _ADULT:
                continue
            failed = _separation(link, minor_age, None)
            if failed is not None and failed[0] is _NO:
                steps.append(failed)
            else:
                steps.append(_dora_link(link, failed, findings, candidates))
        return finding(_combine(steps, "no_separation_as_adult")) if steps else no_separation

    return apply


def _dora_link(
    link: Link, failed: Step | None, findings: list[FearFinding], candidates: list[FearFinding]
) -> Step:
    """The Dora condition on a link that is, or may yet be, a separation."""
    base = _base(link)
    if not findings:
        return (_NO, "never_screened", base, ())
    if not candidates:
        return (_NO, "no_negative_finding", base, ())
    missing: list[str] = [] if failed is None else list(failed[3])
    possible = False
    for fear in candidates:
        during = _while_separated(fear, link)
        if during is False:
            continue
        if during and failed is None and fear.determination is _NEGATIVE:
            assert fear.interviewed_on is not None
            return (
                _YES,
                "member",
                (
                    *base,
                    ("finding", f"{fear.kind} NEGATIVE"),
                    ("interviewed_on", _iso[fear.interviewed_on]),
                ),
                (),
            )
        # Negative, or not yet known, at a time that is or may be while separated.
        possible = True
        if fear.interviewed_on is None:
            missing.append("interview_date")
        if fear.determination is None:
            missing.append("fear_finding_outcome")
    if not possible:
        return (_NO, "interview_not_while_separated", base, ())
    return (_UNKNOWN, "needs_facts", base, tuple(dict.fromkeys(missing)))


# ---------------------------------------------------------------- entitlements


Membership = tuple[Answer, Facts, tuple[str, ...]]
_NOT_IN_ANY: Final[Membership] = (_NO, (), ())


def _gate(codes: tuple[str, ...]) -> Callable[[Decided], Membership]:
    """Whether the person is in one of `codes`: the answer, the `member_of` fact when
    yes, and the facts that would settle it when unknown. Compiled per rule, with its
    answers made once: most people are in none of the classes an entitlement reads."""
    yes: dict[tuple[str, ...], Membership] = {}
    for size in range(1, len(codes) + 1):
        for chosen in itertools.combinations(codes, size):
            yes[chosen] = (_YES, (("member_of", ",".join(chosen)),), ())

    def membership(decided: Decided) -> Membership:
        found = [f for c in codes if (f := decided.get(c)) is not None and f[2] is not _NO]
        if not found:
            return _NOT_IN_ANY
        members = tuple(f[0] for f in found if f[2] is _YES)
        if members:
            return yes[members]
        return (_UNKNOWN, (), tuple(dict.fromkeys(m for f in found for m in f[6])))

    return membership


_NOT_MEMBER: Final[Step] = (_NO, "not_class_member", (), ())


def _in_us(facts: PersonFacts) -> tuple[str, str]:
    if facts.in_united_states():
        return ("in_united_states", "yes")
    return ("removed_on", str(facts.removed_on))


def _removed(member: Facts, facts: PersonFacts) -> Step:
    return (_NO, "removed", (*member, _in_us(facts)), ())


def _unsettled(membership: Answer, missing: tuple[str, ...], more: Facts = ()) -> Step:
    """Unknown: the membership, or another fact, is still missing."""
    basis = "membership_unknown" if membership is _UNKNOWN else "needs_facts"
    return (_UNKNOWN, basis, more, tuple(dict.fromkeys(missing)))


def parent_procedures(rule: Rule) -> Applied:
    """A class parent in the United States with a standing negative finding (also one a
    judge affirmed) gets a review and a new interview; a positive finding is not
    affected."""
    gate = _gate((MS_L_PARENT, DORA_PARENT))
    kinds = frozenset(_param_codes(rule, "finding_kinds"))
    finding = _finder(rule, FindingKind.ENTITLEMENT)
    not_member = finding(_NOT_MEMBER)

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        membership, member, missing = gate(decided)
        if membership is _NO:
            return not_member
        findings = [f for f in facts.fear_findings if f.kind in kinds]
        positive = _first_positive(findings)
        if positive is not None:
            return finding(
                (_NO, "positive_finding", (*member, ("finding", f"{positive.kind} POSITIVE")), ())
            )
        negative = next((f for f in findings if f.negative), None)
        undetermined = _undetermined(findings)
        if negative is None and not undetermined:
            basis = "never_screened" if not findings else "no_negative_finding"
            return finding((_NO, basis, member, ()))
        if not facts.in_united_states():
            return finding(_removed(member, facts))
        if membership is _UNKNOWN or undetermined:
            # An outcome not on record may be the positive that leaves them unaffected.
            extra = ("fear_finding_outcome",) if undetermined else ()
            return finding(_unsettled(membership, (*missing, *extra)))
        assert negative is not None
        review = f" ({negative.ij_review.value})" if negative.ij_review else ""
        return finding(
            (
                _YES,
                "negative_finding_in_us",
                (
                    *member,
                    ("finding", f"{negative.kind} NEGATIVE{review}"),
                    (
                        "interviewed_on",
                        _iso[negative.interviewed_on] if negative.interviewed_on else "",
                    ),
                    ("in_united_states", "yes"),
                ),
                (),
            )
        )

    return apply


def child_interview(rule: Rule) -> Applied:
    """A class child in the United States with a claim of their own."""
    gate = _gate((MMM_CHILD,))
    finding = _finder(rule, FindingKind.ENTITLEMENT)
    not_member = finding(_NOT_MEMBER)

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        membership, member, missing = gate(decided)
        if membership is _NO:
            return not_member
        if not facts.in_united_states():
            return finding(_removed(member, facts))
        claim = facts.independent_claim
        if claim is False:
            return finding((_NO, "no_own_claim", member, ()))
        if membership is _UNKNOWN or claim is None:
            extra = ("child_own_claim",) if claim is None else ()
            return finding(_unsettled(membership, (*missing, *extra), member))
        return finding(
            (_YES, "own_claim", (*member, ("own_claim", "yes"), ("in_united_states", "yes")), ())
        )

    return apply


def return_candidacy(rule: Rule) -> Applied:
    """A class parent removed without the child is a candidate for return."""
    gate = _gate((MS_L_PARENT,))
    presentation = ("presentation_days", str(_param_int(rule, "presentation_days")))
    finding = _finder(rule, FindingKind.ENTITLEMENT)
    not_member = finding(_NOT_MEMBER)

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        membership, member, missing = gate(decided)
        if membership is _NO:
            return not_member
        if facts.in_united_states():
            return finding((_NO, "in_united_states", member, ()))
        removed = facts.removed_on
        removed_fact = ("removed_on", str(removed))
        left, unsettled = _children_left(facts.links, removed)
        if not left and not unsettled:
            return finding((_NO, "removed_with_child", (*member, removed_fact), ()))
        if membership is _UNKNOWN or not left:
            return finding(_unsettled(membership, (*missing, *unsettled)))
        return finding((_YES, "removed_without_child", (*member, removed_fact, presentation), ()))

    return apply


def _children_left(links: tuple[Link, ...], removed: date | None) -> tuple[bool, tuple[str, ...]]:
    """Whether a child was left behind in the United States (not removed that day) on a
    confirmed parent link; else the facts that would settle whether one was, from the
    links still in review or of unknown relationship."""
    missing: list[str] = []
    for link in links:
        if link.role is not _ADULT or link.other_removed_on == removed:
            continue
        if link.kin is _PARENT and link.confirmed:
            return True, ()
        if link.kin is None:
            missing.append("relationship_to_child")
        if link.kin in (None, _PARENT) and not link.confirmed:
            missing.append("link_confirmed")
    return False, tuple(dict.fromkeys(missing))


def cross_effect(rule: Rule) -> Applied:
    """Either side positive: both parent and child get a Notice to Appear. Decided on
    the separation link itself, so the parent's answer and the child's agree while both
    are in the United States; a person removed is owed no removal proceedings here
    (DOMAIN.md section 3: deported parents are not in the main procedures)."""
    window_start = _param_date(rule, "window_start")
    minor_age = _param_int(rule, "minor_age")
    finding = _finder(rule, FindingKind.ENTITLEMENT)
    # Nobody on that side of a separation: the same answer for everyone, made once.
    no_separation = finding((_NO, "no_separation", (), ()))

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        if not facts.in_united_states():
            return finding(_removed((), facts))
        own = _first_positive(facts.fear_findings)
        own_open = own is None and _undetermined(facts.fear_findings)
        steps: list[Step] = []
        for link in facts.links:
            failed = _separation(link, minor_age, window_start)
            if failed is not None and failed[0] is _NO:
                steps.append(failed)
                continue
            base = (("relative", link.other_id),)
            other = None
            if own is None:
                other = _first_positive(link.other_fear_findings)
            if own is not None or other is not None:
                if failed is not None:
                    steps.append(failed)
                elif own is not None:
                    steps.append(
                        (_YES, "own_positive", (*base, ("finding", f"{own.kind} POSITIVE")), ())
                    )
                else:
                    assert other is not None
                    steps.append(
                        (
                            _YES,
                            "relative_positive",
                            (*base, ("relative_finding", f"{other.kind} POSITIVE")),
                            (),
                        )
                    )
                continue
            other_open = _undetermined(link.other_fear_findings)
            if own_open or other_open:
                missing = [] if failed is None else list(failed[3])
                if own_open:
                    missing.append("fear_finding_outcome")
                if other_open:
                    missing.append("relative_fear_finding_outcome")
                steps.append((_UNKNOWN, "needs_facts", base, tuple(missing)))
            else:
                steps.append((_NO, "no_positive_finding", base, ()))
        return finding(_combine(steps, "no_separation")) if steps else no_separation

    return apply


def ordinary_process(rule: Rule) -> Applied:
    """A class parent never screened for fear goes through the ordinary process."""
    gate = _gate((MS_L_PARENT,))
    kinds = frozenset(_param_codes(rule, "finding_kinds"))
    finding = _finder(rule, FindingKind.ENTITLEMENT)
    not_member = finding(_NOT_MEMBER)

    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        membership, member, missing = gate(decided)
        if membership is _NO:
            return not_member
        screened = sum(1 for f in facts.fear_findings if f.kind in kinds)
        if screened:
            return finding((_NO, "screened", (*member, ("findings", str(screened))), ()))
        if not facts.in_united_states():
            return finding(_removed(member, facts))
        if membership is _UNKNOWN:
            return finding(_unsettled(membership, missing))
        return finding(
            (_YES, "never_screened", (*member, ("findings", "0"), ("in_united_states", "yes")), ())
        )

    return apply


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
