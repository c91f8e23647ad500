"""Properties of the eligibility engine over generated facts: a removed parent is owed
nothing in the United States, the cross-effect answers the parent and the child alike,
the same facts always give the same evaluation, and link order changes no answer."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.eligibility import (
    APPROVED_2018,
    CHILD_INTERVIEW,
    NOTICE_TO_APPEAR,
    ORDINARY_PROCESS,
    PARENT_PROCEDURES,
    Answer,
    ApprovalStatus,
    Case,
    CaseApproval,
    CourtState,
    Determination,
    EarlyOrder,
    Evaluation,
    Evaluator,
    FearFinding,
    JudgeReview,
    Kin,
    Link,
    OrderScope,
    PersonFacts,
    Role,
    evaluate,
    load_ruleset,
)

RULES = load_ruleset()
PROPERTIES = settings(max_examples=200, deadline=None)
IN_US_ENTITLEMENTS = (PARENT_PROCEDURES, CHILD_INTERVIEW, NOTICE_TO_APPEAR, ORDINARY_PROCESS)

# Before lodging, between preliminary and final approval, under v1, on the widening
# day, and after it.
AS_OF = st.sampled_from(
    [date(2018, 8, 1), date(2018, 10, 15), date(2018, 12, 1), date(2019, 3, 8), date(2019, 6, 1)]
)
COURTS = st.sampled_from(
    [
        None,
        APPROVED_2018,
        CourtState(
            tuple(CaseApproval(c, ApprovalStatus.PRELIMINARY) for c in Case),
            (EarlyOrder(Case.MS_L, date(2018, 10, 1), OrderScope.DETAINED),),
        ),
        CourtState(
            (CaseApproval(Case.MS_L, ApprovalStatus.REJECTED),),
            (
                EarlyOrder(
                    Case.DORA, date(2018, 9, 20), OrderScope.EVERYONE, frozenset({NOTICE_TO_APPEAR})
                ),
            ),
        ),
    ]
)

# The days the rules turn on and their neighbours (window start, certification, lodging,
# final approval, widening), drawn from a list: boundaries are hit often, and drawing is
# cheap enough to keep the suite fast.
EVENT_DAYS = st.sampled_from(
    [
        date(2017, 6, 30),
        date(2017, 7, 1),
        date(2017, 8, 15),
        date(2018, 3, 1),
        date(2018, 6, 1),
        date(2018, 6, 10),
        date(2018, 6, 25),
        date(2018, 6, 26),
        date(2018, 7, 20),
        date(2018, 9, 12),
        date(2018, 11, 15),
        date(2019, 3, 8),
    ]
)
OPTIONAL_DAY = st.none() | EVENT_DAYS
# Children who are 17 or 18 around the separation days above, and clearly minors.
CHILD_DOBS = st.none() | st.sampled_from(
    [date(1999, 6, 26), date(2000, 6, 1), date(2000, 6, 2), date(2006, 2, 2), date(2014, 9, 9)]
)
ADULT_DOBS = st.none() | st.sampled_from([date(1975, 5, 5), date(1990, 1, 1), date(2000, 6, 15)])
OPTIONAL_BOOL = st.none() | st.booleans()

FINDINGS = st.lists(
    st.builds(
        FearFinding,
        kind=st.sampled_from(["CF", "RF", "ASYLUM"]),
        interviewed_on=OPTIONAL_DAY,
        determination=st.none() | st.sampled_from(Determination),
        ij_review=st.none() | st.sampled_from(JudgeReview),
    ),
    max_size=2,
).map(tuple)

KINS = st.none() | st.sampled_from(Kin)
OTHER_IDS = st.sampled_from(["c1", "c2", "c3", "p1", "p2"])


@st.composite
def links(draw: st.DrawFn) -> Link:
    return Link(
        other_id=draw(OTHER_IDS),
        role=draw(st.sampled_from(Role)),
        kin=draw(KINS),
        confirmed=draw(st.booleans()),
        separated_on=draw(OPTIONAL_DAY),
        child_dob=draw(CHILD_DOBS),
        reunified_on=draw(OPTIONAL_DAY),
        child_custody_known=draw(st.booleans()),
        child_custody_ended_on=draw(OPTIONAL_DAY),
        other_fear_findings=draw(FINDINGS),
        other_removed_on=draw(OPTIONAL_DAY),
    )


@st.composite
def people(draw: st.DrawFn, *, removed: bool | None = None) -> PersonFacts:
    """Anyone; `removed=True` someone removed and not back (`False`: never removed)."""
    removed_on = None if removed is False else draw(EVENT_DAYS if removed else OPTIONAL_DAY)
    returned_on = None
    if removed_on is not None:
        if removed:
            # A return recorded before the removal is an older one, not a return from it.
            returned_on = draw(st.none() | st.sampled_from([date(2016, 1, 1), date(2017, 1, 1)]))
        else:
            returned_on = draw(st.none() | EVENT_DAYS)
    return PersonFacts(
        person_id=draw(st.sampled_from(["p1", "c1", "x9"])),
        dob=draw(ADULT_DOBS | CHILD_DOBS),
        detained_by_dhs=draw(OPTIONAL_BOOL),
        removed_on=removed_on,
        returned_on=returned_on,
        fear_findings=draw(FINDINGS),
        links=tuple(draw(st.lists(links(), max_size=3))),
        exclusion_codes=frozenset(draw(st.sets(st.sampled_from(["UNFIT", "DANGER", "OTHER"])))),
        independent_claim=draw(OPTIONAL_BOOL),
    )


@PROPERTIES
@given(people(removed=True), AS_OF, COURTS)
def test_removed_person_is_owed_nothing_in_the_united_states(
    facts: PersonFacts, as_of: date, court: CourtState | None
) -> None:
    assert not facts.in_united_states()
    evaluation = evaluate(facts, RULES, as_of, court)
    for code in IN_US_ENTITLEMENTS:
        found = evaluation.get(code)
        # Not merely "not yes": removal settles it, whatever else is unknown.
        assert found.answer is Answer.NO, found
        assert not found.actionable


@st.composite
def families(draw: st.DrawFn) -> tuple[PersonFacts, PersonFacts]:
    """A parent and a child whose links mirror each other, each carrying the other's
    fear findings and removal."""
    parent_findings = draw(FINDINGS)
    child_findings = draw(FINDINGS)
    parent_removed = draw(st.none() | EVENT_DAYS)
    child_removed = draw(st.none() | EVENT_DAYS)
    child_dob = draw(CHILD_DOBS)
    # The separation as the parent's side records it; the child's side mirrors it.
    parent_side = Link(
        "c1",
        Role.ADULT,
        kin=draw(KINS),
        confirmed=draw(st.booleans()),
        separated_on=draw(OPTIONAL_DAY),
        child_dob=child_dob,
        reunified_on=draw(OPTIONAL_DAY),
        child_custody_known=draw(st.booleans()),
        child_custody_ended_on=draw(OPTIONAL_DAY),
        other_fear_findings=child_findings,
        other_removed_on=child_removed,
    )
    child_side = replace(
        parent_side,
        other_id="p1",
        role=Role.CHILD,
        other_fear_findings=parent_findings,
        other_removed_on=parent_removed,
    )
    parent = PersonFacts(
        person_id="p1",
        dob=draw(ADULT_DOBS),
        detained_by_dhs=draw(OPTIONAL_BOOL),
        removed_on=parent_removed,
        returned_on=None,
        fear_findings=parent_findings,
        links=(parent_side,),
        exclusion_codes=frozenset(draw(st.sets(st.sampled_from(["UNFIT", "OTHER"])))),
    )
    child = PersonFacts(
        person_id="c1",
        dob=child_dob,
        detained_by_dhs=None,
        removed_on=child_removed,
        returned_on=None,
        fear_findings=child_findings,
        links=(child_side,),
        independent_claim=draw(OPTIONAL_BOOL),
    )
    return parent, child


@PROPERTIES
@given(families(), AS_OF)
def test_cross_effect_answers_parent_and_child_alike(
    family: tuple[PersonFacts, PersonFacts], as_of: date
) -> None:
    parent, child = family
    for_parent = evaluate(parent, RULES, as_of).get(NOTICE_TO_APPEAR)
    for_child = evaluate(child, RULES, as_of).get(NOTICE_TO_APPEAR)
    if parent.in_united_states() and child.in_united_states():
        assert for_parent.answer is for_child.answer, (for_parent, for_child)
    else:
        # Removal proceedings are for people here: whoever was removed gets none.
        for facts, found in ((parent, for_parent), (child, for_child)):
            if not facts.in_united_states():
                assert found.answer is Answer.NO, found
                assert found.basis in {"removed", "no_rule_in_force"}, found


@PROPERTIES
@given(people(), AS_OF, COURTS)
def test_same_facts_same_evaluation(
    facts: PersonFacts, as_of: date, court: CourtState | None
) -> None:
    first = evaluate(facts, RULES, as_of, court)
    assert evaluate(facts, RULES, as_of, court) == first
    # Equal facts built separately, and a ruleset read again.
    rebuilt = copy.deepcopy(facts)
    assert rebuilt == facts
    assert rebuilt is not facts
    assert evaluate(rebuilt, load_ruleset(), as_of, copy.deepcopy(court)) == first


@settings(max_examples=100, deadline=None)
@given(st.lists(people(), min_size=2, max_size=4), AS_OF, COURTS)
def test_one_evaluator_for_many_people_matches_one_each(
    crowd: list[PersonFacts], as_of: date, court: CourtState | None
) -> None:
    """What the evaluator remembers between people (compiled rules, actionability)
    never leaks from one person into another's answer."""
    evaluator = Evaluator(RULES, as_of, court)
    forward = [evaluator(p) for p in crowd]
    backward = [evaluator(p) for p in reversed(crowd)][::-1]
    alone = [evaluate(p, RULES, as_of, court) for p in crowd]
    assert forward == alone
    assert backward == alone


def _answers(evaluation: Evaluation) -> dict[str, tuple[Answer, frozenset[str], bool]]:
    return {f.code: (f.answer, frozenset(f.missing), f.actionable) for f in evaluation.findings}


@PROPERTIES
@given(people(), AS_OF, COURTS, st.randoms(use_true_random=False))
def test_link_order_changes_no_answer(
    facts: PersonFacts, as_of: date, court: CourtState | None, rng: Random
) -> None:
    shuffled = list(facts.links)
    rng.shuffle(shuffled)
    reordered = replace(facts, links=tuple(reversed(shuffled)))
    assert _answers(evaluate(reordered, RULES, as_of, court)) == _answers(
        evaluate(facts, RULES, as_of, court)
    )


@settings(max_examples=100, deadline=None)
@given(people(), AS_OF, COURTS)
def test_every_finding_explains_itself(
    facts: PersonFacts, as_of: date, court: CourtState | None
) -> None:
    """An unknown says what would settle it, a yes or a no needs nothing more, and
    every answer but "no rule in force" names the rule it came from."""
    for found in evaluate(facts, RULES, as_of, court).findings:
        assert bool(found.missing) is (found.answer is Answer.UNKNOWN), found
        assert bool(found.rule_ids) is (found.basis != "no_rule_in_force"), found
        assert found.basis
        if found.actionable:
            assert found.answer is Answer.YES
