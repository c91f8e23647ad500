"""Crowded bookings, table-driven: which children a surely-led child brings its head to,
and which look-alike profiles are compared as halves of one person."""

from __future__ import annotations

import pytest

from amparo.engines.extracts.spec import Source
from amparo.engines.families.grouping import _sibling_pairs
from amparo.engines.families.profiles import Profile
from amparo.engines.families.twins import find_twins
from tests.engines.test_families_names import person, record


def _child(key: str, *surnames: str, given: str = "Ana") -> Profile:
    # One booking per spelling: a child whose records show its surnames in one order
    # everywhere has them settled.
    return person(
        key,
        *(
            record(
                Source.CBP,
                f"E{key}{i}",
                first_name=given,
                last_name=shown,
                dob="2010-07-01",
                apprehended_on="2018-05-10",
                sector="RGV",
                disposition="ORR_TRANSFER",
            )
            for i, shown in enumerate(surnames)
        ),
    )


@pytest.mark.parametrize(
    ("other", "brought"),
    [
        # The same two surnames, in the same order or swapped: a brother or sister.
        (("Pérez López",), True),
        (("López Pérez",), True),
        # One surname shown, the first the sibling carries: perhaps the same child's
        # family with the second dropped.
        (("Pérez",), True),
        # One surname shown alone, its place unsettled: perhaps the sibling's second.
        (("López",), True),
        # One surname in common, but another first surname settled: another father's
        # child (siblings_evidence weighs it as no sibling), not brought in.
        (("Gómez López",), False),
        (("Gómez López", "Gómez"), False),
    ],
)
def test_a_sure_head_is_brought_only_to_children_who_could_be_siblings(
    other: tuple[str, ...], brought: bool
) -> None:
    children = {"S": _child("S", "Pérez López"), "C": _child("C", *other, given="Luis")}
    pairs = _sibling_pairs({"H": ["S"]}, children)
    assert (("H", "C") in pairs) is brought


@pytest.mark.parametrize(
    ("given", "twin"),
    [
        # A compound name cut short in one record: one person.
        ("Ana", True),
        ("Ana María", True),
        # A sister with the same surnames, booked the same day: no given name shared,
        # never compared.
        ("Luisa", False),
    ],
)
def test_only_profiles_sharing_a_given_name_are_halves_of_one(given: str, twin: bool) -> None:
    people = {
        "A": _child("A", "Pérez López", given="Ana María"),
        "B": _child("B", "Pérez López", given=given),
        # Another child of the same surnames and day, so that the group is crowded.
        "C": _child("C", "Pérez López", given="Rosa"),
    }
    found = find_twins(people)
    assert ("B" in found or found.get("A") == "B") is twin
