"""What a report is computed from: one row per person the settlement's cases reach,
and one per objection, as plain values. The rows are the snapshot: stored with the
report, hashed, and enough to compute every figure again, byte for byte."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
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
        """The snapshot as bytes that do not depend on the order rows were read in."""
        data = {
            "as_of": self.as_of,
            "people": sorted((asdict(p) for p in self.people), key=lambda p: p["person"]),
            "objections": sorted((asdict(o) for o in self.objections), key=lambda o: o["receipt"]),
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def from_canonical(cls, raw: bytes) -> Snapshot:
        data = json.loads(raw)
        people = tuple(_person(p) for p in data["people"])
        objections = tuple(
            ObjectionRow(o["receipt"], tuple(o["cases"]), o["late"]) for o in data["objections"]
        )
        return cls(data["as_of"], people, objections)


def _person(data: dict[str, Any]) -> PersonRow:
    return PersonRow(
        person=str(data["person"]),
        scope=tuple(data["scope"]),
        member_of=tuple(data["member_of"]),
        child_band=str(data["child_band"]),
        discharge=str(data["discharge"]),
        separated_parent=bool(data["separated_parent"]),
        parent_custody=str(data["parent_custody"]),
        election=str(data["election"]),
        ineligible=bool(data["ineligible"]),
        interview=tuple(data["interview"]),
        returns=tuple(data["returns"]),
        notice=str(data["notice"]),
    )
