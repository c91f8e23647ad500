"""Golden scenarios: whole people as the settlement saw them in 2018-2019, each asserting
every answer that matters for them, its basis and whether it can be acted on."""

from __future__ import annotations

from datetime import date

from amparo.engines.eligibility import (
    APPROVED_2018,
    CHILD_INTERVIEW,
    DORA_PARENT,
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
    Evaluation,
    Kin,
    OrderScope,
    evaluate,
    load_ruleset,
)
from tests.engines.test_eligibility_rules import adult_link, child, child_link, fear, parent

RULES = load_ruleset()
YES, NO = Answer.YES, Answer.NO
AFTER_WIDENING = date(2019, 4, 1)

MATEO_DOB = date(2011, 5, 2)
JUNE_SEPARATION = date(2018, 6, 4)
# Rosa's credible fear interview, at Port Isabel while Mateo was in ORR custody.
ROSA_CFI = fear(date(2018, 6, 20), Determination.NEGATIVE)


def rosa(removed_on: date | None = None, election: Election | None = Election.STAY) -> Evaluation:
    """A mother separated from her 7-year-old son at the border in June 2018, detained,
    her credible fear interview negative while he was in ORR custody."""
    facts = parent(
        adult_link("mateo", separated_on=JUNE_SEPARATION, child_dob=MATEO_DOB),
        person_id="rosa",
        dob=date(1984, 3, 2),
        detained=True,
        findings=(ROSA_CFI,),
        removed_on=removed_on,
        election=election,
    )
    return evaluate(facts, RULES, AFTER_WIDENING, APPROVED_2018)


def answers(evaluation: Evaluation) -> dict[str, tuple[Answer, str]]:
    return {f.code: (f.answer, f.basis) for f in evaluation.findings}


def actionable(evaluation: Evaluation) -> dict[str, str]:
    return {f.code: f.actionable_basis for f in evaluation.findings if f.actionable}


def test_parent_separated_june_2018_negative_cfi_while_separated() -> None:
    evaluation = rosa()
    assert answers(evaluation) == {
        MS_L_PARENT: (YES, "member"),
        MMM_CHILD: (NO, "no_separation_as_child"),
        DORA_PARENT: (YES, "member"),
        PARENT_PROCEDURES: (YES, "negative_finding_in_us"),
        CHILD_INTERVIEW: (NO, "not_class_member"),
        RETURN_CANDIDATE: (NO, "in_united_states"),
        NOTICE_TO_APPEAR: (NO, "no_positive_finding"),
        ORDINARY_PROCESS: (NO, "screened"),
    }
    assert actionable(evaluation) == {PARENT_PROCEDURES: "final_approval:ms_l"}
    interview = evaluation.get(PARENT_PROCEDURES)
    assert ("member_of", "ms_l_parent,dora_parent") in interview.facts
    assert evaluation.get(MS_L_PARENT).rule_ids == ("ms_l.parent_class@2",)
    assert ("interviewed_on", "2018-06-20") in evaluation.get(DORA_PARENT).facts


def test_a_waived_election() -> None:
    """Rosa knowingly and voluntarily waived the procedures and asked to be removed: she
    is still a class member, but no new interview is owed or scheduled."""
    evaluation = rosa(election=Election.WAIVE)
    assert answers(evaluation)[MS_L_PARENT] == (YES, "member")
    assert answers(evaluation)[PARENT_PROCEDURES] == (NO, "waived")
    assert ("election", "waive") in evaluation.get(PARENT_PROCEDURES).facts
    assert actionable(evaluation) == {}


def test_a_missing_election_is_not_a_waiver() -> None:
    """Rosa never returned the form: the new interview is still owed (not waived), but
    nobody may schedule it on a guess that she wants to stay."""
    evaluation = rosa(election=None)
    assert answers(evaluation)[PARENT_PROCEDURES] == (YES, "negative_finding_in_us")
    assert evaluation.get(PARENT_PROCEDURES).actionable_basis == "awaiting_election"
    assert actionable(evaluation) == {}


def test_same_parent_already_deported() -> None:
    evaluation = rosa(removed_on=date(2018, 7, 20))
    assert answers(evaluation) == {
        MS_L_PARENT: (YES, "member"),
        MMM_CHILD: (NO, "no_separation_as_child"),
        DORA_PARENT: (YES, "member"),
        PARENT_PROCEDURES: (NO, "removed"),
        CHILD_INTERVIEW: (NO, "not_class_member"),
        RETURN_CANDIDATE: (YES, "removed_without_child"),
        NOTICE_TO_APPEAR: (NO, "removed"),
        ORDINARY_PROCESS: (NO, "screened"),
    }
    assert actionable(evaluation) == {RETURN_CANDIDATE: "final_approval:ms_l"}
    assert ("presentation_days", "30") in evaluation.get(RETURN_CANDIDATE).facts


def test_aunt_travelling_with_a_child_is_not_a_class_parent() -> None:
    facts = parent(
        adult_link("lucia", kin=Kin.AUNT_UNCLE, separated_on=JUNE_SEPARATION),
        person_id="marta",
        findings=(ROSA_CFI,),
    )
    evaluation = evaluate(facts, RULES, AFTER_WIDENING, APPROVED_2018)
    assert answers(evaluation) == {
        MS_L_PARENT: (NO, "not_parent"),
        MMM_CHILD: (NO, "no_separation_as_child"),
        DORA_PARENT: (NO, "not_parent"),
        PARENT_PROCEDURES: (NO, "not_class_member"),
        CHILD_INTERVIEW: (NO, "not_class_member"),
        RETURN_CANDIDATE: (NO, "not_class_member"),
        NOTICE_TO_APPEAR: (NO, "not_parent"),
        ORDINARY_PROCESS: (NO, "not_class_member"),
    }
    assert ("relationship", "aunt_uncle") in evaluation.get(MS_L_PARENT).facts
    assert actionable(evaluation) == {}


def test_august_2017_separation_before_and_after_the_class_was_widened() -> None:
    """Separated in August 2017, the daughter released from ORR to a sponsor in March
    2018: outside the class as certified, inside it once widened to 2017-07-01."""
    facts = parent(
        adult_link(
            "ana",
            separated_on=date(2017, 8, 15),
            child_dob=date(2009, 10, 1),
            custody_ended_on=date(2018, 3, 1),
        ),
        person_id="jose",
    )
    before = evaluate(facts, RULES, date(2018, 12, 1), APPROVED_2018)
    after = evaluate(facts, RULES, AFTER_WIDENING, APPROVED_2018)

    was = before.get(MS_L_PARENT)
    assert (was.answer, was.basis, was.rule_ids) == (
        NO,
        "released_before_certification",
        ("ms_l.parent_class@1",),
    )
    assert ("custody_ended_on", "2018-03-01") in was.facts
    assert answers(before)[ORDINARY_PROCESS] == (NO, "not_class_member")
    assert actionable(before) == {}

    now = after.get(MS_L_PARENT)
    assert (now.answer, now.basis, now.rule_ids) == (YES, "member", ("ms_l.parent_class@2",))
    # Never screened: the widened class sends him through the ordinary process.
    assert answers(after)[ORDINARY_PROCESS] == (YES, "never_screened")
    assert actionable(after) == {ORDINARY_PROCESS: "final_approval:ms_l"}


def test_child_positive_parent_negative_both_get_a_notice_to_appear() -> None:
    child_cfi = fear(date(2018, 7, 2), Determination.POSITIVE)
    rosa_facts = parent(
        adult_link(
            "mateo",
            separated_on=JUNE_SEPARATION,
            child_dob=MATEO_DOB,
            other_findings=(child_cfi,),
        ),
        person_id="rosa",
        findings=(ROSA_CFI,),
    )
    mateo_facts = child(
        child_link(
            "rosa",
            separated_on=JUNE_SEPARATION,
            child_dob=MATEO_DOB,
            other_findings=(ROSA_CFI,),
        ),
        person_id="mateo",
        dob=MATEO_DOB,
        findings=(child_cfi,),
        claim=True,
    )
    mother = evaluate(rosa_facts, RULES, AFTER_WIDENING, APPROVED_2018)
    son = evaluate(mateo_facts, RULES, AFTER_WIDENING, APPROVED_2018)

    assert answers(mother)[NOTICE_TO_APPEAR] == (YES, "relative_positive")
    assert answers(son)[NOTICE_TO_APPEAR] == (YES, "own_positive")
    assert actionable(mother)[NOTICE_TO_APPEAR] == "final_approval:ms_l"
    assert actionable(son)[NOTICE_TO_APPEAR] == "final_approval:mmm"
    assert ("relative_finding", "CF POSITIVE") in mother.get(NOTICE_TO_APPEAR).facts
    # The son is a class child with his own claim: his own interview too.
    assert answers(son)[MMM_CHILD] == (YES, "member")
    assert answers(son)[CHILD_INTERVIEW] == (YES, "own_claim")


PRELIMINARY_ONLY = CourtState(
    tuple(
        CaseApproval(
            case,
            ApprovalStatus.PRELIMINARY,
            lodged_on=date(2018, 9, 12),
            preliminary_on=date(2018, 10, 9),
        )
        for case in Case
    )
)


def test_case_not_yet_approved_acts_only_under_an_early_order() -> None:
    """October 2018: preliminary approval only. Rosa is owed a new interview but nothing
    can be acted on, until the judge orders interviews of detained parents to start."""
    as_of = date(2018, 10, 15)
    facts = parent(
        adult_link("mateo", separated_on=JUNE_SEPARATION, child_dob=MATEO_DOB),
        person_id="rosa",
        findings=(ROSA_CFI,),
    )
    waiting = evaluate(facts, RULES, as_of, PRELIMINARY_ONLY)
    assert answers(waiting)[PARENT_PROCEDURES] == (YES, "negative_finding_in_us")
    assert actionable(waiting) == {}
    assert waiting.get(PARENT_PROCEDURES).actionable_basis == (
        "awaiting_approval:ms_l;awaiting_approval:dora"
    )

    early = CourtState(
        PRELIMINARY_ONLY.approvals,
        (
            EarlyOrder(
                Case.MS_L,
                date(2018, 10, 1),
                OrderScope.DETAINED,
                frozenset({PARENT_PROCEDURES}),
                reference="order to begin interviews of detained parents",
            ),
        ),
    )
    ordered = evaluate(facts, RULES, as_of, early)
    assert answers(ordered) == answers(waiting)
    assert actionable(ordered) == {PARENT_PROCEDURES: "early_order:ms_l:2018-10-01"}
