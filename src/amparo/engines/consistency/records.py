"""What the engine compares: one credible fear interview as recorded on the I-870
worksheet (DOMAIN.md section 5), reduced to the material facts an officer reads back.

`None` always means *not recorded*, never *no*: an answer given in one interview and not
recorded in the other is not an inconsistency. An empty text is likewise not stated.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class HarmType(StrEnum):
    BEATING = "beating"
    THREAT = "threat"
    SEXUAL_VIOLENCE = "sexual_violence"
    KIDNAPPING = "kidnapping"
    EXTORTION = "extortion"
    KILLING_OF_RELATIVE = "killing_of_relative"
    DETENTION = "detention"
    # Not a type of its own: "other" contradicts no stated type.
    OTHER = "other"


class PerpetratorCategory(StrEnum):
    GANG = "gang"
    POLICE = "police"
    MILITARY = "military"
    FAMILY_MEMBER = "family_member"
    PARTNER = "partner"
    OTHER = "other"


class ProtectedGround(StrEnum):
    RACE = "race"
    RELIGION = "religion"
    NATIONALITY = "nationality"
    POLITICAL_OPINION = "political_opinion"
    PARTICULAR_SOCIAL_GROUP = "particular_social_group"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class ApproxDate:
    """A date as precise as the person said it: "in May 2018" is the whole of May, so
    no day inside May contradicts it. The day (and month) below the precision are
    ignored."""

    on: date
    precision: DatePrecision = DatePrecision.DAY

    @classmethod
    def of_month(cls, year: int, month: int) -> ApproxDate:
        return cls(date(year, month, 1), DatePrecision.MONTH)

    @classmethod
    def of_year(cls, year: int) -> ApproxDate:
        return cls(date(year, 1, 1), DatePrecision.YEAR)

    @property
    def first_day(self) -> date:
        if self.precision is DatePrecision.DAY:
            return self.on
        if self.precision is DatePrecision.MONTH:
            return self.on.replace(day=1)
        return date(self.on.year, 1, 1)

    @property
    def last_day(self) -> date:
        if self.precision is DatePrecision.DAY:
            return self.on
        if self.precision is DatePrecision.MONTH:
            days = calendar.monthrange(self.on.year, self.on.month)[1]
            return self.on.replace(day=days)
        return date(self.on.year, 12, 31)

    def __str__(self) -> str:
        if self.precision is DatePrecision.DAY:
            return self.on.isoformat()
        if self.precision is DatePrecision.MONTH:
            return f"{self.on.year:04d}-{self.on.month:02d}"
        return f"{self.on.year:04d}"


@dataclass(frozen=True, slots=True)
class Harm:
    """One harm from the summary of material facts.

    `ref` is the caller's handle (a worksheet line, a record id), carried through for
    display; it is never compared and is not part of an inconsistency's id, so
    renumbering the summary keeps every recorded assessment.
    """

    type: HarmType
    when: ApproxDate | None = None
    place: str = ""
    perpetrator: str = ""
    perpetrator_category: PerpetratorCategory | None = None
    ref: str = ""

    def __str__(self) -> str:
        parts = [str(self.type), str(self.when) if self.when else "", self.place]
        who = self.perpetrator
        if self.perpetrator_category is not None:
            who = f"{who} [{self.perpetrator_category}]".strip()
        parts.append(who)
        return "; ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Interview:
    """One credible fear interview (I-870). `interpreter_language` is the language the
    interview was held in through the interpreter; an interview held in English without
    one records "english"."""

    interviewed_on: date
    interpreter_language: str | None = None
    best_language: str | None = None
    counsel_present: bool | None = None
    telephonic: bool | None = None
    harms: tuple[Harm, ...] = ()
    protected_grounds: frozenset[ProtectedGround] = frozenset()
    fear_of_persecution: bool | None = None
    fear_of_torture: bool | None = None
    internal_relocation_possible: bool | None = None
    state_protection_available: bool | None = None
    # The officer's flags, not the person's account: carried, never compared.
    possible_bars: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Separation:
    """The parent's separation as it stood at the first interview."""

    separated_on: date | None = None
    knew_child_whereabouts: bool | None = None
