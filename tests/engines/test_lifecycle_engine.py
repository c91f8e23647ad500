"""The retention engine: the shipped rule set reads, every bad rule set is refused
naming the rule and the field, minors' rules come first, each action does what it
says, and a plan applied twice leaves what it left once."""

from __future__ import annotations

import copy
import json
from datetime import date
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.lifecycle import (
    DEFAULT_RULE_SET,
    FILE_REMOVED,
    REDACTED,
    Cell,
    DataKind,
    Part,
    RuleSetInvalid,
    Subject,
    apply_changes,
    generalise_dob,
    is_minor,
    load_rule_set,
    plan_cells,
    pseudonym,
    pseudonym_a_number,
    rule_set_from_data,
    rule_set_from_text,
)

Data = dict[str, Any]
END = date(2026, 1, 31)
LATER = date(2027, 3, 1)  # every shipped rule due (a year and a month after the end)
CHILD = Subject(id=1, dob=date(2010, 5, 1), first_seen=date(2018, 5, 20))
PARENT = Subject(id=2, dob=date(1990, 3, 1), first_seen=date(2018, 5, 20))


def shipped() -> Data:
    text = (
        resources.files("amparo.engines.lifecycle") / "rulesets" / f"{DEFAULT_RULE_SET}.json"
    ).read_text(encoding="utf-8")
    data: Data = json.loads(text)
    return data


def spoilt(change: Any) -> Data:
    data = copy.deepcopy(shipped())
    change(data)
    return data


def test_the_shipped_rule_set_reads_and_orders_minors_first() -> None:
    rule_set = load_rule_set()
    ordered = [r.id for r in rule_set.ordered()]
    assert ordered[:4] == [
        "minors.identity",
        "minors.birth-date",
        "minors.narratives",
        "minors.files",
    ]
    assert all(r.citation for r in rule_set.rules)
    assert len(rule_set.sha256) == 64


def test_the_hash_changes_with_any_rule() -> None:
    longer = spoilt(lambda d: d["rules"][0]["after"].update(days=91))
    assert rule_set_from_data(longer).sha256 != load_rule_set().sha256


@pytest.mark.parametrize(
    ("change", "rule", "field", "words"),
    [
        (
            lambda d: d["rules"][0].update(kinds=["nicknames"]),
            "minors.identity",
            "kinds",
            "not one of",
        ),
        (lambda d: d["rules"][0].update(kinds=[]), "minors.identity", "kinds", "non-empty"),
        (lambda d: d["rules"][0].update(action="shred"), "minors.identity", "action", "not one of"),
        (
            lambda d: d["rules"][1].update(action="redact"),
            "minors.birth-date",
            "action",
            "does not apply to date_of_birth",
        ),
        (lambda d: d["rules"][0].update(whom="teenagers"), "minors.identity", "whom", "not one of"),
        (
            lambda d: d["rules"][5].update(whom="minors"),
            "everyone.screener",
            "whom",
            "must be 'everyone'",
        ),
        (
            lambda d: d["rules"][0]["after"].update(days=-1),
            "minors.identity",
            "after.days",
            "0 or more",
        ),
        (
            lambda d: d["rules"][0]["after"].update(days="90"),
            "minors.identity",
            "after.days",
            "whole number",
        ),
        (
            lambda d: d["rules"][0]["after"].update(anchor="forever"),
            "minors.identity",
            "after.anchor",
            "not one of",
        ),
        (lambda d: d["rules"][0].update(after={"days": 3}), "minors.identity", "after", "anchor"),
        (lambda d: d["rules"][0].update(citation=" "), "minors.identity", "citation", "non-empty"),
        (
            lambda d: d["rules"][0].update(priority="first"),
            "minors.identity",
            "priority",
            "whole number",
        ),
        (lambda d: d["rules"][0].update(colour="red"), "minors.identity", "", "unknown field"),
        (
            lambda d: d["rules"][1].update(id="minors.identity"),
            "minors.identity",
            "id",
            "two rules",
        ),
        (
            lambda d: d["rules"][3].update(priority=40),
            "minors.files",
            "priority",
            "before every other",
        ),
        (
            lambda d: d["rules"][2].update(kinds=["names"], priority=10),
            "minors.narratives",
            "priority",
            "same priority",
        ),
        (
            lambda d: d["rules"][4]["after"].update(anchor="case_closed"),
            "everyone.credentials",
            "after.anchor",
            "case's closing",
        ),
    ],
)
def test_a_bad_rule_set_is_refused_naming_the_rule_and_the_field(
    change: Any, rule: str, field: str, words: str
) -> None:
    with pytest.raises(RuleSetInvalid) as refused:
        rule_set_from_data(spoilt(change))
    assert refused.value.rule == rule
    assert refused.value.field == field
    assert words in str(refused.value)
    assert repr(rule) in str(refused.value)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ([], ""),
        ({"version": "Bad Name", "rules": []}, "version"),
        ({"version": "v1", "rules": []}, "rules"),
        ({"version": "v1", "rules": ["x"]}, "rules"),
        ({"version": "v1", "rules": [{"id": "Has Spaces"}]}, "id"),
    ],
)
def test_a_malformed_rule_set_is_refused(data: Any, field: str) -> None:
    with pytest.raises(RuleSetInvalid) as refused:
        rule_set_from_data(data)
    assert refused.value.field == field


def test_text_that_is_not_json_and_unknown_names_are_refused() -> None:
    with pytest.raises(RuleSetInvalid, match="not JSON"):
        rule_set_from_text("{rules:")
    with pytest.raises(RuleSetInvalid, match="no rule set named"):
        load_rule_set("retention-v0")
    with pytest.raises(RuleSetInvalid, match="not a rule set name"):
        load_rule_set("../secrets")


@pytest.mark.parametrize(
    ("subject", "minor"),
    [
        (CHILD, True),
        (PARENT, False),
        # 17 when first seen, 25 at the end: the data was a child's.
        (Subject(id=3, dob=date(2001, 1, 1), first_seen=date(2018, 5, 1)), True),
        # 18 the day before first seen.
        (Subject(id=4, dob=date(2000, 4, 30), first_seen=date(2018, 5, 1)), False),
        (Subject(id=5, dob=date(2000, 5, 1), first_seen=date(2018, 5, 1)), False),
        (Subject(id=6, dob=date(2000, 5, 2), first_seen=date(2018, 5, 1)), True),
        # No dated record: age at the settlement's end.
        (Subject(id=7, dob=date(2008, 1, 31)), False),
        (Subject(id=8, dob=date(2008, 2, 1), first_seen=None), True),
        # A record dated after the end does not make a child of an adult.
        (Subject(id=9, dob=date(2008, 1, 31), first_seen=date(2026, 6, 1)), False),
        # Unknown date of birth: protected as a child.
        (Subject(id=10, dob=None), True),
    ],
)
def test_who_counts_as_a_minor(subject: Subject, minor: bool) -> None:
    assert is_minor(subject, settlement_end=END) is minor


def family_cells() -> list[Cell]:
    return [
        Cell("person:1:given", 1, "Tomás", kind=DataKind.NAMES),
        Cell("person:1:surnames", 1, "López", kind=DataKind.NAMES, part=Part.OTHER),
        Cell("person:1:dob", 1, date(2010, 5, 1), kind=DataKind.DATE_OF_BIRTH),
        Cell("person:1:a", 1, "201234567", kind=DataKind.A_NUMBER),
        Cell("person:1:note", 1, "He told us about the shelter", kind=DataKind.FREE_TEXT),
        Cell("election:1:scan", 1, "elections/abc.pdf", kind=DataKind.FILES),
        Cell(
            "record:1:raw",
            1,
            {
                "first_name": "TOMAS",
                "last_name": "LOPEZ",
                "dob": "05/01/2010",
                "sex": "M",
                "parent_name_reported": "Rosa Lopez",
            },
            keys={
                "first_name": DataKind.NAMES,
                "last_name": DataKind.NAMES,
                "dob": DataKind.DATE_OF_BIRTH,
                "parent_name_reported": DataKind.FREE_TEXT,
            },
        ),
        Cell("findings:1", 1, {"facts": ["born 2010-05-01", "named Tomás López"]}, scrub=True),
        Cell("person:2:given", 2, "Rosa", kind=DataKind.NAMES),
        Cell("person:2:dob", 2, date(1990, 3, 1), kind=DataKind.DATE_OF_BIRTH),
        Cell("person:2:note", 2, "Asked for her son", kind=DataKind.FREE_TEXT),
        Cell("screener:9", None, 9, kind=DataKind.SCREENER_CONTACTS, row=True),
        Cell("token:4", None, 4, kind=DataKind.CREDENTIALS, row=True),
    ]


def subjects() -> list[Subject]:
    child = Subject(
        id=1,
        dob=CHILD.dob,
        first_seen=CHILD.first_seen,
        needles={
            DataKind.NAMES: ("Tomás López", "Tomás", "López"),
            DataKind.DATE_OF_BIRTH: ("2010-05-01",),
        },
    )
    return [child, PARENT]


def test_every_due_rule_changes_a_childs_data_and_keeps_what_the_adults_rules_keep() -> None:
    cells = family_cells()
    plan, changes = plan_cells(load_rule_set(), subjects(), cells, settlement_end=END, today=LATER)
    after = {c.ref: c.value for c in apply_changes(cells, changes)}

    assert after["person:1:given"] == pseudonym(1) == "ANON-0000001"
    assert after["person:1:surnames"] == ""
    assert after["person:1:dob"] == date(2010, 1, 1)
    assert after["person:1:a"] == pseudonym_a_number(1) == "Z00000001"
    assert after["person:1:note"] == REDACTED
    assert after["election:1:scan"] == FILE_REMOVED
    assert after["record:1:raw"] == {
        "first_name": "ANON-0000001",
        "last_name": "ANON-0000001",
        "dob": "2010",
        "sex": "M",
        "parent_name_reported": REDACTED,
    }
    assert after["findings:1"] == {"facts": ["born 2010-01-01", "named ANON-0000001"]}
    # The adult's name and date of birth are kept; her note is redacted after a year.
    assert after["person:2:given"] == "Rosa"
    assert after["person:2:dob"] == date(1990, 3, 1)
    assert after["person:2:note"] == REDACTED
    assert "screener:9" not in after and "token:4" not in after
    # Two name cells, the A-number, the raw row and the findings quoting the name.
    assert plan.counts()["minors.identity"] == 5
    assert plan.counts()["everyone.credentials"] == 1
    assert [c.ref for c in changes if c.delete_file] == ["election:1:scan"]
    assert (plan.minors, plan.adults) == (1, 1)


def test_minors_rules_are_reported_first_and_adults_wait_for_their_period() -> None:
    cells = family_cells()
    a_month_after = date(2026, 3, 2)
    plan, changes = plan_cells(
        load_rule_set(), subjects(), cells, settlement_end=END, today=a_month_after
    )
    assert [r.rule.for_minors for r in plan.rules][:4] == [True] * 4
    assert not any(r.rule.for_minors for r in plan.rules[4:])
    # 30 days: credentials and the screener; the child's 90 days have not passed.
    assert {r.rule.id for r in plan.rules if r.count} == {
        "everyone.credentials",
        "everyone.screener",
    }
    assert {c.ref for c in changes} == {"screener:9", "token:4"}


def test_nothing_is_due_on_the_settlements_last_day_but_credentials() -> None:
    plan, changes = plan_cells(
        load_rule_set(), subjects(), family_cells(), settlement_end=END, today=END
    )
    assert [c.ref for c in changes] == ["token:4"]
    assert plan.total == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2010, 5, 1), date(2010, 1, 1)),
        ("2010-05-01", "2010-01-01"),
        ("05/01/2010", "2010"),
        ("1 May 2010", "2010"),
        ("2010", "2010"),
        ("unknown", REDACTED),
        ("", ""),
        (None, None),
    ],
)
def test_a_date_of_birth_keeps_its_year_only(value: Any, expected: Any) -> None:
    assert generalise_dob(value) == expected
    assert generalise_dob(generalise_dob(value)) == expected


names = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñ ", min_size=0, max_size=12)
birth_dates = st.dates(min_value=date(1940, 1, 1), max_value=date(2025, 12, 31))


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Subject], list[Cell]]:
    people = draw(
        st.lists(st.tuples(st.one_of(st.none(), birth_dates), names), min_size=1, max_size=6)
    )
    subjects_: list[Subject] = []
    cells: list[Cell] = []
    for index, (dob, name) in enumerate(people, start=1):
        subjects_.append(
            Subject(
                id=index,
                dob=dob,
                first_seen=draw(st.one_of(st.none(), birth_dates)),
                needles={DataKind.NAMES: tuple(p for p in name.split() if len(p) >= 3)},
            )
        )
        cells += [
            Cell(f"{index}:name", index, name, kind=DataKind.NAMES),
            Cell(f"{index}:dob", index, dob, kind=DataKind.DATE_OF_BIRTH),
            Cell(
                f"{index}:a",
                index,
                draw(st.sampled_from(["", "201234567"])),
                kind=DataKind.A_NUMBER,
            ),
            Cell(f"{index}:text", index, draw(names), kind=DataKind.FREE_TEXT),
            Cell(
                f"{index}:file",
                index,
                draw(st.sampled_from(["", "scans/x.pdf"])),
                kind=DataKind.FILES,
            ),
            Cell(
                f"{index}:raw",
                index,
                {"first_name": name, "dob": str(dob), "note": draw(names)},
                keys={"first_name": DataKind.NAMES, "dob": DataKind.DATE_OF_BIRTH},
                scrub=True,
            ),
        ]
    cells += [
        Cell(f"row:{i}", None, i, kind=DataKind.SCREENER_CONTACTS, row=True)
        for i in range(draw(st.integers(0, 3)))
    ]
    return subjects_, cells


@settings(max_examples=200, deadline=None)
@given(world=worlds(), today=st.dates(min_value=END, max_value=date(2028, 1, 1)))
def test_applying_a_plan_twice_is_applying_it_once(
    world: tuple[list[Subject], list[Cell]], today: date
) -> None:
    people, cells = world
    rule_set = load_rule_set()
    _plan, changes = plan_cells(rule_set, people, cells, settlement_end=END, today=today)
    once = apply_changes(cells, changes)
    second_plan, second_changes = plan_cells(
        rule_set, people, once, settlement_end=END, today=today
    )
    twice = apply_changes(once, second_changes)
    assert second_changes == []
    assert second_plan.total == 0
    assert twice == once


@settings(max_examples=100, deadline=None)
@given(world=worlds())
def test_no_minors_name_survives_a_run_once_their_rules_are_due(
    world: tuple[list[Subject], list[Cell]],
) -> None:
    people, cells = world
    _plan, changes = plan_cells(load_rule_set(), people, cells, settlement_end=END, today=LATER)
    after = {c.ref: c.value for c in apply_changes(cells, changes)}
    for person in people:
        if is_minor(person, settlement_end=END):
            original = next(c.value for c in cells if c.ref == f"{person.id}:name")
            assert after[f"{person.id}:name"] in {original, pseudonym(person.id)}
            assert after[f"{person.id}:name"] == (pseudonym(person.id) if original else original)
            raw = after[f"{person.id}:raw"]
            for needle in person.needles[DataKind.NAMES]:
                assert needle not in json.dumps(raw, ensure_ascii=False) or needle in "ANON-"
