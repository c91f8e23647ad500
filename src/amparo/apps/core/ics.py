"""iCalendar (RFC 5545) documents for interview feeds: the few properties calendar
clients need, written byte-for-byte the same for the same events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Amparo//Interviews//EN"
METHODS = frozenset({"PUBLISH", "CANCEL"})
CRLF = "\r\n"
# RFC 5545 §3.1: at most 75 octets per physical line, line break excluded.
FOLD_OCTETS = 75

# §3.3.11: TEXT escapes backslash, semicolon, comma and newline. Control characters
# other than tab are not allowed in TEXT at all (CR included: a CRLF in the value
# becomes \n through its LF); a client that meets one may drop the whole feed.
_TEXT = str.maketrans(
    {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\x7f": None}
    | {chr(c): None for c in range(0x20) if chr(c) not in "\t\n"}
)


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str  # globally unique, stable across re-publications of the same interview
    start: datetime  # timezone-aware; written in UTC as 20261201T150000Z
    end: datetime  # timezone-aware
    summary: str
    location: str = ""
    description: str = ""
    sequence: int = 0  # bumped each time the event is re-published with a change
    cancelled: bool = False  # STATUS:CANCELLED (a removed interview), else STATUS:CONFIRMED

    def __post_init__(self) -> None:
        # Refused when built, so a bad event is caught where it was made.
        if not self.uid:
            raise ValueError("event uid is empty")
        _require_aware(self.start, f"start of event {self.uid!r}")
        _require_aware(self.end, f"end of event {self.uid!r}")
        if self.end <= self.start:
            raise ValueError(f"event {self.uid!r} ends at or before its start")
        if self.sequence < 0:
            raise ValueError(f"event {self.uid!r} has a negative sequence")


def calendar(
    events: Iterable[CalendarEvent], *, name: str, stamp: datetime, method: str = "PUBLISH"
) -> str:
    """A whole VCALENDAR document, CRLF line endings, events by start then uid."""
    if method not in METHODS:
        raise ValueError(f"method {method!r} is not one of {sorted(METHODS)}")
    _require_aware(stamp, "stamp")
    ordered = sorted(events, key=lambda e: (e.start, e.uid))
    uids = [e.uid for e in ordered]
    if len(set(uids)) != len(uids):
        # Clients keep one event per UID, so a duplicate would silently hide another.
        raise ValueError("two events share a uid")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    # No events still makes a document: RFC 5545 asks for one component, but clients
    # accept an empty feed, and someone with no interviews must still be able to subscribe.
    for event in ordered:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(event.uid)}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(event.start)}",
            f"DTEND:{_utc(event.end)}",
            f"SEQUENCE:{event.sequence}",
            f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
            f"SUMMARY:{_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + CRLF for line in lines)


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} is a naive datetime; give it a timezone")


def _utc(value: datetime) -> str:
    # Formatted by hand: strftime("%Y") does not pad years before 1000 on every platform.
    # Seconds are the finest unit iCalendar has, so microseconds are dropped.
    u = value.astimezone(UTC)
    return f"{u.year:04d}{u.month:02d}{u.day:02d}T{u.hour:02d}{u.minute:02d}{u.second:02d}Z"


def _text(value: str) -> str:
    return value.translate(_TEXT)


def _fold(line: str) -> str:
    """Split at 75 octets of UTF-8, between characters, never inside one."""
    pieces: list[str] = []
    start, size = 0, 0
    for i, char in enumerate(line):
        width = len(char.encode())
        if size + width > FOLD_OCTETS:
            pieces.append(line[start:i])
            # The continuation's leading space counts towards its 75 octets.
            start, size = i, 1
        size += width
    pieces.append(line[start:])
    return (CRLF + " ").join(pieces)
