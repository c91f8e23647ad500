"""Small extract folders written by hand, and fake linkage and families engines with
the call shapes of the real ones, for testing identify on its own."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from amparo.engines.extracts.spec import SPECS, Source
from amparo.engines.identify import Progress
from amparo.engines.linkage.types import EvidenceItem, RecordIn, RecordKey, ReviewPair

Row = Mapping[str, str]

CBP_ROWS: tuple[Row, ...] = (
    # Rosa and her son Kevin, booked as one unit; Kevin went to ORR.
    {"event_id": "E1", "apprehended_on": "5/10/2018", "family_unit_id": "FMU1",
     "a_number": "A 201-555-017", "first_name": "Rosa", "last_name": "López Pérez",
     "dob": "1985-03-02", "sex": "F", "relationship": "HEAD", "disposition": "PROSECUTION"},
    {"event_id": "E2", "apprehended_on": "2018-05-10", "family_unit_id": "FMU1",
     "first_name": "Kevin", "last_name": "Gómez López", "dob": "2011-07-04",
     "sex": "M", "relationship": "CHILD", "disposition": "ORR_TRANSFER"},
    # Rejected: the id repeats E1's.
    {"event_id": "E1", "first_name": "Otra", "last_name": "Persona"},
    # Rejected: no name and no A-number.
    {"event_id": "E3", "dob": "1990-01-01"},
    # Kept with a bad date.
    {"event_id": "E4", "first_name": "Juan", "last_name": "Xol", "dob": "2018-02-30"},
)  # fmt: skip
ORR_ROWS: tuple[Row, ...] = (
    {"orr_case_id": "ORR-1", "first_name": "Kevin", "last_name": "Gomez", "dob": "7/4/2011",
     "referred_on": "2018-05-12", "parent_name_reported": "mi mamá Rosa"},
)  # fmt: skip


def write_extract(folder: Path, source: Source, rows: Sequence[Row], name: str = "") -> Path:
    spec = SPECS[source]
    path = folder / (name or spec.filename)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(spec.columns)
        writer.writerows([row.get(column, "") for column in spec.columns] for row in rows)
    return path


def write_small_extracts(folder: Path) -> Path:
    write_extract(folder, Source.CBP, CBP_ROWS)
    write_extract(folder, Source.ORR, ORR_ROWS)
    return folder


@dataclass(frozen=True)
class FakeLinks:
    person_of: Mapping[RecordKey, str]
    review: tuple[ReviewPair, ...] = ()
    model: Mapping[str, object] = field(default_factory=lambda: {"fake": "linkage"})
    version: str = "fake-linkage-1"


@dataclass(frozen=True)
class FakeSeparation:
    parent_key: str
    child_key: str
    separated_on: str | None
    status: str
    score: float
    reunified_on: str | None = None
    parent_removed_on: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()


@dataclass(frozen=True)
class FakeFamilies:
    separations: tuple[FakeSeparation, ...]
    review: tuple[ReviewPair, ...] = ()
    links: tuple[object, ...] = ()
    model: Mapping[str, object] = field(default_factory=lambda: {"fake": "families"})
    version: str = "fake-families-1"


def by_name_and_dob(record: RecordIn) -> str:
    """A fake linkage that is right on the small extracts: first given name + dob."""
    given = (record.fields.get("given_names_key") or "?").split()[0]
    return f"{given}-{record.fields.get('dob') or '?'}"


def link_by_name(
    records: Sequence[RecordIn], config: object, *, on_progress: Progress | None = None
) -> FakeLinks:
    if on_progress is not None:
        on_progress("comparing", 0.5)
    return FakeLinks({record.key: by_name_and_dob(record) for record in records})


def families_from_units(
    records: Sequence[RecordIn], person_of: Mapping[RecordKey, str], config: object
) -> FakeFamilies:
    """Every HEAD-CHILD pair of a unit, separated if the child went to ORR."""
    by_role = {
        (record.fields.get("family_unit_id"), record.fields.get("relationship")): record
        for record in records
        if record.fields.get("family_unit_id")
    }
    head, child = by_role[("FMU1", "HEAD")], by_role[("FMU1", "CHILD")]
    evidence = (EvidenceItem("family_unit_id", "match", "FMU1", "FMU1"),)
    separation = FakeSeparation(
        person_of[head.key], person_of[child.key], "2018-05-12", "confirmed", 0.98765, None,
        None, evidence,
    )  # fmt: skip
    return FakeFamilies((separation,))
