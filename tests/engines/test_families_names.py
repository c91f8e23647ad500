"""Table-driven tests of the family engine's name evidence: Hispanic surname sharing,
what ORR's free-text parent name says, nicknames and typos."""

from __future__ import annotations

import pytest

from amparo.engines.extracts.rows import KeptRow, RowChecker
from amparo.engines.extracts.spec import SPECS, Source
from amparo.engines.families.kinship import surname_evidence
from amparo.engines.families.names import (
    SurnameFit,
    Surnames,
    given_forms,
    one_typo_apart,
    parse_reported_parent,
    surname_fit,
    tokens,
)
from amparo.engines.families.person_names import NameRoles, read_names
from amparo.engines.families.population import count_population
from amparo.engines.families.profiles import Profile, build_profile
from amparo.engines.families.reported import compare_report, report_evidence
from amparo.engines.linkage.types import RecordIn


def record(source: Source, record_id: str, **values: str) -> RecordIn:
    """One extract row, normalised by the extracts engine as a real run would."""
    spec = SPECS[source]
    cells = [values.get(column, "") for column in spec.columns]
    cells[spec.columns.index(spec.id_column)] = record_id
    row = RowChecker(spec, spec.columns).check(2, cells)
    assert isinstance(row, KeptRow), row
    return RecordIn(source.value, record_id, row.fields)


def person(key: str, *records: RecordIn) -> Profile:
    return build_profile(key, records, NameRoles(records))


def ordered(first: str, second: str | None = None) -> Surnames:
    every = frozenset(w for w in (first, second) if w)
    return Surnames(first, second, every, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("María de los Ángeles", ("MARIA", "ANGELES")),
        ("  López-Pérez ", ("LOPEZ", "PEREZ")),
        ("K'iche'", ("KICHE",)),
        ("", ()),
        ("---", ()),
        (None, ()),
    ],
)
def test_tokens(text: str | None, expected: tuple[str, ...]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("word", "stands_for"),
    [
        ("CHEPE", "JOSE"),
        ("PEPE", "JOSE"),
        ("LUPE", "GUADALUPE"),
        ("LUPITA", "GUADALUPE"),
        ("PACO", "FRANCISCO"),
        ("PANCHO", "FRANCISCO"),
        ("CHUCHO", "JESUS"),
        ("CHABELA", "ISABEL"),
        ("BETO", "ROBERTO"),
        ("BETO", "ALBERTO"),
        ("ROSITA", "ROSA"),
        ("PEDRITO", "PEDRO"),
        ("JUANITO", "JUAN"),
        ("CARMENCITA", "CARMEN"),
        ("MARIA", "MARIA"),
    ],
)
def test_nicknames_and_diminutives(word: str, stands_for: str) -> None:
    assert stands_for in given_forms(word)


def test_a_name_is_not_a_nickname_of_another() -> None:
    assert "ROSA" not in given_forms("ROSARIO")
    assert "JUAN" not in given_forms("JUANA")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi mamá Rosa", ("PARENT", "F", (), (), ("ROSA",))),
        ("mami Lupita", ("PARENT", "F", (), (), ("LUPITA",))),
        ("papá Chepe", ("PARENT", "M", (), (), ("CHEPE",))),
        ("LOPEZ PEREZ, JUANA", (None, None, ("JUANA",), ("LOPEZ", "PEREZ"), ())),
        ("PÉREZ HERNÁNDEZ, JOSÉ LUIS", (None, None, ("JOSE", "LUIS"), ("PEREZ", "HERNANDEZ"), ())),
        ("Chepe López", (None, None, (), (), ("CHEPE", "LOPEZ"))),
        ("mi tía María de los Ángeles", ("AUNT_UNCLE", "F", (), (), ("MARIA", "ANGELES"))),
        ("abuelita Concha", ("GRANDPARENT", "F", (), (), ("CONCHA",))),
        ("mi hermano", ("SIBLING", "M", (), (), ())),
        ("amiga de mi mamá", ("OTHER", "F", (), (), ())),
        ("señor Beto", ("OTHER", "M", (), (), ("BETO",))),
    ],
)
def test_reported_parent_is_read(text: str, expected: tuple[object, ...]) -> None:
    """expected: (kin, sex, given-name words, surname words, words that may be either)."""
    reported = parse_reported_parent(text)
    assert reported is not None
    found = (reported.kin, reported.sex, reported.given, reported.surnames, reported.loose)
    assert found == expected


@pytest.mark.parametrize("text", [None, "", "   ", ",", " , "])
def test_an_empty_report_names_nobody(text: str | None) -> None:
    assert parse_reported_parent(text) is None


@pytest.mark.parametrize(
    ("child", "adult", "country", "fit"),
    [
        # Hispanic: the child is (father's first, mother's first).
        (ordered("PEREZ", "LOPEZ"), ordered("PEREZ", "GARCIA"), "GTM", "paternal"),
        (ordered("PEREZ", "LOPEZ"), ordered("LOPEZ", "RAMOS"), "GTM", "maternal"),
        # The adult's second surname is not one a parent passes on.
        (ordered("PEREZ", "LOPEZ"), ordered("GARCIA", "PEREZ"), "HND", "shared"),
        # A mother whose child carries both her surnames, or an adult sibling.
        (ordered("LOPEZ", "RAMOS"), ordered("LOPEZ", "RAMOS"), "SLV", "both"),
        (ordered("PEREZ", "LOPEZ"), ordered("CRUZ", "DIAZ"), "GTM", "none"),
        (Surnames(None, None, frozenset(), True), ordered("CRUZ", "DIAZ"), "GTM", "unknown"),
        # A child who carries only one surname: the one it carries.
        (ordered("PEREZ"), ordered("PEREZ", "GARCIA"), "GTM", "paternal"),
        # When the records leave the order open, the place is unclear.
        (
            Surnames("LOPEZ", "PEREZ", frozenset({"PEREZ", "LOPEZ"}), False),
            ordered("PEREZ", "GARCIA"),
            "GTM",
            "common",
        ),
        # The same surname from both parents: either parent's.
        (Surnames("COC", "COC", frozenset({"COC"}), True), ordered("COC", "TZUL"), "GTM", "common"),
        # Brazil: the child is (mother's last, father's last).
        (ordered("COSTA", "SILVA"), ordered("SOUZA", "SILVA"), "BRA", "paternal"),
        (ordered("COSTA", "SILVA"), ordered("LIMA", "COSTA"), "BRA", "maternal"),
    ],
)
def test_surname_fit_follows_hispanic_naming(
    child: Surnames, adult: Surnames, country: str, fit: SurnameFit
) -> None:
    assert surname_fit(child, adult, country) == fit


@pytest.mark.parametrize(
    ("left", "right", "typo"),
    [
        ("CALDERON", "CLLDERON", True),
        ("CALDERON", "CALDEORN", True),
        ("CALDERON", "CALDRON", True),
        ("MARIO", "MAROI", True),
        ("PAZ", "PEZ", False),
        ("LOPEZ", "LOPEZ", False),
        ("LOPEZ", "PEREZ", False),
    ],
)
def test_one_typo_apart(left: str, right: str, typo: bool) -> None:
    assert one_typo_apart(left, right) is typo
    assert one_typo_apart(right, left) is typo


def test_names_are_read_across_a_persons_records() -> None:
    # One record swaps given names and surnames, one has a typo, one drops the second
    # surname: together they still say María José, Pérez then López.
    records = (
        record(Source.CBP, "E1", first_name="María José", last_name="Pérez López"),
        record(Source.ORR, "O1", first_name="Pérez López", last_name="María José"),
        record(Source.ICE, "I1", full_name="PREEZ, MARIA JOSE"),
        record(Source.USCIS, "F1", given_name="Maria Jose", family_name="Perez"),
    )
    surnames, given = read_names(records, NameRoles(records))
    assert given == {"MARIA", "JOSE"}
    assert surnames.every == {"PEREZ", "LOPEZ"}
    assert (surnames.first, surnames.ordered) == ("PEREZ", True)


MOTHER = (
    record(Source.CBP, "E10", first_name="Rosa María", last_name="LOPEZ PEREZ", sex="F"),
    record(Source.ICE, "I10", full_name="LOPEZ PEREZ, ROSA MARIA", sex="F"),
)
FATHER = (record(Source.CBP, "E20", first_name="José Luis", last_name="Ramírez Cruz", sex="M"),)


@pytest.mark.parametrize(
    ("adults", "text", "given", "clean"),
    [
        (MOTHER, "mi mamá Rosa", "ROSA", True),
        (MOTHER, "LOPEZ PEREZ, ROSA MARIA", "ROSA", True),
        (MOTHER, "Rosita López", "ROSA", True),
        (MOTHER, "Ana María", "MARIA", False),  # ANA is none of her names
        (MOTHER, "GARCIA, ROSA", "ROSA", False),  # a first surname she does not carry
        (FATHER, "Chepe Ramírez", "JOSE", True),
        (FATHER, "papá Pepe", "JOSE", True),
        (FATHER, "mi papá Lalo", None, False),
    ],
)
def test_reported_name_against_an_adult(
    adults: tuple[RecordIn, ...], text: str, given: str | None, clean: bool
) -> None:
    reported = parse_reported_parent(text)
    assert reported is not None
    found = compare_report(person("A", *adults), reported)
    assert found.given == given
    assert (not found.unexplained and not found.missed_first) is clean


def test_a_kin_word_of_the_wrong_sex_weighs_against_the_adult() -> None:
    mother = person("A", *MOTHER)
    child = person("C", record(Source.ORR, "O9", first_name="Ana", last_name="López"))
    pop = count_population([mother])
    for text, sign in (("mi mamá Rosa", 1), ("mi papá Rosa", -1)):
        child_with = person(
            "C",
            record(
                Source.ORR, "O9", first_name="Ana", last_name="López", parent_name_reported=text
            ),
        )
        items = {i.field: i for i in report_evidence(mother, child_with, pop, 16.0)}
        assert (items["parent_sex_reported"].weight or 0.0) * sign > 0
    (blank,) = report_evidence(mother, child, pop, 16.0)
    assert blank.outcome == "blank"


def test_surname_evidence_reads_the_adults_sex() -> None:
    # The child's first surname is the father's: a man carrying it is likelier family
    # than a woman carrying it (she would be on the father's side, not the mother).
    child = person(
        "C", record(Source.CBP, "E1", first_name="Ana", last_name="Pérez López", sex="F")
    )
    man = person("M", record(Source.CBP, "E2", first_name="Juan", last_name="Pérez Cruz", sex="M"))
    woman = person(
        "W", record(Source.CBP, "E3", first_name="Rosa", last_name="Pérez Cruz", sex="F")
    )
    pop = count_population([man, woman])
    on_man = surname_evidence(man, child, pop, 16.0)
    on_woman = surname_evidence(woman, child, pop, 16.0)
    assert on_man.outcome == on_woman.outcome == "match"
    assert (on_man.weight or 0.0) > (on_woman.weight or 0.0) + 2
