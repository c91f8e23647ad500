"""Table-driven tests of the extract normalisers and byte decoding."""

from __future__ import annotations

from datetime import date

import pytest

from amparo.engines.extracts import (
    decode_csv_bytes,
    decode_text,
    fold_accents,
    normalise_a_number,
    normalise_country,
    normalise_language,
    normalise_name,
    normalise_sector,
    parse_date,
    split_ice_full_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("201555017", "201555017"),
        ("A201555017", "201555017"),
        ("a201555017", "201555017"),
        ("A 201-555-017", "201555017"),
        ("A-201-555-017", "201555017"),
        ("  201.555.017 ", "201555017"),
        ("A# 201555017", None),
        ("12345678", "012345678"),
        ("A12345678", "012345678"),
        ("1234567", None),
        ("1234567890", None),
        ("A", None),
        ("", None),
        ("   ", None),
        ("AA201555017", None),
        ("201555O17", None),
        ("201555017A", None),
        ("B201555017", None),
        ("٢٠١٥٥٥٠١٧", None),  # Arabic-Indic digits: no agency writes them
        ("201 555 017", "201555017"),
    ],
)
def test_normalise_a_number(text: str, expected: str | None) -> None:
    assert normalise_a_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-07-04", date(2018, 7, 4)),
        (" 2018-07-04 ", date(2018, 7, 4)),
        ("7/4/2018", date(2018, 7, 4)),
        ("07/04/2018", date(2018, 7, 4)),
        ("12/31/2017", date(2017, 12, 31)),
        ("2/29/2016", date(2016, 2, 29)),
        ("2/29/2018", None),
        ("2018-02-30", None),
        ("2018-7-4", None),
        ("31/12/2017", None),
        ("7/4/18", None),
        ("2018/07/04", None),
        ("04-07-2018", None),
        ("0000-01-01", None),
        ("2018-07-04T00:00:00", None),
        ("July 4, 2018", None),
        ("", None),
        ("007/04/2018", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("María de los Ángeles", "MARIA DE LOS ANGELES"),
        ("  jose   LUIS ", "JOSE LUIS"),
        ("Peña", "PENA"),
        ("O'Neill", "O'NEILL"),
        ("O\u2019Neill", "O'NEILL"),
        ("Jean-Pierre", "JEAN-PIERRE"),
        ("'Rosa'", "ROSA"),
        ("- Rosa -", "ROSA"),
        ("LOPEZ, JUANA", "LOPEZ JUANA"),
        ("mi mamá Rosa.", "MI MAMA ROSA"),
        ("D''Angelo", "D'ANGELO"),
        ("Straße", "STRASSE"),
        ("under_score", "UNDER SCORE"),
        ("...", None),
        ("", None),
    ],
)
def test_normalise_name(text: str, expected: str | None) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LOPEZ PEREZ, JUANA", ("JUANA", "LOPEZ PEREZ")),
        ("  López  Pérez ,  María   José ", ("María José", "López Pérez")),
        ("LOPEZ, PEREZ, JUANA", ("JUANA", "LOPEZ PEREZ")),
        (", JUANA", ("JUANA", "")),
        ("LOPEZ,", ("", "LOPEZ")),
        ("LOPEZ JUANA", ("JUANA", "LOPEZ")),
        ("LOPEZ PEREZ JUANA MARIA", ("JUANA MARIA", "LOPEZ PEREZ")),
        ("LOPEZ", ("", "LOPEZ")),
        ("", ("", "")),
    ],
)
def test_split_ice_full_name(text: str, expected: tuple[str, str]) -> None:
    assert split_ice_full_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guatemala", "GTM"),
        ("GUATEMALA ", "GTM"),
        ("gtm", "GTM"),
        ("guatemalteca", "GTM"),
        ("Honduras", "HND"),
        ("El Salvador", "SLV"),
        ("SLV", "SLV"),
        ("México", "MEX"),
        ("Mexico", "MEX"),
        ("Brasil", "BRA"),
        ("Brazil", "BRA"),
        ("Rumanía", "ROU"),
        ("Romania", "ROU"),
        ("DR Congo", "COD"),
        ("República Democrática del Congo", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Nicaragua", "NIC"),
        ("Ecuador", "ECU"),
        ("Colombia", "COL"),
        ("India", "IND"),
        ("China", "CHN"),
        ("Perú", "PER"),
        ("Venezuela", "VEN"),
        ("Cuba", "CUB"),
        ("Haití", "HTI"),
        ("Estados Unidos", "USA"),
        ("U.S.A.", "USA"),
        ("United States of America", "USA"),
        ("Congo", "CONGO"),
        ("  narnia  del  sur ", "NARNIA DEL SUR"),
        ("", None),
        ("   ", None),
    ],
)
def test_normalise_country(text: str, expected: str | None) -> None:
    assert normalise_country(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spanish", "Spanish"),
        ("SPA", "Spanish"),
        ("Español", "Spanish"),
        ("ESPANOL", "Spanish"),
        ("spanish ", "Spanish"),
        ("K'iche'", "K'iche'"),
        ("KICHE", "K'iche'"),
        ("K'ICHE'", "K'iche'"),
        ("K\u2019iche\u2019", "K'iche'"),
        ("Quiché", "K'iche'"),
        ("Quiche", "K'iche'"),
        ("mam", "Mam"),
        ("Q'anjob'al", "Q'anjob'al"),
        ("KANJOBAL", "Q'anjob'al"),
        ("Q'eqchi'", "Q'eqchi'"),
        ("KEKCHI", "Q'eqchi'"),
        ("Akateko", "Akatek"),
        ("zapoteco", "Zapotec"),
        ("Portugués", "Portuguese"),
        ("ROMANIAN", "Romanian"),
        ("Français", "French"),
        ("LINGALA", "Lingala"),
        ("English", "English"),
        ("  Chuj ", "Chuj"),
        ("", None),
    ],
)
def test_normalise_language(text: str, expected: str | None) -> None:
    assert normalise_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [(code, code) for code in ("RGV", "YUM", "ELP", "SDC", "TCA", "LRT", "DRT", "BBT", "EPT")]
    + [
        ("EL PASO", "ELP"),
        ("el paso", "ELP"),
        ("El Paso Sector", "ELP"),
        ("RIO GRANDE VALLEY", "RGV"),
        ("Río Grande Valley", "RGV"),
        ("YUMA", "YUM"),
        ("SAN DIEGO", "SDC"),
        ("TUCSON", "TCA"),
        ("LAREDO", "LRT"),
        ("DEL RIO", "DRT"),
        ("BIG BEND", "BBT"),
        ("rgv", "RGV"),
        ("Havre", "HAVRE"),
        ("", None),
    ],
)
def test_normalise_sector(text: str, expected: str | None) -> None:
    assert normalise_sector(text) == expected


def test_fold_accents() -> None:
    assert fold_accents("Peña Álvarez Müller") == "Pena Alvarez Muller"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Pe\xc3\xb1a", "Peña", "utf-8"),
        (b"\xef\xbb\xbfJos\xc3\xa9", "José", "utf-8-sig"),
        (b"Pe\xf1a", "Peña", "windows-1252"),
        (b"Jos\xe9 \x93Pepe\x94", "José \u201cPepe\u201d", "windows-1252"),
        # UTF-8 except one hand-edited cp1252 byte: the UTF-8 text survives.
        (b"Jos\xc3\xa9,Pe\xf1a", "José,Peña", "windows-1252"),
        # The five bytes cp1252 leaves undefined map to C1 controls, never fail.
        (b"\x81\x8d\x8f\x90\x9d", "\x81\x8d\x8f\x90\x9d", "windows-1252"),
        (b"\xff\xfeP\x00e\x00\xf1\x00a\x00", "Peña", "utf-16"),
        (b"", "", "utf-8"),
    ],
)
def test_decode_text(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == (text, encoding)
    assert decode_csv_bytes(data) == text
