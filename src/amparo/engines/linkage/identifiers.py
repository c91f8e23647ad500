"""Dates of birth and A-numbers: parsing and comparing them the way these records
need (day-month swaps, placeholders, year off by one; mistyped digits, and a
parent's number on a child's file).

The Splink model (model.py) encodes the same comparisons in SQL; these are the
reference, for tests and for other engines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final, Literal

from amparo.engines.extracts import normalise_a_number

__all__ = [
    "MAX_A_NUMBER_YEAR_GAP",
    "PLACEHOLDER_DOBS",
    "ANumberOutcome",
    "DobOutcome",
    "a_number_counts",
    "compare_a_numbers",
    "compare_dob",
    "is_placeholder_dob",
    "parse_dob",
    "swapped_dob",
]

DobOutcome = Literal[
    "exact", "swapped", "year_off", "year_only", "year_only_off", "typo", "mismatch", "blank"
]
ANumberOutcome = Literal["exact", "transposition", "one_digit", "mismatch", "blank"]

# Dates agents type when the birth date is unknown. 1 January of the true year is
# handled apart (compare_dob's "year_only"): it still carries the year.
PLACEHOLDER_DOBS: Final = frozenset({date(1900, 1, 1), date(1901, 1, 1), date(1800, 1, 1)})
_EARLIEST_DOB: Final = date(1900, 1, 1)
# An A-number shared by records whose birth years differ by more than this is not
# evidence they are one person: ORR files sometimes carry the parent's A-number.
MAX_A_NUMBER_YEAR_GAP: Final = 1


def parse_dob(text: str | None) -> date | None:
    """An ISO date of birth, or None for a missing, malformed or placeholder date."""
    if not text:
        return None
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return None if is_placeholder_dob(value) else value


def is_placeholder_dob(value: date) -> bool:
    """A date typed for "unknown" (1900-01-01 and the like), not a birth date."""
    return value in PLACEHOLDER_DOBS or value < _EARLIEST_DOB


def swapped_dob(value: date) -> date | None:
    """The date with day and month exchanged, if that is another real date."""
    if value.day > 12 or value.day == value.month:
        return None
    return date(value.year, value.day, value.month)


def _year_only(value: date) -> bool:
    # 1 January is what agents typed when only the year was known.
    return (value.month, value.day) == (1, 1)


def _known(a: date, b: date) -> bool:
    return not _year_only(a) and not _year_only(b)


def _two_of_three(a: date, b: date) -> bool:
    return (a.year == b.year) + (a.month == b.month) + (a.day == b.day) >= 2


# The model's date-of-birth levels, best first (model._dob).
_DOB_LADDER: tuple[tuple[DobOutcome, Callable[[date, date], bool]], ...] = (
    ("exact", lambda a, b: a == b and _known(a, b)),
    ("swapped", lambda a, b: swapped_dob(a) == b),
    (
        "year_off",
        lambda a, b: (
            (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1 and _known(a, b)
        ),
    ),
    ("year_only", lambda a, b: a.year == b.year and not _known(a, b)),
    # A year worked out from a stated age is one early when the birthday is still
    # to come that year.
    ("year_only_off", lambda a, b: abs(a.year - b.year) == 1 and not _known(a, b)),
    ("typo", lambda a, b: _two_of_three(a, b) and _known(a, b)),
)


def compare_dob(left: date | None, right: date | None) -> DobOutcome:
    """How two dates of birth agree, as the model's levels do, best first: exact;
    swapped (day and month exchanged); year_off (same day and month, years one
    apart); year_only (same year, one of them 1 January, which agents typed when
    only the year was known: two 1 January dates agree on the year only);
    year_only_off (the same with the years one apart, as a year reckoned from an
    age is whenever the birthday has not come yet); typo
    (two of year, month and day agree); mismatch; blank when either is unknown or
    a placeholder."""
    if left is None or right is None or is_placeholder_dob(left) or is_placeholder_dob(right):
        return "blank"
    return next((outcome for outcome, test in _DOB_LADDER if test(left, right)), "mismatch")


def compare_a_numbers(left: str | None, right: str | None) -> ANumberOutcome:
    """How two A-numbers (any accepted spelling) agree: exact; transposition (two
    digits exchanged); one_digit (one digit mistyped); mismatch; blank."""
    a = normalise_a_number(left) if left else None
    b = normalise_a_number(right) if right else None
    if a is None or b is None:
        return "blank"
    if a == b:
        return "exact"
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) == 1:
        return "one_digit"
    first, second = differ[0], differ[-1]
    if len(differ) == 2 and a[first] == b[second] and a[second] == b[first]:
        return "transposition"
    return "mismatch"


def a_number_counts(outcome: ANumberOutcome, left: date | None, right: date | None) -> bool:
    """Whether an A-number agreement may count as evidence of one person: not when
    the birth years are more than MAX_A_NUMBER_YEAR_GAP apart (a child's file
    carrying the parent's number). Unknown birth dates do not block it."""
    if outcome not in ("exact", "transposition", "one_digit"):
        return False
    if left is None or right is None:
        return True
    return abs(left.year - right.year) <= MAX_A_NUMBER_YEAR_GAP
