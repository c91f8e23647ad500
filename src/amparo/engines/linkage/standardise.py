"""Standardising and comparing the identity fields of this population.

Pure functions, safe on any text: they return empty tuples, None or "blank" for
values that hold nothing, never raise. The Splink model (model.py) encodes the same
comparisons in SQL over columns these functions compute; the functions here are
the reference (and what other engines use, e.g. to read ORR's reported parent name).

What the data do (DOMAIN.md section 6): two surnames, reordered or one dropped;
compound given names cut to their first word; accents dropped; typos; given and
surname swapped; dates of birth with day and month swapped, placeholders, year off
by one; A-numbers mistyped, or the parent's A-number on a child's record.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Final, Literal

from amparo.engines.extracts import normalise_name
from amparo.engines.linkage.identifiers import (
    MAX_A_NUMBER_YEAR_GAP,
    PLACEHOLDER_DOBS,
    ANumberOutcome,
    DobOutcome,
    a_number_counts,
    compare_a_numbers,
    compare_dob,
    is_placeholder_dob,
    parse_dob,
    swapped_dob,
)
from amparo.engines.linkage.lexicon import (
    COMMON_GIVEN,
    COMMON_SURNAMES,
    GIVEN_NAME_FORMS,
    PARTICLES,
)
from amparo.engines.linkage.phonetic import phonetic_key, spanish_phonetic
from amparo.engines.linkage.similarity import jaro_winkler, levenshtein

__all__ = [
    "FUZZY_NAME",
    "MAX_A_NUMBER_YEAR_GAP",
    "PLACEHOLDER_DOBS",
    "SIMILAR_NAME",
    "ANumberOutcome",
    "DobOutcome",
    "GivenOutcome",
    "NameRoles",
    "SurnameOutcome",
    "a_number_counts",
    "compare_a_numbers",
    "compare_dob",
    "compare_given_names",
    "compare_surnames",
    "given_name_forms",
    "given_name_tokens",
    "is_placeholder_dob",
    "name_words",
    "names_swapped",
    "parse_dob",
    "phonetic_key",
    "spanish_phonetic",
    "surname_set",
    "surname_tokens",
    "swapped_dob",
]

GivenOutcome = Literal[
    "exact",
    "first_name_kept",
    "part_of_compound",
    "alike",
    "typo",
    "similar",
    "first_typo",
    "partial",
    "mismatch",
    "blank",
]
SurnameOutcome = Literal[
    "exact",
    "reordered",
    "dropped",
    "phonetic",
    "typo",
    "dropped_typo",
    "partial",
    "single_each",
    "mismatch",
    "blank",
]

# Jaro-Winkler at or above this is a typo in a surname (one letter in five or more).
FUZZY_NAME: Final = 0.92
# ... and "similar" for given names (real typos are caught by edit distance first).
SIMILAR_NAME: Final = 0.88


@lru_cache(maxsize=131_072)
def name_words(text: str | None) -> tuple[str, ...]:
    """Matching words of a name: accents folded, upper case, split at spaces and
    hyphens, apostrophes dropped (``"D'Ávila-Cruz"`` -> ``("DAVILA", "CRUZ")``)."""
    if not text:
        return ()
    key = normalise_name(text)
    if key is None:
        return ()
    return tuple(key.replace("-", " ").replace("'", "").split())


@lru_cache(maxsize=131_072)
def given_name_tokens(text: str | None) -> tuple[str, ...]:
    """Words of a given name without particles:
    ``"María de los Ángeles"`` -> ``("MARIA", "ANGELES")``."""
    return tuple(word for word in name_words(text) if word not in PARTICLES)


def surname_tokens(text: str | None) -> tuple[str, ...]:
    """Surnames in the order written, without particles:
    ``"de la Cruz López"`` -> ``("CRUZ", "LOPEZ")``."""
    return given_name_tokens(text)


def surname_set(text: str | None) -> tuple[str, ...]:
    """Surnames as a sorted set, so that reordering them changes nothing."""
    return tuple(sorted(set(surname_tokens(text))))


def given_name_forms(word: str) -> frozenset[str]:
    """Full given names a word may stand for: ``"PEPE"`` -> ``{"JOSE"}``,
    ``"BETO"`` -> ``{"ALBERTO", "HUMBERTO", "ROBERTO"}``; any other word itself."""
    return GIVEN_NAME_FORMS.get(word, frozenset((word,)))


def _forms(tokens: Iterable[str]) -> set[str]:
    return {form for token in tokens for form in given_name_forms(token)}


Words = tuple[str, ...]


def _one_in(a: Words, b: Words) -> bool:
    """One side is a single word that the other side has."""
    return (len(a) == 1 and a[0] in b) or (len(b) == 1 and b[0] in a)


def _given_alike(a: Words, b: Words) -> bool:
    if phonetic_key(a) == phonetic_key(b):
        return True
    return a[0] != b[0] and bool(given_name_forms(a[0]) & given_name_forms(b[0]))


# The model's given-name levels, best first (model._given), as tests on word tuples.
_GIVEN_LADDER: tuple[tuple[GivenOutcome, Callable[[Words, Words], bool]], ...] = (
    ("exact", lambda a, b: a == b),
    ("first_name_kept", lambda a, b: a[0] == b[0] and (len(a) == 1 or len(b) == 1)),
    ("part_of_compound", _one_in),
    ("alike", _given_alike),
    ("typo", lambda a, b: levenshtein(" ".join(a), " ".join(b)) <= 1),
    ("similar", lambda a, b: jaro_winkler(" ".join(a), " ".join(b)) >= SIMILAR_NAME),
    ("first_typo", lambda a, b: _close(a[0], b[0]) or levenshtein(a[0], b[0]) <= 1),
    ("partial", lambda a, b: bool(_forms(a) & _forms(b))),
)


def compare_given_names(left: str | None, right: str | None) -> GivenOutcome:
    """How two given names agree, as the model's levels do, best first: exact;
    first_name_kept (a compound cut to its first name); part_of_compound (a single
    name that is another part of the other's); alike (same sound, or first names
    that are nicknames of one another); typo (one letter); similar (Jaro-Winkler
    >= SIMILAR_NAME); first_typo (the first names a typo apart, as when one was
    also cut from a compound); partial (a name in common, nicknames counted);
    mismatch; blank when either is empty."""
    a, b = given_name_tokens(left), given_name_tokens(right)
    if not a or not b:
        return "blank"
    return next((outcome for outcome, test in _GIVEN_LADDER if test(a, b)), "mismatch")


def _phonetic_set(words: Words) -> Words:
    return tuple(sorted({spanish_phonetic(word) for word in words}))


def _sounds_alike(a: Words, b: Words) -> bool:
    return a == b or _one_in(a, b)


def _close(one: str | None, two: str | None) -> bool:
    return one is not None and two is not None and jaro_winkler(one, two) >= FUZZY_NAME


def _surname_typo(a: Words, b: Words) -> bool:
    """Both one surname, a typo apart; or two each, one equal and one a typo apart
    (the model sees the first two of each sorted set)."""
    if len(a) == 1 and len(b) == 1:
        return _close(a[0], b[0])
    x1, x2 = a[0], a[1] if len(a) > 1 else None
    y1, y2 = b[0], b[1] if len(b) > 1 else None
    return (
        (x1 == y1 and _close(x2, y2))
        or (x2 is not None and x2 == y2 and _close(x1, y1))
        or (x1 == y2 and _close(x2, y1))
        or (x2 is not None and x2 == y1 and _close(x1, y2))
    )


def _dropped_typo(a: Words, b: Words) -> bool:
    for one, other in ((a, b), (b, a)):
        if len(one) == 1 and any(_close(one[0], word) for word in other[:2]):
            return True
    return False


# The model's surname levels, best first (model._surnames), on sorted surname sets.
_SURNAME_LADDER: tuple[tuple[SurnameOutcome, Callable[[Words, Words], bool]], ...] = (
    ("reordered", lambda a, b: a == b),
    ("dropped", _one_in),
    ("phonetic", lambda a, b: _sounds_alike(_phonetic_set(a), _phonetic_set(b))),
    ("typo", _surname_typo),
    ("dropped_typo", _dropped_typo),
    ("partial", lambda a, b: bool(set(a) & set(b))),
)


def compare_surnames(left: str | None, right: str | None) -> SurnameOutcome:
    """How two surname fields agree, as the model's levels do, best first: exact
    (same surnames in the same order); reordered (same set); dropped (one side
    kept one of the other's); phonetic (the same sounds, or one side's single
    surname sounds like one of the other's); typo (all equal but one, which is
    within Jaro-Winkler FUZZY_NAME of its match); dropped_typo (one side's single
    surname a typo away from one of the other's); partial (one in common: a
    parent and a child); single_each (one surname on each side, different: each
    kept another of the person's two, or the other parent's); mismatch; blank
    when either is empty."""
    a, b = surname_tokens(left), surname_tokens(right)
    if not a or not b:
        return "blank"
    if a == b:
        return "exact"
    set_a, set_b = tuple(sorted(set(a))), tuple(sorted(set(b)))
    found = next((outcome for outcome, test in _SURNAME_LADDER if test(set_a, set_b)), None)
    if found is not None:
        return found
    return "single_each" if len(set_a) == 1 and len(set_b) == 1 else "mismatch"


def names_swapped(
    left_given: str | None,
    left_surnames: str | None,
    right_given: str | None,
    right_surnames: str | None,
) -> bool:
    """True when one record's given names are the other's surnames and the other
    way round (at least one word in common each way, phonetically)."""
    lg, ls = given_name_tokens(left_given), surname_tokens(left_surnames)
    rg, rs = given_name_tokens(right_given), surname_tokens(right_surnames)
    if not (lg and ls and rg and rs):
        return False

    def overlap(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
        return bool({spanish_phonetic(w) for w in x} & {spanish_phonetic(w) for w in y})

    return overlap(lg, rs) and overlap(ls, rg) and not overlap(lg, rg)


class NameRoles:
    """Which words a set of records uses as given names and which as surnames, to
    spot a record whose two name fields were typed the wrong way round.

    Counts come from the records themselves (swaps are a few per cent, so each
    word's usual role dominates), plus a small prior from lexicon.py so that
    words seen once, or small inputs, still get a sensible answer.
    """

    # Pseudo-counts the prior adds; how far each field must lean the other way on
    # average (log of uses in the other role over uses in this one); and how far
    # both together. A word seen nowhere else (a typo) leans neither way.
    PRIOR: Final = 5
    MIN_SIDE: Final = 0.0
    MIN_TOTAL: Final = 2.5

    def __init__(self) -> None:
        self._given: Counter[str] = Counter()
        self._surname: Counter[str] = Counter()

    def add(self, given: tuple[str, ...], surnames: tuple[str, ...]) -> None:
        self._given.update(given)
        self._surname.update(surnames)

    def _lean(self, word: str, given_own: int, surname_own: int) -> float:
        """log of (uses as a surname / uses as a given name), smoothed, without the
        uses the record being judged contributes itself."""
        given = self._given[word] - given_own + 1 + (self.PRIOR if word in COMMON_GIVEN else 0)
        surname = (
            self._surname[word] - surname_own + 1 + (self.PRIOR if word in COMMON_SURNAMES else 0)
        )
        return math.log(max(surname, 1) / max(given, 1))

    def swapped(
        self, given: tuple[str, ...], surnames: tuple[str, ...], *, own: bool = False
    ) -> bool:
        """True when the given-name field holds surnames and the surname field
        holds given names. With `own`, the record was itself added and its words
        are left out of the counts."""
        if not given or not surnames:
            return False
        mine = 1 if own else 0
        # Most records are plainly in order: stop as soon as the given side says so.
        given_side = sum(
            self._lean(w, mine * given.count(w), mine * surnames.count(w)) for w in given
        ) / len(given)
        if given_side < self.MIN_SIDE:
            return False
        surname_side = -sum(
            self._lean(w, mine * given.count(w), mine * surnames.count(w)) for w in surnames
        ) / len(surnames)
        return surname_side >= self.MIN_SIDE and given_side + surname_side >= self.MIN_TOTAL
