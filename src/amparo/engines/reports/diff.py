"""What changed since the previous report, and why.

Each category's count is compared; every person who entered or left a category is
explained by what changed on their row (a child no longer a separated child is "found
not to have been separated"; a child whose care ended with a sponsor "discharged to a
sponsor"), and the reasons are counted ("20 children found not to have been
separated"). Someone absent from one of the two snapshots is compared with an empty
row, so the first thing they gained or lost names the reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from amparo.engines.reports.categories import (
    CATEGORIES,
    SECTION_OF,
    count,
    in_report,
    memberships,
)
from amparo.engines.reports.rows import PersonRow, Snapshot

# The row's fields, in the order a reason is looked for.
_FIELDS = (
    "child_band",
    "separated_parent",
    "discharge",
    "parent_custody",
    "member_of",
    "election",
    "ineligible",
    "interview",
    "returns",
    "notice",
    "scope",
)


@dataclass(frozen=True, slots=True)
class Reason:
    """`n` people moved by one kind of change (`field` from `before` to `after`)."""

    code: str
    field: str
    before: str
    after: str
    n: int
    direction: str  # "in" | "out"


@dataclass(frozen=True, slots=True)
class Change:
    code: str
    before: int
    after: int
    reasons: tuple[Reason, ...]

    @property
    def delta(self) -> int:
        return self.after - self.before


def _value(row: PersonRow | None, field: str) -> str:
    if row is None:
        return "absent"
    value = getattr(row, field)
    if isinstance(value, tuple):
        return "+".join(value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value or "none"


# The fields a category's count depends on, by section: a reason is looked for there
# first (a child whose interview was scheduled is explained by the interview, not by
# another change on the same row), then in the cases that reach the person.
_SECTION_FIELDS = {
    "children": ("child_band", "discharge"),
    "parents": ("separated_parent", "parent_custody", "ineligible"),
    "members": ("member_of", "election"),
    "interviews": ("interview",),
    "deported": ("returns",),
    "notice": ("notice",),
}


def _why(
    old: PersonRow | None, new: PersonRow | None, first: tuple[str, ...] = ()
) -> tuple[str, str, str]:
    """The first field (in `_FIELDS` order) that differs. Someone new or gone is
    compared with an empty row: a parent who left every report because their only
    separation was withdrawn was "found not to have been separated"."""
    if old is None and new is None:
        return "none", "", ""
    old = old or PersonRow(person=new.person if new else "")
    new = new or PersonRow(person=old.person)
    for field in (*first, "scope", *_FIELDS):
        if getattr(old, field) != getattr(new, field):
            return field, _value(old, field), _value(new, field)
    return "none", "", ""


def compare(previous: Snapshot, current: Snapshot, report: str) -> tuple[Change, ...]:
    """Each category whose count or membership changed, with its reasons."""
    before_counts, after_counts = count(previous, report), count(current, report)
    old_rows = {p.person: p for p in previous.people}
    new_rows = {p.person: p for p in current.people}
    none: frozenset[str] = frozenset()

    def held(row: PersonRow | None) -> frozenset[str]:
        return memberships(row) if row is not None and in_report(row.scope, report) else none

    tallies: dict[str, Counter[tuple[str, str, str, str]]] = {}
    for person in old_rows.keys() | new_rows.keys():
        old, new = old_rows.get(person), new_rows.get(person)
        was, now = held(old), held(new)
        if was == now:
            continue
        for direction, codes in (("in", now - was), ("out", was - now)):
            for code in codes:
                why = _why(old, new, _SECTION_FIELDS.get(SECTION_OF[code], ()))
                tallies.setdefault(code, Counter())[(*why, direction)] += 1
    changes: list[Change] = []
    for category in CATEGORIES:
        tally = tallies.get(category.code)
        if not tally:
            continue
        reasons = tuple(
            Reason(category.code, field, before, after, n, direction)
            for (field, before, after, direction), n in sorted(
                tally.items(), key=lambda item: (-item[1], item[0])
            )
        )
        code = category.code
        changes.append(Change(code, before_counts[code], after_counts[code], reasons))
    for code in ("objections", "objections_late"):
        if before_counts[code] != after_counts[code]:
            changes.append(Change(code, before_counts[code], after_counts[code], ()))
    return tuple(changes)
