"""The greedy scheduler, the checker and the explanations (issue 6).

Random small instances must get schedules the checker passes, with every request either
placed or explained once; crafted cases pin down each explanation and each kind of
violation the checker must catch; the generator is deterministic and self-consistent."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.scheduling import rules
from amparo.engines.scheduling.check import violations
from amparo.engines.scheduling.generate import LANGUAGES, realistic_instance
from amparo.engines.scheduling.greedy import (
    LANGUAGE_NAMES,
    Explainer,
    explain,
    schedule_greedy,
)
from amparo.engines.scheduling.records import (
    Assignment,
    Counsel,
    Facility,
    Hours,
    Instance,
    Interpreter,
    Officer,
    Reason,
    Request,
    Schedule,
)

PROPERTIES = settings(max_examples=150, deadline=None)
FACILITIES = ("dilley", "karnes")
LANGS = ("english", "spanish", "mam")


def mostly[T](usual: T, rare: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """`usual` four times in five, else anything from `rare` (shrinking to `usual`)."""
    return st.integers(0, 4).flatmap(lambda k: rare if k == 4 else st.just(usual))


@st.composite
def hours(draw: st.DrawFn, days: int, slots: int) -> Hours:
    """Mostly every day, whole days; sometimes some days, or part of each."""
    start = draw(mostly(0, st.integers(0, slots - 1)))
    return Hours(
        draw(mostly(frozenset(range(days)), st.frozensets(st.integers(0, days - 1)))),
        start,
        draw(mostly(slots, st.integers(start + 1, slots))),
    )


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    """2-4 days of 4-6 slots, a few of each resource, up to 25 requests with random
    families, counsel and notified times (some of them impossible)."""
    days = draw(st.integers(2, 4))
    slots = draw(st.integers(4, 6))
    facilities = tuple(
        Facility(f, draw(mostly(2, st.integers(0, 3))), draw(mostly(1, st.integers(0, 2))))
        for f in FACILITIES
    )
    officers = tuple(
        Officer(
            f"o{k}",
            draw(hours(days, slots)),
            frozenset(draw(st.sets(st.sampled_from(FACILITIES), min_size=1))),
            daily_capacity=draw(mostly(3, st.integers(0, 3))),
            languages=frozenset({"english"}) | draw(st.sets(st.sampled_from(LANGS))),
        )
        for k in range(draw(st.integers(1, 4)))
    )
    interpreters = tuple(
        Interpreter(
            f"i{k}",
            frozenset(draw(st.sets(st.sampled_from(LANGS[1:]), min_size=1))),
            draw(hours(days, slots)),
            remote=(remote := draw(st.booleans())),
            facility=None if remote else draw(st.sampled_from(FACILITIES)),
        )
        for k in range(draw(st.integers(0, 3)))
    )
    counsel = tuple(
        Counsel(
            f"c{k}", draw(hours(days, slots)), max_concurrent=draw(mostly(1, st.integers(0, 2)))
        )
        for k in range(draw(st.integers(0, 3)))
    )
    requests: list[Request] = []
    for k in range(draw(st.integers(0, 25))):
        rid = f"r{k:02d}"
        earliest = draw(mostly(0, st.integers(0, days)))
        duration = draw(mostly(1, st.integers(1, 3)))
        pinned = None
        if draw(st.integers(0, 4)) == 0:
            pinned = Assignment(
                rid,
                draw(st.integers(0, days - 1)),
                draw(st.integers(0, slots - 1)),
                draw(st.sampled_from([o.id for o in officers])),
                draw(st.sampled_from([None, *(i.id for i in interpreters)])),
            )
        requests.append(
            Request(
                rid,
                draw(st.sampled_from(FACILITIES)),
                draw(st.sampled_from(LANGS)),
                earliest,
                earliest + draw(st.integers(0, 3)),
                duration=duration,
                priority=draw(st.integers(1, 4)),
                counsel_id=draw(st.sampled_from([None, *(c.id for c in counsel)])),
                telephonic=draw(st.booleans()),
                family=draw(st.sampled_from([None, None, "fa", "fb", "fc"])),
                pinned=pinned,
            )
        )
    return Instance(days, slots, tuple(requests), officers, interpreters, counsel, facilities)


def _instance(
    requests: list[Request],
    *,
    officers: list[Officer] | None = None,
    interpreters: list[Interpreter] | None = None,
    counsel: list[Counsel] | None = None,
    facilities: list[Facility] | None = None,
    days: int = 2,
    slots: int = 4,
) -> Instance:
    """A hand-made instance: by default one officer at dilley who speaks Spanish, one
    remote Mam interpreter, one counsel, every day whole."""
    every = Hours(frozenset(range(days)), 0, slots)
    return Instance(
        days,
        slots,
        tuple(requests),
        tuple(
            officers
            if officers is not None
            else [Officer("o1", every, frozenset({"dilley"}), 4, frozenset({"english", "spanish"}))]
        ),
        tuple(
            interpreters
            if interpreters is not None
            else [Interpreter("i1", frozenset({"mam"}), every)]
        ),
        tuple(counsel if counsel is not None else [Counsel("c1", every)]),
        tuple(facilities if facilities is not None else [Facility("dilley", 2, 1)]),
    )


def _officer(rid: str, days: int, slots: int, capacity: int = 4) -> Officer:
    """A Spanish-speaking officer at dilley, every day of `days`, all day."""
    spanish = frozenset({"english", "spanish"})
    return Officer(
        rid, Hours(frozenset(range(days)), 0, slots), frozenset({"dilley"}), capacity, spanish
    )


def _request(rid: str, **fields: object) -> Request:
    base = Request(rid, "dilley", "spanish", 0, 1, duration=1)
    return replace(base, **fields)  # type: ignore[arg-type]


# -- the greedy scheduler on random instances ---------------------------------------------


@PROPERTIES
@given(instances())
def test_greedy_schedule_passes_the_checker(instance: Instance) -> None:
    schedule = schedule_greedy(instance)
    assert violations(instance, schedule.assignments) == []
    assert schedule.method == "greedy"
    assert schedule.status == "FEASIBLE"
    assert schedule.bound is None
    assert schedule.objective == rules.value(instance, schedule.assignments)


@PROPERTIES
@given(instances())
def test_every_request_is_placed_or_explained_once(instance: Instance) -> None:
    schedule = schedule_greedy(instance)
    placed = [a.request_id for a in schedule.assignments]
    explained = [u.request_id for u in schedule.unscheduled]
    assert sorted(placed + explained) == sorted(r.id for r in instance.requests)
    assert schedule.stats["scheduled"] == len(placed)
    assert schedule.stats["unscheduled"] == len(explained)
    requests = {r.id: r for r in instance.requests}
    for a in schedule.assignments:
        assert a.day >= requests[a.request_id].earliest_day
    for u in schedule.unscheduled:
        assert u.detail


def _fits(instance: Instance, schedule: Schedule, request: Request) -> Assignment | None:
    """Any time and people that would still take `request`, found by brute force with
    the checker alone."""
    interpreters = [None, *(i.id for i in instance.interpreters)]
    for day in range(instance.days):
        for slot in range(instance.slots_per_day):
            for officer in instance.officers:
                for interpreter in interpreters:
                    a = Assignment(request.id, day, slot, officer.id, interpreter)
                    if not violations(instance, [*schedule.assignments, a]):
                        return a
    return None


@settings(max_examples=100, deadline=None)
@given(instances())
def test_nothing_unscheduled_would_still_fit(instance: Instance) -> None:
    """The greedy schedule is maximal, and the explanations never say it fits."""
    schedule = schedule_greedy(instance)
    requests = {r.id: r for r in instance.requests}
    for u in schedule.unscheduled:
        assert u.reason is not Reason.CAPACITY
        assert _fits(instance, schedule, requests[u.request_id]) is None


@settings(max_examples=60, deadline=None)
@given(instances())
def test_explain_alone_agrees_with_the_schedule(instance: Instance) -> None:
    schedule = schedule_greedy(instance)
    requests = {r.id: r for r in instance.requests}
    for u in schedule.unscheduled:
        assert explain(instance, requests[u.request_id], schedule.assignments) == u


@settings(max_examples=60, deadline=None)
@given(instances())
def test_feasible_notified_times_are_kept(instance: Instance) -> None:
    """A notified time that clashes with nothing, on its own, is kept when it is the
    only one."""
    pinned = [r for r in instance.requests if r.pinned is not None]
    if not pinned:
        return
    first = pinned[0]
    alone = replace(
        instance,
        requests=tuple(r if r is first else replace(r, pinned=None) for r in instance.requests),
    )
    assert first.pinned is not None
    at = first.pinned
    officer = next(o for o in instance.officers if o.id == at.officer_id)
    if rules.needs_interpreter(first, officer) and at.interpreter_id is None:
        return
    if not rules.needs_interpreter(first, officer):
        at = replace(at, interpreter_id=None)
    if violations(alone, [at]):
        return
    placed = schedule_greedy(alone).by_request()[first.id]
    assert (placed.day, placed.slot, placed.officer_id) == (at.day, at.slot, at.officer_id)


# -- the coordinator's order --------------------------------------------------------------


def test_the_request_due_first_gets_the_only_time() -> None:
    instance = _instance(
        [_request("a", due_day=5), _request("b", due_day=1)],
        officers=[_officer("o1", 1, 1)],
        days=1,
        slots=1,
    )
    schedule = schedule_greedy(instance)
    assert [a.request_id for a in schedule.assignments] == ["b"]
    assert schedule.unscheduled[0].request_id == "a"


def test_higher_priority_wins_on_the_same_due_day() -> None:
    instance = _instance(
        [_request("a", priority=1), _request("b", priority=3)],
        officers=[_officer("o1", 1, 1)],
        days=1,
        slots=1,
    )
    assert [a.request_id for a in schedule_greedy(instance).assignments] == ["b"]


def test_officers_take_turns_and_interpreters_only_when_needed() -> None:
    every = Hours(frozenset({0, 1}), 0, 4)
    officers = [
        Officer("o1", every, frozenset({"dilley"}), languages=frozenset({"english"})),
        Officer("o2", every, frozenset({"dilley"}), languages=frozenset({"english", "spanish"})),
    ]
    instance = _instance(
        [_request(f"r{k}", language=lang) for k, lang in enumerate(["spanish", "spanish", "mam"])],
        officers=officers,
        interpreters=[Interpreter("i1", frozenset({"spanish", "mam"}), every)],
        facilities=[Facility("dilley", 3, 1)],
    )
    schedule = schedule_greedy(instance)
    assert violations(instance, schedule.assignments) == []
    assert sorted(schedule.assignments, key=lambda a: a.request_id) == [
        # o1 needs the interpreter for Spanish; o2, as light, speaks it; then o1 again.
        Assignment("r0", 0, 0, "o1", "i1"),
        Assignment("r1", 0, 0, "o2"),
        Assignment("r2", 0, 1, "o1", "i1"),
    ]


# -- why a request found no time ----------------------------------------------------------


def test_no_officer_at_the_facility() -> None:
    instance = _instance(
        [_request("r1", facility="berks")],
        facilities=[Facility("dilley", 2, 1), Facility("berks", 2, 1)],
    )
    [u] = schedule_greedy(instance).unscheduled
    assert (u.reason, u.detail) == (Reason.NO_OFFICER, "no officer works at berks")


def test_no_interpreter_of_the_language() -> None:
    instance = _instance(
        [_request("r1", language="kiche")],
        interpreters=[
            Interpreter("i1", frozenset({"mam"}), Hours(frozenset({0, 1}), 0, 4)),
            Interpreter(
                "i2", frozenset({"kiche"}), Hours(frozenset({0, 1}), 0, 4), False, "karnes"
            ),
        ],
    )
    [u] = schedule_greedy(instance).unscheduled
    assert (u.reason, u.detail) == (Reason.NO_INTERPRETER, "no K'iche' interpreter serves dilley")


def test_an_officer_who_speaks_it_needs_no_interpreter() -> None:
    instance = _instance([_request("r1", language="spanish")], interpreters=[])
    schedule = schedule_greedy(instance)
    assert schedule.unscheduled == ()
    assert schedule.assignments[0].interpreter_id is None


def test_counsel_never_available() -> None:
    instance = _instance(
        [_request("r1", counsel_id="c1", earliest_day=1)],
        counsel=[Counsel("c1", Hours(frozenset({0}), 0, 4))],
    )
    [u] = schedule_greedy(instance).unscheduled
    assert u.reason is Reason.COUNSEL_UNAVAILABLE
    assert u.detail == "counsel c1 is not available from day 1 on"


def test_facility_without_phone_lines() -> None:
    instance = _instance([_request("r1", telephonic=True)], facilities=[Facility("dilley", 2, 0)])
    [u] = schedule_greedy(instance).unscheduled
    assert (u.reason, u.detail) == (Reason.NO_ROOM, "dilley has no phone lines")


def test_invalid_requests_are_explained() -> None:
    instance = _instance(
        [
            _request("long", duration=5),
            _request("late", earliest_day=2),
            _request("lost", facility="nowhere"),
            _request("stranger", counsel_id="c9"),
        ]
    )
    schedule = schedule_greedy(instance)
    assert {u.request_id: u.reason for u in schedule.unscheduled} == dict.fromkeys(
        ["long", "late", "lost", "stranger"], Reason.INVALID
    )


def _two_for_one(**fields: object) -> Instance:
    """Two requests (the second due later) for one day of one slot."""
    return _instance(
        [_request("a", due_day=0, **fields), _request("b", due_day=3, **fields)],
        officers=[
            Officer("o1", Hours(frozenset({0}), 0, 1), frozenset({"dilley"})),
            Officer("o2", Hours(frozenset({0}), 0, 1), frozenset({"dilley"})),
        ],
        interpreters=[
            Interpreter(f"i{k}", frozenset({"spanish", "mam"}), Hours(frozenset({0}), 0, 1))
            for k in (1, 2)
        ],
        counsel=[Counsel("c1", Hours(frozenset({0}), 0, 1), 2)],
        facilities=[Facility("dilley", 2, 2)],
        days=1,
        slots=1,
    )


@pytest.mark.parametrize(
    ("instance", "reason", "detail"),
    [
        (
            replace(
                _two_for_one(),
                officers=(Officer("o1", Hours(frozenset({0}), 0, 1), frozenset({"dilley"})),),
            ),
            Reason.NO_OFFICER,
            "no officer free at dilley in the 1 day planned",
        ),
        (
            replace(
                _two_for_one(language="mam"),
                interpreters=(Interpreter("i1", frozenset({"mam"}), Hours(frozenset({0}), 0, 1)),),
            ),
            Reason.NO_INTERPRETER,
            "no Mam interpreter free in the 1 day planned",
        ),
        (
            replace(
                _two_for_one(counsel_id="c1"), counsel=(Counsel("c1", Hours(frozenset({0}), 0, 1)),)
            ),
            Reason.COUNSEL_UNAVAILABLE,
            "counsel c1 not free in the 1 day planned",
        ),
        (
            replace(_two_for_one(telephonic=True), facilities=(Facility("dilley", 2, 1),)),
            Reason.NO_ROOM,
            "no phone line free at dilley in the 1 day planned",
        ),
        (
            _two_for_one(family="f1"),
            Reason.FAMILY,
            "family f1's other interviews take the times in the 1 day planned",
        ),
    ],
    ids=["officer", "interpreter", "counsel", "room", "family"],
)
def test_the_binding_resource_is_named(instance: Instance, reason: Reason, detail: str) -> None:
    schedule = schedule_greedy(instance)
    assert [a.request_id for a in schedule.assignments] == ["a"]
    [u] = schedule.unscheduled
    assert (u.request_id, u.reason, u.detail) == ("b", reason, detail)


def test_the_due_day_is_named_when_it_falls_in_the_plan() -> None:
    instance = _instance(
        [_request("a", due_day=0), _request("b", due_day=1)],
        officers=[_officer("o1", 3, 1, capacity=1)],
        days=3,
        slots=1,
    )
    schedule = schedule_greedy(instance)
    assert schedule.unscheduled == ()
    crowded = replace(instance, requests=(*instance.requests, _request("c", due_day=1)))
    assign = [Assignment("a", 0, 0, "o1"), Assignment("b", 1, 0, "o1"), Assignment("c", 2, 0, "o1")]
    assert violations(crowded, assign) == []
    late = _request("d", due_day=1)
    crowded = replace(crowded, requests=(*crowded.requests, late))
    u = Explainer(crowded, assign).explain(late)
    assert (u.reason, u.detail) == (Reason.NO_OFFICER, "no officer free at dilley by day 1")


def test_a_request_that_still_fits_is_said_to_fit() -> None:
    instance = _instance([_request("r1")])
    u = explain(instance, instance.requests[0], [])
    assert u.reason is Reason.CAPACITY
    assert "day 0, slot 0" in u.detail


# -- the checker catches every broken rule ------------------------------------------------


def _checked() -> Instance:
    every = Hours(frozenset({0, 1}), 0, 4)
    return _instance(
        [
            _request("p", family="f1", counsel_id="c1"),
            _request("q", family="f1", counsel_id="c1"),
            _request("m", language="mam", earliest_day=1),
            _request("t", telephonic=True, duration=2),
            _request("u", telephonic=True),
        ],
        officers=[
            Officer("o1", every, frozenset({"dilley"}), 2, frozenset({"english", "spanish"})),
            Officer("o2", every, frozenset({"dilley"}), 4, frozenset({"english", "spanish"})),
            Officer("o3", every, frozenset({"dilley"}), 4, frozenset({"english"})),
            Officer("o4", every, frozenset({"karnes"}), 4, frozenset({"english", "spanish"})),
        ],
        interpreters=[
            Interpreter("i1", frozenset({"mam", "spanish"}), every),
            Interpreter("i2", frozenset({"spanish"}), every),
            Interpreter("i3", frozenset({"mam"}), every, remote=False, facility="karnes"),
        ],
        counsel=[Counsel("c1", every, 1)],
        facilities=[Facility("dilley", 1, 1), Facility("karnes", 1, 1)],
    )


def test_a_good_hand_schedule_passes() -> None:
    good = [
        Assignment("p", 0, 0, "o1"),
        Assignment("q", 0, 1, "o1"),
        Assignment("m", 1, 0, "o3", "i1"),
        Assignment("t", 0, 0, "o2"),
        Assignment("u", 0, 2, "o2", "i2"),  # an interpreter not needed is allowed
    ]
    assert violations(_checked(), good) == []


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        (
            [
                Assignment("t", 0, 0, "o2"),
                Assignment("m", 1, 0, "o2", "i1"),
                Assignment("p", 0, 1, "o2"),
            ],
            "officer o2 is booked for t and p on day 0, slot 1",
        ),
        (
            [Assignment("t", 0, 0, "o2", "i1"), Assignment("p", 0, 1, "o1", "i1")],
            "interpreter i1 is booked for t and p on day 0, slot 1",
        ),
        (
            [
                Assignment("p", 0, 0, "o1"),
                Assignment("m", 1, 0, "o3", "i1"),
                Assignment("q", 0, 0, "o2"),
            ],
            "dilley has 2 in-person interviews on day 0, slot 0 but 1 rooms (p and q)",
        ),
        (
            [Assignment("t", 0, 0, "o1"), Assignment("u", 0, 1, "o2")],
            "dilley has 2 telephonic interviews on day 0, slot 1 but 1 phone lines (t and u)",
        ),
        (
            [Assignment("p", 0, 0, "o1"), Assignment("q", 1, 0, "o2")],
            None,
        ),
        (
            [Assignment("p", 0, 1, "o1"), Assignment("q", 0, 1, "o2")],
            "counsel c1 is in 2 interviews at once on day 0, slot 1, more than their 1 (p and q)",
        ),
        (
            [Assignment("p", 0, 1, "o1"), Assignment("q", 0, 1, "o2")],
            "family f1 has p and q at the same time on day 0, slot 1",
        ),
        (
            [Assignment("m", 1, 0, "o3", "i2")],
            "interpreter i2 does not speak mam (request m)",
        ),
        (
            [Assignment("m", 1, 0, "o3", "i3")],
            "interpreter i3 works on site at karnes, not at dilley (request m)",
        ),
        (
            [Assignment("m", 1, 0, "o3")],
            "request m needs a mam interpreter (officer o3 does not speak it) but has none",
        ),
        (
            [Assignment("m", 0, 0, "o3", "i1")],
            "request m is on day 0, before its earliest day 1",
        ),
        (
            [Assignment("m", 2, 0, "o3", "i1")],
            "request m is on day 2, outside the 2 days planned",
        ),
        (
            [Assignment("t", 0, 3, "o2")],
            "request t runs over day 0, slots 3-4, outside the day's slots 0-3",
        ),
        (
            [Assignment("p", 0, 0, "o1"), Assignment("q", 0, 2, "o1"), Assignment("u", 0, 3, "o1")],
            "officer o1 has 3 interviews on day 0, more than their 2 a day (p, q and u)",
        ),
        (
            [Assignment("p", 0, 0, "o4")],
            "officer o4 does not work at dilley (request p)",
        ),
        (
            [Assignment("p", 0, 0, "o1"), Assignment("p", 1, 0, "o1")],
            "request p is assigned more than once",
        ),
        ([Assignment("zz", 0, 0, "o1")], "an assignment names request zz, not in the plan"),
        ([Assignment("p", 0, 0, "o9")], "request p names officer o9, not in the plan"),
        ([Assignment("m", 1, 0, "o3", "i9")], "request m names interpreter i9, not in the plan"),
    ],
    ids=[
        "officer-double-booked",
        "interpreter-double-booked",
        "room",
        "phone-line",
        "family-apart-is-fine",
        "counsel-over-max-concurrent",
        "family-overlap",
        "wrong-language",
        "interpreter-on-site-elsewhere",
        "missing-interpreter",
        "before-earliest-day",
        "after-the-plan",
        "crossing-the-day-end",
        "over-daily-capacity",
        "officer-elsewhere",
        "assigned-twice",
        "unknown-request",
        "unknown-officer",
        "unknown-interpreter",
    ],
)
def test_the_checker_catches(assignments: list[Assignment], expected: str | None) -> None:
    found = violations(_checked(), assignments)
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_the_checker_catches_unavailable_people() -> None:
    instance = _checked()
    off = Hours(frozenset({1}), 0, 4)
    instance = replace(
        instance,
        officers=(replace(instance.officers[0], hours=off), *instance.officers[1:]),
        interpreters=(replace(instance.interpreters[0], hours=off), *instance.interpreters[1:]),
        counsel=(Counsel("c1", off),),
    )
    found = violations(instance, [Assignment("p", 0, 0, "o1", "i1")])
    assert found == [
        "officer o1 is not available on day 0, slot 0 (request p)",
        "interpreter i1 is not available on day 0, slot 0 (request p)",
        "counsel c1 is not available on day 0, slot 0 (request p)",
    ]


def test_counsel_may_attend_up_to_their_limit() -> None:
    instance = _checked()
    instance = replace(
        instance,
        requests=tuple(replace(r, family=None) for r in instance.requests),
        counsel=(Counsel("c1", Hours(frozenset({0, 1}), 0, 4), 2),),
        facilities=(Facility("dilley", 2, 1),),
    )
    ok = [Assignment("p", 0, 0, "o1"), Assignment("q", 0, 0, "o2")]
    assert violations(instance, ok) == []


# -- the generator ------------------------------------------------------------------------


def test_the_generator_is_deterministic() -> None:
    assert realistic_instance(300, seed=3) == realistic_instance(300, seed=3)
    assert realistic_instance(300, seed=3) != realistic_instance(300, seed=4)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"days": 7, "slots_per_day": 6, "facilities": 6, "languages": 3, "seed": 9}],
)
def test_the_generator_gives_consistent_ids(kwargs: dict[str, int]) -> None:
    instance = realistic_instance(500, **kwargs)
    assert len(instance.requests) == 500
    for things in (
        instance.requests,
        instance.officers,
        instance.interpreters,
        instance.counsel,
        instance.facilities,
    ):
        ids = [t.id for t in things]
        assert len(ids) == len(set(ids))
    facilities = {f.id for f in instance.facilities}
    officers = {o.id for o in instance.officers}
    counsel = {c.id for c in instance.counsel}
    for o in instance.officers:
        assert o.facilities <= facilities
        assert o.hours.days <= set(range(instance.days))
    for i in instance.interpreters:
        assert i.remote or i.facility in facilities
    for r in instance.requests:
        assert r.facility in facilities
        assert r.counsel_id is None or r.counsel_id in counsel
        assert r.language in LANGUAGE_NAMES
        assert 0 <= r.earliest_day < instance.days
        assert r.earliest_day < r.due_day
        if r.pinned is not None:
            assert r.pinned.request_id == r.id
            assert r.pinned.officer_id in officers
    families = Counter(r.family for r in instance.requests if r.family is not None)
    assert families
    assert set(families.values()) == {2}
    assert all(lang.code in LANGUAGE_NAMES for lang in LANGUAGES)


def test_the_default_instance_is_short_of_capacity() -> None:
    instance = realistic_instance(2000)
    schedule = schedule_greedy(instance)
    assert violations(instance, schedule.assignments) == []
    assert 0 < len(schedule.unscheduled) < 400
    assert schedule.seconds < 5
    languages = Counter(r.language for r in instance.requests)
    assert languages.most_common(1)[0][0] == "spanish"
    assert 0.5 < languages["spanish"] / 2000 < 0.7
    assert 0.05 < sum(r.family is not None for r in instance.requests) / 2000 < 0.15
