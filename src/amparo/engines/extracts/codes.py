"""Free-text codes the contract leaves unstandardised: countries, languages, sectors.

Unlike the closed code lists in ``spec.CODE_LISTS``, an unrecognised value here is
not a problem: it is kept (upper-cased for countries and sectors, as typed for
languages) so that two records with the same odd spelling still agree.

Lookups ignore case, accents, spaces and punctuation, so ``"K'ICHE'"``,
``"Quiché"`` and ``"k iche"`` share one key.
"""

from __future__ import annotations

import re

from amparo.engines.extracts.normalise import fold_accents, squash_spaces

__all__ = ["lookup_key", "normalise_country", "normalise_language", "normalise_sector"]

_NOT_ALNUM = re.compile(r"[\W_]+")


def lookup_key(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive form of ``text``."""
    return _NOT_ALNUM.sub("", fold_accents(text).upper())


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Map every spelling's key, and the canonical value's own key, to the canonical value."""
    index: dict[str, str] = {}
    for canonical, spellings in table.items():
        for spelling in (canonical, *spellings):
            key = lookup_key(spelling)
            if index.setdefault(key, canonical) != canonical:
                raise ValueError(f"{spelling!r} is claimed by {index[key]} and {canonical}")
    return index


# ISO 3166 alpha-3 -> names in English and Spanish (accents are folded by the key,
# so one spelling covers both), demonyms agents type in a citizenship field, and
# the alpha-2 code. "CONGO" alone is left out on purpose: it names two countries.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "GTM": ("GT", "Guatemala", "Guatemalan", "Guatemalteco", "Guatemalteca"),
    "HND": ("HN", "Honduras", "Honduran", "Hondureño", "Hondureña"),
    "SLV": ("SV", "El Salvador", "Salvador", "Salvadoran", "Salvadoreño", "Salvadoreña"),
    "MEX": ("MX", "Mexico", "Méjico", "Mexican", "Mexicano", "Mexicana"),
    "BRA": ("BR", "Brazil", "Brasil", "Brazilian", "Brasileño", "Brasileiro", "Brasileira"),
    "ROU": ("RO", "Romania", "Rumania", "Rumanía", "România", "Roumania", "Romanian"),
    "COD": (
        "CD",
        "DR Congo",
        "DRC",
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "Congo, Democratic Republic of the",
        "Congo (Kinshasa)",
        "Congo-Kinshasa",
        "Congo DRC",
        "RD Congo",
        "RDC",
        "República Democrática del Congo",
        "Republica Democratica del Congo",
        "Zaire",
    ),
    "COG": ("CG", "Republic of the Congo", "Congo (Brazzaville)", "Congo-Brazzaville"),
    "NIC": ("NI", "Nicaragua", "Nicaraguan", "Nicaragüense"),
    "ECU": ("EC", "Ecuador", "Ecuadorian", "Ecuatoriano", "Ecuatoriana"),
    "COL": ("CO", "Colombia", "Colombian", "Colombiano", "Colombiana"),
    "IND": ("IN", "India", "Indian"),
    "CHN": ("CN", "China", "People's Republic of China", "Chinese"),
    "PER": ("PE", "Peru", "Perú", "Peruvian", "Peruano", "Peruana"),
    "VEN": ("VE", "Venezuela", "Venezuelan", "Venezolano", "Venezolana"),
    "CUB": ("CU", "Cuba", "Cuban", "Cubano", "Cubana"),
    "HTI": ("HT", "Haiti", "Haití", "Haïti", "Haitian", "Haitiano", "Haitiana"),
    "DOM": ("DO", "Dominican Republic", "República Dominicana", "Dominicano", "Dominicana"),
    "USA": (
        "US",
        "U.S.",
        "U.S.A.",
        "United States",
        "United States of America",
        "Estados Unidos",
        "EE.UU.",
        "EEUU",
        "Estadounidense",
    ),
    "CAN": ("CA", "Canada"),
    "ERI": ("ER", "Eritrea", "Eritrean"),
    "AGO": ("AO", "Angola", "Angolan"),
    "CMR": ("CM", "Cameroon", "Camerún", "Cameroun", "Cameroonian"),
    "BGD": ("BD", "Bangladesh", "Bangladeshi"),
    "NPL": ("NP", "Nepal", "Nepali", "Nepalese"),
    "RUS": ("RU", "Russia", "Russian Federation", "Rusia"),
    "TUR": ("TR", "Turkey", "Türkiye", "Turquía"),
}

# Canonical language names as DOMAIN.md writes them -> spellings seen in bookings,
# including ISO 639-2/3 codes. A Mayan language's apostrophes are part of its name
# but are dropped by the key, so K'ICHE' and KICHE agree.
_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Spanish": ("SPA", "SPN", "ES", "ESP", "Español", "Espanol", "Castellano", "Castilian"),
    "K'iche'": ("Kiche", "K'iche", "Quiche", "Quiché", "Kiché", "QUC", "QUI"),
    "Mam": ("MAM",),
    "Q'anjob'al": ("Qanjobal", "Kanjobal", "Kanhobal", "Q'anjobal", "KJB"),
    "Q'eqchi'": ("Qeqchi", "Kekchi", "Kekchí", "Q'eqchi", "KEK"),
    "Akatek": ("Akateko", "Acateco", "Akateco", "Acatec", "KNJ"),
    "Zapotec": ("Zapoteco", "Zapoteca", "ZAP"),
    "Portuguese": ("POR", "PT", "Portugués", "Português", "Portugues"),
    "Romanian": ("RON", "RUM", "RO", "Rumano", "Română", "Romana"),
    "French": ("FRA", "FRE", "FR", "Francés", "Français", "Frances"),
    "Lingala": ("LIN", "LN"),
    "English": ("ENG", "EN", "Inglés", "Ingles"),
}

# Border Patrol sector codes -> sector names. ELP and EPT are both in the
# contract's list and are kept apart; "El Paso" follows the contract's own
# example ("ELP or EL PASO"). Marfa is Big Bend's name before 2011.
_SECTORS: dict[str, tuple[str, ...]] = {
    "RGV": ("Rio Grande Valley", "Río Grande Valley", "Rio Grande", "McAllen"),
    "YUM": ("Yuma",),
    "ELP": ("El Paso",),
    "EPT": (),
    "SDC": ("San Diego",),
    "TCA": ("Tucson", "Tucsón"),
    "LRT": ("Laredo",),
    "DRT": ("Del Rio", "Del Río"),
    "BBT": ("Big Bend", "Marfa", "MAR"),
    "ELC": ("El Centro",),
}

_COUNTRY_INDEX = _index(_COUNTRIES)
_LANGUAGE_INDEX = _index(_LANGUAGES)
_SECTOR_INDEX = _index(_SECTORS)
_SECTOR_SUFFIX = "SECTOR"


def normalise_country(text: str) -> str | None:
    """Return the ISO 3166 alpha-3 code for a country name or code; None if empty.

    ``"Guatemala"``, ``"GUATEMALA "``, ``"gtm"``, ``"Hondureña"``, ``"Perú"`` map
    to codes. A country that is not recognised is kept as upper-cased trimmed
    text (countries are free text in the contract, so it is not a bad value).
    """
    display = squash_spaces(text)
    if not display:
        return None
    return _COUNTRY_INDEX.get(lookup_key(display), display.upper())


def normalise_language(text: str) -> str | None:
    """Return the canonical name of a language (``"KICHE"`` -> ``"K'iche'"``); None if empty.

    An unrecognised language is kept as typed (trimmed): it is free text.
    """
    display = squash_spaces(text)
    if not display:
        return None
    return _LANGUAGE_INDEX.get(lookup_key(display), display)


def normalise_sector(text: str) -> str | None:
    """Return the Border Patrol sector code (``"El Paso"`` -> ``"ELP"``); None if empty.

    A trailing word "Sector" is ignored. An unrecognised sector is kept as
    upper-cased trimmed text.
    """
    display = squash_spaces(text)
    if not display:
        return None
    key = lookup_key(display)
    code = _SECTOR_INDEX.get(key)
    if code is None and key.endswith(_SECTOR_SUFFIX):
        code = _SECTOR_INDEX.get(key.removesuffix(_SECTOR_SUFFIX))
    return code if code is not None else display.upper()
