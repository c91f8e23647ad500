"""A person's given names and surnames, read from all of that person's records at once.

Records disagree: a typo adds a word (CLLDERON), a form fills given names and surnames
the wrong way round, the maternal surname is dropped or the two are swapped. Read
together, with how the whole extract uses each word, they say which words are given
names, which are surnames, and which surname comes first (the father's, under
Hispanic naming).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from amparo.engines.families.names import Surnames, one_typo_apart, tokens
from amparo.engines.linkage.types import RecordIn

Names = tuple[tuple[str, ...], tuple[str, ...]]  # (given words, surname words)

# A word seen at most this often in a run may be a typo of one seen this factor more.
_RARE: Final = 3
_COMMON_FACTOR: Final = 10
# About one record in fifty has its given names and surnames the wrong way round.
_SWAP_PRIOR: Final = math.log(0.02 / 0.98)
# How strongly one record tells which surname comes first, in bits: two surnames are
# written in their true order about 11 times in 12, and a lone surname is the first one
# about 7 times in 8 (the maternal one is what gets dropped). Order needs 4:1 to stand.
_PAIR_ORDER_BITS: Final = 3.5
_LONE_ORDER_BITS: Final = 2.9
_ORDER_SETTLED_BITS: Final = 2.0


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _names(record: RecordIn) -> Names:
    return tokens(record.fields.get("given_names_key")), tokens(record.fields.get("surnames_key"))


class NameRoles:
    """How often each word is written as a given name and as a surname, over a whole
    run: ZELAYA is a surname and MANUEL a given name wherever they appear."""

    def __init__(self, records: Iterable[RecordIn]) -> None:
        self.given: Counter[str] = Counter()
        self.surname: Counter[str] = Counter()
        for record in records:
            given, family = _names(record)
            self.given.update(set(given))
            self.surname.update(set(family))
        self._fixes: dict[str, str] = {}
        # Common words by every form with one letter dropped: a word one typo away from a
        # common one shares such a form with it (a dropped, swapped or wrong letter).
        self._by_deletion: dict[str, list[str]] = {}
        for word in sorted(set(self.given) | set(self.surname)):
            if self.given[word] + self.surname[word] > _RARE * _COMMON_FACTOR:
                for form in {word, *_deletions(word)}:
                    self._by_deletion.setdefault(form, []).append(word)

    def corrected(self, word: str) -> str:
        """The word a rare one is a typo of (CLLDERON is CALDERON): a word seen a handful
        of times, one typo away from a word the run uses far more."""
        found = self._fixes.get(word)
        if found is not None:
            return found
        seen = self.given[word] + self.surname[word]
        if seen > _RARE or len(word) < 5:
            self._fixes[word] = word
            return word
        found = word
        best = seen * _COMMON_FACTOR
        near = {w for form in (word, *_deletions(word)) for w in self._by_deletion.get(form, ())}
        for other in sorted(near):
            count = self.given[other] + self.surname[other]
            if count > best and one_typo_apart(word, other):
                found, best = other, count
        self._fixes[word] = found
        return found

    def _log_ratio(self, word: str) -> float:
        """log P(written as a surname) / P(written as a given name), smoothed."""
        return math.log((self.surname[word] + 1) / (self.given[word] + 1))

    def swapped(self, names: Names, others: Sequence[Names]) -> bool:
        """Whether the record more likely has its given names and surnames swapped: its
        given names are surnames elsewhere in the run (and in the person's other records),
        and the reverse."""
        given, family = names
        if not given or not family:
            return False
        evidence = sum(self._log_ratio(w) for w in given)
        evidence -= sum(self._log_ratio(w) for w in family)
        other_given = {w for g, _ in others for w in g}
        other_family = {w for _, f in others for w in f}
        straight = len(set(given) & other_given) + len(set(family) & other_family)
        crossed = len(set(given) & other_family) + len(set(family) & other_given)
        return _SWAP_PRIOR + evidence + (crossed - straight) > 0


def _untypoed(names: list[Names], roles: NameRoles) -> list[Names]:
    """Each word one typo away from a word more records use (the person's, or the whole
    run's) is read as that word (CLLDERON is CALDERON), so a typo neither adds a surname
    nor hides one."""
    names = [
        (tuple(roles.corrected(w) for w in given), tuple(roles.corrected(w) for w in family))
        for given, family in names
    ]
    seen: dict[str, int] = {}
    for given, family in names:
        for word in {*given, *family}:
            seen[word] = seen.get(word, 0) + 1
    top = max(seen.values(), default=0)
    fixed: dict[str, str] = {}
    for word, count in seen.items():
        if count == top:
            continue
        better = [
            w
            for w, c in seen.items()
            if c > count and abs(len(w) - len(word)) <= 1 and one_typo_apart(word, w)
        ]
        if better:
            fixed[word] = min(better, key=lambda w: (-seen[w], w))
    if not fixed:
        return names
    return [
        (tuple(fixed.get(w, w) for w in given), tuple(fixed.get(w, w) for w in family))
        for given, family in names
    ]


def read_names(records: Sequence[RecordIn], roles: NameRoles) -> tuple[Surnames, frozenset[str]]:
    """The person's surnames and given-name words, each word placed by how the records
    (and the whole run) use it."""
    read = [_names(record) for record in records]
    names = [
        (f, g) if roles.swapped((g, f), read[:i] + read[i + 1 :]) else (g, f)
        for i, (g, f) in enumerate(read)
    ]
    # Plain dicts, not Counters: this runs once per person and is worth keeping quick.
    as_given: dict[str, int] = {}
    as_surname: dict[str, int] = {}
    lead: dict[str, int] = {}
    lone: dict[str, int] = {}
    behind: dict[str, int] = {}
    doubled: set[str] = set()
    for given, family in _untypoed(names, roles):
        for word in set(given):
            as_given[word] = as_given.get(word, 0) + 1
        distinct = set(family)
        for word in distinct:
            as_surname[word] = as_surname.get(word, 0) + 1
        if len(distinct) < len(family):
            doubled.update(w for w in family if family.count(w) > 1)
        if len(family) == 1:
            lone[family[0]] = lone.get(family[0], 0) + 1
        elif family:
            lead[family[0]] = lead.get(family[0], 0) + 1
            behind[family[-1]] = behind.get(family[-1], 0) + 1
    surnames = frozenset(w for w, n in as_surname.items() if n >= as_given.get(w, 0))
    given_words = frozenset(w for w, n in as_given.items() if n >= as_surname.get(w, 0))
    # Each ordered record moves its first word ahead of its last by the full weight; a
    # lone surname moves ahead of every other.
    total_lone = sum(lone.values())
    score = {
        w: _PAIR_ORDER_BITS / 2 * (lead.get(w, 0) - behind.get(w, 0))
        + _LONE_ORDER_BITS / 2 * (2 * lone.get(w, 0) - total_lone)
        for w in surnames
    }
    ranked = sorted(score, key=lambda w: (-score[w], w))
    first = ranked[0] if ranked else None
    if len(ranked) >= 2:
        ordered = score[ranked[0]] - score[ranked[1]] >= _ORDER_SETTLED_BITS
    else:
        # One surname seen: it is the first one if more than one record shows it alone.
        ordered = lone.get(first, 0) >= 2 or lead.get(first, 0) >= 1 if first else True
    second = ranked[1] if len(ranked) > 1 else None
    if first is not None and first in doubled:
        # The same surname from both parents (Coc Coc, common among Mayan families).
        second = first
    return Surnames(first, second, surnames, ordered), given_words
