"""Table-driven tests of the linkage standardisation functions: the name forms of
DOMAIN.md section 6, nicknames, the Spanish phonetic key, dates of birth and
A-numbers."""

from __future__ import annotations

from datetime import date

import pytest

from amparo.engines.extracts import normalise_name
from amparo.engines.linkage.similarity import jaro_winkler, levenshtein, one_edit_apart
from amparo.engines.linkage.standardise import (
    NameRoles,
    a_number_counts,
    compare_a_numbers,
    compare_dob,
    compare_given_names,
    compare_surnames,
    given_name_forms,
    given_name_tokens,
    is_placeholder_dob,
    name_words,
    names_swapped,
    parse_dob,
    spanish_phonetic,
    surname_set,
    surname_tokens,
    swapped_dob,
)
from amparo.engines.synth.names import NICKNAMES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("María de los Ángeles", ("MARIA", "ANGELES")),
        ("MARIA DEL CARMEN", ("MARIA", "CARMEN")),
        ("María-José", ("MARIA", "JOSE")),
        ("  josé   luis ", ("JOSE", "LUIS")),
        ("Ana María", ("ANA", "MARIA")),
        ("Jean-Claude", ("JEAN", "CLAUDE")),
        ("de", ()),
        ("", ()),
        (None, ()),
        ("---", ()),
    ],
)
def test_given_name_tokens(text: str | None, expected: tuple[str, ...]) -> None:
    assert given_name_tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "ordered", "as_set"),
    [
        ("López Pérez", ("LOPEZ", "PEREZ"), ("LOPEZ", "PEREZ")),
        ("Pérez López", ("PEREZ", "LOPEZ"), ("LOPEZ", "PEREZ")),
        ("de la Cruz López", ("CRUZ", "LOPEZ"), ("CRUZ", "LOPEZ")),
        ("Ortega y Gasset", ("ORTEGA", "GASSET"), ("GASSET", "ORTEGA")),
        ("Silva e Santos", ("SILVA", "SANTOS"), ("SANTOS", "SILVA")),
        ("D'Ávila", ("DAVILA",), ("DAVILA",)),
        ("LÓPEZ LÓPEZ", ("LOPEZ", "LOPEZ"), ("LOPEZ",)),
        (None, (), ()),
    ],
)
def test_surnames_ordered_and_as_a_set(
    text: str | None, ordered: tuple[str, ...], as_set: tuple[str, ...]
) -> None:
    assert surname_tokens(text) == ordered
    assert surname_set(text) == as_set


def test_name_words_fold_accents_and_marks() -> None:
    assert name_words("D'Ávila-Cruz, Peña") == ("DAVILA", "CRUZ", "PENA")
    assert name_words("Ñandú") == ("NANDU",)


@pytest.mark.parametrize(
    ("nickname", "names"),
    [
        ("PEPE", {"JOSE"}),
        ("CHEPE", {"JOSE"}),
        ("LUPE", {"GUADALUPE"}),
        ("PACO", {"FRANCISCO"}),
        ("PANCHO", {"FRANCISCO"}),
        ("CHUCHO", {"JESUS"}),
        ("CHUY", {"JESUS"}),
        ("NACHO", {"IGNACIO"}),
        ("LOLA", {"DOLORES"}),
        ("CONCHA", {"CONCEPCION"}),
        ("CHAYO", {"ROSARIO"}),
        ("FREDY", {"ALFREDO"}),
        ("MANOLO", {"MANUEL"}),
        ("QUIQUE", {"ENRIQUE"}),
        ("BETO", {"ALBERTO", "ROBERTO", "HUMBERTO"}),
        ("TONO", {"ANTONIO"}),
        ("MA", {"MARIA"}),
        ("JOSE", {"JOSE"}),
        ("XICARA", {"XICARA"}),
    ],
)
def test_nicknames(nickname: str, names: set[str]) -> None:
    assert given_name_forms(nickname) == names


@pytest.mark.parametrize(("full", "nicknames"), sorted(NICKNAMES.items()))
def test_every_synthetic_nickname_is_known(full: str, nicknames: tuple[str, ...]) -> None:
    for nickname in nicknames:
        assert normalise_name(full) in given_name_forms(normalise_name(nickname) or "")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Vásquez", "Vasquez", "Basques", "Vazquez"),
        ("Velásquez", "Velazquez", "Belasques"),
        ("González", "Gonzales", "Gonsalez"),
        ("Hernández", "Ernandez"),
        ("Jiménez", "Gimenez", "Ximenez"),
        ("Yesenia", "Llesenia"),
        ("Heidy", "Heidi"),
        ("César", "Sesar"),
        ("Quique", "Kike"),
        ("Guillermo", "Guiyermo"),
        ("Josseph", "Joseph"),
        ("Mejía", "Mexía"),
    ],
)
def test_phonetic_key_merges_spanish_spellings(spellings: tuple[str, ...]) -> None:
    assert len({spanish_phonetic(word) for word in spellings}) == 1


@pytest.mark.parametrize(
    ("left", "right"),
    [("Rosa", "Rosario"), ("Pérez", "López"), ("Juan", "Juana"), ("Gil", "Gis"), ("Cruz", "Luz")],
)
def test_phonetic_key_keeps_different_names_apart(left: str, right: str) -> None:
    assert spanish_phonetic(left) != spanish_phonetic(right)


@pytest.mark.parametrize(
    ("left", "right", "outcome"),
    [
        ("María José", "MARIA JOSE", "exact"),
        ("María de los Ángeles", "María", "first_name_kept"),
        ("José Luis", "Luis", "part_of_compound"),
        ("Yesenia", "Llesenia", "alike"),
        ("Pepe", "José", "alike"),
        ("Chepe Luis", "José Luis", "alike"),
        ("Carmen", "Caemen", "typo"),
        ("Jesus", "Jeus", "typo"),
        ("Karla", "Krala", "similar"),
        ("Marai", "Maria Isabel", "first_typo"),
        ("María José", "Ana María", "partial"),
        ("Beto", "Roberto Carlos", "alike"),
        ("Beto", "Carlos Roberto", "partial"),
        ("Rosa", "Juana", "mismatch"),
        (None, "Rosa", "blank"),
        ("", "", "blank"),
    ],
)
def test_compare_given_names(left: str | None, right: str | None, outcome: str) -> None:
    assert compare_given_names(left, right) == outcome
    assert compare_given_names(right, left) == outcome


@pytest.mark.parametrize(
    ("left", "right", "outcome"),
    [
        ("López Pérez", "LOPEZ PEREZ", "exact"),
        ("López Pérez", "Pérez López", "reordered"),
        ("López Pérez", "López", "dropped"),
        ("López Pérez", "Pérez", "dropped"),
        ("Vásquez", "Basques Cruz", "phonetic"),
        ("Flores Orellana", "Flroes Orellana", "typo"),
        ("Ramos Tum", "Ramoz Tum", "phonetic"),
        ("Orellana Flores", "Orellano Flores", "typo"),
        ("Ramos Tum", "Ramos Tzul", "partial"),
        ("Gonzaiez", "Escobar González", "dropped_typo"),
        ("López Pérez", "López García", "partial"),
        ("López", "García", "single_each"),
        ("López", "García García", "single_each"),
        ("López", "García Tum", "mismatch"),
        ("López Pérez", "García Tum", "mismatch"),
        ("", "García", "blank"),
    ],
)
def test_compare_surnames(left: str, right: str, outcome: str) -> None:
    assert compare_surnames(left, right) == outcome
    assert compare_surnames(right, left) == outcome


@pytest.mark.parametrize(
    ("left", "right", "swapped"),
    [
        (("López Pérez", "María"), ("María", "López Pérez"), True),
        (("Lopez", "Maria Jose"), ("María José", "Pérez López"), True),
        (("María", "López Pérez"), ("María", "López"), False),
        (("María", None), ("López", "María"), False),
    ],
)
def test_names_swapped_between_two_records(
    left: tuple[str | None, str | None], right: tuple[str | None, str | None], swapped: bool
) -> None:
    assert names_swapped(*left, *right) is swapped


def test_name_roles_spot_a_swapped_record() -> None:
    roles = NameRoles()
    population = [("MARIA",), ("JOSE", "LUIS"), ("ROSA",), ("MARVIN",)]
    surnames = [("LOPEZ", "PEREZ"), ("TZUL",), ("GARCIA", "XOL"), ("CAAL",)]
    for given in population:
        for family in surnames:
            roles.add(given, family)
    roles.add(("TZUL", "GARNIA"), ("MARIA",))  # swapped, and with a typo
    assert roles.swapped(("TZUL", "GARNIA"), ("MARIA",), own=True)
    assert not roles.swapped(("MARIA",), ("TZUL",))
    assert not roles.swapped(("MARVIN",), ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2005-03-12", date(2005, 3, 12)),
        (" 2005-03-12 ", date(2005, 3, 12)),
        ("1900-01-01", None),
        ("1899-12-31", None),
        ("2018-02-30", None),
        ("3/12/2005", None),  # RecordIn dates are ISO already
        ("garbage", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_dob(text: str | None, expected: date | None) -> None:
    assert parse_dob(text) == expected


def test_placeholders_and_swaps() -> None:
    assert is_placeholder_dob(date(1900, 1, 1))
    assert not is_placeholder_dob(date(2005, 1, 1))
    assert swapped_dob(date(2005, 3, 12)) == date(2005, 12, 3)
    assert swapped_dob(date(2005, 3, 13)) is None
    assert swapped_dob(date(2005, 3, 3)) is None


@pytest.mark.parametrize(
    ("left", "right", "outcome"),
    [
        ((2005, 3, 12), (2005, 3, 12), "exact"),
        ((2005, 3, 12), (2005, 12, 3), "swapped"),
        ((2005, 3, 12), (2006, 3, 12), "year_off"),
        ((2005, 3, 12), (2004, 3, 12), "year_off"),
        ((2005, 3, 12), (2005, 1, 1), "year_only"),
        ((2005, 1, 1), (2005, 1, 1), "year_only"),
        ((2005, 1, 1), (2006, 1, 1), "year_only_off"),
        ((2005, 3, 12), (2004, 1, 1), "year_only_off"),
        ((2006, 12, 14), (2005, 1, 1), "year_only_off"),
        ((2005, 3, 12), (2007, 1, 1), "mismatch"),
        ((2005, 3, 12), (2005, 3, 21), "typo"),
        ((2005, 3, 12), (2008, 3, 12), "typo"),
        ((2005, 3, 12), (1980, 7, 4), "mismatch"),
        ((1900, 1, 1), (2005, 3, 12), "blank"),
        (None, (2005, 3, 12), "blank"),
    ],
)
def test_compare_dob(
    left: tuple[int, int, int] | None, right: tuple[int, int, int] | None, outcome: str
) -> None:
    a = date(*left) if left else None
    b = date(*right) if right else None
    assert compare_dob(a, b) == outcome
    assert compare_dob(b, a) == outcome


@pytest.mark.parametrize(
    ("left", "right", "outcome"),
    [
        ("A 201-555-017", "201555017", "exact"),
        ("A12345678", "012345678", "exact"),
        ("201555017", "201555071", "transposition"),
        ("201555017", "102555017", "transposition"),
        ("201555017", "201555018", "one_digit"),
        ("201555017", "201565018", "mismatch"),
        ("201555017", "999999999", "mismatch"),
        ("201555017", "A12", "blank"),
        (None, "201555017", "blank"),
    ],
)
def test_compare_a_numbers(left: str | None, right: str | None, outcome: str) -> None:
    assert compare_a_numbers(left, right) == outcome
    assert compare_a_numbers(right, left) == outcome


def test_an_a_number_never_outvotes_a_birth_year_gap() -> None:
    parent, child = date(1980, 5, 1), date(2010, 6, 2)
    assert not a_number_counts("exact", parent, child)
    assert a_number_counts("exact", parent, date(1981, 5, 1))
    assert a_number_counts("transposition", parent, None)
    assert not a_number_counts("mismatch", parent, parent)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("MARTHA", "MARHTA", 0.9611),
        ("DIXON", "DICKSONX", 0.8133),
        ("MARIA", "MARIA", 1.0),
        ("", "", 0.0),
        ("ANA", "EVA", 0.5556),
    ],
)
def test_jaro_winkler(left: str, right: str, expected: float) -> None:
    assert jaro_winkler(left, right) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("left", "right", "distance", "one_edit"),
    [
        ("JESUS", "JEUS", 1, True),
        ("KARLA", "KRALA", 2, True),
        ("CARMEN", "CAEMEN", 1, True),
        ("ANA", "ANA", 0, False),
        ("ROSA", "ROSARIO", 3, False),
    ],
)
def test_edit_distances(left: str, right: str, distance: int, one_edit: bool) -> None:
    assert levenshtein(left, right) == distance
    assert one_edit_apart(left, right) is one_edit
