"""One profile per linked person: what all of that person's records say, together.

Kinship is judged between people, not rows: a child's ORR file and CBP booking are read
as one, so a surname dropped in one record is found in the other. Each record is read
only for what the family engine needs; values are kept as the extracts engine normalised
them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Final

from amparo.engines.families.config import FamilyError
from amparo.engines.families.names import Surnames
from amparo.engines.families.person_names import NameRoles, read_names
from amparo.engines.linkage.types import RecordIn, RecordKey

CBP: Final = "cbp_apprehensions"
ICE: Final = "ice_detention"
ORR: Final = "orr_referrals"
USCIS: Final = "uscis_fear"

# Dates agents type when they do not know a birth date: not evidence of age.
_PLACEHOLDER_DOBS: Final = frozenset({date(1900, 1, 1), date(1901, 1, 1), date(1970, 1, 1)})
ADULT_DISPOSITIONS: Final = frozenset({"PROSECUTION", "ICE_ADULT"})
FAMILY_DISPOSITIONS: Final = frozenset({"ICE_FAMILY", "RELEASED"})


@dataclass(frozen=True, slots=True)
class Apprehension:
    """One CBP booking of the person."""

    record: RecordKey
    on: date | None
    sector: str | None
    unit: str | None
    role: str | None
    disposition: str | None

    @property
    def where(self) -> str:
        """Day and sector, as shown to a reviewer."""
        return f"{self.on.isoformat() if self.on else '?'} {self.sector or '?'}"


@dataclass(frozen=True, slots=True)
class Referral:
    """One ORR referral of the person (a child)."""

    record: RecordKey
    referred_on: date | None
    parent_name: str | None
    parent_a_number: str | None
    discharged_on: date | None
    discharge_type: str | None
    flag: str | None = None  # the referring agent's "separated" Y/N (unreliable)


@dataclass(frozen=True, slots=True)
class Stay:
    """One ICE book-in."""

    record: RecordKey
    book_in: date | None
    book_out: date | None
    reason: str | None


@dataclass(frozen=True)
class Profile:
    key: str
    records: tuple[RecordKey, ...]
    given: frozenset[str]
    surnames: Surnames
    given_shown: str | None
    surnames_shown: str | None
    sex: str | None
    dob: date | None
    citizenship: str | None
    language: str | None
    a_numbers: frozenset[str]
    apprehensions: tuple[Apprehension, ...]
    referrals: tuple[Referral, ...]
    stays: tuple[Stay, ...]
    interviews: int

    # Facts read again and again while pairs are weighed, worked out once.
    @cached_property
    def days(self) -> tuple[date, ...]:
        """Days the person was apprehended, in order."""
        return tuple(sorted({a.on for a in self.apprehensions if a.on is not None}))

    @cached_property
    def referred_days(self) -> tuple[date, ...]:
        return tuple(sorted({r.referred_on for r in self.referrals if r.referred_on}))

    @cached_property
    def to_parent_days(self) -> tuple[date, ...]:
        """Days ORR discharged the person (a child) to a parent."""
        return tuple(
            sorted(
                {
                    r.discharged_on
                    for r in self.referrals
                    if r.discharge_type == "PARENT" and r.discharged_on is not None
                }
            )
        )

    @cached_property
    def reunited_days(self) -> tuple[date, ...]:
        """Days ICE released the person (an adult) to be reunited with a child."""
        return tuple(
            sorted({s.book_out for s in self.stays if s.reason == "REUNIFIED" and s.book_out})
        )

    @cached_property
    def surnames_text(self) -> str | None:
        return " ".join(sorted(self.surnames.every)) or None

    @cached_property
    def name_text(self) -> str | None:
        return " ".join(filter(None, (self.given_shown, self.surnames_shown))) or None

    @cached_property
    def a_numbers_text(self) -> str | None:
        return ",".join(sorted(self.a_numbers)) or None

    def age_on(self, day: date | None) -> int | None:
        if self.dob is None or day is None:
            return None
        return day.year - self.dob.year - ((day.month, day.day) < (self.dob.month, self.dob.day))


@lru_cache(maxsize=1 << 14)
def _parsed(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    # Extracts repeat the same few hundred days; parsing each once is enough.
    return _parsed(value) if value else None


def _majority(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    if len(counts) <= 1:
        return next(iter(counts), None)
    # Most frequent, ties broken by the value itself so the result never depends on order.
    return min(counts, key=lambda value: (-counts[value], value))


def _dob(records: Sequence[RecordIn]) -> date | None:
    seen = Counter(
        day
        for record in records
        if (day := _date(record.fields.get("dob"))) is not None and day not in _PLACEHOLDER_DOBS
    )
    if not seen:
        return None
    # The most often recorded date; on a tie prefer one that is not the first of January
    # (a year-only guess), then the earliest.
    return min(seen, key=lambda day: (-seen[day], (day.month, day.day) == (1, 1), day))


def build_profile(key: str, records: Sequence[RecordIn], roles: NameRoles) -> Profile:
    """Everything one person's records say; `records` in any order."""
    ordered = sorted(records, key=lambda record: record.key)
    surnames, given = read_names(ordered, roles)
    apprehensions: list[Apprehension] = []
    referrals: list[Referral] = []
    stays: list[Stay] = []
    interviews = 0
    for record in ordered:
        f = record.fields
        if record.source == CBP:
            apprehensions.append(
                Apprehension(
                    record.key,
                    _date(f.get("apprehended_on")),
                    f.get("sector"),
                    f.get("family_unit_id"),
                    f.get("relationship"),
                    f.get("disposition"),
                )
            )
        elif record.source == ORR:
            referrals.append(
                Referral(
                    record.key,
                    _date(f.get("referred_on")),
                    f.get("parent_name_reported"),
                    f.get("parent_a_number_reported"),
                    _date(f.get("discharged_on")),
                    f.get("discharge_type"),
                    f.get("separated"),
                )
            )
        elif record.source == ICE:
            stays.append(
                Stay(
                    record.key,
                    _date(f.get("book_in_on")),
                    _date(f.get("book_out_on")),
                    f.get("book_out_reason"),
                )
            )
        elif record.source == USCIS:
            interviews += 1
    return Profile(
        key=key,
        records=tuple(record.key for record in ordered),
        given=given,
        surnames=surnames,
        given_shown=_majority(r.fields.get("given_names") for r in ordered),
        surnames_shown=_majority(r.fields.get("surnames") for r in ordered),
        sex=_majority(r.fields.get("sex") for r in ordered),
        dob=_dob(ordered),
        citizenship=_majority(r.fields.get("citizenship") for r in ordered),
        language=_majority(r.fields.get("language") for r in ordered),
        a_numbers=frozenset(a for r in ordered if (a := r.fields.get("a_number"))),
        apprehensions=tuple(apprehensions),
        referrals=tuple(referrals),
        stays=tuple(stays),
        interviews=interviews,
    )


def build_profiles(
    records: Sequence[RecordIn], person_of: Mapping[RecordKey, str]
) -> dict[str, Profile]:
    """Group records by person and build each person's profile."""
    grouped: dict[str, list[RecordIn]] = {}
    seen: set[RecordKey] = set()
    for record in records:
        key = record.key
        if key in seen:
            raise FamilyError(f"record {key[0]}/{key[1]} appears twice in the input")
        seen.add(key)
        person = person_of.get(key)
        if person is None:
            raise FamilyError(f"record {key[0]}/{key[1]} has no person in the clustering")
        grouped.setdefault(person, []).append(record)
    roles = NameRoles(records)
    return {person: build_profile(person, group, roles) for person, group in grouped.items()}
