"""Parent or another relative: the relation evidence, table-driven, and whole families."""

from __future__ import annotations

from dataclasses import replace

import pytest

from amparo.engines.extracts.spec import Source
from amparo.engines.families import FamilyConfig
from amparo.engines.families.relation_tables import age_likelihood
from amparo.engines.families.relations import Family, relation_of
from tests.engines.test_families_names import person, record


@pytest.mark.parametrize(
    ("adult_age", "eldest", "youngest", "sex", "likeliest"),
    [
        (34, 10, 6, "F", {"PARENT", "AUNT_UNCLE"}),
        (44, 14, 14, "M", {"PARENT", "AUNT_UNCLE"}),
        # Sixty years old with a six-year-old: a grandparent.
        (60, 6, 6, "F", {"GRANDPARENT"}),
        (58, 12, 9, "M", {"GRANDPARENT"}),
        # Twenty with an eight-year-old: a brother or sister (or an aunt), not a parent.
        (20, 8, 8, "F", {"SIBLING", "AUNT_UNCLE"}),
    ],
)
def test_age_gap_points_at_the_relation(
    adult_age: int, eldest: int, youngest: int, sex: str, likeliest: set[str]
) -> None:
    likelihood = age_likelihood(adult_age, adult_age - eldest, adult_age - youngest, sex)
    top = max(likelihood.values())
    assert {r for r, v in likelihood.items() if v == top} <= likeliest


@pytest.mark.parametrize(("gap", "possible"), [(8, False), (12, False), (18, True), (30, True)])
def test_a_parent_is_at_least_a_teenager_at_birth(gap: int, possible: bool) -> None:
    parent = age_likelihood(10 + gap, gap, gap, "F")["PARENT"]
    assert (parent >= 0.2) is possible


def _child(key: str, surnames: str, dob: str, *, report: str = "") -> object:
    return person(
        key,
        record(
            Source.CBP,
            f"E{key}",
            first_name="Ana",
            last_name=surnames,
            dob=dob,
            apprehended_on="2018-05-10",
            sector="RGV",
            disposition="ORR_TRANSFER",
        ),
        record(
            Source.ORR,
            f"O{key}",
            first_name="Ana",
            last_name=surnames,
            dob=dob,
            referred_on="2018-05-11",
            parent_name_reported=report,
        ),
    )


def _adult(key: str, given: str, surnames: str, sex: str, dob: str) -> object:
    return person(
        key,
        record(
            Source.CBP,
            f"E{key}",
            first_name=given,
            last_name=surnames,
            sex=sex,
            dob=dob,
            apprehended_on="2018-05-10",
            sector="RGV",
            disposition="PROSECUTION",
        ),
        record(Source.ICE, f"I{key}", full_name=f"{surnames}, {given}", sex=sex, dob=dob),
    )


def _family(adult: object, kids: list[object], **changes: object) -> Family:
    from amparo.engines.families.profiles import Profile

    assert isinstance(adult, Profile)
    children = tuple(k for k in kids if isinstance(k, Profile))
    base = Family(
        adult=adult,
        adult_role="HEAD",
        children=children,
        child_roles=tuple(None for _ in children),
        adult_age=adult.age_on(adult.apprehensions[0].on),
        child_ages=tuple(c.age_on(c.apprehensions[0].on) for c in children),
        kin_words=(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


CONFIG = FamilyConfig()


def test_a_mother_with_her_childs_maternal_surname_is_a_parent() -> None:
    mother = _adult("A", "Rosa", "López Ramos", "F", "1984-03-02")
    child = _child("C", "Pérez López", "2009-07-01")
    relation = relation_of(_family(mother, [child], child_roles=("CHILD",)), CONFIG)
    assert relation.best == "PARENT"
    assert relation.posterior["PARENT"] > 0.95


def test_a_grandmother_is_told_by_age_and_kin_word() -> None:
    grandmother = _adult("A", "Rosa", "Ramos Cruz", "F", "1956-01-01")
    child = _child("C", "Pérez López", "2012-07-01")
    relation = relation_of(_family(grandmother, [child], kin_words=("GRANDPARENT",)), CONFIG)
    assert relation.best == "GRANDPARENT"
    assert relation.posterior["PARENT"] < 0.05


def test_an_aunt_booked_with_children_coded_other_is_not_a_parent() -> None:
    # Her first surname is the child's first: the father's side, not the mother.
    aunt = _adult("A", "Marta", "Pérez Gómez", "F", "1990-03-02")
    kids = [_child("C1", "Pérez López", "2008-07-01"), _child("C2", "Pérez López", "2011-02-01")]
    relation = relation_of(_family(aunt, kids, child_roles=("OTHER", "OTHER")), CONFIG)
    assert relation.best == "AUNT_UNCLE"
    assert relation.posterior["PARENT"] < 0.05


def test_an_adult_sibling_carries_the_childrens_surnames_and_is_young() -> None:
    sibling = _adult("A", "Kevin", "Pérez López", "M", "1998-01-05")
    child = _child("C", "Pérez López", "2010-07-01")
    relation = relation_of(_family(sibling, [child]), CONFIG)
    assert relation.best == "SIBLING"


def test_a_spouse_beside_the_head_is_the_other_parent() -> None:
    mother = _adult("H", "Rosa", "López Ramos", "F", "1984-03-02")
    father = _adult("A", "Juan", "Pérez Cruz", "M", "1982-03-02")
    child = _child("C", "Pérez López", "2009-07-01")
    relation = relation_of(_family(father, [child], head=mother, adult_role="SPOUSE"), CONFIG)
    assert relation.best == "PARENT"
    assert relation.posterior["PARENT"] > 0.95


def test_the_heads_brother_beside_the_head_is_an_uncle() -> None:
    mother = _adult("H", "Rosa", "López Ramos", "F", "1984-03-02")
    uncle = _adult("A", "Luis", "López Ramos", "M", "1986-03-02")
    child = _child("C", "Pérez López", "2009-07-01")
    relation = relation_of(_family(uncle, [child], head=mother, adult_role="SIBLING"), CONFIG)
    assert relation.best == "AUNT_UNCLE"
    assert relation.posterior["PARENT"] < 0.05
