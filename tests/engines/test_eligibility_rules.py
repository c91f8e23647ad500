"""Every eligibility rule, table-driven: each membership and entitlement on its yes
path, each basis of no and each missing fact of unknown, the dates each version of the
Ms. L. class is in force, and when the court lets a yes be acted on.

The builders here (parent, child, adult_link, child_link, fear) are shared by the golden
and property tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from amparo.engines.eligibility import (
    APPROVED_2018,
    CHILD_INTERVIEW,
    DORA_PARENT,
    ENTITLEMENTS,
    MEMBERSHIPS,
    MMM_CHILD,
    MS_L_PARENT,
    NOTICE_TO_APPEAR,
    ORDINARY_PROCESS,
    PARENT_PROCEDURES,
    RETURN_CANDIDATE,
    Answer,
    ApprovalStatus,
    Case,
    CaseApproval,
    CourtState,
    Determination,
    EarlyOrder,
    Election,
    Evaluator,
    FearFinding,
    Finding,
    FindingKind,
    JudgeReview,
    Kin,
    Link,
    OrderScope,
    PersonFacts,
    Role,
    Ruleset,
    evaluate,
    evaluate_many,
    load_ruleset,
)
from amparo.engines.eligibility.logic import LOGIC

YES, NO, UNKNOWN = Answer.YES, Answer.NO, Answer.UNKNOWN
POS, NEG, CLOSED = Determination.POSITIVE, Determination.NEGATIVE, Determination.CLOSED

RULES = load_ruleset()
# After the class was widened (v2 of ms_l.parent_class) and after final approval.
AS_OF = date(2019, 4, 1)
# Between final approval and the widening: v1 of ms_l.parent_class.
V1_DAY = date(2018, 12, 1)
SEPARATED = date(2018, 6, 1)
CHILD_DOB = date(2012, 3, 3)
PARENT_DOB = date(1985, 1, 1)
WHILE_SEPARATED = date(2018, 6, 10)
REMOVED = date(2018, 8, 1)


def fear(
    interviewed_on: date | None,
    determination: Determination | None,
    kind: str = "CF",
    ij_review: JudgeReview | None = None,
) -> FearFinding:
    return FearFinding(kind, interviewed_on, determination, ij_review)


def adult_link(
    other_id: str = "c1",
    *,
    kin: Kin | None = Kin.PARENT,
    confirmed: bool = True,
    separated_on: date | None = SEPARATED,
    child_dob: date | None = CHILD_DOB,
    reunified_on: date | None = None,
    custody_known: bool = True,
    custody_ended_on: date | None = None,
    other_findings: tuple[FearFinding, ...] = (),
    other_removed_on: date | None = None,
    role: Role = Role.ADULT,
) -> Link:
    """The link seen from the adult's side (`role=Role.CHILD` for the child's side)."""
    return Link(
        other_id=other_id,
        role=role,
        kin=kin,
        confirmed=confirmed,
        separated_on=separated_on,
        child_dob=child_dob,
        reunified_on=reunified_on,
        child_custody_known=custody_known,
        child_custody_ended_on=custody_ended_on,
        other_fear_findings=other_findings,
        other_removed_on=other_removed_on,
    )


def child_link(other_id: str = "p1", **changes: Any) -> Link:
    """The same link seen from the child's side; takes adult_link's keywords."""
    return adult_link(other_id, role=Role.CHILD, **changes)


def parent(
    *links: Link,
    person_id: str = "p1",
    dob: date | None = PARENT_DOB,
    detained: bool | None = True,
    removed_on: date | None = None,
    returned_on: date | None = None,
    findings: tuple[FearFinding, ...] = (),
    exclusions: frozenset[str] = frozenset(),
    claim: bool | None = None,
    election: Election | None = Election.STAY,
    held: bool | None = None,
) -> PersonFacts:
    """A parent who returned the election form to stay, unless told otherwise: the
    election's own effects are tested on their own. `held` (in detention now) follows
    `detained` unless given."""
    return PersonFacts(
        person_id=person_id,
        dob=dob,
        detained_by_dhs=detained,
        removed_on=removed_on,
        returned_on=returned_on,
        fear_findings=findings,
        links=links,
        exclusion_codes=exclusions,
        independent_claim=claim,
        election=election,
        in_detention=detained if held is None else held,
    )


def child(
    *links: Link,
    person_id: str = "c1",
    dob: date | None = CHILD_DOB,
    removed_on: date | None = None,
    findings: tuple[FearFinding, ...] = (),
    claim: bool | None = True,
    election: Election | None = Election.STAY,
) -> PersonFacts:
    return PersonFacts(
        person_id=person_id,
        dob=dob,
        detained_by_dhs=None,
        removed_on=removed_on,
        returned_on=None,
        fear_findings=findings,
        links=links,
        independent_claim=claim,
        election=election,
    )


def find(
    facts: PersonFacts,
    code: str,
    *,
    as_of: date = AS_OF,
    court: CourtState | None = APPROVED_2018,
    ruleset: Ruleset = RULES,
) -> Finding:
    return evaluate(facts, ruleset, as_of, court).get(code)


def check(found: Finding, answer: Answer, basis: str, missing: tuple[str, ...]) -> None:
    assert (found.answer, found.basis, found.missing) == (answer, basis, missing), found


NEGATIVE_WHILE_SEPARATED = (fear(WHILE_SEPARATED, NEG),)
NEGATIVE_BEFORE_SEPARATION = (fear(date(2018, 5, 20), NEG),)
NOT_PARENTS = [k for k in Kin if k is not Kin.PARENT]


# ---------------------------------------------------------------- Ms. L. parent class

PARENT_CLASS = [
    pytest.param(parent(adult_link()), AS_OF, YES, "member", (), id="member"),
    pytest.param(parent(adult_link()), V1_DAY, YES, "member", (), id="v1-child-still-in-custody"),
    pytest.param(
        parent(adult_link(custody_ended_on=date(2018, 6, 26))),
        V1_DAY,
        YES,
        "member",
        (),
        id="v1-child-left-custody-on-certification-day",
    ),
    pytest.param(
        parent(adult_link(custody_ended_on=date(2018, 6, 25))),
        V1_DAY,
        NO,
        "released_before_certification",
        (),
        id="v1-child-left-custody-before-certification",
    ),
    pytest.param(
        parent(adult_link(custody_ended_on=date(2018, 6, 25))),
        AS_OF,
        YES,
        "member",
        (),
        id="v2-child-left-custody-before-certification",
    ),
    *[
        pytest.param(
            parent(adult_link(kin=kin)), AS_OF, NO, "not_parent", (), id=f"not-parent-{kin.value}"
        )
        for kin in NOT_PARENTS
    ],
    pytest.param(
        parent(adult_link(child_dob=date(2000, 6, 1))),
        AS_OF,
        NO,
        "child_not_minor",
        (),
        id="child-turned-18-on-separation-day",
    ),
    pytest.param(
        parent(adult_link(child_dob=date(2000, 6, 2))),
        AS_OF,
        YES,
        "member",
        (),
        id="child-17-the-day-before-18th-birthday",
    ),
    pytest.param(
        parent(adult_link(separated_on=date(2017, 6, 30))),
        AS_OF,
        NO,
        "before_window",
        (),
        id="separated-the-day-before-the-window",
    ),
    pytest.param(
        parent(adult_link(separated_on=date(2017, 7, 1))),
        AS_OF,
        YES,
        "member",
        (),
        id="separated-on-the-first-day-of-the-window",
    ),
    *[
        pytest.param(
            parent(adult_link(), exclusions=frozenset({code})),
            AS_OF,
            NO,
            "excluded",
            (),
            id=f"red-flag-{code.lower()}",
        )
        for code in ("UNFIT", "DANGER", "CRIMINAL_HISTORY")
    ],
    pytest.param(
        parent(adult_link(), exclusions=frozenset({"LATE_FILING"})),
        AS_OF,
        YES,
        "member",
        (),
        id="code-not-an-exclusion",
    ),
    pytest.param(
        parent(adult_link(), detained=False), AS_OF, NO, "not_detained", (), id="not-detained"
    ),
    pytest.param(
        parent(adult_link(), dob=date(2001, 1, 1)),
        AS_OF,
        NO,
        "parent_not_adult",
        (),
        id="parent-17-on-separation-day",
    ),
    pytest.param(parent(), AS_OF, NO, "no_separation_as_adult", (), id="no-links"),
    pytest.param(
        parent(child_link()), AS_OF, NO, "no_separation_as_adult", (), id="only-a-child-side-link"
    ),
    pytest.param(
        parent(adult_link(kin=None)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("relationship_to_child",),
        id="unknown-relationship",
    ),
    pytest.param(
        parent(adult_link(confirmed=False)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="link-in-review",
    ),
    pytest.param(
        parent(adult_link(separated_on=None)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("separation_date",),
        id="unknown-separation-date",
    ),
    pytest.param(
        parent(adult_link(child_dob=None)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("child_date_of_birth",),
        id="unknown-child-dob",
    ),
    pytest.param(
        parent(adult_link(), detained=None),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("detained_by_dhs",),
        id="unknown-detention",
    ),
    pytest.param(
        parent(adult_link(), dob=None),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("date_of_birth",),
        id="unknown-parent-dob",
    ),
    pytest.param(
        parent(adult_link(custody_known=False)),
        V1_DAY,
        UNKNOWN,
        "needs_facts",
        ("child_custody",),
        id="v1-orr-record-not-read",
    ),
    pytest.param(
        parent(adult_link(custody_known=False)),
        AS_OF,
        YES,
        "member",
        (),
        id="v2-does-not-need-the-orr-record",
    ),
    pytest.param(
        parent(adult_link(kin=None, separated_on=None), detained=None),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("relationship_to_child", "separation_date", "detained_by_dhs"),
        id="every-missing-fact-at-once",
    ),
    # One condition certainly failed answers no even while another is unknown.
    pytest.param(
        parent(adult_link(confirmed=False, child_dob=date(1999, 1, 1))),
        AS_OF,
        NO,
        "child_not_minor",
        (),
        id="link-in-review-but-child-adult",
    ),
    pytest.param(
        parent(adult_link(kin=None, separated_on=date(2017, 1, 1))),
        AS_OF,
        NO,
        "before_window",
        (),
        id="unknown-relationship-but-before-window",
    ),
    pytest.param(
        parent(adult_link(), detained=None, exclusions=frozenset({"DANGER"})),
        AS_OF,
        NO,
        "excluded",
        (),
        id="unknown-detention-but-excluded",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), detained=False),
        AS_OF,
        NO,
        "not_detained",
        (),
        id="link-in-review-but-not-detained",
    ),
    pytest.param(
        parent(adult_link("n1", kin=Kin.AUNT_UNCLE), adult_link("c1")),
        AS_OF,
        YES,
        "member",
        (),
        id="one-of-two-links-qualifies",
    ),
    pytest.param(
        parent(adult_link("n1", kin=Kin.AUNT_UNCLE), adult_link("c1", confirmed=False)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="unknown-beats-no-across-links",
    ),
    pytest.param(
        parent(adult_link("c1", kin=None), adult_link("c2", child_dob=None)),
        AS_OF,
        UNKNOWN,
        "needs_facts",
        ("relationship_to_child", "child_date_of_birth"),
        id="two-unknown-links-list-both-missing-facts",
    ),
    pytest.param(
        parent(adult_link("c1", kin=Kin.SIBLING), adult_link("c2", separated_on=date(2016, 1, 1))),
        AS_OF,
        NO,
        "not_parent",
        (),
        id="two-failing-links-report-the-first",
    ),
]


@pytest.mark.parametrize(("facts", "as_of", "answer", "basis", "missing"), PARENT_CLASS)
def test_ms_l_parent_class(
    facts: PersonFacts, as_of: date, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, MS_L_PARENT, as_of=as_of)
    check(found, answer, basis, missing)
    version = 1 if as_of < date(2019, 3, 8) else 2
    assert found.rule_ids == (f"ms_l.parent_class@{version}",)
    assert found.kind is FindingKind.MEMBERSHIP
    assert found.case is Case.MS_L


def test_ms_l_member_says_which_link_and_facts() -> None:
    found = find(parent(adult_link("c9")), MS_L_PARENT)
    assert found.facts == (
        ("relative", "c9"),
        ("separated_on", "2018-06-01"),
        ("detained_by_dhs", "yes"),
    )


@pytest.mark.parametrize(
    ("as_of", "rule_ids", "basis"),
    [
        pytest.param(date(2018, 6, 25), (), "no_rule_in_force", id="before-certification"),
        pytest.param(date(2018, 6, 26), ("ms_l.parent_class@1",), "member", id="certification-day"),
        pytest.param(date(2019, 3, 7), ("ms_l.parent_class@1",), "member", id="last-day-of-v1"),
        pytest.param(date(2019, 3, 8), ("ms_l.parent_class@2",), "member", id="widening-day"),
        pytest.param(date(2030, 1, 1), ("ms_l.parent_class@2",), "member", id="v2-open-ended"),
    ],
)
def test_ms_l_versions_in_force(as_of: date, rule_ids: tuple[str, ...], basis: str) -> None:
    found = find(parent(adult_link()), MS_L_PARENT, as_of=as_of)
    assert (found.rule_ids, found.basis) == (rule_ids, basis)
    assert found.answer is (YES if rule_ids else NO)


# ---------------------------------------------------------------- M.M.M. children class

CHILDREN_CLASS = [
    pytest.param(child(child_link()), YES, "member", (), id="member"),
    *[
        pytest.param(child(child_link(kin=kin)), NO, "not_parent", (), id=f"with-{kin.value}")
        for kin in NOT_PARENTS
    ],
    pytest.param(
        child(child_link(child_dob=date(2000, 6, 1))),
        NO,
        "child_not_minor",
        (),
        id="18-on-separation-day",
    ),
    pytest.param(
        child(child_link(separated_on=date(2017, 6, 30))),
        NO,
        "before_window",
        (),
        id="separated-before-window",
    ),
    pytest.param(child(), NO, "no_separation_as_child", (), id="no-links"),
    pytest.param(
        child(adult_link("x")), NO, "no_separation_as_child", (), id="only-an-adult-side-link"
    ),
    pytest.param(
        child(child_link(kin=None)),
        UNKNOWN,
        "needs_facts",
        ("relationship_to_child",),
        id="unknown-relationship",
    ),
    pytest.param(
        child(child_link(confirmed=False)),
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="link-in-review",
    ),
    pytest.param(
        child(child_link(separated_on=None)),
        UNKNOWN,
        "needs_facts",
        ("separation_date",),
        id="unknown-separation-date",
    ),
    pytest.param(
        child(child_link(child_dob=None)),
        UNKNOWN,
        "needs_facts",
        ("child_date_of_birth",),
        id="unknown-dob",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), CHILDREN_CLASS)
def test_mmm_children_class(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, MMM_CHILD)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("mmm.children_class@1",)
    assert found.case is Case.MMM


def test_mmm_not_in_force_before_the_agreement_was_lodged() -> None:
    facts = child(child_link())
    assert find(facts, MMM_CHILD, as_of=date(2018, 9, 11)).basis == "no_rule_in_force"
    assert find(facts, MMM_CHILD, as_of=date(2018, 9, 12)).answer is YES


# ---------------------------------------------------------------- Dora class

DORA_CLASS = [
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_WHILE_SEPARATED), YES, "member", (), id="member"
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, kind="RF"),)),
        YES,
        "member",
        (),
        id="reasonable-fear",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(SEPARATED, NEG),)),
        YES,
        "member",
        (),
        id="interviewed-on-the-separation-day",
    ),
    pytest.param(
        parent(adult_link(reunified_on=date(2018, 6, 11)), findings=NEGATIVE_WHILE_SEPARATED),
        YES,
        "member",
        (),
        id="interviewed-the-day-before-reunification",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_WHILE_SEPARATED, detained=False),
        YES,
        "member",
        (),
        id="detention-not-required",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, ij_review=JudgeReview.VACATED),)),
        YES,
        "member",
        (),
        id="negative-later-vacated-was-still-negative",
    ),
    pytest.param(parent(adult_link()), NO, "never_screened", (), id="never-screened"),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, kind="ASYLUM"),)),
        NO,
        "never_screened",
        (),
        id="only-other-kinds-of-finding",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, POS),)),
        NO,
        "no_negative_finding",
        (),
        id="positive",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, CLOSED),)),
        NO,
        "no_negative_finding",
        (),
        id="closed",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_BEFORE_SEPARATION),
        NO,
        "interview_not_while_separated",
        (),
        id="interviewed-before-separation",
    ),
    pytest.param(
        parent(adult_link(reunified_on=WHILE_SEPARATED), findings=NEGATIVE_WHILE_SEPARATED),
        NO,
        "interview_not_while_separated",
        (),
        id="interviewed-on-reunification-day",
    ),
    pytest.param(
        parent(adult_link(reunified_on=date(2018, 6, 5)), findings=NEGATIVE_WHILE_SEPARATED),
        NO,
        "interview_not_while_separated",
        (),
        id="interviewed-after-reunification",
    ),
    pytest.param(
        parent(adult_link(kin=Kin.AUNT_UNCLE), findings=NEGATIVE_WHILE_SEPARATED),
        NO,
        "not_parent",
        (),
        id="aunt",
    ),
    pytest.param(
        parent(findings=NEGATIVE_WHILE_SEPARATED), NO, "no_separation_as_adult", (), id="no-links"
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(None, NEG),)),
        UNKNOWN,
        "needs_facts",
        ("interview_date",),
        id="unknown-interview-date",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, None),)),
        UNKNOWN,
        "needs_facts",
        ("fear_finding_outcome",),
        id="outcome-not-on-record",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(date(2018, 5, 1), None),)),
        NO,
        "interview_not_while_separated",
        (),
        id="outcome-not-on-record-but-before-separation",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), findings=NEGATIVE_WHILE_SEPARATED),
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="link-in-review",
    ),
    pytest.param(
        parent(adult_link(separated_on=None), findings=NEGATIVE_WHILE_SEPARATED),
        UNKNOWN,
        "needs_facts",
        ("separation_date",),
        id="unknown-separation-date",
    ),
    pytest.param(
        parent(adult_link(confirmed=False)),
        NO,
        "never_screened",
        (),
        id="link-in-review-but-never-screened",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), findings=NEGATIVE_BEFORE_SEPARATION),
        NO,
        "interview_not_while_separated",
        (),
        id="link-in-review-but-interviewed-before",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), DORA_CLASS)
def test_dora_class(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, DORA_PARENT)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("dora.class@1",)
    assert found.case is Case.DORA


def test_dora_member_names_the_finding() -> None:
    found = find(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, kind="RF"),)), DORA_PARENT
    )
    assert ("finding", "RF NEGATIVE") in found.facts
    assert ("interviewed_on", "2018-06-10") in found.facts


# ---------------------------------------------------------------- parent procedures

PARENT_PROCEDURE_CASES = [
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_WHILE_SEPARATED),
        YES,
        "negative_finding_in_us",
        (),
        "ms_l_parent,dora_parent",
        id="ms-l-and-dora",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_WHILE_SEPARATED, detained=False),
        YES,
        "negative_finding_in_us",
        (),
        "dora_parent",
        id="dora-only",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_BEFORE_SEPARATION),
        YES,
        "negative_finding_in_us",
        (),
        "ms_l_parent",
        id="ms-l-only",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, kind="RF"),)),
        YES,
        "negative_finding_in_us",
        (),
        "ms_l_parent,dora_parent",
        id="reasonable-fear",
    ),
    pytest.param(
        parent(
            adult_link(),
            findings=NEGATIVE_WHILE_SEPARATED,
            removed_on=REMOVED,
            returned_on=date(2019, 2, 1),
        ),
        YES,
        "negative_finding_in_us",
        (),
        "ms_l_parent,dora_parent",
        id="returned-after-removal",
    ),
    pytest.param(
        parent(adult_link(kin=Kin.AUNT_UNCLE), findings=NEGATIVE_WHILE_SEPARATED),
        NO,
        "not_class_member",
        (),
        "",
        id="aunt",
    ),
    pytest.param(
        parent(
            adult_link(), findings=(*NEGATIVE_WHILE_SEPARATED, fear(date(2018, 7, 1), POS, "RF"))
        ),
        NO,
        "positive_finding",
        (),
        "ms_l_parent,dora_parent",
        id="a-positive-finding",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, ij_review=JudgeReview.VACATED),)),
        NO,
        "positive_finding",
        (),
        "ms_l_parent,dora_parent",
        id="negative-vacated-by-judge",
    ),
    pytest.param(
        parent(adult_link()), NO, "never_screened", (), "ms_l_parent", id="never-screened"
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, CLOSED),)),
        NO,
        "no_negative_finding",
        (),
        "ms_l_parent",
        id="closed",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_WHILE_SEPARATED, removed_on=REMOVED),
        NO,
        "removed",
        (),
        "ms_l_parent,dora_parent",
        id="removed",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE_BEFORE_SEPARATION, detained=None),
        UNKNOWN,
        "membership_unknown",
        ("detained_by_dhs",),
        None,
        id="membership-unknown",
    ),
    pytest.param(
        parent(adult_link(), findings=(*NEGATIVE_WHILE_SEPARATED, fear(None, None, "RF"))),
        UNKNOWN,
        "needs_facts",
        ("fear_finding_outcome",),
        None,
        id="another-outcome-not-on-record",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(None, None),)),
        UNKNOWN,
        "needs_facts",
        ("fear_finding_outcome",),
        None,
        id="only-screening-has-no-outcome",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(None, None),), detained=None),
        UNKNOWN,
        "membership_unknown",
        ("detained_by_dhs", "interview_date", "fear_finding_outcome"),
        None,
        id="membership-and-outcome-unknown",
    ),
    pytest.param(
        parent(
            adult_link(), findings=NEGATIVE_BEFORE_SEPARATION, detained=None, removed_on=REMOVED
        ),
        NO,
        "removed",
        (),
        None,
        id="membership-unknown-but-removed",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(date(2018, 5, 1), POS),), detained=None),
        NO,
        "positive_finding",
        (),
        None,
        id="membership-unknown-but-positive",
    ),
]


@pytest.mark.parametrize(
    ("facts", "answer", "basis", "missing", "member_of"), PARENT_PROCEDURE_CASES
)
def test_parent_review_and_new_interview(
    facts: PersonFacts,
    answer: Answer,
    basis: str,
    missing: tuple[str, ...],
    member_of: str | None,
) -> None:
    found = find(facts, PARENT_PROCEDURES)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("settlement.parent_procedures@1",)
    assert found.kind is FindingKind.ENTITLEMENT
    if member_of:
        assert ("member_of", member_of) in found.facts
    else:
        assert all(name != "member_of" for name, _ in found.facts)


def test_parent_review_names_an_affirmed_finding() -> None:
    facts = parent(
        adult_link(), findings=(fear(WHILE_SEPARATED, NEG, ij_review=JudgeReview.AFFIRMED),)
    )
    found = find(facts, PARENT_PROCEDURES)
    assert found.answer is YES
    assert ("finding", "CF NEGATIVE (AFFIRMED)") in found.facts
    assert ("in_united_states", "yes") in found.facts


# ---------------------------------------------------------------- child's own interview

CHILD_INTERVIEW_CASES = [
    pytest.param(child(child_link()), YES, "own_claim", (), id="own-claim"),
    pytest.param(child(child_link(), claim=False), NO, "no_own_claim", (), id="no-own-claim"),
    pytest.param(
        child(child_link(), claim=None),
        UNKNOWN,
        "needs_facts",
        ("child_own_claim",),
        id="claim-not-known",
    ),
    pytest.param(child(child_link(), removed_on=REMOVED), NO, "removed", (), id="removed"),
    pytest.param(
        child(child_link(kin=Kin.GRANDPARENT)), NO, "not_class_member", (), id="with-grandparent"
    ),
    pytest.param(
        child(child_link(kin=None)),
        UNKNOWN,
        "membership_unknown",
        ("relationship_to_child",),
        id="membership-unknown",
    ),
    pytest.param(
        child(child_link(kin=None), claim=None),
        UNKNOWN,
        "membership_unknown",
        ("relationship_to_child", "child_own_claim"),
        id="membership-and-claim-unknown",
    ),
    pytest.param(
        child(child_link(kin=None), claim=False),
        NO,
        "no_own_claim",
        (),
        id="membership-unknown-but-no-claim",
    ),
    pytest.param(
        child(child_link(kin=None), removed_on=REMOVED),
        NO,
        "removed",
        (),
        id="membership-unknown-but-removed",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), CHILD_INTERVIEW_CASES)
def test_child_own_interview(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, CHILD_INTERVIEW)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("settlement.child_interview@1",)


# ---------------------------------------------------------------- deported parents

RETURN_CASES = [
    pytest.param(
        parent(adult_link(), removed_on=REMOVED),
        YES,
        "removed_without_child",
        (),
        id="removed-alone",
    ),
    pytest.param(
        parent(adult_link(other_removed_on=date(2018, 9, 1)), removed_on=REMOVED),
        YES,
        "removed_without_child",
        (),
        id="child-removed-another-day",
    ),
    pytest.param(
        parent(adult_link(other_removed_on=REMOVED), removed_on=REMOVED),
        NO,
        "removed_with_child",
        (),
        id="removed-with-child",
    ),
    pytest.param(parent(adult_link()), NO, "in_united_states", (), id="never-removed"),
    pytest.param(
        parent(adult_link(), removed_on=REMOVED, returned_on=date(2019, 2, 1)),
        NO,
        "in_united_states",
        (),
        id="returned",
    ),
    pytest.param(
        parent(adult_link(kin=Kin.AUNT_UNCLE), removed_on=REMOVED),
        NO,
        "not_class_member",
        (),
        id="aunt",
    ),
    pytest.param(
        parent(adult_link(), removed_on=REMOVED, detained=None),
        UNKNOWN,
        "membership_unknown",
        ("detained_by_dhs",),
        id="membership-unknown",
    ),
    pytest.param(
        parent(adult_link(), detained=None),
        NO,
        "in_united_states",
        (),
        id="membership-unknown-but-in-us",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), removed_on=REMOVED),
        UNKNOWN,
        "membership_unknown",
        ("link_confirmed",),
        id="link-in-review",
    ),
    pytest.param(
        parent(
            adult_link("c1", other_removed_on=REMOVED),
            adult_link("c2", confirmed=False),
            removed_on=REMOVED,
        ),
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="child-left-behind-only-on-a-link-in-review",
    ),
    pytest.param(
        parent(
            adult_link("c1", other_removed_on=REMOVED),
            adult_link("n1", kin=Kin.AUNT_UNCLE),
            removed_on=REMOVED,
        ),
        NO,
        "removed_with_child",
        (),
        id="only-a-niece-left-behind",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), RETURN_CASES)
def test_deported_parent_return(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, RETURN_CANDIDATE)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("settlement.return_candidacy@1",)


def test_return_candidate_carries_the_presentation_deadline() -> None:
    found = find(parent(adult_link(), removed_on=REMOVED), RETURN_CANDIDATE)
    assert ("presentation_days", "30") in found.facts
    assert ("removed_on", "2018-08-01") in found.facts


# ---------------------------------------------------------------- cross-effect

POSITIVE = (fear(WHILE_SEPARATED, POS),)
NEGATIVE = NEGATIVE_WHILE_SEPARATED
OPEN = (fear(WHILE_SEPARATED, None),)

CROSS_EFFECT_CASES = [
    pytest.param(
        parent(adult_link(), findings=POSITIVE), YES, "own_positive", (), id="parent-positive"
    ),
    pytest.param(
        parent(adult_link(other_findings=POSITIVE), findings=NEGATIVE),
        YES,
        "relative_positive",
        (),
        id="parent-negative-child-positive",
    ),
    pytest.param(
        child(child_link(), findings=POSITIVE), YES, "own_positive", (), id="child-positive"
    ),
    pytest.param(
        child(child_link(other_findings=POSITIVE), findings=NEGATIVE),
        YES,
        "relative_positive",
        (),
        id="child-negative-parent-positive",
    ),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, ij_review=JudgeReview.VACATED),)),
        YES,
        "own_positive",
        (),
        id="negative-vacated-by-judge",
    ),
    pytest.param(
        parent(adult_link(other_findings=NEGATIVE), findings=NEGATIVE),
        NO,
        "no_positive_finding",
        (),
        id="both-negative",
    ),
    pytest.param(parent(findings=POSITIVE), NO, "no_separation", (), id="no-links"),
    pytest.param(
        parent(adult_link(kin=Kin.AUNT_UNCLE), findings=POSITIVE),
        NO,
        "not_parent",
        (),
        id="aunt-positive",
    ),
    pytest.param(
        parent(adult_link(separated_on=date(2017, 6, 30)), findings=POSITIVE),
        NO,
        "before_window",
        (),
        id="separated-before-window",
    ),
    pytest.param(
        parent(adult_link(other_findings=POSITIVE), findings=NEGATIVE, removed_on=REMOVED),
        NO,
        "removed",
        (),
        id="removed-parent",
    ),
    pytest.param(
        child(child_link(other_findings=POSITIVE), removed_on=REMOVED),
        NO,
        "removed",
        (),
        id="removed-child",
    ),
    pytest.param(
        parent(adult_link(), findings=POSITIVE, removed_on=REMOVED, returned_on=date(2019, 2, 1)),
        YES,
        "own_positive",
        (),
        id="returned-parent",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), findings=POSITIVE),
        UNKNOWN,
        "needs_facts",
        ("link_confirmed",),
        id="link-in-review",
    ),
    pytest.param(
        parent(adult_link(other_findings=NEGATIVE), findings=OPEN),
        UNKNOWN,
        "needs_facts",
        ("fear_finding_outcome",),
        id="own-outcome-not-on-record",
    ),
    pytest.param(
        parent(adult_link(other_findings=OPEN), findings=NEGATIVE),
        UNKNOWN,
        "needs_facts",
        ("relative_fear_finding_outcome",),
        id="relative-outcome-not-on-record",
    ),
    pytest.param(
        parent(adult_link(confirmed=False, other_findings=OPEN), findings=OPEN),
        UNKNOWN,
        "needs_facts",
        ("link_confirmed", "fear_finding_outcome", "relative_fear_finding_outcome"),
        id="everything-open",
    ),
    pytest.param(
        parent(adult_link(confirmed=False), findings=NEGATIVE),
        NO,
        "no_positive_finding",
        (),
        id="link-in-review-but-nobody-positive",
    ),
    pytest.param(
        parent(adult_link("c1"), adult_link("c2", other_findings=POSITIVE), findings=NEGATIVE),
        YES,
        "relative_positive",
        (),
        id="second-child-positive",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), CROSS_EFFECT_CASES)
def test_notice_to_appear(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, NOTICE_TO_APPEAR)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("settlement.cross_effect@1",)


# ---------------------------------------------------------------- ordinary process

ORDINARY_CASES = [
    pytest.param(parent(adult_link()), YES, "never_screened", (), id="never-screened"),
    pytest.param(
        parent(adult_link(), findings=(fear(WHILE_SEPARATED, NEG, kind="ASYLUM"),)),
        YES,
        "never_screened",
        (),
        id="only-other-kinds-of-finding",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE), NO, "screened", (), id="screened-negative"
    ),
    pytest.param(parent(adult_link(), findings=OPEN), NO, "screened", (), id="screened-no-outcome"),
    pytest.param(parent(adult_link(), removed_on=REMOVED), NO, "removed", (), id="removed"),
    pytest.param(parent(adult_link(kin=Kin.OTHER)), NO, "not_class_member", (), id="not-a-parent"),
    pytest.param(
        parent(adult_link(), detained=None),
        UNKNOWN,
        "membership_unknown",
        ("detained_by_dhs",),
        id="membership-unknown",
    ),
    pytest.param(
        parent(adult_link(), detained=None, findings=NEGATIVE_BEFORE_SEPARATION),
        NO,
        "screened",
        (),
        id="membership-unknown-but-screened",
    ),
]


@pytest.mark.parametrize(("facts", "answer", "basis", "missing"), ORDINARY_CASES)
def test_ordinary_process(
    facts: PersonFacts, answer: Answer, basis: str, missing: tuple[str, ...]
) -> None:
    found = find(facts, ORDINARY_PROCESS)
    check(found, answer, basis, missing)
    assert found.rule_ids == ("settlement.ordinary_process@1",)


def test_entitlements_have_no_rule_before_the_agreement_was_lodged() -> None:
    evaluation = evaluate(
        parent(adult_link(), findings=NEGATIVE), RULES, date(2018, 9, 11), APPROVED_2018
    )
    for code in ENTITLEMENTS:
        found = evaluation.get(code)
        assert (found.answer, found.basis, found.rule_ids) == (NO, "no_rule_in_force", ())


# ---------------------------------------------------------------- the evaluation itself


def test_evaluation_lists_memberships_then_entitlements() -> None:
    evaluation = evaluate(parent(adult_link(), findings=NEGATIVE), RULES, AS_OF, APPROVED_2018)
    assert tuple(f.code for f in evaluation.memberships) == MEMBERSHIPS
    assert tuple(f.code for f in evaluation.entitlements) == ENTITLEMENTS
    assert (evaluation.person_id, evaluation.as_of, evaluation.ruleset_version) == (
        "p1",
        AS_OF,
        "1",
    )
    assert evaluation.answer(MS_L_PARENT) is YES
    with pytest.raises(KeyError):
        evaluation.get("asylum_granted")


def test_evaluate_many_matches_one_at_a_time() -> None:
    people = [
        parent(adult_link(), findings=NEGATIVE),
        child(child_link(), findings=POSITIVE),
        parent(adult_link(kin=Kin.AUNT_UNCLE), person_id="a1"),
    ]
    many = list(evaluate_many(people, RULES, AS_OF, APPROVED_2018))
    assert many == [evaluate(p, RULES, AS_OF, APPROVED_2018) for p in people]


def test_logic_apply_matches_the_evaluator() -> None:
    facts = parent(adult_link(), findings=NEGATIVE)
    rule = RULES.rule("ms_l.parent_class")
    assert LOGIC[rule.logic].apply(facts, rule, {}) == find(facts, MS_L_PARENT, court=None)


# ---------------------------------------------------------------- actionability

DORA_ONLY = parent(adult_link(), findings=NEGATIVE, detained=False)
MS_L_AND_DORA = parent(adult_link(), findings=NEGATIVE)
ORDER_DAY = date(2018, 9, 20)


def court(statuses: dict[Case, ApprovalStatus] | None = None, *orders: EarlyOrder) -> CourtState:
    """Every case lodged unless `statuses` says otherwise."""
    statuses = statuses or {}
    approvals = []
    for case in Case:
        status = statuses.get(case, ApprovalStatus.LODGED)
        approvals.append(
            CaseApproval(
                case,
                status,
                lodged_on=date(2018, 9, 12),
                preliminary_on=date(2018, 10, 9),
                final_on=date(2018, 11, 15) if status is ApprovalStatus.FINAL else None,
                rejected_on=date(2018, 11, 15) if status is ApprovalStatus.REJECTED else None,
            )
        )
    return CourtState(tuple(approvals), orders)


def order(
    case: Case = Case.MS_L,
    scope: OrderScope = OrderScope.DETAINED,
    entitlements: frozenset[str] = frozenset(),
    ordered_on: date = ORDER_DAY,
) -> EarlyOrder:
    return EarlyOrder(case, ordered_on, scope, entitlements, reference="ECF 256")


FINAL = ApprovalStatus.FINAL
ACTIONABILITY = [
    pytest.param(MS_L_AND_DORA, AS_OF, APPROVED_2018, True, "final_approval:ms_l", id="final"),
    pytest.param(
        MS_L_AND_DORA,
        date(2018, 11, 14),
        APPROVED_2018,
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="day-before-final-approval",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="lodged",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(dict.fromkeys(Case, ApprovalStatus.PRELIMINARY)),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="preliminary",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court({Case.MS_L: ApprovalStatus.REJECTED}),
        False,
        "rejected:ms_l;awaiting_approval:dora",
        id="rejected-in-ms-l",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court({Case.DORA: FINAL}),
        True,
        "final_approval:dora",
        id="final-in-one-of-the-cases",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court({Case.MMM: FINAL}),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="final-only-in-a-case-not-theirs",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(None, order()),
        True,
        "early_order:ms_l:2018-09-20",
        id="early-order-for-detained-reaches-detained",
    ),
    pytest.param(
        DORA_ONLY,
        AS_OF,
        court(None, order(Case.DORA)),
        False,
        "awaiting_approval:dora",
        id="early-order-for-detained-misses-not-detained",
    ),
    pytest.param(
        DORA_ONLY,
        AS_OF,
        court(None, order(Case.DORA, OrderScope.EVERYONE)),
        True,
        "early_order:dora:2018-09-20",
        id="early-order-for-everyone",
    ),
    pytest.param(
        parent(adult_link(), findings=NEGATIVE, detained=None),
        AS_OF,
        court(None, order(Case.DORA)),
        False,
        "awaiting_approval:dora",
        id="early-order-for-detained-misses-unknown-detention",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(None, order(entitlements=frozenset({PARENT_PROCEDURES}))),
        True,
        "early_order:ms_l:2018-09-20",
        id="early-order-naming-the-entitlement",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(None, order(entitlements=frozenset({CHILD_INTERVIEW}))),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="early-order-for-other-entitlements",
    ),
    pytest.param(
        MS_L_AND_DORA,
        date(2018, 9, 19),
        court(None, order()),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="early-order-dated-after-as-of",
    ),
    pytest.param(
        MS_L_AND_DORA,
        AS_OF,
        court(None, order(Case.MMM, OrderScope.EVERYONE)),
        False,
        "awaiting_approval:ms_l;awaiting_approval:dora",
        id="early-order-in-another-case",
    ),
    pytest.param(MS_L_AND_DORA, AS_OF, None, False, "court_state_unknown", id="no-court-state"),
]


@pytest.mark.parametrize(("facts", "as_of", "state", "actionable", "basis"), ACTIONABILITY)
def test_actionability(
    facts: PersonFacts, as_of: date, state: CourtState | None, actionable: bool, basis: str
) -> None:
    found = find(facts, PARENT_PROCEDURES, as_of=as_of, court=state)
    assert found.answer is YES
    assert (found.actionable, found.actionable_basis) == (actionable, basis)


def test_cross_effect_through_a_relatives_class_alone_waits_for_membership() -> None:
    """A parent in no class of their own (not detained, never negative) whose child is
    positive: the link gives both a Notice to Appear, but the settlement acts for its
    members, so it is not actionable for this parent."""
    facts = parent(adult_link(other_findings=POSITIVE), detained=False)
    evaluation = evaluate(facts, RULES, AS_OF, court({Case.MMM: FINAL}))
    assert all(f.answer is NO for f in evaluation.memberships)
    found = evaluation.get(NOTICE_TO_APPEAR)
    assert (found.answer, found.actionable, found.actionable_basis) == (
        YES,
        False,
        "membership_required",
    )


def test_an_order_for_detained_members_does_not_reach_a_deported_parent() -> None:
    """Held by DHS once (a class member) but removed since: not in detention now."""
    facts = parent(adult_link(), findings=NEGATIVE, removed_on=date(2018, 8, 1), held=False)
    state = court(None, order(Case.MS_L, OrderScope.DETAINED))
    found = find(facts, RETURN_CANDIDATE, court=state)
    assert (found.answer, found.actionable) == (YES, False)
    assert found.actionable_basis == "awaiting_approval:ms_l"


def test_a_child_flagged_separated_without_a_linked_parent_is_unknown_not_no() -> None:
    facts = replace(child(), separation_signal=True)
    found = find(facts, MMM_CHILD)
    assert (found.answer, found.missing) == (UNKNOWN, ("parent_link",))
    assert find(child(), MMM_CHILD).answer is NO


def test_only_yes_entitlements_are_actionable() -> None:
    evaluation = evaluate(MS_L_AND_DORA, RULES, AS_OF, APPROVED_2018)
    for found in evaluation.findings:
        expected = found.kind is FindingKind.ENTITLEMENT and found.answer is YES
        assert found.actionable is expected, found
        assert bool(found.actionable_basis) is expected, found


def test_actionability_is_worked_out_per_detention() -> None:
    """One evaluator, the same memberships, detained and not: the order reaches only
    the detained parent (what the evaluator remembers must not leak across)."""
    evaluator = Evaluator(RULES, AS_OF, court(None, order(Case.DORA)))
    detained = parent(
        adult_link(), findings=NEGATIVE_WHILE_SEPARATED, exclusions=frozenset({"UNFIT"})
    )
    free = replace(detained, detained_by_dhs=False, in_detention=False)
    first = evaluator(free).get(PARENT_PROCEDURES)
    second = evaluator(detained).get(PARENT_PROCEDURES)
    assert (first.answer, second.answer) == (YES, YES)
    assert (first.actionable, second.actionable) == (False, True)


@pytest.mark.parametrize(
    ("election", "answer", "basis", "actionable", "actionable_basis"),
    [
        pytest.param(
            Election.STAY, YES, "negative_finding_in_us", True, "final_approval:ms_l", id="stay"
        ),
        pytest.param(None, YES, "negative_finding_in_us", False, "awaiting_election", id="no-form"),
        pytest.param(Election.WAIVE, NO, "waived", False, "", id="waived"),
    ],
)
def test_the_election_decides_whether_the_procedures_go_ahead(
    election: Election | None, answer: Answer, basis: str, actionable: bool, actionable_basis: str
) -> None:
    facts = replace(MS_L_AND_DORA, election=election)
    found = find(facts, PARENT_PROCEDURES, court=APPROVED_2018)
    assert (found.answer, found.basis) == (answer, basis)
    assert (found.actionable, found.actionable_basis) == (actionable, actionable_basis)


def test_an_election_does_not_touch_what_it_does_not_waive() -> None:
    """A waiver gives up the settlement procedures; a Notice to Appear from a relative's
    positive finding is not one of them."""
    facts = parent(adult_link(other_findings=POSITIVE), findings=NEGATIVE, election=Election.WAIVE)
    found = find(facts, NOTICE_TO_APPEAR, court=APPROVED_2018)
    assert (found.answer, found.actionable) == (YES, True)


def test_a_childs_own_interview_waits_for_the_childs_election() -> None:
    facts = child(child_link(), election=None)
    found = find(facts, CHILD_INTERVIEW, court=APPROVED_2018)
    assert (found.answer, found.actionable, found.actionable_basis) == (
        YES,
        False,
        "awaiting_election",
    )


def test_a_refused_agreement_ends_what_an_early_order_started() -> None:
    rejected = CourtState(
        tuple(
            CaseApproval(case, ApprovalStatus.REJECTED, rejected_on=date(2018, 11, 15))
            for case in Case
        ),
        (EarlyOrder(Case.MS_L, date(2018, 10, 1), OrderScope.EVERYONE),),
    )
    found = find(MS_L_AND_DORA, PARENT_PROCEDURES, court=rejected)
    assert (found.answer, found.actionable) == (YES, False)
    assert found.actionable_basis == "rejected:ms_l;rejected:dora"
