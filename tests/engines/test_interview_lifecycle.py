"""The interview lifecycle, table-driven: every edge outside the table refused, every
edge in it accepted with its protection on record, each protection refused when
missing and named, the deadlines, the parent-child cross-effect both ways, and random
walks that never leave the table nor serve an unapproved determination."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.interviews import (
    TERMINAL,
    TRANSITIONS,
    ConductRecord,
    CounselPresence,
    CrossAction,
    CrossReason,
    Deadline,
    DeadlineKind,
    Determination,
    Facts,
    FlagCode,
    GuardFailed,
    IllegalTransition,
    Interview,
    LifecycleConfig,
    LinkedMember,
    ParentAssistance,
    RefusalReason,
    State,
    Subject,
    Transition,
    counsel_notify_by,
    cross_effect,
    ij_decision_due,
    ij_request_by,
    transition,
)

S = State
POS, NEG = Determination.POSITIVE, Determination.NEGATIVE
PARENT, CHILD = Subject.PARENT, Subject.CHILD
T0 = datetime(2018, 11, 20, 9, 0, tzinfo=UTC)
AT = T0 + timedelta(hours=1)
NEXT_WEEK = T0 + timedelta(days=7)

FULL_CONDUCT = ConductRecord(
    counsel=CounselPresence.IN_PERSON,
    interpreter_language="K'iche'",
    best_language="K'iche'",
    m444_served=True,
    private_setting=True,
    parent_assistance=ParentAssistance.NONE,
)
CONSIDERED = {"inc-1": "Separated 9 days, did not know where the child was."}


def interview(
    state: State = S.REQUESTED,
    *,
    subject: Subject = PARENT,
    determination: Determination | None = NEG,
    interview_id: str = "iv-parent",
    person_id: str = "p1",
) -> Interview:
    return Interview(
        interview_id=interview_id,
        person_id=person_id,
        subject=subject,
        state=state,
        determination=determination,
        scheduled_for=T0,
        served_at=T0,
    )


def facts(**changes: object) -> Facts:
    """Facts that satisfy every guard, for a negative determination."""
    base = Facts(
        scheduled_for=NEXT_WEEK,
        conduct=FULL_CONDUCT,
        determination=NEG,
        inconsistency_ids=("inc-1",),
        assessments=CONSIDERED,
        declination_recorded=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def refusal(iv: Interview, to: State, given_facts: Facts, at: datetime = AT) -> GuardFailed:
    with pytest.raises(GuardFailed) as raised:
        transition(iv, to, given_facts, at)
    return raised.value


# ------------------------------------------------------------------- the table itself

ALLOWED = [(a, b) for a, nexts in TRANSITIONS.items() for b in sorted(nexts)]
ILLEGAL = [(a, b) for a in State for b in State if b not in TRANSITIONS[a]]


def test_the_table_covers_every_state() -> None:
    assert set(TRANSITIONS) == set(State)


def test_the_terminal_states_are_the_ends_of_the_process() -> None:
    assert {S.CANCELLED, S.NOTICE_TO_APPEAR, S.IJ_REVIEW_DECLINED, S.IJ_AFFIRMED} == TERMINAL


def test_only_approved_leads_to_served() -> None:
    assert {a for a in State if S.SERVED in TRANSITIONS[a]} == {S.APPROVED}


@pytest.mark.parametrize(
    "outcome", [S.NOTICE_TO_APPEAR, S.IJ_REVIEW_REQUESTED, S.IJ_REVIEW_DECLINED]
)
def test_outcomes_are_reached_only_from_served_or_a_judges_decision(outcome: State) -> None:
    assert {a for a in State if outcome in TRANSITIONS[a]} <= {S.SERVED, S.IJ_VACATED}


@pytest.mark.parametrize(("from_state", "to_state"), ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_every_illegal_transition_is_refused(from_state: State, to_state: State) -> None:
    # Facts that would satisfy any guard: the table alone refuses.
    iv = interview(from_state, determination=POS if to_state is S.NOTICE_TO_APPEAR else NEG)
    with pytest.raises(IllegalTransition) as raised:
        transition(iv, to_state, facts(), AT)
    refused = raised.value
    assert (refused.from_state, refused.to_state, refused.reason) == (
        from_state,
        to_state,
        RefusalReason.ILLEGAL,
    )
    assert refused.as_log() == {
        "interview_id": "iv-parent",
        "from": from_state.value,
        "to": to_state.value,
        "reason": "illegal_transition",
        "missing": "",
        "at": AT.isoformat(),
    }


def test_the_cross_product_is_split_exactly() -> None:
    assert len(ALLOWED) + len(ILLEGAL) == len(State) ** 2


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_every_allowed_transition_is_accepted_with_its_guard_satisfied(
    from_state: State, to_state: State
) -> None:
    positive = from_state is S.SERVED and to_state is S.NOTICE_TO_APPEAR
    iv = interview(from_state, determination=POS if positive else NEG)
    done = transition(iv, to_state, facts(), AT)
    assert (done.from_state, done.to_state, done.interview.state) == (
        from_state,
        to_state,
        to_state,
    )
    assert (done.interview_id, done.at) == ("iv-parent", AT)


# --------------------------------------------------------------------------- conducted

COUNSEL_ACCEPTED = [
    pytest.param(CounselPresence.IN_PERSON, False, id="counsel-in-person"),
    pytest.param(CounselPresence.TELEPHONE, False, id="counsel-by-telephone"),
    pytest.param(CounselPresence.ABSENT, True, id="absent-with-written-waiver"),
    pytest.param(None, True, id="unrecorded-presence-with-written-waiver"),
    pytest.param(CounselPresence.IN_PERSON, True, id="counsel-present-and-waiver"),
]


@pytest.mark.parametrize(("counsel", "waiver"), COUNSEL_ACCEPTED)
def test_conducted_is_accepted_with_counsel_or_a_written_waiver(
    counsel: CounselPresence | None, waiver: bool
) -> None:
    record = replace(FULL_CONDUCT, counsel=counsel, written_waiver_of_counsel=waiver)
    done = transition(interview(S.SCHEDULED), S.CONDUCTED, facts(conduct=record), AT)
    assert done.interview.state is S.CONDUCTED


@pytest.mark.parametrize(
    "counsel",
    [
        pytest.param(CounselPresence.ABSENT, id="counsel-absent"),
        pytest.param(None, id="counsel-not-recorded"),
    ],
)
def test_conducted_is_refused_without_counsel_or_waiver(counsel: CounselPresence | None) -> None:
    record = replace(FULL_CONDUCT, counsel=counsel, written_waiver_of_counsel=False)
    refused = refusal(interview(S.SCHEDULED), S.CONDUCTED, facts(conduct=record))
    assert (refused.reason, refused.missing) == (
        RefusalReason.MISSING_RECORDS,
        ("counsel_or_written_waiver",),
    )


MISSING_PROTECTION = [
    pytest.param(PARENT, {"interpreter_language": None}, "interpreter_language", id="no-interp"),
    pytest.param(PARENT, {"interpreter_language": "  "}, "interpreter_language", id="blank-interp"),
    pytest.param(PARENT, {"best_language": None}, "best_language", id="no-best-language"),
    pytest.param(PARENT, {"m444_served": False}, "m444_served", id="no-m444"),
    pytest.param(PARENT, {"private_setting": False}, "private_setting", id="not-private"),
    pytest.param(CHILD, {"parent_assistance": None}, "parent_assistance", id="child-no-parent"),
]


@pytest.mark.parametrize(("subject", "change", "named"), MISSING_PROTECTION)
def test_each_missing_protection_is_named(
    subject: Subject, change: dict[str, object], named: str
) -> None:
    record = replace(FULL_CONDUCT, **change)  # type: ignore[arg-type]
    iv = interview(S.SCHEDULED, subject=subject)
    refused = refusal(iv, S.CONDUCTED, facts(conduct=record))
    assert (refused.reason, refused.missing) == (RefusalReason.MISSING_RECORDS, (named,))
    assert refused.as_log()["missing"] == named


def test_nothing_recorded_names_every_missing_item() -> None:
    iv = interview(S.RESCHEDULED, subject=CHILD)
    refused = refusal(iv, S.CONDUCTED, facts(conduct=None))
    assert refused.missing == (
        "counsel_or_written_waiver",
        "interpreter_language",
        "best_language",
        "m444_served",
        "private_setting",
        "parent_assistance",
    )


@pytest.mark.parametrize("assistance", list(ParentAssistance), ids=lambda a: f"child-{a.value}")
def test_a_childs_interview_records_how_a_parent_took_part(assistance: ParentAssistance) -> None:
    record = replace(FULL_CONDUCT, parent_assistance=assistance)
    iv = interview(S.SCHEDULED, subject=CHILD)
    assert transition(iv, S.CONDUCTED, facts(conduct=record), AT).to_state is S.CONDUCTED


def test_a_parents_interview_needs_no_parent_assistance() -> None:
    record = replace(FULL_CONDUCT, parent_assistance=None)
    done = transition(interview(S.SCHEDULED), S.CONDUCTED, facts(conduct=record), AT)
    assert done.to_state is S.CONDUCTED


def test_an_interpreter_mismatch_is_accepted_and_flagged() -> None:
    record = replace(FULL_CONDUCT, interpreter_language="Spanish", best_language="Mam")
    done = transition(interview(S.SCHEDULED), S.CONDUCTED, facts(conduct=record), AT)
    assert done.to_state is S.CONDUCTED
    assert [(f.code, f.detail) for f in done.flags] == [
        (FlagCode.INTERPRETER_MISMATCH, "interpreted in Spanish; best language Mam")
    ]


def test_the_same_language_spelled_differently_is_not_a_mismatch() -> None:
    record = replace(FULL_CONDUCT, interpreter_language=" k'iche' ", best_language="K'iche'")
    done = transition(interview(S.SCHEDULED), S.CONDUCTED, facts(conduct=record), AT)
    assert done.flags == ()


# ------------------------------------------------- drafting and the supervisor's review


def test_drafting_needs_a_determination() -> None:
    refused = refusal(interview(S.CONDUCTED), S.DETERMINATION_DRAFTED, facts(determination=None))
    assert refused.missing == ("determination",)


def test_a_redraft_after_return_replaces_the_determination() -> None:
    done = transition(
        interview(S.RETURNED, determination=NEG),
        S.DETERMINATION_DRAFTED,
        facts(determination=POS),
        AT,
    )
    assert done.interview.determination is POS


UNCONSIDERED = [
    pytest.param(("i1", "i2"), {"i1": "weighed"}, ("i2",), id="one-of-two-unassessed"),
    pytest.param(("i1",), {"i1": ""}, ("i1",), id="empty-assessment-counts-as-missing"),
    pytest.param(("i1",), {"i1": " \n "}, ("i1",), id="blank-assessment-counts-as-missing"),
    pytest.param(("i1", "i2"), {}, ("i1", "i2"), id="none-assessed"),
    pytest.param(("i1", "i1"), {"i2": "other"}, ("i1",), id="repeated-id-named-once"),
]


@pytest.mark.parametrize(("ids", "assessments", "named"), UNCONSIDERED)
def test_a_negative_is_refused_while_an_inconsistency_lacks_due_consideration(
    ids: tuple[str, ...], assessments: dict[str, str], named: tuple[str, ...]
) -> None:
    given_facts = facts(inconsistency_ids=ids, assessments=assessments)
    refused = refusal(interview(S.DETERMINATION_DRAFTED), S.SUPERVISORY_REVIEW, given_facts)
    assert (refused.reason, refused.missing) == (RefusalReason.UNCONSIDERED_INCONSISTENCIES, named)


CONSIDERED_CASES = [
    pytest.param(NEG, ("i1", "i2"), {"i1": "a", "i2": "b"}, id="negative-all-considered"),
    pytest.param(NEG, (), {}, id="negative-no-inconsistencies"),
    pytest.param(POS, ("i1", "i2"), {}, id="positive-not-blocked-by-inconsistencies"),
]


@pytest.mark.parametrize(("determination", "ids", "assessments"), CONSIDERED_CASES)
def test_submission_is_accepted_once_every_inconsistency_is_considered(
    determination: Determination, ids: tuple[str, ...], assessments: dict[str, str]
) -> None:
    given_facts = facts(inconsistency_ids=ids, assessments=assessments)
    iv = interview(S.DETERMINATION_DRAFTED, determination=determination)
    assert transition(iv, S.SUPERVISORY_REVIEW, given_facts, AT).to_state is S.SUPERVISORY_REVIEW


# ------------------------------------------------------------------ service and outcomes

WRONG_OUTCOME = [
    pytest.param(NEG, S.NOTICE_TO_APPEAR, id="notice-to-appear-on-a-negative"),
    pytest.param(POS, S.IJ_REVIEW_REQUESTED, id="judge-review-of-a-positive"),
    pytest.param(POS, S.IJ_REVIEW_DECLINED, id="declining-review-of-a-positive"),
]


@pytest.mark.parametrize(("determination", "outcome"), WRONG_OUTCOME)
def test_an_outcome_must_match_the_determination(
    determination: Determination, outcome: State
) -> None:
    refused = refusal(interview(S.SERVED, determination=determination), outcome, facts())
    assert refused.reason is RefusalReason.WRONG_DETERMINATION


def test_declining_a_judges_review_needs_the_persons_declination_on_record() -> None:
    refused = refusal(interview(S.SERVED), S.IJ_REVIEW_DECLINED, facts(declination_recorded=False))
    assert refused.missing == ("declination_recorded",)


def test_a_vacated_negative_ends_in_a_notice_to_appear() -> None:
    done = transition(interview(S.IJ_VACATED, determination=NEG), S.NOTICE_TO_APPEAR, facts(), AT)
    assert done.interview.state is S.NOTICE_TO_APPEAR


def test_a_no_show_cannot_be_recorded_before_the_interview_time() -> None:
    refused = refusal(interview(S.SCHEDULED), S.NO_SHOW, facts(), at=T0 - timedelta(minutes=1))
    assert refused.reason is RefusalReason.TOO_EARLY


def test_scheduling_needs_a_time() -> None:
    refused = refusal(interview(S.REQUESTED), S.SCHEDULED, facts(scheduled_for=None))
    assert refused.missing == ("scheduled_for",)


# ------------------------------------------------------------------------------ deadlines


def test_counsel_is_notified_48_hours_ahead_by_default() -> None:
    assert counsel_notify_by(NEXT_WEEK) == NEXT_WEEK - timedelta(hours=48)


def test_the_counsel_notice_is_configurable() -> None:
    config = LifecycleConfig(counsel_notice=timedelta(days=5))
    assert counsel_notify_by(NEXT_WEEK, config) == NEXT_WEEK - timedelta(days=5)


@pytest.mark.parametrize("to_state", [S.SCHEDULED, S.RESCHEDULED], ids=str)
def test_scheduling_returns_when_counsel_must_be_notified(to_state: State) -> None:
    from_state = S.REQUESTED if to_state is S.SCHEDULED else S.SCHEDULED
    done = transition(interview(from_state), to_state, facts(), AT)
    assert done.deadlines == (
        Deadline(DeadlineKind.NOTIFY_COUNSEL_BY, NEXT_WEEK - timedelta(hours=48)),
    )
    assert (done.interview.scheduled_for, done.flags) == (NEXT_WEEK, ())


def test_scheduling_too_soon_for_counsel_is_flagged() -> None:
    soon = AT + timedelta(hours=3)
    done = transition(interview(S.REQUESTED), S.SCHEDULED, facts(scheduled_for=soon), AT)
    assert [f.code for f in done.flags] == [FlagCode.COUNSEL_NOTICE_SHORT]


def test_the_judge_decides_within_7_days_of_the_request() -> None:
    assert ij_decision_due(AT) == AT + timedelta(days=7)
    assert ij_decision_due(AT, LifecycleConfig(ij_decision_limit=timedelta(days=3))) == (
        AT + timedelta(days=3)
    )


def test_requesting_a_judges_review_returns_the_target_and_the_due_date() -> None:
    done = transition(interview(S.SERVED), S.IJ_REVIEW_REQUESTED, facts(), T0)
    assert done.deadlines == (
        Deadline(DeadlineKind.IJ_DECISION_TARGET, T0 + timedelta(hours=24)),
        Deadline(DeadlineKind.IJ_DECISION_DUE, T0 + timedelta(days=7)),
    )
    assert (done.interview.ij_review_requested_at, done.flags) == (T0, ())


def test_serving_a_negative_returns_when_review_must_be_asked_for() -> None:
    config = LifecycleConfig(ij_request_window=timedelta(days=1))
    done = transition(interview(S.APPROVED), S.SERVED, facts(), AT, config=config)
    assert done.deadlines == (Deadline(DeadlineKind.IJ_REQUEST_BY, AT + timedelta(days=1)),)
    assert done.interview.served_at == AT
    assert ij_request_by(AT) == AT


def test_serving_a_positive_starts_no_review_deadline() -> None:
    done = transition(interview(S.APPROVED, determination=POS), S.SERVED, facts(), AT)
    assert done.deadlines == ()


def test_a_late_request_for_review_is_accepted_and_flagged() -> None:
    late = T0 + timedelta(days=2)
    config = LifecycleConfig(ij_request_window=timedelta(days=1))
    done = transition(interview(S.SERVED), S.IJ_REVIEW_REQUESTED, facts(), late, config=config)
    assert done.to_state is S.IJ_REVIEW_REQUESTED
    assert [f.code for f in done.flags] == [FlagCode.IJ_REQUEST_LATE]


def test_with_no_window_the_person_answers_when_served() -> None:
    """The default: asked at service, so no later date to keep and no request is late."""
    served = transition(interview(S.APPROVED), S.SERVED, facts(), AT)
    assert served.deadlines == ()
    days_later = transition(
        served.interview, S.IJ_REVIEW_REQUESTED, facts(), AT + timedelta(days=3)
    )
    assert days_later.flags == ()


def test_an_interview_is_not_held_well_before_the_time_counsel_were_told() -> None:
    scheduled = interview(S.SCHEDULED)  # at T0
    early = T0 - timedelta(hours=2)
    with pytest.raises(GuardFailed) as refused:
        transition(scheduled, S.CONDUCTED, facts(), early)
    assert refused.value.reason is RefusalReason.TOO_EARLY
    # A start a little early is fine (30 minutes by default, configurable).
    slightly = T0 - timedelta(minutes=20)
    assert transition(scheduled, S.CONDUCTED, facts(), slightly).to_state is S.CONDUCTED
    strict = LifecycleConfig(early_start=timedelta(0))
    with pytest.raises(GuardFailed):
        transition(scheduled, S.CONDUCTED, facts(), slightly, config=strict)


# --------------------------------------------------------------------------- cross-effect

CHILD_IV = {"subject": CHILD, "interview_id": "iv-child", "person_id": "c1"}
CROSS = [
    pytest.param(
        interview(S.APPROVED, determination=POS),
        LinkedMember("c1"),
        ("c1", CHILD, CrossAction.ISSUE_NOTICE_TO_APPEAR, CrossReason.POSITIVE_DETERMINATION),
        id="parent-positive-approved-child-without-interview",
    ),
    pytest.param(
        interview(S.SERVED, determination=POS, **CHILD_IV),  # type: ignore[arg-type]
        LinkedMember("p1", "iv-parent", S.IJ_AFFIRMED),
        ("p1", PARENT, CrossAction.ISSUE_NOTICE_TO_APPEAR, CrossReason.POSITIVE_DETERMINATION),
        id="child-positive-served-parent-negative-affirmed",
    ),
    pytest.param(
        interview(S.IJ_VACATED, determination=NEG),
        LinkedMember("c1", "iv-child", S.SCHEDULED),
        ("c1", CHILD, CrossAction.ISSUE_NOTICE_TO_APPEAR, CrossReason.IJ_VACATED),
        id="parent-vacated-child-scheduled",
    ),
    pytest.param(
        interview(S.NOTICE_TO_APPEAR, determination=NEG, **CHILD_IV),  # type: ignore[arg-type]
        LinkedMember("p1", "iv-parent", S.IJ_REVIEW_REQUESTED),
        ("p1", PARENT, CrossAction.ISSUE_NOTICE_TO_APPEAR, CrossReason.IJ_VACATED),
        id="child-vacated-to-notice-parent-awaiting-judge",
    ),
    pytest.param(
        interview(S.NOTICE_TO_APPEAR, determination=POS),
        LinkedMember("c1", "iv-child", S.NOTICE_TO_APPEAR),
        ("c1", CHILD, CrossAction.ALREADY_NOTICE_TO_APPEAR, CrossReason.POSITIVE_DETERMINATION),
        id="child-already-has-a-notice",
    ),
]


@pytest.mark.parametrize(("source", "linked", "expected"), CROSS)
def test_a_positive_gives_the_linked_member_a_notice_to_appear(
    source: Interview, linked: LinkedMember, expected: tuple[object, ...]
) -> None:
    effect = cross_effect(source, linked)
    assert effect is not None
    assert (effect.person_id, effect.role, effect.action, effect.reason) == expected
    assert (effect.source_interview_id, effect.source_person_id) == (
        source.interview_id,
        source.person_id,
    )
    assert (effect.linked_interview_id, effect.linked_state) == (linked.interview_id, linked.state)


NO_CROSS = [
    pytest.param(S.DETERMINATION_DRAFTED, POS, id="positive-only-drafted"),
    pytest.param(S.SUPERVISORY_REVIEW, POS, id="positive-under-review"),
    pytest.param(S.RETURNED, POS, id="positive-returned"),
    pytest.param(S.APPROVED, NEG, id="negative-approved"),
    pytest.param(S.SERVED, NEG, id="negative-served"),
    pytest.param(S.IJ_REVIEW_REQUESTED, NEG, id="awaiting-judge"),
    pytest.param(S.IJ_AFFIRMED, NEG, id="judge-affirmed"),
    pytest.param(S.IJ_REVIEW_DECLINED, NEG, id="review-declined"),
]


@pytest.mark.parametrize(("state", "determination"), NO_CROSS)
def test_no_cross_effect_until_fear_is_found_and_stands(
    state: State, determination: Determination
) -> None:
    source = interview(state, determination=determination)
    assert cross_effect(source, LinkedMember("c1")) is None


# ---------------------------------------------------------------------------- properties

PROPERTIES = settings(max_examples=300, deadline=None)
CONDUCTS = st.sampled_from(
    [
        FULL_CONDUCT,
        replace(FULL_CONDUCT, counsel=CounselPresence.ABSENT),
        replace(FULL_CONDUCT, counsel=None, written_waiver_of_counsel=True),
        replace(FULL_CONDUCT, m444_served=False),
        None,
    ]
)
RANDOM_FACTS = st.builds(
    Facts,
    scheduled_for=st.sampled_from([None, T0, NEXT_WEEK]),
    conduct=CONDUCTS,
    determination=st.sampled_from([None, POS, NEG]),
    inconsistency_ids=st.sampled_from([(), ("inc-1",)]),
    assessments=st.sampled_from([{}, CONSIDERED, {"inc-1": ""}]),
    declination_recorded=st.booleans(),
)
# Facts that satisfy the guards half the time, so walks are not all refusals.
FACTS = st.one_of(st.sampled_from([facts(), facts(determination=POS)]), RANDOM_FACTS)
# A step aims at any state, or (an integer) at one of the current state's allowed next
# states other than cancelled (still reached by aiming at it), so walks get deep into
# the lifecycle instead of ending at the first steps.
TARGETS = st.one_of(st.sampled_from(list(State)), st.integers(min_value=0, max_value=5))
STEPS = st.lists(st.tuples(TARGETS, FACTS), max_size=60)
Step = tuple[State | int, Facts]


def aim(state: State, target: State | int) -> State:
    if isinstance(target, State):
        return target
    nexts = sorted(TRANSITIONS[state] - {S.CANCELLED})
    return nexts[target % len(nexts)] if nexts else state


def walk(steps: list[Step]) -> list[tuple[Transition, Facts]]:
    iv = Interview("iv-walk", "p1", PARENT)
    at = T0
    taken: list[tuple[Transition, Facts]] = []
    for target, given_facts in steps:
        to_state = aim(iv.state, target)
        at += timedelta(days=1)
        try:
            done = transition(iv, to_state, given_facts, at)
        except (IllegalTransition, GuardFailed):
            continue
        taken.append((done, given_facts))
        iv = done.interview
    return taken


@PROPERTIES
@given(STEPS)
def test_a_random_walk_never_leaves_the_table(steps: list[Step]) -> None:
    state = S.REQUESTED
    for done, _ in walk(steps):
        assert done.from_state is state
        assert done.to_state in TRANSITIONS[state]
        state = done.to_state


@PROPERTIES
@given(STEPS)
def test_served_is_never_reached_without_approval(steps: list[Step]) -> None:
    seen: list[State] = [S.REQUESTED]
    for done, _ in walk(steps):
        if done.to_state is S.SERVED:
            assert seen[-1] is S.APPROVED
        if done.to_state in {S.NOTICE_TO_APPEAR, S.IJ_REVIEW_REQUESTED, S.IJ_REVIEW_DECLINED}:
            assert S.SERVED in seen
        seen.append(done.to_state)


@PROPERTIES
@given(STEPS)
def test_conducted_is_never_reached_without_counsel_or_waiver(
    steps: list[Step],
) -> None:
    for done, given_facts in walk(steps):
        if done.to_state is S.CONDUCTED:
            record = given_facts.conduct
            assert record is not None
            assert record.written_waiver_of_counsel or record.counsel in (
                CounselPresence.IN_PERSON,
                CounselPresence.TELEPHONE,
            )
