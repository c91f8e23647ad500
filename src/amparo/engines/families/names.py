"""Names as families from Central America carry them, read for kinship.

Two things are read here: how an adult's surnames fit a child's under Hispanic naming
(a child's first surname is the father's first, the second is the mother's first), and
what ORR's free-text "parent name reported" says ("mi mamá Rosa", "LOPEZ PEREZ, JUANA",
"Chepe López"). Every function takes untrusted text and never raises on a ``str``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from amparo.engines.extracts.normalise import normalise_name

# Words inside compound names that carry no identity ("María de los Ángeles").
PARTICLES: Final = frozenset({"DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "DA", "DO", "DOS"})

# Usual Spanish hypocorisms, keyed by the nickname, to the given names they stand for.
# A child names a parent the way the family does, and agents write down what they hear.
_NICKNAMES: Final[dict[str, tuple[str, ...]]] = {
    "CHEPE": ("JOSE",),
    "PEPE": ("JOSE",),
    "CHEMA": ("JOSE",),
    "CHEPITA": ("JOSEFA",),
    "PEPA": ("JOSEFA",),
    "LUPE": ("GUADALUPE",),
    "LUPITA": ("GUADALUPE",),
    "PACO": ("FRANCISCO",),
    "PANCHO": ("FRANCISCO",),
    "KIKO": ("FRANCISCO", "ENRIQUE"),
    "PAQUITA": ("FRANCISCA",),
    "PANCHA": ("FRANCISCA",),
    "CHUCHO": ("JESUS",),
    "CHUY": ("JESUS",),
    "CONCHA": ("CONCEPCION",),
    "CONCHITA": ("CONCEPCION",),
    "LOLA": ("DOLORES",),
    "LOLITA": ("DOLORES",),
    "CHAYO": ("ROSARIO",),
    "CHARO": ("ROSARIO",),
    "NACHO": ("IGNACIO",),
    "LALO": ("EDUARDO",),
    "QUIQUE": ("ENRIQUE",),
    "KIKE": ("ENRIQUE",),
    "TONO": ("ANTONIO",),
    "TONA": ("ANTONIA",),
    "BETO": ("ALBERTO", "ROBERTO", "HUMBERTO", "GILBERTO", "NORBERTO"),
    "MEMO": ("GUILLERMO",),
    "MAGUI": ("MARGARITA",),
    "MAGGIE": ("MARGARITA",),
    "MECHE": ("MERCEDES",),
    "CHABELA": ("ISABEL",),
    "CHELA": ("GRACIELA", "ANGELA"),
    "CHAGO": ("SANTIAGO",),
    "RAFA": ("RAFAEL",),
    "MANOLO": ("MANUEL",),
    "MANU": ("MANUEL",),
    "ALE": ("ALEJANDRA", "ALEJANDRO"),
    "GABY": ("GABRIELA",),
    "NANDO": ("FERNANDO",),
    "MONCHO": ("RAMON",),
    "TERE": ("TERESA",),
    "LICHA": ("ALICIA",),
    "LENCHO": ("LORENZO",),
    "GOYO": ("GREGORIO",),
    "CHENTE": ("VICENTE",),
    "FITO": ("ADOLFO", "RODOLFO"),
    "CHELO": ("CONSUELO",),
    "PONCHO": ("ALFONSO",),
    "CHALO": ("GONZALO",),
    "LUCHO": ("LUIS",),
    "JUANCHO": ("JUAN",),
    "MARU": ("MARIA",),
    "MARI": ("MARIA",),
    "NENA": (),
    "TITO": (),
}
# Diminutive endings and what they replace: "Rosita" is Rosa, "Pedrito" is Pedro,
# "Juanito" is Juan, "Carmencita" is Carmen.
_DIMINUTIVES: Final = (
    ("CITA", ""),
    ("CITO", ""),
    ("ITA", "A"),
    ("ITA", ""),
    ("ITO", "O"),
    ("ITO", ""),
)

Kin = Literal["PARENT", "GRANDPARENT", "AUNT_UNCLE", "SIBLING", "OTHER"]

# Kin words a child uses for the adult, longest first so "amiga de mi mama" is not "mama".
_KIN_PHRASES: Final[tuple[tuple[tuple[str, ...], Kin, str | None], ...]] = tuple(
    sorted(
        (
            (("AMIGA", "DE", "MI", "MAMA"), "OTHER", "F"),
            (("AMIGO", "DE", "MI", "PAPA"), "OTHER", "M"),
            (("AMIGA", "DE", "MI", "PAPA"), "OTHER", "F"),
            (("AMIGO", "DE", "MI", "MAMA"), "OTHER", "M"),
            (("MAMA",), "PARENT", "F"),
            (("MAMI",), "PARENT", "F"),
            (("MADRE",), "PARENT", "F"),
            (("MAMITA",), "PARENT", "F"),
            (("PAPA",), "PARENT", "M"),
            (("PAPI",), "PARENT", "M"),
            (("PADRE",), "PARENT", "M"),
            (("PAPITO",), "PARENT", "M"),
            (("ABUELA",), "GRANDPARENT", "F"),
            (("ABUELITA",), "GRANDPARENT", "F"),
            (("ABUELO",), "GRANDPARENT", "M"),
            (("ABUELITO",), "GRANDPARENT", "M"),
            (("TIA",), "AUNT_UNCLE", "F"),
            (("TIO",), "AUNT_UNCLE", "M"),
            (("HERMANA",), "SIBLING", "F"),
            (("HERMANO",), "SIBLING", "M"),
            (("SENORA",), "OTHER", "F"),
            (("SENOR",), "OTHER", "M"),
            (("AMIGA",), "OTHER", "F"),
            (("AMIGO",), "OTHER", "M"),
            (("MADRINA",), "OTHER", "F"),
            (("PADRINO",), "OTHER", "M"),
        ),
        key=lambda phrase: -len(phrase[0]),
    )
)
_POSSESSIVES: Final = frozenset({"MI", "MIS", "SU"})


def tokens(text: str | None) -> tuple[str, ...]:
    """Matching tokens of a name: normalised words, particles dropped, hyphens split."""
    if not text:
        return ()
    return _tokens(text)


# Extracts repeat the same names and reports over and over; the caches are bounded so a
# hostile input of all-different values costs memory no more than this.
_CACHE: Final = 1 << 16


@lru_cache(maxsize=_CACHE)
def _tokens(text: str) -> tuple[str, ...]:
    key = normalise_name(text)
    if key is None:
        return ()
    words = key.replace("-", " ").replace("'", "").split()
    return tuple(word for word in words if word not in PARTICLES)


def one_typo_apart(left: str, right: str) -> bool:
    """Whether two words differ by one typo: a letter dropped, replaced, or two adjacent
    letters swapped. Short words are never typos of each other (PAZ, PEZ)."""
    if left == right or min(len(left), len(right)) < 4:
        return False
    if len(left) == len(right):
        diff = [i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and left[diff[0]] == right[diff[1]]
            and left[diff[1]] == right[diff[0]]
        )
    if abs(len(left) - len(right)) != 1:
        return False
    short, long = sorted((left, right), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=_CACHE)
def given_forms(token: str) -> frozenset[str]:
    """The given names one written word can stand for: itself, and what a nickname or a
    diminutive is short for. ``"CHEPE"`` -> {CHEPE, JOSE}; ``"ROSITA"`` -> {ROSITA, ROSA}."""
    forms = {token, *_NICKNAMES.get(token, ())}
    for ending, replacement in _DIMINUTIVES:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            forms.add(token[: -len(ending)] + replacement)
    return frozenset(forms)


@dataclass(frozen=True, slots=True)
class ReportedParent:
    """ORR's free text about the parent, read.

    kin: the relation a kin word states ("mi tía Rosa" -> AUNT_UNCLE), None if none.
    sex: the sex the kin word implies. given / surnames: words known to be given names or
    surnames (the "SURNAMES, GIVEN" form says which is which); loose: words that may be
    either ("Chepe López").
    """

    text: str
    kin: Kin | None
    sex: str | None
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    loose: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.given, *self.surnames, *self.loose)


def parse_reported_parent(text: str | None) -> ReportedParent | None:
    """Read ORR's `parent_name_reported`; None when it names nobody."""
    if not text or not text.strip():
        return None
    return _parse_reported(text)


@lru_cache(maxsize=_CACHE)
def _parse_reported(text: str) -> ReportedParent | None:
    if "," in text:
        # ICE-style "SURNAMES, GIVEN": the last comma divides (surnames get extra commas).
        left, _, right = text.rpartition(",")
        words = tokens(right)
        kin, sex, words = _strip_kin(words)
        surnames = tokens(left)
        if not words and not surnames:
            return None
        return ReportedParent(text, kin, sex, words, surnames, ())
    words = tokens(text)
    kin, sex, words = _strip_kin(words)
    if not words and kin is None:
        return None
    return ReportedParent(text, kin, sex, (), (), words)


def _strip_kin(words: tuple[str, ...]) -> tuple[Kin | None, str | None, tuple[str, ...]]:
    """Take a leading kin phrase ("mi mamá", "amiga de mi mamá") off the words."""
    rest = words
    while rest and rest[0] in _POSSESSIVES:
        rest = rest[1:]
    for phrase, kin, sex in _KIN_PHRASES:
        size = len(phrase)
        # "de" is a particle, so it has already been dropped from the words.
        wanted = tuple(word for word in phrase if word not in PARTICLES)
        size = len(wanted)
        if rest[:size] == wanted:
            return kin, sex, rest[size:]
    return None, None, words


SurnameFit = Literal["paternal", "maternal", "common", "both", "shared", "none", "unknown"]

# Countries whose children carry the mother's surname first and the father's last.
MOTHER_FIRST_COUNTRIES: Final = frozenset({"BRA", "PRT", "AGO"})
# Countries where a child carries a surname from each parent (Hispanic and Lusophone
# naming). Elsewhere (Romania, Congo...) a child carries one family name, usually the
# father's, so a mother sharing none with her child is the rule, not a warning.
TWO_SURNAME_COUNTRIES: Final = frozenset(
    {
        "GTM",
        "HND",
        "SLV",
        "MEX",
        "NIC",
        "CRI",
        "PAN",
        "ECU",
        "COL",
        "PER",
        "VEN",
        "BOL",
        "CHL",
        "ARG",
        "URY",
        "PRY",
        "CUB",
        "DOM",
        "PRI",
        "ESP",
        *MOTHER_FIRST_COUNTRIES,
    }
)


def two_surnames(country: str | None) -> bool:
    """Whether the naming rules of two surnames apply (unknown country: assume so, as
    nearly all of this population is Central American)."""
    return country is None or country in TWO_SURNAME_COUNTRIES


@dataclass(frozen=True, slots=True)
class Surnames:
    """A person's surnames as several records showed them.

    first: the surname most often written first (the paternal one under Hispanic naming);
    second: the one most often written after it; every: all surname words seen; ordered:
    False when the records disagree on which comes first and nothing settles it.
    """

    first: str | None
    second: str | None
    every: frozenset[str]
    ordered: bool = True


def surname_fit(child: Surnames, adult: Surnames, country: str | None) -> SurnameFit:
    """How an adult's surnames sit in a child's.

    paternal: the adult's own first surname is the child's first (a father, or anyone of
    the father's line); maternal: it is the child's second (a mother, or the mother's
    line); common: one surname in common, but the records leave its place unclear; both:
    they share two surnames (an adult sibling, or a mother whose child carries her two
    surnames); shared: a surname in common that is not the adult's first (not one a
    parent passes on); none: nothing in common; unknown: one of them has no surname on
    record. Where children carry the mother's surname first (Brazil, Portugal) the
    surname a parent passes on is the last.
    """
    common = child.every & adult.every
    if not common or len(common) >= 2:
        if not child.every or not adult.every:
            return "unknown"
        return "none" if not common else "both"
    mother_first = country in MOTHER_FIRST_COUNTRIES
    own = (adult.second or adult.first) if mother_first else adult.first
    if adult.ordered and own not in common:
        return "shared"
    # Both (the child's both surnames the same word, Coc Coc): either parent's.
    if not (adult.ordered and child.ordered) or child.second == child.first:
        return "common"
    child_paternal = (child.second or child.first) if mother_first else child.first
    return "paternal" if own == child_paternal else "maternal"
