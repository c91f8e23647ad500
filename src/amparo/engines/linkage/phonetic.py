"""A phonetic key for Spanish names (and the Mayan and Portuguese names written
with Spanish spelling in these extracts).

Soundex and Metaphone encode English sounds: they keep v/b, z/s and the two sounds
of c and g apart, and they throw vowels away, which in Spanish are stable and carry
much of a name. This key does the opposite: it merges letters Spanish speakers
pronounce alike (so that "Vásquez", "Basques" and "Vazquez" agree) and keeps the
vowels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from amparo.engines.extracts import fold_accents

__all__ = ["phonetic_key", "spanish_phonetic"]

_NOT_LETTER = re.compile(r"[^A-Z]+")
# Ordered rewrites; each sees the output of the ones before it.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("PH"), "F"),  # foreign spellings: Stephany, Josseph
    (re.compile("TH"), "T"),  # Jonathan
    (re.compile("SC(?=[EI])"), "S"),  # Ascención = Asención
    (re.compile("CH"), "0"),  # /tʃ/ gets its own symbol so that H can then go
    (re.compile("LL"), "Y"),  # yeísmo: Llesenia = Yesenia
    (re.compile("QU"), "K"),  # Quique = Kike
    (re.compile("GU(?=[EI])"), "G"),  # Guillermo: the u is silent, the g hard
    (re.compile("G(?=[EI])"), "J"),  # Gerson = Jerson, Gimenez = Jimenez
    (re.compile("C(?=[EI])"), "S"),  # seseo: Cesar = Sesar
    (re.compile("[CKQ]"), "K"),
    (re.compile("Z"), "S"),  # seseo: Gonzalez = Gonsales
    (re.compile("[VW]"), "B"),  # betacismo: Vásquez = Básquez, Wilmer = Bilmer
    (re.compile("X(?=[^AEIOU]|$)"), "S"),  # Extra, Félix
    (re.compile("X"), "J"),  # Ximena = Jimena, Mexía = Mejía
    (re.compile("H"), ""),  # silent: Ernández = Hernández
    (re.compile("Y(?![AEIOU])"), "I"),  # vowel y: Heidy = Heidi
    (re.compile("N(?=[BP])"), "M"),  # Anbrosio = Ambrosio
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters sound single: Josseph, Marrta
)


@lru_cache(maxsize=65_536)
def spanish_phonetic(word: str) -> str:
    """Phonetic key of one word: ``"Vázquez"`` and ``"BASQUES"`` both give ``"BASKES"``.

    Non-letters are ignored; a word with no letters gives ``""``.
    """
    key = _NOT_LETTER.sub("", fold_accents(word).upper())
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key


def phonetic_key(words: tuple[str, ...] | list[str]) -> str:
    """Phonetic keys of several words, space separated, empty words left out."""
    return " ".join(key for word in words if (key := spanish_phonetic(word)))
