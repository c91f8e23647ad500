"""The iCalendar writer: one event to the byte, TEXT escaping, folding at 75 octets of
UTF-8, UTC times, order, refusals, and a round trip through a small parser for any
summary."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amparo.apps.core.ics import CalendarEvent, calendar

STAMP = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
START = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
END = START + timedelta(hours=1)
CHICAGO = ZoneInfo("America/Chicago")


def _event(
    uid: str = "interview-1@amparo",
    *,
    start: datetime = START,
    end: datetime = END,
    summary: str = "Interview",
    location: str = "",
    description: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> CalendarEvent:
    return CalendarEvent(uid, start, end, summary, location, description, sequence, cancelled)


def _unfold(document: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab is removed."""
    assert document.endswith("\r\n")
    return re.sub(r"\r\n[ \t]", "", document).split("\r\n")[:-1]


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _value(document: str, name: str) -> str:
    (value,) = [line.split(":", 1)[1] for line in _unfold(document) if line.startswith(name + ":")]
    return _unescape(value)


def _physical_lines(document: str) -> list[bytes]:
    return document.encode().split(b"\r\n")[:-1]


def test_it_writes_one_event_exactly() -> None:
    event = CalendarEvent(
        uid="interview-1@amparo",
        start=START,
        end=END,
        summary="Credible fear interview",
        location="Room 4",
        description="Bring the I-870.",
        sequence=2,
    )
    assert calendar([event], name="Interviews", stamp=STAMP) == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Amparo//Interviews//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Interviews\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:interview-1@amparo\r\n"
        "DTSTAMP:20261120T083000Z\r\n"
        "DTSTART:20261201T150000Z\r\n"
        "DTEND:20261201T160000Z\r\n"
        "SEQUENCE:2\r\n"
        "STATUS:CONFIRMED\r\n"
        "SUMMARY:Credible fear interview\r\n"
        "LOCATION:Room 4\r\n"
        "DESCRIPTION:Bring the I-870.\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_it_leaves_out_empty_location_and_description() -> None:
    document = calendar([_event()], name="Interviews", stamp=STAMP)
    assert "LOCATION" not in document
    assert "DESCRIPTION" not in document


def test_it_writes_an_empty_calendar() -> None:
    assert calendar([], name="Interviews", stamp=STAMP, method="CANCEL") == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Amparo//Interviews//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:CANCEL\r\n"
        "X-WR-CALNAME:Interviews\r\n"
        "END:VCALENDAR\r\n"
    )


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("a\\b", "a\\\\b"),
        ("a;b", "a\\;b"),
        ("a,b", "a\\,b"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "ab"),
        ("a\x00b\x1bc\x7fd", "abcd"),
        # Not special in TEXT: left as they are.
        ('a:b"c\td', 'a:b"c\td'),
    ],
)
def test_it_escapes_text(raw: str, written: str) -> None:
    event = _event(summary=raw, location=raw, description=raw)
    lines = _unfold(calendar([event], name=raw, stamp=STAMP))
    for name in ("SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME"):
        assert f"{name}:{written}" in lines


def test_it_folds_long_lines_between_characters() -> None:
    # 2-, 3- and 4-octet characters and escapes: here the first fold would fall inside the
    # emoji, so that line stops at 74 octets and the emoji starts the next one.
    summary = "Niña, € 🙂 K'iche'; " * 12
    document = calendar([_event(summary=summary)], name="Interviews", stamp=STAMP)
    physical = _physical_lines(document)
    summary_line = "SUMMARY:" + summary.replace(",", "\\,").replace(";", "\\;")
    first = physical.index(summary_line.encode()[:74])

    assert len(summary_line.encode()) > 3 * 75
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode()  # a split character would not decode
    assert physical[first + 1].startswith(" 🙂".encode())
    assert sum(line.startswith(b" ") for line in physical) >= 3
    assert summary_line in _unfold(document)
    assert _value(document, "SUMMARY") == summary


@pytest.mark.parametrize("char", ["é", "€", "🙂"])
def test_it_moves_a_character_that_would_cross_75_octets_whole(char: str) -> None:
    fits = "x" * (75 - len("SUMMARY:"))
    document = calendar([_event(summary=fits)], name="I", stamp=STAMP)
    assert f"\r\nSUMMARY:{fits}\r\n" in document
    # One octet short of the limit: a multi-byte character does not fit and moves whole.
    document = calendar([_event(summary=fits[1:] + char + "y")], name="I", stamp=STAMP)
    assert f"\r\nSUMMARY:{fits[1:]}\r\n {char}y\r\n" in document


def test_it_writes_times_in_utc() -> None:
    winter = datetime(2026, 12, 1, 9, 0, tzinfo=CHICAGO)  # CST, UTC-6
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=CHICAGO)  # CDT, UTC-5
    stamp = datetime(2026, 6, 1, 7, 30, 15, tzinfo=CHICAGO)
    document = calendar(
        [
            _event("winter", start=winter, end=winter + timedelta(minutes=90)),
            _event("summer", start=summer, end=summer + timedelta(minutes=45)),
        ],
        name="Interviews",
        stamp=stamp,
    )
    lines = _unfold(document)
    assert lines.count("DTSTAMP:20260601T123015Z") == 2
    assert "DTSTART:20261201T150000Z" in lines
    assert "DTEND:20261201T163000Z" in lines
    assert "DTSTART:20260701T140000Z" in lines
    assert "DTEND:20260701T144500Z" in lines


def test_it_marks_a_cancelled_event() -> None:
    document = calendar([_event(cancelled=True, sequence=3)], name="Interviews", stamp=STAMP)
    lines = _unfold(document)
    assert "STATUS:CANCELLED" in lines
    assert "STATUS:CONFIRMED" not in lines
    assert "SEQUENCE:3" in lines


def test_it_orders_events_by_start_then_uid_whatever_the_input_order() -> None:
    events = [
        _event("c", start=START, end=END),
        _event("a", start=START, end=END),
        # 09:30 in Chicago is 15:30 UTC: after the two at 15:00 UTC, before 16:00 UTC.
        _event(
            "chicago",
            start=datetime(2026, 12, 1, 9, 30, tzinfo=CHICAGO),
            end=datetime(2026, 12, 1, 10, 30, tzinfo=CHICAGO),
        ),
        _event("b", start=START + timedelta(hours=1), end=END + timedelta(hours=1)),
        _event("z", start=START - timedelta(days=1), end=END - timedelta(days=1)),
    ]
    documents = {
        calendar(order, name="Interviews", stamp=STAMP)
        for order in (events, events[::-1], events[2:] + events[:2])
    }
    assert len(documents) == 1
    (document,) = documents
    uids = [line[len("UID:") :] for line in _unfold(document) if line.startswith("UID:")]
    assert uids == ["z", "a", "c", "chicago", "b"]


@pytest.mark.parametrize("field", ["start", "end"])
def test_it_refuses_a_naive_event_time_naming_field_and_uid(field: str) -> None:
    start = START.replace(tzinfo=None) if field == "start" else START
    end = END.replace(tzinfo=None) if field == "end" else END
    with pytest.raises(ValueError, match=rf"{field} of event 'interview-7'.*naive"):
        _event("interview-7", start=start, end=end)


def test_it_refuses_a_naive_stamp() -> None:
    with pytest.raises(ValueError, match=r"stamp.*naive"):
        calendar([_event()], name="Interviews", stamp=STAMP.replace(tzinfo=None))


@pytest.mark.parametrize("end", [START, START - timedelta(seconds=1)])
def test_it_refuses_an_event_that_does_not_end_after_it_starts(end: datetime) -> None:
    with pytest.raises(ValueError, match="event 'interview-7' ends at or before its start"):
        _event("interview-7", end=end)


def test_it_refuses_an_unknown_method() -> None:
    with pytest.raises(ValueError, match="method 'REQUEST'"):
        calendar([_event()], name="Interviews", stamp=STAMP, method="REQUEST")


def test_it_refuses_two_events_with_one_uid() -> None:
    with pytest.raises(ValueError, match="share a uid"):
        calendar([_event("same"), _event("same", summary="Other")], name="I", stamp=STAMP)


def test_it_refuses_an_empty_uid_and_a_negative_sequence() -> None:
    with pytest.raises(ValueError, match="uid is empty"):
        _event("")
    with pytest.raises(ValueError, match="negative sequence"):
        _event(sequence=-1)


def _allowed_in_text(text: str) -> str:
    """What TEXT can carry: ASCII control characters other than tab and newline go."""
    return "".join(c for c in text if c in "\t\n" or not (c < " " or c == "\x7f"))


@given(summary=st.text())
def test_any_summary_survives_folding_and_escaping(summary: str) -> None:
    document = calendar([_event(summary=summary)], name="Interviews", stamp=STAMP)
    physical = _physical_lines(document)
    assert all(len(line) <= 75 for line in physical)
    # Line breaks only as CRLF, and only between content lines.
    assert b"\r" not in b"".join(physical)
    assert b"\n" not in b"".join(physical)
    assert _value(document, "SUMMARY") == _allowed_in_text(summary)
