"""Writes to the registry. Called inside the caller's transaction and audited
by the caller at the level of its unit of work (an import batch, a review)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from amparo.apps.registry.derive import (
    PROVISIONAL_CASE_RULESET,
    custody_facts,
    person_summary,
    provisional_cases,
)
from amparo.apps.registry.models import (
    CustodyEvent,
    Decider,
    FearScreening,
    Person,
    PersonCase,
    RecordAssignment,
    Relationship,
    RelationshipKind,
    SourceRecord,
)
from amparo.engines.extracts import KeptRow
from amparo.engines.extracts.spec import Source

# The import-time identity rule: same A-number and same birth year (or an
# unknown date of birth) is the same person. The year guard keeps a child whose
# ORR row carries the parent's A-number by mistake apart from the parent.
INGEST_IDENTITY_RULE = "ingest-anumber-birthyear-v1"
BULK_BATCH_SIZE = 1000


@dataclass(slots=True)
class RegistryWriteState:
    """What one import batch has written so far, carried across its chunks."""

    batch_id: int
    decided_at: datetime = field(default_factory=timezone.now)
    people_created: int = 0
    records_created: int = 0
    # A-number -> [(person id, birth year or None)] for people seen in this batch.
    people_by_a_number: dict[str, list[tuple[int, int | None]]] = field(default_factory=dict)
    # CBP family unit id -> (head person ids, child person ids, head record id).
    family_units: dict[str, tuple[set[int], set[int], int | None]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    created: list[KeptRow]
    already_present: list[KeptRow]
    changed: list[KeptRow]


def _birth_year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso else None


def _as_date(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def source_records_register(
    *, state: RegistryWriteState, source: Source, rows: Sequence[KeptRow]
) -> ChunkOutcome:
    """Register one chunk of kept rows of one extract.

    A row whose id is already registered with the same content is left alone
    (re-imports change nothing); with different content it is refused, since a
    source record is never changed: a correction is a new record.
    """
    known = dict(
        SourceRecord.objects.filter(
            source=source.value, record_id__in=[r.record_id for r in rows]
        ).values_list("record_id", "row_hash")
    )
    new_rows = [r for r in rows if r.record_id not in known]
    already = [r for r in rows if known.get(r.record_id) == r.row_hash]
    changed = [r for r in rows if r.record_id in known and known[r.record_id] != r.row_hash]
    if not new_rows:
        return ChunkOutcome([], already, changed)

    records = SourceRecord.objects.bulk_create(
        [
            SourceRecord(
                source=source.value,
                record_id=r.record_id,
                batch_id=state.batch_id,
                line=r.line,
                row_hash=r.row_hash,
                raw=dict(r.raw),
                fields=dict(r.fields),
                a_number=r.fields.get("a_number") or "",
                given_names_key=(r.fields.get("given_names_key") or "")[:200],
                surnames_key=(r.fields.get("surnames_key") or "")[:200],
                dob=_as_date(r.fields.get("dob")),
                has_problems=bool(r.problems),
            )
            for r in new_rows
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    person_ids = _assign_people(state=state, rows=new_rows, records=records)
    _write_custody(source=source, rows=new_rows, records=records)
    _note_family_units(
        state=state, source=source, rows=new_rows, records=records, person_ids=person_ids
    )
    _write_provisional_cases(state=state, source=source, rows=new_rows, person_ids=person_ids)
    state.records_created += len(records)
    return ChunkOutcome(new_rows, already, changed)


def _assign_people(
    *, state: RegistryWriteState, rows: Sequence[KeptRow], records: Sequence[SourceRecord]
) -> list[int]:
    a_numbers = {r.fields["a_number"] for r in rows if r.fields.get("a_number")}
    unseen = a_numbers - state.people_by_a_number.keys()
    for person_id, a_number, dob in Person.objects.filter(a_number__in=unseen).values_list(
        "id", "a_number", "dob"
    ):
        state.people_by_a_number.setdefault(a_number, []).append(
            (person_id, dob.year if dob else None)
        )

    person_ids: list[int | None] = []
    pending: list[tuple[int, Person]] = []
    for index, row in enumerate(rows):
        match = _match_by_a_number(state, row)
        person_ids.append(match)
        if match is None:
            summary = person_summary(row.fields)
            person = Person(
                given_names=summary.given_names,
                surnames=summary.surnames,
                name_key=summary.name_key,
                dob=_as_date(summary.dob),
                sex=summary.sex,
                citizenship=summary.citizenship,
                language=summary.language,
                a_number=summary.a_number,
            )
            pending.append((index, person))
            # Later rows of this chunk with the same A-number join this person;
            # its id is filled in once the bulk insert returns it.
            if summary.a_number:
                state.people_by_a_number.setdefault(summary.a_number, []).append(
                    (-(len(pending)), _birth_year(summary.dob))
                )
    created = Person.objects.bulk_create([p for _, p in pending], batch_size=BULK_BATCH_SIZE)
    placeholder_to_id = {-(n + 1): p.pk for n, p in enumerate(created)}
    for (index, _), person in zip(pending, created, strict=True):
        person_ids[index] = person.pk
    for entries in state.people_by_a_number.values():
        entries[:] = [(placeholder_to_id.get(pid, pid), year) for pid, year in entries]
    resolved = [placeholder_to_id.get(pid, pid) if pid is not None else None for pid in person_ids]
    final_ids = [pid for pid in resolved if pid is not None]
    assert len(final_ids) == len(rows)
    state.people_created += len(created)

    RecordAssignment.objects.bulk_create(
        [
            RecordAssignment(
                record_id=record.pk,
                person_id=person_id,
                decided_by=Decider.INGEST_RULE,
                rule_or_run=INGEST_IDENTITY_RULE,
                decided_at=state.decided_at,
            )
            for record, person_id in zip(records, final_ids, strict=True)
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    return final_ids


def _match_by_a_number(state: RegistryWriteState, row: KeptRow) -> int | None:
    a_number = row.fields.get("a_number")
    if not a_number:
        return None
    year = _birth_year(row.fields.get("dob"))
    for person_id, person_year in state.people_by_a_number.get(a_number, ()):
        if year is None or person_year is None or abs(year - person_year) <= 1:
            return person_id
    return None


def _write_custody(
    *, source: Source, rows: Sequence[KeptRow], records: Sequence[SourceRecord]
) -> None:
    events: list[CustodyEvent] = []
    screenings: list[FearScreening] = []
    for row, record in zip(rows, records, strict=True):
        for fact in custody_facts(source, row.fields):
            events.append(
                CustodyEvent(
                    record_id=record.pk,
                    kind=fact.kind,
                    occurred_on=date.fromisoformat(fact.occurred_on),
                    place=fact.place[:200],
                    detail=fact.detail[:200],
                )
            )
        if source is Source.USCIS:
            counsel = row.fields.get("counsel_present")
            screenings.append(
                FearScreening(
                    record_id=record.pk,
                    kind=row.fields.get("kind") or "",
                    interviewed_on=_as_date(row.fields.get("interviewed_on")),
                    language=(row.fields.get("language") or "")[:60],
                    interpreter_language=(row.fields.get("interpreter_language") or "")[:60],
                    counsel_present=None if counsel is None else counsel == "Y",
                    determination=row.fields.get("determination") or "",
                    ij_review=row.fields.get("ij_review") or "",
                )
            )
    CustodyEvent.objects.bulk_create(events, batch_size=BULK_BATCH_SIZE)
    FearScreening.objects.bulk_create(screenings, batch_size=BULK_BATCH_SIZE)


def _note_family_units(
    *,
    state: RegistryWriteState,
    source: Source,
    rows: Sequence[KeptRow],
    records: Sequence[SourceRecord],
    person_ids: Sequence[int],
) -> None:
    if source is not Source.CBP:
        return
    for row, record, person_id in zip(rows, records, person_ids, strict=True):
        unit = row.fields.get("family_unit_id")
        role = row.fields.get("relationship")
        if not unit or role not in {"HEAD", "CHILD"}:
            continue
        heads, children, head_record = state.family_units.setdefault(unit, (set(), set(), None))
        if role == "HEAD":
            heads.add(person_id)
            state.family_units[unit] = (heads, children, head_record or record.pk)
        else:
            children.add(person_id)


def family_unit_relationships_write(*, state: RegistryWriteState) -> int:
    """Record 'parent of' as CBP reported it: the head of a family unit and the
    members booked as the head's children. Reported, not proven: linkage
    weighs it as evidence."""
    links = [
        Relationship(
            person_id=head,
            relative_id=child,
            kind=RelationshipKind.PARENT,
            evidence_id=head_record,
            decided_by=Decider.INGEST_RULE,
            rule_or_run="cbp-family-unit-head-child-v1",
            decided_at=state.decided_at,
        )
        for heads, children, head_record in state.family_units.values()
        for head in heads
        for child in children
        if head != child
    ]
    Relationship.objects.bulk_create(links, batch_size=BULK_BATCH_SIZE, ignore_conflicts=True)
    return len(links)


def _write_provisional_cases(
    *,
    state: RegistryWriteState,
    source: Source,
    rows: Sequence[KeptRow],
    person_ids: Sequence[int],
) -> None:
    cases = {
        (person_id, code): basis
        for row, person_id in zip(rows, person_ids, strict=True)
        for code, basis in provisional_cases(source, row.fields)
    }
    PersonCase.objects.bulk_create(
        [
            PersonCase(
                person_id=person_id,
                case_code=code,
                basis=f"{PROVISIONAL_CASE_RULESET}: {basis}",
                decided_at=state.decided_at,
            )
            for (person_id, code), basis in cases.items()
        ],
        batch_size=BULK_BATCH_SIZE,
        ignore_conflicts=True,
    )
