"""link_people end to end on small synthetic worlds: quality against truth, the
shape of what it returns, and properties (row order, surname order, garbage rows).

Runs use small sampling caps so that each takes a few seconds; the full-size
figures come from the benchmark runs in the linkage report.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.linkage import (
    MODEL_VERSION,
    LinkageConfig,
    LinkageError,
    PersonLinks,
    RecordIn,
    RecordKey,
    link_people,
)
from amparo.engines.linkage.quality import blocking_recall, pairwise_scores, records_from_rows
from amparo.engines.synth import SynthConfig, generate_world

FAST = LinkageConfig(u_max_pairs=200_000, em_max_pairs=200_000)
World = tuple[list[RecordIn], dict[RecordKey, str]]


def _world(families: int, seed: int) -> World:
    world = generate_world(SynthConfig(families=families, seed=seed))
    truth = {(source, record): person for source, record, person in world.records}
    return records_from_rows(world.rows), truth


@pytest.fixture(scope="module")
def world() -> World:
    return _world(150, 1)


@pytest.fixture(scope="module")
def linked(world: World) -> PersonLinks:
    return link_people(world[0], FAST)


@pytest.fixture(scope="module")
def small() -> World:
    return _world(40, 3)


@pytest.fixture(scope="module")
def small_linked(small: World) -> PersonLinks:
    return link_people(small[0], FAST)


def test_people_match_truth(world: World, linked: PersonLinks) -> None:
    scores = pairwise_scores(linked.person_of, world[1])
    assert scores.precision >= 0.99
    assert scores.recall >= 0.99
    assert len(linked.review) < 0.03 * len(world[0])


def test_blocking_finds_nearly_every_true_pair(world: World) -> None:
    measured = blocking_recall(*world)
    assert measured["recall"] >= 0.99
    assert measured["pairs_generated"] < 4 * measured["true_pairs"]


def test_every_record_has_exactly_one_person(world: World, linked: PersonLinks) -> None:
    assert set(linked.person_of) == {record.key for record in world[0]}
    assert all(re.fullmatch(r"P\d{6}", key) for key in linked.person_of.values())
    # People are numbered in the order of their first record.
    firsts: dict[str, RecordKey] = {}
    for key in sorted(linked.person_of):
        firsts.setdefault(linked.person_of[key], key)
    assert sorted(firsts, key=firsts.__getitem__) == sorted(firsts)


def test_the_model_is_recorded(linked: PersonLinks) -> None:
    model = dict(linked.model)
    json.dumps(model)
    assert linked.version == MODEL_VERSION == model["version"]
    assert model["trained"] and not model["training_notes"]
    assert 0 < model["probability_two_random_records_match"] < 0.01  # type: ignore[operator]
    names = [comparison["name"] for comparison in model["comparisons"]]  # type: ignore[attr-defined]
    assert names == ["given", "surnames", "dob", "sex", "citizenship", "a_number", "event"]
    assert linked.pairs_compared > 0


def test_review_pairs_carry_the_evidence(small: World) -> None:
    # A low review threshold puts plenty of pairs in the band.
    result = link_people(small[0], replace(FAST, review_threshold=0.02))
    assert result.review
    seen: set[frozenset[str]] = set()
    for pair in result.review:
        assert pair.kind == "same_person"
        assert pair.left < pair.right
        assert pair.left_record is not None and pair.right_record is not None
        assert result.person_of[pair.left_record] == pair.left
        assert result.person_of[pair.right_record] == pair.right
        assert 0.02 <= pair.score <= 1.0
        fields = [item.field for item in pair.evidence]
        assert fields[:7] == [
            "given_names",
            "surnames",
            "dob",
            "sex",
            "citizenship",
            "a_number",
            "event",
        ]
        assert all(item.weight is not None for item in pair.evidence[:7])
        assert frozenset((pair.left, pair.right)) not in seen
        seen.add(frozenset((pair.left, pair.right)))


@settings(max_examples=2, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_linking_does_not_depend_on_row_order(
    small: World, small_linked: PersonLinks, seed: int
) -> None:
    shuffled = list(small[0])
    random.Random(seed).shuffle(shuffled)
    again = link_people(shuffled, FAST)
    assert dict(again.person_of) == dict(small_linked.person_of)
    assert again.review == small_linked.review


def _reverse_surnames(record: RecordIn) -> RecordIn:
    fields = dict(record.fields)
    for name in ("surnames", "surnames_key"):
        if fields.get(name):
            fields[name] = " ".join(reversed(str(fields[name]).split()))
    return RecordIn(record.source, record.record_id, fields)


@settings(max_examples=2, deadline=None)
@given(picks=st.sets(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40))
def test_linking_does_not_depend_on_surname_order(
    small: World, small_linked: PersonLinks, picks: set[int]
) -> None:
    records = list(small[0])
    for pick in picks:
        index = pick % len(records)
        records[index] = _reverse_surnames(records[index])
    again = link_people(records, FAST)
    assert dict(again.person_of) == dict(small_linked.person_of)
    assert [(p.left, p.right, p.score) for p in again.review] == [
        (p.left, p.right, p.score) for p in small_linked.review
    ]


NO_NAME = st.sampled_from([None, "", "   ", "--", "'", ",;.", "\t"])
JUNK = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2018-02-30", "1900-01-01"]))


@st.composite
def garbage(draw: st.DrawFn, index: int = 0) -> RecordIn:
    fields: dict[str, str | None] = {
        "given_names": draw(NO_NAME),
        "given_names_key": draw(NO_NAME),
        "surnames": draw(NO_NAME),
        "surnames_key": draw(NO_NAME),
        "dob": draw(JUNK),
        "a_number": draw(st.one_of(JUNK, st.sampled_from(["201555017", "A12"]))),
        "sex": draw(st.one_of(JUNK, st.sampled_from(["M", "F", "X"]))),
        "citizenship": draw(JUNK),
        "apprehended_on": draw(JUNK),
    }
    source = draw(st.sampled_from(["cbp_apprehensions", "ice_detention", "orr_referrals"]))
    return RecordIn(source, f"GARBAGE-{index}-{draw(st.integers(0, 999))}", fields)


@settings(max_examples=2, deadline=None)
@given(rows=st.lists(garbage(), min_size=1, max_size=4, unique_by=lambda r: r.key))
def test_garbage_rows_never_crash_and_stay_alone(small: World, rows: list[RecordIn]) -> None:
    result = link_people([*small[0], *rows], FAST)
    counts = Counter(result.person_of.values())
    for row in rows:
        assert counts[result.person_of[row.key]] == 1


@pytest.mark.parametrize("size", [0, 1, 2, 3])
def test_tiny_inputs_give_every_record_a_person(size: int) -> None:
    rows = [
        RecordIn("cbp_apprehensions", str(i), {"given_names": "María", "surnames": "López"})
        for i in range(size)
    ]
    result = link_people(rows, FAST)
    assert set(result.person_of) == {row.key for row in rows}


def test_a_training_step_that_fails_leaves_the_model_whole() -> None:
    """On this small world one EM session fails (an m underflows to zero). Splink
    takes that session's fixed comparison out of the model while it runs; the run
    must note the failure and go on with every comparison, not crash when scoring."""
    records, _truth = _world(60, 1)
    result = link_people(records)
    notes = result.model["training_notes"]
    assert isinstance(notes, list)
    assert any(note.startswith("m (EM)") for note in notes)
    levels = result.model["comparisons"]
    assert isinstance(levels, list)
    assert {comparison["name"] for comparison in levels} >= {"a_number", "given", "dob"}
    assert set(result.person_of) == {record.key for record in records}


def test_bad_input_is_refused() -> None:
    row = RecordIn("cbp_apprehensions", "1", {"given_names": "María"})
    with pytest.raises(LinkageError, match="twice"):
        link_people([row, row])
    with pytest.raises(LinkageError, match="RecordIn"):
        link_people([("cbp_apprehensions", "1")])  # type: ignore[list-item]


def test_progress_is_reported(small: World) -> None:
    seen: list[tuple[str, float]] = []
    link_people(small[0][:120], FAST, on_progress=lambda stage, done: seen.append((stage, done)))
    fractions = [done for _, done in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
