"""The true people of a world: who crossed the border together, and how they are related.

What then happened to them (separation, detention, reunification, removal, fear
interviews) is decided in fates.py; how agencies wrote it down, in rows.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Final

from amparo.engines.synth import names
from amparo.engines.synth.config import WINDOW_END, WINDOW_START, ZERO_TOLERANCE_START
from amparo.engines.synth.places import (
    COUNTRY_BY_ISO3,
    MAYAN_LANGUAGES,
    SPANISH,
    Country,
    draw_country,
    draw_language,
    draw_sector,
)

PARENT: Final = "PARENT"
GRANDPARENT: Final = "GRANDPARENT"
AUNT_UNCLE: Final = "AUNT_UNCLE"
SIBLING: Final = "SIBLING"
OTHER: Final = "OTHER"
_NON_PARENTS: Final = (GRANDPARENT, AUNT_UNCLE, SIBLING, OTHER)
_NON_PARENT_WEIGHTS: Final = (40, 30, 15, 15)

# Children under 5 were about 4% of the original class (DOMAIN.md section 7).
_CHILD_AGE_WEIGHTS: Final = (0.8,) * 5 + (6.4,) * 7 + (8.5,) * 6
_LONE_CHILD_AGE_WEIGHTS: Final = (0.0,) * 6 + (1.0,) * 6 + (6.0,) * 6


@dataclass(slots=True)
class Person:
    person_id: str
    given: str
    surnames: tuple[str, ...]
    dob: date
    sex: str
    country: str
    language: str
    a_number: str  # digits as issued: 9, or 8 for an old registration


@dataclass(slots=True)
class Stay:
    """One ICE book-in."""

    facility: str
    book_in: date
    book_out: date | None = None
    reason: str = ""
    removed_to: str = ""


@dataclass(slots=True)
class Fear:
    kind: str
    on: date
    determination: str
    ij_review: str
    counsel: bool
    interpreter: str  # canonical language of the interpreter actually used


@dataclass(slots=True)
class Adult:
    person: Person
    relationship: str  # to the children, as in truth/families.csv
    unit_role: str  # to the head of the family unit, as CBP books it
    disposition: str = ""
    stays: list[Stay] = field(default_factory=list)
    fear: Fear | None = None
    removed_on: date | None = None
    prior_apprehension: date | None = None


@dataclass(slots=True)
class Child:
    person: Person
    unit_role: str
    disposition: str = ""
    referred_on: date | None = None
    referred_by: str = ""
    orr_flag: str = ""
    shelter: str = ""
    discharged_on: date | None = None
    discharge_type: str = ""
    reunified_with: int | None = None  # index into Family.adults
    stays: list[Stay] = field(default_factory=list)
    # Who a child who came alone says their parent is: given, surnames, sex.
    absent_parent: tuple[str, tuple[str, ...], str] | None = None


@dataclass(slots=True)
class Family:
    country: str
    separated: bool
    apprehended_on: date
    sector: tuple[str, ...]  # spellings of the sector's code
    adults: list[Adult]
    children: list[Child]
    # Which members kept the family unit id at CBP: "all", "adults" or "none".
    unit_kept: str = "all"


@dataclass(frozen=True, slots=True)
class Override:
    """A head of family forced to a common name, to make look-alike strangers."""

    given: str
    surnames: tuple[str, ...]
    sex: str
    dob: date
    country: str


class Registry:
    """Person ids and A-numbers, unique within one world."""

    def __init__(self, rng: Random) -> None:
        self._rng = rng
        self._count = 0
        self._issued: set[str] = set()

    def person_id(self) -> str:
        self._count += 1
        return f"P{self._count:07d}"

    def a_number(self, *, old: bool) -> str:
        low, high = (70_000_000, 99_999_999) if old else (200_000_000, 216_999_999)
        while True:
            digits = str(self._rng.randint(low, high))
            if digits not in self._issued:
                self._issued.add(digits)
                return digits


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def dob_for_age(rng: Random, day: date, age: int) -> date:
    """A birth date that makes the person exactly `age` on `day`."""
    latest = day.replace(year=day.year - age)
    earliest = day.replace(year=day.year - age - 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


@dataclass(frozen=True, slots=True)
class _Kin:
    father: tuple[str, ...]
    mother: tuple[str, ...]
    child: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Trip:
    """What every member of one family shares."""

    country: Country
    language: str
    crossed: date
    kin: _Kin
    oldest: int  # age of the oldest child


class LifeBuilder:
    """Draws families and lone children; fates.py then decides what happened to them."""

    def __init__(self, rng: Random, registry: Registry, non_parent_share: float) -> None:
        self._rng = rng
        self._registry = registry
        self._non_parent_share = non_parent_share

    def crossing_date(self, *, separated: bool) -> date:
        rng = self._rng
        start = ZERO_TOLERANCE_START if separated and rng.random() < 0.7 else WINDOW_START
        return start + timedelta(days=rng.randrange((WINDOW_END - start).days + 1))

    def family(self, *, separated: bool, override: Override | None = None) -> Family:
        rng = self._rng
        country = COUNTRY_BY_ISO3[override.country] if override else draw_country(rng)
        language = SPANISH if override else draw_language(rng, country)
        crossed = self.crossing_date(separated=separated)
        max_age = 17 if override is None else min(17, age_on(override.dob, crossed) - 16)
        ages = [self._child_age(_CHILD_AGE_WEIGHTS, max_age) for _ in range(self._n_children())]
        trip = _Trip(country, language, crossed, self._kin(country, language, override), max(ages))
        non_parent = override is None and rng.random() < self._non_parent_share
        head = rng.choices(_NON_PARENTS, weights=_NON_PARENT_WEIGHTS)[0] if non_parent else PARENT
        adults = [self._relative(trip, head)] if non_parent else self._parents(trip, override)
        children = self._children(trip, head, ages)
        return Family(country.iso3, separated, crossed, draw_sector(rng)[1], adults, children)

    def lone_child(self) -> Family:
        """A child who really came alone: in ORR, but separated from no one."""
        rng = self._rng
        country = draw_country(rng)
        language = draw_language(rng, country)
        crossed = self.crossing_date(separated=False)
        kin = self._kin(country, language, None)
        sex = "M" if rng.random() < 0.65 else "F"
        age = self._child_age(_LONE_CHILD_AGE_WEIGHTS, 17)
        person = self._person(kin.child, sex, dob_for_age(rng, crossed, age), country, language)
        child = Child(person, unit_role="")
        if rng.random() < 0.4:
            parent_sex = "F" if rng.random() < 0.7 else "M"
            parent_surnames = kin.mother if parent_sex == "F" else kin.father
            parent_given = names.given_name(rng, country.culture, parent_sex)
            child.absent_parent = (parent_given, parent_surnames, parent_sex)
        family = Family(country.iso3, False, crossed, draw_sector(rng)[1], [], [child])
        family.unit_kept = "none"
        return family

    def _n_children(self) -> int:
        return self._rng.choices((1, 2, 3, 4), weights=(60, 28, 9, 3))[0]

    def _child_age(self, weights: tuple[float, ...], max_age: int) -> int:
        allowed = weights[: max_age + 1]
        if not any(allowed):
            return max_age
        return self._rng.choices(range(len(allowed)), weights=allowed)[0]

    def _kin(self, country: Country, language: str, override: Override | None) -> _Kin:
        rng = self._rng
        mayan = 0.0
        if country.iso3 == "GTM":
            mayan = 0.7 if language in MAYAN_LANGUAGES else 0.12
        father = names.surnames(rng, country.culture, mayan_share=mayan)
        mother = names.surnames(rng, country.culture, mayan_share=mayan)
        if override is not None and override.sex == "F":
            mother = override.surnames
        elif override is not None:
            father = override.surnames
        if country.culture == names.HISPANIC:
            # Some mothers register children under their own two surnames alone.
            child = mother if rng.random() < 0.12 else (father[0], mother[0])
        elif country.culture == names.BRAZILIAN:
            child = (mother[-1], father[-1])
        else:
            child = mother if rng.random() < 0.1 else father
        return _Kin(father, mother, child)

    def _person(
        self, surnames: tuple[str, ...], sex: str, dob: date, country: Country, language: str
    ) -> Person:
        rng = self._rng
        registry = self._registry
        return Person(
            person_id=registry.person_id(),
            given=names.given_name(rng, country.culture, sex),
            surnames=surnames,
            dob=dob,
            sex=sex,
            country=country.iso3,
            language=language,
            a_number=registry.a_number(old=rng.random() < 0.015),
        )

    def _adult(
        self,
        trip: _Trip,
        relationship: str,
        *,
        role: str,
        surnames: tuple[str, ...],
        sex: str,
        age: int,
    ) -> Adult:
        rng = self._rng
        dob = dob_for_age(rng, trip.crossed, age)
        person = self._person(surnames, sex, dob, trip.country, trip.language)
        adult = Adult(person, relationship, role)
        if rng.random() < 0.04:
            # Caught and returned before: often an older A-number, and reasonable fear later.
            adult.prior_apprehension = trip.crossed - timedelta(days=rng.randint(40, 500))
            if rng.random() < 0.5:
                adult.person.a_number = self._registry.a_number(old=True)
        return adult

    def _parents(self, trip: _Trip, override: Override | None) -> list[Adult]:
        rng = self._rng
        kin = trip.kin
        sex = override.sex if override else ("F" if rng.random() < 0.65 else "M")
        own = kin.mother if sex == "F" else kin.father
        age = _clamp(trip.oldest + rng.randint(17, 30), 18, 60)
        head = self._adult(trip, PARENT, role="HEAD", surnames=own, sex=sex, age=age)
        if override is not None:
            head.person.given = override.given
            head.person.dob = override.dob
            age = age_on(override.dob, trip.crossed)
        adults = [head]
        if rng.random() >= 0.15:
            return adults
        second = rng.choices(("parent", "aunt", "sibling"), weights=(60, 25, 15))[0]
        if second == "parent":
            other_age = _clamp(age + rng.randint(-4, 8), max(18, trip.oldest + 16), 60)
            other = kin.father if sex == "F" else kin.mother
            other_sex = "M" if sex == "F" else "F"
            adults.append(
                self._adult(
                    trip, PARENT, role="SPOUSE", surnames=other, sex=other_sex, age=other_age
                )
            )
        elif second == "aunt":
            aunt_age = _clamp(age + rng.randint(-8, 8), 18, 60)
            adults.append(
                self._adult(
                    trip,
                    AUNT_UNCLE,
                    role="SIBLING",
                    surnames=own,
                    sex=rng.choice("FM"),
                    age=aunt_age,
                )
            )
        else:
            sib_age = rng.randint(max(18, trip.oldest + 1), 24)
            adults.append(
                self._adult(
                    trip,
                    SIBLING,
                    role="CHILD",
                    surnames=kin.child,
                    sex=rng.choice("FM"),
                    age=sib_age,
                )
            )
        return adults

    def _relative(self, trip: _Trip, head: str) -> Adult:
        """A travelling adult who is not the children's parent, with fitting surnames."""
        rng = self._rng
        culture = trip.country.culture
        link = trip.kin.mother if rng.random() < 0.6 else trip.kin.father
        sex = "F" if rng.random() < 0.65 else "M"
        oldest = trip.oldest
        own: tuple[str, ...]
        if head == GRANDPARENT:
            age = _clamp(oldest + rng.randint(34, 48), 40, 70)
            own = self._grandparent_surnames(link, sex, culture)
        elif head == AUNT_UNCLE:
            age = _clamp(oldest + rng.randint(6, 28), 18, 60)
            own = link
        elif head == SIBLING:
            age = rng.randint(max(18, oldest + 1), 25)
            own = trip.kin.child
        else:
            age = rng.randint(18, 50)
            own = names.surnames(rng, culture)
        return self._adult(trip, head, role="HEAD", surnames=own, sex=sex, age=age)

    def _grandparent_surnames(
        self, link: tuple[str, ...], sex: str, culture: str
    ) -> tuple[str, ...]:
        """A grandparent passes one surname to the parent the children descend through."""
        fresh = names.one_surname(self._rng, culture)
        if culture == names.BRAZILIAN:
            return (fresh, link[0] if sex == "F" else link[-1])
        if len(link) == 2:
            return (link[0] if sex == "M" else link[1], fresh)
        return (link[0],) if sex == "M" else (fresh,)

    def _children(self, trip: _Trip, head: str, ages: list[int]) -> list[Child]:
        rng = self._rng
        children: list[Child] = []
        given_seen: set[str] = set()
        for age in ages:
            sex = rng.choice("FM")
            mayan = trip.language in MAYAN_LANGUAGES
            spoken = SPANISH if mayan and rng.random() < 0.25 else trip.language
            dob = dob_for_age(rng, trip.crossed, age)
            person = self._person(trip.kin.child, sex, dob, trip.country, spoken)
            while person.given in given_seen:
                person.given = names.given_name(rng, trip.country.culture, sex)
            given_seen.add(person.given)
            children.append(Child(person, self._child_role(head)))
        return children

    def _child_role(self, head: str) -> str:
        """The child's relation to the head as booked (CHILD is a frequent slip)."""
        if head == PARENT or self._rng.random() < 0.25:
            return "CHILD"
        return SIBLING if head == SIBLING else OTHER
