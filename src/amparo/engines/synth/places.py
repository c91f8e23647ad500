"""Countries, languages, sectors, facilities and shelters, with the spellings agencies use.

Each code has a canonical form (the one truth/ uses) and the variants that appear in the
extracts; the first variant is the most common one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import Final

from amparo.engines.synth.names import BRAZILIAN, CONGOLESE, HISPANIC, ROMANIAN


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    share: float  # percent of families (DOMAIN.md section 7)
    culture: str
    languages: tuple[tuple[str, float], ...]  # canonical language, weight
    spellings: tuple[str, ...]


SPANISH: Final = "Spanish"
MAYAN_LANGUAGES: Final = ("K'iche'", "Mam", "Q'anjob'al", "Q'eqchi'", "Akatek")

COUNTRIES: Final = (
    Country(
        "GTM",
        58.0,
        HISPANIC,
        (
            (SPANISH, 55),
            ("K'iche'", 17),
            ("Mam", 15),
            ("Q'anjob'al", 5),
            ("Q'eqchi'", 5),
            ("Akatek", 3),
        ),
        ("GUATEMALA", "Guatemala", "GTM", "guatemala", "GUATEMALA "),
    ),
    Country("HND", 29.0, HISPANIC, ((SPANISH, 1),), ("HONDURAS", "Honduras", "HND")),
    Country("SLV", 7.0, HISPANIC, ((SPANISH, 1),), ("EL SALVADOR", "El Salvador", "SLV")),
    Country(
        "MEX",
        2.0,
        HISPANIC,
        ((SPANISH, 90), ("Zapotec", 10)),
        ("MEXICO", "México", "MEX", "Mexico"),
    ),
    Country("BRA", 2.0, BRAZILIAN, (("Portuguese", 1),), ("BRAZIL", "Brasil", "BRA", "Brazil")),
    Country("ROU", 0.6, ROMANIAN, (("Romanian", 1),), ("ROMANIA", "Rumania", "ROU", "Romania")),
    Country(
        "COD",
        0.6,
        CONGOLESE,
        (("French", 55), ("Lingala", 45)),
        ("CONGO (KINSHASA)", "DR Congo", "COD", "República Democrática del Congo"),
    ),
    Country("ECU", 0.4, HISPANIC, ((SPANISH, 1),), ("ECUADOR", "Ecuador", "ECU")),
    Country("NIC", 0.4, HISPANIC, ((SPANISH, 1),), ("NICARAGUA", "Nicaragua", "NIC")),
)
COUNTRY_BY_ISO3: Final = {country.iso3: country for country in COUNTRIES}
_COUNTRY_WEIGHTS: Final = tuple(country.share for country in COUNTRIES)

LANGUAGE_SPELLINGS: Final[dict[str, tuple[str, ...]]] = {
    SPANISH: ("Spanish", "SPANISH", "SPA", "Español", "spanish"),
    "K'iche'": ("K'iche'", "KICHE", "Quiché", "QUICHE", "Kiche"),
    "Mam": ("Mam", "MAM"),
    "Q'anjob'al": ("Q'anjob'al", "KANJOBAL", "Kanjobal"),
    "Q'eqchi'": ("Q'eqchi'", "KEKCHI", "Kekchí"),
    "Akatek": ("Akatek", "AKATEKO", "Acateco"),
    "Zapotec": ("Zapotec", "ZAPOTECO"),
    "Portuguese": ("Portuguese", "PORTUGUESE", "POR", "Português"),
    "Romanian": ("Romanian", "ROMANIAN", "RON", "Rumano"),
    "French": ("French", "FRENCH", "FRA", "Francés"),
    "Lingala": ("Lingala", "LINGALA", "LIN"),
}

# The interpreter a fear interview actually got, when it was not the person's language:
# a Mayan speaker heard through Spanish is the failure the settlement names.
INTERPRETER_FALLBACK: Final[dict[str, tuple[str, float]]] = {
    **dict.fromkeys(MAYAN_LANGUAGES, (SPANISH, 0.45)),
    "Zapotec": (SPANISH, 0.6),
    "Portuguese": (SPANISH, 0.1),
    "Lingala": ("French", 0.5),
}

# Sector, weight, spellings: Rio Grande Valley, El Paso and Yuma held most separations.
SECTORS: Final = (
    ("RGV", 38.0, ("RGV", "RIO GRANDE VALLEY", "Rio Grande Valley")),
    ("ELP", 22.0, ("ELP", "EL PASO", "El Paso")),
    ("YUM", 20.0, ("YUM", "YUMA")),
    ("SDC", 7.0, ("SDC", "SAN DIEGO")),
    ("TCA", 6.0, ("TCA", "TUCSON")),
    ("LRT", 3.0, ("LRT", "LAREDO")),
    ("DRT", 3.0, ("DRT", "DEL RIO")),
    ("BBT", 1.0, ("BBT", "BIG BEND")),
)
_SECTOR_WEIGHTS: Final = tuple(weight for _, weight, _ in SECTORS)

ADULT_FACILITIES: Final = (
    "Port Isabel Service Processing Center",
    "Otero County Processing Center",
    "Eloy Detention Center",
    "West Texas Detention Facility",
    "Northwest ICE Processing Center",
    "Adelanto ICE Processing Center",
    "Otay Mesa Detention Center",
    "El Paso Service Processing Center",
    "La Palma Correctional Center",
    "Stewart Detention Center",
    "Cibola County Correctional Center",
    "FCI Victorville",
)
FAMILY_FACILITIES: Final = (
    "South Texas Family Residential Center",
    "Karnes County Residential Center",
    "Berks Family Residential Center",
)
SHELTERS: Final = (
    "Casa Padre",
    "Casa Guadalupe",
    "Southwest Key Casa Presidente",
    "Bethany Christian Services",
    "Cayuga Centers",
    "Tornillo Influx Facility",
    "Homestead Temporary Shelter",
    "BCFS Raymondville",
    "Lutheran Social Services",
    "St. Peter-St. Joseph Children's Home",
    "Children's Village",
    "Heartland Alliance",
    "Shiloh Treatment Center",
    "Catholic Charities Galveston",
)
SEPARATION_REASONS: Final = (
    "PROSECUTION",
    "ZERO TOLERANCE",
    "1325 PROSECUTION",
    "CRIM HIST",
    "FAMILY SEP",
    "MEDICAL",
    "PARENT DETAINED",
    "OTHER",
    "RED FLAG",
)


def spelling(rng: Random, spellings: Sequence[str]) -> str:
    """One way of writing a code; the first spelling is written about half the time."""
    if len(spellings) == 1 or rng.random() < 0.5:
        return spellings[0]
    return rng.choice(spellings[1:])


def draw_country(rng: Random) -> Country:
    return rng.choices(COUNTRIES, weights=_COUNTRY_WEIGHTS)[0]


def draw_language(rng: Random, country: Country) -> str:
    names = [name for name, _ in country.languages]
    weights = [weight for _, weight in country.languages]
    return rng.choices(names, weights=weights)[0]


def draw_sector(rng: Random) -> tuple[str, tuple[str, ...]]:
    code, _, spellings = rng.choices(SECTORS, weights=_SECTOR_WEIGHTS)[0]
    return code, spellings


def country_spelling(rng: Random, iso3: str) -> str:
    return spelling(rng, COUNTRY_BY_ISO3[iso3].spellings)


def language_spelling(rng: Random, language: str) -> str:
    return spelling(rng, LANGUAGE_SPELLINGS[language])
