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
from amparo.engines.linkage.features import build_features
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
        "mismatch",
    ),
    "dob": ("blank", "exact", "swapped", "year_off", "year_only", "typo", "mismatch"),
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
