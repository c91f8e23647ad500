"""Normalisers for identity fields: A-numbers, dates and personal names.

Each function takes untrusted text and returns a canonical value, or None when the
text does not hold one. None of them raises on any ``str``: a bad value in an
agency extract is something to report, never a crash.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "fold_accents",
    "normalise_a_number",
    "normalise_name",
    "parse_date",
    "split_ice_full_name",
    "squash_spaces",
]

# [0-9] rather than \d: \d also matches Arabic-Indic and other digits, which no
# agency system emits and int() would silently accept.
_A_NUMBER = re.compile(r"[Aa]?[\s.\-]*([0-9][0-9\s.\-]*)")
_A_NUMBER_SEPARATORS = re.compile(r"[\s.\-]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

# Apostrophe and hyphen look-alikes that keyboards, Word and Excel substitute.
_NAME_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
    }
)
# Anything that is neither a letter/digit nor an in-name mark separates words.
_NAME_SEPARATORS = re.compile(r"[^\w'\-]+|_+")
_MARK_RUNS = re.compile(r"['\-]{2,}")


def squash_spaces(text: str) -> str:
    """Trim ``text`` and collapse every run of whitespace inside it to one space."""
    return " ".join(text.split())


def fold_accents(text: str) -> str:
    """Drop diacritics (``"Peña"`` -> ``"Pena"``), leaving the base letters."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_a_number(text: str) -> str | None:
    """Return the A-number in ``text`` as 9 digits, or None if it does not hold one.

    Accepts an optional leading ``A``/``a`` and spaces, dashes or dots anywhere
    between the digits (``"A 201-555-017"``, ``"a201.555.017"``); the digits must
    number 8 or 9. Eight digits are zero-padded, as agency systems drop the
    leading zero.
    """
    match = _A_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    digits = _A_NUMBER_SEPARATORS.sub("", match.group(1))
    if len(digits) == 9:
        return digits
    if len(digits) == 8:
        return "0" + digits
    return None


def parse_date(text: str) -> date | None:
    """Return the calendar date in ``text``, or None.

    The contract allows exactly two shapes: ISO ``YYYY-MM-DD`` and US
    ``M/D/YYYY`` (one or two digits for month and day, four for the year). The
    date must exist (``2018-02-30`` is None). Nothing else is guessed at: a
    day-first ``30/06/2018`` is not a real month and is None, not reinterpreted.
    """
    text = text.strip()
    match = _ISO_DATE.fullmatch(text)
    if match is not None:
        year, month, day = match.groups()
    else:
        match = _US_DATE.fullmatch(text)
        if match is None:
            return None
        month, day, year = match.groups()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _name_key_pass(text: str) -> str:
    folded = fold_accents(text.translate(_NAME_MARKS)).upper()
    words = []
    for piece in _NAME_SEPARATORS.split(folded):
        # A hyphen or apostrophe joins two parts of one name (JEAN-PIERRE,
        # O'NEILL); at the edge of a word it is quoting or a stray key.
        word = _MARK_RUNS.sub(lambda m: m.group()[0], piece).strip("'-")
        if word:
            words.append(word)
    return " ".join(words)


def normalise_name(text: str) -> str | None:
    """Return a matching key for a personal name; None if it has no letters or digits.

    Accents are dropped, letters upper-cased, punctuation turned into word breaks
    and whitespace collapsed, keeping a hyphen or apostrophe only inside a word:
    ``" María-José  d'Ávila, "`` -> ``"MARIA-JOSE D'AVILA"``. The key is for
    comparing names; show people the original text.
    """
    key = _name_key_pass(text)
    if not key.isascii():
        # Upper-casing can itself produce decomposable letters (e.g. U+01F0 ->
        # J + combining caron); a second pass makes the key a fixed point.
        key = _name_key_pass(key)
    return key or None


def split_ice_full_name(full_name: str) -> tuple[str, str]:
    """Split ICE's ``"SURNAMES, GIVEN NAMES"`` into ``(given_names, surnames)``.

    The text is kept for display (trimmed, whitespace collapsed). When there are
    several commas the last one divides the parts, as the surnames are the part
    that gets extra commas (``"LOPEZ, PEREZ, JUANA"``). Without a comma the order
    is still surname-first: two words are ``SURNAME GIVEN``, three or more are read
    as two surnames then the given names, the usual pattern in this population.
    Matching should not rely on this guess alone.
    """
    if "," in full_name:
        surnames, _, given = full_name.rpartition(",")
        return squash_spaces(given), squash_spaces(surnames.replace(",", " "))
    words = full_name.split()
    if len(words) <= 1:
        return "", " ".join(words)
    if len(words) == 2:
        return words[1], words[0]
    return " ".join(words[2:]), " ".join(words[:2])
