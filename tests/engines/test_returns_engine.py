"""The returns engine: the table of stages, the deadline, and the court's figures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amparo.engines.returns import (
    FAILED_OUTCOMES,
    MEASURES,
    TRANSITIONS,
    CaseFacts,
    Event,
    IllegalStep,
    Outcome,
    Stage,
    after_attempt,
    application_due,
    days_left,
    events_from,
    measure,
    step,
    suppressed,
)


def _reachable() -> set[Stage]:
    seen = {Stage.TO_LOCATE}
    frontier = [Stage.TO_LOCATE]
    while frontier:
        stage = frontier.pop()
        for event in events_from(stage):
            target = step(stage, event)
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def test_every_stage_can_be_reached_from_the_start() -> None:
    assert _reachable() == set(Stage)


def test_a_returned_parent_is_at_the_end_of_the_process() -> None:
    assert events_from(Stage.RETURNED) == ()


@given(st.lists(st.sampled_from(list(Event)), max_size=30))
def test_any_sequence_of_events_either_steps_by_the_table_or_is_refused(
    events: list[Event],
) -> None:
    stage = Stage.TO_LOCATE
    path = [stage]
    for event in events:
        try:
            target = step(stage, event)
        except IllegalStep as refused:
            assert event not in refused.allowed
            assert stage not in TRANSITIONS[event]
            continue
        assert TRANSITIONS[event][stage] is target
        stage = target
        path.append(stage)
    # Nobody arrives who was not approved and did not travel; nobody is approved who
    # did not apply.
    if Stage.RETURNED in path:
        assert path.index(Stage.TRAVELLING) < path.index(Stage.RETURNED)
    if Stage.APPROVED in path:
        assert path.index(Stage.APPLIED) < path.index(Stage.APPROVED)
    if Stage.APPLIED in path:
        assert path.index(Stage.PREPARING) < path.index(Stage.APPLIED)
        assert path.index(Stage.CONTACTED) < path.index(Stage.PREPARING)


@pytest.mark.parametrize("stage", list(Stage))
def test_a_failed_attempt_never_moves_a_case(stage: Stage) -> None:
    for outcome in FAILED_OUTCOMES:
        assert after_attempt(stage, outcome) is stage


def test_a_partners_attempt_moves_only_a_case_being_searched_for() -> None:
    assert after_attempt(Stage.TO_LOCATE, Outcome.LOCATED, by_partner=True) is Stage.LOCATED
    assert after_attempt(Stage.LOCATED, Outcome.REACHED, by_partner=True) is Stage.CONTACTED
    # Whatever the parent tells a searcher later, the form reveals nothing and moves
    # nothing: counsel act on it.
    for stage in (Stage.PREPARING, Stage.APPLIED, Stage.DENIED, Stage.RETURNED):
        assert after_attempt(stage, Outcome.DECLINED, by_partner=True) is stage
    assert after_attempt(Stage.DECLINED, Outcome.DECLINED) is Stage.DECLINED


def test_reaching_a_parent_already_further_on_leaves_the_stage() -> None:
    assert after_attempt(Stage.APPLIED, Outcome.REACHED) is Stage.APPLIED
    assert after_attempt(Stage.LOCATED, Outcome.LOCATED) is Stage.LOCATED
    assert after_attempt(Stage.UNREACHABLE, Outcome.REACHED) is Stage.CONTACTED
    with pytest.raises(IllegalStep):
        after_attempt(Stage.APPLIED, Outcome.DECLINED)


def test_the_deadline_counts_from_the_wish_and_an_extension_only_lengthens_it() -> None:
    wish = date(2026, 11, 1)
    assert application_due(wish_on=wish, days=30) == date(2026, 12, 1)
    assert application_due(wish_on=wish, days=30, extended_to=date(2026, 12, 15)) == date(
        2026, 12, 15
    )
    assert application_due(wish_on=wish, days=30, extended_to=date(2026, 11, 20)) == date(
        2026, 12, 1
    )
    assert days_left(date(2026, 12, 1), date(2026, 12, 1)) == 0
    assert days_left(date(2026, 12, 1), date(2026, 12, 3)) == -2
    with pytest.raises(ValueError, match="at least one day"):
        application_due(wish_on=wish, days=0)


_cases = st.builds(
    CaseFacts,
    country=st.sampled_from(["GTM", "HND", "SLV"]),
    region=st.sampled_from(["", "Huehuetenango", "Quiché", "Copán"]),
    stage=st.sampled_from(list(Stage)),
    located=st.booleans(),
    contacted=st.booleans(),
    applied=st.booleans(),
    approved=st.booleans(),
    returned=st.booleans(),
)


@given(st.lists(_cases, max_size=60))
def test_figures_add_up_by_region_country_and_total(cases: list[CaseFacts]) -> None:
    figures = measure(cases)
    assert figures.total.as_dict()["cases"] == len(cases)
    for index in range(len(MEASURES)):
        assert sum(r.counts[index] for r in figures.regions) == figures.total.counts[index]
        assert sum(c.counts[index] for c in figures.countries) == figures.total.counts[index]
    # A parent contacted was located; an unknown region is counted, not dropped.
    totals = figures.total.as_dict()
    assert totals["located"] >= totals["contacted"]
    assert totals["located"] == sum(1 for c in cases if c.located or c.contacted)
    assert totals["unreachable"] == sum(1 for c in cases if c.stage is Stage.UNREACHABLE)


def test_each_figure_counts_a_parent_once() -> None:
    cases = [
        CaseFacts("GTM", "Huehuetenango", Stage.RETURNED, True, True, True, True, True),
        CaseFacts("GTM", "", Stage.UNREACHABLE, False, False, False, False, False),
        CaseFacts("HND", "Copán", Stage.DECLINED, True, True, False, False, False),
    ]
    figures = measure(cases)
    assert figures.total.as_dict() == {
        "cases": 3,
        "located": 2,
        "contacted": 2,
        "unreachable": 1,
        "declined": 1,
        "applied": 1,
        "approved": 1,
        "returned": 1,
    }
    assert [(r.country, r.region) for r in figures.regions] == [
        ("GTM", ""),
        ("GTM", "Huehuetenango"),
        ("HND", "Copán"),
    ]


@given(st.lists(_cases, max_size=80), st.integers(min_value=2, max_value=15))
def test_no_hidden_count_can_be_worked_back_from_the_sums(
    cases: list[CaseFacts], limit: int
) -> None:
    figures = measure(cases)
    shown = suppressed(figures, limit)
    band = f"<{limit}"
    rows = [
        (figures.total.counts, shown.total.cells),
        *((c.counts, s.cells) for c, s in zip(figures.countries, shown.countries, strict=True)),
        *((r.counts, s.cells) for r, s in zip(figures.regions, shown.regions, strict=True)),
    ]
    for counts, cells in rows:
        for n, cell in zip(counts, cells, strict=True):
            # Every small count is hidden; what is shown is the true count.
            if 0 < n < limit:
                assert cell == band
            elif cell != band:
                assert cell == str(n)
    for j in range(len(MEASURES)):
        groups = [(shown.total, list(shown.countries))]
        for country in shown.countries:
            groups.append((country, [r for r in shown.regions if r.country == country.country]))
        for parent, parts in groups:
            if parts:
                lone = sum(cell.cells[j] == band for cell in (parent, *parts))
                assert lone != 1, (j, parent, parts)


def test_a_region_cannot_be_had_from_its_country_and_the_other_region() -> None:
    cases = [
        *(
            CaseFacts("GTM", "Huehuetenango", Stage.TO_LOCATE, False, False, False, False, False)
            for _ in range(11)
        ),
        CaseFacts("GTM", "Quiché", Stage.TO_LOCATE, False, False, False, False, False),
    ]
    shown = suppressed(measure(cases))
    cases_column = 0
    assert shown.countries[0].cells[cases_column] == "12"
    assert [r.cells[cases_column] for r in shown.regions] == ["<11", "<11"]
