"""Rules added in families 1.2, table-driven: a reunion is read against the child's own
ORR record, an adult ICE released to be reunited leans parent, and a surname a second
adult shares with the head is counted once."""

from __future__ import annotations

import pytest

from amparo.engines.extracts.spec import Source
from amparo.engines.families import FamilyConfig
from amparo.engines.families.evidence import _reunion, about_head
from amparo.engines.families.population import count_population
from amparo.engines.families.profiles import Profile
from amparo.engines.families.relations import Family, relation_of
from tests.engines.test_families_names import person, record

CONFIG = FamilyConfig()


def _adult(key: str, *, reunited_on: str = "", sex: str = "F") -> Profile:
    ice = {"book_out_on": reunited_on, "book_out_reason": "REUNIFIED"} if reunited_on else {}
    return person(
        key,
        record(
            Source.CBP,
            f"E{key}",
            first_name="Rosa",
            last_name="López Ramos",
            sex=sex,
            dob="1984-03-02",
            apprehended_on="2018-05-10",
            sector="RGV",
            disposition="PROSECUTION",
        ),
        record(
            Source.ICE,
            f"I{key}",
            full_name="LÓPEZ RAMOS, ROSA",
            sex=sex,
            dob="1984-03-02",
            book_in_on="2018-05-12",
            **ice,
        ),
    )


def _child(
    key: str, *, discharged_on: str = "", discharge_type: str = "", orr: bool = True
) -> Profile:
    records = [
        record(
            Source.CBP,
            f"E{key}",
            first_name="Ana",
            last_name="Pérez López",
            dob="2010-07-01",
            apprehended_on="2018-05-10",
            sector="RGV",
            disposition="ORR_TRANSFER",
        )
    ]
    if orr:
        records.append(
            record(
                Source.ORR,
                f"O{key}",
                first_name="Ana",
                last_name="Pérez López",
                dob="2010-07-01",
                referred_on="2018-05-11",
                discharged_on=discharged_on,
                discharge_type=discharge_type,
            )
        )
    return person(key, *records)


@pytest.mark.parametrize(
    ("reunited_on", "orr_record", "outcome", "sign"),
    [
        # Discharged to a parent the day ICE released the adult to be reunited.
        ("2018-07-20", ("2018-07-20", "PARENT", True), "match", 1),
        # Discharged to a parent on another day: another family's reunion.
        ("2018-07-20", ("2018-07-02", "PARENT", True), "mismatch", -1),
        # The adult was reunited with children; this one went to a sponsor, or is still
        # held: a lone child booked alongside, not the adult's own.
        ("2018-07-20", ("2018-08-30", "SPONSOR", True), "mismatch", -1),
        ("2018-07-20", ("", "", True), "mismatch", -1),
        # Discharged to a parent with the day lost: nothing to compare.
        ("2018-07-20", ("", "PARENT", True), None, 0),
        # No ORR record of the child, or no reunion of the adult: nothing to say.
        ("2018-07-20", ("", "", False), None, 0),
        ("", ("2018-08-30", "SPONSOR", True), None, 0),
        # The child went back to a parent; this adult shows no reunion (about the head).
        ("", ("2018-07-20", "PARENT", True), "blank", -1),
    ],
)
def test_a_reunion_is_read_against_the_childs_own_discharge(
    reunited_on: str, orr_record: tuple[str, str, bool], outcome: str | None, sign: int
) -> None:
    # orr_record: the child's discharge day and type, and whether ORR has it at all.
    discharged_on, discharge_type, orr = orr_record
    adult = _adult("A", reunited_on=reunited_on)
    child = _child("C", discharged_on=discharged_on, discharge_type=discharge_type, orr=orr)
    # A run of fifty adults, one of them reunified that day.
    crowd = [adult, *(_adult(f"X{i}") for i in range(49))]
    item = _reunion(adult, child, count_population(crowd), CONFIG.max_weight)
    if outcome is None:
        assert item is None
        return
    assert item is not None
    assert item.outcome == outcome
    weight = item.weight or 0.0
    assert (weight > 0) - (weight < 0) == sign
    # Only a missing reunion speaks about the head alone; a reunion with other children
    # speaks against the whole family.
    assert about_head(item) is (outcome == "blank")


def _named(key: str, given: str, surnames: str, sex: str, dob: str) -> Profile:
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
    )


def _kid(surnames: str) -> Profile:
    return person(
        "C",
        record(
            Source.CBP,
            "EC",
            first_name="Ana",
            last_name=surnames,
            dob="2010-07-01",
            apprehended_on="2018-05-10",
            sector="RGV",
            disposition="ORR_TRANSFER",
        ),
    )


@pytest.mark.parametrize(
    ("adult", "role", "child", "best"),
    [
        # A father who carries both of the child's surnames (his second is, by chance,
        # the mother's first): he shares that one with the mother because the child
        # carries it; counted once, he stays the other parent (booked with no code).
        (("Juan", "Choc Xol", "M", "1982-03-02"), None, "Choc Xol", "PARENT"),
        # The same surnames on the head's adult son, coded CHILD and a generation
        # younger than the head: a brother of the children.
        (("Juan", "Choc Xol", "M", "1999-03-02"), "CHILD", "Choc Xol", "SIBLING"),
        # The head's brother carries both of the head's surnames: an uncle.
        (("Luis", "Xol Pop", "M", "1986-03-02"), "SIBLING", "Choc Xol", "AUNT_UNCLE"),
        # Sharing one surname with the head that the child does not carry: not excused.
        (("Luis", "Pop Tiul", "M", "1986-03-02"), "SPOUSE", "Choc Xol", "PARENT"),
    ],
)
def test_a_surname_shared_with_the_head_through_the_child_counts_once(
    adult: tuple[str, str, str, str], role: str | None, child: str, best: str
) -> None:
    mother = _named("H", "Rosa", "Xol Pop", "F", "1978-03-02")
    second = _named("A", *adult)
    kid = _kid(child)
    family = Family(
        adult=second,
        adult_role=role,
        children=(kid,),
        child_roles=(None,),
        adult_age=second.age_on(second.apprehensions[0].on),
        child_ages=(kid.age_on(kid.apprehensions[0].on),),
        kin_words=(),
        head=mother,
    )
    assert relation_of(family, CONFIG).best == best


@pytest.mark.parametrize(
    ("reunited_on", "orr_record", "outcome", "leans_parent"),
    [
        # Released to be reunited on the day the child went back to a parent.
        ("2018-07-20", ("2018-07-20", "PARENT", True), "match", True),
        # Released to be reunited, the child's record silent about it: a parent still.
        ("2018-07-20", ("2018-08-30", "SPONSOR", True), "partial", True),
        ("2018-07-20", ("", "", True), "partial", True),
        # Held, not removed, and no reunion anywhere: leans away from parent.
        ("", ("2018-08-30", "SPONSOR", True), "blank", False),
    ],
)
def test_an_adult_released_to_be_reunited_is_a_parent(
    reunited_on: str, orr_record: tuple[str, str, bool], outcome: str, leans_parent: bool
) -> None:
    discharged_on, discharge_type, orr = orr_record
    adult = _adult("A", reunited_on=reunited_on)
    child = _child("C", discharged_on=discharged_on, discharge_type=discharge_type, orr=orr)
    family = Family(
        adult=adult,
        adult_role="HEAD",
        children=(child,),
        child_roles=(None,),
        adult_age=adult.age_on(adult.apprehensions[0].on),
        child_ages=(child.age_on(child.apprehensions[0].on),),
        kin_words=(),
    )
    items = [i for i in relation_of(family, CONFIG).evidence if i.field == "reunified_with_child"]
    assert [i.outcome for i in items] == [outcome]
    assert ((items[0].weight or 0.0) > 0) is leans_parent
