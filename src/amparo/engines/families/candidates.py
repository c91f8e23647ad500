"""Which adult-child pairs are worth scoring.

Comparing every adult with every child is quadratic; families are found instead through
what a family shares: the same apprehension (date and sector) together with a surname, a
name the child gave for the parent, a family unit id or an A-number. Within one block
the adults are indexed by those words, so each child looks up only the adults that share
something with it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from amparo.engines.families.names import (
    MOTHER_FIRST_COUNTRIES,
    given_forms,
    parse_reported_parent,
    two_surnames,
)
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


def _sex(profile: Profile) -> str:
    return profile.sex if profile.sex in ("M", "F") else "?"


def adult_words(profile: Profile) -> set[str]:
    """What an adult can share with a child, as index keys: given names ("G:"), its own
    first surname with its sex ("F:"; a parent passes that one on), any surname ("S:"),
    a reunion day, a rare language."""
    words = {f"G:{word}" for word in profile.given}
    surnames = profile.surnames
    firsts = (surnames.first,) if surnames.ordered and surnames.first else surnames.every
    for word in firsts:
        words |= {f"F:{word}:{_sex(profile)}", f"F:{word}:*"}
    words |= {f"S:{word}" for word in surnames.every}
    words.update(f"#reunited:{day}" for day in profile.reunited_days)
    if profile.language and profile.language not in COMMON_LANGUAGES:
        words.add(f"#language:{profile.language}")
    return words


def reported_words(child: Profile) -> set[str]:
    """Keys for the names the child gave for a parent: every given name a word may stand
    for, and the surname the named adult would carry first."""
    words: set[str] = set()
    for referral in child.referrals:
        reported = parse_reported_parent(referral.parent_name)
        if reported is None:
            continue
        for word in (*reported.given, *reported.loose):
            words |= {f"G:{form}" for form in given_forms(word)}
        for word in (*reported.surnames[:1], *reported.loose):
            words.add(f"F:{word}:*")
    return words


def child_words(child: Profile) -> set[str]:
    """Keys for the adults a child may have travelled with. Where the records settle the
    child's two surnames, only an adult whose own first surname sits where a parent's
    would is looked up: anyone's as the child's first (the father, or a mother whose
    child carries her surnames), a woman's as its second (the mother)."""
    words = reported_words(child)
    surnames = child.surnames
    positional = (
        two_surnames(child.citizenship)
        and child.citizenship not in MOTHER_FIRST_COUNTRIES
        and surnames.ordered
        and surnames.first is not None
    )
    if positional and surnames.second and surnames.second != surnames.first:
        words |= {f"F:{surnames.first}:*", f"F:{surnames.second}:F", f"F:{surnames.second}:?"}
    elif positional:
        words.add(f"F:{surnames.first}:*")
    else:
        words |= {f"S:{word}" for word in surnames.every}
    # ORR gave the child back to a parent the day ICE let that parent go to it.
    words.update(f"#reunited:{day}" for day in child.to_parent_days)
    if child.language and child.language not in COMMON_LANGUAGES:
        words.add(f"#language:{child.language}")
    return words


class Words:
    """The index keys of every person, worked out once per run (adults are looked up,
    and children look them up, many times over)."""

    def __init__(self) -> None:
        self._adults: dict[str, set[str]] = {}
        self._children: dict[str, set[str]] = {}

    def adult(self, profile: Profile) -> set[str]:
        found = self._adults.get(profile.key)
        if found is None:
            found = self._adults[profile.key] = adult_words(profile)
        return found

    def child(self, profile: Profile) -> set[str]:
        found = self._children.get(profile.key)
        if found is None:
            found = self._children[profile.key] = child_words(profile)
        return found


class _Index:
    """Adults by the words and ids they carry, within blocks (and days, built when a child
    without a sector needs them)."""

    def __init__(self, adults: Iterable[Profile], words_of: Words) -> None:
        self.by_block: dict[BlockKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.size: dict[BlockKey, int] = defaultdict(int)
        self.booking: dict[tuple[str, BlockKey], Apprehension] = {}
        self.by_unit: dict[str, set[str]] = defaultdict(set)
        self.by_a_number: dict[str, set[str]] = defaultdict(set)
        # Adults with no readable booking date sit in no block: found by reunion day.
        self.undated_reunited: dict[date, set[str]] = defaultdict(set)
        self._days: dict[date, dict[str, set[str]]] = {}
        for adult in adults:
            words = words_of.adult(adult)
            if not any(block_of(b) for b in adult.apprehensions):
                for day in adult.reunited_days:
                    self.undated_reunited[day].add(adult.key)
            for key in {k for b in adult.apprehensions if (k := block_of(b))}:
                self.size[key] += 1
                for word in words:
                    self.by_block[key][word].add(adult.key)
            for booking in adult.apprehensions:
                if (block := block_of(booking)) is not None:
                    self.booking.setdefault((adult.key, block), booking)
                if booking.unit:
                    self.by_unit[booking.unit].add(adult.key)
            for number in adult.a_numbers:
                self.by_a_number[number].add(adult.key)

    def on_day(self, day: date) -> dict[str, set[str]]:
        """Adults by word, over every sector of one day."""
        found = self._days.get(day)
        if found is None:
            found = defaultdict(set)
            for key, by_word in self.by_block.items():
                if key[0] == day:
                    for word, holders in by_word.items():
                        found[word] |= holders
            self._days[day] = found
        return found

    def day_size(self, day: date) -> int:
        return sum(n for key, n in self.size.items() if key[0] == day)


def find_candidates(
    adults: Mapping[str, Profile],
    children: Mapping[str, Profile],
    *,
    window_days: int,
    keep: int,
    words: Words,
) -> dict[Pair, Together]:
    """Pairs to score, each with the bookings that put them together (if any): per child,
    the `keep` adults of its booking that share the most telling words with it, and every
    adult an id ties to it."""
    index = _Index((adults[key] for key in sorted(adults)), words)
    pairs: dict[Pair, Together] = {}
    for child_key in sorted(children):
        child = children[child_key]
        mine = words.child(child)
        found = _in_blocks(index, child, mine, keep) | _by_ids(index, child)
        if not any(block_of(b) for b in child.apprehensions):
            found |= _around_referral(index, child, mine, window_days, keep)
        for adult_key in sorted(found):
            pairs[(adult_key, child_key)] = together_of(adults[adult_key], child)
    return pairs


def best_sharing(
    by_word: Mapping[str, set[str]], words: Iterable[str], size: int, keep: int
) -> set[str]:
    """The `keep` adults sharing the most telling words: a word counts for more the fewer
    adults of the booking carry it (López says less than Xitumul)."""
    score: dict[str, float] = {}
    # Sorted: float sums depend on the order of their terms, and a tie at the cut must
    # not be broken by the hash seed.
    for word in sorted(words):
        holders = by_word.get(word)
        if holders:
            weight = math.log2(1.0 + size / len(holders))
            for adult in holders:
                score[adult] = score.get(adult, 0.0) + weight
    return set(sorted(score, key=lambda a: (-score[a], a))[:keep])


def _in_blocks(index: _Index, child: Profile, words: set[str], keep: int) -> set[str]:
    """Adults booked with the child who share telling words or a family unit id with it."""
    found: set[str] = set()
    for booking in child.apprehensions:
        key = block_of(booking)
        if key is None:
            continue
        if key[1] is None:
            # Without a sector, any booking that day will do.
            here = best_sharing(index.on_day(key[0]), words, index.day_size(key[0]), keep)
        else:
            here = best_sharing(index.by_block.get(key, {}), words, index.size.get(key, 0), keep)
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


def _around_referral(
    index: _Index, child: Profile, words: set[str], window_days: int, keep: int
) -> set[str]:
    """No dated booking: adults booked in the days before ORR received the child."""
    found: set[str] = set()
    for day in child.referred_days:
        for back in range(window_days + 1):
            before = day - timedelta(days=back)
            found |= best_sharing(index.on_day(before), words, index.day_size(before), keep)
    return found


def _by_ids(index: _Index, child: Profile) -> set[str]:
    """Adults an A-number ties to the child, wherever they were booked, and adults with
    no readable booking date whom ICE released to be reunited the day ORR gave the
    child back to a parent."""
    found: set[str] = set()
    for number in child.a_numbers:
        found |= index.by_a_number.get(number, set())
    for day in child.to_parent_days:
        # ORR gave the child back to a parent the day ICE let that parent go to it.
        found |= index.undated_reunited.get(day, set())
    for referral in child.referrals:
        if referral.parent_a_number:
            found |= index.by_a_number.get(referral.parent_a_number, set())
    return found


def together_of(adult: Profile, child: Profile) -> Together:
    """The bookings that put the two side by side: same block, else same day.

    Bookings are in record order, so ties go to the first record.
    """
    for booking in child.apprehensions:
        if booking.on is None:
            continue
        best: Apprehension | None = None
        for own in adult.apprehensions:
            if own.on == booking.on and (
                best is None or (best.sector != booking.sector and own.sector == booking.sector)
            ):
                best = own
        if best is not None:
            return Together(best, booking)
    return Together(None, child.apprehensions[0] if child.apprehensions else None)
