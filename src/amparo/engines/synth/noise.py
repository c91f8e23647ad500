"""How a true fact becomes what an agency typed: the corruptions of DOMAIN.md section 6.

Every function here returns a value an honest reader must accept (a real calendar date,
an A-number of 8-9 digits, a non-empty name); deliberate errors live in garbage.py.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from random import Random
from typing import Final

from amparo.engines.synth.config import WINDOW_START
from amparo.engines.synth.names import nickname

ISO: Final = "iso"
US: Final = "us"  # 7/4/2018
US_PADDED: Final = "us0"  # 07/04/2018

PLACEHOLDER_DOB: Final = date(1900, 1, 1)
_TYPO_LETTERS: Final = "aeioulnrstmc"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def format_date(value: date | None, style: str) -> str:
    if value is None:
        return ""
    if style == US:
        return f"{value.month}/{value.day}/{value.year}"
    if style == US_PADDED:
        return f"{value.month:02d}/{value.day:02d}/{value.year}"
    return value.isoformat()


def date_style(rng: Random, iso_share: float) -> str:
    if rng.random() < iso_share:
        return ISO
    return US if rng.random() < 0.5 else US_PADDED


def observed_dob(rng: Random, dob: date) -> date | None:
    """A date of birth as one agency recorded it: mostly right, sometimes not."""
    roll = rng.random()
    if roll < 0.03 and dob.day <= 12 and dob.day != dob.month:
        return date(dob.year, dob.day, dob.month)
    if roll < 0.045:
        # Only the year was known: agents typed the first of January.
        return date(dob.year, 1, 1)
    if roll < 0.05:
        return PLACEHOLDER_DOB
    if roll < 0.07:
        later = _shift_year(dob, 1)
        # A birth date a year late would fall after the crossing for babies.
        return later if later < WINDOW_START and rng.random() < 0.5 else _shift_year(dob, -1)
    if roll < 0.08:
        return None
    return dob


def _shift_year(value: date, years: int) -> date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def add_years(value: date, years: int) -> date:
    shifted = _shift_year(value, years)
    return shifted + timedelta(days=1) if shifted.day != value.day else shifted


def render_a_number(rng: Random, digits: str) -> str:
    """An A-number in one of the shapes agencies write it (all normalise to the same)."""
    nine = digits.zfill(9)
    roll = rng.random()
    if roll < 0.40:
        return digits
    if roll < 0.62:
        return f"A{digits}"
    if roll < 0.74:
        return f"A {nine[:3]}-{nine[3:6]}-{nine[6:]}"
    if roll < 0.84:
        return f"{nine[:3]}-{nine[3:6]}-{nine[6:]}"
    if roll < 0.92:
        return f"A-{nine}"
    return f"A {nine[:3]} {nine[3:6]} {nine[6:]}"


def mistype_digit(rng: Random, digits: str) -> str:
    """The same A-number with one digit typed wrong (same length, still well formed)."""
    position = rng.randrange(len(digits))
    wrong = rng.choice([d for d in "0123456789" if d != digits[position]])
    return digits[:position] + wrong + digits[position + 1 :]


def typo(rng: Random, text: str) -> str:
    """Swap, drop or replace one letter of one word that is long enough to survive it."""
    words = text.split(" ")
    candidates = [i for i, word in enumerate(words) if len(word) >= 4 and word.isalpha()]
    if not candidates:
        return text
    index = rng.choice(candidates)
    word = words[index]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == 1:
        word = word[:at] + word[at + 1 :]
    else:
        letter = rng.choice(_TYPO_LETTERS)
        word = word[:at] + (letter.upper() if word.isupper() else letter) + word[at + 1 :]
    words[index] = word
    return " ".join(words)


def observed_surnames(rng: Random, surnames: tuple[str, ...]) -> str:
    """Surnames as typed: the maternal one dropped, the two reordered, or both kept."""
    if len(surnames) < 2:
        return " ".join(surnames)
    roll = rng.random()
    if roll < 0.22:
        return surnames[0]
    if roll < 0.28:
        return f"{surnames[1]} {surnames[0]}"
    if roll < 0.31:
        return surnames[1]
    return " ".join(surnames)


def observed_given(rng: Random, given: str) -> str:
    """A compound given name is often cut to its first word ("María de los Ángeles")."""
    if " " in given and rng.random() < 0.18:
        return given.split(" ", maxsplit=1)[0]
    return given


def observed_name(
    rng: Random, given: str, surnames: tuple[str, ...], *, accents: float
) -> tuple[str, str]:
    """(given, family) as one agency typed them; accents kept with probability accents."""
    first = observed_given(rng, given)
    last = observed_surnames(rng, surnames)
    if rng.random() < 0.05:
        if rng.random() < 0.5:
            first = typo(rng, first)
        else:
            last = typo(rng, last)
    if rng.random() >= accents:
        first, last = strip_accents(first), strip_accents(last)
    if rng.random() < 0.02:
        first, last = last, first
    return first, last


def split_given(rng: Random, given: str) -> tuple[str, str]:
    """First and middle name for forms with a middle-name box."""
    if " " not in given or rng.random() < 0.35:
        return given, ""
    first, rest = given.split(" ", 1)
    return first, rest


def recase(rng: Random, text: str, *, upper: float) -> str:
    return text.upper() if rng.random() < upper else text


_KIN_WORDS: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("PARENT", "F"): ("mi mamá", "mamá", "mami", "madre"),
    ("PARENT", "M"): ("mi papá", "papá", "papi", "padre"),
    ("GRANDPARENT", "F"): ("mi abuela", "abuela", "abuelita"),
    ("GRANDPARENT", "M"): ("mi abuelo", "abuelo"),
    ("AUNT_UNCLE", "F"): ("mi tía", "tía"),
    ("AUNT_UNCLE", "M"): ("mi tío", "tío"),
    ("SIBLING", "F"): ("mi hermana", "hermana"),
    ("SIBLING", "M"): ("mi hermano", "hermano"),
    ("OTHER", "F"): ("señora", "amiga de mi mamá"),
    ("OTHER", "M"): ("señor", "amigo de mi papá"),
}


def reported_parent(
    rng: Random, given: str, surnames: tuple[str, ...], sex: str, relationship: str
) -> str:
    """What a child or an agent said the adult is called ("mi mamá Rosa", "papá Chepe")."""
    if rng.random() < 0.15:
        return ""
    nick = nickname(rng, given)
    called = nick if nick is not None and rng.random() < 0.55 else observed_given(rng, given)
    form = rng.randrange(4)
    if form == 0:
        return f"{rng.choice(_KIN_WORDS[relationship, sex])} {called}"
    if form == 1:
        formal = f"{' '.join(surnames)}, {given}".upper()
        return strip_accents(formal) if rng.random() < 0.5 else formal
    if form == 2:
        return f"{called} {surnames[0]}"
    return called
