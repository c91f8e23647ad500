"""What a report is computed from: one row per person the settlement's cases reach,
and one per objection, as plain values. The rows are the snapshot: stored with the
report, hashed, and enough to compute every figure again, byte for byte."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

CASES = ("ms_l", "mmm", "dora")


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One person as of the report's date. `scope` holds the cases whose report counts
    them: those they are a member of, and those of a parent or child they were
    separated from (the Ms. L. report counts its parents' children)."""

    person: str
    scope: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    # A separated child: age band at separation, and where ORR's care ended.
    child_band: str = ""  # "under_5" | "5_17" | "unknown"
    discharge: str = ""  # "in_care" | "parent" | "sponsor" | "aged_out"
    # A separated parent: where they are.
    separated_parent: bool = False
    parent_custody: str = ""  # "detained" | "released" | "criminal" | "removed" | "unknown"
    election: str = ""  # "stay" | "waive"
    ineligible: bool = False
    # Milestones reached by the person's settlement interviews and return case.
    interview: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    notice: str = ""  # "reached" | "not_reached"


@dataclass(frozen=True, slots=True)
class ObjectionRow:
    receipt: str
    cases: tuple[str, ...]
    late: bool = False


@dataclass(frozen=True, slots=True)
class Snapshot:
    as_of: str
    people: tuple[PersonRow, ...]
    objections: tuple[ObjectionRow, ...] = field(default=())

    def canonical(self) -> bytes:
        """The snapshot as bytes that do not depend on the order rows were read in:
        each row a list of its fields in `PERSON_FIELDS` order, rows sorted by id."""
        data = {
            "as_of": self.as_of,
            "person_fields": PERSON_FIELDS,
            "people": sorted(
                ([_plain(getattr(p, f)) for f in PERSON_FIELDS] for p in self.people),
                key=lambda row: str(row[0]),
            ),
            "objections": sorted(
                ([o.receipt, list(o.cases), o.late] for o in self.objections),
                key=lambda row: str(row[0]),
            ),
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def from_canonical(cls, raw: bytes) -> Snapshot:
        data = json.loads(raw)
        if data.get("person_fields") != list(PERSON_FIELDS):
            raise ValueError("the snapshot's rows were written with other fields")
        people = tuple(_person(values) for values in data["people"])
        objections = tuple(
            ObjectionRow(r, tuple(c), bool(late)) for r, c, late in data["objections"]
        )
        return cls(data["as_of"], people, objections)


PERSON_FIELDS = tuple(f.name for f in fields(PersonRow))


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _person(values: list[Any]) -> PersonRow:
    return PersonRow(
        *(tuple(v) if isinstance(v, list) else v for v in values)  # type: ignore[arg-type]
    )
