"""The reports engine on random snapshots: nobody counted twice, sums that hold,
suppression that cannot be undone by subtraction, changes that add up, stable bytes."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amparo.engines.reports import (
    CATEGORIES,
    CHARTS,
    GROUPS,
    REPORTS,
    Chart,
    ObjectionRow,
    PersonRow,
    Snapshot,
    build,
    compare,
    count,
    hidden_cells,
    memberships,
    svg,
)

CASES = ("ms_l", "mmm", "dora")
_cases = st.lists(st.sampled_from(CASES), unique=True, max_size=3).map(tuple)


@st.composite
def _person(draw: st.DrawFn, index: int) -> PersonRow:
    kind = draw(st.sampled_from(["child", "parent", "member"]))
    member_of = draw(_cases)
    scope = tuple(c for c in CASES if c in set(member_of) | set(draw(_cases)))
    steps = ("requested", "scheduled", "conducted", "negative", "judge_review")
    return PersonRow(
        person=f"p{index:05d}",
        scope=scope,
        member_of=member_of,
        child_band=draw(st.sampled_from(["under_5", "5_17", "unknown"])) if kind == "child" else "",
        discharge=draw(st.sampled_from(["in_care", "parent", "sponsor", "aged_out"]))
        if kind == "child"
        else "",
        separated_parent=kind == "parent",
        parent_custody=draw(
            st.sampled_from(["detained", "released", "criminal", "removed", "unknown"])
        )
        if kind == "parent"
        else "",
        election=draw(st.sampled_from(["", "stay", "waive"])),
        interview=steps[: draw(st.integers(0, len(steps)))],
        returns=("opened", "located", "contacted")[: draw(st.integers(0, 3))],
        notice=draw(st.sampled_from(["", "reached", "not_reached"])),
    )


@st.composite
def _snapshot(draw: st.DrawFn, most: int = 40) -> Snapshot:
    size = draw(st.integers(0, most))
    people = tuple(draw(_person(i)) for i in range(size))
    objections = tuple(
        ObjectionRow(f"R{i}", draw(_cases), draw(st.booleans()))
        for i in range(draw(st.integers(0, 5)))
    )
    return Snapshot("2019-06-01", people, objections)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot())
def test_combined_counts_each_person_once(snapshot: Snapshot) -> None:
    combined = count(snapshot, "combined")
    per_case = {case: count(snapshot, case) for case in CASES}
    for category in CATEGORIES:
        distinct = {p.person for p in snapshot.people if p.scope and category.test(p)}
        assert combined[category.code] == len(distinct)
        for case in CASES:
            assert per_case[case][category.code] <= combined[category.code]
        assert sum(per_case[c][category.code] for c in CASES) >= combined[category.code]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot())
def test_the_sums_the_report_prints_hold(snapshot: Snapshot) -> None:
    for report in REPORTS:
        counts = count(snapshot, report)
        for total, parts in GROUPS:
            assert counts[total] == sum(counts[p] for p in parts), (report, total)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot(), st.integers(min_value=2, max_value=12))
def test_no_hidden_count_is_one_subtraction_away(snapshot: Snapshot, limit: int) -> None:
    for report in REPORTS:
        counts = count(snapshot, report)
        hidden = hidden_cells(counts, GROUPS, limit)
        shown = build(snapshot, report, limit=limit).shown
        for code, n in counts.items():
            if 0 < n < limit:
                assert code in hidden
            assert shown[code] == (f"<{limit}" if code in hidden else str(n))
        for total, parts in GROUPS:
            assert sum(cell in hidden for cell in (total, *parts)) != 1


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot(), st.randoms(use_true_random=False))
def test_the_hash_does_not_depend_on_reading_order(snapshot: Snapshot, rng: random.Random) -> None:
    people = list(snapshot.people)
    rng.shuffle(people)
    shuffled = Snapshot(snapshot.as_of, tuple(people), tuple(reversed(snapshot.objections)))
    assert shuffled.digest() == snapshot.digest()
    again = Snapshot.from_canonical(snapshot.canonical())
    assert again.digest() == snapshot.digest()
    assert count(again, "combined") == count(snapshot, "combined")
    assert build(again, "ms_l", limit=11).as_json() == build(snapshot, "ms_l", limit=11).as_json()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot(most=20), _snapshot(most=20))
def test_every_change_is_explained_person_by_person(before: Snapshot, after: Snapshot) -> None:
    for report in ("ms_l", "combined"):
        for change in compare(before, after, report):
            if change.code.startswith("objections"):
                continue
            entered = sum(r.n for r in change.reasons if r.direction == "in")
            left = sum(r.n for r in change.reasons if r.direction == "out")
            assert entered - left == change.delta
            assert all(r.field != "none" for r in change.reasons)


def test_a_child_no_longer_separated_is_explained_as_such() -> None:
    child = PersonRow("c1", ("mmm",), ("mmm",), "5_17", "sponsor")
    before = Snapshot("2019-06-01", (child,))
    after = Snapshot("2019-06-08", (PersonRow("c1", ("mmm",), ("mmm",)),))
    (change, *_rest) = compare(before, after, "mmm")
    assert change.code == "children_identified"
    assert [(r.field, r.before, r.after, r.n, r.direction) for r in change.reasons] == [
        ("child_band", "5_17", "none", 1, "out")
    ]


def test_charts_are_svg_with_their_own_colour_and_hide_nothing_by_length() -> None:
    for key, colour, codes in CHARTS:
        drawing = svg(Chart(key, key.title(), colour, tuple((code, 7, "<11") for code in codes)))
        root = ET.fromstring(drawing)  # noqa: S314 - our own drawing, not outside input
        assert root.get("data-chart") == key
        fills = {rect.get("fill") for rect in root.iter("{http://www.w3.org/2000/svg}rect")}
        assert fills == {colour}
        widths = {rect.get("width") for rect in root.iter("{http://www.w3.org/2000/svg}rect")}
        # Every banded bar has the same length, whatever the hidden count.
        assert len(widths) == 1


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_snapshot())
def test_the_fast_memberships_agree_with_each_categorys_test(snapshot: Snapshot) -> None:
    for person in snapshot.people:
        assert memberships(person) == {c.code for c in CATEGORIES if c.test(person)}


def test_a_hidden_figure_does_not_set_the_bars_scale() -> None:
    shown_bars = (("a", 150, "150"), ("b", 200, "<11"), ("c", 50, "50"))
    root = ET.fromstring(svg(Chart("k", "K", "#123456", shown_bars)))  # noqa: S314
    widths = [int(r.get("width") or 0) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    # The largest shown figure (150) fills the room; the hidden 200 does not stretch it.
    room = 520 - 200 - 60
    assert widths[0] == room and widths[2] == round(room * 50 / 150)
