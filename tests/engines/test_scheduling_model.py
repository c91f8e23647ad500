"""The CP-SAT scheduler: never a hard constraint broken (checked by the independent
checker), its objective is the schedule's value and its bound bounds it, at least as good
as the greedy scheduler and strictly better where greedy's order traps it, families
together when possible, notified times kept on a re-plan, unschedulable requests
explained, and the same schedule for the same seed in deterministic mode."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.check import violations
from amparo.engines.scheduling.decompose import schedule_by_facility
from amparo.engines.scheduling.greedy import schedule_greedy
from amparo.engines.scheduling.model import SolveOptions, schedule_cpsat
from amparo.engines.scheduling.records import (
    Counsel,
    Facility,
    Hours,
    Instance,
    Interpreter,
    Officer,
    Reason,
    Request,
)
from tests.engines.test_scheduling_greedy import instances

QUICK = SolveOptions(seconds=5.0, workers=1, deterministic=True)
ALL_DAYS = frozenset(range(5))


def hours(start: int = 0, end: int = 4, days: frozenset[int] = ALL_DAYS) -> Hours:
    return Hours(days=days, start=start, end=end)


def world(
    requests: tuple[Request, ...],
    *,
    officers: tuple[Officer, ...] | None = None,
    interpreters: tuple[Interpreter, ...] = (),
    counsel: tuple[Counsel, ...] = (),
    days: int = 2,
    slots: int = 4,
    rooms: int = 2,
) -> Instance:
    return Instance(
        days=days,
        slots_per_day=slots,
        requests=requests,
        officers=officers
        or (Officer("o1", hours(), frozenset({"F"}), languages=frozenset({"english", "spanish"})),),
        interpreters=interpreters,
        counsel=counsel,
        facilities=(Facility("F", rooms=rooms, phone_lines=1),),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_no_hard_constraint_is_ever_broken_and_the_bound_holds(instance: Instance) -> None:
    found = schedule_cpsat(instance, QUICK)
    assert violations(instance, found.assignments) == []
    placed = {a.request_id for a in found.assignments}
    explained = {u.request_id for u in found.unscheduled}
    assert placed | explained == {r.id for r in instance.requests}
    assert not placed & explained
    assert found.objective == rules.value(instance, found.assignments)
    assert found.bound is not None and found.bound >= found.objective
    greedy = schedule_greedy(instance)
    assert found.objective >= greedy.objective


def test_it_schedules_who_greedy_order_leaves_out() -> None:
    """Greedy takes the only officer's first hour for the higher priority; the Mam
    interpreter is free only then, so the second person is left out. The solver moves
    the first to the second hour and places both."""
    spanish = Request("r1", "F", "spanish", 0, 0, duration=1, priority=3)
    mam = Request("r2", "F", "mam", 0, 0, duration=1, priority=1)
    instance = world(
        (spanish, mam),
        interpreters=(Interpreter("i-mam", frozenset({"mam"}), hours(0, 1)),),
        days=1,
        slots=2,
    )
    greedy = schedule_greedy(instance)
    found = schedule_cpsat(instance, QUICK)
    assert len(greedy.assignments) == 1
    assert len(found.assignments) == 2
    assert found.status == "OPTIMAL"
    assert violations(instance, found.assignments) == []


def test_a_family_is_interviewed_on_one_day_and_never_at_once() -> None:
    parent = Request("parent", "F", "spanish", 0, 1, duration=2, family="fam")
    child = Request("child", "F", "spanish", 0, 1, duration=2, family="fam")
    other = Officer("o2", hours(), frozenset({"F"}), languages=frozenset({"spanish"}))
    instance = world((parent, child), officers=(world(()).officers[0], other))
    found = schedule_cpsat(instance, QUICK)
    placed = found.by_request()
    assert placed["parent"].day == placed["child"].day
    first, second = sorted((placed["parent"].slot, placed["child"].slot))
    assert second - first >= 2


def test_a_replan_keeps_notified_times_that_still_work() -> None:
    requests = tuple(Request(f"r{n}", "F", "spanish", 0, 1, duration=1) for n in range(5))
    instance = world(requests)
    first = schedule_cpsat(instance, QUICK)
    assert len(first.assignments) == len(requests)
    pinned = tuple(replace(r, pinned=first.by_request().get(r.id)) for r in requests)
    # A new request arrives; nothing else changed.
    again = world((*pinned, Request("new", "F", "spanish", 0, 1, duration=1)))
    second = schedule_cpsat(again, QUICK)
    for r in pinned:
        if r.pinned is not None:
            kept = second.by_request()[r.id]
            assert (kept.day, kept.slot, kept.officer_id) == (
                r.pinned.day,
                r.pinned.slot,
                r.pinned.officer_id,
            )
    assert "new" in second.by_request()


def test_a_notified_time_moves_when_it_must() -> None:
    """The officer is away on the notified day now: the interview moves, once."""
    request = Request("r1", "F", "spanish", 0, 1, duration=1)
    first = schedule_cpsat(world((request,)), QUICK).by_request()["r1"]
    away = Officer(
        "o1",
        hours(days=frozenset({1 - first.day})),
        frozenset({"F"}),
        languages=frozenset({"spanish"}),
    )
    moved = schedule_cpsat(
        world((replace(request, pinned=first),), officers=(away,)), QUICK
    ).by_request()["r1"]
    assert moved.day != first.day


def test_requests_nobody_can_serve_are_explained() -> None:
    no_interpreter = Request("mam", "F", "mam", 0, 1)
    nowhere = Request("elsewhere", "G", "spanish", 0, 1)
    lawyer_away = Request("lawyer", "F", "spanish", 0, 1, counsel_id="c1")
    instance = world(
        (no_interpreter, nowhere, lawyer_away),
        counsel=(Counsel("c1", hours(days=frozenset())),),
    )
    # G exists, with rooms, but no officer works there.
    instance = replace(instance, facilities=(*instance.facilities, Facility("G", 2, 1)))
    found = schedule_cpsat(instance, QUICK)
    reasons = {u.request_id: u.reason for u in found.unscheduled}
    assert reasons == {
        "mam": Reason.NO_INTERPRETER,
        "elsewhere": Reason.NO_OFFICER,
        "lawyer": Reason.COUNSEL_UNAVAILABLE,
    }


def test_the_same_seed_gives_the_same_schedule() -> None:
    from amparo.engines.scheduling.generate import realistic_instance

    instance = realistic_instance(60, officers=6, interpreters=8, counsel=20, seed=3)
    options = SolveOptions(seconds=3.0, workers=2, seed=7, deterministic=True)
    assert schedule_cpsat(instance, options).assignments == (
        schedule_cpsat(instance, options).assignments
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_by_facility_never_breaks_a_rule_and_its_bound_holds(instance: Instance) -> None:
    """Each facility solved apart, joined and repaired: still valid, never worse than
    greedy, and the sum of the parts' bounds bounds the whole."""
    found = schedule_by_facility(instance, QUICK)
    assert violations(instance, found.assignments) == []
    assert found.objective == rules.value(instance, found.assignments)
    assert found.bound is not None and found.bound >= found.objective
    assert found.objective >= schedule_greedy(instance).objective
    exact = schedule_cpsat(instance, QUICK)
    if exact.status == "OPTIMAL":
        assert found.bound >= exact.objective
