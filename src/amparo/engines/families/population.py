"""Who is a child and who an adult, and how common each name, country and date is.

How surprising a shared surname is depends on the surname: two strangers called López
meet more often than two called Xitumul. The frequencies here, counted over the adults
of the run, turn each agreement into a Bayes factor instead of a fixed bonus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from amparo.engines.families.profiles import ADULT_DISPOSITIONS, Apprehension, Profile

Stage = Literal["minor", "adult"]
MINOR_AGE: Final = 18
# Below this share a frequency is not trusted (a name seen once may be common elsewhere).
_FLOOR: Final = 0.002


def reference_day(profile: Profile) -> date | None:
    """The day the person's age is judged on: the first apprehension or referral."""
    days = [a.on for a in profile.apprehensions if a.on is not None]
    days += [r.referred_on for r in profile.referrals if r.referred_on is not None]
    return min(days) if days else None


def stage(profile: Profile) -> Stage | None:
    """Minor or adult at the crossing; None when nothing tells.

    ORR takes only minors, so a referral decides; then the recorded age; then how the
    agencies treated the person (adult custody, a fear interview); last, the booking code
    (CHILD is also used for adult sons and daughters, but they nearly always carry a birth
    date, which was read before).
    """
    if profile.referrals:
        return "minor"
    age = profile.age_on(reference_day(profile))
    if age is not None:
        return "minor" if age < MINOR_AGE else "adult"
    dispositions = {a.disposition for a in profile.apprehensions}
    roles = {a.role for a in profile.apprehensions}
    minor = "ORR_TRANSFER" in dispositions
    adult = bool(dispositions & ADULT_DISPOSITIONS or profile.interviews or profile.stays)
    if not (minor or adult):
        minor = "CHILD" in roles
        adult = bool(roles & _ADULT_CODES)
    if minor:
        return "minor"
    return "adult" if adult else None


_ADULT_CODES: Final = frozenset({"HEAD", "SPOUSE", "GRANDPARENT", "AUNT_UNCLE"})
BlockKey = tuple[date, str | None]


def block_of(apprehension: Apprehension) -> BlockKey | None:
    if apprehension.on is None:
        return None
    return (apprehension.on, apprehension.sector)


@dataclass(frozen=True, slots=True)
class Population:
    """Counts over the adults of one run."""

    adults: int
    given: Mapping[str, int]
    surnames: Mapping[str, int]
    first_surnames: Mapping[str, int]
    countries: Mapping[str, int]
    languages: Mapping[tuple[str | None, str], int]
    reunified_on: Mapping[date, int]
    per_block: Mapping[BlockKey, int]
    per_day: Mapping[date, int]

    def _share(self, count: int) -> float:
        return max(_FLOOR, count / max(1, self.adults))

    def given_share(self, word: str) -> float:
        return self._share(self.given.get(word, 0))

    def surname_share(self, word: str) -> float:
        return self._share(self.surnames.get(word, 0))

    def first_surname_share(self, word: str) -> float:
        return self._share(self.first_surnames.get(word, 0))

    def country_share(self, country: str) -> float:
        return self._share(self.countries.get(country, 0))

    def language_share(self, language: str, country: str | None) -> float:
        """Share of the adults from `country` (all adults when unknown) who speak it."""
        if country is None or not self.countries.get(country):
            return self._share(self.languages.get((None, language), 0))
        return max(_FLOOR, self.languages.get((country, language), 0) / self.countries[country])

    def reunified_share(self, day: date) -> float:
        return self._share(self.reunified_on.get(day, 0))

    def block_share(self, key: BlockKey) -> float:
        """Share of all adults apprehended in this block (at least one: the candidate)."""
        return max(1, self.per_block.get(key, 0)) / max(1, self.adults)

    def days_share(self, days: Iterable[date]) -> float:
        return max(1, sum(self.per_day.get(day, 0) for day in days)) / max(1, self.adults)


def count_population(adults: Iterable[Profile]) -> Population:
    given: Counter[str] = Counter()
    surnames: Counter[str] = Counter()
    first_surnames: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    languages: Counter[tuple[str | None, str]] = Counter()
    reunified: Counter[date] = Counter()
    per_block: Counter[BlockKey] = Counter()
    per_day: Counter[date] = Counter()
    total = 0
    for adult in adults:
        total += 1
        given.update(adult.given)
        surnames.update(adult.surnames.every)
        if adult.surnames.first:
            first_surnames[adult.surnames.first] += 1
        if adult.citizenship:
            countries[adult.citizenship] += 1
        if adult.language:
            languages[(None, adult.language)] += 1
            if adult.citizenship:
                languages[(adult.citizenship, adult.language)] += 1
        reunified.update(
            {s.book_out for s in adult.stays if s.reason == "REUNIFIED" and s.book_out}
        )
        blocks = {key for a in adult.apprehensions if (key := block_of(a)) is not None}
        per_block.update(blocks)
        per_day.update({key[0] for key in blocks})
    return Population(
        total, given, surnames, first_surnames, countries, languages, reunified, per_block, per_day
    )
