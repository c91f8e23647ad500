"""Writes to the registry. Called inside the caller's transaction and audited
by the caller at the level of its unit of work (an import batch, a review)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID, uuid4

from django.db import connection, transaction
from django.utils import timezone

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.audit.services import audit_record
from amparo.apps.registry import bulk
from amparo.apps.registry.derive import (
    PROVISIONAL_CASE_RULESET,
    PersonSummary,
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
    Representation,
    SourceRecord,
)
from amparo.engines.extracts import KeptRow
from amparo.engines.extracts.spec import Source

# The import-time identity rule: same A-number and same birth year (or an
# unknown date of birth) is the same person. The year guard keeps a child whose
# ORR row carries the parent's A-number by mistake apart from the parent.
INGEST_IDENTITY_RULE = "ingest-anumber-birthyear-v1"
FAMILY_UNIT_RULE = "cbp-family-unit-head-child-v1"


def representations_record(
    *,
    actor: User | None,
    organisation: Organisation,
    people: Sequence[Person],
    g28_filed_on: date,
    reason: str,
) -> int:
    """Record that `organisation` represents `people` (G-28s on file)."""
    with transaction.atomic():
        already = set(
            Representation.objects.filter(
                organisation=organisation, ended_at__isnull=True, person__in=people
            ).values_list("person_id", flat=True)
        )
        new = [p for p in people if p.pk not in already]
        Representation.objects.bulk_create(
            [
                Representation(person=p, organisation=organisation, g28_filed_on=g28_filed_on)
                for p in new
            ]
        )
        audit_record(
            actor=actor,
            action="representation.create",
            object_type="organisation",
            object_id=organisation.pk,
            reason=reason,
            details={"people": [str(p.public_id) for p in new], "g28_filed_on": g28_filed_on},
        )
    return len(new)


# Any constant works: it names "the registry's import lock" for PostgreSQL.
IMPORT_LOCK_KEY = 2018_0626


def serialise_imports() -> None:
    """Make concurrent imports take turns, for the rest of the transaction.

    The identity rule looks up people by A-number; a batch cannot see people
    that another running batch has not committed, so two at once would split
    one person in two. SQLite already serialises writers (BEGIN IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


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

    record_ids = bulk.insert_rows_returning_ids(
        SourceRecord._meta.db_table,
        bulk.SOURCE_RECORD_COLUMNS,
        [
            (
                source.value,
                r.record_id,
                state.batch_id,
                r.line,
                r.row_hash,
                bulk.adapt_json(dict(r.raw)),
                bulk.adapt_json(dict(r.fields)),
                r.fields.get("a_number") or "",
                (r.fields.get("given_names_key") or "")[:200],
                (r.fields.get("surnames_key") or "")[:200],
                bulk.adapt_date(r.fields.get("dob")),
                bool(r.problems),
            )
            for r in new_rows
        ],
    )
    records = record_ids
    person_ids = _assign_people(state=state, rows=new_rows, records=records)
    _write_custody(source=source, rows=new_rows, records=records)
    _note_family_units(
        state=state, source=source, rows=new_rows, records=records, person_ids=person_ids
    )
    _write_provisional_cases(state=state, source=source, rows=new_rows, person_ids=person_ids)
    state.records_created += len(records)
    return ChunkOutcome(new_rows, already, changed)


def _assign_people(
    *, state: RegistryWriteState, rows: Sequence[KeptRow], records: Sequence[int]
) -> list[int]:
    a_numbers = {r.fields["a_number"] for r in rows if r.fields.get("a_number")}
    unseen = a_numbers - state.people_by_a_number.keys()
    for person_id, a_number, dob in Person.objects.filter(a_number__in=unseen).values_list(
        "id", "a_number", "dob"
    ):
        state.people_by_a_number.setdefault(a_number, []).append(
            (person_id, dob.year if dob else None)
        )

    person_ids: list[int] = []
    pending: list[tuple[int, UUID, PersonSummary]] = []
    for index, row in enumerate(rows):
        match = _match_by_a_number(state, row)
        if match is None:
            summary = person_summary(row.fields)
            pending.append((index, uuid4(), summary))
            # A placeholder (negative) id until the insert returns the real one, so
            # later rows of this chunk with the same A-number join this person.
            match = -len(pending)
            if summary.a_number:
                state.people_by_a_number.setdefault(summary.a_number, []).append(
                    (match, _birth_year(summary.dob))
                )
        person_ids.append(match)

    new_ids = bulk.insert_people([(uid, p) for _, uid, p in pending], state.decided_at)
    real_id = {-(n + 1): person_id for n, person_id in enumerate(new_ids)}
    for entries in state.people_by_a_number.values():
        entries[:] = [(real_id.get(pid, pid), year) for pid, year in entries]
    final_ids = [real_id.get(pid, pid) for pid in person_ids]
    state.people_created += len(pending)

    decided_at = bulk.adapt_datetime(state.decided_at)
    bulk.insert_rows(
        RecordAssignment._meta.db_table,
        ("record_id", "person_id", "decided_by", "rule_or_run", "decided_at"),
        [
            (record_id, person_id, Decider.INGEST_RULE.value, INGEST_IDENTITY_RULE, decided_at)
            for record_id, person_id in zip(records, final_ids, strict=True)
        ],
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


def _write_custody(*, source: Source, rows: Sequence[KeptRow], records: Sequence[int]) -> None:
    bulk.insert_rows(
        CustodyEvent._meta.db_table,
        ("record_id", "kind", "occurred_on", "place", "detail"),
        [
            (
                record_id,
                fact.kind.value,
                bulk.adapt_date(fact.occurred_on),
                fact.place[:200],
                fact.detail[:200],
            )
            for row, record_id in zip(rows, records, strict=True)
            for fact in custody_facts(source, row.fields)
        ],
    )
    if source is not Source.USCIS:
        return
    screenings = []
    for row, record_id in zip(rows, records, strict=True):
        fields = row.fields
        counsel = fields.get("counsel_present")
        screenings.append(
            (
                record_id,
                fields.get("kind") or "",
                bulk.adapt_date(fields.get("interviewed_on")),
                (fields.get("language") or "")[:60],
                (fields.get("interpreter_language") or "")[:60],
                None if counsel is None else counsel == "Y",
                fields.get("determination") or "",
                fields.get("ij_review") or "",
            )
        )
    bulk.insert_rows(
        FearScreening._meta.db_table,
        (
            "record_id",
            "kind",
            "interviewed_on",
            "language",
            "interpreter_language",
            "counsel_present",
            "determination",
            "ij_review",
        ),
        screenings,
    )


def _note_family_units(
    *,
    state: RegistryWriteState,
    source: Source,
    rows: Sequence[KeptRow],
    records: Sequence[int],
    person_ids: Sequence[int],
) -> None:
    if source is not Source.CBP:
        return
    for row, record_id, person_id in zip(rows, records, person_ids, strict=True):
        unit = row.fields.get("family_unit_id")
        role = row.fields.get("relationship")
        if not unit or role not in {"HEAD", "CHILD"}:
            continue
        heads, children, head_record = state.family_units.setdefault(unit, (set(), set(), None))
        if role == "HEAD":
            heads.add(person_id)
            state.family_units[unit] = (heads, children, head_record or record_id)
        else:
            children.add(person_id)


def _add_earlier_family_unit_members(state: RegistryWriteState, chunk: int = 2000) -> None:
    """A unit's head may have come in an earlier batch than its children (or
    the reverse): bring those members in from the registry."""
    units = sorted(state.family_units)
    for start in range(0, len(units), chunk):
        earlier = (
            SourceRecord.objects.filter(
                source=Source.CBP.value,
                fields__family_unit_id__in=units[start : start + chunk],
                fields__relationship__in=["HEAD", "CHILD"],
                assignments__superseded_at__isnull=True,
            )
            .exclude(batch_id=state.batch_id)
            .values_list(
                "id", "fields__family_unit_id", "fields__relationship", "assignments__person_id"
            )
        )
        for record_id, unit, role, person_id in earlier:
            heads, children, head_record = state.family_units[unit]
            if role == "HEAD":
                heads.add(person_id)
                state.family_units[unit] = (heads, children, head_record or record_id)
            else:
                children.add(person_id)


def family_unit_relationships_write(*, state: RegistryWriteState) -> int:
    """Record 'parent of' as CBP reported it: the head of a family unit and the
    members booked as the head's children. Reported, not proven: linkage
    weighs it as evidence."""
    _add_earlier_family_unit_members(state)
    decided_at = bulk.adapt_datetime(state.decided_at)
    links = [
        (
            head,
            child,
            RelationshipKind.PARENT.value,
            head_record,
            Decider.INGEST_RULE.value,
            FAMILY_UNIT_RULE,
            decided_at,
        )
        for heads, children, head_record in state.family_units.values()
        for head in heads
        for child in children
        if head != child
    ]
    bulk.insert_rows(
        Relationship._meta.db_table,
        (
            "person_id",
            "relative_id",
            "kind",
            "evidence_id",
            "decided_by",
            "rule_or_run",
            "decided_at",
        ),
        links,
        ignore_conflicts=True,
    )
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
    decided_at = bulk.adapt_datetime(state.decided_at)
    bulk.insert_rows(
        PersonCase._meta.db_table,
        ("person_id", "case_code", "basis", "decided_at"),
        [
            (person_id, code.value, f"{PROVISIONAL_CASE_RULESET}: {basis}", decided_at)
            for (person_id, code), basis in cases.items()
        ],
        ignore_conflicts=True,
    )
