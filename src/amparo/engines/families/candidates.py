"""Which adult-child pairs are worth scoring.

Comparing every adult with every child is quadratic; families are found instead through
what a family shares: the same apprehension (date and sector) together with a surname, a
name the child gave for the parent, a family unit id or an A-number. Within one block
the adults are indexed by those words, so each child looks up only the adults that share
something with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from amparo.engines.families.names import given_forms, parse_reported_parent
from amparo.engines.families.population import BlockKey, block_of
from amparo.engines.families.profiles import Apprehension, Profile

Pair = tuple[str, str]  # (adult key, child key)


@dataclass(frozen=True, slots=True)
class Together:
    """The bookings that put an adult and a child side by side (None: not booked together,
    found through a name or an A-number instead)."""

    adult: Apprehension | None
    child: Apprehension | None


# Languages most of this population speaks: sharing one says little, so it does not
# make a pair worth scoring on its own.
COMMON_LANGUAGES = frozenset({"Spanish", "English"})


def adult_words(profile: Profile) -> set[str]:
    """What an adult can share with a child: name words, a reunion day, a rare language."""
    words = {*profile.given, *profile.surnames.every}
    words.update(
        f"#reunited:{s.book_out}"
        for s in profile.stays
        if s.reason == "REUNIFIED" and s.book_out is not None
    )
    if profile.language and profile.language not in COMMON_LANGUAGES:
        words.add(f"#language:{profile.language}")
    return words


def reported_words(child: Profile) -> set[str]:
    """Every word, and every given name a nickname stands for, the child gave for a parent."""
    words: set[str] = set()
    for referral in child.referrals:
        reported = parse_reported_parent(referral.parent_name)
        if reported is not None:
            for word in reported.names:
                words |= given_forms(word)
    return words


def child_words(child: Profile) -> set[str]:
    words = set(child.surnames.every) | reported_words(child)
    # ORR gave the child back to a parent the day ICE let that parent go to it.
    words.update(
        f"#reunited:{r.discharged_on}"
        for r in child.referrals
        if r.discharge_type == "PARENT" and r.discharged_on is not None
    )
    if child.language and child.language not in COMMON_LANGUAGES:
        words.add(f"#language:{child.language}")
    return words


class _Index:
    """Adults by the words and ids they carry, within blocks and days."""

    def __init__(self, adults: Iterable[Profile]) -> None:
        self.by_block: dict[BlockKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.by_day: dict[date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.booking: dict[tuple[str, BlockKey], Apprehension] = {}
        self.by_unit: dict[str, set[str]] = defaultdict(set)
        self.by_a_number: dict[str, set[str]] = defaultdict(set)
        for adult in adults:
            words = adult_words(adult)
            for booking in adult.apprehensions:
                key = block_of(booking)
                if key is None:
                    continue
                self.booking.setdefault((adult.key, key), booking)
                for word in words:
                    self.by_block[key][word].add(adult.key)
                    self.by_day[key[0]][word].add(adult.key)
                if booking.unit:
                    self.by_unit[booking.unit].add(adult.key)
            for number in adult.a_numbers:
                self.by_a_number[number].add(adult.key)


def find_candidates(
    adults: Mapping[str, Profile], children: Mapping[str, Profile], window_days: int
) -> dict[Pair, Together]:
    """Pairs to score, each with the bookings that put them together (if any)."""
    index = _Index(adults[key] for key in sorted(adults))
    pairs: dict[Pair, Together] = {}
    for child_key in sorted(children):
        child = children[child_key]
        found = _in_blocks(index, child) | _by_ids(index, child)
        if not any(block_of(b) for b in child.apprehensions):
            found |= _around_referral(index, child, window_days)
        for adult_key in sorted(found):
            pairs[(adult_key, child_key)] = together_of(adults[adult_key], child)
    return pairs


def _in_blocks(index: _Index, child: Profile) -> set[str]:
    """Adults booked with the child who share a word or a family unit id with it."""
    words = child_words(child)
    found: set[str] = set()
    for booking in child.apprehensions:
        key = block_of(booking)
        if key is None:
            continue
        # Without a sector, any booking that day will do.
        by_word = index.by_day.get(key[0], {}) if key[1] is None else index.by_block.get(key, {})
        here: set[str] = set()
        for word in words:
            here |= by_word.get(word, set())
        if booking.unit:
            here |= index.by_unit.get(booking.unit, set())
        # Adults booked in one unit with an adult found here: a second adult may share
        # nothing with the child (a father whose child carries the mother's surnames).
        for adult_key in list(here):
            own = index.booking.get((adult_key, key))
            if own is not None and own.unit:
                here |= index.by_unit.get(own.unit, set())
        found |= here
    return found


def _around_referral(index: _Index, child: Profile, window_days: int) -> set[str]:
    """No dated booking: adults booked in the days before ORR received the child."""
    words = child_words(child)
    found: set[str] = set()
    for referral in child.referrals:
        if referral.referred_on is None:
            continue
        for back in range(window_days + 1):
            by_word = index.by_day.get(referral.referred_on - timedelta(days=back), {})
            for word in words:
                found |= by_word.get(word, set())
    return found


def _by_ids(index: _Index, child: Profile) -> set[str]:
    """Adults an A-number ties to the child, wherever they were booked."""
    found: set[str] = set()
    for number in child.a_numbers:
        found |= index.by_a_number.get(number, set())
    for referral in child.referrals:
        if referral.parent_a_number:
            found |= index.by_a_number.get(referral.parent_a_number, set())
    return found


def together_of(adult: Profile, child: Profile) -> Together:
    """The bookings that put the two side by side: same block, else same day."""
    for booking in sorted(child.apprehensions, key=lambda b: b.record):
        key = block_of(booking)
        if key is None:
            continue
        same_day = sorted(
            (a for a in adult.apprehensions if a.on == key[0]),
            key=lambda a: (a.sector != key[1], a.record),
        )
        if same_day:
            return Together(same_day[0], booking)
    first = min(child.apprehensions, key=lambda b: b.record, default=None)
    return Together(None, first)
