"""What happened to each family after the crossing: separation or not, detention, ORR
custody, fear interviews, removal and reunification. Dates follow each other in the order
the agencies acted, and nothing happens after the extracts were taken."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Final

from amparo.engines.synth.config import EXTRACTED_ON, REUNIFICATION_DEADLINE
from amparo.engines.synth.lives import (
    PARENT,
    Adult,
    Child,
    Family,
    Fear,
    Stay,
)
from amparo.engines.synth.noise import add_years
from amparo.engines.synth.places import (
    ADULT_FACILITIES,
    FAMILY_FACILITIES,
    INTERPRETER_FALLBACK,
    SHELTERS,
)

# Ms. L. was certified on this day; children separated in the last weeks were reunified
# under the court's deadline, earlier ones on ORR's own, slower, schedule.
_CERTIFIED_ON: Final = date(2018, 6, 26)
_LATE_SEPARATIONS: Final = date(2018, 5, 1)
# Longer than the longest wait before an ICE book-in, so a reunion never precedes it.
_MIN_APART: Final = timedelta(days=14)
_NEGATIVE_OTHERS: Final = 0.10
_NEGATIVE_REMOVED: Final = 0.90


def _days(rng: Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _between(rng: Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randrange((high - low).days + 1))


class FateDecider:
    def __init__(self, rng: Random, *, removed_share: float) -> None:
        self._rng = rng
        self._removed_share = removed_share
        # Chosen so that separated parents fail about 40% of screenings overall, removed
        # parents (who mostly failed) included.
        self._negative_separated = max(
            0.0, (0.40 - removed_share * _NEGATIVE_REMOVED) / max(1e-9, 1 - removed_share)
        )

    def decide(self, family: Family) -> None:
        if not family.adults:
            self._alone(family.children[0], family.apprehended_on)
        elif family.separated:
            self._separate(family)
        else:
            self._keep_together(family)

    def _refer(self, child: Child, crossed: date, flag_weights: tuple[int, int, int]) -> None:
        rng = self._rng
        child.disposition = "ORR_TRANSFER"
        # ORR takes minors only: a child about to turn 18 is referred before the birthday.
        last_minor_day = add_years(child.person.dob, 18) - timedelta(days=1)
        child.referred_on = min(crossed + _days(rng, 0, 3), last_minor_day)
        child.referred_by = "CBP" if rng.random() < 0.93 else "ICE"
        child.orr_flag = rng.choices(("Y", "N", ""), weights=flag_weights)[0]
        child.shelter = rng.choice(SHELTERS)

    def _alone(self, child: Child, crossed: date) -> None:
        self._refer(child, crossed, (10, 78, 12))
        self._discharge(child, reunion=None)

    def _separate(self, family: Family) -> None:
        rng = self._rng
        family.unit_kept = rng.choices(("none", "adults", "all"), weights=(60, 25, 15))[0]
        for child in family.children:
            # The agent's "separated" flag is unreliable: often blank, sometimes wrong.
            self._refer(child, family.apprehended_on, (65, 12, 23))
        removed = [rng.random() < self._removed_share for _ in family.adults]
        for adult in family.adults:
            adult.disposition = "PROSECUTION" if rng.random() < 0.55 else "ICE_ADULT"
        reunion = self._reunion(family, removed)
        for child in family.children:
            self._discharge(child, reunion)
        for index, adult in enumerate(family.adults):
            reunited_on = reunion[1] if reunion and reunion[0] == index else None
            self._detain_separated(adult, family, removed=removed[index], reunited_on=reunited_on)

    def _reunion(self, family: Family, removed: list[bool]) -> tuple[int, date] | None:
        """The parent ORR gave the children back to, and when; None if it never did."""
        rng = self._rng
        candidates = [
            i
            for i, adult in enumerate(family.adults)
            if adult.relationship == PARENT and not removed[i]
        ]
        if not candidates or rng.random() >= 0.8:
            return None
        referred = min(c.referred_on for c in family.children if c.referred_on)
        if referred < _LATE_SEPARATIONS:
            on = referred + _days(rng, 20, 150)
        elif rng.random() < 0.85:
            on = _between(rng, max(referred + _MIN_APART, _CERTIFIED_ON), REUNIFICATION_DEADLINE)
        else:
            on = _between(rng, REUNIFICATION_DEADLINE + timedelta(days=1), date(2018, 11, 30))
        return candidates[0], min(on, EXTRACTED_ON)

    def _discharge(self, child: Child, reunion: tuple[int, date] | None) -> None:
        rng = self._rng
        referred = child.referred_on
        if referred is None:
            return
        adulthood = add_years(child.person.dob, 18)
        if reunion is not None and rng.random() < 0.95:
            child.reunified_with, child.discharged_on = reunion
            child.discharge_type = "PARENT"
        elif referred < adulthood <= EXTRACTED_ON and rng.random() < 0.6:
            child.discharged_on, child.discharge_type = adulthood, "AGED_OUT"
        elif rng.random() < 0.7:
            released = referred + _days(rng, 25, 160)
            if released <= EXTRACTED_ON:
                child.discharged_on, child.discharge_type = released, "SPONSOR"

    def _detain_separated(
        self, adult: Adult, family: Family, *, removed: bool, reunited_on: date | None
    ) -> None:
        rng = self._rng
        crossed = family.apprehended_on
        prosecuted = adult.disposition == "PROSECUTION"
        booked = crossed + (_days(rng, 2, 12) if prosecuted else _days(rng, 0, 2))
        if rng.random() < (0.95 if removed else 0.9):
            on = booked + _days(rng, 4, 30)
            if reunited_on is not None:
                # The interview happened while the parent was still apart from the child.
                on = max(booked, min(on, reunited_on - timedelta(days=1)))
            negative = _NEGATIVE_REMOVED if removed else self._negative_separated
            adult.fear = self._fear(adult, on, negative=negative, removable=removed)
        if removed:
            since = adult.fear.on if adult.fear else booked
            adult.removed_on = min(since + _days(rng, 10, 60), EXTRACTED_ON)
        end, reason = self._book_out(booked, adult.removed_on, reunited_on)
        removed_to = family.country if adult.removed_on else ""
        adult.stays = self._stays(rng.choice(ADULT_FACILITIES), booked, end, reason, removed_to)

    def _book_out(
        self, booked: date, removed_on: date | None, reunited_on: date | None
    ) -> tuple[date | None, str]:
        if removed_on is not None:
            return removed_on, "REMOVED"
        if reunited_on is not None:
            return reunited_on, "REUNIFIED"
        released = booked + _days(self._rng, 15, 150)
        if self._rng.random() < 0.65 and released <= EXTRACTED_ON:
            return released, "RELEASED"
        return None, ""

    def _stays(
        self, facility: str, booked: date, end: date | None, reason: str, removed_to: str
    ) -> list[Stay]:
        """One book-in, or two when ICE moved the person between facilities."""
        rng = self._rng
        last = end or EXTRACTED_ON
        if (last - booked).days < 3 or rng.random() >= 0.06:
            return [Stay(facility, booked, end, reason, removed_to)]
        moved = booked + _days(rng, 1, (last - booked).days - 1)
        elsewhere = rng.choice([f for f in ADULT_FACILITIES if f != facility])
        return [
            Stay(facility, booked, moved, "TRANSFERRED"),
            Stay(elsewhere, moved, end, reason, removed_to),
        ]

    def _keep_together(self, family: Family) -> None:
        rng = self._rng
        family.unit_kept = "all" if rng.random() < 0.97 else "none"
        detained = rng.random() < 0.6
        disposition = "ICE_FAMILY" if detained else "RELEASED"
        crossed = family.apprehended_on
        facility = rng.choice(FAMILY_FACILITIES)
        booked = crossed + _days(rng, 1, 3)
        # Family detention of children is limited to about twenty days.
        released = booked + _days(rng, 5, 20)
        for child in family.children:
            child.disposition = disposition
            if detained and rng.random() < 0.85:
                child.stays = [Stay(facility, booked, released, "RELEASED")]
        for adult in family.adults:
            adult.disposition = disposition
            if detained:
                adult.stays = [Stay(facility, booked, released, "RELEASED")]
            if rng.random() < (0.9 if detained else 0.5):
                on = booked + _days(rng, 2, 4) if detained else crossed + _days(rng, 1, 5)
                adult.fear = self._fear(adult, on, negative=_NEGATIVE_OTHERS, removable=False)

    def _fear(self, adult: Adult, on: date, *, negative: float, removable: bool) -> Fear:
        rng = self._rng
        kind = "RF" if adult.prior_apprehension or rng.random() < 0.03 else "CF"
        review = ""
        if rng.random() < negative:
            determination = "NEGATIVE"
            roll = rng.random()
            if roll < 0.55:
                review = "AFFIRMED"
            elif roll < 0.65 and not removable:
                review = "VACATED"
        else:
            determination = "CLOSED" if rng.random() < 0.05 else "POSITIVE"
        language = adult.person.language
        interpreter = language
        fallback = INTERPRETER_FALLBACK.get(language)
        if fallback is not None and rng.random() < fallback[1]:
            interpreter = fallback[0]
        return Fear(kind, on, determination, review, rng.random() < 0.08, interpreter)
