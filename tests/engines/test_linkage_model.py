"""The model's SQL levels against the Python reference comparisons, and the pieces
around the model: average linkage, pairwise scores, configuration."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from datetime import date

import duckdb
import pytest

from amparo.engines.linkage import LinkageConfig, LinkageError, RecordIn, splink_settings
from amparo.engines.linkage.features import (
    EVENT_NEAR_DAYS,
    build_features,
    custody_event,
    event_bins,
)
from amparo.engines.linkage.model import BLOCKING_RULES, comparisons
from amparo.engines.linkage.quality import pairwise_scores
from amparo.engines.linkage.refine import average_linkage, weight_of_probability
from amparo.engines.linkage.review import levels_by_gamma
from amparo.engines.linkage.standardise import (
    a_number_counts,
    compare_a_numbers,
    compare_dob,
    compare_given_names,
    compare_surnames,
    parse_dob,
)

Fields = Mapping[str, str | None]


def _sql_levels(name: str, rows: Sequence[Fields]) -> dict[tuple[int, int], str]:
    """The label of the level the model's SQL gives every ordered pair of rows."""
    spec = next(c for c in comparisons(LinkageConfig()) if c.name == name)
    records = [RecordIn("t", f"{i:04d}", row) for i, row in enumerate(rows)]
    table = build_features(records).table
    whens = []
    for index, level in enumerate(spec.levels):
        condition = level.creator.get_comparison_level("duckdb").sql_condition
        whens.append(f"ELSE {index}" if condition == "ELSE" else f"WHEN {condition} THEN {index}")
    pair = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in table.column_names)
    connection = duckdb.connect()
    connection.register("t", table)
    found = connection.execute(
        f"SELECT unique_id_l, unique_id_r, CASE {' '.join(whens)} END "  # noqa: S608
        f"FROM (SELECT {pair} FROM t l, t r)"
    ).fetchall()
    return {(a, b): spec.levels[level].label for a, b, level in found}


# The reference functions' outcomes, in the order of the model's levels.
OUTCOMES = {
    "given": (
        "blank",
        "exact",
        "first_name_kept",
        "part_of_compound",
        "alike",
        "typo",
        "similar",
        "first_typo",
        "partial",
        "mismatch",
    ),
    "surnames": (
        "blank",
        "exact",
        "dropped",
        "phonetic",
        "typo",
        "dropped_typo",
        "partial",
        "single_each",
        "mismatch",
    ),
    "dob": (
        "blank",
        "exact",
        "swapped",
        "year_off",
        "year_only",
        "year_only_off",
        "typo",
        "mismatch",
    ),
}


def _label(name: str, outcome: str) -> str:
    spec = next(c for c in comparisons(LinkageConfig()) if c.name == name)
    if name == "surnames" and outcome == "reordered":
        outcome = "exact"  # the model compares surnames as a set
    return spec.levels[OUTCOMES[name].index(outcome)].label


GIVEN = [
    "María de los Ángeles",
    "María",
    "Maria Jose",
    "José Luis",
    "Luis",
    "Pepe",
    "José",
    "Yesenia",
    "Llesenia",
    "Carmen",
    "Caemen",
    "Karla",
    "Krala",
    "Beto",
    "Carlos Roberto",
    "Rosa",
    "Marai",
    "Maria Isabel",
    "Jose Manuel",
    "Jlse",
    None,
]
SURNAMES = [
    "López Pérez",
    "Pérez López",
    "López",
    "Pérez",
    "Vásquez",
    "Basques Cruz",
    "Flores Orellana",
    "Flroes Orellana",
    "Gonzaiez",
    "Escobar González",
    "López García",
    "García",
    "Ramos Tum",
    "Ramos Tzul",
    "Tum Ramos",
    "Ramoz Tum",
    "Orellano Flores",
    "Flores Orellana",
    None,
]
DOBS = [
    "2005-03-12",
    "2005-12-03",
    "2006-03-12",
    "2005-01-01",
    "2006-01-01",
    "2005-03-21",
    "2008-03-12",
    "1980-07-04",
    "1900-01-01",
    None,
]


def test_given_name_levels_match_the_reference() -> None:
    levels = _sql_levels("given", [{"given_names": g} for g in GIVEN])
    for (a, b), label in levels.items():
        assert label == _label("given", compare_given_names(GIVEN[a], GIVEN[b])), (
            GIVEN[a],
            GIVEN[b],
        )


def test_surname_levels_match_the_reference() -> None:
    levels = _sql_levels("surnames", [{"surnames": s} for s in SURNAMES])
    for (a, b), label in levels.items():
        expected = _label("surnames", compare_surnames(SURNAMES[a], SURNAMES[b]))
        assert label == expected, (SURNAMES[a], SURNAMES[b])


def test_date_of_birth_levels_match_the_reference() -> None:
    levels = _sql_levels("dob", [{"dob": d} for d in DOBS])
    for (a, b), label in levels.items():
        expected = _label("dob", compare_dob(parse_dob(DOBS[a]), parse_dob(DOBS[b])))
        assert label == expected, (DOBS[a], DOBS[b])


def test_a_number_levels_match_the_reference() -> None:
    numbers = ["201555017", "201555071", "201555018", "102555017", "999999999", None]
    dobs = ["1980-05-01", "1981-02-02", "2010-06-02", None]
    rows = [{"a_number": a, "dob": d} for a, d in itertools.product(numbers, dobs)]
    spec = next(c for c in comparisons(LinkageConfig()) if c.name == "a_number")
    levels = _sql_levels("a_number", rows)
    for (a, b), label in levels.items():
        left, right = rows[a], rows[b]
        outcome = compare_a_numbers(left["a_number"], right["a_number"])
        counts = a_number_counts(outcome, parse_dob(left["dob"]), parse_dob(right["dob"]))
        if outcome == "blank":
            expected = spec.levels[0]
        elif outcome == "exact":
            expected = spec.levels[1] if counts else spec.levels[3]
        elif counts:
            expected = spec.levels[2]
        else:
            expected = spec.levels[5]  # not from a child's file: source "t"
        assert label == expected.label, (left, right)


def test_gamma_values_follow_splink() -> None:
    for spec in comparisons(LinkageConfig()):
        by_gamma = levels_by_gamma(spec)
        ordinary = [level for level in spec.levels if level.outcome != "blank"]
        assert by_gamma[0] is ordinary[-1]  # the else level
        assert by_gamma[len(ordinary) - 1] is ordinary[0]
        assert by_gamma[-1] is spec.levels[0]


def test_settings_are_plain_data_for_any_backend() -> None:
    for backend in ("duckdb", "spark"):
        settings = splink_settings(LinkageConfig(backend=backend))
        as_dict = settings.create_settings_dict("duckdb" if backend == "duckdb" else "spark")
        json.dumps(as_dict)
        assert len(as_dict["blocking_rules_to_generate_predictions"]) == len(BLOCKING_RULES)


def test_blocking_never_joins_on_one_low_cardinality_key() -> None:
    weak = {"l.sex = r.sex", "l.citizenship = r.citizenship", "l.dob_year = r.dob_year"}
    for rule in BLOCKING_RULES:
        conditions = {part.strip() for part in rule.split(" AND ") if "IS NULL" not in part}
        assert conditions - weak, rule


# (left record's event, right record's event, the event level's label)
EVENTS = [
    ({"apprehended_on": "2018-05-01"}, {"referred_on": "2018-05-03"}, "apprehended, then"),
    ({"referred_on": "2018-05-04"}, {"apprehended_on": "2018-05-01"}, "apprehended, then"),
    ({"apprehended_on": "2018-05-01"}, {"book_in_on": "2018-05-01"}, "apprehended, then"),
    # Referred before the apprehension: not a hand-over, only days apart.
    ({"referred_on": "2018-04-30"}, {"apprehended_on": "2018-05-01"}, "within three"),
    # One extract keeps one row per person per event: two apprehensions days
    # apart are mostly two people.
    ({"apprehended_on": "2018-05-01"}, {"apprehended_on": "2018-05-02"}, "of one kind"),
    ({"referred_on": "2018-05-01"}, {"referred_on": "2018-05-08"}, "of one kind"),
    ({"referred_on": "2018-05-01"}, {"referred_on": "2018-05-09"}, "within six weeks"),
    ({"book_in_on": "2018-05-02"}, {"interviewed_on": "2018-05-01"}, "within three"),
    ({"apprehended_on": "2018-05-01"}, {"interviewed_on": "2018-05-03"}, "within three"),
    ({"apprehended_on": "2018-05-01"}, {"referred_on": "2018-05-06"}, "within a week"),
    ({"apprehended_on": "2018-05-01"}, {"interviewed_on": "2018-06-01"}, "within six weeks"),
    ({"apprehended_on": "2018-01-01"}, {"interviewed_on": "2018-06-01"}, "within six months"),
    ({"apprehended_on": "2017-01-01"}, {"interviewed_on": "2018-06-01"}, "more than six"),
    ({"apprehended_on": "2018-05-01"}, {"referred_on": "not a date"}, "no event"),
]


@pytest.mark.parametrize(("left", "right", "label"), EVENTS)
def test_event_levels(left: Fields, right: Fields, label: str) -> None:
    rows = [{"given_names": "Ana", "dob": "2005-03-12", **left}, {"given_names": "Ana", **right}]
    levels = _sql_levels("event", rows)
    assert label in levels[(0, 1)] and label in levels[(1, 0)]


@pytest.mark.parametrize(
    ("fields", "event"),
    [
        ({"apprehended_on": "2018-05-01"}, (17652, "apprehended_on")),
        ({"book_in_on": "1970-01-02"}, (1, "book_in_on")),
        ({"referred_on": " 1970-01-01 "}, (0, "referred_on")),
        ({"interviewed_on": "2018-02-30"}, (None, None)),
        ({"interviewed_on": ""}, (None, None)),
        ({}, (None, None)),
    ],
)
def test_custody_event(fields: Fields, event: tuple[int | None, str | None]) -> None:
    assert custody_event(fields) == event


@pytest.mark.parametrize(
    ("day", "bins"),
    [
        (0, (0, 0)),
        (3, (0, 0)),
        (4, (0, 1)),
        (7, (0, 1)),
        (8, (1, 1)),
        (12, (1, 2)),
        (None, (None, None)),
    ],
)
def test_event_bins(day: int | None, bins: tuple[int | None, int | None]) -> None:
    assert event_bins(day) == bins


def test_near_events_share_a_bin() -> None:
    # Blocking joins on either bin: every two days EVENT_NEAR_DAYS apart or less
    # must share one, and days further apart may.
    for day in range(17_500, 17_540):
        for gap in range(EVENT_NEAR_DAYS + 1):
            (a, b), (c, d) = event_bins(day), event_bins(day + gap)
            assert a == c or b == d, (day, gap)


# Pairs of one person's records that only the custody rules put up for scoring:
# (left record, right record). Both from one hand-over, days apart.
CUSTODY_PAIRS = [
    # The other parent's surname on each side, the year only on one side.
    (
        {"given_names": "Luz María", "surnames": "Portillo", "dob": "2009-12-09"},
        {"given_names": "Luz María", "surnames": "Interiano", "dob": "2008-01-01"},
    ),
    # The given name mistyped, a surname dropped, day and month swapped.
    (
        {"given_names": "Marvin", "surnames": "Gómez Vásquez", "dob": "2008-10-07"},
        {"given_names": "Mlrvin", "surnames": "Gómez", "dob": "2008-07-10"},
    ),
    # The given name mistyped, the date of birth blank on one side.
    (
        {"given_names": "Brenda", "surnames": "Aju Bonilla", "dob": "2014-09-30"},
        {"given_names": "Benda", "surnames": "Aju Bonilla"},
    ),
]


@pytest.mark.parametrize(("left", "right"), CUSTODY_PAIRS)
def test_custody_rules_block_one_childs_hand_over(left: Fields, right: Fields) -> None:
    def rows(event: Fields) -> list[RecordIn]:
        common = {"sex": "F", "citizenship": "HND"}
        return [
            RecordIn("cbp", "1", {**common, **left, "apprehended_on": "2018-05-01"}),
            RecordIn("orr", "2", {**common, **right, **event}),
        ]

    def blocked(records: list[RecordIn]) -> bool:
        connection = duckdb.connect()
        connection.register("t", build_features(records).table)
        rules = " OR ".join(f"({rule})" for rule in BLOCKING_RULES)
        found = connection.execute(
            f"SELECT count(*) FROM t l, t r WHERE l.unique_id < r.unique_id AND ({rules})"  # noqa: S608
        ).fetchall()
        return bool(found[0][0])

    assert blocked(rows({"referred_on": "2018-05-03"}))
    # A month later it is another custody episode: the pair is not looked at.
    assert not blocked(rows({"referred_on": "2018-06-03"}))


def test_average_linkage_breaks_a_chain() -> None:
    # 1-2 strong, 2-3 strong, 1-3 strongly against: 3 does not join 1 and 2.
    weights = {(1, 2): 12.0, (2, 3): 6.0, (1, 3): -20.0}
    assert average_linkage([3, 1, 2], weights, cut=weight_of_probability(0.9)) == [[1, 2], [3]]
    assert average_linkage([1, 2, 3], {(1, 2): 12.0, (2, 3): 8.0, (1, 3): 5.0}, cut=3.0) == [
        [1, 2, 3]
    ]
    assert average_linkage([5], {}, cut=3.0) == [[5]]
    assert average_linkage([1, 2], {}, cut=3.0) == [[1], [2]]  # unscored: apart


def test_pairwise_scores() -> None:
    truth = {("s", "1"): "a", ("s", "2"): "a", ("s", "3"): "a", ("s", "4"): "b"}
    predicted = {("s", "1"): "x", ("s", "2"): "x", ("s", "3"): "y", ("s", "4"): "y"}
    scores = pairwise_scores(predicted, truth)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (3, 2, 1)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "knobs",
    [
        {"link_threshold": 0.0},
        {"link_threshold": 1.5},
        {"review_threshold": 0.99, "link_threshold": 0.9},
        {"backend": "oracle"},
        {"u_max_pairs": 10},
        {"em_max_iterations": 0},
        {"max_group": 1},
        {"threads": 0},
    ],
)
def test_bad_configuration_is_refused(knobs: dict[str, object]) -> None:
    with pytest.raises(LinkageError):
        LinkageConfig(**knobs)  # type: ignore[arg-type]


def test_weight_of_probability() -> None:
    assert weight_of_probability(0.5) == pytest.approx(0.0)
    assert weight_of_probability(0.9) == pytest.approx(3.1699, abs=1e-4)
    assert weight_of_probability(1.0) > 30
    assert parse_dob("2018-01-01") == date(2018, 1, 1)
