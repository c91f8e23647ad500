"""Evidence rules of the family engine, table-driven: A-number typos, ORR's separated
flag, a missing reunion, surnames shared by chance, and a relative's booking code."""

from __future__ import annotations

import math

import pytest

from amparo.engines.extracts.spec import Source
from amparo.engines.families import FamilyConfig
from amparo.engines.families.candidates import Together, Words, find_candidates
from amparo.engines.families.evidence import _separated_flag, about_child
from amparo.engines.families.kinship import sibling_unit_evidence
from amparo.engines.families.profiles import Profile
from amparo.engines.families.relation_tables import surname_likelihood
from amparo.engines.families.relations import Family, relation_of
from amparo.engines.families.scored import scored
from amparo.engines.families.seconds import with_head
from amparo.engines.families.twins import _distinct_numbers, find_twins
from tests.engines.test_families_names import person, record

CONFIG = FamilyConfig()


@pytest.mark.parametrize(
    ("numbers", "distinct"),
    [
        ({"201555017"}, False),
        # One digit typed wrong.
        ({"201555017", "201555018"}, False),
        # The true number typed wrong twice, in two places: each typo is one digit from
        # the true one, two from each other.
        ({"216315641", "216215641", "616315641"}, False),
        # Two typos without the true number: no number is within a typo of both.
        ({"216215641", "616315641"}, True),
        ({"201555017", "208836623"}, True),
    ],
)
def test_a_numbers_belong_to_two_people_only_beyond_typos(
    numbers: set[str], distinct: bool
) -> None:
    assert _distinct_numbers(frozenset(numbers)) is distinct


def _child(key: str, *flags: str, surnames: str = "Pérez López") -> Profile:
    referrals = [
        record(
            Source.ORR,
            f"O{key}{i}",
            first_name="Ana",
            last_name=surnames,
            dob="2010-07-01",
            referred_on="2018-05-11",
            separated=flag,
        )
        for i, flag in enumerate(flags)
    ]
    booking = record(
        Source.CBP,
        f"E{key}",
        first_name="Ana",
        last_name=surnames,
        dob="2010-07-01",
        apprehended_on="2018-05-10",
        sector="RGV",
        disposition="ORR_TRANSFER",
    )
    return person(key, booking, *referrals)


@pytest.mark.parametrize(
    ("flags", "sign"),
    [
        (("Y",), 1),
        (("N",), -1),
        # Blank, or referrals that disagree: nothing weighed.
        (("",), 0),
        (("Y", "N"), 0),
        (("Y", "Y"), 1),
    ],
)
def test_orr_separated_flag_speaks_for_an_adult_at_all(flags: tuple[str, ...], sign: int) -> None:
    item = _separated_flag(_child("C", *flags), CONFIG.max_weight)
    if sign == 0:
        assert item is None
        return
    assert item is not None
    assert item.field == "orr_separated_flag"
    assert item.right == flags[0]
    assert math.copysign(1.0, item.weight or 0.0) == sign
    # Unreliable: it tips a close call, it never settles one.
    assert abs(item.weight or 0.0) < 3.0


def test_the_flag_does_not_weigh_one_second_adult_against_another() -> None:
    flag = _separated_flag(_child("C", "Y"), CONFIG.max_weight)
    assert flag is not None and about_child(flag)
    s = scored(Together(None, None), (flag,))
    assert s.weight == flag.weight
    assert s.family_weight == 0.0


def _adult(key: str, sex: str, *ice: dict[str, str], surnames: str = "López Ramos") -> Profile:
    booking = record(
        Source.CBP,
        f"E{key}",
        first_name="Rosa",
        last_name=surnames,
        sex=sex,
        dob="1984-03-02",
        apprehended_on="2018-05-10",
        sector="RGV",
        disposition="PROSECUTION",
    )
    stays = [
        record(
            Source.ICE,
            f"I{key}{i}",
            full_name=f"{surnames}, Rosa",
            sex=sex,
            dob="1984-03-02",
            book_in_on="2018-05-12",
            **values,
        )
        for i, values in enumerate(ice)
    ]
    return person(key, booking, *stays)


def _head_family(adult: Profile, child: Profile) -> Family:
    return Family(
        adult=adult,
        adult_role="HEAD",
        children=(child,),
        child_roles=(None,),
        adult_age=adult.age_on(adult.apprehensions[0].on),
        child_ages=(child.age_on(child.apprehensions[0].on),),
        kin_words=(),
    )


def _no_reunion(ice: tuple[dict[str, str], ...]) -> float | None:
    adult = _adult("A", "F", *ice)
    relation = relation_of(_head_family(adult, _child("C", "Y")), CONFIG)
    weights = [i.weight for i in relation.evidence if i.field == "reunified_with_child"]
    return weights[0] if weights else None


def test_a_missing_reunion_weighs_by_what_ice_shows() -> None:
    removed = _no_reunion(({"book_out_on": "2018-07-01", "book_out_reason": "REMOVED"},))
    released = _no_reunion(({"book_out_on": "2018-07-01", "book_out_reason": "RELEASED"},))
    unknown = _no_reunion(())
    # Removed: a parent could not have taken the child back either.
    assert removed is None
    assert released is not None and unknown is not None
    # Held in the US and never reunified leans away from parent, more than no ICE record.
    assert released < unknown < 0.0


@pytest.mark.parametrize("sex", ["M", "F"])
def test_a_surname_shared_by_chance_makes_both_fit_a_parent(sex: str) -> None:
    plain = surname_likelihood("both", sex)
    common = surname_likelihood("both", sex, coincidence=0.2)
    assert common["PARENT"] > plain["PARENT"]
    # The sibling's reading does not depend on chance: still the likeliest of the two.
    assert common["SIBLING"] > common["PARENT"]
    # Other fits are untouched.
    assert surname_likelihood("paternal", sex, coincidence=0.2) == surname_likelihood(
        "paternal", sex
    )


@pytest.mark.parametrize(
    ("role", "field_weight"),
    [("SPOUSE", math.log2(0.4 / 0.02)), ("SIBLING", math.log2(0.4 / 0.02)), ("HEAD", -3.0)],
)
def test_a_relatives_code_says_the_adult_travelled_beside_a_head(
    role: str, field_weight: float
) -> None:
    head = _adult("H", "M", surnames="Pérez Cruz")
    booking = record(
        Source.CBP,
        "EA",
        first_name="Rosa",
        last_name="López Ramos",
        sex="F",
        dob="1984-03-02",
        apprehended_on="2018-05-10",
        sector="RGV",
        relationship=role,
        disposition="PROSECUTION",
    )
    adult = person("A", booking)
    items = with_head(
        adult,
        head,
        Together(adult.apprehensions[0], None),
        Together(head.apprehensions[0], None),
        CONFIG.max_weight,
    )
    codes = [i for i in items if i.field == "relationship_code"]
    assert len(codes) == 1
    assert codes[0].left == role
    assert codes[0].weight == pytest.approx(field_weight)


def _booked(key: str, given: str, surnames: str, dob: str, day: str = "2018-05-10") -> Profile:
    return person(
        key,
        record(
            Source.CBP,
            f"E{key}",
            first_name=given,
            last_name=surnames,
            sex="M",
            dob=dob,
            apprehended_on=day,
            sector="RGV",
            disposition="ORR_TRANSFER",
        ),
    )


def _referred(key: str, given: str, surnames: str, dob: str, day: str = "2018-05-12") -> Profile:
    return person(
        key,
        record(
            Source.ORR,
            f"O{key}",
            first_name=given,
            last_name=surnames,
            sex="M",
            dob=dob,
            referred_on=day,
        ),
    )


@pytest.mark.parametrize(
    ("left", "right", "twins"),
    [
        # A child's booking and its referral, kept apart by the clustering: one child.
        (
            _booked("C1", "Miguel", "Vásquez Alvarado", "2003-02-28"),
            _referred("C2", "Miguel Ángel", "Vásquez", "2004-02-28"),
            True,
        ),
        # Referred weeks after the booking: not the hand-over of that booking.
        (
            _booked("C1", "Miguel", "Vásquez Alvarado", "2003-02-28"),
            _referred("C2", "Miguel", "Vásquez", "2004-02-28", day="2018-06-20"),
            False,
        ),
        # A brother: another given name.
        (
            _booked("C1", "Miguel", "Vásquez Alvarado", "2003-02-28"),
            _referred("C2", "José", "Vásquez Alvarado", "2005-02-28"),
            False,
        ),
        # Two bookings of brothers who share a name are for the block rule, not this one.
        (
            _booked("C1", "Miguel", "Vásquez Alvarado", "2003-02-28"),
            _booked("C2", "Miguel", "Vásquez Alvarado", "2009-02-28", day="2018-05-11"),
            False,
        ),
    ],
)
def test_a_childs_booking_and_referral_kept_apart_are_one_child(
    left: Profile, right: Profile, twins: bool
) -> None:
    found = find_twins({left.key: left, right.key: right})
    assert (found in ({"C2": "C1"}, {"C1": "C2"})) is twins


@pytest.mark.parametrize(("reunited_on", "found"), [("2018-03-07", True), ("2018-03-08", False)])
def test_an_adult_with_no_readable_booking_date_is_found_by_its_reunion(
    reunited_on: str, found: bool
) -> None:
    mother = person(
        "A",
        record(
            Source.CBP,
            "EA",
            apprehended_on="2018-13-01",  # unreadable: the booking sits in no block
            sector="RGV",
            first_name="Delmy",
            last_name="Castillo Alvarado",
            sex="F",
            disposition="PROSECUTION",
        ),
        record(
            Source.ICE,
            "IA",
            full_name="CASTILLO ALVARADO, DELMY",
            sex="F",
            book_in_on="2018-01-06",
            book_out_on=reunited_on,
            book_out_reason="REUNIFIED",
        ),
    )
    child = person(
        "C",
        record(
            Source.CBP,
            "EC",
            apprehended_on="2017-11-07",
            sector="RGV",
            first_name="Ana",
            last_name="Ortiz Alvarado",
            disposition="ORR_TRANSFER",
        ),
        record(
            Source.ORR,
            "OC",
            first_name="Ana",
            last_name="Ortiz",
            referred_on="2017-11-08",
            discharged_on="2018-03-07",
            discharge_type="PARENT",
        ),
    )
    pairs = find_candidates({"A": mother}, {"C": child}, window_days=5, keep=6, words=Words())
    assert (("A", "C") in pairs) is found


def _in_unit(key: str, unit: str, day: str = "2018-05-10") -> Profile:
    return person(
        key,
        record(
            Source.CBP,
            f"E{key}",
            first_name="Ana",
            last_name="Pérez López",
            apprehended_on=day,
            sector="RGV",
            family_unit_id=unit,
            disposition="ORR_TRANSFER",
        ),
    )


@pytest.mark.parametrize(
    ("child", "sibling", "outcome", "sign"),
    [
        # The sister kept the unit's id and this child has none: another family's child.
        (_in_unit("C", ""), _in_unit("S", "FMU1"), "mismatch", -1),
        (_in_unit("C", "FMU2"), _in_unit("S", "FMU1"), "mismatch", -1),
        # The same id: already weighed against the adult, not again.
        (_in_unit("C", "FMU1"), _in_unit("S", "FMU1"), "match", 0),
        # The sister has no id, or was booked another day: nothing to compare.
        (_in_unit("C", "FMU1"), _in_unit("S", ""), None, 0),
        (_in_unit("C", ""), _in_unit("S", "FMU1", day="2018-05-11"), None, 0),
    ],
)
def test_a_unit_id_stays_on_all_a_familys_children(
    child: Profile, sibling: Profile, outcome: str | None, sign: int
) -> None:
    item = sibling_unit_evidence(child, sibling, CONFIG.max_weight)
    if outcome is None:
        assert item is None
        return
    assert item is not None
    assert item.field == "family_unit_id_of_sibling"
    assert item.outcome == outcome
    assert item.right == "FMU1"
    weight = item.weight or 0.0
    assert (weight > 0) - (weight < 0) == sign
