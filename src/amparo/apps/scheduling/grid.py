"""The engine's time grid in the calendar: working days from a start date, whole-hour
slots from the first hour of the working day, in the settlement's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from amparo.engines.scheduling import Hours

# Monday to Friday.
WORKING_WEEKDAYS = frozenset({0, 1, 2, 3, 4})


def next_working_day(day: date) -> date:
    while day.weekday() not in WORKING_WEEKDAYS:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class Grid:
    start: date
    days: int
    first_hour: int
    slots: int
    zone: ZoneInfo

    @classmethod
    def from_settings(cls, start: date, days: int) -> Grid:
        return cls(
            start=next_working_day(start),
            days=days,
            first_hour=settings.AMPARO_SCHEDULE_FIRST_HOUR,
            slots=settings.AMPARO_SCHEDULE_SLOTS,
            zone=ZoneInfo(settings.TIME_ZONE),
        )

    @property
    def dates(self) -> list[date]:
        out: list[date] = []
        day = self.start
        while len(out) < self.days:
            day = next_working_day(day)
            out.append(day)
            day += timedelta(days=1)
        return out

    @property
    def begins(self) -> datetime:
        return self.moment(0, 0)

    @property
    def ends(self) -> datetime:
        return self.moment(self.days - 1, self.slots)

    def moment(self, day: int, slot: int) -> datetime:
        """When slot `slot` of working day `day` starts (slot == slots: the day's end)."""
        on = self.dates[day]
        return datetime.combine(on, time(self.first_hour), self.zone) + timedelta(hours=slot)

    def locate(self, when: datetime) -> tuple[int, int] | None:
        """The (day, slot) in which `when` starts, if the grid has one: a time set by
        hand at 10:30 is in the 10:00 slot."""
        local = when.astimezone(self.zone)
        try:
            day = self.dates.index(local.date())
        except ValueError:
            return None
        slot = local.hour - self.first_hour
        return (day, slot) if 0 <= slot < self.slots else None

    def day_index(self, on: date) -> int:
        """`on` as the engine's day: the working day it falls on, counted from the start
        (a weekend counts as the working day before it); negative before the start."""
        if on < self.start:
            return -sum(
                1
                for k in range(1, (self.start - on).days + 1)
                if (on + timedelta(days=k)).weekday() in WORKING_WEEKDAYS
            )
        return sum(
            1
            for k in range(1, (on - self.start).days + 1)
            if (self.start + timedelta(days=k)).weekday() in WORKING_WEEKDAYS
        )

    def hours(self, weekdays: list[int], start_hour: int, end_hour: int) -> Hours:
        """Weekly availability as the engine's `Hours` over this grid."""
        wanted = set(weekdays)
        return Hours(
            days=frozenset(d for d, on in enumerate(self.dates) if on.weekday() in wanted),
            start=max(0, start_hour - self.first_hour),
            end=max(0, min(self.slots, end_hour - self.first_hour)),
        )
