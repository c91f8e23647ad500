"""The ruleset loader: the shipped ruleset reads, every bad input is refused with a
message naming what is wrong, and a changed parameter is a new ruleset version that
changes the answer."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from amparo.engines.eligibility import (
    DEFAULT_RULESET,
    ENTITLEMENTS,
    MEMBERSHIPS,
    MS_L_PARENT,
    Answer,
    Case,
    Citation,
    RulesetError,
    evaluate,
    load_ruleset,
    ruleset_from_data,
)
from tests.engines.test_eligibility_rules import AS_OF, V1_DAY, adult_link, parent

Data = dict[str, Any]


def shipped() -> Data:
    """The shipped ruleset as data, a fresh copy each time for a test to spoil."""
    text = (
        resources.files("amparo.engines.eligibility") / "rulesets" / f"{DEFAULT_RULESET}.json"
    ).read_text(encoding="utf-8")
    data: Data = json.loads(text)
    return data


def rule_data(data: Data, rule_id: str, version: int = 1) -> Data:
    for rule in data["rules"]:
        if rule["id"] == rule_id and rule["version"] == version:
            found: Data = rule
            return found
    raise KeyError(rule_id)


def test_shipped_ruleset_reads() -> None:
    ruleset = load_ruleset()
    assert (ruleset.name, ruleset.version) == ("settlement-2018", "1")
    assert sorted(r.ref for r in ruleset.rules) == [
        "dora.class@1",
        "mmm.children_class@1",
        "ms_l.parent_class@1",
        "ms_l.parent_class@2",
        "settlement.child_interview@1",
        "settlement.cross_effect@1",
        "settlement.ordinary_process@1",
        "settlement.parent_procedures@1",
        "settlement.return_candidacy@1",
    ]
    # Every code has a rule in force once the class was widened.
    assert set(ruleset.in_force(AS_OF)) == {*MEMBERSHIPS, *ENTITLEMENTS}


def test_shipped_ruleset_reads_by_path_too(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(shipped()), encoding="utf-8")
    assert load_ruleset(path) == load_ruleset()
    assert load_ruleset(str(path)) == load_ruleset()


def test_parameters_are_typed_on_load() -> None:
    v1 = load_ruleset().rule("ms_l.parent_class", 1)
    v2 = load_ruleset().rule("ms_l.parent_class")
    assert v2.version == 2
    assert v1.parameters["window_start"] is None
    assert v1.parameters["child_in_custody_on_or_after"] == date(2018, 6, 26)
    assert v2.parameters["window_start"] == date(2017, 7, 1)
    assert v2.parameters["minor_age"] == 18
    assert v2.parameters["exclusion_codes"] == ("UNFIT", "DANGER", "CRIMINAL_HISTORY")
    cases = load_ruleset().rule("settlement.cross_effect").parameters["cases"]
    assert cases == (Case.MS_L, Case.MMM, Case.DORA)


def test_citation_marks_readings_to_be_checked() -> None:
    ruleset = load_ruleset()
    assert str(ruleset.rule("ms_l.parent_class", 1).citation).endswith("(reading to be checked)")
    assert str(ruleset.rule("ms_l.parent_class", 2).citation) == (
        "Ms. L. v. ICE, Doc. 386, order modifying the class (2019-03-08), expanded class definition"
    )
    assert str(Citation("Doc", "para", checked=False)) == "Doc, para (reading to be checked)"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2018, 6, 25), False, id="day-before"),
        pytest.param(date(2018, 6, 26), True, id="first-day"),
        pytest.param(date(2019, 3, 7), True, id="last-day"),
        pytest.param(date(2019, 3, 8), False, id="day-after"),
    ],
)
def test_rule_in_force_is_inclusive(on: date, expected: bool) -> None:
    assert load_ruleset().rule("ms_l.parent_class", 1).in_force(on) is expected


def _spoil(change: Callable[[Data], None]) -> Data:
    data = shipped()
    change(data)
    return data


def _set(rule_id: str, key: str, value: object, version: int = 1) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        rule_data(data, rule_id, version)[key] = value

    return change


def _set_param(rule_id: str, name: str, value: object, version: int = 1) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        rule_data(data, rule_id, version)["parameters"][name] = value

    return change


def _drop_param(rule_id: str, name: str, version: int = 1) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        del rule_data(data, rule_id, version)["parameters"][name]

    return change


def _drop(rule_id: str, key: str, version: int = 1) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        del rule_data(data, rule_id, version)[key]

    return change


def _duplicate(rule_id: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["rules"].append(copy.deepcopy(rule_data(data, rule_id)))

    return change


def _overlap(data: Data) -> None:
    # v1 left open-ended: still in force when v2 starts.
    rule_data(data, "ms_l.parent_class", 1)["in_force_until"] = None


def _overlap_other_id(data: Data) -> None:
    # Another id producing the same membership, in force alongside.
    extra = copy.deepcopy(rule_data(data, "mmm.children_class"))
    extra["id"] = "mmm.children_class_bis"
    extra["in_force_from"] = "2020-01-01"
    data["rules"].append(extra)


BAD_DATA = [
    pytest.param(
        _set("dora.class", "logic", "nope"),
        ["rule dora.class", "unknown logic 'nope'", "separated_negative_class"],
        id="unknown-logic",
    ),
    pytest.param(
        _drop_param("ms_l.parent_class", "minor_age", 2),
        ["ms_l.parent_class@2", "missing parameter 'minor_age'"],
        id="missing-parameter",
    ),
    pytest.param(
        _set_param("ms_l.parent_class", "extra_rule", 3),
        ["ms_l.parent_class@1", "unknown parameters extra_rule"],
        id="unknown-parameter",
    ),
    pytest.param(
        _set_param("ms_l.parent_class", "minor_age", "18"),
        ["ms_l.parent_class@1.minor_age", "whole number of years", "'18'"],
        id="age-as-text",
    ),
    pytest.param(
        _set_param("ms_l.parent_class", "minor_age", True),
        ["ms_l.parent_class@1.minor_age", "whole number"],
        id="age-as-boolean",
    ),
    pytest.param(
        _set_param("settlement.return_candidacy", "presentation_days", -1),
        ["settlement.return_candidacy@1.presentation_days", "whole number of days"],
        id="negative-days",
    ),
    pytest.param(
        _set_param("ms_l.parent_class", "window_start", "2017-13-01", 2),
        ["ms_l.parent_class@2.window_start", "a date YYYY-MM-DD or null", "'2017-13-01'"],
        id="impossible-date",
    ),
    pytest.param(
        _set_param("ms_l.parent_class", "exclusion_codes", "UNFIT"),
        ["ms_l.parent_class@1.exclusion_codes", "a list of codes"],
        id="codes-not-a-list",
    ),
    pytest.param(
        _set_param("settlement.cross_effect", "cases", ["ms_l", "dorra"]),
        ["settlement.cross_effect@1.cases", "cases among ms_l, mmm, dora", "dorra"],
        id="unknown-case-in-parameter",
    ),
    pytest.param(
        _set_param("settlement.cross_effect", "cases", []),
        ["settlement.cross_effect@1.cases", "non-empty list of cases"],
        id="no-cases",
    ),
    pytest.param(
        _set("dora.class", "case", "dorra"),
        ["dora.class@1", "unknown case 'dorra'"],
        id="unknown-case",
    ),
    pytest.param(
        _set("dora.class", "version", 0), ["rule dora.class", "version must be"], id="version-zero"
    ),
    pytest.param(
        _set("dora.class", "version", "1"),
        ["rule dora.class", "version must be"],
        id="version-as-text",
    ),
    pytest.param(
        _drop("dora.class", "version"), ["rule dora.class", "missing 'version'"], id="no-version"
    ),
    pytest.param(
        _set("dora.class", "in_force_from", "12/09/2018"),
        ["dora.class@1.in_force_from", "a date YYYY-MM-DD", "'12/09/2018'"],
        id="bad-in-force-from",
    ),
    pytest.param(
        _set("dora.class", "in_force_until", "soon"),
        ["dora.class@1.in_force_until", "'soon'"],
        id="bad-in-force-until",
    ),
    pytest.param(
        _drop("dora.class", "in_force_from"),
        ["dora.class@1", "missing 'in_force_from'"],
        id="no-in-force-from",
    ),
    pytest.param(
        _set("dora.class", "in_force_until", "2018-01-01"),
        ["dora.class@1", "in force until 2018-01-01 before it is in force (2018-09-12)"],
        id="ends-before-it-starts",
    ),
    pytest.param(
        _overlap,
        ["ms_l.parent_class@1", "ms_l.parent_class@2", "both in force", "ms_l_parent"],
        id="overlapping-versions",
    ),
    pytest.param(
        _overlap_other_id,
        ["mmm.children_class@1", "mmm.children_class_bis@1", "both in force", "mmm_child"],
        id="overlapping-rules-for-one-code",
    ),
    pytest.param(
        _duplicate("dora.class"), ["rule dora.class@1 appears twice"], id="duplicate-rule-version"
    ),
    pytest.param(
        _drop("dora.class", "citation"), ["dora.class@1", "missing 'citation'"], id="no-citation"
    ),
    pytest.param(
        _set("dora.class", "citation", {"paragraph": "x"}),
        ["dora.class@1.citation", "missing 'document'"],
        id="citation-without-document",
    ),
    pytest.param(
        _set("dora.class", "parameters", ["CF"]),
        ["dora.class@1", "parameters must be an object"],
        id="parameters-not-an-object",
    ),
    pytest.param(
        lambda data: data["rules"].append("dora.class"),
        ["rules[9]", "expected an object"],
        id="rule-not-an-object",
    ),
    pytest.param(
        lambda data: data["rules"].append({"logic": "cross_effect"}),
        ["rules[9]", "missing 'id'"],
        id="rule-without-id",
    ),
    pytest.param(lambda data: data.pop("name"), ["ruleset", "missing 'name'"], id="no-name"),
    pytest.param(
        lambda data: data.update(rules=[]), ["rules must be a non-empty list"], id="no-rules"
    ),
]


@pytest.mark.parametrize(("change", "words"), BAD_DATA)
def test_bad_ruleset_is_refused_naming_what_is_wrong(
    change: Callable[[Data], None], words: list[str]
) -> None:
    with pytest.raises(RulesetError) as refused:
        ruleset_from_data(_spoil(change))
    message = str(refused.value)
    for word in words:
        assert word in message, message


def test_ruleset_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(RulesetError, match="must be a JSON object"):
        ruleset_from_data(["rules"])


def test_bad_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"name": "settlement-2018", "rules": [', encoding="utf-8")
    with pytest.raises(RulesetError, match=r"not valid JSON: .*line 1"):
        load_ruleset(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulesetError, match=r"cannot read ruleset .*absent\.json"):
        load_ruleset(tmp_path / "absent.json")


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("settlement-2019", id="unknown-name"),
        pytest.param("../rulesets/settlement-2018", id="a-path-not-a-name"),
        pytest.param("", id="empty"),
    ],
)
def test_unknown_ruleset_name_is_refused(name: str) -> None:
    with pytest.raises(RulesetError, match=re.escape(f"no ruleset named {name!r}")):
        load_ruleset(name)


# ---------------------------------------------------------------- with_parameter

AUGUST_2017 = parent(adult_link(separated_on=date(2017, 8, 15), custody_ended_on=date(2018, 2, 1)))


def test_with_parameter_changes_the_version_and_the_answer() -> None:
    base = load_ruleset()
    later = base.with_parameter("ms_l.parent_class", "window_start", "2018-01-01")
    assert evaluate(AUGUST_2017, base, AS_OF).answer(MS_L_PARENT) is Answer.YES
    found = evaluate(AUGUST_2017, later, AS_OF).get(MS_L_PARENT)
    assert (found.answer, found.basis) == (Answer.NO, "before_window")
    assert ("window_start", "2018-01-01") in found.facts
    assert later.version.startswith("1+") and later.version != base.version
    assert evaluate(AUGUST_2017, later, AS_OF).ruleset_version == later.version
    # The base ruleset is left as it was.
    assert base.rule("ms_l.parent_class").parameters["window_start"] == date(2017, 7, 1)


def test_with_parameter_version_names_the_change() -> None:
    base = load_ruleset()
    one = base.with_parameter("ms_l.parent_class", "window_start", "2018-01-01")
    again = base.with_parameter("ms_l.parent_class", "window_start", date(2018, 1, 1))
    other = base.with_parameter("ms_l.parent_class", "window_start", "2018-01-02")
    assert one.version == again.version
    assert one.version != other.version
    # A change on a change keeps the base and names both.
    chained = one.with_parameter("settlement.return_candidacy", "presentation_days", 45)
    assert chained.version.startswith("1+")
    assert chained.version.count("+") == 1
    assert chained.version not in (one.version, base.version)


def test_with_parameter_on_a_named_version() -> None:
    base = load_ruleset()
    # v1 without the custody condition: the August 2017 parent is in before the widening.
    v1 = base.with_parameter("ms_l.parent_class", "child_in_custody_on_or_after", None, version=1)
    assert evaluate(AUGUST_2017, base, V1_DAY).get(MS_L_PARENT).basis == (
        "released_before_certification"
    )
    assert evaluate(AUGUST_2017, v1, V1_DAY).answer(MS_L_PARENT) is Answer.YES
    assert v1.rule("ms_l.parent_class", 2) == base.rule("ms_l.parent_class", 2)


def test_with_parameter_minor_age() -> None:
    base = load_ruleset()
    facts = parent(adult_link(child_dob=date(2001, 1, 1)))  # 17 on the separation day
    assert evaluate(facts, base, AS_OF).answer(MS_L_PARENT) is Answer.YES
    younger = base.with_parameter("ms_l.parent_class", "minor_age", 17)
    assert evaluate(facts, younger, AS_OF).get(MS_L_PARENT).basis == "child_not_minor"


@pytest.mark.parametrize(
    ("rule_id", "name", "value", "words"),
    [
        pytest.param(
            "ms_l.parent_class",
            "window_end",
            "2018-06-20",
            ["ms_l.parent_class@2 has no parameter 'window_end'", "window_start"],
            id="parameter-that-does-not-exist",
        ),
        pytest.param(
            "ms_l.parent_class",
            "minor_age",
            "eighteen",
            ["ms_l.parent_class@2.minor_age", "whole number", "'eighteen'"],
            id="wrong-type",
        ),
        pytest.param(
            "ms_l.children_class",
            "minor_age",
            17,
            ["no rule 'ms_l.children_class'"],
            id="rule-that-does-not-exist",
        ),
    ],
)
def test_with_parameter_refuses_what_cannot_be(
    rule_id: str, name: str, value: object, words: list[str]
) -> None:
    base = load_ruleset()
    with pytest.raises(RulesetError) as refused:
        base.with_parameter(rule_id, name, value)
    for word in words:
        assert word in str(refused.value), str(refused.value)


def test_with_parameter_refuses_a_version_that_does_not_exist() -> None:
    with pytest.raises(RulesetError, match=re.escape("no rule 'ms_l.parent_class'")):
        load_ruleset().with_parameter("ms_l.parent_class", "minor_age", 17, version=3)


def test_with_parameter_refuses_null_for_a_required_value() -> None:
    with pytest.raises(RulesetError, match="presentation_days: expected a whole number"):
        load_ruleset().with_parameter("settlement.return_candidacy", "presentation_days", None)
