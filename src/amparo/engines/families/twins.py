"""People the clustering may have got wrong: one person split in two, or two merged.

The family engine takes the linkage engine's people as given, but mistakes show:

- a split person appears twice: the same child booked twice in one apprehension, a
  child's booking cut off from its ORR referral, or a parent's booking cut off from
  the rest of its records (same A-number, same name and birth date). Reporting a
  separation for each half would confirm a pair that is not one; so the lesser half
  (fewer records) is a "twin" of the greater, its pairs go to a person, and the head
  evidence the two halves share is pooled;
- two merged people carry two A-numbers or two bookings into family units on different
  days ("chimeras"); their pairs go to a person too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Final

from amparo.engines.families.names import one_typo_apart
from amparo.engines.families.population import block_of
from amparo.engines.families.profiles import Profile


def _close_births(left: date | None, right: date | None) -> bool:
    # Birth dates carry a day-month swap, a 1 January guess, a year off by one.
    return left is None or right is None or abs(left.year - right.year) <= 1


def _names_agree(a: Profile, b: Profile) -> bool:
    """The given names of one among the other's (a compound name is often cut) and a
    surname in common. Brothers and sisters share surnames but not given names."""
    if not (a.given and b.given and (a.given <= b.given or b.given <= a.given)):
        return False
    return bool(a.surnames.every & b.surnames.every)


def _no_conflict(a: Profile, b: Profile) -> bool:
    if a.sex and b.sex and a.sex != b.sex:
        return False
    if a.citizenship and b.citizenship and a.citizenship != b.citizenship:
        return False
    return not (a.a_numbers and b.a_numbers and _distinct_numbers(a.a_numbers | b.a_numbers))


def _distinct_numbers(numbers: frozenset[str]) -> bool:
    """Whether the A-numbers belong to more than one person (a typo is one digit).

    One person's number typed wrong twice gives two numbers two digits apart, each a
    typo of the true one: the numbers are one person's when one of them is within a
    typo of all the others."""
    return not any(
        all(other == centre or one_typo_apart(centre, other) for other in numbers)
        for centre in numbers
    )


# ORR received a child this many days after Border Patrol booked it, at most.
_HANDOVER_DAYS: Final = 5


def _handover_days(profile: Profile) -> tuple[date, ...]:
    """The days a half of a child split between its booking and its ORR referral would
    meet the other half: a child booked and sent to ORR with no referral on record, on
    its booking day; a child referred with no booking on record, on each day it may have
    been booked. A whole child (both on record) has none."""
    sent = any(a.disposition == "ORR_TRANSFER" for a in profile.apprehensions)
    if sent and not profile.referrals:
        return profile.days
    if profile.referrals and not profile.apprehensions:
        return tuple(
            sorted(
                {
                    day - timedelta(days=back)
                    for day in profile.referred_days
                    for back in range(_HANDOVER_DAYS + 1)
                }
            )
        )
    return ()


def find_twins(people: Mapping[str, Profile]) -> dict[str, str]:
    """Lesser half -> greater half, for profiles that look like one person: booked in the
    same block, or sharing an A-number, or with the same birth date, or a child's booking
    and its ORR referral kept apart (the referral within days of the booking), with
    names that agree and nothing that conflicts. The greater half has more records
    (ties: the smaller key)."""
    # Every candidate first, then one choice per lesser half: taking the first found
    # would depend on the order of sets, that is on Python's hash seed.
    candidates: dict[str, set[str]] = defaultdict(set)
    for group, keys in _groups(people).items():
        for left, right in _sharing_a_given_name(keys, people):
            a, b = people[left], people[right]
            same_day = group[0] == "born"
            if group[0] == "handover" and bool(a.referrals) == bool(b.referrals):
                # Two booked halves, or two referred: brothers and sisters, not one.
                continue
            if not (_names_agree(a, b) and _no_conflict(a, b)):
                continue
            if not same_day and not _close_births(a.dob, b.dob):
                continue
            lesser, greater = sorted(
                (left, right), key=lambda k: (-len(people[k].records), k), reverse=True
            )
            candidates[lesser].add(greater)
    return {
        lesser: min(greater, key=lambda k: (-len(people[k].records), k))
        for lesser, greater in sorted(candidates.items())
    }


def _sharing_a_given_name(keys: list[str], people: Mapping[str, Profile]) -> list[tuple[str, str]]:
    """The pairs of a group (keys in sorted order) that share a given name, in the order
    of the group: halves of one person do (one's given names are among the other's), and
    comparing only those keeps a crowded day's surname groups (hundreds of López) from
    costing every pair."""
    if len(keys) <= 2:
        return [(keys[0], keys[1])] if len(keys) == 2 else []
    by_given: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        for word in people[key].given:
            by_given[word].append(key)
    pairs: set[tuple[str, str]] = set()
    for holders in by_given.values():
        for i, left in enumerate(holders):
            pairs.update((left, right) for right in holders[i + 1 :])
    return sorted(pairs)


def _groups(people: Mapping[str, Profile]) -> dict[tuple[object, ...], list[str]]:
    """Keys of the profiles that could be one person, by what they would share."""
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for key in sorted(people):
        profile = people[key]
        for block in {k for b in profile.apprehensions if (k := block_of(b))}:
            for word in profile.surnames.every:
                groups[("block", block, word)].append(key)
        for number in profile.a_numbers:
            groups[("a_number", number)].append(key)
        if profile.dob is not None:
            for word in profile.surnames.every:
                groups[("born", profile.dob, word)].append(key)
        for day in _handover_days(profile):
            for word in profile.surnames.every:
                groups[("handover", day, word)].append(key)
    return groups


def find_chimeras(people: Mapping[str, Profile], *, by_a_number: bool) -> set[str]:
    """Profiles that look like two people merged: bookings into family units on
    different days (a prior apprehension, RETURNED, is one person's history, not a second
    person), or (`by_a_number`, for adults: a child's file often carries its parent's
    A-number) A-numbers more than a typo apart."""
    merged: set[str] = set()
    for key, profile in people.items():
        if by_a_number and len(profile.a_numbers) > 1 and _distinct_numbers(profile.a_numbers):
            merged.add(key)
            continue
        days = {a.on for a in profile.apprehensions if a.on and a.disposition != "RETURNED"}
        if len(days) > 1:
            merged.add(key)
    return merged
